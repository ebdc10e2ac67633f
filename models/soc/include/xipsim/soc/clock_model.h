// The clocks the platform follows while the application runs, whatever clock tree the chip has:
// the core clock (SysTick, instruction timing), the peripheral bus clock (RTWDOG), the boot
// FlexSPI's root clock (SCLK, sample timing) and what the ROM leaves in the registers when it
// sets that clock. Two trees: RT10xx (CCM + CCM_ANALOG, rt10xx_clocks.h) and RT11xx (CCM clock
// roots + ANADIG, rt11xx_clocks.h).
#pragma once

#include <memory>
#include <string>

#include "xipsim/soc/rt10xx_clocks.h"
#include "xipsim/soc/rt11xx_clocks.h"

namespace xipsim::soc {

class ClockModel {
 public:
  virtual ~ClockModel() = default;
  virtual double core_hz() const = 0;
  virtual double bus_hz() const = 0;     // IPG_CLK_ROOT (RT10xx), the BUS root (RT11xx)
  virtual double perclk_hz() const = 0;  // PERCLK_CLK_ROOT (RT10xx PIT and GPT clock)
  // LPUARTn's clock: UART_CLK_ROOT for all (RT10xx), the LPUARTn root (RT11xx).
  virtual double uart_hz(unsigned n) const = 0;
  virtual double flexspi_hz() const = 0;  // 0 while gated or its source is off
  virtual void program_flexspi(double hz, Picoseconds now) = 0;
  // The FlexSPI instance the root clock feeds and the registers that set it (for narration).
  virtual std::string flexspi_instance() const = 0;
  virtual std::string flexspi_registers() const = 0;
};

std::unique_ptr<ClockModel> rt10xx_clock_model(RegisterBlock& ccm, CcmAnalogBlock& analog,
                                               ClockTree tree);
std::unique_ptr<ClockModel> rt11xx_clock_model(Rt11xxCcmBlock& ccm, AnadigBlock& anadig);

}  // namespace xipsim::soc
