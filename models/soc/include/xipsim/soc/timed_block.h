// A register block with its own sense of time (a timer, a receiver): it brings its state up to
// the access time before every write applies its rules (and in its read hook), at its next
// event when the CPU stops there, and drives one level interrupt line from its flags. PIT, GPT
// and LPUART are built on it.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "xipsim/cpu/timed_source.h"
#include "xipsim/soc/interrupt_line.h"
#include "xipsim/soc/register_block.h"

namespace xipsim::soc {

class TimedBlock : public RegisterBlock, public cpu::TimedSource, public InterruptLine {
 public:
  // `clock_hz` gives the block's clock now (0: stopped).
  TimedBlock(sc_core::sc_module_name name, std::string instance, std::uint64_t bus_base,
             std::uint64_t size, Picoseconds latency, std::vector<RegisterDef> table, Others others,
             std::function<double()> clock_hz)
      : RegisterBlock(name, bus_base, size, latency, std::move(table), others),
        instance_(std::move(instance)),
        clock_hz_(std::move(clock_hz)) {}
  const std::string& instance() const { return instance_; }
  std::optional<cpu::ResetRequest> on_time(Picoseconds now) override {
    catch_up(now);
    update_line();
    return std::nullopt;
  }

 protected:
  double clock_hz() const { return clock_hz_ ? clock_hz_() : 0.0; }
  virtual void catch_up(Picoseconds now) = 0;  // what happened up to `now`
  virtual void update_line() = 0;              // the interrupt line from the flags
  void before_write(Picoseconds now) override { catch_up(now); }

 private:
  std::string instance_;
  std::function<double()> clock_hz_;
};

}  // namespace xipsim::soc
