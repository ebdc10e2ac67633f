// An i.MX RT GPIO port (RT10xx GPIO_Type: DR, GDIR, PSR, ICR1/2, IMR, ISR, EDGE_SEL and the
// DR_SET/DR_CLEAR/DR_TOGGLE aliases), recording every change of an output pin with its time so
// that a run can report "GPIO1_IO09 toggled 5 times, every 500.0 ms".
// Inputs: a pin connected to a wire from outside (connect_input: the console UART's RX pad when
// it is muxed as this GPIO) reads its level in PSR, and its edges set ISR as ICR1/ICR2 (2 bits a
// pin: 00 low level, 01 high level, 10 rising, 11 falling edge) and EDGE_SEL (either edge) say;
// ISR is write-1-to-clear. Two interrupt lines, as the RT10xx's combined GPIOn interrupts:
// pins 0-15 (the TimedBlock line) and 16-31 (line_16_31), each asserted while ISR & IMR has a bit
// in its half. Other inputs read 0. Not modelled: the per-pin INT0-7 interrupts of GPIO1.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "xipsim/soc/timed_block.h"

namespace xipsim::soc {

struct PinEdge {
  Picoseconds time = 0;
  unsigned pin = 0;
  bool level = false;
};

// A pin's wire from outside: its level at a time, and its next change from a time on (kNever).
struct PinInput {
  std::function<bool(Picoseconds)> level;
  std::function<Picoseconds(Picoseconds)> next_edge;
};

class GpioBlock : public TimedBlock {
 public:
  static constexpr std::uint64_t DR = 0x00, GDIR = 0x04, PSR = 0x08, ICR1 = 0x0C, ICR2 = 0x10,
                                 IMR = 0x14, ISR = 0x18, EDGE_SEL = 0x1C, DR_SET = 0x84,
                                 DR_CLEAR = 0x88, DR_TOGGLE = 0x8C;
  GpioBlock(sc_core::sc_module_name name, std::string port, std::uint64_t bus_base,
            Picoseconds latency);

  const std::string& port() const { return instance(); }  // "GPIO1"
  const std::vector<PinEdge>& edges() const { return edges_; }
  std::uint32_t outputs() const { return word(DR); }
  void reset_port();
  void connect_input(unsigned pin, PinInput input);
  // The combined interrupt of pins 16-31 (pins 0-15: the block's own line).
  class Line : public InterruptLine {
   public:
    using InterruptLine::drive_irq;
  };
  Line& line_16_31() { return high_; }

  Picoseconds next_event() const override;

 protected:
  std::uint32_t on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) override;
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;
  void catch_up(Picoseconds now) override;  // input edges up to `now` into ISR
  void update_line() override;

 private:
  void set_dr(std::uint32_t value, Picoseconds now);
  unsigned mode(unsigned pin) const;  // ICR: 0 low, 1 high, 2 rising, 3 falling
  std::vector<PinEdge> edges_;
  std::vector<std::pair<unsigned, PinInput>> inputs_;
  Picoseconds checked_ = 0;  // input edges before this are in ISR
  Line high_;
};

}  // namespace xipsim::soc
