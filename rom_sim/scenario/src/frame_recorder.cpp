#include "xipsim/scenario/frame_recorder.h"

#include <algorithm>
#include <string>

namespace xipsim::scenario {

void FrameRecorder::on_step(std::size_t index, const char* kind) {
  step_ = index;
  boot_step_ = std::string(kind) == "boot";
}

void FrameRecorder::on_frame(unsigned port, const SerialFrame& frame) {
  ++total_;
  Transaction t;
  static_cast<board::FrameSummary&>(t) = board::summarize(port, frame);
  t.step = step_;
  if (transactions_.size() < kMaxTransactions || boot_step_) transactions_.push_back(t);
  if (waves_.size() >= kMaxWaves) return;
  unsigned& seen = per_kind_[{t.opcode, t.period, t.ddr}];
  if (seen >= kWavesPerKind) return;
  ++seen;
  Waveform w;
  w.t = t;
  w.pull_up = frame.pull_up();
  const std::size_t n = std::min(frame.size(), kMaxSlots);
  for (std::size_t i = 0; i < n; ++i) {
    w.level.push_back(frame.level(i));
    w.ctrl.push_back(frame[i].ctrl_drive);
    w.flash.push_back(frame[i].flash_drive);
    w.ddr_falling.push_back((frame[i].flags & kSlotFalling) ? 1 : 0);
  }
  waves_.push_back(std::move(w));
}

}  // namespace xipsim::scenario
