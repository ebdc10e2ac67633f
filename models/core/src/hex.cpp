#include "xipsim/core/hex.h"

#include <fmt/format.h>

namespace xipsim {

std::string hex32(std::uint64_t v) {
  return fmt::format("0x{:04X}_{:04X}", (v >> 16) & 0xFFFF, v & 0xFFFF);
}

}  // namespace xipsim
