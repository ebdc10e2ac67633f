// The RT10xx Periodic Interrupt Timer (SDK PIT_Type: MCR 0x0, LTMR64H 0xE0, LTMR64L 0xE4, four
// channels at 0x100 + 0x10 n with LDVAL, CVAL, TCTRL, TFLG). Modelled: MCR.MDIS (set out of
// reset, RT1060 RM reset value 0x0000_0002) stops every channel; TCTRL.TEN starts a channel at
// LDVAL, which counts down on the PIT clock (PERCLK_CLK_ROOT) to 0 and then sets TFLG.TIF (write
// 1 to clear) and reloads from LDVAL, so a timeout comes every LDVAL + 1 clocks and a new LDVAL
// takes effect at the next reload; CVAL reads the count; TCTRL.TIE with TIF raises the one PIT
// interrupt line (level: it stays asserted until software clears TIF). Chain mode (TCTRL.CHN on
// channel n > 0): the channel counts channel n - 1's timeouts instead of clocks (the lifetime
// timer of the SDK and the MCU bootloader's microseconds driver: channels 0 and 1), taking that
// channel's LDVAL as constant while it counts. LTMR64H/L read channels 1 and 0's counts. Not
// modelled: MCR.FRZ (no debugger halts), the continue-where-it-stopped behaviour after MDIS is
// set and cleared again (the channels restart from LDVAL), LTMR64H latching LTMR64L.
#pragma once

#include <array>
#include <functional>

#include "xipsim/soc/timed_block.h"

namespace xipsim::soc {

class PitBlock : public TimedBlock {
 public:
  static constexpr std::uint64_t MCR = 0x0, LTMR64H = 0xE0, LTMR64L = 0xE4, kChannel0 = 0x100,
                                 kChannelStride = 0x10, LDVAL = 0x0, CVAL = 0x4, TCTRL = 0x8,
                                 TFLG = 0xC;
  static constexpr unsigned kChannels = 4;
  static constexpr std::uint32_t MCR_FRZ = 1u << 0, MCR_MDIS = 1u << 1, TCTRL_TEN = 1u << 0,
                                 TCTRL_TIE = 1u << 1, TCTRL_CHN = 1u << 2, TFLG_TIF = 1u << 0;

  // `clock_hz` gives the PIT clock now (PERCLK_CLK_ROOT).
  PitBlock(sc_core::sc_module_name name, std::string instance, std::uint64_t bus_base,
           Picoseconds latency, std::function<double()> clock_hz);

  Picoseconds next_event() const override;

 protected:
  std::uint32_t on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) override;
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;
  void on_clear() override;
  void catch_up(Picoseconds now) override;  // timeouts up to `now`: TIF set, LDVAL reloaded
  void update_line() override;

 private:
  struct Channel {
    bool running = false;
    Picoseconds loaded = 0;   // when the count last started from `ldval`
    std::uint32_t ldval = 0;  // the load value of the period under way
  };
  static std::uint64_t reg(unsigned ch, std::uint64_t r) {
    return kChannel0 + ch * kChannelStride + r;
  }
  bool chained(unsigned n) const;        // TCTRL.CHN on a channel after the first
  double unit_ps(unsigned n) const;      // one count; <= 0 while it cannot count
  Picoseconds period(unsigned n) const;  // LDVAL + 1 counts of the period under way
  std::uint32_t count(unsigned ch, Picoseconds now) const;
  void start(unsigned ch, Picoseconds now);
  std::uint32_t write_tctrl(unsigned ch, std::uint32_t old_value, std::uint32_t value,
                            Picoseconds now);
  std::array<Channel, kChannels> ch_{};
};

}  // namespace xipsim::soc
