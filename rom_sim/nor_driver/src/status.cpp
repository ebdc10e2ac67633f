#include "xipsim/nor_driver/status.h"

#include <fmt/format.h>

namespace xipsim::nor_driver {

std::string status_name(Status s) {
  const char* name = nullptr;
  switch (s) {
    case status::kSuccess:
      name = "kStatus_Success";
      break;
    case status::kFail:
      name = "kStatus_Fail";
      break;
    case status::kInvalidArgument:
      name = "kStatus_InvalidArgument";
      break;
    case status::kTimeout:
      name = "kStatus_Timeout";
      break;
    case status::kFlexspiSequenceTimeout:
      name = "kStatus_FLEXSPI_SequenceExecutionTimeout";
      break;
    case status::kFlexspiInvalidSequence:
      name = "kStatus_FLEXSPI_InvalidSequence";
      break;
    case status::kFlexspiDeviceTimeout:
      name = "kStatus_FLEXSPI_DeviceTimeout";
      break;
    default:
      break;
  }
  if (!name && s >= 20000 && s < 20200) {
    static const char* const kNor[] = {"ProgramFail",
                                       "EraseSectorFail",
                                       "EraseAllFail",
                                       "WaitTimeout",
                                       "NotSupported",
                                       "WriteAlignmentError",
                                       "CommandFailure",
                                       "SFDP_NotFound",
                                       "Unsupported_SFDP_Version",
                                       "Flash_NotFound",
                                       "DTRRead_DummyProbeFailed"};
    const int code = s % 100;
    if (code < 11) return fmt::format("kStatus_FLEXSPINOR_{} ({})", kNor[code], s);
  }
  return name ? fmt::format("{} ({})", name, s) : fmt::format("status {}", s);
}

}  // namespace xipsim::nor_driver
