#include "xipsim/soc/clock_model.h"

namespace xipsim::soc {

namespace {
class Rt10xxClocks : public ClockModel {
 public:
  Rt10xxClocks(RegisterBlock& ccm, CcmAnalogBlock& analog, ClockTree tree)
      : ccm_(ccm), analog_(analog), tree_(tree) {}
  double core_hz() const override { return rt10xx_core_hz(ccm_, analog_, tree_); }
  double bus_hz() const override {
    return core_hz() / (get(ccm_.word(ccm::CBCDR), ccm::CBCDR_IPG_PODF) + 1);
  }
  // CSCMR1.PERCLK_CLK_SEL: IPG_CLK_ROOT or the 24 MHz oscillator, / (PERCLK_PODF + 1)
  double perclk_hz() const override {
    const std::uint32_t v = ccm_.word(ccm::CSCMR1);
    return (v & ccm::CSCMR1_PERCLK_CLK_SEL ? 24e6 : bus_hz()) /
           (get(v, ccm::CSCMR1_PERCLK_PODF) + 1);
  }
  double uart_hz(unsigned) const override { return rt10xx_uart_hz(ccm_, analog_); }
  double flexspi_hz() const override { return rt10xx_flexspi_hz(ccm_, analog_, tree_); }
  void program_flexspi(double hz, Picoseconds now) override {
    program_rt10xx_flexspi_clock(ccm_, analog_, hz, now);
  }
  std::string flexspi_instance() const override { return "FLEXSPI"; }
  std::string flexspi_registers() const override { return "CCM CSCMR1, PFD_480, CCGR6"; }

 private:
  RegisterBlock& ccm_;
  CcmAnalogBlock& analog_;
  ClockTree tree_;
};

class Rt11xxClocks : public ClockModel {
 public:
  Rt11xxClocks(Rt11xxCcmBlock& ccm, AnadigBlock& anadig) : ccm_(ccm), anadig_(anadig) {}
  double core_hz() const override { return rt11xx_root_hz(ccm_, anadig_, ccm11::kM7); }
  double bus_hz() const override { return rt11xx_root_hz(ccm_, anadig_, ccm11::kBus); }
  double perclk_hz() const override { return bus_hz(); }  // PIT1 is on the BUS root
  double uart_hz(unsigned n) const override {
    return n >= 1 && n <= 12 ? rt11xx_root_hz(ccm_, anadig_, ccm11::kLpuart1 + n - 1) : 0.0;
  }
  double flexspi_hz() const override { return rt11xx_root_hz(ccm_, anadig_, ccm11::kFlexspi1); }
  void program_flexspi(double hz, Picoseconds now) override {
    program_rt11xx_flexspi_clock(ccm_, anadig_, hz, now);
  }
  std::string flexspi_instance() const override { return "FLEXSPI1"; }
  std::string flexspi_registers() const override {
    return "CCM CLOCK_ROOT20 (FLEXSPI1), SYS_PLL3_PFD";
  }

 private:
  Rt11xxCcmBlock& ccm_;
  AnadigBlock& anadig_;
};
}  // namespace

std::unique_ptr<ClockModel> rt10xx_clock_model(RegisterBlock& ccm, CcmAnalogBlock& analog,
                                               ClockTree tree) {
  return std::make_unique<Rt10xxClocks>(ccm, analog, tree);
}

std::unique_ptr<ClockModel> rt11xx_clock_model(Rt11xxCcmBlock& ccm, AnadigBlock& anadig) {
  return std::make_unique<Rt11xxClocks>(ccm, anadig);
}

}  // namespace xipsim::soc
