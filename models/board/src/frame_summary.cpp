#include "xipsim/board/frame_summary.h"

#include <fmt/format.h>

#include <bitset>

namespace xipsim::board {

FrameSummary summarize(unsigned port, const SerialFrame& frame) {
  FrameSummary t;
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

const char* port_name(unsigned port) {
  static const char* const names[] = {"A1", "A2", "B1", "B2"};
  return port < 4 ? names[port] : "?";
}

std::string describe(const FrameSummary& s) {
  const std::string command = s.opcode < 0 ? std::string("no command")
                                           : fmt::format("{:02X}h on {} pad{}", s.opcode,
                                                         s.cmd_pads, s.cmd_pads == 1 ? "" : "s");
  const double mhz = s.period ? 1e6 / static_cast<double>(s.period) : 0.0;
  return fmt::format("{:12.3f} us  {}  {}, {} ns at {:.1f} MHz SCLK{}, {}",
                     static_cast<double>(s.start) / 1e6, port_name(s.port), command,
                     (s.end - s.start) / 1000, mhz, s.ddr ? " (DDR)" : "",
                     s.flash_drove ? "the flash answered" : "the flash drove nothing");
}

void FrameHistory::on_frame(unsigned port, const SerialFrame& frame) {
  ++total_;
  last_.push_back(summarize(port, frame));
  if (last_.size() > capacity_) last_.pop_front();
}

}  // namespace xipsim::board
