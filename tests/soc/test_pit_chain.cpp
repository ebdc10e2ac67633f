// PIT chain mode (TCTRL.CHN): channel 1 counts channel 0's timeouts. Hand calculation: a 24 MHz
// PIT clock with LDVAL0 = 23 times out every 24 clocks = 1 us; channel 1 chained from the same
// moment decrements once per microsecond. The MCU bootloader's microseconds driver and the SDK's
// lifetime timer read this pair through LTMR64H/L.
#include <gtest/gtest.h>

#include <tlm_utils/simple_initiator_socket.h>
#include <functional>
#include <systemc>
#include <tlm>

#include "tlm_host.h"
#include "xipsim/soc/pit.h"

namespace xipsim::test {
namespace {

using soc::PitBlock;

using Host = TlmHost;

std::uint64_t reg(unsigned ch, std::uint64_t r) {
  return PitBlock::kChannel0 + ch * PitBlock::kChannelStride + r;
}

// MDIS cleared, channel 0 at LDVAL 23, channel 1 chained to it with `ldval1`.
void start(Host& h, std::uint32_t ldval1) {
  h.access(true, PitBlock::MCR, 0);
  h.access(true, reg(0, PitBlock::LDVAL), 23);
  h.access(true, reg(1, PitBlock::LDVAL), ldval1);
  h.access(true, reg(0, PitBlock::TCTRL), PitBlock::TCTRL_TEN);
  h.access(true, reg(1, PitBlock::TCTRL), PitBlock::TCTRL_CHN | PitBlock::TCTRL_TEN);
}

TEST(PitChain, ChannelOneCountsChannelZerosMicroseconds) {
  PitBlock pit("PIT", "PIT", 0x40084000, 0, [] { return 24e6; });
  Host host("host");
  host.socket.bind(pit.socket);
  std::uint32_t high = 0, low = 0, cval1 = 0;
  host.program = [&](Host& h) {
    start(h, 0xFFFFFFFFu);
    // 1000.5 us: 1000 timeouts of channel 0, and half of the next period (12 of 24 clocks).
    sc_core::wait(sc_core::sc_time(1000.5, sc_core::SC_US));
    high = h.access(false, PitBlock::LTMR64H);
    low = h.access(false, PitBlock::LTMR64L);
    cval1 = h.access(false, reg(1, PitBlock::CVAL));
  };
  sc_core::sc_start();
  EXPECT_EQ(high, 0xFFFFFFFFu - 1000u);
  EXPECT_EQ(cval1, 0xFFFFFFFFu - 1000u);
  EXPECT_EQ(low, 23u - 12u);
}

// LDVAL1 = 9: channel 1 times out after 10 of channel 0's timeouts, 10 us.
TEST(PitChain, AChainedChannelTimesOutAfterLdvalPlusOneTimeouts) {
  PitBlock pit("PIT", "PIT", 0x40084000, 0, [] { return 24e6; });
  Host host("host");
  host.socket.bind(pit.socket);
  std::uint32_t before = 0, after = 0;
  host.program = [&](Host& h) {
    start(h, 9);
    sc_core::wait(sc_core::sc_time(9.5, sc_core::SC_US));
    before = h.access(false, reg(1, PitBlock::TFLG));
    sc_core::wait(sc_core::sc_time(1, sc_core::SC_US));
    after = h.access(false, reg(1, PitBlock::TFLG));
  };
  sc_core::sc_start();
  EXPECT_EQ(before & PitBlock::TFLG_TIF, 0u);
  EXPECT_EQ(after & PitBlock::TFLG_TIF, PitBlock::TFLG_TIF);
}

}  // namespace
}  // namespace xipsim::test
