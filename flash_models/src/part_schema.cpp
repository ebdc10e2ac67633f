// Part files: command entries (`commands`, `opi_commands`) and the command kinds.
#include <fmt/format.h>

#include <cstdio>

#include "part_draft.h"
#include "xipsim/core/names.h"

namespace xipsim::flash {

namespace {
constexpr const char* kKindNames[] = {"read",
                                      "read_sfdp",
                                      "read_id",
                                      "read_register",
                                      "write_register",
                                      "write_enable",
                                      "write_disable",
                                      "volatile_write_enable",
                                      "program",
                                      "erase",
                                      "erase_chip",
                                      "reset_enable",
                                      "reset",
                                      "power_down",
                                      "release_power_down",
                                      "enter_4byte",
                                      "exit_4byte",
                                      "enter_qpi",
                                      "exit_qpi",
                                      "suspend",
                                      "resume",
                                      "clear_flag_status",
                                      "read_config",
                                      "write_config"};
constexpr std::size_t kKindCount = sizeof(kKindNames) / sizeof(kKindNames[0]);
}  // namespace

namespace detail {

std::vector<std::string> kind_names() {
  return {std::begin(kKindNames), std::end(kKindNames)};
}

std::string where_of(const YamlMap& m, const std::string& key) {
  const YAML::Node n = m.node()[key];
  const YAML::Mark mark = n ? n.Mark() : m.node().Mark();
  const std::string field = m.path().empty() ? key : m.path() + "." + key;
  return fmt::format("{}:{}:{}: field '{}'", m.file(), mark.line + 1, mark.column + 1, field);
}

std::uint8_t byte_of(const YamlMap& m, const std::string& key, std::uint64_t v) {
  if (v > 0xFF) m.fail(key, "a byte (0..0xFF)");
  return static_cast<std::uint8_t>(v);
}

namespace {

// "1-4-4" -> pads per phase.
void parse_bus(const YamlMap& m, const std::string& key, CommandSpec& c) {
  const std::string s = m.str(key);
  unsigned a = 0, b = 0, d = 0;
  char x, y;
  auto ok = [](unsigned p) { return p == 1 || p == 2 || p == 4; };
  if (std::sscanf(s.c_str(), "%u%c%u%c%u", &a, &x, &b, &y, &d) != 5 || x != '-' || y != '-' ||
      !ok(a) || !ok(b) || !ok(d) || (a == 2)) {
    m.fail(key, "a bus width like 1-1-1, 1-1-4, 1-4-4 or 4-4-4 (pads 1, 2 or 4)");
  }
  c.cmd_pads = static_cast<std::uint8_t>(a);
  c.addr_pads = static_cast<std::uint8_t>(b);
  c.data_pads = static_cast<std::uint8_t>(d);
}

CommandKind parse_kind(const YamlMap& m) {
  const std::string k = m.str("kind");
  for (std::size_t i = 0; i < kKindCount; ++i) {
    if (k == kKindNames[i]) return static_cast<CommandKind>(i);
  }
  const std::string hint = closest_match(k, kind_names());
  m.fail("kind", "one of the command kinds (read, program, erase, ...)" +
                     (hint.empty() ? std::string() : " (did you mean '" + hint + "'?)"));
}

void parse_dummy(const YamlMap& m, DraftCommand& dc) {
  const YAML::Node n = m.node()["dummy"];
  if (!n) return;
  if (n.IsScalar()) {
    dc.spec.dummy.fixed = static_cast<unsigned>(m.u64("dummy"));
    if (dc.spec.dummy.fixed > 31) m.fail("dummy", "a dummy cycle count of at most 31");
    dc.dummy_field.reset();
    dc.spec.dummy.table.clear();
    return;
  }
  const YamlMap d = m.map("dummy");
  d.allow_only({"field", "table"});
  dc.dummy_field = Pending{d.str("field"), where_of(d, "field")};
  dc.spec.dummy.table.clear();
  for (const auto& v : d.opt_u64_list("table")) {
    if (!v || *v > 31) d.fail("table", "a list of dummy cycle counts (0..31), one per field value");
    dc.spec.dummy.table.push_back(static_cast<std::uint8_t>(*v));
  }
  if (dc.spec.dummy.table.empty()) d.fail("table", "a non-empty list of dummy cycle counts");
}

void apply_kind_defaults(DraftCommand& dc) {
  CommandSpec& c = dc.spec;
  switch (c.kind) {
    case CommandKind::kRead:
    case CommandKind::kProgram:
    case CommandKind::kErase:
      c.address = AddressMode::kCurrent;
      break;
    case CommandKind::kReadSfdp:
      c.address = AddressMode::kThreeByte;
      c.dummy.fixed = 8;  // JESD216: 5Ah + 3-byte address + 8 dummy cycles (flash-parts.md)
      break;
    case CommandKind::kReadConfig:
    case CommandKind::kWriteConfig:
      c.address = AddressMode::kFourByte;  // the register's 32-bit address (MX25UM CR2)
      break;
    default:
      c.address = AddressMode::kNone;
  }
  c.needs_wren = c.kind == CommandKind::kProgram || c.kind == CommandKind::kErase ||
                 c.kind == CommandKind::kEraseChip || c.kind == CommandKind::kWriteRegister ||
                 c.kind == CommandKind::kWriteConfig;
  if (c.kind == CommandKind::kProgram) dc.timing = Pending{"page_program", c.source_line};
  if (c.kind == CommandKind::kEraseChip) dc.timing = Pending{"erase_chip", c.source_line};
}

AddressMode parse_address(const YamlMap& m) {
  const std::string a = m.str("addr");
  if (a == "current") return AddressMode::kCurrent;
  if (a == "3") return AddressMode::kThreeByte;
  if (a == "4") return AddressMode::kFourByte;
  if (a == "none") return AddressMode::kNone;
  m.fail("addr", "current, 3, 4 or none");
}

// The keys SPI and octal command entries share; `bus` and `qpi` (SPI) or `rate` (octal) are
// read by the callers.
DraftCommand parse_command_fields(const YamlMap& m) {
  DraftCommand dc;
  const YAML::Mark mark = m.node().Mark();
  dc.spec.source_line = fmt::format("{}:{}", m.file(), mark.line + 1);
  dc.spec.opcode = byte_of(m, "op", m.u64("op"));
  dc.spec.kind = parse_kind(m);
  apply_kind_defaults(dc);
  return dc;
}

void parse_command_options(const YamlMap& m, DraftCommand& dc) {
  if (m.has("addr")) dc.spec.address = parse_address(m);
  parse_dummy(m, dc);
  dc.spec.mode_cycles = static_cast<unsigned>(m.opt_u64("mode_cycles").value_or(0));
  dc.spec.continuous = m.boolean("continuous", false);
  dc.spec.needs_wren = m.boolean("wren", dc.spec.needs_wren);
  dc.spec.volatile_write = m.boolean("volatile", false);
  if (m.has("short_write")) {
    const std::string s = m.str("short_write");
    if (s != "keep" && s != "clear") m.fail("short_write", "keep or clear");
    dc.spec.short_write_clears = s == "clear";
  }
  for (const auto& r : m.str_list("registers"))
    dc.registers.push_back(Pending{r, where_of(m, "registers")});
  if (m.has("size")) dc.spec.erase_bytes = static_cast<std::uint32_t>(m.u64("size"));
  if (m.has("time")) dc.timing = Pending{m.str("time"), where_of(m, "time")};

  const CommandKind k = dc.spec.kind;
  if (k == CommandKind::kErase && (dc.spec.erase_bytes == 0 || !dc.timing))
    m.fail("size", "an erase command with both 'size' (bytes) and 'time' (a timing name)");
  if ((k == CommandKind::kReadRegister || k == CommandKind::kWriteRegister) && dc.registers.empty())
    m.fail("registers", "a list of register names for a register read/write command");
  if (dc.spec.mode_cycles > 0 && dc.spec.dummy.fixed < dc.spec.mode_cycles && !dc.dummy_field)
    m.fail("mode_cycles", "no more mode cycles than dummy cycles (dummy counts the mode cycles)");
}

}  // namespace

// One entry of `commands`; a `qpi` key adds the 4-4-4 twin of the command.
void parse_command(const YamlMap& m, std::vector<DraftCommand>& out) {
  m.allow_only({"op", "kind", "bus", "addr", "dummy", "mode_cycles", "continuous", "wren",
                "registers", "volatile", "short_write", "size", "time", "qpi"});
  DraftCommand dc = parse_command_fields(m);
  if (m.has("bus")) parse_bus(m, "bus", dc.spec);
  parse_command_options(m, dc);
  out.push_back(dc);

  if (m.has("qpi")) {
    const YAML::Node q = m.node()["qpi"];
    if (q.IsScalar() && !m.boolean("qpi", false)) return;
    DraftCommand twin = dc;
    twin.spec.cmd_pads = 4;
    twin.spec.addr_pads = 4;
    twin.spec.data_pads = 4;
    if (q.IsMap()) {
      const YamlMap qm = m.map("qpi");
      qm.allow_only({"dummy", "mode_cycles", "op"});
      parse_dummy(qm, twin);
      if (qm.has("mode_cycles"))
        twin.spec.mode_cycles = static_cast<unsigned>(qm.u64("mode_cycles"));
      if (qm.has("op")) twin.spec.opcode = byte_of(qm, "op", qm.u64("op"));
    }
    out.push_back(twin);
  }
}

// One entry of `opi_commands`: every phase on 8 pads, the opcode followed by its extension, and
// (in OPI) a 4-byte address on every command that carries data or an address on silicon.
void parse_opi_command(const YamlMap& m, std::vector<DraftCommand>& out) {
  m.allow_only({"op", "kind", "addr", "dummy", "wren", "registers", "size", "time", "rate"});
  DraftCommand dc = parse_command_fields(m);
  dc.spec.cmd_pads = dc.spec.addr_pads = dc.spec.data_pads = 8;
  switch (dc.spec.kind) {
    case CommandKind::kWriteEnable:
    case CommandKind::kWriteDisable:
    case CommandKind::kEraseChip:
    case CommandKind::kResetEnable:
    case CommandKind::kReset:
    case CommandKind::kPowerDown:
    case CommandKind::kReleasePowerDown:
    case CommandKind::kSuspend:
    case CommandKind::kResume:
      break;
    default:
      dc.spec.address = AddressMode::kFourByte;
  }
  if (m.has("rate")) {
    const std::string r = m.str("rate");
    if (r != "str" && r != "dtr" && r != "any") m.fail("rate", "str, dtr or any");
    dc.spec.rate = r == "str" ? OpiRate::kStr : r == "dtr" ? OpiRate::kDtr : OpiRate::kAny;
  }
  parse_command_options(m, dc);
  out.push_back(dc);
}

std::vector<std::uint8_t> parse_hex_bytes(const YamlMap& m, const std::string& key) {
  std::vector<std::uint8_t> out;
  std::string digits;
  for (char c : m.str(key)) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (!std::isxdigit(static_cast<unsigned char>(c)))
      m.fail(key, "hex bytes like \"53 46 44 50\"");
    digits.push_back(c);
  }
  if (digits.size() % 2 != 0) m.fail(key, "an even number of hex digits");
  for (std::size_t i = 0; i < digits.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoul(digits.substr(i, 2), nullptr, 16)));
  return out;
}

}  // namespace detail

const char* to_string(CommandKind kind) {
  return kKindNames[static_cast<std::size_t>(kind)];
}

}  // namespace xipsim::flash
