// Builds FlexSPI LUT sequences from readable steps, for software that writes its own LUT (flash
// algorithms, the SFDP probe, application drivers): Lut l; l.seq(5).cmd(0x20).addr(24).
#pragma once

#include <array>
#include <cstdint>

#include "xipsim/flexspi/lut.h"

namespace xipsim::host {

class LutBuilder {
 public:
  // Starts (and clears) sequence `index` (0..15); later calls append to it.
  LutBuilder& seq(unsigned index);
  LutBuilder& cmd(std::uint8_t opcode, unsigned pads = 1, bool ddr = false);
  LutBuilder& addr(unsigned bits, unsigned pads = 1, bool ddr = false);    // RADDR
  LutBuilder& column(unsigned bits, unsigned pads = 1, bool ddr = false);  // CADDR
  LutBuilder& dummy(unsigned cycles, unsigned pads = 1, bool ddr = false);
  LutBuilder& dummy_rwds(unsigned cycles, unsigned pads = 1, bool ddr = false);
  LutBuilder& read(unsigned pads = 1, bool ddr = false);   // READ, operand 4 as the SDK uses
  LutBuilder& write(unsigned pads = 1, bool ddr = false);  // WRITE
  const std::array<std::uint32_t, 64>& words() const { return words_; }

 private:
  LutBuilder& put(std::uint8_t op, unsigned pads, bool ddr, std::uint8_t operand);
  std::array<std::uint32_t, 64> words_{};
  unsigned seq_ = 0, next_ = 0;
};

}  // namespace xipsim::host
