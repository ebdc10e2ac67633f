// The SysTick timer (ARMv7-M B3.3): a 24-bit down-counter clocked by the core clock
// (CSR.CLKSOURCE 1) or the chip's reference clock (0). Computed from time, not ticked: the value
// at any moment follows from when it was last written and the clock period, so a 1 ms SysTick
// costs nothing between its interrupts.
#pragma once

#include <cstdint>

#include "xipsim/core/serial_frame.h"  // Picoseconds

namespace xipsim::cpu {

class SysTick {
 public:
  static constexpr std::uint32_t kEnable = 1u << 0, kTickInt = 1u << 1, kClkSource = 1u << 2,
                                 kCountFlag = 1u << 16;
  static constexpr std::uint32_t kMax = 0x00FFFFFF;

  void reset(Picoseconds now);
  // Clock periods in femtoseconds (so that 600 MHz is 1666667 fs, not a rounded 1667 ps that
  // would make every SysTick period 0.02 % long) of the core and the reference clock; applies
  // from `now`.
  void set_clocks(Picoseconds now, std::uint64_t core_period_fs, std::uint64_t reference_period_fs);

  // Register accesses at `now`. Reading CSR clears COUNTFLAG.
  std::uint32_t read_csr(Picoseconds now);
  void write_csr(Picoseconds now, std::uint32_t value);
  std::uint32_t read_rvr() const { return reload_; }
  void write_rvr(Picoseconds now, std::uint32_t value);
  std::uint32_t read_cvr(Picoseconds now) const;
  void write_cvr(Picoseconds now);  // any write clears the counter and COUNTFLAG

  // Counts the wraps up to `now`; returns true when the interrupt should be pended (TICKINT).
  bool advance(Picoseconds now);
  // When the counter next reaches zero after `now`; kNever when it will not.
  static constexpr Picoseconds kNever = ~Picoseconds{0} >> 1;
  Picoseconds next_event() const { return next_event_; }

 private:
  std::uint64_t period_fs() const {
    return (csr_ & kClkSource) ? core_period_fs_ : reference_period_fs_;
  }
  std::uint64_t ticks_since_base(Picoseconds now) const;
  void rebase(Picoseconds now);
  void schedule();

  std::uint32_t csr_ = 0, reload_ = 0;
  std::uint32_t base_value_ = 0;  // counter value at base_time_
  Picoseconds base_time_ = 0;
  std::uint64_t counted_ticks_ = 0;  // ticks since base_time_ already accounted in advance()
  std::uint64_t core_period_fs_ = 1'666'667, reference_period_fs_ = 10'000'000'000;
  Picoseconds next_event_ = kNever;
};

}  // namespace xipsim::cpu
