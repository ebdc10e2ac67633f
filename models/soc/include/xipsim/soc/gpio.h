// An i.MX RT GPIO port (RT10xx GPIO_Type: DR, GDIR, PSR, ICR1/2, IMR, ISR, EDGE_SEL and the
// DR_SET/DR_CLEAR/DR_TOGGLE aliases), recording every change of an output pin with its time so
// that a run can report "GPIO1_IO09 toggled 5 times, every 500.0 ms". Inputs read as 0 (no pad
// is driven from outside); edge interrupts are not modelled.
#pragma once

#include <string>
#include <vector>

#include "xipsim/soc/register_block.h"

namespace xipsim::soc {

struct PinEdge {
  Picoseconds time = 0;
  unsigned pin = 0;
  bool level = false;
};

class GpioBlock : public RegisterBlock {
 public:
  static constexpr std::uint64_t DR = 0x00, GDIR = 0x04, PSR = 0x08, ICR1 = 0x0C, ICR2 = 0x10,
                                 IMR = 0x14, ISR = 0x18, EDGE_SEL = 0x1C, DR_SET = 0x84,
                                 DR_CLEAR = 0x88, DR_TOGGLE = 0x8C;
  GpioBlock(sc_core::sc_module_name name, std::string port, std::uint64_t bus_base,
            Picoseconds latency);

  const std::string& port() const { return port_; }  // "GPIO1"
  const std::vector<PinEdge>& edges() const { return edges_; }
  std::uint32_t outputs() const { return word(DR); }
  void reset_port();

 protected:
  std::uint32_t on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) override;
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;

 private:
  void set_dr(std::uint32_t value, Picoseconds now);
  std::string port_;
  std::vector<PinEdge> edges_;
};

}  // namespace xipsim::soc
