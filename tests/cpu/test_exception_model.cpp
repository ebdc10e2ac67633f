// The pieces of the M7 model that are plain arithmetic, against hand calculations from the
// ARMv7-M Architecture Reference Manual: SysTick's counter over time (B3.3), exception
// priorities with PRIGROUP, PRIMASK and BASEPRI (B1.5.4), and the L1 cache's LRU replacement.
#include <gtest/gtest.h>

#include "xipsim/cpu/exceptions.h"
#include "xipsim/cpu/l1_cache.h"
#include "xipsim/cpu/systick.h"

namespace xipsim::test {
namespace {

using cpu::SysTick;
constexpr std::uint64_t kFs100MHz = 10'000'000;  // 10 ns per core clock, in femtoseconds

TEST(SysTick, CountsDownReloadsAndFlagsTheWrap) {
  SysTick t;
  t.reset(0);
  t.set_clocks(0, kFs100MHz, 10'000'000'000);
  t.write_rvr(0, 99);  // 100 clocks per period: 1 us at 100 MHz
  t.write_cvr(0);      // counter 0: the first clock loads 99
  t.write_csr(0, SysTick::kEnable | SysTick::kTickInt | SysTick::kClkSource);
  // Ticks at 10 ns: 0 -> 99 at tick 1, reaches 0 at tick 100 (1000 ns): the first wrap.
  EXPECT_EQ(t.read_cvr(10'000), 99u);   // 1 tick
  EXPECT_EQ(t.read_cvr(500'000), 50u);  // 50 ticks: 99 - 49
  EXPECT_EQ(t.next_event(), 1'000'000u);
  EXPECT_FALSE(t.advance(999'999));
  EXPECT_TRUE(t.advance(1'000'000));      // reached 0: pend (TICKINT)
  EXPECT_EQ(t.next_event(), 2'000'000u);  // every 100 ticks after
  EXPECT_EQ(t.read_csr(1'000'001) & SysTick::kCountFlag, SysTick::kCountFlag);
  EXPECT_EQ(t.read_csr(1'000'002) & SysTick::kCountFlag, 0u);  // reading cleared it
  EXPECT_EQ(t.read_cvr(1'010'000), 99u);                       // reloaded one tick later
}

TEST(SysTick, ReferenceClockAndADisabledCounterStandStill) {
  SysTick t;
  t.reset(0);
  t.set_clocks(0, kFs100MHz, 10'000'000'000);  // reference 100 kHz: 10 us per tick
  t.write_rvr(0, 9);
  t.write_cvr(0);
  t.write_csr(0, SysTick::kEnable);         // CLKSOURCE 0, no TICKINT
  EXPECT_EQ(t.next_event(), 100'000'000u);  // 10 ticks of 10 us
  EXPECT_FALSE(t.advance(100'000'000));     // wraps, but TICKINT is clear
  t.write_csr(150'000'000, 0);              // stopped at 150 us: 5 ticks into the period
  const std::uint32_t held = t.read_cvr(150'000'000);
  EXPECT_EQ(held, 5u);  // 9 at 110 us, ..., 5 at 150 us
  EXPECT_EQ(t.read_cvr(900'000'000), held);
  EXPECT_EQ(t.next_event(), SysTick::kNever);
}

TEST(ExceptionState, PreemptionFollowsGroupPriorityAndTheMasks) {
  cpu::ExceptionState st(32, 4);
  const unsigned irq3 = cpu::exc::kIrq0 + 3, irq5 = cpu::exc::kIrq0 + 5;
  st.set_enabled(irq3, true);
  st.set_enabled(irq5, true);
  st.set_priority_field(irq3, 0x45);  // 4 implemented bits: 0x40
  st.set_priority_field(irq5, 0x60);
  EXPECT_EQ(st.priority_field(irq3), 0x40);
  st.set_pending(irq5, true);
  st.set_pending(irq3, true);
  EXPECT_EQ(st.highest_pending(), irq3);  // 0x40 beats 0x60
  EXPECT_EQ(st.execution_priority(0, 0, 0), 256);
  st.activate(irq5);  // running the 0x60 handler: 0x40 preempts it
  EXPECT_EQ(st.preempting(st.execution_priority(0, 0, 0)), irq3);
  EXPECT_EQ(st.execution_priority(0, 0x40, 0), 0x40);  // BASEPRI 0x40 masks 0x40 itself
  EXPECT_FALSE(st.preempting(st.execution_priority(0, 0x40, 0)));
  EXPECT_FALSE(st.preempting(st.execution_priority(1, 0, 0)));  // PRIMASK
  // PRIGROUP 6: bits [6:0] are subpriority, so 0x40 and 0x60 share group 0 and do not preempt.
  st.set_prigroup(6);
  EXPECT_FALSE(st.preempting(st.execution_priority(0, 0, 0)));
  EXPECT_EQ(st.priority(cpu::exc::kHardFault), -1);
  EXPECT_EQ(st.priority(cpu::exc::kNmi), -2);
}

TEST(L1Cache, LeastRecentlyUsedWayIsEvicted) {
  cpu::L1Cache c(256, 2, 32);  // 4 sets of 2 ways; set = (address / 32) % 4
  EXPECT_EQ(c.sets(), 4u);
  const std::uint32_t a = 0x000, b = 0x080, d = 0x100;  // all in set 0
  EXPECT_LT(c.lookup(a), 0);
  c.allocate(a);
  c.allocate(b);
  EXPECT_GE(c.lookup(a), 0);  // a is now the most recent
  c.allocate(d);              // evicts b
  EXPECT_GE(c.lookup(a), 0);
  EXPECT_LT(c.lookup(b), 0);
  EXPECT_GE(c.lookup(d), 0);
  c.invalidate(a + 4);  // any address in the line
  EXPECT_LT(c.lookup(a), 0);
}

}  // namespace
}  // namespace xipsim::test
