#include "xipsim/core/yaml_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>

namespace xipsim {

YAML::Node load_yaml_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(fmt::format("{}: cannot open file", path));
  try {
    return YAML::Load(in);
  } catch (const YAML::ParserException& e) {
    throw InputError(fmt::format("{}:{}:{}: YAML syntax error: {}", path, e.mark.line + 1,
                                 e.mark.column + 1, e.msg));
  }
}

std::optional<std::uint64_t> parse_unsigned(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c != '_') digits.push_back(c);
  }
  if (digits.empty()) return std::nullopt;
  int base = 10;
  std::size_t start = 0;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    base = 16;
    start = 2;
  }
  std::uint64_t value = 0;
  for (std::size_t i = start; i < digits.size(); ++i) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(digits[i])));
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (base == 16 && c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else {
      return std::nullopt;
    }
    if (d >= base) return std::nullopt;
    const std::uint64_t next =
        value * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
    if (next / static_cast<std::uint64_t>(base) != value) return std::nullopt;  // overflow
    value = next;
  }
  return value;
}

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(3, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

YamlMap::YamlMap(YAML::Node node, std::string file, std::string path)
    : node_(std::move(node)), file_(std::move(file)), path_(std::move(path)) {
  if (!node_.IsMap()) {
    throw InputError(fmt::format("{}: field '{}': expected a mapping of key: value", where(node_),
                                 path_.empty() ? "<top level>" : path_));
  }
}

std::string YamlMap::where(const YAML::Node& at) const {
  const YAML::Mark m = at.Mark();
  if (m.is_null()) return file_;
  return fmt::format("{}:{}:{}", file_, m.line + 1, m.column + 1);
}

std::string YamlMap::field(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

void YamlMap::fail(const std::string& key, const std::string& expected) const {
  YAML::Node at = node_[key];
  const YAML::Node& pos = (at && at.IsDefined()) ? at : node_;
  std::string got;
  if (at && at.IsScalar()) got = fmt::format(", got '{}'", at.Scalar());
  throw InputError(
      fmt::format("{}: field '{}': expected {}{}", where(pos), field(key), expected, got));
}

bool YamlMap::has(const std::string& key) const {
  const YAML::Node n = node_[key];
  return n && n.IsDefined() && !n.IsNull();
}

YAML::Node YamlMap::child(const std::string& key) const {
  if (!has(key)) {
    throw InputError(fmt::format("{}: field '{}' is missing", where(node_), field(key)));
  }
  return node_[key];
}

std::uint64_t YamlMap::to_u64(const YAML::Node& value, const std::string& key) const {
  if (!value.IsScalar()) fail(key, "an unsigned number (decimal or 0x hex)");
  const auto v = parse_unsigned(value.Scalar());
  if (!v) fail(key, "an unsigned number (decimal or 0x hex)");
  return *v;
}

std::uint64_t YamlMap::u64(const std::string& key) const {
  return to_u64(child(key), key);
}

std::optional<std::uint64_t> YamlMap::opt_u64(const std::string& key) const {
  if (!has(key)) return std::nullopt;
  return u64(key);
}

double YamlMap::number(const std::string& key) const {
  const YAML::Node v = child(key);
  if (!v.IsScalar()) fail(key, "a number");
  if (auto u = parse_unsigned(v.Scalar())) return static_cast<double>(*u);
  char* end = nullptr;
  const std::string& s = v.Scalar();
  const double d = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0') fail(key, "a number");
  return d;
}

std::optional<double> YamlMap::opt_number(const std::string& key) const {
  if (!has(key)) return std::nullopt;
  return number(key);
}

std::string YamlMap::str(const std::string& key) const {
  const YAML::Node v = child(key);
  if (!v.IsScalar()) fail(key, "a text value");
  return v.Scalar();
}

std::optional<std::string> YamlMap::opt_str(const std::string& key) const {
  if (!has(key)) return std::nullopt;
  return str(key);
}

bool YamlMap::boolean(const std::string& key, bool fallback) const {
  if (!has(key)) return fallback;
  const YAML::Node v = node_[key];
  if (v.IsScalar()) {
    const std::string& s = v.Scalar();
    if (s == "true" || s == "yes") return true;
    if (s == "false" || s == "no") return false;
  }
  fail(key, "true or false");
}

std::vector<std::string> YamlMap::str_list(const std::string& key) const {
  std::vector<std::string> out;
  if (!has(key)) return out;
  const YAML::Node v = node_[key];
  if (!v.IsSequence()) fail(key, "a list of text values");
  for (const auto& e : v) {
    if (!e.IsScalar()) fail(key, "a list of text values");
    out.push_back(e.Scalar());
  }
  return out;
}

std::vector<std::optional<std::uint64_t>> YamlMap::opt_u64_list(const std::string& key) const {
  const YAML::Node v = child(key);
  if (!v.IsSequence()) fail(key, "a list of numbers (null for an unused entry)");
  std::vector<std::optional<std::uint64_t>> out;
  for (const auto& e : v) {
    if (e.IsNull()) {
      out.emplace_back(std::nullopt);
      continue;
    }
    if (!e.IsScalar() || !parse_unsigned(e.Scalar())) {
      throw InputError(
          fmt::format("{}: field '{}': expected a list of numbers (null for an unused "
                      "entry), got '{}'",
                      where(e), field(key), e.IsScalar() ? e.Scalar() : "<not a number>"));
    }
    out.emplace_back(parse_unsigned(e.Scalar()));
  }
  return out;
}

YamlMap YamlMap::map(const std::string& key) const {
  return YamlMap(child(key), file_, field(key));
}

std::optional<YamlMap> YamlMap::opt_map(const std::string& key) const {
  if (!has(key)) return std::nullopt;
  return map(key);
}

std::vector<YamlMap> YamlMap::map_list(const std::string& key) const {
  std::vector<YamlMap> out;
  if (!has(key)) return out;
  const YAML::Node v = node_[key];
  if (!v.IsSequence()) fail(key, "a list of mappings");
  std::size_t i = 0;
  for (const auto& e : v) {
    out.emplace_back(e, file_, fmt::format("{}[{}]", field(key), i++));
  }
  return out;
}

void YamlMap::allow_only(const std::vector<std::string>& known) const {
  for (const auto& kv : node_) {
    const std::string key = kv.first.Scalar();
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    const std::string hint = closest_match(key, known);
    throw InputError(fmt::format("{}: unknown key '{}'{}", where(kv.first), field(key),
                                 hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
  }
}

}  // namespace xipsim
