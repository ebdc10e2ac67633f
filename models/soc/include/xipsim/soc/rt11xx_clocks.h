// The RT1160/RT1170 clock blocks the application programs (docs/soc-model.md, "RT11xx clocks").
// Offsets and fields as in the SDK's MIMXRT1176 drivers (fsl_clock.c/.h, fsl_anatop_ai.c,
// fsl_pmu.c) and NuttX's imxrt117x_ccm.h, _pll.h, _osc.h, _pmu.h, _anadig.h (NXP-contributed):
// - Rt11xxCcmBlock (CCM): 79 clock roots (CONTROL with SET/CLR/TOG, STATUS0 mirroring MUX, DIV
//   and OFF, never busy), OSCPLL and LPCG gates whose STATUS0.ON follows DIRECT.ON.
// - AnadigBlock (ANADIG_OSC/PLL/PMU/MISC, one 16 KiB block): the 24 MHz oscillator is stable
//   while enabled; ARM, SYS_PLL2 and SYS_PLL3 report STABLE a lock time after POWERUP; SYS_PLL1,
//   AUDIO and VIDEO PLLs are powered through their analog interface (AI) ports; a PFD's STABLE
//   bit flips when software toggles its UPDATE bit; PMU_BIAS_CTRL2.WB_OK follows WB_EN; the AI
//   ports (VDDSOC, 1G, AUDIO, VIDEO, 400M, bandgap) carry reads and writes to the analog
//   registers behind them, with their TOGGLE_DONE handshakes; the bandgap reports VBGUP.
// Not modelled: setpoint and domain control modes, the CCM observe counters (CCM_OBS), the
// temperature sensor's AI port, SET/CLR/TOG aliases in ANADIG (the SDK uses read-modify-write).
#pragma once

#include <array>
#include <map>

#include "xipsim/core/register_table.h"
#include "xipsim/soc/register_block.h"

namespace xipsim::soc {

namespace ccm11 {
constexpr std::uint64_t kRootStride = 0x80, kRoots = 79, CONTROL = 0x00, STATUS0 = 0x20;
constexpr std::uint64_t OSCPLL = 0x5000, LPCG = 0x6000, kGateStride = 0x20, kOscPlls = 29,
                        kLpcgs = 138, DIRECT = 0x00, GATE_STATUS0 = 0x10;
constexpr Field CONTROL_DIV{0, 8}, CONTROL_MUX{8, 3};
constexpr std::uint32_t CONTROL_OFF = 1u << 24, DIRECT_ON = 1u << 0;
// Clock roots (SDK clock_root_t).
enum Root : unsigned { kM7 = 0, kBus = 2, kFlexspi1 = 20, kFlexspi2 = 21, kLpuart1 = 25 };
}  // namespace ccm11

namespace anadig {
constexpr std::uint64_t OSC_48M_CTRL = 0x10, OSC_24M_CTRL = 0x20, OSC_400M_CTRL1 = 0x50,
                        OSC_16M_CTRL = 0xC0, ARM_PLL_CTRL = 0x200, SYS_PLL3_CTRL = 0x210,
                        SYS_PLL3_UPDATE = 0x220, SYS_PLL3_PFD = 0x230, SYS_PLL2_CTRL = 0x240,
                        SYS_PLL2_UPDATE = 0x250, SYS_PLL2_PFD = 0x270, SYS_PLL1_CTRL = 0x2C0,
                        PLL_AUDIO_CTRL = 0x300, PLL_VIDEO_CTRL = 0x350, PMU_LDO_PLL = 0x500,
                        PMU_BIAS_CTRL2 = 0x560, PMU_REF_CTRL = 0x570;
constexpr std::uint32_t OSC_24M_CTRL_OSC_EN = 1u << 4, OSC_24M_CTRL_OSC_24M_STABLE = 1u << 30;
// Bits shared by the PLL control registers: STABLE (29); ENABLE_CLK (13) on all; GATE on 30
// (ARM, SYS_PLL2, SYS_PLL3) or 14 (SYS_PLL1, AUDIO, VIDEO).
constexpr std::uint32_t PLL_STABLE = 1u << 29, PLL_ENABLE_CLK = 1u << 13;
constexpr std::uint32_t ARM_PLL_CTRL_POWERUP = 1u << 13, ARM_PLL_CTRL_ENABLE_CLK = 1u << 14,
                        ARM_PLL_CTRL_BYPASS = 1u << 17, ARM_PLL_CTRL_ARM_PLL_GATE = 1u << 30;
constexpr Field ARM_PLL_CTRL_DIV_SELECT{0, 8}, ARM_PLL_CTRL_POST_DIV_SEL{15, 2};
constexpr std::uint32_t SYS_PLL2_CTRL_POWERUP = 1u << 23, SYS_PLL3_CTRL_POWERUP = 1u << 21,
                        SYS_PLL_CTRL_BYPASS = 1u << 16, SYS_PLL23_GATE = 1u << 30,
                        SYS_PLL3_CTRL_SYS_PLL3_DIV2 = 1u << 3;
constexpr std::uint32_t SYS_PLL1_CTRL_SYS_PLL1_GATE = 1u << 14,
                        SYS_PLL1_CTRL_SYS_PLL1_DIV2 = 1u << 25,
                        SYS_PLL1_CTRL_SYS_PLL1_DIV5 = 1u << 26;
// PFDn in SYS_PLLx_PFD: FRAC bits 8n..8n+5, STABLE 8n+6, DIV1_CLKGATE 8n+7; SYS_PLLx_UPDATE
// PFDn_UPDATE is bit n+1.
constexpr Field PFD0_FRAC{0, 6}, PFD1_FRAC{8, 6}, PFD2_FRAC{16, 6}, PFD3_FRAC{24, 6};
constexpr std::uint32_t PMU_LDO_PLL_AI_TOGGLE = 1u << 16, PMU_BIAS_CTRL2_WB_EN = 1u << 24,
                        PMU_BIAS_CTRL2_WB_OK = 1u << 26, PMU_REF_CTRL_REF_AI_TOGGLE = 1u << 0;
// The AI ports' control registers (ANADIG_MISC): ADDR bits 0-7, TOGGLE 8, TOGGLE_DONE 9 (the
// ports with their own toggle), RWB 16 (1 = read).
constexpr std::uint64_t VDDSOC_AI_CTRL = 0x820, VDDSOC2PLL_AI_CTRL_1G = 0x850,
                        VDDSOC2PLL_AI_CTRL_AUDIO = 0x880, VDDSOC2PLL_AI_CTRL_VIDEO = 0x8B0,
                        VDDLPSR_AI_CTRL = 0x8E0, VDDLPSR_AI400M_CTRL = 0x920;
constexpr Field AI_CTRL_ADDR{0, 8};
constexpr std::uint32_t AI_CTRL_TOGGLE = 1u << 8, AI_CTRL_TOGGLE_DONE = 1u << 9,
                        AI_CTRL_RWB = 1u << 16;
// Registers behind the AI ports (SDK fsl_anatop_ai.h): CTRL0 of the 1G/AUDIO/VIDEO PLLs
// (POWER_UP bit 14), the bandgap's STAT0 (REFTOP_VBGUP bit 0).
constexpr std::uint8_t AI_PLL_CTRL0 = 0x00, AI_BANDGAP_STAT0 = 0x50;
constexpr std::uint32_t AI_PLL_CTRL0_POWER_UP = 1u << 14, AI_BANDGAP_STAT0_REFTOP_VBGUP = 1u << 0;
}  // namespace anadig

class Rt11xxCcmBlock : public RegisterBlock {
 public:
  Rt11xxCcmBlock(sc_core::sc_module_name name, std::uint64_t bus_base, Picoseconds latency);
  bool models(std::uint64_t offset) const override;
  std::uint32_t root_control(unsigned root) const { return word(root * ccm11::kRootStride); }
  void set_root_control(unsigned root, std::uint32_t v) { set_word(root * ccm11::kRootStride, v); }

 protected:
  std::uint32_t on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) override;
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;

 private:
  static bool in_gates(std::uint64_t offset);  // an OSCPLL or LPCG register
  static bool is_gate_status(std::uint64_t offset);
};

class AnadigBlock : public RegisterBlock {
 public:
  // Lock time of a PLL after power-up: an assumption (no figure the SDK relies on; it polls
  // STABLE), the RT10xx model's 256 cycles of the 24 MHz reference.
  static constexpr Picoseconds kLockTime = 10'667'000;
  // The analog interface ports (SDK anatop_ai_itf_t order).
  enum class Port { kLdo, k1g, kAudio, kVideo, k400m, kBandgap, kCount };
  AnadigBlock(sc_core::sc_module_name name, std::uint64_t bus_base, Picoseconds latency);
  std::uint32_t ai_word(Port p, std::uint8_t addr) const;
  // A PLL's output is running: powered (its control bit or AI port), enabled and ungated (its
  // lock time is the software's to wait for, through STABLE).
  bool pll_running(std::uint64_t ctrl) const;
  // A register set by the ROM: a PLL powered here starts its lock time now.
  void set_by_rom(std::uint64_t offset, std::uint32_t value, Picoseconds now);

 protected:
  void on_clear() override;
  std::uint32_t on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) override;
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;

 private:
  bool powered(std::uint64_t ctrl) const;
  void follow_power(Picoseconds now);
  void pfd_updates(std::uint64_t update, std::uint32_t old_value, std::uint32_t new_value);
  void ai_transfer(Port p);
  std::uint32_t& ai_reg(Port p, std::uint8_t addr) {
    return ai_[static_cast<std::size_t>(p)][addr];
  }
  std::array<std::map<std::uint8_t, std::uint32_t>, static_cast<std::size_t>(Port::kCount)> ai_;
  std::map<std::uint64_t, Picoseconds> powered_at_;  // PLL control register -> power-up time
};

// Clock frequencies (Hz) the RT11xx registers select, from the 24 MHz oscillator and the RC
// oscillators (48 MHz / 2, 400 MHz, 16 MHz).
double rt11xx_root_hz(const Rt11xxCcmBlock& ccm, const AnadigBlock& anadig, unsigned root);
// What the ROM leaves for a FLEXSPI1 root clock of `hz` (its settings are not public; an
// assumption, docs/soc-model.md): SYS_PLL2 (528 MHz) powered, FLEXSPI1 root on SYS_PLL2_OUT
// (an NXP support answer: "RT1170 FlexSPI use PLL2 as clock source when use default
// configure") with the smallest divider whose output is not above `hz` (133 MHz -> 132 MHz).
// The SDK's BOARD_BootClockRUN finds PLL2 powered and leaves it alone.
void program_rt11xx_flexspi_clock(Rt11xxCcmBlock& ccm, AnadigBlock& anadig, double hz,
                                  Picoseconds now);

}  // namespace xipsim::soc
