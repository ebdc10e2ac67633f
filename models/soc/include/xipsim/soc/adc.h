// An RT10xx ADC (ADC_Type: HC0..7, HS, R0..7, CFG, GC, GS, CV, OFS, CAL) as far as start-up code
// needs it: a calibration started with GC.CAL completes (CAL self-clears, GS.CALF stays 0) a
// fixed time later. The Teensy 4 core's analog_init waits for exactly that. Conversions are not
// modelled (HS.COCO never sets; R0 reads 0).
#pragma once

#include "xipsim/soc/register_block.h"

namespace xipsim::soc {

class AdcBlock : public RegisterBlock {
 public:
  static constexpr std::uint64_t HS = 0x20, CFG = 0x44, GC = 0x48, GS = 0x4C;
  static constexpr std::uint32_t GC_CAL = 1u << 7;
  bool models(std::uint64_t offset) const override { return (offset & ~3ull) == GC; }
  // How long a calibration takes: an assumption (the reference manual gives it in ADC clocks
  // that depend on the averaging set up; the start-up code only polls for the end).
  static constexpr Picoseconds kCalibrationTime = 100'000'000;  // 100 us
  AdcBlock(sc_core::sc_module_name name, std::uint64_t bus_base, Picoseconds latency);

 protected:
  std::uint32_t on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) override;
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;

 private:
  Picoseconds calibration_done_ = 0;
};

}  // namespace xipsim::soc
