#include "xipsim/soc/wdog.h"

#include <fmt/format.h>

namespace xipsim::soc {

namespace {
// Reset values (RT1060 reference manual, WDOG chapter): WCR 0x0030 (SRS and WDA set), WICR
// 0x0004. WMCR 0: the ROM clears PDE before the application starts (see wdog.h).
std::vector<RegisterDef> wdog_table() {
  return {
      {"WCR/WSR", static_cast<std::uint32_t>(WdogBlock::WCR_WSR), 0x0030u, 0xFFFFFFFFu},
      {"WRSR/WICR", static_cast<std::uint32_t>(WdogBlock::WRSR_WICR), 0x0004'0000u, 0xFFFF'0000u},
      {"WMCR", static_cast<std::uint32_t>(WdogBlock::WMCR), 0, 0x0001u}};
}
}  // namespace

WdogBlock::WdogBlock(sc_core::sc_module_name name, std::string instance, std::uint64_t bus_base,
                     Picoseconds latency, std::uint32_t cause)
    : RegisterBlock(name, bus_base, 0x4000, latency, wdog_table()),
      instance_(std::move(instance)),
      cause_(cause) {}

void WdogBlock::start(Picoseconds now, std::uint32_t wcr) {
  wt_ = get(wcr, WCR_WT);
  started_ = now;
  deadline_ = now + (wt_ + 1) * kStep;
}

std::uint32_t WdogBlock::on_write(std::uint64_t offset, std::uint32_t old_value,
                                  std::uint32_t new_value, Picoseconds now) {
  if (offset != WCR_WSR) return new_value;
  const std::uint32_t wcr = (new_value & 0xFFFFu) | (old_value & WCR_WDE);  // WDE: write one once
  const auto wsr = static_cast<std::uint16_t>(new_value >> 16);
  if (!(old_value & WCR_WDE) && (wcr & WCR_WDE)) start(now, wcr);
  if ((old_value & WCR_WDE) && !(new_value & WCR_WDE))
    report_misuse(now, instance_ +
                           ": a write clears WCR.WDE, which is write-one-once: the "
                           "watchdog stays enabled until the next reset");
  if ((old_value & WCR_SRS) && !(wcr & WCR_SRS)) software_reset_ = now;
  if (wsr != (old_value >> 16)) {  // a write to WSR (a new value: the keys alternate)
    if (wsr == kServiceSecond && first_key_ && (wcr & WCR_WDE)) start(now, wcr);
    first_key_ = wsr == kServiceFirst;
  }
  return wcr | (static_cast<std::uint32_t>(wsr) << 16);
}

void WdogBlock::on_clear() {
  set_word(WRSR_WICR, word(WRSR_WICR) | next_status_);
  next_status_ = 0;
  deadline_ = software_reset_ = kNever;
  first_key_ = false;
}

Picoseconds WdogBlock::next_event() const {
  return std::min(deadline_, software_reset_);
}

std::optional<cpu::ResetRequest> WdogBlock::on_time(Picoseconds now) {
  if (now >= software_reset_) {
    software_reset_ = deadline_ = kNever;
    next_status_ = WRSR_SFTW;
    return cpu::ResetRequest{instance_, "software reset (WCR.SRS written 0)", cause_};
  }
  if (now < deadline_) return std::nullopt;
  deadline_ = kNever;
  next_status_ = WRSR_TOUT;
  return cpu::ResetRequest{
      instance_,
      fmt::format("timed out: not serviced for {:.3f} s (WCR.WT {}: {:.1f} s)",
                  static_cast<double>(now - started_) / 1e12, wt_, (wt_ + 1) * 0.5),
      cause_};
}

}  // namespace xipsim::soc
