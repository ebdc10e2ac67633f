// The wire from a host's UART transmitter to a chip's RX pad: idle high; each byte a frame of one
// start bit (low), 8 data bits LSB first and one stop bit (high), at the sender's bit period. A
// frame starts no earlier than the previous one's stop bit ends. Whoever listens on the pad (an
// LPUART receiver sampling at its own baud rate, a GPIO timing edges) reads levels and edges
// from here, so a receiver at another baud rate than the sender's decodes what silicon would.
// Not modelled: parity, 2 stop bits and 9-bit frames from the host, break, noise.
#pragma once

#include <cstdint>
#include <deque>
#include <string>

#include "xipsim/core/serial_frame.h"

namespace xipsim::soc {

class SerialLine {
 public:
  static constexpr Picoseconds kNever = ~Picoseconds{0};
  static constexpr unsigned kFrameBits = 10;  // start, 8 data, stop

  // `bytes` sent back to back from `start` (or when the line is free) at `baud` bits/s.
  void send(Picoseconds start, const std::string& bytes, double baud);
  bool level(Picoseconds t) const;  // true: high (idle or a 1 bit)
  // The first falling edge at or after `from`; kNever when none is scheduled.
  Picoseconds falling_edge(Picoseconds from) const;
  Picoseconds edge(Picoseconds from) const;      // the first change either way at or after `from`
  Picoseconds free_at() const { return free_; }  // when the last frame's stop bit ends
  void forget_before(Picoseconds t);             // drop frames that ended before `t`
  void clear();

 private:
  struct Frame {
    Picoseconds start = 0, bit = 0;  // start of the start bit; bit period
    std::uint8_t byte = 0;
    Picoseconds end() const { return start + kFrameBits * bit; }
    bool bit_level(unsigned i) const { return i == 0 ? false : i > 8 || ((byte >> (i - 1)) & 1); }
  };
  Picoseconds next_change(Picoseconds from, bool falling_only) const;
  std::deque<Frame> frames_;
  Picoseconds free_ = 0;
};

}  // namespace xipsim::soc
