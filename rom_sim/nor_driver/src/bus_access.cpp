#include "xipsim/nor_driver/bus_access.h"

#include <fmt/format.h>

namespace xipsim::nor_driver {

std::uint32_t BusAccess::read32(std::uint64_t address) {
  std::uint8_t b[4];
  if (!read(address, b, 4))
    throw BusFault(address, fmt::format("bus error reading 0x{:08X}", address));
  return static_cast<std::uint32_t>(b[0]) | static_cast<std::uint32_t>(b[1]) << 8 |
         static_cast<std::uint32_t>(b[2]) << 16 | static_cast<std::uint32_t>(b[3]) << 24;
}

void BusAccess::write32(std::uint64_t address, std::uint32_t value) {
  const std::uint8_t b[4] = {
      static_cast<std::uint8_t>(value), static_cast<std::uint8_t>(value >> 8),
      static_cast<std::uint8_t>(value >> 16), static_cast<std::uint8_t>(value >> 24)};
  if (!write(address, b, 4))
    throw BusFault(address, fmt::format("bus error writing 0x{:08X}", address));
}

}  // namespace xipsim::nor_driver
