// Addresses as reports print them: "0x6000_2000" (32 bits, grouped by 16).
#pragma once

#include <cstdint>
#include <string>

namespace xipsim {

std::string hex32(std::uint64_t v);

}  // namespace xipsim
