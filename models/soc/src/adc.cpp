#include "xipsim/soc/adc.h"

namespace xipsim::soc {

AdcBlock::AdcBlock(sc_core::sc_module_name name, std::uint64_t bus_base, Picoseconds latency)
    : RegisterBlock(name, bus_base, 0x4000, latency) {}

std::uint32_t AdcBlock::on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) {
  if (offset == GC && (stored & GC_CAL) && now >= calibration_done_) {
    set_word(GC, stored & ~GC_CAL);  // the calibration is over
    return stored & ~GC_CAL;
  }
  return stored;
}

std::uint32_t AdcBlock::on_write(std::uint64_t offset, std::uint32_t old_value,
                                 std::uint32_t new_value, Picoseconds now) {
  if (offset == GC && (new_value & GC_CAL) && !(old_value & GC_CAL))
    calibration_done_ = now + kCalibrationTime;
  return new_value;
}

}  // namespace xipsim::soc
