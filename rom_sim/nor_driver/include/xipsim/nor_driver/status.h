// Status codes of the FlexSPI NOR driver (boot-reference §9.1: status = group x 100 + code).
#pragma once

#include <string>

namespace xipsim::nor_driver {

using Status = int;

namespace status {
constexpr Status kSuccess = 0, kFail = 1, kInvalidArgument = 4, kTimeout = 5;
// FlexSPI group 60 (ROM numbering).
constexpr Status kFlexspiSequenceTimeout = 6000, kFlexspiInvalidSequence = 6001,
                 kFlexspiDeviceTimeout = 6002;
// FlexSPI NOR group: codes 0..14 added to group x 100 (group 200 or 201, open conflict 5).
enum NorCode : int {
  kProgramFail = 0,
  kEraseSectorFail = 1,
  kEraseAllFail = 2,
  kWaitTimeout = 3,
  kNotSupported = 4,
  kWriteAlignmentError = 5,
  kCommandFailure = 6,
  kSfdpNotFound = 7,
  kUnsupportedSfdpVersion = 8,
  kFlashNotFound = 9,
  kDtrReadDummyProbeFailed = 10,
};
}  // namespace status

// "kStatus_FlexSPINOR_CommandFailure (20106)" style name; unknown codes as the number.
std::string status_name(Status s);

}  // namespace xipsim::nor_driver
