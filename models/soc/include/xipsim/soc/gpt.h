// The RT10xx General Purpose Timer (SDK GPT_Type: CR 0x0, PR 0x4, SR 0x8, IR 0xC, OCR1-3 0x10-
// 0x18, ICR1-2 0x1C-0x20, CNT 0x24). Modelled: CR.EN starts the 32-bit up-counter (from 0 when
// CR.ENMOD is set, else from where it stopped) on the clock CR.CLKSRC selects: 1 the peripheral
// clock and 2 the high-frequency reference (both PERCLK_CLK_ROOT on RT10xx), 4 the 32.768 kHz
// reference, 5 the 24 MHz oscillator / (PR.PRESCALER24M + 1) (needs CR.EN_24M); then divided by
// PR.PRESCALER + 1. In restart mode (CR.FRR 0) the count returns to 0 after it equals OCR1, so
// OF1 comes every OCR1 + 1 counts (the first OCR1 counts after starting from 0); in free-run mode
// it wraps after 0xFFFF_FFFF (SR.ROV). SR.OF1-3 set when the count equals OCR1-3; SR bits are
// write 1 to clear; SR & IR drives the GPT's level interrupt line. Writing OCR1 in restart mode
// restarts the count from 0 (RM "GPT_OCR1 ... a write resets the counter"); CR.SWR resets the
// registers except EN, ENMOD and the wait/stop/debug enables and self-clears. Not modelled: input
// capture (ICR1-2 stay 0, IF1/IF2 never set), output compare pins (OM1-3, FO1-3), the external
// clock (CLKSRC 3) and low-power modes.
#pragma once

#include <functional>

#include "xipsim/core/register_table.h"
#include "xipsim/soc/timed_block.h"

namespace xipsim::soc {

class GptBlock : public TimedBlock {
 public:
  static constexpr std::uint64_t CR = 0x0, PR = 0x4, SR = 0x8, IR = 0xC, OCR1 = 0x10, OCR2 = 0x14,
                                 OCR3 = 0x18, ICR1 = 0x1C, ICR2 = 0x20, CNT = 0x24;
  static constexpr std::uint32_t CR_EN = 1u << 0, CR_ENMOD = 1u << 1, CR_FRR = 1u << 9,
                                 CR_EN_24M = 1u << 10, CR_SWR = 1u << 15;
  static constexpr Field CR_CLKSRC{6, 3}, PR_PRESCALER{0, 12}, PR_PRESCALER24M{12, 4};
  static constexpr std::uint32_t SR_OF1 = 1u << 0, SR_ROV = 1u << 5, kStatusBits = 0x3F;

  // `perclk_hz` gives PERCLK_CLK_ROOT now.
  GptBlock(sc_core::sc_module_name name, std::string instance, std::uint64_t bus_base,
           Picoseconds latency, std::function<double()> perclk_hz);

  Picoseconds next_event() const override;

 protected:
  std::uint32_t on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) override;
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;
  void on_clear() override;
  void catch_up(Picoseconds now) override;
  void update_line() override;

 private:
  double tick_ps() const;  // one count; 0 when no clock
  std::uint64_t wrap() const;
  std::uint64_t ticks_to(std::uint32_t value, std::uint64_t from_tick) const;
  void restart(std::uint32_t count, Picoseconds now);
  std::uint32_t write_cr(std::uint32_t old_value, std::uint32_t value, Picoseconds now);
  bool running_ = false;
  Picoseconds t0_ = 0;  // when the count was `count0_`
  std::uint32_t count0_ = 0;
  std::uint64_t checked_ = 0;  // counts after t0_ already evaluated for compare events
};

}  // namespace xipsim::soc
