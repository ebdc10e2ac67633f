#include "debug_session.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "xipsim/gdb/target_xml.h"

namespace xipsim::boot {

namespace {
cpu::WatchKind watch_kind(gdb::BreakKind k) {
  return k == gdb::BreakKind::kWrite  ? cpu::WatchKind::kWrite
         : k == gdb::BreakKind::kRead ? cpu::WatchKind::kRead
                                      : cpu::WatchKind::kAccess;
}
gdb::BreakKind break_kind(cpu::WatchKind k) {
  return k == cpu::WatchKind::kWrite  ? gdb::BreakKind::kWrite
         : k == cpu::WatchKind::kRead ? gdb::BreakKind::kRead
                                      : gdb::BreakKind::kAccess;
}
constexpr int kSigInt = 2, kSigTrap = 5, kSigSegv = 11;

// GDB registers xpsr..control (target_xml.h) as the core's special registers.
cpu::Special special_register(unsigned n) {
  using cpu::Special;
  static const Special map[] = {Special::kXpsr,    Special::kMsp,     Special::kPsp,
                                Special::kPrimask, Special::kBasepri, Special::kFaultmask,
                                Special::kControl};
  return map[n - gdb::reg::kXpsr];
}
}  // namespace

DebugSession::DebugSession(cpu::Cpu& cpu, board::Board& board, unsigned port,
                           std::function<std::string(bool power)> reset)
    : cpu_(cpu),
      board_(board),
      board_observer_(board.observer()),
      listener_(port),
      reset_(std::move(reset)) {
  if (board_observer_) tee_.add(board_observer_);
  tee_.add(&history_);
  board_.set_observer(&tee_);
}

DebugSession::~DebugSession() {
  board_.set_observer(board_observer_);
}

bool DebugSession::connect(double wall_seconds) {
  std::fprintf(stderr,
               "xipsim: GDB server on 127.0.0.1:%u, the CPU waits at 0x%08X "
               "(gdb-multiarch APP.elf -ex 'target remote :%u')\n",
               listener_.port(), cpu_.core().pc(), listener_.port());
  std::fflush(stderr);
  channel_ = listener_.accept(static_cast<int>(std::min(wall_seconds, 3600.0) * 1000));
  if (!channel_) {
    cpu_.add_note(cpu_.now(), "no debugger connected to the GDB port; the run went on without");
    return false;
  }
  server_ = std::make_unique<gdb::Server>(*this, *channel_);
  cpu_.add_note(cpu_.now(), fmt::format("GDB connected at 0x{:08X}", cpu_.core().pc()));
  return true;
}

void DebugSession::release() {
  cpu_.remove_debug_points();
  detached_ = true;
}

cpu::RunOutcome DebugSession::run(cpu::RunLimits limits) {
  if (!detached_ && !server_ && !connect(limits.wall_seconds)) detached_ = true;
  if (detached_) return cpu_.run(limits);
  if (reset_to_report_) {
    reset_to_report_ = false;
    server_->stopped({kSigTrap, gdb::BreakKind::kSoftware, 0, false,
                      "xipsim: the SoC reset and the ROM booted again\n"});
  }
  const Picoseconds end = cpu_.now() + limits.duration;
  cpu::RunOutcome total;
  total.start = cpu_.now();
  bool any = false;
  const auto add = [&](cpu::RunOutcome part) {
    if (!any)
      total = std::move(part);
    else
      total.append(std::move(part));
    any = true;
  };
  for (;;) {
    const gdb::Resume r = server_->next_resume();
    limits.duration = end > cpu_.now() ? end - cpu_.now() : 0;
    if (r.kind == gdb::Resume::Kind::kKill) {
      cpu_.add_note(cpu_.now(), "GDB ended the run (kill)");
      release();
      total.end = cpu::RunEnd::kDebugStop;
      total.text = "the debugger ended the run (kill)";
      return total;
    }
    if (r.kind == gdb::Resume::Kind::kDetach || r.kind == gdb::Resume::Kind::kGone) {
      cpu_.add_note(cpu_.now(),
                    fmt::format("GDB {} at 0x{:08X}; the run goes on",
                                r.kind == gdb::Resume::Kind::kDetach ? "detached" : "disconnected",
                                cpu_.core().pc()));
      release();
      add(cpu_.run(limits));
      return total;
    }
    cpu::RunLimits l = limits;
    l.step = r.kind == gdb::Resume::Kind::kStep;
    l.fast_forward = false;
    l.until_condition = [&] {
      return server_->interrupt_requested() || (limits.until_condition && limits.until_condition());
    };
    add(cpu_.run(l));
    if (!report(total)) return total;
  }
}

// The stop reply for the part that just ended; false when the run ends here for the debugger.
bool DebugSession::report(const cpu::RunOutcome& part) {
  gdb::Stop s;
  switch (part.end) {
    case cpu::RunEnd::kDebugStop:
      if (part.debug.kind == cpu::DebugStop::Kind::kWatchpoint) {
        s.watch = break_kind(part.debug.watch);
        s.watch_address = part.debug.address;
      }
      break;
    case cpu::RunEnd::kReached:
      if (!server_->interrupt_requested()) {
        s.exited = true;  // the run's own `until` was reached
        break;
      }
      s.signal = kSigInt;
      break;
    case cpu::RunEnd::kBreakpoint:
      break;  // a BKPT instruction: halted there, as a probe would
    case cpu::RunEnd::kResetRequest:
      reset_to_report_ = true;
      return false;  // the session reboots; the next part tells GDB
    case cpu::RunEnd::kLockup:
    case cpu::RunEnd::kHang:
    case cpu::RunEnd::kError:
      s.signal = kSigSegv;
      s.console = "xipsim: " + part.text + "\n";
      break;
    default:  // time limit, wall limit, asleep for good: the run is over
      s.exited = true;
      s.console = "xipsim: the run ends: " + part.text + "\n";
  }
  server_->stopped(s);
  if (s.exited) {
    server_->linger(2000);
    release();
  }
  return !s.exited;
}

std::uint64_t DebugSession::read_register(unsigned n) {
  cpu::CortexM7& c = cpu_.core();
  if (n <= gdb::reg::kPc) return c.reg(n);
  if (n >= gdb::reg::kD0 && n < gdb::reg::kD0 + 16) {
    const unsigned s = 2 * (n - gdb::reg::kD0);
    return c.fp_single(s) | std::uint64_t{c.fp_single(s + 1)} << 32;
  }
  if (n <= gdb::reg::kControl) return c.special(special_register(n));
  return n == gdb::reg::kFpscr ? c.special(cpu::Special::kFpscr) : 0;
}

void DebugSession::write_register(unsigned n, std::uint64_t value) {
  cpu::CortexM7& c = cpu_.core();
  const auto v = static_cast<std::uint32_t>(value);
  if (n <= gdb::reg::kPc) return c.set_reg(n, v);
  if (n >= gdb::reg::kD0 && n < gdb::reg::kD0 + 16) {
    const unsigned s = 2 * (n - gdb::reg::kD0);
    c.set_fp_single(s, v);
    c.set_fp_single(s + 1, static_cast<std::uint32_t>(value >> 32));
    return;
  }
  if (n <= gdb::reg::kControl) c.set_special(special_register(n), v);
  if (n == gdb::reg::kFpscr) c.set_special(cpu::Special::kFpscr, v);
}

bool DebugSession::read_memory(std::uint32_t address, std::uint8_t* out, std::size_t len) {
  return cpu_.debug_read(address, out, len);
}

bool DebugSession::write_memory(std::uint32_t address, const std::uint8_t* data, std::size_t len) {
  return cpu_.debug_write(address, data, len);
}

bool DebugSession::breakpoint(gdb::BreakKind kind, std::uint32_t address, std::uint32_t len,
                              bool on) {
  if (kind == gdb::BreakKind::kSoftware || kind == gdb::BreakKind::kHardware)
    return on ? cpu_.add_breakpoint(address) : (cpu_.remove_breakpoint(address), true);
  const cpu::WatchKind k = watch_kind(kind);
  // Removing one that is not there is fine for GDB.
  return on ? cpu_.add_watchpoint(address, len, k)
            : (cpu_.remove_watchpoint(address, len, k), true);
}

std::string DebugSession::monitor(const std::string& command) {
  if (command == "reset" || command == "reset warm") return reset_(false);
  if (command == "reset power") return reset_(true);
  if (command == "frames") return frames();
  if (command == "help" || command.empty())
    return "xipsim monitor commands: reset [warm|power] (the SoC resets and the ROM boots "
           "again), frames (the last FlexSPI transactions on the boot flash), help\n";
  return fmt::format("xipsim: unknown monitor command '{}' (try: monitor help)\n", command);
}

std::string DebugSession::frames() const {
  const auto& last = history_.last();
  if (last.empty()) return "xipsim: no FlexSPI transaction since the debugger attached\n";
  std::string text = fmt::format(
      "the last {} of {} FlexSPI transactions since GDB attached (GDB's own reads of the flash go "
      "through the FlexSPI too, at the time the target stopped):\n",
      last.size(), history_.total());
  for (const board::FrameSummary& f : last)
    text += "  " + board::describe(f) + "\n";
  return text;
}

}  // namespace xipsim::boot
