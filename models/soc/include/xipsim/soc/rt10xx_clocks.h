// The RT10xx clock blocks the application programs (RT1050/1060/1064 reference manuals, CCM and
// CCM_ANALOG chapters; offsets and fields as in the SDK's CCM_Type/CCM_ANALOG_Type, reset values
// as in imxrt-ral's RT1060 register descriptions and QEMU's i.MX6UL CCM, the same IP):
// - CcmBlock: root muxes and dividers, stored; CDHIPR reads 0 (no divider handshake pending).
// - CcmAnalogBlock: the PLLs with their SET/CLR/TOG aliases (+4/+8/+C); a PLL's LOCK bit sets a
//   lock time after it is powered, the 24 MHz oscillator reports ready (MISC0.OSC_XTALOK,
//   XTALOSC24M LOWPWR_CTRL.XTALOSC_PWRUP_STAT; XTALOSC24M shares the CCM_ANALOG block).
// - DcdcBlock: REG0.STS_DC_OK reads 1 (the DC-DC converter is always settled; RT10xx and RT11xx).
// - rt10xx_core_hz(): the core clock (AHB_CLK_ROOT) these registers select.
#pragma once

#include <map>

#include "xipsim/core/register_table.h"
#include "xipsim/soc/register_block.h"

namespace xipsim::soc {

namespace ccm {
constexpr std::uint64_t CCR = 0x00, CSR = 0x08, CCSR = 0x0C, CACRR = 0x10, CBCDR = 0x14,
                        CBCMR = 0x18, CSCMR1 = 0x1C, CSCMR2 = 0x20, CSCDR1 = 0x24, CS1CDR = 0x28,
                        CS2CDR = 0x2C, CDCDR = 0x30, CSCDR2 = 0x38, CSCDR3 = 0x3C, CDHIPR = 0x48,
                        CLPCR = 0x54, CISR = 0x58, CIMR = 0x5C, CCOSR = 0x60, CGPR = 0x64,
                        CCGR0 = 0x68, CCGR6 = 0x80, CMEOR = 0x88;
constexpr Field CACRR_ARM_PODF{0, 3};
constexpr Field CBCDR_IPG_PODF{8, 2}, CBCDR_AHB_PODF{10, 3}, CBCDR_PERIPH_CLK2_PODF{27, 3};
constexpr std::uint32_t CBCDR_PERIPH_CLK_SEL = 1u << 25, CBCDR_SEMC_CLK_SEL = 1u << 6,
                        CBCDR_SEMC_ALT_CLK_SEL = 1u << 7;
// FLEXSPI_CLK_ROOT (RT1050/1060/1064 reference manuals, CSCMR1 and CCGR6).
constexpr Field CSCMR1_FLEXSPI_PODF{23, 3}, CSCMR1_FLEXSPI_CLK_SEL{29, 2}, CCGR6_CG5_FLEXSPI{10, 2};
// PERCLK_CLK_ROOT (PIT, GPT): CSCMR1.PERCLK_PODF and PERCLK_CLK_SEL (0 IPG, 1 the oscillator).
constexpr Field CSCMR1_PERCLK_PODF{0, 6};
constexpr std::uint32_t CSCMR1_PERCLK_CLK_SEL = 1u << 6;
// UART_CLK_ROOT (LPUART): CSCDR1.UART_CLK_PODF and UART_CLK_SEL (0 PLL3 / 6 = 80 MHz, 1 the
// oscillator).
constexpr Field CSCDR1_UART_CLK_PODF{0, 6};
constexpr std::uint32_t CSCDR1_UART_CLK_SEL = 1u << 6;
constexpr Field CBCMR_PERIPH_CLK2_SEL{12, 2}, CBCMR_PRE_PERIPH_CLK_SEL{18, 2};
}  // namespace ccm

namespace analog {
constexpr std::uint64_t PLL_ARM = 0x00, PLL_USB1 = 0x10, PLL_USB2 = 0x20, PLL_SYS = 0x30,
                        PLL_SYS_SS = 0x40, PLL_SYS_NUM = 0x50, PLL_SYS_DENOM = 0x60,
                        PLL_AUDIO = 0x70, PLL_VIDEO = 0xA0, PLL_ENET = 0xE0, PFD_480 = 0xF0,
                        PFD_528 = 0x100, MISC0 = 0x150, MISC1 = 0x160, MISC2 = 0x170,
                        LOWPWR_CTRL = 0x270;
constexpr std::uint32_t PLL_LOCK = 1u << 31, PLL_BYPASS = 1u << 16, PLL_ENABLE = 1u << 13,
                        PLL_POWERDOWN = 1u << 12, PLL_USB_POWER = 1u << 12;
constexpr Field PLL_ARM_DIV_SELECT{0, 7};
constexpr std::uint32_t PLL_SYS_DIV_SELECT = 1u << 0, PLL_USB_DIV_SELECT = 1u << 1;
constexpr std::uint32_t MISC0_OSC_XTALOK = 1u << 15, LOWPWR_CTRL_XTALOSC_PWRUP_STAT = 1u << 16;
constexpr Field PFD0_FRAC{0, 6}, PFD1_FRAC{8, 6}, PFD2_FRAC{16, 6}, PFD3_FRAC{24, 6};
// PLL6 (ENET PLL): its 500 MHz output (RT1010/1015/1020/1024 reference manuals, PLL_ENET).
constexpr std::uint32_t PLL_ENET_500M_REF_EN = 1u << 22;
}  // namespace analog

// The two RT10xx clock trees (chip YAML `application.clock_tree`). They differ in what
// CBCMR.PRE_PERIPH_CLK_SEL selects (SDK device headers, the field's description):
// - kArmPll, "rt1060" (RT1040/1050/1060/1064): 0 PLL2, 1 PLL2 PFD2, 2 PLL2 PFD0, 3 PLL1 (the
//   ARM PLL) / CACRR.ARM_PODF;
// - kEnetPll, "rt1020" (RT1010/1015/1020/1024, no ARM PLL): 0 PLL2, 1 PLL3 PFD3, 2 PLL2 PFD3,
//   3 PLL6's 500 MHz output (MIMXRT1011.h, MIMXRT1015.h, MIMXRT1024.h; RT1021 assumed the same:
//   its SDK BOARD_BootClockRUN selects 3 for 500 MHz as RT1011's does).
enum class ClockTree { kArmPll, kEnetPll };

class CcmBlock : public RegisterBlock {
 public:
  CcmBlock(sc_core::sc_module_name name, std::uint64_t bus_base, Picoseconds latency);
};

class CcmAnalogBlock : public RegisterBlock {
 public:
  // Lock time of a PLL after power-up: an assumption (the reference manuals give none that the
  // SDK relies on; CLOCK_InitArmPll polls LOCK): 256 cycles of the 24 MHz reference.
  static constexpr Picoseconds kLockTime = 10'667'000;
  CcmAnalogBlock(sc_core::sc_module_name name, std::uint64_t bus_base, Picoseconds latency);
  // A register set by the ROM (not a bus write): a PLL powered here starts its lock time now.
  void set_by_rom(std::uint64_t base, std::uint32_t value, Picoseconds now) {
    write_base(base, value, now);
  }
  bool models(std::uint64_t offset) const override;  // the table's registers and their aliases

 protected:
  std::uint32_t on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) override;
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;

 private:
  void write_base(std::uint64_t base, std::uint32_t value, Picoseconds now);
  static bool is_pll(std::uint64_t base);
  static bool has_aliases(std::uint64_t base);
  bool powered(std::uint64_t pll) const;
  std::map<std::uint64_t, Picoseconds> powered_at_;  // PLL register -> when it was powered up
};

// REG0 sits at offset 0x00 on RT10xx and at 0x08 on RT1170 (after CTRL0/CTRL1; NuttX
// imxrt117x_dcdc.h, and the RT1170 SDK's DCDC_SetVDD1P0BuckModeTargetVoltage polls it there).
class DcdcBlock : public RegisterBlock {
 public:
  static constexpr std::uint32_t REG0_STS_DC_OK = 1u << 31;
  DcdcBlock(sc_core::sc_module_name name, std::uint64_t bus_base, std::uint64_t reg0,
            Picoseconds latency);
  bool models(std::uint64_t offset) const override { return (offset & ~3ull) == reg0_; }

 protected:
  std::uint32_t on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) override;

 private:
  std::uint64_t reg0_;
};

// The core clock the CCM and CCM_ANALOG registers select (Hz), from the 24 MHz oscillator.
double rt10xx_core_hz(const RegisterBlock& ccm, const RegisterBlock& analog, ClockTree tree);
// UART_CLK_ROOT (Hz).
double rt10xx_uart_hz(const RegisterBlock& ccm, const RegisterBlock& analog);
// FLEXSPI_CLK_ROOT (Hz): CSCMR1.FLEXSPI_CLK_SEL (0 semc_clk_root_pre, 1 PLL3, 2 PLL2 PFD2,
// 3 PLL3 PFD0) divided by FLEXSPI_PODF + 1; 0 when CCGR6.CG5 gates it.
double rt10xx_flexspi_hz(const RegisterBlock& ccm, const RegisterBlock& analog, ClockTree tree);
// What the ROM leaves in the CCM for a FlexSPI root clock of `hz` (its own settings are not
// public): PLL3 on at 480 MHz, FLEXSPI_CLK_SEL 3 (PLL3 PFD0) and the PFD0_FRAC (12..35) and
// FLEXSPI_PODF (1..8) pair whose 480 MHz x 18 / FRAC / PODF is the highest not above `hz`, as
// the flashloader's flexspi_clock_config pairs are (boot-reference.md §2.4).
void program_rt10xx_flexspi_clock(RegisterBlock& ccm, CcmAnalogBlock& analog, double hz,
                                  Picoseconds now);

}  // namespace xipsim::soc
