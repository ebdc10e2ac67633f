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

namespace xipsim::scenario {

struct Transaction {
  Picoseconds start = 0, end = 0, period = 0;
  unsigned port = 0;
  int opcode = -1;        // the first 8 bits the controller drove; -1 when it drove none
  unsigned cmd_pads = 0;  // lines the controller drove in the first slot
  bool ddr = false;
  std::size_t slots = 0;
  bool flash_drove = false;  // the flash drove any line (a read got an answer)
  std::size_t step = 0;      // the session step (from 1) the frame belongs to, 0 before any
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

// "EBh", or "-" for a frame without a command.
Transaction summarize(unsigned port, const SerialFrame& frame);

}  // namespace xipsim::scenario
