// The RT10xx RTWDOG (WDOG3; SDK RTWDOG_Type: CS 0x0, CNT 0x4, TOVAL 0x8, WIN 0xC). Modelled:
// the unlock key (0xD928C520 in one 32-bit write, or 0xC520 then 0xD928) sets CS.ULK and lets
// CS, TOVAL and WIN be written once (then ULK clears and RCS sets; CS.UPDATE 0 refuses later
// unlocks until reset); the refresh key (0xB480A602, or 0xA602 then 0xB480) restarts the count;
// with CS.EN set the counter runs on the clock CS.CLK selects (0 bus clock, 1 LPO 32.768 kHz,
// 2 INTCLK 32.768 kHz, 3 ERCLK 24 MHz; CS.PRES divides by 256) and reaching TOVAL resets the SoC.
// CNT reads the count. Assumption (docs/soc-model.md): the application finds the RTWDOG as the
// ROM leaves it, disabled and unlocked for its first configuration (CS 0x2900: CMD32EN, ULK,
// CLK LPO), which is what the SDK's SystemInit and the Teensy 4 startup (it never touches the
// RTWDOG and runs for ever) both imply. Not modelled: window mode, the pre-reset interrupt
// (CS.INT), the 255-bus-clock limit on an unlock, test modes.
#pragma once

#include <functional>

#include "xipsim/cpu/timed_source.h"
#include "xipsim/soc/register_block.h"

namespace xipsim::soc {

class RtwdogBlock : public RegisterBlock, public cpu::TimedSource {
 public:
  static constexpr std::uint64_t CS = 0x0, CNT = 0x4, TOVAL = 0x8, WIN = 0xC;
  static constexpr std::uint32_t CS_UPDATE = 1u << 5, CS_EN = 1u << 7, CS_RCS = 1u << 10,
                                 CS_ULK = 1u << 11, CS_PRES = 1u << 12, CS_CMD32EN = 1u << 13;
  static constexpr Field CS_CLK{8, 2};
  static constexpr std::uint32_t kUnlock = 0xD928C520u, kRefresh = 0xB480A602u;
  static constexpr std::uint32_t kCsAtHandover = 0x2900u;

  // `bus_hz` gives the IPG clock now (the bus-clock source); `cause`: the SRC_SRSR bit its
  // resets set.
  RtwdogBlock(sc_core::sc_module_name name, std::string instance, std::uint64_t bus_base,
              Picoseconds latency, std::function<double()> bus_hz, std::uint32_t cause);
  const std::string& instance() const { return instance_; }

  Picoseconds next_event() const override { return deadline_; }
  std::optional<cpu::ResetRequest> on_time(Picoseconds now) override;

 protected:
  std::uint32_t on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) override;
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;
  void on_clear() override;

 private:
  std::uint32_t write_cnt(std::uint32_t value, Picoseconds now);
  std::uint32_t configure(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                          Picoseconds now);
  double tick_ps() const;  // one count of the selected clock
  void start(Picoseconds now);
  std::string instance_;
  std::function<double()> bus_hz_;
  std::uint32_t cause_;
  Picoseconds deadline_ = kNever, started_ = 0;
  std::uint16_t half_key_ = 0;  // the first half of a 16-bit key sequence
};

}  // namespace xipsim::soc
