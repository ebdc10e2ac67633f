// Durations written with units in data files ("0.4 ms", "45 ms", "6 ns", "30 us").
#pragma once

#include <optional>
#include <string>

#include "xipsim/core/serial_frame.h"

namespace xipsim {

// Parses "<number> <unit>" with unit ps, ns, us, ms or s; nullopt when the text is not such a
// duration or is negative.
std::optional<Picoseconds> parse_duration(const std::string& text);

}  // namespace xipsim
