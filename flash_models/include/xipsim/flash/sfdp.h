// SFDP (JESD216) space of a part: the header, the Basic Flash Parameter Table and, for parts
// with dedicated 4-byte opcodes, the 4-byte address instruction table, generated from the part's
// fields; or the raw bytes the part file gives. Layout: docs/boot-reference.md section 10.
#pragma once

#include <cstdint>
#include <vector>

#include "xipsim/flash/part_spec.h"

namespace xipsim::flash {

std::vector<std::uint8_t> build_sfdp(const PartSpec& part);

}  // namespace xipsim::flash
