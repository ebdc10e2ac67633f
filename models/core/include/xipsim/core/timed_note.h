// A note a model or driver makes at a simulated time ("opcode 0x9F ignored: busy ..."): what the
// flash device, the FlexSPI controller and the NOR driver each keep, oldest first, as notes().
#pragma once

#include <string>

#include "xipsim/core/serial_frame.h"  // Picoseconds

namespace xipsim {

struct TimedNote {
  Picoseconds time = 0;
  std::string text;
};

}  // namespace xipsim
