#include "xipsim/soc/memory.h"

#include <algorithm>
#include <cstring>

namespace xipsim::soc {

Memory::Memory(sc_core::sc_module_name name, std::uint64_t size, Picoseconds latency)
    : SimpleTarget(name, size, latency), bytes_(size, 0) {}

bool Memory::read(std::uint64_t offset, std::uint8_t* data, unsigned len, Picoseconds) {
  std::memcpy(data, bytes_.data() + offset, len);
  return true;
}

bool Memory::write(std::uint64_t offset, const std::uint8_t* data, unsigned len, Picoseconds) {
  std::memcpy(bytes_.data() + offset, data, len);
  return true;
}

}  // namespace xipsim::soc
