#include "xipsim/scenario/frame_recorder.h"

#include <algorithm>
#include <bitset>
#include <string>

namespace xipsim::scenario {

Transaction summarize(unsigned port, const SerialFrame& frame) {
  Transaction t;
  t.port = port;
  t.start = frame.start_ps();
  t.end = frame.end_ps();
  t.period = frame.sclk_period_ps();
  t.slots = frame.size();
  t.ddr = frame.has_ddr();
  for (std::size_t i = 0; i < frame.size(); ++i)
    if (frame[i].flash_drive) {
      t.flash_drove = true;
      break;
    }
  if (frame.empty()) return t;
  const std::uint16_t drive0 = frame[0].ctrl_drive & line::kAllIo;
  const unsigned pads = static_cast<unsigned>(std::bitset<8>(drive0).count());
  t.cmd_pads = pads;
  if (pads == 0 || 8 % pads) return t;
  // The first 8 bits on the driven lines, most significant first (IO(pads-1) is the top bit).
  unsigned value = 0, bits = 0;
  for (std::size_t i = 0; i < frame.size() && bits < 8; ++i) {
    const std::uint16_t lv = frame.level(i);
    value = value << pads | (lv & line::io_mask(pads));
    bits += pads;
  }
  if (bits == 8) t.opcode = static_cast<int>(value);
  return t;
}

void FrameRecorder::on_step(std::size_t index, const char* kind) {
  step_ = index;
  boot_step_ = std::string(kind) == "boot";
}

void FrameRecorder::on_frame(unsigned port, const SerialFrame& frame) {
  ++total_;
  Transaction t = summarize(port, frame);
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
