// A peripheral region of the CPU's address map whose accesses go to the platform bus (TLM),
// one transaction per access. Internal to models/cpu.
#pragma once

#include "xipsim/cpu/cpu.h"

namespace xipsim::cpu {

class Cpu::BusPort : public MmioHandler {
 public:
  BusPort(Cpu& cpu, std::uint32_t base) : cpu_(cpu), base_(base) {}
  std::uint32_t read(std::uint64_t offset, unsigned size) override;
  void write(std::uint64_t offset, unsigned size, std::uint32_t value) override;

 private:
  Cpu& cpu_;
  std::uint32_t base_;
};

}  // namespace xipsim::cpu
