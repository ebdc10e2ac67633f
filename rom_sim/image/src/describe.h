// Plain-words descriptions of what sits at a flash location, for findings.
#pragma once

#include <string>

#include "xipsim/chips/chip_profile.h"
#include "xipsim/image/flash_contents.h"
#include "xipsim/image/rom_rules.h"

namespace xipsim::image::detail {

// "blank flash (all 0xFF)", "an application vector table (SP 0x2002_0000, reset 0x6000_2345)",
// "bytes 00 01 02 ...", "nothing (the file has no data there)".
std::string describe_location(const FlashContents& flash, std::uint64_t offset, std::size_t size,
                              const chips::ChipProfile& chip);

using rom_rules::looks_like_vector_table;

}  // namespace xipsim::image::detail
