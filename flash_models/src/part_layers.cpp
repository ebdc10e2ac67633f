// Part files: one handler per top-level key, applied layer by layer (family chain first).
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "part_draft.h"
#include "xipsim/core/duration.h"
#include "xipsim/core/errors.h"

namespace xipsim::flash::detail {

namespace {
namespace fs = std::filesystem;

void merge_name(Draft& d, const YamlMap& top) {
  d.part.name = top.str("name");
  d.have_name = true;
}
void merge_vendor(Draft& d, const YamlMap& top) {
  d.part.vendor = top.str("vendor");
}
void merge_max_sclk(Draft& d, const YamlMap& top) {
  d.part.max_sclk_mhz = top.number("max_sclk_mhz");
}

void merge_jedec_id(Draft& d, const YamlMap& top) {
  PartSpec& p = d.part;
  p.jedec_id.clear();
  for (const auto& v : top.opt_u64_list("jedec_id")) {
    if (!v || *v > 0xFF) top.fail("jedec_id", "a list of ID bytes (0..0xFF)");
    p.jedec_id.push_back(static_cast<std::uint8_t>(*v));
  }
  if (p.jedec_id.empty()) top.fail("jedec_id", "at least one ID byte");
  d.have_id = true;
}

void merge_size(Draft& d, const YamlMap& top) {
  PartSpec& p = d.part;
  p.size_bytes = top.u64("size_bytes");
  if (p.size_bytes < 4096 || (p.size_bytes & (p.size_bytes - 1)) != 0 ||
      p.size_bytes > (1ull << 32))
    top.fail("size_bytes", "a power of two between 4 KiB and 4 GiB");
  d.have_size = true;
}

void merge_page(Draft& d, const YamlMap& top) {
  PartSpec& p = d.part;
  p.page_bytes = static_cast<std::uint32_t>(top.u64("page_bytes"));
  if (p.page_bytes < 1 || (p.page_bytes & (p.page_bytes - 1)) != 0 || p.page_bytes > 4096)
    top.fail("page_bytes", "a power of two up to 4096");
}

void merge_bits(Draft& d, const YamlMap& top) {
  const auto b = top.opt_map("bits");
  b->allow_only({"wip", "wel", "qe", "srp", "bp", "tb", "sec", "cmp", "sus", "four_byte", "ready",
                 "program_error", "erase_error", "protect_error", "upper_address"});
  for (const auto& kv : b->node()) {
    const std::string key = kv.first.as<std::string>();
    d.bits[key] = Pending{b->str(key), where_of(*b, key)};
  }
}

void merge_power_on(Draft& d, const YamlMap& top) {
  auto trim = [](std::string x) {
    x.erase(0, x.find_first_not_of(' '));
    x.erase(x.find_last_not_of(' ') + 1);
    return x;
  };
  for (const auto& s : top.str_list("power_on")) {
    const auto arrow = s.find("<-");
    if (arrow == std::string::npos)
      top.fail("power_on", "entries like \"VCR[7:4] <- NVCR[15:12]\"");
    const std::string w = where_of(top, "power_on");
    d.copies.emplace_back(Pending{trim(s.substr(0, arrow)), w},
                          Pending{trim(s.substr(arrow + 2)), w});
  }
}

void merge_qe_clear(Draft&, const YamlMap& top) {
  if (top.str("qe_clear") != "ignored")
    top.fail("qe_clear", "ignored (the only behaviour modelled; see docs/flash-model.md)");
}

void merge_addressing(Draft& d, const YamlMap& top) {
  PartSpec& p = d.part;
  const auto a = top.opt_map("addressing");
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

void merge_continuous_read(Draft& d, const YamlMap& top) {
  const auto c = top.opt_map("continuous_read");
  c->allow_only({"rule", "xip_enable"});
  static const std::map<std::string, ContinuousRule> rules = {
      {"none", ContinuousRule::kNone},
      {"m5_4_is_10", ContinuousRule::kM54Is10},
      {"m7_4_is_a", ContinuousRule::kM74IsA},
      {"complement_nibbles", ContinuousRule::kComplementNibbles},
      {"xip_bit", ContinuousRule::kXipBit}};
  const auto it = rules.find(c->str("rule"));
  if (it == rules.end())
    c->fail("rule", "none, m5_4_is_10, m7_4_is_a, complement_nibbles or xip_bit");
  d.part.continuous = it->second;
  if (c->has("xip_enable"))
    d.xip_enable = Pending{c->str("xip_enable"), where_of(*c, "xip_enable")};
}

void merge_soft_reset(Draft& d, const YamlMap& top) {
  const auto s = top.opt_map("soft_reset");
  s->allow_only({"clears"});
  ResetScope scope{false, false, false, false};
  const std::map<std::string, bool ResetScope::*> flags = {
      {"qpi", &ResetScope::qpi},
      {"four_byte", &ResetScope::four_byte},
      {"continuous_read", &ResetScope::continuous},
      {"volatile_registers", &ResetScope::volatile_registers}};
  for (const auto& what : s->str_list("clears")) {
    const auto it = flags.find(what);
    if (it == flags.end())
      s->fail("clears", "a list of qpi, four_byte, continuous_read, volatile_registers");
    scope.*(it->second) = true;
  }
  d.part.soft_reset = scope;
}

void merge_busy_accepts(Draft& d, const YamlMap& top) {
  PartSpec& p = d.part;
  p.busy_accepts.clear();
  const auto names = kind_names();
  for (const auto& k : top.str_list("busy_accepts")) {
    const auto it = std::find(names.begin(), names.end(), k);
    if (it == names.end())
      top.fail("busy_accepts", "a list of command kinds (read_register, suspend, ...)");
    p.busy_accepts.push_back(static_cast<CommandKind>(it - names.begin()));
  }
}

// `commands` or `opi_commands`: entries of one layer, then merged over the earlier layers'.
void merge_command_list(Draft& d, const YamlMap& top, const char* key,
                        void (*parse)(const YamlMap&, std::vector<DraftCommand>&)) {
  std::vector<DraftCommand> layer;
  for (const auto& c : top.map_list(key))
    parse(c, layer);
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

void merge_protocol(Draft& d, const YamlMap& top) {
  const std::string v = top.str("protocol");
  if (v != "spi" && v != "hyperbus") top.fail("protocol", "spi or hyperbus");
  d.part.protocol = v == "hyperbus" ? Protocol::kHyperBus : Protocol::kSpi;
}

void merge_hyperbus(Draft& d, const YamlMap& top) {
  PartSpec& p = d.part;
  const auto h = top.opt_map("hyperbus");
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
  o->allow_only({"mode", "str_value", "dtr_value", "dtr_registers_repeat"});
  d.octal_mode = Pending{o->str("mode"), where_of(*o, "mode")};
  OctalSpec& oct = d.part.octal;
  oct.str_value = static_cast<std::uint32_t>(o->opt_u64("str_value").value_or(oct.str_value));
  oct.dtr_value = static_cast<std::uint32_t>(o->opt_u64("dtr_value").value_or(oct.dtr_value));
  if (oct.str_value == oct.dtr_value) o->fail("dtr_value", "a value other than str_value");
  oct.dtr_registers_repeat = o->boolean("dtr_registers_repeat", oct.dtr_registers_repeat);
}

void merge_protection(Draft& d, const YamlMap& top) {
  const auto pr = top.opt_map("protection");
  pr->allow_only({"unit_bytes", "all_at"});
  d.part.protection.unit_bytes = static_cast<std::uint32_t>(pr->u64("unit_bytes"));
  d.part.protection.all_at = static_cast<unsigned>(pr->u64("all_at"));
}

void merge_sfdp(Draft& d, const YamlMap& top) {
  SfdpSpec& sfdp = d.part.sfdp;
  const auto s = top.opt_map("sfdp");
  s->allow_only({"revision", "qer", "three_byte_only", "raw"});
  if (s->has("revision")) {
    static const std::map<std::string, SfdpSpec::Revision> revisions = {
        {"JESD216", SfdpSpec::Revision::kJesd216},
        {"JESD216A", SfdpSpec::Revision::kJesd216A},
        {"JESD216B", SfdpSpec::Revision::kJesd216B}};
    const auto it = revisions.find(s->str("revision"));
    if (it == revisions.end()) s->fail("revision", "JESD216, JESD216A or JESD216B");
    sfdp.revision = it->second;
  }
  if (s->has("qer")) {
    sfdp.qer = static_cast<unsigned>(s->u64("qer"));
    if (sfdp.qer > 7) s->fail("qer", "a Quad Enable Requirement code 0..7");
  }
  sfdp.three_byte_only = s->boolean("three_byte_only", sfdp.three_byte_only);
  if (s->has("raw")) sfdp.raw = parse_hex_bytes(*s, "raw");
}

void merge_qpi_mirror(Draft& d, const YamlMap& top) {
  for (const auto& v : top.opt_u64_list("qpi_mirror")) {
    if (!v || *v > 0xFF) top.fail("qpi_mirror", "a list of opcodes (0..0xFF)");
    d.qpi_mirror.emplace_back(static_cast<std::uint8_t>(*v), where_of(top, "qpi_mirror"));
  }
}

void merge_unconfirmed(Draft& d, const YamlMap& top) {
  for (const auto& u : top.str_list("unconfirmed"))
    d.part.unconfirmed.push_back(u);
}

// Top-level keys in the order they are applied (the bus protocol before its section); `family`
// is read by load_layers.
using Handler = void (*)(Draft&, const YamlMap&);
void merge_commands(Draft& d, const YamlMap& top) {
  merge_command_list(d, top, "commands", parse_command);
}
void merge_opi_commands(Draft& d, const YamlMap& top) {
  merge_command_list(d, top, "opi_commands", parse_opi_command);
}
const std::vector<std::pair<std::string, Handler>>& handlers() {
  static const std::vector<std::pair<std::string, Handler>> table = {
      {"protocol", merge_protocol},
      {"hyperbus", merge_hyperbus},
      {"octal", merge_octal},
      {"name", merge_name},
      {"vendor", merge_vendor},
      {"jedec_id", merge_jedec_id},
      {"size_bytes", merge_size},
      {"page_bytes", merge_page},
      {"max_sclk_mhz", merge_max_sclk},
      {"registers", merge_registers},
      {"bits", merge_bits},
      {"power_on", merge_power_on},
      {"qe_clear", merge_qe_clear},
      {"addressing", merge_addressing},
      {"continuous_read", merge_continuous_read},
      {"soft_reset", merge_soft_reset},
      {"busy_accepts", merge_busy_accepts},
      {"commands", merge_commands},
      {"opi_commands", merge_opi_commands},
      {"timing", merge_timing},
      {"protection", merge_protection},
      {"sfdp", merge_sfdp},
      {"qpi_mirror", merge_qpi_mirror},
      {"unconfirmed", merge_unconfirmed}};
  return table;
}

void merge_layer(Draft& d, const YamlMap& top) {
  std::vector<std::string> keys = {"family"};
  for (const auto& [key, handler] : handlers())
    keys.push_back(key);
  top.allow_only(keys);
  for (const auto& [key, handler] : handlers())
    if (top.has(key)) handler(d, top);
}

}  // namespace

void load_layers(Draft& d, const std::string& path, int depth) {
  const fs::path file(path);
  if (depth > 8) throw InputError(fmt::format("{}: family chain deeper than 8 (a loop?)", path));
  const YamlMap top(load_yaml_file(path), path, "");
  if (!top.node().IsMap())
    throw InputError(fmt::format("{}: expected a mapping of part fields", path));
  if (top.has("family")) {
    const fs::path fam =
        file.parent_path().parent_path() / "families" / (top.str("family") + ".yaml");
    std::error_code ec;
    if (!fs::exists(fam, ec))
      top.fail("family", fmt::format("a family file that exists ({} does not)", fam.string()));
    load_layers(d, fam.string(), depth + 1);
  }
  merge_layer(d, top);
}

}  // namespace xipsim::flash::detail
