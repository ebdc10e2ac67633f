// The application run in sentences a firmware engineer reads: time and speed, the clock, the
// pins that toggled and how often, what the console printed, interrupts, faults decoded, and
// how the run ended.
#include <fmt/format.h>

#include <algorithm>

#include "step_runner.h"
#include "xipsim/core/hex.h"

namespace xipsim::boot {

namespace {
// CFSR and HFSR bits by their ARMv7-M names (B3.2.15, B3.2.16).
std::string fault_bits(std::uint32_t cfsr, std::uint32_t hfsr) {
  static const std::pair<unsigned, const char*> kCfsr[] = {
      {0, "IACCVIOL"},  {1, "DACCVIOL"}, {3, "MUNSTKERR"},  {4, "MSTKERR"},
      {7, "MMARVALID"}, {8, "IBUSERR"},  {9, "PRECISERR"},  {10, "IMPRECISERR"},
      {11, "UNSTKERR"}, {12, "STKERR"},  {15, "BFARVALID"}, {16, "UNDEFINSTR"},
      {17, "INVSTATE"}, {18, "INVPC"},   {19, "NOCP"},      {24, "UNALIGNED"},
      {25, "DIVBYZERO"}};
  std::string s;
  for (const auto& [bit, name] : kCfsr)
    if (cfsr & (1u << bit)) s += (s.empty() ? "" : ", ") + std::string(name);
  if (hfsr & (1u << 30)) s += (s.empty() ? "" : ", ") + std::string("HFSR.FORCED");
  return s;
}

std::string fault_sentence(const cpu::FaultRecord& f, Picoseconds run_start) {
  std::string s = fmt::format("{:.3f} ms into the run: {}",
                              static_cast<double>(f.time - run_start) / 1e9, f.kind);
  if (f.has_address) s += " at " + hex32(f.address);
  if (!f.cause.empty()) s += " (" + f.cause + ")";
  const cpu::Instruction* at = nullptr;
  for (const cpu::Instruction& i : f.code)
    if (i.address == f.pc) at = &i;
  const std::string in = f.symbol.empty() ? "" : " (" + f.symbol + ")";
  if (f.precise && at)
    s += fmt::format(" by the instruction at {}{}: {}", hex32(f.pc), in, at->text);
  else
    s += fmt::format(" in the code block starting {}{}{}", hex32(f.block), in,
                     f.code.empty() ? "" : " (" + f.code.front().text + " ...)");
  if (f.exception == 0) return s + "; the core locks up.";
  s += fmt::format("; the core enters {}{} (CFSR 0x{:08X}: {}).", cpu::exception_name(f.exception),
                   f.escalated ? " (escalated: the fault's own handler is disabled)" : "", f.cfsr,
                   fault_bits(f.cfsr, f.hfsr));
  return s;
}

std::string reset_sentence(const ResetEvent& r, Picoseconds run_start) {
  return fmt::format("{:.3f} ms into the run: {} resets the SoC ({}); SRC_SRSR 0x{:08X} ({}); {}.",
                     static_cast<double>(r.time - run_start) / 1e9, r.source, r.why, r.srsr,
                     soc::SrcBlock::srsr_text(r.srsr), r.boot_text);
}

// Every reset when there are few; else the first two, a summary and the last.
void tell_resets(const Execution& e, std::vector<std::string>& story) {
  const auto& rs = e.resets;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    if (rs.size() > 4 && i >= 2 && i + 1 < rs.size()) {
      if (i == 2)
        story.push_back(fmt::format("... {} more resets by {} ({:.3f} ms apart) ...", rs.size() - 3,
                                    rs[i].source,
                                    static_cast<double>(rs[i].time - rs[i - 1].time) / 1e9));
      continue;
    }
    story.push_back(reset_sentence(rs[i], e.run.start));
  }
  if (e.verdict == "reset" && !rs.empty() && rs.back().booted)
    story.push_back(fmt::format(
        "Reset loop: the application reset the SoC {} times, each time after the ROM booted it "
        "again; the run stops there.",
        rs.size() + 1));
}

// The registers the code used that have no model: how many, in which blocks, and the first.
std::string unmodelled_sentence(const std::vector<cpu::UnmodelledAccess>& u) {
  std::vector<std::pair<std::string, unsigned>> blocks;  // in order of first use
  for (const cpu::UnmodelledAccess& a : u) {
    auto it = std::find_if(blocks.begin(), blocks.end(),
                           [&](const auto& b) { return b.first == a.block; });
    if (it == blocks.end())
      blocks.emplace_back(a.block, 1);
    else
      ++it->second;
  }
  std::string where;
  for (const auto& [name, count] : blocks)
    where += fmt::format("{}{} {}", where.empty() ? "" : ", ", name, count);
  const cpu::UnmodelledAccess& f = u.front();
  return fmt::format(
      "{} register{} without a model {} used (each stores what is written and nothing more): "
      "{}; the first, {} 0x{:04X}_{:04X} {} 0x{:04X}_{:04X} ({}) by the code at 0x{:04X}_{:04X}.",
      u.size(), u.size() == 1 ? "" : "s", u.size() == 1 ? "was" : "were", where,
      f.write ? "a write of" : "a read of", f.value >> 16, f.value & 0xFFFF,
      f.write ? "to" : "from", f.address >> 16, f.address & 0xFFFF, f.block, f.pc >> 16,
      f.pc & 0xFFFF);
}

// The text with control and non-ASCII bytes escaped; a long one (a serial protocol's binary
// traffic) is cut after 200 bytes, saying how many more there were.
std::string printable(const std::string& text) {
  constexpr std::size_t kMax = 200;
  std::string s;
  for (char ch : text.substr(0, kMax)) {
    if (ch == '\n')
      s += "\\n";
    else if (ch == '\r')
      s += "\\r";
    else if (static_cast<unsigned char>(ch) < 0x20 || static_cast<unsigned char>(ch) >= 0x7F)
      s += fmt::format("\\x{:02X}", static_cast<unsigned char>(ch));
    else
      s += ch;
  }
  if (text.size() > kMax) s += fmt::format("... ({} more bytes)", text.size() - kMax);
  return s;
}
}  // namespace

std::vector<std::string> describe_execution(const Execution& e) {
  const cpu::RunOutcome& r = e.run;
  std::vector<std::string> story;
  const double ms = static_cast<double>(r.stop - r.start) / 1e9;
  // No host time here: the narration is the same on every run of the same inputs (the JSON has
  // wall_seconds).
  story.push_back(fmt::format(
      "The Cortex-M7 ran {:.3f} ms of simulated time from {}: {} instructions; the core clock is "
      "{:.0f} MHz at the end.",
      ms, "the ROM's entry", r.instructions, e.core_mhz));
  for (const PinActivity& p : e.pins) {
    std::string s =
        fmt::format("{}{} changed {} time{}", p.pin, p.user_led ? " (the EVK's user LED)" : "",
                    p.edges.size(), p.edges.size() == 1 ? "" : "s");
    if (p.interval_ms) s += fmt::format(", every {:.1f} ms", *p.interval_ms);
    story.push_back(s + ".");
  }
  if (!e.console.empty())
    story.push_back(fmt::format("{} printed \"{}\".", e.console_port, printable(e.console)));
  if (!e.console_received.empty() || e.console_lost)
    story.push_back(fmt::format(
        "{} received {} byte{} of the run's input (\"{}\"){}.", e.console_port,
        e.console_received.size(), e.console_received.size() == 1 ? "" : "s",
        printable(e.console_received),
        e.console_lost ? fmt::format("; {} lost: the receiver was off (CTRL.RE) or its buffer "
                                     "full (STAT.OR)",
                                     e.console_lost)
                       : ""));
  for (const auto& [n, count] : r.exceptions_taken)
    story.push_back(
        fmt::format("{} taken {} time{}.", cpu::exception_name(n), count, count == 1 ? "" : "s"));
  for (const std::string& n : e.notes)
    story.push_back(n + ".");
  if (!r.unmodelled.empty()) story.push_back(unmodelled_sentence(r.unmodelled));
  for (const cpu::FaultRecord& f : r.faults)
    story.push_back(fault_sentence(f, r.start));
  tell_resets(e, story);
  story.push_back(fmt::format("The run ends: {}.", r.text));
  return story;
}

}  // namespace xipsim::boot
