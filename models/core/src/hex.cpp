#include "xipsim/core/hex.h"

#include <fmt/format.h>

namespace xipsim {

std::string hex32(std::uint64_t v) {
  return fmt::format("0x{:04X}_{:04X}", (v >> 16) & 0xFFFF, v & 0xFFFF);
}

int hex_nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace xipsim
