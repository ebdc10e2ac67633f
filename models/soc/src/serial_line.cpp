#include "xipsim/soc/serial_line.h"

#include <algorithm>

namespace xipsim::soc {

void SerialLine::send(Picoseconds start, const std::string& bytes, double baud) {
  const auto bit = static_cast<Picoseconds>(1e12 / baud + 0.5);
  for (char c : bytes) {
    const Picoseconds at = std::max(start, free_);
    frames_.push_back({at, bit, static_cast<std::uint8_t>(c)});
    free_ = frames_.back().end();
  }
}

bool SerialLine::level(Picoseconds t) const {
  for (const Frame& f : frames_) {
    if (t < f.start) return true;
    if (t < f.end()) return f.bit_level(static_cast<unsigned>((t - f.start) / f.bit));
  }
  return true;
}

// Bit boundaries where the level changes (falling only, or either way); a start bit's leading
// edge falls from the idle line or the previous stop bit, both high.
Picoseconds SerialLine::next_change(Picoseconds from, bool falling_only) const {
  for (const Frame& f : frames_) {
    if (f.end() <= from) continue;
    for (unsigned i = 0; i < kFrameBits; ++i) {
      const Picoseconds at = f.start + i * f.bit;
      const bool before = i == 0 || f.bit_level(i - 1), after = f.bit_level(i);
      if (at >= from && before != after && (!falling_only || !after)) return at;
    }
  }
  return kNever;
}

Picoseconds SerialLine::falling_edge(Picoseconds from) const {
  return next_change(from, true);
}

Picoseconds SerialLine::edge(Picoseconds from) const {
  return next_change(from, false);
}

void SerialLine::forget_before(Picoseconds t) {
  while (!frames_.empty() && frames_.front().end() < t)
    frames_.pop_front();
}

void SerialLine::clear() {
  frames_.clear();
  free_ = 0;
}

}  // namespace xipsim::soc
