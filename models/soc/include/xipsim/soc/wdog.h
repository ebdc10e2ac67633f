// The i.MX watchdog WDOG1/WDOG2 of the RT10xx (SDK WDOG_Type: 16-bit WCR 0x0, WSR 0x2, WRSR 0x4,
// WICR 0x6, WMCR 0x8). Modelled: WCR.WDE (write one once) starts the count; the service sequence
// 0x5555, 0xAAAA in WSR restarts it; (WCR.WT + 1) * 0.5 s after the last start or service without
// one the watchdog resets the SoC (a reset request to the CPU); WCR.SRS written 0 is a software
// reset; WRSR tells the next boot why (TOUT, SFTW, POR). Not modelled: the WICR pre-timeout
// interrupt (stored), WDOG_B, the power-down counter (WMCR.PDE, 16 s; the ROM leaves it off
// unless a fuse enables it, NXP community thread "WDOG1 - PDE does not trigger"), low-power and
// debug modes. A new WT takes effect at the next service (as the reference manual's reload).
#pragma once

#include "xipsim/cpu/timed_source.h"
#include "xipsim/soc/register_block.h"

namespace xipsim::soc {

class WdogBlock : public RegisterBlock, public cpu::TimedSource {
 public:
  // Byte offsets of the words that hold the 16-bit registers (low half first).
  static constexpr std::uint64_t WCR_WSR = 0x0, WRSR_WICR = 0x4, WMCR = 0x8;
  static constexpr std::uint32_t WCR_WDE = 1u << 2, WCR_SRS = 1u << 4;
  static constexpr Field WCR_WT{8, 8};
  static constexpr std::uint32_t WRSR_SFTW = 1u << 0, WRSR_TOUT = 1u << 1, WRSR_POR = 1u << 4;
  static constexpr std::uint16_t kServiceFirst = 0x5555, kServiceSecond = 0xAAAA;
  static constexpr Picoseconds kStep = 500'000'000'000;  // WT counts half seconds

  // `cause`: the SRC_SRSR bit its resets set.
  WdogBlock(sc_core::sc_module_name name, std::string instance, std::uint64_t bus_base,
            Picoseconds latency, std::uint32_t cause);
  const std::string& instance() const { return instance_; }  // "WDOG1"
  void power_on() { next_status_ = WRSR_POR; }  // before the platform's reset: WRSR shows POR

  Picoseconds next_event() const override;
  std::optional<cpu::ResetRequest> on_time(Picoseconds now) override;

 protected:
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;
  void on_clear() override;

 private:
  void start(Picoseconds now, std::uint32_t wcr);
  std::string instance_;
  std::uint32_t cause_;
  Picoseconds deadline_ = kNever, software_reset_ = kNever, started_ = 0;
  unsigned wt_ = 0;
  bool first_key_ = false;         // 0x5555 seen, 0xAAAA next
  std::uint32_t next_status_ = 0;  // WRSR after the next reset
};

}  // namespace xipsim::soc
