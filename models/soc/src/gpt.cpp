#include "xipsim/soc/gpt.h"

#include <cmath>
#include <limits>

namespace xipsim::soc {

namespace {
constexpr std::uint64_t kBlockSize = 0x4000;
constexpr std::uint64_t kNoTick = std::numeric_limits<std::uint64_t>::max();
constexpr std::uint32_t kCrKeptBySwr = 0x3F;  // EN, ENMOD, DBGEN, WAITEN, DOZEEN, STOPEN

std::vector<RegisterDef> gpt_table() {
  const std::uint32_t all = 0xFFFFFFFFu;
  return {{"CR", GptBlock::CR, 0, all},
          {"PR", GptBlock::PR, 0, 0xFFFF},
          {"SR", GptBlock::SR, 0, 0, GptBlock::kStatusBits},
          {"IR", GptBlock::IR, 0, GptBlock::kStatusBits},
          {"OCR1", GptBlock::OCR1, all, all},
          {"OCR2", GptBlock::OCR2, all, all},
          {"OCR3", GptBlock::OCR3, all, all},
          {"ICR1", GptBlock::ICR1, 0},
          {"ICR2", GptBlock::ICR2, 0},
          {"CNT", GptBlock::CNT, 0}};
}
}  // namespace

GptBlock::GptBlock(sc_core::sc_module_name name, std::string instance, std::uint64_t bus_base,
                   Picoseconds latency, std::function<double()> perclk_hz)
    : TimedBlock(name, std::move(instance), bus_base, kBlockSize, latency, gpt_table(),
                 Others::kReadWrite, std::move(perclk_hz)) {}

void GptBlock::on_clear() {
  running_ = false;
  t0_ = 0;
  count0_ = 0;
  checked_ = 0;
  drive_irq(false);
}

double GptBlock::tick_ps() const {
  const std::uint32_t cr = word(CR), pr = word(PR);
  double hz = 0;
  switch (get(cr, CR_CLKSRC)) {
    case 1:  // peripheral clock
    case 2:  // high-frequency reference: PERCLK_CLK_ROOT on RT10xx
      hz = clock_hz();
      break;
    case 4:
      hz = 32768.0;
      break;
    case 5:
      hz = cr & CR_EN_24M ? 24e6 / (get(pr, PR_PRESCALER24M) + 1) : 0.0;
      break;
    default:
      break;
  }
  return hz > 0 ? 1e12 * (get(pr, PR_PRESCALER) + 1) / hz : 0.0;
}

std::uint64_t GptBlock::wrap() const {
  return word(CR) & CR_FRR ? (1ull << 32) : std::uint64_t{word(OCR1)} + 1;
}

// The first count after `from_tick` at which the counter equals `value`.
std::uint64_t GptBlock::ticks_to(std::uint32_t value, std::uint64_t from_tick) const {
  const std::uint64_t w = wrap();
  if (value >= w) return kNoTick;
  const std::uint64_t next = (count0_ + from_tick + 1) % w;
  return from_tick + 1 + (value + w - next) % w;
}

void GptBlock::restart(std::uint32_t count, Picoseconds now) {
  t0_ = now;
  count0_ = static_cast<std::uint32_t>(count % wrap());
  checked_ = 0;
  running_ = (word(CR) & CR_EN) && tick_ps() > 0;
}

void GptBlock::catch_up(Picoseconds now) {
  if (!running_ || now < t0_) return;
  const auto k = static_cast<std::uint64_t>(
      std::floor(static_cast<long double>(now - t0_) / tick_ps() + 1e-9L));
  if (k <= checked_) return;
  std::uint32_t sr = word(SR);
  const std::uint64_t ocr[3] = {OCR1, OCR2, OCR3};
  for (unsigned n = 0; n < 3; ++n)
    if (ticks_to(word(ocr[n]), checked_) <= k) sr |= SR_OF1 << n;
  if ((word(CR) & CR_FRR) && ticks_to(0, checked_) <= k) sr |= SR_ROV;
  set_word(SR, sr);
  set_word(CNT, static_cast<std::uint32_t>((count0_ + k) % wrap()));
  checked_ = k;
}

void GptBlock::update_line() {
  const bool level = (word(SR) & word(IR) & kStatusBits) != 0;
  drive_irq(level);
}

Picoseconds GptBlock::next_event() const {
  if (!running_) return kNever;
  const std::uint32_t waiting = word(IR) & ~word(SR);
  std::uint64_t tick = kNoTick;
  const std::uint64_t ocr[3] = {OCR1, OCR2, OCR3};
  for (unsigned n = 0; n < 3; ++n)
    if (waiting & (SR_OF1 << n)) tick = std::min(tick, ticks_to(word(ocr[n]), checked_));
  if ((waiting & SR_ROV) && (word(CR) & CR_FRR)) tick = std::min(tick, ticks_to(0, checked_));
  if (tick == kNoTick) return kNever;
  return t0_ + static_cast<Picoseconds>(std::ceil(static_cast<long double>(tick) * tick_ps()));
}

std::uint32_t GptBlock::on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) {
  catch_up(now);
  update_line();
  return offset == CNT || offset == SR ? word(offset) : stored;
}

std::uint32_t GptBlock::write_cr(std::uint32_t old_value, std::uint32_t value, Picoseconds now) {
  if (value & CR_SWR) {  // software reset: everything but the enables to reset values
    value &= kCrKeptBySwr;
    for (std::uint64_t r : {PR, SR, IR, CNT})
      set_word(r, 0);
    for (std::uint64_t r : {OCR1, OCR2, OCR3})
      set_word(r, 0xFFFFFFFFu);
  }
  set_word(CR, value);
  const bool was = old_value & CR_EN, is = value & CR_EN;
  if (is && !was) restart(value & CR_ENMOD ? 0 : word(CNT), now);
  if (!is && was) running_ = false;
  if (is && was) restart(word(CNT), now);  // a new clock or mode from the current count on
  return value;
}

std::uint32_t GptBlock::on_write(std::uint64_t offset, std::uint32_t old_value,
                                 std::uint32_t new_value, Picoseconds now) {
  catch_up(now);
  std::uint32_t stored = new_value;
  if (offset == CR) {
    stored = write_cr(old_value, new_value, now);
  } else if (offset == PR && running_) {
    set_word(PR, new_value);
    restart(word(CNT), now);
  } else if (offset == OCR1 && running_ && !(word(CR) & CR_FRR)) {
    set_word(OCR1, new_value);
    restart(0, now);  // a write to OCR1 in restart mode resets the counter
  }
  set_word(offset, stored);
  update_line();
  return stored;
}

}  // namespace xipsim::soc
