// Internal to flash_models: a part file being read. The loader reads every layer (family chain,
// then the part) into a Draft whose register references are still text, then validates the
// draft and resolves the references into a PartSpec.
//   part_schema.cpp    command entries and their kinds (the `commands` / `opi_commands` schema)
//   part_layers.cpp    one handler per top-level key, the family chain
//   part_validate.cpp  what a finished draft must have
//   part_resolve.cpp   register fields, timings and the opcode tables
//   part_loader.cpp    the public API (part_loader.h)
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "xipsim/core/yaml_reader.h"
#include "xipsim/flash/part_spec.h"

namespace xipsim::flash::detail {

// A value whose meaning is known only once every layer has been read (register names).
struct Pending {
  std::string text;
  std::string where;  // "file:line:col: field 'x'"
};

// "file:line:col: field 'x'" of `key` in `m`.
std::string where_of(const YamlMap& m, const std::string& key);

struct DraftCommand {
  CommandSpec spec;
  std::vector<Pending> registers;
  std::optional<Pending> dummy_field;
  std::optional<Pending> timing;
};

// Everything read from the layers, with register references still as text.
struct Draft {
  PartSpec part;
  std::map<std::string, Pending> bits;
  std::vector<std::pair<Pending, Pending>> copies;
  std::optional<Pending> four_byte_at_power_on;
  std::optional<Pending> xip_enable;
  std::optional<Pending> octal_mode;
  std::vector<DraftCommand> commands;
  std::vector<std::pair<std::uint8_t, std::string>> qpi_mirror;  // opcode, where
  bool have_name = false, have_id = false, have_size = false;
};

// part_schema.cpp
std::vector<std::string> kind_names();
std::uint8_t byte_of(const YamlMap& m, const std::string& key, std::uint64_t v);
void parse_command(const YamlMap& m, std::vector<DraftCommand>& out);
void parse_opi_command(const YamlMap& m, std::vector<DraftCommand>& out);
std::vector<std::uint8_t> parse_hex_bytes(const YamlMap& m, const std::string& key);

// part_layers.cpp: reads `file` and the families it names, base first.
void load_layers(Draft& d, const std::string& file, int depth);

// part_validate.cpp: the fields every part needs once all layers are read.
void validate(const Draft& d, const std::string& file);

// part_resolve.cpp
FieldRef resolve_field(const PartSpec& p, const Pending& ref);
void resolve(Draft& d);

}  // namespace xipsim::flash::detail
