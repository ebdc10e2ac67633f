// RT10xx boot ROM event log codes (boot-reference §7.1/§7.3; NXP-MCUBootUtility btlogdef.py).
#pragma once

#include <cstdint>
#include <string>

namespace xipsim::boot::romlog {

constexpr std::uint32_t kBootModeFuse = 0x00010000, kBootModeSerial = 0x00010001,
                        kBootModeInternal = 0x00010002, kBootModeTest = 0x00010003;
constexpr std::uint32_t kSecConfigFab = 0x00020000, kSecConfigOpen = 0x000200F0,
                        kSecConfigClosed = 0x000200CC;
constexpr std::uint32_t kBtFuseSel0 = 0x00040000, kBtFuseSel1 = 0x00040001;
constexpr std::uint32_t kPrimaryImage = 0x00050000, kSecondaryImage = 0x00050001;
constexpr std::uint32_t kBootDeviceFlexspiNor = 0x00060008;
constexpr std::uint32_t kDeviceInitCall = 0x00070000, kDeviceInitPass = 0x000700F0,
                        kDeviceInitFail = 0x00070033;
constexpr std::uint32_t kReadDataCall = 0x00080000, kReadDataPass = 0x000800F0,
                        kReadDataFail = 0x00080033;
constexpr std::uint32_t kAuthenticationStatus = 0x00090000;
constexpr std::uint32_t kPluginCall = 0x000A0000, kPluginPass = 0x000A00F0,
                        kPluginFail = 0x000A0033;
constexpr std::uint32_t kProgramImageCall = 0x000B0000;
constexpr std::uint32_t kSdpEntry = 0x000C0000;

// "DEVICE_INIT_FAIL" for a known code, "" otherwise.
std::string name(std::uint32_t code);

}  // namespace xipsim::boot::romlog
