// Passes the boot flash's frames on to the VCD writer and the report recorder only inside the
// session's record window (BootRequest::record), and counts what it kept and dropped.
#pragma once

#include "xipsim/board/board.h"
#include "xipsim/boot/boot_session.h"

namespace xipsim::boot {

class FrameGate : public board::FrameObserver {
 public:
  FrameGate(board::FrameObserver& next, RecordWindow window);
  // A session step begins: frames from here on are judged against it.
  void begin_step(std::size_t index, SessionStep::Kind kind);
  void on_frame(unsigned port, const SerialFrame& frame) override;
  std::uint64_t passed() const { return passed_; }
  std::uint64_t dropped() const { return dropped_; }

 private:
  board::FrameObserver& next_;
  RecordWindow window_;
  std::size_t step_ = 0;
  SessionStep::Kind kind_ = SessionStep::Kind::kPowerOn;
  std::uint64_t passed_ = 0, dropped_ = 0;
};

}  // namespace xipsim::boot
