// Part files: turns the draft's text references (register fields, timing names, QPI mirrors) into
// indices and builds the opcode tables of the finished PartSpec.
#include <fmt/format.h>

#include <algorithm>

#include "part_draft.h"
#include "xipsim/core/errors.h"
#include "xipsim/core/names.h"

namespace xipsim::flash::detail {

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

namespace {

int resolve_timing(const PartSpec& p, const Pending& t) {
  for (std::size_t i = 0; i < p.timings.size(); ++i) {
    if (p.timings[i].name == t.text) return static_cast<int>(i);
  }
  throw InputError(
      fmt::format("{}: no timing named '{}' in the part's 'timing' section", t.where, t.text));
}

void resolve_bits(Draft& d) {
  PartSpec& p = d.part;
  const std::map<std::string, FieldRef*> targets = {{"wip", &p.bits.wip},
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
}

// SPI commands that the part also takes in QPI mode, all phases on 4 pads.
void mirror_qpi(Draft& d) {
  for (const auto& [op, where] : d.qpi_mirror) {
    auto same = [&, op = op](unsigned pads) {
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
}

CommandSpec resolve_command(const PartSpec& p, const DraftCommand& dc) {
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
  return c;
}

}  // namespace

void resolve(Draft& d) {
  PartSpec& p = d.part;
  resolve_bits(d);
  if (p.protocol == Protocol::kHyperBus) return;  // no SPI command table
  mirror_qpi(d);
  p.spi_index.fill(-1);
  p.qpi_index.fill(-1);
  p.opi_index.fill(-1);
  for (const auto& dc : d.commands) {
    const CommandSpec c = resolve_command(p, dc);
    const std::size_t idx = p.commands.size();
    p.commands.push_back(c);
    auto& table = c.cmd_pads == 8 ? p.opi_index : c.cmd_pads == 4 ? p.qpi_index : p.spi_index;
    table[c.opcode] = static_cast<std::int16_t>(idx);
  }
}

}  // namespace xipsim::flash::detail
