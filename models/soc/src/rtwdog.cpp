#include "xipsim/soc/rtwdog.h"

#include <fmt/format.h>

namespace xipsim::soc {

namespace {
constexpr double kLpoHz = 32768.0, kErclkHz = 24e6;
// TOVAL resets to 0x0400 (RT1060 reference manual, RTWDOG chapter).
std::vector<RegisterDef> rtwdog_table() {
  return {
      {"CS", static_cast<std::uint32_t>(RtwdogBlock::CS), RtwdogBlock::kCsAtHandover, 0xFFFFFFFFu},
      {"CNT", static_cast<std::uint32_t>(RtwdogBlock::CNT), 0, 0xFFFFFFFFu},
      {"TOVAL", static_cast<std::uint32_t>(RtwdogBlock::TOVAL), 0x0400u, 0xFFFFu},
      {"WIN", static_cast<std::uint32_t>(RtwdogBlock::WIN), 0, 0xFFFFu}};
}
}  // namespace

RtwdogBlock::RtwdogBlock(sc_core::sc_module_name name, std::string instance, std::uint64_t bus_base,
                         Picoseconds latency, std::function<double()> bus_hz, std::uint32_t cause)
    : RegisterBlock(name, bus_base, 0x4000, latency, rtwdog_table()),
      instance_(std::move(instance)),
      bus_hz_(std::move(bus_hz)),
      cause_(cause) {}

double RtwdogBlock::tick_ps() const {
  const std::uint32_t cs = word(CS);
  const unsigned clk = get(cs, CS_CLK);
  const double bus = bus_hz_ ? bus_hz_() : 0.0;
  const double hz = clk == 0 ? (bus > 0 ? bus : 150e6) : clk == 3 ? kErclkHz : kLpoHz;
  return 1e12 / hz * ((cs & CS_PRES) ? 256.0 : 1.0);
}

void RtwdogBlock::start(Picoseconds now) {
  started_ = now;
  deadline_ = (word(CS) & CS_EN)
                  ? now + static_cast<Picoseconds>(tick_ps() * (word(TOVAL) & 0xFFFFu) + 0.5)
                  : kNever;
}

std::uint32_t RtwdogBlock::on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) {
  if (offset != CNT || !(word(CS) & CS_EN)) return stored;
  return static_cast<std::uint32_t>(static_cast<double>(now - started_) / tick_ps()) & 0xFFFFu;
}

// A key written to CNT: unlock or refresh, as one 32-bit word or two 16-bit halves.
std::uint32_t RtwdogBlock::write_cnt(std::uint32_t value, Picoseconds now) {
  std::uint32_t key = value;
  if (value <= 0xFFFFu) {  // a 16-bit write: the second half completes a key
    key = (value << 16) | half_key_;
    half_key_ = static_cast<std::uint16_t>(value);
  }
  const std::uint32_t cs = word(CS);
  if (key == kUnlock && (cs & CS_UPDATE)) set_word(CS, cs | CS_ULK);
  if (key == kRefresh) start(now);
  return 0;
}

std::uint32_t RtwdogBlock::configure(std::uint64_t offset, std::uint32_t old_value,
                                     std::uint32_t new_value, Picoseconds now) {
  const std::uint32_t cs = word(CS);
  if (!(cs & CS_ULK)) {  // locked: the write is ignored
    report_misuse(now, instance_ +
                           ": a write to CS, TOVAL or WIN while locked (CS.ULK 0) is "
                           "ignored; write the unlock key 0xD928C520 to CNT first");
    return old_value;
  }
  if (offset != CS) return new_value;
  const std::uint32_t kept = (new_value & ~(CS_ULK | CS_RCS)) | CS_RCS;  // done: locked again
  set_word(CS, kept);
  if ((kept & CS_EN) != (old_value & CS_EN) || (kept & CS_EN)) start(now);
  return kept;
}

std::uint32_t RtwdogBlock::on_write(std::uint64_t offset, std::uint32_t old_value,
                                    std::uint32_t new_value, Picoseconds now) {
  if (offset == CNT) return write_cnt(new_value, now);
  return configure(offset, old_value, new_value, now);
}

void RtwdogBlock::on_clear() {
  deadline_ = kNever;
  half_key_ = 0;
}

std::optional<cpu::ResetRequest> RtwdogBlock::on_time(Picoseconds now) {
  if (now < deadline_) return std::nullopt;
  deadline_ = kNever;
  return cpu::ResetRequest{
      instance_,
      fmt::format("timed out: not refreshed for {:.3f} ms (TOVAL {})",
                  static_cast<double>(now - started_) / 1e9, word(TOVAL) & 0xFFFFu),
      cause_};
}

}  // namespace xipsim::soc
