#include "xipsim/cpu/cpu.h"

#include <fmt/format.h>

#include "bus_port.h"
#include "xipsim/core/errors.h"

namespace xipsim::cpu {

namespace {
constexpr unsigned kLine = 32;  // Cortex-M7 L1 line size
constexpr unsigned kIWays = 2, kDWays = 4;
constexpr std::size_t kBlockCounts = 1u << 14;  // direct-mapped instruction counts per block
}  // namespace

const char* run_end_name(RunEnd e) {
  switch (e) {
    case RunEnd::kTimeLimit:
      return "time_limit";
    case RunEnd::kReached:
      return "reached";
    case RunEnd::kWallLimit:
      return "wall_limit";
    case RunEnd::kBreakpoint:
      return "breakpoint";
    case RunEnd::kLockup:
      return "lockup";
    case RunEnd::kHang:
      return "hang";
    case RunEnd::kResetRequest:
      return "reset_request";
    case RunEnd::kSleepForever:
      return "sleep_forever";
    case RunEnd::kError:
      return "error";
    case RunEnd::kDebugStop:
      return "debug_stop";
  }
  return "error";
}

void RunOutcome::append(RunOutcome later) {
  end = later.end;
  stop = later.stop;
  pc = later.pc;
  text = std::move(later.text);
  instructions += later.instructions;
  cycles += later.cycles;
  blocks += later.blocks;
  skipped_instructions += later.skipped_instructions;
  for (const auto& [n, count] : later.exceptions_taken)
    exceptions_taken[n] += count;
  for (FaultRecord& f : later.faults)
    faults.push_back(std::move(f));
  hang = std::move(later.hang);
  for (UnmodelledAccess& u : later.unmodelled)
    unmodelled.push_back(std::move(u));
  reset = std::move(later.reset);
  icache_misses = later.icache_misses;  // the caches count for the whole life of the core
  dcache_misses = later.dcache_misses;
  window_reads += later.window_reads;
  stale_blocks += later.stale_blocks;
  wall_seconds += later.wall_seconds;
  debug = later.debug;
  for (Traced& t : later.trace)
    trace.push_back(std::move(t));
}

Cpu::Cpu(sc_core::sc_module_name name, CpuConfig config, std::function<double()> core_hz)
    : sc_core::sc_module(name),
      socket("socket"),
      config_(std::move(config)),
      core_hz_(std::move(core_hz)),
      core_(std::make_unique<CortexM7>()),
      icache_(config_.scs.icache_bytes, kIWays, kLine),
      dcache_(config_.scs.dcache_bytes, kDWays, kLine),
      counts_(kBlockCounts) {
  ScsHost& host = *this;
  WindowBus& bus = *this;
  scs_ = std::make_unique<SystemControlSpace>(config_.scs, host);
  engine_ = std::make_unique<ExceptionEngine>(*core_, scs_->exceptions());
  for (const MemoryRegion& r : config_.ram)
    if (r.size) core_->map_memory(r.base, r.size, r.host, true);  // 0: opened later
  for (const MemoryRegion& r : config_.peripherals) {
    ports_.push_back(std::make_unique<BusPort>(*this, r.base));
    core_->map_mmio(r.base, r.size, *ports_.back());
  }
  for (const MemoryRegion& r : config_.windows) {
    window_lo_ = std::min(window_lo_, r.base);
    window_hi_ = std::max(window_hi_, r.base + (r.size - 1));
    windows_.push_back(
        std::make_unique<XipWindow>(r.name, r.base, r.size, bus, dcache_, dcache_on_));
    core_->map_mmio(r.base, r.size, *windows_.back(), true);
  }
  core_->map_mmio(scs::kBase, scs::kSize, *scs_);
  core_->set_hooks(this);
}

Cpu::~Cpu() = default;

Picoseconds Cpu::now() const {
  return sc_base_ps_ + local_fs_ / 1000;
}

namespace {
Picoseconds sc_now_ps() {
  return static_cast<Picoseconds>(sc_core::sc_time_stamp().to_seconds() * 1e12 + 0.5);
}
}  // namespace

// The next moment a block must stop and look: the end of the quantum or the next timer event.
void Cpu::update_deadline() {
  const Picoseconds t = std::min(quantum_end_, timer_event_);
  deadline_fs_ = t > sc_base_ps_ ? (t - sc_base_ps_) * 1000 : 0;
}

void Cpu::reset() {
  sc_base_ps_ = sc_now_ps();
  local_fs_ = 0;
  scs_->reset(now());
  icache_.invalidate_all();
  dcache_.invalidate_all();
  icache_on_ = dcache_on_ = false;
  ++ifetch_epoch_;
  for (BlockCount& c : counts_)
    c = BlockCount{};
  // Unicorn 2.0.1's first full TB flush touches its whole 1 GiB code buffer (3 s, 1 GB
  // resident, measured), so a reset does not flush: code translated from RAM is dropped range
  // by range (the ROM may copy another image there), and code translated from a window stays,
  // because every fetch after the reset (the I-cache is empty) compares the model's bytes with
  // those the translation came from (XipWindow::fetched) and flushes only if they differ.
  if (translated_)
    for (const MemoryRegion& r : config_.ram)
      if (r.size) core_->drop_translations(r.base, std::uint64_t{r.base} + r.size);
  for (unsigned i = 0; i < 13; ++i)
    core_->set_reg(i, 0);
  core_->set_special(Special::kControl, 0);
  core_->set_special(Special::kPrimask, 0);
  core_->set_special(Special::kBasepri, 0);
  core_->set_special(Special::kFaultmask, 0);
  core_->set_special(Special::kIpsr, 0);
  timer_event_ = SysTick::kNever;
  clock_changed();
}

void Cpu::handover(std::uint32_t sp, std::uint32_t pc, std::uint32_t vtor) {
  core_->set_special(Special::kMsp, sp);
  core_->set_reg(13, sp);
  core_->set_reg(14, 0xFFFFFFFFu);  // no return address (ARMv7-M reset: LR = 0xFFFF_FFFF)
  core_->set_reg(15, pc);
  scs_->set_vtor(vtor);
}

void Cpu::resize_ram(std::uint32_t base, std::uint32_t size, const std::string& why) {
  ram_resizes_.emplace_back(base, size);
  stop_at_next_block_ = true;
  if (notes_.empty() || notes_.back().text != why) notes_.push_back({now(), why});
}

void Cpu::apply_ram_resizes() {
  for (const auto& [base, size] : ram_resizes_) {
    for (MemoryRegion& r : config_.ram) {
      if (r.base != base || r.size == size) continue;
      const std::uint32_t fit = std::min(size, std::max(r.capacity, r.size)) & ~0xFFFu;
      if (r.size) core_->unmap(r.base, r.size);
      if (fit) core_->map_memory(r.base, fit, r.host, true);
      r.size = fit;
    }
  }
  ram_resizes_.clear();
}

void Cpu::add_time(Picoseconds ps) {
  local_fs_ += ps * 1000;
  cycles_ += ps * 1000 / core_period_fs_;
}

void Cpu::clock_changed() {
  const double hz = core_hz_ ? core_hz_() : 600e6;
  const std::uint64_t period = hz > 0 ? static_cast<std::uint64_t>(1e15 / hz + 0.5) : 1'666'667;
  if (period == core_period_fs_ && timer_event_ != SysTick::kNever) return;
  core_period_fs_ = period ? period : 1;
  scs_->systick().set_clocks(now(), core_period_fs_, config_.systick_reference_period_fs);
  timers_changed();
}

void Cpu::timers_changed() {
  timer_event_ = scs_->systick().next_event();
  for (const TimedSource* s : sources_)
    timer_event_ = std::min(timer_event_, s->next_event());
  update_deadline();
}

void Cpu::sync() {
  const std::uint64_t ps = local_fs_ / 1000;
  if (ps) {
    sc_core::wait(sc_core::sc_time(static_cast<double>(ps), sc_core::SC_PS));
    local_fs_ -= ps * 1000;  // the fraction of a picosecond carries over
  }
  sc_base_ps_ = sc_now_ps();
  update_deadline();
}

void Cpu::finish(RunOutcome& out, RunEnd end, std::string text) {
  out.end = end;
  out.text = std::move(text);
}

RunOutcome Cpu::run(const RunLimits& limits) {
  RunOutcome out;
  sync();
  out.start = now();
  limits_ = &limits;
  out_ = &out;
  const std::uint64_t instructions0 = instructions_, cycles0 = cycles_, blocks0 = blocks_;
  const auto wall0 = std::chrono::steady_clock::now();
  const Picoseconds end_time = out.start + limits.duration;
  end_.reset();
  begin_debug_run(limits);
  clock_changed();
  apply_ram_resizes();  // RAM the boot opened or reshaped (FlexRAM, the SEMC's SDRAM)
  for (;;) {
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    if (now() >= end_time) {
      finish(out, RunEnd::kTimeLimit, "the run's time limit");
      break;
    }
    if (wall > limits.wall_seconds) {
      finish(out, RunEnd::kWallLimit,
             fmt::format("the host time limit ({:.0f} s)", limits.wall_seconds));
      break;
    }
    if (limits.until_condition && limits.until_condition()) {
      finish(out, RunEnd::kReached, "the awaited condition");
      break;
    }
    quantum_end_ = std::min(end_time, now() + config_.quantum);
    update_deadline();
    const RunResult r = core_->run();
    if (!after_stop(r, out)) break;
    sync();
  }
  end_debug_run(out);
  sync();
  out.stop = now();
  out.pc = core_->pc();
  out.instructions = instructions_ - instructions0;
  out.cycles = cycles_ - cycles0;
  out.blocks = blocks_ - blocks0;
  out.icache_misses = icache_.misses();
  out.dcache_misses = dcache_.misses();
  out.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  limits_ = nullptr;
  out_ = nullptr;
  return out;
}

// What the run loop does after the core stopped; false ends the run.
bool Cpu::after_stop(const RunResult& r, RunOutcome& out) {
  if (end_) {
    finish(out, *end_, end_text_);
    return false;
  }
  if (flush_) {
    core_->flush_translations();
    flush_ = false;
  }
  drop_every_instruction_hook();
  translated_ = true;
  apply_ram_resizes();
  if (bus_fault_) {
    RunResult fault = r;
    fault.reason = StopReason::kBusError;
    fault.fault_address = bus_fault_->first;
    fault.fault_access = bus_fault_->second;
    fault.cause = bus_fault_text_;
    fault.pc = core_->pc();  // the accessing instruction (window_bus_error stopped there)
    if (fault.fault_access != Access::kFetch) give_back_unrun(fault.pc);
    bus_fault_.reset();
    return inject_fault(fault) || (finish(out, RunEnd::kLockup, end_text_), false);
  }
  switch (r.reason) {
    case StopReason::kStopped:
    case StopReason::kInstructionLimit:
      return true;
    case StopReason::kWaitForInterrupt:
    case StopReason::kWaitForEvent:
      return sleep(out);
    case StopReason::kBreakpoint:
      finish(out, RunEnd::kBreakpoint,
             fmt::format("BKPT #{} at 0x{:08X} (a debugger would halt here)", r.breakpoint, r.pc));
      return false;
    case StopReason::kBusError:
      // The `until` address may have no memory behind it (the boot ROM's return address after
      // a plugin call: its code is not modelled). Getting there is reaching it.
      if (r.fault_access == Access::kFetch && limits_->until &&
          r.fault_address == *limits_->until) {
        finish(out, RunEnd::kReached, fmt::format("reached 0x{:08X}", r.fault_address));
        return false;
      }
      [[fallthrough]];
    case StopReason::kInvalidInstruction:
    case StopReason::kException:
      if (inject_fault(r)) return true;
      finish(out, end_ ? *end_ : RunEnd::kLockup, end_text_);
      return false;
  }
  return true;
}

// WFI/WFE: the core sleeps until the next interrupt; time jumps to the next timer event.
bool Cpu::sleep(RunOutcome& out) {
  if (scs_->exceptions().any_pending()) return true;  // taken at the next block
  const Picoseconds end_time = out.start + limits_->duration;
  if (timer_event_ == SysTick::kNever) {
    finish(out, RunEnd::kSleepForever,
           fmt::format("the CPU sleeps (WFI at 0x{:08X}) with no timer that could wake it",
                       core_->pc() - 2));
    return false;
  }
  const Picoseconds wake = std::min(timer_event_, end_time);
  if (wake > now()) add_time(wake - now());
  service_timers();
  if (end_) finish(out, *end_, end_text_);  // a watchdog reset while asleep
  return !end_;
}

}  // namespace xipsim::cpu
