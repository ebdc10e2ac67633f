// Writes the frames a board sees as a VCD waveform: CS#, SCLK, IO0..IO3 and DQS per port in use.
// The waveform is printed from the same slot arrays the simulation used; with no writer attached
// the board pays nothing. Line values: 0/1 where driven, z where nobody drives.
#pragma once

#include <array>
#include <cstdint>
#include <fstream>
#include <string>

#include "xipsim/board/board.h"

namespace xipsim::board {

class VcdWriter : public FrameObserver {
 public:
  // Opens `path`; throws InputError naming the file when it cannot be written.
  explicit VcdWriter(const std::string& path);
  ~VcdWriter() override;

  void on_frame(unsigned port, const SerialFrame& frame) override;
  std::uint64_t frames_written() const { return frames_; }
  std::uint64_t bytes_written();  // so far

 private:
  void header();
  void emit(Picoseconds t, const std::string& change);

  std::ofstream out_;
  std::string path_;
  Picoseconds now_ = 0;
  bool time_written_ = false;
  std::uint64_t frames_ = 0;
};

}  // namespace xipsim::board
