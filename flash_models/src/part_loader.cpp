#include "xipsim/flash/part_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include "xipsim/chips/chip_catalog.h"
#include "xipsim/core/duration.h"
#include "xipsim/core/names.h"
#include "xipsim/core/yaml_reader.h"

namespace xipsim::flash {
namespace fs = std::filesystem;

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

std::vector<std::string> kind_names() {
  return {std::begin(kKindNames), std::end(kKindNames)};
}

// A value whose meaning is known only once every layer has been read (register names).
struct Pending {
  std::string text;
  std::string where;  // "file:line:col: field 'x'"
};

std::string where_of(const YamlMap& m, const std::string& key) {
  const YAML::Node n = m.node()[key];
  const YAML::Mark mark = n ? n.Mark() : m.node().Mark();
  const std::string field = m.path().empty() ? key : m.path() + "." + key;
  return fmt::format("{}:{}:{}: field '{}'", m.file(), mark.line + 1, mark.column + 1, field);
}

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

std::uint8_t byte_of(const YamlMap& m, const std::string& key, std::uint64_t v) {
  if (v > 0xFF) m.fail(key, "a byte (0..0xFF)");
  return static_cast<std::uint8_t>(v);
}

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

void merge_commands(Draft& d, const YamlMap& top) {
  std::vector<DraftCommand> layer;
  for (const auto& c : top.map_list("commands"))
    parse_command(c, layer);
  for (const auto& c : top.map_list("opi_commands"))
    parse_opi_command(c, layer);
  for (std::size_t i = 0; i < layer.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (layer[j].spec.opcode == layer[i].spec.opcode &&
          layer[j].spec.cmd_pads == layer[i].spec.cmd_pads)
        throw InputError(
            fmt::format("{}: command 0x{:02X} ({}-pad opcode) listed twice in the "
                        "same file (first at {})",
                        layer[i].spec.source_line, layer[i].spec.opcode, layer[i].spec.cmd_pads,
                        layer[j].spec.source_line));
    }
    // A later layer (the part) replaces the family's entry for the same opcode and mode.
    auto& cmds = d.commands;
    cmds.erase(std::remove_if(cmds.begin(), cmds.end(),
                              [&](const DraftCommand& e) {
                                return e.spec.opcode == layer[i].spec.opcode &&
                                       e.spec.cmd_pads == layer[i].spec.cmd_pads;
                              }),
               cmds.end());
    cmds.push_back(layer[i]);
  }
}

void merge_registers(Draft& d, const YamlMap& top) {
  const auto regs = top.opt_map("registers");
  if (!regs) return;
  for (const auto& kv : regs->node()) {
    const std::string name = kv.first.as<std::string>();
    const YamlMap r(kv.second, top.file(), "registers." + name);
    r.allow_only({"bytes", "factory", "writable", "storage", "address"});
    const int existing = d.part.register_index(name);
    RegisterSpec spec;
    if (existing >= 0) spec = d.part.registers[static_cast<std::size_t>(existing)];
    spec.name = name;
    if (r.has("bytes")) spec.bytes = static_cast<unsigned>(r.u64("bytes"));
    if (spec.bytes < 1 || spec.bytes > 4) r.fail("bytes", "1 to 4");
    if (r.has("factory")) spec.factory = static_cast<std::uint32_t>(r.u64("factory"));
    if (r.has("writable")) spec.writable = static_cast<std::uint32_t>(r.u64("writable"));
    if (r.has("storage")) {
      const std::string s = r.str("storage");
      if (s != "volatile" && s != "nonvolatile") r.fail("storage", "volatile or nonvolatile");
      spec.storage = s == "volatile" ? RegisterStorage::kVolatile : RegisterStorage::kNonVolatile;
    }
    if (r.has("address")) {
      const std::uint64_t a = r.u64("address");
      if (a > 0xFFFFFFFFull) r.fail("address", "a 32-bit configuration register address");
      spec.config_address = static_cast<std::uint32_t>(a);
    }
    const std::uint64_t limit = spec.bytes == 4 ? 0xFFFFFFFFull : (1ull << (8 * spec.bytes)) - 1;
    if (spec.factory > limit)
      r.fail("factory", fmt::format("a value that fits {} byte(s)", spec.bytes));
    if (existing >= 0) {
      d.part.registers[static_cast<std::size_t>(existing)] = spec;
    } else {
      d.part.registers.push_back(spec);
    }
  }
}

void merge_timing(Draft& d, const YamlMap& top) {
  const auto t = top.opt_map("timing");
  if (!t) return;
  auto dur = [](const YamlMap& m, const std::string& key) {
    const auto v = parse_duration(m.str(key));
    if (!v) m.fail(key, "a duration with a unit, like \"0.4 ms\" or \"6 ns\"");
    return *v;
  };
  for (const auto& kv : t->node()) {
    const std::string key = kv.first.as<std::string>();
    if (key == "tclqv") {
      d.part.tclqv = dur(*t, key);
    } else if (key == "tclqx") {
      d.part.tclqx = dur(*t, key);
    } else if (key == "reset_recovery") {
      d.part.reset_recovery = dur(*t, key);
    } else {
      const YamlMap op = t->map(key);
      op.allow_only({"typ", "max"});
      Timing tm{key, dur(op, "typ"), dur(op, "max")};
      if (tm.max < tm.typ) op.fail("max", "a maximum not below the typical time");
      auto it = std::find_if(d.part.timings.begin(), d.part.timings.end(),
                             [&](const Timing& x) { return x.name == key; });
      if (it != d.part.timings.end()) {
        *it = tm;
      } else {
        d.part.timings.push_back(tm);
      }
    }
  }
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

void merge_protocol(Draft& d, const YamlMap& top) {
  PartSpec& p = d.part;
  if (top.has("protocol")) {
    const std::string v = top.str("protocol");
    if (v != "spi" && v != "hyperbus") top.fail("protocol", "spi or hyperbus");
    p.protocol = v == "hyperbus" ? Protocol::kHyperBus : Protocol::kSpi;
  }
  const auto h = top.opt_map("hyperbus");
  if (!h) return;
  if (p.protocol != Protocol::kHyperBus) top.fail("hyperbus", "protocol: hyperbus first");
  h->allow_only({"read_latency_clocks", "sector_bytes", "buffer_bytes"});
  p.hyperbus.read_latency_clocks = static_cast<unsigned>(h->u64("read_latency_clocks"));
  p.hyperbus.sector_bytes = static_cast<std::uint32_t>(h->u64("sector_bytes"));
  p.hyperbus.buffer_bytes = static_cast<std::uint32_t>(h->u64("buffer_bytes"));
  if (p.hyperbus.read_latency_clocks < 3 || p.hyperbus.read_latency_clocks > 31)
    h->fail("read_latency_clocks", "3 to 31 clocks (HyperFlash: 5 to 16)");
  if (p.hyperbus.sector_bytes == 0 || (p.hyperbus.sector_bytes & (p.hyperbus.sector_bytes - 1)))
    h->fail("sector_bytes", "a power of two");
  if (p.hyperbus.buffer_bytes == 0 || p.hyperbus.buffer_bytes % 2)
    h->fail("buffer_bytes", "an even number of bytes (whole 16-bit words)");
}

// Octal parts: the register field that switches the bus mode (resolved in finish()).
void merge_octal(Draft& d, const YamlMap& top) {
  const auto o = top.opt_map("octal");
  if (!o) return;
  o->allow_only({"mode", "str_value", "dtr_value", "dtr_registers_repeat"});
  d.octal_mode = Pending{o->str("mode"), where_of(*o, "mode")};
  OctalSpec& oct = d.part.octal;
  oct.str_value = static_cast<std::uint32_t>(o->opt_u64("str_value").value_or(oct.str_value));
  oct.dtr_value = static_cast<std::uint32_t>(o->opt_u64("dtr_value").value_or(oct.dtr_value));
  if (oct.str_value == oct.dtr_value) o->fail("dtr_value", "a value other than str_value");
  oct.dtr_registers_repeat = o->boolean("dtr_registers_repeat", oct.dtr_registers_repeat);
}

void merge_layer(Draft& d, const YamlMap& top) {
  top.allow_only({"name",       "family",       "vendor",          "jedec_id",   "size_bytes",
                  "page_bytes", "max_sclk_mhz", "registers",       "bits",       "power_on",
                  "qe_clear",   "addressing",   "continuous_read", "soft_reset", "busy_accepts",
                  "commands",   "timing",       "protection",      "sfdp",       "unconfirmed",
                  "qpi_mirror", "protocol",     "hyperbus",        "octal",      "opi_commands"});
  PartSpec& p = d.part;
  merge_protocol(d, top);
  merge_octal(d, top);
  if (top.has("name")) {
    p.name = top.str("name");
    d.have_name = true;
  }
  if (top.has("vendor")) p.vendor = top.str("vendor");
  if (top.has("jedec_id")) {
    p.jedec_id.clear();
    for (const auto& v : top.opt_u64_list("jedec_id")) {
      if (!v || *v > 0xFF) top.fail("jedec_id", "a list of ID bytes (0..0xFF)");
      p.jedec_id.push_back(static_cast<std::uint8_t>(*v));
    }
    if (p.jedec_id.empty()) top.fail("jedec_id", "at least one ID byte");
    d.have_id = true;
  }
  if (top.has("size_bytes")) {
    p.size_bytes = top.u64("size_bytes");
    if (p.size_bytes < 4096 || (p.size_bytes & (p.size_bytes - 1)) != 0 ||
        p.size_bytes > (1ull << 32))
      top.fail("size_bytes", "a power of two between 4 KiB and 4 GiB");
    d.have_size = true;
  }
  if (top.has("page_bytes")) {
    p.page_bytes = static_cast<std::uint32_t>(top.u64("page_bytes"));
    if (p.page_bytes < 1 || (p.page_bytes & (p.page_bytes - 1)) != 0 || p.page_bytes > 4096)
      top.fail("page_bytes", "a power of two up to 4096");
  }
  if (top.has("max_sclk_mhz")) p.max_sclk_mhz = top.number("max_sclk_mhz");
  merge_registers(d, top);
  if (const auto b = top.opt_map("bits")) {
    b->allow_only({"wip", "wel", "qe", "srp", "bp", "tb", "sec", "cmp", "sus", "four_byte", "ready",
                   "program_error", "erase_error", "protect_error", "upper_address"});
    for (const auto& kv : b->node()) {
      const std::string key = kv.first.as<std::string>();
      d.bits[key] = Pending{b->str(key), where_of(*b, key)};
    }
  }
  for (const auto& s : top.str_list("power_on")) {
    const auto arrow = s.find("<-");
    if (arrow == std::string::npos)
      top.fail("power_on", "entries like \"VCR[7:4] <- NVCR[15:12]\"");
    auto trim = [](std::string x) {
      x.erase(0, x.find_first_not_of(' '));
      x.erase(x.find_last_not_of(' ') + 1);
      return x;
    };
    const std::string w = where_of(top, "power_on");
    d.copies.emplace_back(Pending{trim(s.substr(0, arrow)), w},
                          Pending{trim(s.substr(arrow + 2)), w});
  }
  if (top.has("qe_clear") && top.str("qe_clear") != "ignored")
    top.fail("qe_clear", "ignored (the only behaviour modelled; see docs/flash-model.md)");
  if (const auto a = top.opt_map("addressing")) {
    a->allow_only({"power_on", "four_byte_at_power_on", "four_byte_when"});
    if (a->has("power_on")) {
      p.power_on_address_bytes = static_cast<unsigned>(a->u64("power_on"));
      if (p.power_on_address_bytes != 3 && p.power_on_address_bytes != 4)
        a->fail("power_on", "3 or 4");
    }
    if (a->has("four_byte_at_power_on")) {
      d.four_byte_at_power_on =
          Pending{a->str("four_byte_at_power_on"), where_of(*a, "four_byte_at_power_on")};
      p.four_byte_when = static_cast<std::uint32_t>(a->u64("four_byte_when"));
    }
  }
  if (const auto c = top.opt_map("continuous_read")) {
    c->allow_only({"rule", "xip_enable"});
    const std::string r = c->str("rule");
    static const std::map<std::string, ContinuousRule> rules = {
        {"none", ContinuousRule::kNone},
        {"m5_4_is_10", ContinuousRule::kM54Is10},
        {"m7_4_is_a", ContinuousRule::kM74IsA},
        {"complement_nibbles", ContinuousRule::kComplementNibbles},
        {"xip_bit", ContinuousRule::kXipBit}};
    const auto it = rules.find(r);
    if (it == rules.end())
      c->fail("rule", "none, m5_4_is_10, m7_4_is_a, complement_nibbles or xip_bit");
    p.continuous = it->second;
    if (c->has("xip_enable"))
      d.xip_enable = Pending{c->str("xip_enable"), where_of(*c, "xip_enable")};
  }
  if (const auto s = top.opt_map("soft_reset")) {
    s->allow_only({"clears"});
    ResetScope scope{false, false, false, false};
    for (const auto& what : s->str_list("clears")) {
      if (what == "qpi") {
        scope.qpi = true;
      } else if (what == "four_byte") {
        scope.four_byte = true;
      } else if (what == "continuous_read") {
        scope.continuous = true;
      } else if (what == "volatile_registers") {
        scope.volatile_registers = true;
      } else {
        s->fail("clears", "a list of qpi, four_byte, continuous_read, volatile_registers");
      }
    }
    p.soft_reset = scope;
  }
  if (top.has("busy_accepts")) {
    p.busy_accepts.clear();
    for (const auto& k : top.str_list("busy_accepts")) {
      const auto names = kind_names();
      const auto it = std::find(names.begin(), names.end(), k);
      if (it == names.end())
        top.fail("busy_accepts", "a list of command kinds (read_register, suspend, ...)");
      p.busy_accepts.push_back(static_cast<CommandKind>(it - names.begin()));
    }
  }
  merge_commands(d, top);
  merge_timing(d, top);
  if (const auto pr = top.opt_map("protection")) {
    pr->allow_only({"unit_bytes", "all_at"});
    p.protection.unit_bytes = static_cast<std::uint32_t>(pr->u64("unit_bytes"));
    p.protection.all_at = static_cast<unsigned>(pr->u64("all_at"));
  }
  if (const auto s = top.opt_map("sfdp")) {
    s->allow_only({"revision", "qer", "three_byte_only", "raw"});
    if (s->has("revision")) {
      const std::string r = s->str("revision");
      if (r == "JESD216") {
        p.sfdp.revision = SfdpSpec::Revision::kJesd216;
      } else if (r == "JESD216A") {
        p.sfdp.revision = SfdpSpec::Revision::kJesd216A;
      } else if (r == "JESD216B") {
        p.sfdp.revision = SfdpSpec::Revision::kJesd216B;
      } else {
        s->fail("revision", "JESD216, JESD216A or JESD216B");
      }
    }
    if (s->has("qer")) {
      p.sfdp.qer = static_cast<unsigned>(s->u64("qer"));
      if (p.sfdp.qer > 7) s->fail("qer", "a Quad Enable Requirement code 0..7");
    }
    p.sfdp.three_byte_only = s->boolean("three_byte_only", p.sfdp.three_byte_only);
    if (s->has("raw")) p.sfdp.raw = parse_hex_bytes(*s, "raw");
  }
  for (const auto& v : top.has("qpi_mirror") ? top.opt_u64_list("qpi_mirror")
                                             : std::vector<std::optional<std::uint64_t>>{}) {
    if (!v || *v > 0xFF) top.fail("qpi_mirror", "a list of opcodes (0..0xFF)");
    d.qpi_mirror.emplace_back(static_cast<std::uint8_t>(*v), where_of(top, "qpi_mirror"));
  }
  for (const auto& u : top.str_list("unconfirmed"))
    p.unconfirmed.push_back(u);
}

FieldRef resolve_field(const PartSpec& p, const Pending& ref) {
  // REG[msb:lsb] or REG[bit]
  const std::string& s = ref.text;
  const auto open = s.find('[');
  unsigned msb = 0, lsb = 0;
  bool ok = open != std::string::npos && s.back() == ']';
  if (ok) {
    const std::string inside = s.substr(open + 1, s.size() - open - 2);
    const auto colon = inside.find(':');
    const auto hi = parse_unsigned(inside.substr(0, colon));
    const auto lo = colon == std::string::npos ? hi : parse_unsigned(inside.substr(colon + 1));
    ok = hi && lo && *hi >= *lo && *hi < 32;
    if (ok) {
      msb = static_cast<unsigned>(*hi);
      lsb = static_cast<unsigned>(*lo);
    }
  }
  if (!ok)
    throw InputError(fmt::format("{}: expected a register field like SR2[1] or RR[6:3], got '{}'",
                                 ref.where, s));
  const std::string reg = s.substr(0, open);
  const int idx = p.register_index(reg);
  if (idx < 0) {
    std::vector<std::string> names;
    for (const auto& r : p.registers)
      names.push_back(r.name);
    const std::string hint = closest_match(reg, names);
    throw InputError(fmt::format("{}: unknown register '{}'{}", ref.where, reg,
                                 hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
  }
  if (msb >= 8 * p.registers[static_cast<std::size_t>(idx)].bytes)
    throw InputError(fmt::format("{}: bit {} is outside register {} ({} byte(s))", ref.where, msb,
                                 reg, p.registers[static_cast<std::size_t>(idx)].bytes));
  return FieldRef{idx, static_cast<std::uint8_t>(lsb), static_cast<std::uint8_t>(msb - lsb + 1)};
}

int resolve_timing(const PartSpec& p, const Pending& t) {
  for (std::size_t i = 0; i < p.timings.size(); ++i) {
    if (p.timings[i].name == t.text) return static_cast<int>(i);
  }
  throw InputError(
      fmt::format("{}: no timing named '{}' in the part's 'timing' section", t.where, t.text));
}

void finish(Draft& d, const std::string& file) {
  PartSpec& p = d.part;
  if (!d.have_name || !d.have_id || !d.have_size)
    throw InputError(fmt::format("{}: missing field '{}' (needed in the part file or its family)",
                                 file,
                                 !d.have_name ? "name"
                                 : !d.have_id ? "jedec_id"
                                              : "size_bytes"));
  std::map<std::string, FieldRef*> targets = {{"wip", &p.bits.wip},
                                              {"wel", &p.bits.wel},
                                              {"qe", &p.bits.qe},
                                              {"srp", &p.bits.srp},
                                              {"bp", &p.bits.bp},
                                              {"tb", &p.bits.tb},
                                              {"sec", &p.bits.sec},
                                              {"cmp", &p.bits.cmp},
                                              {"sus", &p.bits.sus},
                                              {"four_byte", &p.bits.four_byte},
                                              {"ready", &p.bits.ready},
                                              {"program_error", &p.bits.program_error},
                                              {"erase_error", &p.bits.erase_error},
                                              {"protect_error", &p.bits.protect_error},
                                              {"upper_address", &p.bits.upper_address}};
  for (const auto& [key, ref] : d.bits)
    *targets.at(key) = resolve_field(p, ref);
  for (const auto& [to, from] : d.copies) {
    const FieldRef t = resolve_field(p, to), f = resolve_field(p, from);
    if (t.width != f.width)
      throw InputError(
          fmt::format("{}: '{}' and '{}' differ in width", to.where, to.text, from.text));
    p.power_on_copies.push_back({t, f});
  }
  if (d.four_byte_at_power_on) p.four_byte_at_power_on = resolve_field(p, *d.four_byte_at_power_on);
  if (d.xip_enable) p.xip_enable = resolve_field(p, *d.xip_enable);
  if (d.octal_mode) p.octal.mode = resolve_field(p, *d.octal_mode);
  if (p.protocol == Protocol::kHyperBus) {
    if (p.hyperbus.sector_bytes == 0)
      throw InputError(
          fmt::format("{}: field 'hyperbus' missing: a HyperBus part needs its "
                      "latency, sector and buffer sizes",
                      file));
    return;  // HyperBus parts have no SPI command table
  }
  if (!p.bits.wip.valid())
    throw InputError(
        fmt::format("{}: field 'bits.wip' missing: every part needs a busy bit", file));
  // SPI commands that the part also takes in QPI mode, all phases on 4 pads.
  for (const auto& [op, where] : d.qpi_mirror) {
    auto same = [&](unsigned pads) {
      return std::find_if(d.commands.begin(), d.commands.end(), [&](const DraftCommand& c) {
        return c.spec.opcode == op && c.spec.cmd_pads == pads;
      });
    };
    const auto spi = same(1);
    if (spi == d.commands.end())
      throw InputError(fmt::format("{}: opcode 0x{:02X} has no SPI command to mirror", where, op));
    if (same(4) != d.commands.end()) continue;  // an explicit QPI entry wins
    DraftCommand twin = *spi;
    twin.spec.cmd_pads = twin.spec.addr_pads = twin.spec.data_pads = 4;
    d.commands.push_back(twin);
  }
  p.spi_index.fill(-1);
  p.qpi_index.fill(-1);
  p.opi_index.fill(-1);
  for (auto& dc : d.commands) {
    CommandSpec c = dc.spec;
    for (const auto& r : dc.registers) {
      const int idx = p.register_index(r.text);
      if (idx < 0) throw InputError(fmt::format("{}: unknown register '{}'", r.where, r.text));
      c.registers.push_back(idx);
    }
    if (dc.dummy_field) {
      c.dummy.field = resolve_field(p, *dc.dummy_field);
      if (c.dummy.table.size() != (1u << c.dummy.field.width))
        throw InputError(fmt::format("{}: the dummy table needs {} entries, one per value of {}",
                                     dc.dummy_field->where, 1u << c.dummy.field.width,
                                     dc.dummy_field->text));
    }
    if (dc.timing) c.timing = resolve_timing(p, *dc.timing);
    if (c.kind == CommandKind::kWriteRegister && !c.volatile_write && c.timing < 0) {
      for (const auto& t : p.timings) {
        if (t.name == "write_status")
          c.timing = resolve_timing(p, Pending{"write_status", c.source_line});
      }
    }
    const std::size_t idx = p.commands.size();
    p.commands.push_back(c);
    if (c.cmd_pads == 8 && !p.octal.valid())
      throw InputError(
          fmt::format("{}: an opi_commands entry needs an 'octal' section (the "
                      "register field that switches the part to OPI)",
                      c.source_line));
    auto& table = c.cmd_pads == 8 ? p.opi_index : c.cmd_pads == 4 ? p.qpi_index : p.spi_index;
    table[c.opcode] = static_cast<std::int16_t>(idx);
  }
}

fs::path parts_dir() {
  return fs::path(chips::data_dir()) / "flash_models" / "parts";
}

void load_layers(Draft& d, const fs::path& file, int depth) {
  if (depth > 8)
    throw InputError(fmt::format("{}: family chain deeper than 8 (a loop?)", file.string()));
  const YamlMap top(load_yaml_file(file.string()), file.string(), "");
  if (!top.node().IsMap())
    throw InputError(fmt::format("{}: expected a mapping of part fields", file.string()));
  if (top.has("family")) {
    const fs::path fam =
        file.parent_path().parent_path() / "families" / (top.str("family") + ".yaml");
    std::error_code ec;
    if (!fs::exists(fam, ec))
      top.fail("family", fmt::format("a family file that exists ({} does not)", fam.string()));
    load_layers(d, fam, depth + 1);
  }
  merge_layer(d, top);
}

}  // namespace

const char* to_string(CommandKind kind) {
  return kKindNames[static_cast<std::size_t>(kind)];
}

const CommandSpec* PartSpec::find_kind(CommandKind kind, bool qpi) const {
  for (const auto& c : commands) {
    if (c.kind == kind && c.cmd_pads == (qpi ? 4 : 1)) return &c;
  }
  return nullptr;
}

unsigned PartSpec::power_on_dummy(const CommandSpec& c) const {
  if (!c.dummy.field.valid()) return c.dummy.fixed;
  const RegisterSpec& r = registers[static_cast<std::size_t>(c.dummy.field.reg)];
  return c.dummy.table[(r.factory & c.dummy.field.mask()) >> c.dummy.field.lsb];
}

int PartSpec::register_index(const std::string& reg) const {
  for (std::size_t i = 0; i < registers.size(); ++i) {
    if (registers[i].name == reg) return static_cast<int>(i);
  }
  return -1;
}

std::shared_ptr<const PartSpec> load_part_file(const std::string& path) {
  Draft d;
  // Default busy behaviour; families override it with the vendor's list.
  d.part.busy_accepts = {CommandKind::kReadRegister};
  load_layers(d, fs::path(path), 0);
  finish(d, path);
  d.part.file = path;
  return std::make_shared<const PartSpec>(std::move(d.part));
}

std::vector<std::string> list_parts() {
  std::vector<std::string> names;
  std::error_code ec;
  if (fs::is_directory(parts_dir(), ec)) {
    for (const auto& e : fs::directory_iterator(parts_dir())) {
      if (e.path().extension() == ".yaml") names.push_back(e.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::shared_ptr<const PartSpec> load_part(const std::string& name) {
  const auto known = list_parts();
  // Part names are matched without regard to case (w25q64jv-iq is W25Q64JV-IQ).
  const auto index = find_name(name, known);
  const fs::path file = parts_dir() / ((index ? known[*index] : name) + ".yaml");
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    std::string list;
    for (const auto& k : known)
      list += (list.empty() ? "" : ", ") + k;
    const std::string hint = closest_match(name, known);
    throw InputError(fmt::format("unknown flash part '{}'{}; known parts: {}", name,
                                 hint.empty() ? "" : " (did you mean '" + hint + "'?)",
                                 list.empty() ? "none" : list));
  }
  return load_part_file(file.string());
}

}  // namespace xipsim::flash
