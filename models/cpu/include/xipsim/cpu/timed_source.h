// A peripheral with its own sense of time (a watchdog): the CPU stops at its next event, lets it
// act there, and takes a reset it requests as the end of the run (the platform resets, the ROM
// boots again). SysTick is the SCS's own timer and is not one of these.
#pragma once

#include <optional>
#include <string>

#include "xipsim/core/serial_frame.h"

namespace xipsim::cpu {

struct ResetRequest {
  std::string source;       // "WDOG1", "RTWDOG", "AIRCR.SYSRESETREQ"
  std::string why;          // in words: "not refreshed for 2.000 s (WCR.WT 3)"
  std::uint32_t cause = 0;  // what the reset controller records (SRC_SRSR bits); 0: the core's own
};

class TimedSource {
 public:
  static constexpr Picoseconds kNever = ~Picoseconds{0} >> 1;  // as SysTick::kNever
  virtual ~TimedSource() = default;
  virtual Picoseconds next_event() const = 0;  // kNever when nothing is due
  // Called at or after next_event(); a reset request ends the run.
  virtual std::optional<ResetRequest> on_time(Picoseconds now) = 0;
};

}  // namespace xipsim::cpu
