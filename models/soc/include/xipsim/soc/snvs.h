// The RT10xx SNVS as far as software passes words through resets (SDK SNVS_Type): LPGPR0..7 at
// 0x100..0x11C, with their aliases LPGPR_ALIAS0..3 at 0x90..0x9C and LPGPR0_LEGACY_ALIAS at 0x68,
// keep their values over warm resets (watchdog, SYSRESETREQ, SRC), as the SNVS domain stays
// powered; bootloaders pass "stay in the bootloader" flags there. Every other register is stored
// and, an approximation, also survives warm resets (the HP half is reset by a system reset on
// silicon; nothing modelled depends on it). Power-on clears the block: no coin cell is modelled.
// Not modelled: the RTC and monotonic counters, the security state machine, zeroizable keys.
#pragma once

#include "xipsim/soc/register_block.h"

namespace xipsim::soc {

class SnvsBlock : public RegisterBlock {
 public:
  static constexpr std::uint64_t LPGPR0_LEGACY_ALIAS = 0x68, LPGPR_ALIAS0 = 0x90, LPGPR0 = 0x100;
  static constexpr unsigned kLpgprs = 8, kAliases = 4;
  SnvsBlock(sc_core::sc_module_name name, std::uint64_t bus_base, Picoseconds latency);
  bool models(std::uint64_t offset) const override;
  void power_on();  // every register back to 0

 protected:
  std::uint32_t on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) override;
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;

 private:
  static std::uint64_t target(std::uint64_t offset);  // the LPGPR an alias names, else offset
};

}  // namespace xipsim::soc
