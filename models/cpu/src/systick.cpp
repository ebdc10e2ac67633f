#include "xipsim/cpu/systick.h"

namespace xipsim::cpu {

namespace {
// The tick (counted from the base) at which the counter reaches zero for the first time after
// tick `after`: the counter runs base, base-1, ..., 0, reload, ..., 0, reload, ... (ARMv7-M
// B3.3.1: reaching 0 sets COUNTFLAG, the next tick reloads). 0 when it never does.
std::uint64_t next_zero(std::uint32_t base, std::uint32_t reload, std::uint64_t after) {
  std::uint64_t first = base;
  if (base == 0) {
    if (reload == 0) return 0;
    first = std::uint64_t{reload} + 1;
  }
  if (first > after) return first;
  if (reload == 0) return 0;
  const std::uint64_t span = std::uint64_t{reload} + 1;
  return first + ((after - first) / span + 1) * span;
}
}  // namespace

void SysTick::reset(Picoseconds now) {
  csr_ = reload_ = base_value_ = 0;
  base_time_ = now;
  counted_ticks_ = 0;
  next_event_ = kNever;
}

void SysTick::set_clocks(Picoseconds now, std::uint64_t core_period_fs,
                         std::uint64_t reference_period_fs) {
  if (core_period_fs == core_period_fs_ && reference_period_fs == reference_period_fs_) return;
  rebase(now);
  core_period_fs_ = core_period_fs ? core_period_fs : 1;
  reference_period_fs_ = reference_period_fs ? reference_period_fs : 1;
  schedule();
}

std::uint64_t SysTick::ticks_since_base(Picoseconds now) const {
  if (!(csr_ & kEnable) || now <= base_time_) return 0;
  return (now - base_time_) * 1000 / period_fs();
}

std::uint32_t SysTick::read_cvr(Picoseconds now) const {
  const std::uint64_t p = ticks_since_base(now);
  if (p <= base_value_) return static_cast<std::uint32_t>(base_value_ - p);
  if (reload_ == 0) return 0;
  const std::uint64_t q = (p - base_value_ - 1) % (std::uint64_t{reload_} + 1);
  return static_cast<std::uint32_t>(reload_ - q);
}

void SysTick::rebase(Picoseconds now) {
  advance(now);
  base_value_ = read_cvr(now);
  base_time_ = now;
  counted_ticks_ = 0;
}

void SysTick::schedule() {
  next_event_ = kNever;
  if (!(csr_ & kEnable)) return;
  const std::uint64_t tick = next_zero(base_value_, reload_, counted_ticks_);
  if (tick) next_event_ = base_time_ + (tick * period_fs() + 999) / 1000;  // the first ps at it
}

bool SysTick::advance(Picoseconds now) {
  if (!(csr_ & kEnable)) return false;
  const std::uint64_t ticks = ticks_since_base(now);
  const std::uint64_t zero = next_zero(base_value_, reload_, counted_ticks_);
  counted_ticks_ = ticks;
  const bool wrapped = zero && zero <= ticks;
  if (wrapped) csr_ |= kCountFlag;
  schedule();
  return wrapped && (csr_ & kTickInt);
}

std::uint32_t SysTick::read_csr(Picoseconds now) {
  advance(now);
  const std::uint32_t v = csr_;
  csr_ &= ~kCountFlag;
  return v;
}

void SysTick::write_csr(Picoseconds now, std::uint32_t value) {
  rebase(now);
  csr_ = (csr_ & kCountFlag) | (value & (kEnable | kTickInt | kClkSource));
  schedule();
}

void SysTick::write_rvr(Picoseconds now, std::uint32_t value) {
  rebase(now);
  reload_ = value & kMax;
  schedule();
}

void SysTick::write_cvr(Picoseconds now) {
  rebase(now);
  base_value_ = 0;
  csr_ &= ~kCountFlag;
  schedule();
}

}  // namespace xipsim::cpu
