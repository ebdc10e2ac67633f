// Strict reading of YAML data files (chip profiles, flash parts, scenarios).
//
// Every error names file:line:column, the field and what was expected. Unknown keys are
// rejected with the closest known key suggested, so a typo never becomes a silent default.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xipsim/core/errors.h"

namespace xipsim {

// Parses a YAML file; a syntax error becomes an InputError with file:line:column.
YAML::Node load_yaml_file(const std::string& path);

// Parses an unsigned integer written as decimal or 0x-hex, with optional '_' digit separators
// (0x6000_0000). Returns nullopt when the text is not such a number.
std::optional<std::uint64_t> parse_unsigned(const std::string& text);

// The candidate closest to `word` by edit distance, or "" when none is reasonably close.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

// A mapping node read strictly. `path` is the dotted location used in messages ("flexspi[0]").
class YamlMap {
 public:
  YamlMap(YAML::Node node, std::string file, std::string path);

  bool has(const std::string& key) const;
  std::uint64_t u64(const std::string& key) const;
  std::optional<std::uint64_t> opt_u64(const std::string& key) const;
  double number(const std::string& key) const;
  std::optional<double> opt_number(const std::string& key) const;
  std::string str(const std::string& key) const;
  std::optional<std::string> opt_str(const std::string& key) const;
  bool boolean(const std::string& key, bool fallback) const;
  std::vector<std::string> str_list(const std::string& key) const;  // absent -> empty
  // A list whose entries are numbers or null (null -> nullopt).
  std::vector<std::optional<std::uint64_t>> opt_u64_list(const std::string& key) const;
  YamlMap map(const std::string& key) const;
  std::optional<YamlMap> opt_map(const std::string& key) const;
  std::vector<YamlMap> map_list(const std::string& key) const;  // absent -> empty

  // Fails on any key not in `known`, suggesting the closest known key.
  void allow_only(const std::vector<std::string>& known) const;

  // Throws InputError "file:line:col: field 'path.key': expected ..., got ...".
  [[noreturn]] void fail(const std::string& key, const std::string& expected) const;

  // "file:line:col" of a node inside this mapping (the file alone when it has no mark).
  std::string where(const YAML::Node& at) const;

  const std::string& file() const { return file_; }
  const std::string& path() const { return path_; }
  const YAML::Node& node() const { return node_; }

 private:
  YAML::Node child(const std::string& key) const;  // required
  std::string field(const std::string& key) const;
  std::uint64_t to_u64(const YAML::Node& value, const std::string& key) const;

  YAML::Node node_;
  std::string file_;
  std::string path_;
};

}  // namespace xipsim
