// The FlexSPI's sequence error codes as STS1 reports them (boot-reference §4.1): what the
// controller found wrong with a LUT sequence. Shared by the model and the drivers, which show them.
#pragma once

#include <cstdint>

namespace xipsim::flexspi::seqerr {

constexpr std::uint8_t kNone = 0x0, kJumpOnCs = 0x2, kUnknownOpcode = 0x3, kDummySdrInDdr = 0x4,
                       kDummyDdrInSdr = 0x5, kAddressOutOfRange = 0x6, kTimeout = 0xE,
                       kBoundaryCrossed = 0xF;
const char* describe(std::uint8_t code);

}  // namespace xipsim::flexspi::seqerr
