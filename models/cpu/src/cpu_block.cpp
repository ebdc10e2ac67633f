// Cpu: what happens at each basic block (time, interrupts, instruction fetches from the FlexSPI
// windows) and when Unicorn raises an exception (SVC, exception return).
#include <fmt/format.h>

#include "xipsim/cpu/cpu.h"

namespace xipsim::cpu {

namespace {
// A Thumb instruction is 32 bits when its first halfword starts 0b11101, 0b11110 or 0b11111
// (ARMv7-M A5.1).
bool wide(std::uint16_t first) {
  return (first >> 11) >= 0x1D;
}
constexpr unsigned kStaleRetries = 3;  // fetches that keep changing: accept, say so
}  // namespace

void Cpu::on_block(std::uint32_t address, std::uint32_t size) {
  if (stop_at_next_block_) {  // an access asked for it; here the PC is right
    stop_at_next_block_ = false;
    core_->request_stop();
    return;
  }
  if (address == last_block_ && local_fs_ < deadline_fs_ && limits_->fast_forward && !debugging_)
    fast_forward(address, size);
  if (local_fs_ >= deadline_fs_) {  // one compare on the fast path
    if (now() >= timer_event_) service_timers();
    if (now() >= quantum_end_) {
      core_->request_stop();
      return;
    }
  }
  if (scs_->exceptions().any_pending() && take_pending_exception(address)) return;
  if (limits_->until && *limits_->until == address) {
    end_ = RunEnd::kReached;
    end_text_ = fmt::format("reached 0x{:08X}", address);
    core_->request_stop();
    return;
  }
  if (address >= window_lo_ && address <= window_hi_ && !check_fetch(address, size)) return;
  if (address - rom_base_ < rom_.size()) run_native(address);
  const unsigned n = instructions_in(address, size);
  ++blocks_;
  instructions_ += n;
  cycles_ += n;
  local_fs_ += n * core_period_fs_;
  last_block_ = address;
  last_block_size_ = size;
}

// Instruction fetches of a block in a FlexSPI window: an AHB line read through the model for
// every line the I-cache does not hold (every line when it is off). False when the block must
// not run now (its code changed: the loop drops the translations and runs it again).
bool Cpu::check_fetch(std::uint32_t address, std::uint32_t size) {
  if (fetch_cached(address)) return true;
  XipWindow* window = nullptr;
  for (auto& w : windows_)
    if (w->contains(address)) window = w.get();
  if (!window) return true;
  bool stale = false;
  const std::uint32_t last = address + (size ? size - 1 : 0);
  for (std::uint32_t line = icache_.line_of(address); line <= last; line += icache_.line_bytes()) {
    if (icache_on_ && icache_.lookup(line) >= 0) continue;
    if (icache_on_) icache_.allocate(line);
    ++ifetch_epoch_;
    std::uint8_t bytes[64];
    ++out_->window_reads;
    // An instruction fetch: its bytes are compared with the translated code (fetched) rather
    // than checked against the flash as data reads are (window_read).
    if (!transport(tlm::TLM_READ_COMMAND, line, bytes, icache_.line_bytes())) {
      window_bus_error(line, Access::kFetch);
      return false;
    }
    stale = window->fetched(line, bytes, icache_.line_bytes()) || stale;
  }
  if (!stale) {
    stale_retries_ = 0;
    if (icache_on_) {  // every line of the block is in the I-cache until it changes
      checked_block_ = address;
      checked_epoch_ = ifetch_epoch_;
    }
    return true;
  }
  ++out_->stale_blocks;
  if (++stale_retries_ > kStaleRetries) {
    notes_.push_back({now(), fmt::format("the code at 0x{:08X} reads back different on every "
                                         "fetch; the CPU runs whatever it last translated",
                                         address)});
    stale_retries_ = 0;
    return true;
  }
  flush_ = true;
  core_->request_stop();
  return false;
}

unsigned Cpu::instructions_in(std::uint32_t address, std::uint32_t size) {
  BlockCount& c = counts_[(address >> 1) % counts_.size()];
  if (c.address == address && c.size == size && c.count) return c.count;
  const unsigned n = count_instructions(address, size);
  c = {address, size, n ? n : 1};
  return c.count;
}

void Cpu::give_back_unrun(std::uint32_t pc) {
  pc &= ~1u;
  const std::uint32_t end = last_block_ + last_block_size_;
  if (pc < last_block_ || pc >= end) return;
  const std::uint64_t n = count_instructions(pc, end - pc);
  instructions_ -= std::min<std::uint64_t>(n, instructions_);
  cycles_ -= std::min<std::uint64_t>(n, cycles_);
  local_fs_ -= std::min<std::uint64_t>(n * core_period_fs_, local_fs_);
}

// Thumb instructions in [address, address + size) of the code as translated (a window's bytes
// as the translation saw them, not a new AHB read).
unsigned Cpu::count_instructions(std::uint32_t address, std::uint32_t size) {
  std::vector<std::uint8_t> bytes(size);
  bool known = false;
  for (auto& w : windows_)
    if (w->contains(address)) known = w->seen(address, bytes.data(), size);
  if (!known) known = core_->read(address, bytes.data(), size);
  unsigned n = 0;
  for (std::uint32_t i = 0; i + 1 < size; ++n) {
    const std::uint16_t h = static_cast<std::uint16_t>(bytes[i] | (bytes[i + 1] << 8));
    i += known && wide(h) ? 4 : 2;
  }
  return n;
}

void Cpu::set_irq_line(unsigned irq, bool level) {
  if (irq >= scs_->exceptions().irqs()) return;
  if (irq >= irq_lines_.size()) irq_lines_.resize(irq + 1, false);
  irq_lines_[irq] = level;
  if (level) scs_->exceptions().set_pending(exc::kIrq0 + irq, true);
}

void Cpu::service_timers() {
  if (scs_->systick().advance(now())) scs_->exceptions().set_pending(exc::kSystick, true);
  for (TimedSource* s : sources_)
    if (now() >= s->next_event())
      if (auto r = s->on_time(now())) request_reset(std::move(*r));
  timers_changed();
}

bool Cpu::take_pending_exception(std::uint32_t return_address) {
  ExceptionState& st = scs_->exceptions();
  const std::optional<unsigned> n = st.preempting(engine_->execution_priority());
  if (!n || !engine_->can_interrupt()) return false;
  if (!enter_exception(*n, return_address)) return true;
  ++out_->exceptions_taken[*n];
  return true;
}

bool Cpu::on_exception(unsigned intno) {
  const std::uint32_t pc = core_->pc();
  const bool handler = engine_->current() != 0;
  // Exception return: EXCP_EXCEPTION_EXIT, or on 2.0.1's M7 a prefetch abort at the magic
  // address because the hflags are stale after the IPSR write (cpu-execution-notes.md §1).
  if (handler && pc >= 0xFFFFFF00u &&
      (intno == excp::kExceptionExit || intno == excp::kPrefetchAbort)) {
    const unsigned leaving = engine_->current();
    const std::string error = engine_->leave(pc | 1u);
    if (error.empty()) {
      const unsigned irq = leaving - exc::kIrq0;  // a level line still asserted pends again
      if (leaving >= exc::kIrq0 && irq < irq_lines_.size() && irq_lines_[irq])
        scs_->exceptions().set_pending(leaving, true);
      return true;
    }
    end_ = RunEnd::kLockup;
    end_text_ = error;
    return false;
  }
  if (intno == excp::kSvc) {  // the PC is already past the SVC
    scs_->exceptions().set_pending(exc::kSvcall, true);
    if (enter_exception(exc::kSvcall, pc)) {
      scs_->exceptions().set_pending(exc::kSvcall, false);
      ++out_->exceptions_taken[exc::kSvcall];
      return true;
    }
  }
  return false;  // the run loop turns it into a fault
}

void Cpu::cache(CacheOp op, std::uint32_t operand) {
  switch (op) {
    case CacheOp::kEnableI:
      icache_on_ = true;
      ++ifetch_epoch_;
      return;
    case CacheOp::kDisableI:
      icache_on_ = false;
      ++ifetch_epoch_;
      return;
    case CacheOp::kEnableD:
      dcache_on_ = true;
      return;
    case CacheOp::kDisableD:
      dcache_on_ = false;
      return;
    case CacheOp::kInvalidateIAll:
      icache_.invalidate_all();
      ++ifetch_epoch_;
      return;
    case CacheOp::kInvalidateILine:
      icache_.invalidate(operand);
      ++ifetch_epoch_;
      return;
    case CacheOp::kInvalidateDLine:
      dcache_.invalidate(operand);
      return;
    case CacheOp::kInvalidateDSetWay:
      // DCISW operand: way in [31:30] (4 ways), set in [13:5] (32-byte lines), ARMv7-M B2.2.7
      dcache_.invalidate_slot((operand >> 5) & 0x1FFu, operand >> 30);
      return;
  }
}

void Cpu::reset_request(const std::string& why) {
  request_reset({"AIRCR.SYSRESETREQ", why});
}

void Cpu::request_reset(ResetRequest r) {
  if (end_) return;  // the first reason wins
  end_ = RunEnd::kResetRequest;
  end_text_ = r.source == r.why ? r.why : r.source + ": " + r.why;
  if (out_) out_->reset = std::move(r);
  core_->request_stop();
}

}  // namespace xipsim::cpu
