#include "xipsim/soc/lpuart.h"

#include <algorithm>

namespace xipsim::soc {

namespace {
constexpr std::uint64_t kLpuartSize = 0x4000;
// Reset values: RT1060 reference manual LPUART register descriptions as the SDK header carries
// them (VERID 4.1.3, PARAM 4-word FIFOs, BAUD OSR 16 / SBR 4, STAT TDRE|TC, FIFO sizes).
std::vector<RegisterDef> lpuart_table() {
  const std::uint32_t all = 0xFFFFFFFFu;
  return {{"VERID", LpuartBlock::VERID, 0x04010003},
          {"PARAM", LpuartBlock::PARAM, 0x00000202},
          {"GLOBAL", LpuartBlock::GLOBAL, 0, 0x2u},
          {"PINCFG", LpuartBlock::PINCFG, 0, 0x3u},
          {"BAUD", LpuartBlock::BAUD, 0x0F000004, all},
          {"STAT", LpuartBlock::STAT, LpuartBlock::STAT_TDRE | LpuartBlock::STAT_TC, 0x3C000000u,
           0xC01FC000u},
          {"CTRL", LpuartBlock::CTRL, 0, all},
          {"DATA", LpuartBlock::DATA, LpuartBlock::DATA_RXEMPT, 0x3FFu},
          {"MATCH", LpuartBlock::MATCH, 0, all},
          {"MODIR", LpuartBlock::MODIR, 0, all},
          {"FIFO", LpuartBlock::FIFO, 0x00C00011, 0x0003C4CCu},
          {"WATER", LpuartBlock::WATER, 0, all}};
}
}  // namespace

LpuartBlock::LpuartBlock(sc_core::sc_module_name name, std::string port, std::uint64_t bus_base,
                         Picoseconds latency, std::function<double()> clock_hz)
    : TimedBlock(name, std::move(port), bus_base, kLpuartSize, latency, lpuart_table(),
                 Others::kReadOnly, std::move(clock_hz)) {}

void LpuartBlock::reset_port() {
  clear();
  sent_.clear();
  received_.clear();
  incoming_.clear();
  buffer_.clear();
  line_free_ = 0;
  lost_ = 0;
  line_.clear();
  rx_ready_ = 0;
  framing_errors_ = 0;
  drive_irq(false);
}

Picoseconds LpuartBlock::bit_ps() const {
  const std::uint32_t baud = word(BAUD);
  const double hz = clock_hz();
  const double divisor = (get(baud, BAUD_OSR) + 1.0) * get(baud, BAUD_SBR);
  if (hz <= 0 || divisor <= 0) return 0;
  return static_cast<Picoseconds>(divisor * 1e12 / hz + 0.5);
}

unsigned LpuartBlock::frame_bits() const {
  const std::uint32_t ctrl = word(CTRL);
  return 1 + (ctrl & CTRL_M ? 9 : 8) + (ctrl & CTRL_PE ? 1 : 0) + (word(BAUD) & BAUD_SBNS ? 2 : 1);
}

Picoseconds LpuartBlock::frame_ps() const {
  return frame_bits() * bit_ps();
}

Picoseconds LpuartBlock::next_line_frame() const {
  const Picoseconds edge = line_.falling_edge(rx_ready_);
  if (edge == SerialLine::kNever) return kNever;
  const Picoseconds bit = bit_ps();
  if (!bit) return kNever;
  const unsigned data = word(CTRL) & CTRL_M ? 9 : 8;
  return edge + (1 + data + (word(CTRL) & CTRL_PE ? 1 : 0)) * bit + bit / 2;
}

// The receiver at its own bit period: from the falling edge, the start bit sampled in its middle
// (high again: a glitch, ignored), then each data bit, LSB first, and the stop bit.
void LpuartBlock::decode_line(Picoseconds now) {
  for (Picoseconds stop = next_line_frame(); stop <= now; stop = next_line_frame()) {
    const Picoseconds bit = bit_ps(), edge = line_.falling_edge(rx_ready_);
    if (line_.level(edge + bit / 2)) {
      rx_ready_ = edge + bit / 2;
      continue;
    }
    const unsigned data = word(CTRL) & CTRL_M ? 9 : 8;
    std::uint16_t value = 0;
    for (unsigned k = 0; k < data; ++k)
      if (line_.level(edge + (k + 1) * bit + bit / 2)) value |= static_cast<std::uint16_t>(1u << k);
    if (!line_.level(stop)) {
      ++framing_errors_;
      set_word(STAT, word(STAT) | STAT_FE);
    }
    arrive(value, stop);
    rx_ready_ = stop;
  }
  // Frames well behind the receiver go; a GPIO sampling the same pad looks at most a quantum
  // behind it.
  constexpr Picoseconds kKeep = 10'000'000'000;  // 10 ms
  if (rx_ready_ > kKeep) line_.forget_before(rx_ready_ - kKeep);
}

void LpuartBlock::receive(Picoseconds start, const std::string& bytes) {
  for (char c : bytes)
    incoming_.push_back({static_cast<std::uint8_t>(c), start});
}

Picoseconds LpuartBlock::next_arrival() const {
  // the CPU asks every source after each peripheral write: no clock lookup while nothing waits
  if (incoming_.empty()) return kNever;
  const Picoseconds frame = frame_ps();
  if (!frame) return kNever;
  return std::max(line_free_, incoming_.front().start) + frame;
}

void LpuartBlock::arrive(std::uint16_t byte, Picoseconds at) {
  const std::size_t depth = word(FIFO) & FIFO_RXFE ? 4 : 1;
  if (!(word(CTRL) & CTRL_RE)) {
    ++lost_;
  } else if (buffer_.size() >= depth) {
    ++lost_;
    set_word(STAT, word(STAT) | STAT_OR);
  } else {
    buffer_.push_back(static_cast<std::uint8_t>(byte));
    received_.push_back({at, static_cast<std::uint8_t>(byte)});
  }
}

void LpuartBlock::catch_up(Picoseconds now) {
  for (Picoseconds at = next_arrival(); at <= now; at = next_arrival()) {
    arrive(incoming_.front().byte, at);
    incoming_.pop_front();
    line_free_ = at;
  }
  decode_line(now);
}

std::uint32_t LpuartBlock::status(std::uint32_t stored) const {
  std::uint32_t v = stored | STAT_TDRE | STAT_TC;  // the transmitter is never busy
  if (buffer_.size() > get(word(WATER), WATER_RXWATER)) v |= STAT_RDRF;
  return v;
}

void LpuartBlock::update_line() {
  const std::uint32_t ctrl = word(CTRL), stat = status(word(STAT));
  drive_irq(((ctrl & CTRL_RIE) && (stat & STAT_RDRF)) ||
            ((ctrl & CTRL_TIE) && (stat & STAT_TDRE)) || ((ctrl & CTRL_TCIE) && (stat & STAT_TC)) ||
            ((ctrl & CTRL_ORIE) && (stat & STAT_OR)));
}

Picoseconds LpuartBlock::next_event() const {
  return std::min(next_arrival(), next_line_frame());
}

std::string LpuartBlock::text() const {
  std::string s;
  for (const UartByte& b : sent_)
    s += static_cast<char>(b.value);
  return s;
}

std::uint32_t LpuartBlock::on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) {
  catch_up(now);
  std::uint32_t v = stored;
  if (offset == STAT) {
    v = status(stored);
  } else if (offset == FIFO) {
    v = buffer_.empty() ? stored | FIFO_RXEMPT : stored & ~FIFO_RXEMPT;
  } else if (offset == DATA) {
    if (buffer_.empty()) {
      v = DATA_RXEMPT;
    } else {
      v = buffer_.front();
      buffer_.pop_front();
    }
  }
  update_line();
  return v;
}

std::uint32_t LpuartBlock::on_write(std::uint64_t offset, std::uint32_t, std::uint32_t new_value,
                                    Picoseconds now) {
  if (offset == DATA && (word(CTRL) & CTRL_TE))
    sent_.push_back({now, static_cast<std::uint8_t>(new_value)});
  set_word(offset, new_value);
  update_line();
  return new_value;
}

}  // namespace xipsim::soc
