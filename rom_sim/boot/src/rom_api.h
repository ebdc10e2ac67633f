// The boot ROM's API as code after the ROM calls it (boot-reference §9.2; internal to
// rom_sim/boot): the ROM's address space at 0x0020_0000 holds a vector table whose eighth word
// (0x0020_001C) points at the API tree, the tree in the RT1062 ROM's layout (MCU-boot
// targets/MIMXRT1062 bl_api.h: version, copyright, runBootloader, reserved, FlexSPI NOR driver,
// reserved, clock driver, RTWDOG driver, WDOG driver, reserved) and each driver's table of
// function pointers. The functions are native (C++ in rom_api.cpp): the clock driver's mux,
// divider, gate and frequency functions act on the CCM as the SDK's fsl_clock.c does; every
// other entry notes that it is not modelled and returns 0. Installed on chips whose ROM uses
// that layout (RT1060, RT1064); elsewhere the ROM's address space stays unmapped.
#pragma once

#include "xipsim/soc/platform.h"

namespace xipsim::boot {

void install_rom_api(soc::Platform& platform);

}  // namespace xipsim::boot
