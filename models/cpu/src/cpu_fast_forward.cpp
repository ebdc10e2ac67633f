// Cpu: loops that only an exception can end, jumped over.
//
// A block that branches back to itself, whose instructions only compute in registers, load and
// branch (disassembly.h reads_only), that made no bus transaction and touched no SCS register in
// its last iteration and starts this iteration with exactly the registers and flags it started the
// last one with, does the same thing on every later iteration: nothing it reads can change (no
// store of its own, no peripheral read, no DMA in this model) until an exception is taken, and
// exceptions are taken only at block starts where the time reaches the deadline (a timer event or
// the quantum's end) or something is pending. So the iterations up to the first start at or past
// the deadline are counted (instructions, cycles, time) instead of run, and that start is taken as
// usual: the interrupt is entered at the same start, at the same time, as when every iteration
// runs.
#include "xipsim/cpu/cpu.h"

namespace xipsim::cpu {

namespace {
constexpr unsigned kXpsr = 15;  // the register array's last entry
}  // namespace

// At the start of a block that repeats the previous one, before anything else looks at it.
void Cpu::fast_forward(std::uint32_t address, std::uint32_t size) {
  if (!quiet_repeat(address, size)) return;
  const std::uint64_t n = instructions_in(address, size);
  const std::uint64_t step = n * core_period_fs_;
  const std::uint64_t skip = (deadline_fs_ - local_fs_ + step - 1) / step;  // iterations
  local_fs_ += skip * step;
  instructions_ += skip * n;
  cycles_ += skip * n;
  blocks_ += skip;
  out_->skipped_instructions += skip * n;
  quiet_.repeats = 0;  // the deadline's stop or exception ends this watch
}

// True when this start of `address` is a quiet repeat of the previous one. The registers are
// compared only on the start after a power-of-two count of repeats, so a long loop that is not
// quiet (a countdown) costs a handful of comparisons, not one per iteration.
bool Cpu::quiet_repeat(std::uint32_t address, std::uint32_t size) {
  if (quiet_.address != address || quiet_.blocks + 1 != blocks_) {
    quiet_.address = address;
    quiet_.repeats = quiet_.snapshot_at = 0;
  }
  quiet_.blocks = blocks_;
  const std::uint64_t k = ++quiet_.repeats;
  const bool compare = quiet_.snapshot_at && k == quiet_.snapshot_at + 1;
  const bool snapshot = k >= 4 && (k & (k - 1)) == 0;
  if (!compare && !snapshot) return false;
  std::uint32_t regs[QuietLoop::kRegs];
  for (unsigned i = 0; i < kXpsr; ++i)
    regs[i] = core_->reg(i);
  regs[kXpsr] = core_->special(Special::kXpsr);
  bool quiet = false;
  if (compare) {
    quiet_.snapshot_at = 0;
    quiet = accesses() == quiet_.accesses &&
            std::equal(regs, regs + QuietLoop::kRegs, quiet_.regs) &&
            !scs_->exceptions().any_pending() && !(limits_->until && *limits_->until == address) &&
            block_reads_only(address, size);
    // a block in a window must be one the I-cache holds (else each run is a line fill)
    if (quiet && address >= window_lo_ && address <= window_hi_) quiet = fetch_cached(address);
  }
  if (snapshot) {
    quiet_.snapshot_at = k;
    quiet_.accesses = accesses();
    std::copy(regs, regs + QuietLoop::kRegs, quiet_.regs);
  }
  return quiet;
}

// A D-cache hit in a window reaches no model (it changes nothing the loop could see); a miss, an
// uncached load, a peripheral or an SCS register does (time, state, COUNTFLAG, CYCCNT).
std::uint64_t Cpu::accesses() const {
  return bus_accesses_ + scs_->accesses();
}

bool Cpu::block_reads_only(std::uint32_t address, std::uint32_t size) {
  instructions_in(address, size);  // fills the block's entry
  BlockCount& c = counts_[(address >> 1) % counts_.size()];
  if (c.reads_only < 0) {
    const std::vector<Instruction> code = disassemble(code_bytes(address, size), address, 64);
    unsigned decoded = 0;
    for (const Instruction& i : code)
      decoded += i.size;
    c.reads_only = decoded == size && reads_only(code) ? 1 : 0;
  }
  return c.reads_only == 1;
}

}  // namespace xipsim::cpu
