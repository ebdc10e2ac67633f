// Putting the board's flash contents in place before the first step, as production and a
// factory programmer would: register state, the images (placed through their inspect report,
// overlaps refused) and byte patches. Internal to rom_sim/boot.
#pragma once

#include <string>
#include <vector>

#include "xipsim/boot/boot_session.h"
#include "xipsim/soc/platform.h"

namespace xipsim::boot {

void set_flash_registers(const BootRequest& r, soc::Platform& p, std::vector<std::string>& notes);
void place_images(const BootRequest& request, const chips::ChipProfile& chip,
                  soc::Platform& platform, std::vector<std::string>& notes);
void apply_patches(const BootRequest& request, soc::Platform& platform,
                   std::vector<std::string>& notes);

}  // namespace xipsim::boot
