// After a failed boot: look at what the flash really holds (backdoor, no bus traffic), the part's
// state and the board's sample point, and name every cause that can be proven, ordered by which
// one stops the boot first, each with the change that would verify the fix.
#pragma once

#include <vector>

#include "xipsim/boot/boot_report.h"
#include "xipsim/soc/platform.h"

namespace xipsim::boot {

std::vector<Cause> diagnose(const BootReport& report, soc::Platform& platform);
// The causes' texts as one paragraph (the report's hint).
std::string hint_of(const std::vector<Cause>& causes);

}  // namespace xipsim::boot
