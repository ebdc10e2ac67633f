#include "xipsim/boot/rom_log.h"

namespace xipsim::boot::romlog {

std::string name(std::uint32_t code) {
  switch (code) {
    case kBootModeFuse:
      return "BOOTMODE_INTERNAL_FUSE";
    case kBootModeSerial:
      return "BOOTMODE_SERIAL";
    case kBootModeInternal:
      return "BOOTMODE_INTERNAL";
    case kBootModeTest:
      return "BOOTMODE_TEST";
    case kSecConfigFab:
      return "SEC_CONFIG_FAB";
    case kSecConfigOpen:
      return "SEC_CONFIG_OPEN";
    case kSecConfigClosed:
      return "SEC_CONFIG_CLOSED";
    case kBtFuseSel0:
      return "BT_FUSE_SEL_VALUE0";
    case kBtFuseSel1:
      return "BT_FUSE_SEL_VALUE1";
    case kPrimaryImage:
      return "PRIM_IMAGE_SELECT";
    case kSecondaryImage:
      return "SEC_IMAGE_SELECT";
    case kBootDeviceFlexspiNor:
      return "PRIM_BOOTDEVICE_FLEXSPI_NOR";
    case kDeviceInitCall:
      return "DEVICE_INIT_CALL";
    case kDeviceInitPass:
      return "DEVICE_INIT_PASS";
    case kDeviceInitFail:
      return "DEVICE_INIT_FAIL";
    case kReadDataCall:
      return "DEVICE_READ_DATA_CALL";
    case kReadDataPass:
      return "DEVICE_READ_DATA_PASS";
    case kReadDataFail:
      return "DEVICE_READ_DATA_FAIL";
    case kAuthenticationStatus:
      return "AUTHENTICATION_STATUS";
    case kPluginCall:
      return "PLUGIN_IMAGE_CALL";
    case kPluginPass:
      return "PLUGIN_IMAGE_PASS";
    case kPluginFail:
      return "PLUGIN_IMAGE_FAIL";
    case kProgramImageCall:
      return "PROGRAM_IMAGE_CALL";
    case kSdpEntry:
      return "SDP_ENTRY";
    default:
      return "";
  }
}

}  // namespace xipsim::boot::romlog
