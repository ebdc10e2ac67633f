// After a failed boot: look at what the flash really holds (backdoor, no bus traffic) and at the
// board's sample point, and name the likely cause and fix in one paragraph (the report's hint).
#pragma once

#include <string>

#include "xipsim/boot/boot_report.h"
#include "xipsim/soc/platform.h"

namespace xipsim::boot {

std::string diagnose(const BootReport& report, soc::Platform& platform);

}  // namespace xipsim::boot
