// The facts `inspect --flash PART` checks an FCB against, taken from the flash model's part file.
#pragma once

#include "xipsim/flash/part_spec.h"
#include "xipsim/image/inspect.h"

namespace xipsim {

image::FlashPartFacts flash_facts(const flash::PartSpec& part);

}  // namespace xipsim
