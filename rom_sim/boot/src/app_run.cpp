// Runner: the application after the ROM. The CPU starts where the ROM jumped (the vector table's
// SP and reset handler, VTOR at the table; or a function entry), then runs for the requested
// time; the outcome is summarized from the CPU and the SoC blocks (GPIO edges, console bytes).
#include <fmt/format.h>

#include <algorithm>

#include "debug_session.h"
#include "step_runner.h"
#include "xipsim/core/errors.h"
#include "xipsim/core/hex.h"

namespace xipsim::boot {

namespace {
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
    case cpu::RunEnd::kDebugStop:  // the debugger's session ended while it held the target
      return "halted";
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

namespace {
// The pins of a later part added to those of the earlier parts (GPIO resets clear the edges).
void merge_pins(std::vector<PinActivity>& total, std::vector<PinActivity> part) {
  for (PinActivity& p : part) {
    auto it = std::find_if(total.begin(), total.end(),
                           [&](const PinActivity& t) { return t.pin == p.pin; });
    if (it == total.end()) {
      total.push_back(std::move(p));
      continue;
    }
    it->edges.insert(it->edges.end(), p.edges.begin(), p.edges.end());
    it->levels.insert(it->levels.end(), p.levels.begin(), p.levels.end());
    it->interval_ms = median_interval_ms(it->edges);
  }
}

// Code addresses in the run's outcome named from the application's symbols.
void name_code(Execution& e, const image::SymbolTable& symbols) {
  for (cpu::FaultRecord& f : e.run.faults)
    f.symbol = symbols.describe(f.pc);
  for (cpu::RunOutcome::Traced& t : e.run.trace)
    t.symbol = symbols.describe(t.instruction.address);
  const std::string at = symbols.describe(e.run.pc);
  if (e.run.end == cpu::RunEnd::kReached && !at.empty() && e.run.text.rfind("reached 0x", 0) == 0)
    e.run.text = fmt::format("reached {} ({})", at, hex32(e.run.pc));
}

}  // namespace

soc::LpuartBlock* console_of(const soc::Platform& p) {
  for (soc::LpuartBlock* u : p.uarts())
    if (u->port() == p.chip().application.console) return u;
  return nullptr;
}

namespace {
std::string received_text(const soc::LpuartBlock& u, Picoseconds from) {
  std::string s;
  for (const soc::UartByte& b : u.received())
    if (b.time >= from) s += static_cast<char>(b.value);
  return s;
}
}  // namespace

// The ROM calls a plugin (boot_rom.h PluginCall): the CPU runs it from the ROM's registers
// until it comes back to the ROM's return address, or cannot.
PluginReturn Runner::call_plugin(const PluginCall& call) {
  cpu::Cpu& c = *platform_.cpu();
  soc::LpuartBlock* console = console_of(platform_);
  const std::size_t sent0 = console ? console->text().size() : 0;
  c.handover(call.sp, call.entry, call.vtor);
  for (unsigned i = 0; i < 3; ++i)
    c.core().set_reg(i, call.args[i]);
  c.core().set_reg(14, call.return_address | 1u);
  cpu::RunLimits limits;
  limits.duration = call.time_limit;
  limits.until = call.return_address & ~1u;
  const cpu::RunOutcome r = c.run(limits);
  PluginReturn out;
  out.returned = r.end == cpu::RunEnd::kReached;
  out.r0 = c.core().reg(0);
  out.instructions = r.instructions;
  if (console) out.console = console->text().substr(sent0);
  if (out.returned) return out;
  out.text = r.text;
  if (!r.faults.empty()) {
    const cpu::FaultRecord& f = r.faults.front();
    out.text = fmt::format("{} at {}{} ({})", f.kind, hex32(f.pc),
                           f.has_address ? ", address " + hex32(f.address) : std::string(), r.text);
  }
  return out;
}

// The SoC resets as the application asked (watchdog, SYSRESETREQ) and the ROM boots again.
bool Runner::reboot(const cpu::ResetRequest& why, Execution& e) {
  ResetEvent ev;
  ev.time = now();
  ev.source = why.source;
  ev.why = why.why;
  ev.srsr = platform_.system_reset(now(), why);
  last_reset_ = ResetKind::kWarm;
  StepOutcome b;
  boot(b);
  if (b.boot) {
    ev.booted = b.boot->verdict == Verdict::kBooted;
    ev.boot_text = ev.booted ? fmt::format("the ROM booted the image again in {:.3f} ms",
                                           static_cast<double>(now() - ev.time) / 1e9)
                             : "the ROM did not boot: " + b.boot->reason +
                                   (b.boot->hint.empty() ? "" : " (" + b.boot->hint + ")");
  }
  e.resets.push_back(std::move(ev));
  return handed_over_;
}

// `monitor reset [warm|power]` from the debugger: the SoC resets and the ROM boots again.
std::string Runner::debug_reset(bool power, Execution& e) {
  if (!power) {
    reboot(cpu::ResetRequest{"debugger", "monitor reset", 0}, e);
    return "xipsim: warm reset: " + e.resets.back().boot_text + "\n";
  }
  reset_chip(ResetKind::kPower);
  StepOutcome b;
  boot(b);
  if (b.boot && b.boot->verdict == Verdict::kBooted)
    return "xipsim: power-on reset: the ROM booted the image again\n";
  return "xipsim: power-on reset: the ROM did not boot" +
         (b.boot ? ": " + b.boot->reason : std::string()) + "\n";
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
  Execution e = run_parts(step.run);
  if (symbols_ && !symbols_->empty()) name_code(e, *symbols_);
  e.core_mhz = platform_.core_clock_hz() / 1e6;
  for (const TimedNote& n : c->notes())
    if (n.time >= e.run.start)
      e.notes.push_back(fmt::format("{:.3f} ms into the run: {}",
                                    static_cast<double>(n.time - e.run.start) / 1e9, n.text));
  e.story = describe_execution(e);
  o.ok = e.verdict == "running" || e.verdict == "reached";
  o.text = e.story.empty() ? e.run.text : e.story.back();
  o.execution = std::move(e);
}

// The run, part after part: each reset the application causes ends a part, the ROM boots again
// and the next part starts at its entry, until the time is up, the resets exceed the limit or
// the ROM no longer boots.
Execution Runner::run_parts(const RunRequest& run) {
  cpu::Cpu* c = platform_.cpu();
  soc::LpuartBlock* console = console_of(platform_);
  Execution e;
  if (console)
    for (const ConsoleInput& in : run.console_input)
      console->receive(now() + in.at, in.bytes);
  std::string printed;  // the console in the parts before this one (checked already)
  std::size_t sent0 = console ? console->sent().size() : 0;
  cpu::RunLimits limits;
  limits.until = run.until;
  limits.wall_seconds = run.wall_seconds;
  limits.fast_forward = run.fast_forward;
  limits.trace = run.trace_instructions;
  // Console text is looked for right after the write that may have completed it; the host
  // bridge (keep_going) is pumped once per quantum: stopping the core after every peripheral
  // write for it made NXP's flashloader erase at half speed (bench/serve_write_1mib.py).
  limits.condition_after_writes = !run.until_uart.empty() && console;
  if (limits.condition_after_writes || run.keep_going)
    limits.until_condition = [&, text = run.until_uart] {
      if (run.keep_going && !run.keep_going()) return true;
      return !text.empty() && console && console->text().find(text, sent0) != std::string::npos;
    };
  std::unique_ptr<DebugSession> debug;
  if (run.gdb_port) {
    try {
      debug = std::make_unique<DebugSession>(*c, platform_.boot_board(), *run.gdb_port,
                                             [&](bool power) { return debug_reset(power, e); });
    } catch (const std::runtime_error& err) {
      throw InputError(fmt::format("--gdb: {}", err.what()));
    }
  }
  const Picoseconds end = now() + run.duration;
  bool limit = false;  // stopped at the limit on resets
  for (bool first = true;; first = false) {
    limits.duration = end - now();
    limits.wall_seconds = std::max(0.0, run.wall_seconds - e.run.wall_seconds);
    cpu::RunOutcome part = debug ? debug->run(limits) : c->run(limits);
    limits.trace = 0;  // the first instructions of the run, not of each boot
    if (first) e.run.start = part.start;
    merge_pins(e.pins, pin_activity(platform_, part.start));
    if (console) {
      printed += console->text().substr(sent0);
      e.console_received += received_text(*console, part.start);
      e.console_lost += console->lost();
    }
    e.run.append(std::move(part));
    if (e.run.end != cpu::RunEnd::kResetRequest || !e.run.reset || now() >= end) break;
    limit = e.resets.size() >= run.max_resets;
    if (limit || !reboot(*e.run.reset, e)) break;
    sent0 = console ? console->sent().size() : 0;
  }
  e.verdict = limit || (!e.resets.empty() && !handed_over_) ? "reset" : execution_verdict(e.run);
  if (console) {
    e.console_port = console->port();
    e.console = printed;
  }
  return e;
}

}  // namespace xipsim::boot
