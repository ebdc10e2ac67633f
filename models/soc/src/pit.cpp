#include "xipsim/soc/pit.h"

#include <fmt/format.h>
#include <cmath>

namespace xipsim::soc {

namespace {
constexpr std::uint64_t kBlockSize = 0x4000;

std::vector<RegisterDef> pit_table() {
  std::vector<RegisterDef> t{{"MCR", PitBlock::MCR, PitBlock::MCR_MDIS, 0x3},
                             {"LTMR64H", PitBlock::LTMR64H, 0},
                             {"LTMR64L", PitBlock::LTMR64L, 0}};
  for (unsigned n = 0; n < PitBlock::kChannels; ++n) {
    const auto at = [n](std::uint64_t r) {
      return static_cast<std::uint32_t>(PitBlock::kChannel0 + n * PitBlock::kChannelStride + r);
    };
    const std::string i = std::to_string(n);
    t.push_back({"LDVAL" + i, at(PitBlock::LDVAL), 0, 0xFFFFFFFFu});
    t.push_back({"CVAL" + i, at(PitBlock::CVAL), 0});
    t.push_back({"TCTRL" + i, at(PitBlock::TCTRL), 0, 0x7});
    t.push_back({"TFLG" + i, at(PitBlock::TFLG), 0, 0, PitBlock::TFLG_TIF});
  }
  return t;
}
}  // namespace

PitBlock::PitBlock(sc_core::sc_module_name name, std::string instance, std::uint64_t bus_base,
                   Picoseconds latency, std::function<double()> clock_hz)
    : TimedBlock(name, std::move(instance), bus_base, kBlockSize, latency, pit_table(),
                 Others::kReadWrite, std::move(clock_hz)) {}

void PitBlock::on_clear() {
  ch_ = {};
  drive_irq(false);
}

// LDVAL + 1 clocks of the PIT clock; never 0 (a stopped clock: no timeout).
Picoseconds PitBlock::period(std::uint32_t ldval) const {
  const double hz = clock_hz();
  if (hz <= 0) return kNever;
  const double ps = std::round((static_cast<double>(ldval) + 1.0) * 1e12 / hz);
  return ps < 1 ? 1 : static_cast<Picoseconds>(ps);
}

void PitBlock::catch_up(Picoseconds now) {
  for (unsigned n = 0; n < kChannels; ++n) {
    Channel& c = ch_[n];
    if (!c.running) continue;
    Picoseconds p = period(c.ldval);
    if (p == kNever || now < c.loaded + p) continue;
    c.loaded += p;                  // the first timeout ends the period under way ...
    c.ldval = word(reg(n, LDVAL));  // ... and the reload takes LDVAL as it is now
    p = period(c.ldval);
    if (p != kNever && now >= c.loaded + p) c.loaded += (now - c.loaded) / p * p;
    set_word(reg(n, TFLG), TFLG_TIF);
  }
}

std::uint32_t PitBlock::count(unsigned n, Picoseconds now) const {
  const Channel& c = ch_[n];
  if (!c.running) return word(reg(n, CVAL));
  const Picoseconds p = period(c.ldval);
  if (p == kNever) return c.ldval;
  const double elapsed_clocks =
      static_cast<double>(now - c.loaded) / static_cast<double>(p) * (c.ldval + 1.0);
  const auto done = static_cast<std::uint64_t>(elapsed_clocks);
  return done >= c.ldval ? 0 : c.ldval - static_cast<std::uint32_t>(done);
}

void PitBlock::start(unsigned n, Picoseconds now) {
  ch_[n].ldval = word(reg(n, LDVAL));
  ch_[n].loaded = now;
  ch_[n].running = !(word(MCR) & MCR_MDIS);
}

void PitBlock::update_line() {
  bool level = false;
  for (unsigned n = 0; n < kChannels; ++n)
    level = level || ((word(reg(n, TCTRL)) & TCTRL_TIE) && (word(reg(n, TFLG)) & TFLG_TIF));
  drive_irq(level);
}

Picoseconds PitBlock::next_event() const {
  Picoseconds next = kNever;
  for (unsigned n = 0; n < kChannels; ++n) {
    const Channel& c = ch_[n];
    const bool wanted =
        c.running && (word(reg(n, TCTRL)) & TCTRL_TIE) && !(word(reg(n, TFLG)) & TFLG_TIF);
    const Picoseconds p = wanted ? period(c.ldval) : kNever;
    if (p != kNever) next = std::min(next, c.loaded + p);
  }
  return next;
}

std::uint32_t PitBlock::on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) {
  catch_up(now);
  update_line();
  if (offset == LTMR64H || offset == LTMR64L) return count(offset == LTMR64H ? 1 : 0, now);
  if (offset < kChannel0 || offset >= kChannel0 + kChannels * kChannelStride) return stored;
  const unsigned n = static_cast<unsigned>((offset - kChannel0) / kChannelStride);
  if ((offset - kChannel0) % kChannelStride == CVAL) return count(n, now);
  return word(offset);  // TFLG may have changed in catch_up
}

std::uint32_t PitBlock::write_tctrl(unsigned n, std::uint32_t old_value, std::uint32_t value,
                                    Picoseconds now) {
  if ((value & TCTRL_CHN) && !(old_value & TCTRL_CHN))
    report_misuse(now, fmt::format("{} channel {} chain mode (TCTRL.CHN) is not modelled: the "
                                   "channel counts the PIT clock",
                                   instance(), n));
  if ((value & TCTRL_TEN) && !(old_value & TCTRL_TEN)) start(n, now);
  if (!(value & TCTRL_TEN) && (old_value & TCTRL_TEN)) {
    set_word(reg(n, CVAL), count(n, now));
    ch_[n].running = false;
  }
  return value;
}

std::uint32_t PitBlock::on_write(std::uint64_t offset, std::uint32_t old_value,
                                 std::uint32_t new_value, Picoseconds now) {
  catch_up(now);
  std::uint32_t stored = new_value;
  if (offset == MCR && ((old_value ^ new_value) & MCR_MDIS)) {
    set_word(MCR, new_value);
    for (unsigned n = 0; n < kChannels; ++n)
      if (word(reg(n, TCTRL)) & TCTRL_TEN) start(n, now);
  } else if (offset >= kChannel0 && offset < kChannel0 + kChannels * kChannelStride &&
             (offset - kChannel0) % kChannelStride == TCTRL) {
    const unsigned n = static_cast<unsigned>((offset - kChannel0) / kChannelStride);
    stored = write_tctrl(n, old_value, new_value, now);
  }
  set_word(offset, stored);
  update_line();
  return stored;
}

}  // namespace xipsim::soc
