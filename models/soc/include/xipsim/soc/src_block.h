// The System Reset Controller as the RT10xx lays it out (SDK SRC_Type: SCR 0x00, SBMR1 0x04,
// SRSR 0x08, SBMR2 0x1C, GPR1..GPR10 0x20..0x44). SBMR1/SBMR2 show the boot pins and fuses (read
// only, set by the platform); SRSR records why the SoC reset (write 1 to clear; a power-on sets
// only IPP_RESET_B); GPR1..10 keep their values over warm resets (the ROM and bootloaders pass
// words there). SCR is stored: its core-reset and watchdog-mask bits do not act. Other chips'
// SRCs use the same offsets for SBMR1/SBMR2 in this model (docs/soc-model.md).
#pragma once

#include "xipsim/soc/register_block.h"

namespace xipsim::soc {

// SBMR offsets shared with the ROM model (boot_inputs.cpp).
namespace src_reg {
constexpr std::uint64_t SCR = 0x00, SBMR1 = 0x04, SRSR = 0x08, SBMR2 = 0x1C, GPR1 = 0x20,
                        GPR10 = 0x44;
}

class SrcBlock : public RegisterBlock {
 public:
  // SRSR bits (RT1060 reference manual, SRC_SRSR).
  static constexpr std::uint32_t IPP_RESET_B = 1u << 0, LOCKUP_SYSRESETREQ = 1u << 1,
                                 WDOG_RST_B = 1u << 4, WDOG3_RST_B = 1u << 7;
  SrcBlock(sc_core::sc_module_name name, std::uint64_t bus_base, std::uint64_t size,
           Picoseconds latency);
  void power_on();                                   // SRSR = IPP_RESET_B, GPRs 0
  void record_reset(std::uint32_t bits);             // a warm reset for these reasons
  static std::string srsr_text(std::uint32_t srsr);  // "wdog_rst_b" ...
};

}  // namespace xipsim::soc
