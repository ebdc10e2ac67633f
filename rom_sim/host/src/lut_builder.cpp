#include "xipsim/host/lut_builder.h"

#include <stdexcept>

namespace xipsim::host {

namespace {
unsigned pads_code(unsigned pads) {
  switch (pads) {
    case 1:
      return 0;
    case 2:
      return 1;
    case 4:
      return 2;
    case 8:
      return 3;
  }
  throw std::invalid_argument("LUT pads must be 1, 2, 4 or 8");
}
}  // namespace

LutBuilder& LutBuilder::seq(unsigned index) {
  if (index > 15) throw std::invalid_argument("LUT sequence index must be 0..15");
  seq_ = index;
  next_ = 0;
  for (unsigned i = 0; i < 4; ++i)
    words_[4 * index + i] = 0;
  return *this;
}

LutBuilder& LutBuilder::put(std::uint8_t op, unsigned pads, bool ddr, std::uint8_t operand) {
  if (next_ >= 8) throw std::invalid_argument("a LUT sequence holds 8 instructions");
  const std::uint8_t code = ddr ? static_cast<std::uint8_t>(op | flexspi::lut_op::kDdrFlag) : op;
  const std::uint32_t instr = flexspi::encode_lut_instr(code, pads_code(pads), operand);
  std::uint32_t& word = words_[4 * seq_ + next_ / 2];
  word |= next_ % 2 ? instr << 16 : instr;
  ++next_;
  return *this;
}

LutBuilder& LutBuilder::cmd(std::uint8_t opcode, unsigned pads, bool ddr) {
  return put(flexspi::lut_op::kCmdSdr, pads, ddr, opcode);
}
LutBuilder& LutBuilder::addr(unsigned bits, unsigned pads, bool ddr) {
  return put(flexspi::lut_op::kRaddrSdr, pads, ddr, static_cast<std::uint8_t>(bits));
}
LutBuilder& LutBuilder::column(unsigned bits, unsigned pads, bool ddr) {
  return put(flexspi::lut_op::kCaddrSdr, pads, ddr, static_cast<std::uint8_t>(bits));
}
LutBuilder& LutBuilder::dummy(unsigned cycles, unsigned pads, bool ddr) {
  return put(flexspi::lut_op::kDummySdr, pads, ddr, static_cast<std::uint8_t>(cycles));
}
LutBuilder& LutBuilder::dummy_rwds(unsigned cycles, unsigned pads, bool ddr) {
  return put(flexspi::lut_op::kDummyRwdsSdr, pads, ddr, static_cast<std::uint8_t>(cycles));
}
LutBuilder& LutBuilder::read(unsigned pads, bool ddr) {
  return put(flexspi::lut_op::kReadSdr, pads, ddr, 0x04);
}
LutBuilder& LutBuilder::write(unsigned pads, bool ddr) {
  return put(flexspi::lut_op::kWriteSdr, pads, ddr, 0x04);
}

}  // namespace xipsim::host
