// The state a previous application can leave a flash part in (field failure F07): QPI mode,
// 4-byte address mode, continuous-read (XIP) mode. Applied by sending the part the very
// commands that application would have sent, as chip-select windows it consumes.
#pragma once

#include <string>
#include <vector>

#include "xipsim/flash/nor_device.h"

namespace xipsim::soc {

struct FlashLeftover {
  bool four_byte = false;
  bool continuous_read = false;
  bool qpi = false;
  bool opi = false;  // an octal part in STR or DTR OPI (found, not applied by leave_flash_in)
  bool any() const { return four_byte || continuous_read || qpi || opi; }
};

// Parses "qpi", "4byte", "continuous" (comma-separated); throws InputError otherwise.
FlashLeftover parse_flash_leftover(const std::string& text);
std::string describe(const FlashLeftover& l);  // "4-byte address mode, QPI mode" or "none"
// The modes a part is in right now, in the same terms.
FlashLeftover modes_of(const flash::NorDevice& device);

// Sends the commands at time `t`; returns what the part did (one line per command), e.g. a
// part without QPI answers nothing. The device ends in the requested modes when it has them.
std::vector<std::string> leave_flash_in(flash::NorDevice& device, const FlashLeftover& leftover,
                                        Picoseconds t);

}  // namespace xipsim::soc
