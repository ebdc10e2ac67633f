// One line per serial frame: when it ran, on which port, the opcode as it appeared on the wire,
// how many pads carried the command, how long it was and whether the flash answered. The
// reports keep these for every frame; FrameHistory keeps the last few for a debugger.
#pragma once

#include <cstdint>
#include <deque>
#include <string>

#include "xipsim/board/board.h"

namespace xipsim::board {

struct FrameSummary {
  Picoseconds start = 0, end = 0, period = 0;
  unsigned port = 0;
  int opcode = -1;        // the first 8 bits the controller drove; -1 when it drove none
  unsigned cmd_pads = 0;  // lines the controller drove in the first slot
  bool ddr = false;
  std::size_t slots = 0;
  bool flash_drove = false;  // the flash drove any line (a read got an answer)
};

FrameSummary summarize(unsigned port, const SerialFrame& frame);
// "A1", "A2", "B1", "B2".
const char* port_name(unsigned port);
// "1234.567 us  A1  EBh on 1 pad, 2200 ns at 30.0 MHz SCLK, the flash answered".
std::string describe(const FrameSummary& s);

// The last `capacity` frames, oldest first.
class FrameHistory : public FrameObserver {
 public:
  explicit FrameHistory(std::size_t capacity) : capacity_(capacity) {}
  void on_frame(unsigned port, const SerialFrame& frame) override;
  const std::deque<FrameSummary>& last() const { return last_; }
  std::uint64_t total() const { return total_; }

 private:
  std::size_t capacity_;
  std::deque<FrameSummary> last_;
  std::uint64_t total_ = 0;
};

}  // namespace xipsim::board
