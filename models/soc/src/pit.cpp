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

bool PitBlock::chained(unsigned n) const {
  return n > 0 && (word(reg(n, TCTRL)) & TCTRL_CHN);
}

// One count: a PIT clock, or in chain mode one timeout of the channel before (its LDVAL taken
// as constant while this one counts).
double PitBlock::unit_ps(unsigned n) const {
  if (chained(n)) {
    const Picoseconds p = period(n - 1);
    return p == kNever ? -1.0 : static_cast<double>(p);
  }
  const double hz = clock_hz();
  return hz <= 0 ? -1.0 : 1e12 / hz;
}

// LDVAL + 1 counts; never 0 (a stopped clock: no timeout).
Picoseconds PitBlock::period(unsigned n) const {
  const double unit = unit_ps(n);
  if (unit <= 0) return kNever;
  const double ps = std::round((static_cast<double>(ch_[n].ldval) + 1.0) * unit);
  // A chained 32-bit count of long periods can exceed what 64 bits of picoseconds hold (2^32
  // x 179 s): that timeout never comes.
  if (ps >= static_cast<double>(kNever)) return kNever;
  return ps < 1 ? 1 : static_cast<Picoseconds>(ps);
}

void PitBlock::catch_up(Picoseconds now) {
  for (unsigned n = 0; n < kChannels; ++n) {
    Channel& c = ch_[n];
    if (!c.running) continue;
    Picoseconds p = period(n);
    if (p == kNever || now < c.loaded + p) continue;
    c.loaded += p;                  // the first timeout ends the period under way ...
    c.ldval = word(reg(n, LDVAL));  // ... and the reload takes LDVAL as it is now
    p = period(n);
    if (p != kNever && now >= c.loaded + p) c.loaded += (now - c.loaded) / p * p;
    set_word(reg(n, TFLG), TFLG_TIF);
  }
}

std::uint32_t PitBlock::count(unsigned n, Picoseconds now) const {
  const Channel& c = ch_[n];
  if (!c.running) return word(reg(n, CVAL));
  const double unit = unit_ps(n);
  if (unit <= 0) return c.ldval;
  const auto done = static_cast<std::uint64_t>(static_cast<double>(now - c.loaded) / unit);
  return done >= c.ldval ? 0 : c.ldval - static_cast<std::uint32_t>(done);
}

// A chained channel counts the channel before's timeouts: its start is put on that channel's
// last timeout, so that its counts fall on the next ones.
void PitBlock::start(unsigned n, Picoseconds now) {
  ch_[n].ldval = word(reg(n, LDVAL));
  ch_[n].loaded = now;
  ch_[n].running = !(word(MCR) & MCR_MDIS);
  const Picoseconds p = chained(n) ? period(n - 1) : kNever;
  if (p != kNever && ch_[n - 1].running && now >= ch_[n - 1].loaded)
    ch_[n].loaded = ch_[n - 1].loaded + (now - ch_[n - 1].loaded) / p * p;
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
    const Picoseconds p = wanted ? period(n) : kNever;
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
  if ((value & TCTRL_CHN) && n == 0)
    report_misuse(now, fmt::format("{} channel 0 has TCTRL.CHN set: it has no channel before it "
                                   "to chain to, and counts the PIT clock",
                                   instance()));
  set_word(reg(n, TCTRL), value);  // chain mode decides how start() counts
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
