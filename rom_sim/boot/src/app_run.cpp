// Runner: the application after the ROM. The CPU starts where the ROM jumped (the vector table's
// SP and reset handler, VTOR at the table; or a function entry), then runs for the requested
// time; the outcome is summarized from the CPU and the SoC blocks (GPIO edges, console bytes).
#include <fmt/format.h>

#include <algorithm>

#include "step_runner.h"
#include "xipsim/core/hex.h"

namespace xipsim::boot {

namespace {
// Where the ROM's own stack ends when it calls a function entry (IVT v0x43 style): the top of
// the ROM-reserved OCRAM (an assumption, docs/boot-rom.md; the reference manuals do not say).
std::uint32_t rom_stack_top(const chips::ChipProfile& chip) {
  if (chip.rom_reserved.empty()) return 0x20200000;
  const chips::AddressRange& r = chip.rom_reserved.front();
  return static_cast<std::uint32_t>(r.base + r.size);
}

std::optional<double> median_interval_ms(const std::vector<Picoseconds>& edges) {
  if (edges.size() < 2) return std::nullopt;
  std::vector<Picoseconds> d;
  for (std::size_t i = 1; i < edges.size(); ++i)
    d.push_back(edges[i] - edges[i - 1]);
  std::nth_element(d.begin(), d.begin() + d.size() / 2, d.end());
  return static_cast<double>(d[d.size() / 2]) / 1e9;
}

std::vector<PinActivity> pin_activity(const soc::Platform& p, Picoseconds from) {
  std::vector<PinActivity> out;
  const std::string& led = p.chip().application.user_led;
  for (const soc::GpioBlock* g : p.gpio()) {
    for (unsigned pin = 0; pin < 32; ++pin) {
      PinActivity a;
      a.pin = fmt::format("{}_IO{:02}", g->port(), pin);
      for (const soc::PinEdge& e : g->edges()) {
        if (e.pin != pin || e.time < from) continue;
        a.edges.push_back(e.time);
        a.levels.push_back(e.level);
      }
      if (a.edges.empty()) continue;
      a.user_led = a.pin == led;
      a.interval_ms = median_interval_ms(a.edges);
      out.push_back(std::move(a));
    }
  }
  return out;
}
}  // namespace

const char* execution_verdict(const cpu::RunOutcome& r) {
  switch (r.end) {
    case cpu::RunEnd::kTimeLimit:
      return r.faults.empty() ? "running" : "fault";
    case cpu::RunEnd::kReached:
      return "reached";
    case cpu::RunEnd::kWallLimit:
      return "wall_limit";
    case cpu::RunEnd::kBreakpoint:
      return "halted";
    case cpu::RunEnd::kLockup:
      return "lockup";
    case cpu::RunEnd::kHang:
      return "hang";
    case cpu::RunEnd::kResetRequest:
      return "reset";
    case cpu::RunEnd::kSleepForever:
      return "sleeping";
    case cpu::RunEnd::kError:
      return "error";
  }
  return "error";
}

bool Runner::hand_over(const BootReport& r) {
  cpu::Cpu* c = platform_.cpu();
  if (!c || !r.pc) return false;
  const bool table = r.entry_kind == "vector table" && r.initial_sp && r.entry;
  c->handover(table ? *r.initial_sp : rom_stack_top(platform_.chip()), *r.pc,
              table ? *r.entry : 0u);
  return true;
}

void Runner::run_application(const SessionStep& step, StepOutcome& o) {
  cpu::Cpu* c = platform_.cpu();
  if (!c || !handed_over_) {
    o.ok = false;
    o.text = !c ? fmt::format(
                      "Running code on {} is not modelled yet (its chip profile has no "
                      "application section).",
                      platform_.chip().name)
                : "Nothing to run: no boot step before this one reached the application's entry.";
    return;
  }
  const soc::LpuartBlock* console = nullptr;
  for (const soc::LpuartBlock* u : platform_.uarts())
    if (u->port() == platform_.chip().application.console) console = u;
  const std::size_t sent0 = console ? console->sent().size() : 0;
  cpu::RunLimits limits;
  limits.duration = step.run.duration;
  limits.until = step.run.until;
  limits.wall_seconds = step.run.wall_seconds;
  limits.fast_forward = step.run.fast_forward;
  if (!step.run.until_uart.empty() && console)
    limits.until_condition = [console, sent0, text = step.run.until_uart] {
      return console->text().find(text, sent0) != std::string::npos;
    };
  Execution e;
  e.run = c->run(limits);
  e.verdict = execution_verdict(e.run);
  e.core_mhz = platform_.core_clock_hz() / 1e6;
  e.pins = pin_activity(platform_, e.run.start);
  if (console) {
    e.console_port = console->port();
    e.console = console->text().substr(sent0);
  }
  for (const TimedNote& n : c->notes())
    if (n.time >= e.run.start)
      e.notes.push_back(fmt::format("{:.3f} ms into the run: {}",
                                    static_cast<double>(n.time - e.run.start) / 1e9, n.text));
  e.story = describe_execution(e);
  o.ok = e.verdict == "running" || e.verdict == "reached";
  o.text = e.story.empty() ? e.run.text : e.story.back();
  o.execution = std::move(e);
}

}  // namespace xipsim::boot
