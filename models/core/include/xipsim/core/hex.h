// Addresses as reports print them: "0x6000_2000" (32 bits, grouped by 16), and hex digits.
#pragma once

#include <cstdint>
#include <string>

namespace xipsim {

std::string hex32(std::uint64_t v);

// The value of one hex digit (0-9, a-f, A-F), or -1.
int hex_nibble(char c);

}  // namespace xipsim
