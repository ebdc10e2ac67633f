// The RT1170 clock blocks through their TLM socket, driven the way the SDK's MIMXRT1176 drivers
// drive them (fsl_clock.c, fsl_anatop_ai.c, fsl_pmu.c), with the register offsets and bits of
// NuttX's imxrt117x_pll.h / _anadig.h / _pmu.h / _osc.h / _ccm.h written out here:
// - ARM_PLL_CTRL 0x200: POWERUP bit 13, ENABLE_CLK 14, STABLE 29; STABLE is 0 right after
//   power-up and 1 once the lock time (docs/soc-model.md: 10.667 us) has passed.
// - SYS_PLL2_PFD 0x270 / SYS_PLL2_UPDATE 0x250: toggling PFD2_UPDATE (bit 3) flips PFD2_STABLE
//   (bit 22), as CLOCK_InitPfd waits for; a software write of STABLE does nothing.
// - The 1G AI port (VDDSOC2PLL_AI_CTRL_1G 0x850, WDATA 0x860, RDATA 0x870; ADDR bits 0-7,
//   TOGGLE 8, TOGGLE_DONE 9, RWB 16): writing POWER_UP (bit 14) to the PLL's CTRL0_SET (AI
//   address 0x04) flips TOGGLE_DONE and powers SYS_PLL1 (SYS_PLL1_CTRL 0x2C0 STABLE later); a
//   read of CTRL0 (0x00) returns 0x4000.
// - The bandgap port (VDDLPSR_AI_CTRL 0x8E0, toggle PMU_REF_CTRL 0x570 bit 0, RDATA_REFTOP
//   0x900): STAT0 (0x50) reads REFTOP_VBGUP (bit 0) set, as PMU_EnableBandgap... waits for.
// - CCM CLOCK_ROOT0 (0x0000, SET alias 0x0004, STATUS0 0x0020): MUX bits 8-10, DIV 0-7;
//   LPCG0 DIRECT 0x6000, STATUS0 0x6010 bit 0 follows DIRECT.ON.
// Frequencies by hand: ARM PLL DIV_SELECT 166, POST_DIV_SEL 0 (divide by 2): 24 MHz x 166 / 2 /
// 2 = 996 MHz on CLOCK_ROOT0 with mux 4 (ARM_PLL_OUT), div 1; the ROM's FLEXSPI1 root for
// 133 MHz is SYS_PLL2 528 MHz / 4 = 132 MHz.
#include <gtest/gtest.h>

#include <tlm_utils/simple_initiator_socket.h>
#include <functional>
#include <systemc>
#include <tlm>

#include "tlm_host.h"

#include "xipsim/soc/rt11xx_clocks.h"

namespace xipsim::test {
namespace {

struct Driver : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Driver> anadig{"anadig"}, ccm{"ccm"};
  std::function<void(Driver&)> program;
  explicit Driver(sc_core::sc_module_name n) : sc_module(n) {
    SC_HAS_PROCESS(Driver);
    SC_THREAD(run);
  }
  void run() { program(*this); }
  std::uint32_t access(tlm_utils::simple_initiator_socket<Driver>& s, bool write,
                       std::uint64_t offset, std::uint32_t value = 0) {
    sc_core::sc_time delay;
    value = tlm_word(s, write, offset, value, &delay);
    wait(delay);
    return value;
  }
  std::uint32_t rd(tlm_utils::simple_initiator_socket<Driver>& s, std::uint64_t o) {
    return access(s, false, o);
  }
  void wr(tlm_utils::simple_initiator_socket<Driver>& s, std::uint64_t o, std::uint32_t v) {
    access(s, true, o, v);
  }
};

struct Seen {
  std::uint32_t arm_at_powerup = 0, arm_later = 0, pfd_before = 0, pfd_after = 0,
                pfd_after_write = 0, done_before = 0, done_after = 0, pll1_later = 0,
                ctrl0_read = 0, vbgup = 0, root_status = 0, root_control = 0, lpcg_status = 0;
};

void drive_anadig(Driver& d, Seen& s) {
  constexpr std::uint32_t kStable = 1u << 29, kPfd2Stable = 1u << 22, kDone = 1u << 9;
  d.wr(d.anadig, 0x200, (1u << 13) | (1u << 14) | 166);  // POWERUP | ENABLE_CLK | DIV 166
  s.arm_at_powerup = d.rd(d.anadig, 0x200) & kStable;
  sc_core::wait(sc_core::sc_time(20, sc_core::SC_US));
  s.arm_later = d.rd(d.anadig, 0x200) & kStable;
  s.pfd_before = d.rd(d.anadig, 0x270) & kPfd2Stable;
  d.wr(d.anadig, 0x250, d.rd(d.anadig, 0x250) ^ (1u << 3));  // PFD2_UPDATE toggled
  s.pfd_after = d.rd(d.anadig, 0x270) & kPfd2Stable;
  d.wr(d.anadig, 0x270, d.rd(d.anadig, 0x270) ^ kPfd2Stable);  // software cannot flip STABLE
  s.pfd_after_write = d.rd(d.anadig, 0x270) & kPfd2Stable;
  // ANATOP_AI_Write(kAI_Itf_1g, CTRL0_SET, POWER_UP)
  s.done_before = d.rd(d.anadig, 0x850) & kDone;
  d.wr(d.anadig, 0x850, 0x04);  // RWB 0, ADDR 0x04
  d.wr(d.anadig, 0x860, 1u << 14);
  d.wr(d.anadig, 0x850, d.rd(d.anadig, 0x850) ^ (1u << 8));
  s.done_after = d.rd(d.anadig, 0x850) & kDone;
  d.wr(d.anadig, 0x2C0, 1u << 13);  // SYS_PLL1 ENABLE_CLK
  sc_core::wait(sc_core::sc_time(20, sc_core::SC_US));
  s.pll1_later = d.rd(d.anadig, 0x2C0) & kStable;
  d.wr(d.anadig, 0x850, (1u << 16) | 0x00);  // read CTRL0
  d.wr(d.anadig, 0x850, d.rd(d.anadig, 0x850) ^ (1u << 8));
  s.ctrl0_read = d.rd(d.anadig, 0x870);
  d.wr(d.anadig, 0x8E0, (1u << 16) | 0x50);  // bandgap STAT0, toggled through PMU_REF_CTRL
  d.wr(d.anadig, 0x570, d.rd(d.anadig, 0x570) ^ 1u);
  s.vbgup = d.rd(d.anadig, 0x900) & 1u;
}

TEST(Rt11xxClocks, PllsPfdsAnalogPortsAndClockRootsAnswerAsTheSdkWaitsForThem) {
  soc::AnadigBlock anadig("ANADIG", 0x40C84000, 0);
  soc::Rt11xxCcmBlock ccm("CCM", 0x40CC0000, 0);
  Driver d("driver");
  d.anadig.bind(anadig.socket);
  d.ccm.bind(ccm.socket);
  Seen s;
  d.program = [&](Driver& drv) {
    drive_anadig(drv, s);
    drv.wr(drv.ccm, 0x0004, 4u << 8);  // CLOCK_ROOT0_CONTROL_SET: MUX 4 (ARM_PLL_OUT)
    s.root_control = drv.rd(drv.ccm, 0x0000);
    s.root_status = drv.rd(drv.ccm, 0x0020);
    drv.wr(drv.ccm, 0x6000, 1u);  // LPCG0 DIRECT.ON
    s.lpcg_status = drv.rd(drv.ccm, 0x6010);
  };
  sc_core::sc_start();
  EXPECT_EQ(s.arm_at_powerup, 0u);
  EXPECT_NE(s.arm_later, 0u);
  EXPECT_NE(s.pfd_before, s.pfd_after);
  EXPECT_EQ(s.pfd_after_write, s.pfd_after);
  EXPECT_NE(s.done_before, s.done_after);
  EXPECT_NE(s.pll1_later, 0u);
  EXPECT_EQ(s.ctrl0_read, 0x4000u);
  EXPECT_EQ(s.vbgup, 1u);
  EXPECT_EQ(s.root_control, 0x400u);
  EXPECT_EQ(s.root_status & 0x7FFu, 0x400u);
  EXPECT_EQ(s.lpcg_status & 1u, 1u);
  EXPECT_DOUBLE_EQ(soc::rt11xx_root_hz(ccm, anadig, soc::ccm11::kM7), 996e6);
}

TEST(Rt11xxClocks, TheRomLeavesFlexspi1OnSysPll2DividedToTheFcbClock) {
  soc::AnadigBlock anadig("ANADIG2", 0x40C84000, 0);
  soc::Rt11xxCcmBlock ccm("CCM2", 0x40CC0000, 0);
  soc::program_rt11xx_flexspi_clock(ccm, anadig, 133e6, 0);
  EXPECT_DOUBLE_EQ(soc::rt11xx_root_hz(ccm, anadig, soc::ccm11::kFlexspi1), 132e6);
  soc::program_rt11xx_flexspi_clock(ccm, anadig, 30e6, 0);  // 528 / 18 = 29.33 MHz
  EXPECT_NEAR(soc::rt11xx_root_hz(ccm, anadig, soc::ccm11::kFlexspi1), 29.333e6, 1e3);
  // M7 at reset: CLOCK_ROOT0 mux 0 (OSC_RC_48M_DIV2), div 1
  EXPECT_DOUBLE_EQ(soc::rt11xx_root_hz(ccm, anadig, soc::ccm11::kM7), 24e6);
}

}  // namespace
}  // namespace xipsim::test

namespace xipsim::test {
namespace {

// LPUARTn's root is CLOCK_ROOT 24 + n (SDK clock_root_t: kCLOCK_Root_Lpuart1 = 25 ...
// kCLOCK_Root_Lpuart12 = 36) with the SDK's mux tables: on LPUART1-10 mux 4 is SYS_PLL3_DIV2
// (480 / 2 = 240 MHz), on LPUART11-12 mux 5 is SYS_PLL3_OUT (480 MHz, / 4 = 120 MHz); mux 1 is
// the 24 MHz crystal everywhere.
TEST(Rt11xxClocks, EachLpuartFollowsItsOwnRoot) {
  soc::AnadigBlock anadig("ANADIG3", 0x40C84000, 0);
  soc::Rt11xxCcmBlock ccm("CCM3", 0x40CC0000, 0);
  // SYS_PLL3: POWERUP (21), ENABLE_CLK (13), DIV2 output (3)
  anadig.set_by_rom(soc::anadig::SYS_PLL3_CTRL, (1u << 21) | (1u << 13) | (1u << 3), 0);
  ccm.set_root_control(25, 4u << 8);         // LPUART1: SYS_PLL3_DIV2, / 1
  ccm.set_root_control(26, 1u << 8);         // LPUART2: OSC_24M, / 1
  ccm.set_root_control(36, (5u << 8) | 3u);  // LPUART12: SYS_PLL3_OUT, / 4
  EXPECT_DOUBLE_EQ(soc::rt11xx_root_hz(ccm, anadig, 25), 240e6);
  EXPECT_DOUBLE_EQ(soc::rt11xx_root_hz(ccm, anadig, 26), 24e6);
  EXPECT_DOUBLE_EQ(soc::rt11xx_root_hz(ccm, anadig, 36), 120e6);
}

}  // namespace
}  // namespace xipsim::test
