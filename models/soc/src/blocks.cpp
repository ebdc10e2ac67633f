#include "xipsim/soc/blocks.h"

namespace xipsim::soc {

std::uint32_t SemcBlock::on_write(std::uint64_t offset, std::uint32_t old_value,
                                  std::uint32_t new_value) {
  if (offset == kIntr) return old_value & ~new_value;  // W1C
  if (offset == kIpCmd && (new_value >> 16) == 0xA55A) set_word(kIntr, word(kIntr) | 1u);
  return new_value;
}

ClockControl::ClockControl(sc_core::sc_module_name name, std::uint64_t bus_base, unsigned instances,
                           Listener listener)
    : RegisterBlock(name, bus_base, 4ull * instances, 0),
      instances_(instances),
      listener_(std::move(listener)) {}

std::uint32_t ClockControl::on_write(std::uint64_t offset, std::uint32_t, std::uint32_t new_value) {
  const unsigned instance = static_cast<unsigned>(offset / 4);
  if (instance < instances_ && new_value != 0)
    listener_(instance, new_value, to_ps(sc_core::sc_time_stamp()));
  return new_value;
}

}  // namespace xipsim::soc
