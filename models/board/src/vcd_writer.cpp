#include "xipsim/board/vcd_writer.h"

#include "xipsim/core/errors.h"

namespace xipsim::board {

namespace {
// One identifier character per signal and port: port p uses ids base + p*8.
constexpr const char* kNames[] = {"CS_B", "SCLK", "IO0", "IO1", "IO2", "IO3", "DQS"};
constexpr unsigned kSignals = 7;
constexpr const char* kPortNames[] = {"A1", "A2", "B1", "B2"};

std::string id(unsigned port, unsigned signal) {
  return std::string(1, static_cast<char>('!' + port * kSignals + signal));
}
}  // namespace

VcdWriter::VcdWriter(const std::string& path) : out_(path), path_(path) {
  if (!out_) throw InputError(path + ": cannot open the VCD file for writing");
  header();
}

VcdWriter::~VcdWriter() {
  out_.flush();
}

void VcdWriter::header() {
  out_ << "$version xipsim FlexSPI serial frames $end\n$timescale 1ps $end\n";
  for (unsigned p = 0; p < 4; ++p) {
    out_ << "$scope module FLEXSPI_" << kPortNames[p] << " $end\n";
    for (unsigned s = 0; s < kSignals; ++s)
      out_ << "$var wire 1 " << id(p, s) << ' ' << kNames[s] << " $end\n";
    out_ << "$upscope $end\n";
  }
  out_ << "$enddefinitions $end\n$dumpvars\n";
  for (unsigned p = 0; p < 4; ++p) {
    out_ << '1' << id(p, 0) << "\n0" << id(p, 1) << '\n';
    for (unsigned s = 2; s < kSignals; ++s)
      out_ << 'z' << id(p, s) << '\n';
  }
  out_ << "$end\n";
}

std::uint64_t VcdWriter::bytes_written() {
  const auto pos = out_.tellp();
  return pos < 0 ? 0 : static_cast<std::uint64_t>(pos);
}

void VcdWriter::emit(Picoseconds t, const std::string& change) {
  if (t < now_) t = now_;  // frames of another port may overlap; keep time monotonic
  if (!time_written_ || t != now_) {
    out_ << '#' << t << '\n';
    now_ = t;
    time_written_ = true;
  }
  out_ << change << '\n';
}

void VcdWriter::on_frame(unsigned port, const SerialFrame& frame) {
  ++frames_;
  const Picoseconds half = frame.sclk_period_ps() / 2;
  const Picoseconds start = frame.start_ps() >= half ? frame.start_ps() - half : 0;
  emit(start, "0" + id(port, 0));
  std::array<char, 5> last{'?', '?', '?', '?', '?'};
  for (std::size_t i = 0; i < frame.size(); ++i) {
    const FrameSlot& s = frame[i];
    const Picoseconds t = frame.slot_time(i);
    const bool ddr = s.flags & kSlotDdr;
    const std::uint16_t driven = s.ctrl_drive | s.flash_drive;
    const std::uint16_t level = frame.level(i);
    for (unsigned l = 0; l < 5; ++l) {
      const unsigned bit = l < 4 ? l : 8;
      const char v = (driven >> bit) & 1u ? (((level >> bit) & 1u) ? '1' : '0') : 'z';
      if (v != last[l]) {
        emit(t, std::string(1, v) + id(port, 2 + l));
        last[l] = v;
      }
    }
    if (!ddr) {
      emit(t, "1" + id(port, 1));
      emit(t + half, "0" + id(port, 1));
    } else {
      emit(t, std::string((s.flags & kSlotFalling) ? "0" : "1") + id(port, 1));
    }
  }
  const Picoseconds end = frame.end_ps();
  emit(end, "0" + id(port, 1));
  for (unsigned l = 0; l < 5; ++l)
    emit(end + half, "z" + id(port, 2 + l));
  emit(end + half, "1" + id(port, 0));
}

}  // namespace xipsim::board
