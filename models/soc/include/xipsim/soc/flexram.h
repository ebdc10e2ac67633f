// IOMUXC_GPR as far as FlexRAM goes (RT1060 RM, IOMUXC_GPR chapter): GPR17 FLEXRAM_BANK_CFG gives
// each 32 KiB bank 2 bits (00 unused, 01 OCRAM, 10 DTCM, 11 ITCM), used once GPR16 bit 2
// FLEXRAM_BANK_CFG_SEL is 1 (else the fuse default). Every other GPR is a plain stored word.
// A change calls the listener with the new ITCM, DTCM and OCRAM sizes in bytes.
#pragma once

#include <functional>

#include "xipsim/soc/register_block.h"

namespace xipsim::soc {

struct FlexRamSizes {
  std::uint64_t itcm = 0, dtcm = 0, ocram = 0;
  std::uint32_t gpr17 = 0;
  bool operator==(const FlexRamSizes& o) const {
    return itcm == o.itcm && dtcm == o.dtcm && ocram == o.ocram;
  }
};

class FlexRamGpr : public RegisterBlock {
 public:
  static constexpr std::uint64_t GPR16 = 0x40, GPR17 = 0x44;
  static constexpr std::uint32_t GPR16_FLEXRAM_BANK_CFG_SEL = 1u << 2;
  bool models(std::uint64_t offset) const override {
    return (offset & ~3ull) == GPR16 || (offset & ~3ull) == GPR17;
  }
  using Listener = std::function<void(const FlexRamSizes&, Picoseconds now)>;
  FlexRamGpr(sc_core::sc_module_name name, std::uint64_t bus_base, Picoseconds latency,
             unsigned banks, std::uint64_t bank_size, Listener listener);

  static FlexRamSizes decode(std::uint32_t gpr17, unsigned banks, std::uint64_t bank_size);

 protected:
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;

 private:
  unsigned banks_;
  std::uint64_t bank_size_;
  Listener listener_;
};

}  // namespace xipsim::soc
