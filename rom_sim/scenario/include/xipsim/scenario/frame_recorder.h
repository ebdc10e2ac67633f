// Records the FlexSPI transactions a board sees, for the reports: a summary of every frame
// (time, opcode as it appeared on the wire, pads, length) and the slot-level line levels of the
// first frames of each kind of transaction (opcode x SCLK period), for the waveform view. The
// frames of boot steps are always kept; other steps' summaries stop at kMaxTransactions.
#pragma once

#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "xipsim/board/board.h"
#include "xipsim/board/frame_summary.h"

namespace xipsim::scenario {

struct Transaction : board::FrameSummary {
  std::size_t step = 0;  // the session step (from 1) the frame belongs to, 0 before any
};

struct Waveform {
  Transaction t;
  std::uint16_t pull_up = 0xFF;
  // Per slot: resolved levels, and which lines each side drove.
  std::vector<std::uint16_t> level, ctrl, flash;
  std::vector<std::uint8_t> ddr_falling;
};

class FrameRecorder : public board::FrameObserver {
 public:
  static constexpr std::size_t kMaxTransactions = 4000, kMaxWaves = 24, kWavesPerKind = 2,
                               kMaxSlots = 160;

  void on_frame(unsigned port, const SerialFrame& frame) override;
  void on_step(std::size_t index, const char* kind) override;

  const std::vector<Transaction>& transactions() const { return transactions_; }
  std::uint64_t total() const { return total_; }  // including those not kept
  const std::vector<Waveform>& waves() const { return waves_; }

 private:
  std::vector<Transaction> transactions_;
  std::vector<Waveform> waves_;
  std::map<std::tuple<int, Picoseconds, bool>, unsigned> per_kind_;
  std::uint64_t total_ = 0;
  std::size_t step_ = 0;
  bool boot_step_ = false;  // boot frames are always kept, beyond kMaxTransactions
};

}  // namespace xipsim::scenario
