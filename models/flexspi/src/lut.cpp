#include "xipsim/flexspi/lut.h"

#include <fmt/format.h>

namespace xipsim::flexspi {

namespace {
const char* base_name(std::uint8_t base) {
  switch (base) {
    case lut_op::kCmdSdr:
      return "CMD";
    case lut_op::kRaddrSdr:
      return "RADDR";
    case lut_op::kCaddrSdr:
      return "CADDR";
    case lut_op::kMode1Sdr:
      return "MODE1";
    case lut_op::kMode2Sdr:
      return "MODE2";
    case lut_op::kMode4Sdr:
      return "MODE4";
    case lut_op::kMode8Sdr:
      return "MODE8";
    case lut_op::kWriteSdr:
      return "WRITE";
    case lut_op::kReadSdr:
      return "READ";
    case lut_op::kLearnSdr:
      return "LEARN";
    case lut_op::kDatszSdr:
      return "DATSZ";
    case lut_op::kDummySdr:
      return "DUMMY";
    case lut_op::kDummyRwdsSdr:
      return "DUMMY_RWDS";
    default:
      return nullptr;
  }
}
}  // namespace

bool LutInstr::known() const {
  if (opcode == lut_op::kStop || opcode == lut_op::kJmpOnCs) return true;
  if (opcode & 0x10) return false;  // 0x10-0x1E and 0x30-0x3F are not defined
  return base_name(base_op()) != nullptr;
}

std::string LutInstr::name() const {
  if (opcode == lut_op::kStop) return "STOP";
  if (opcode == lut_op::kJmpOnCs) return "JMP_ON_CS";
  if (!known()) return fmt::format("UNKNOWN_{:#04x}", opcode);
  return fmt::format("{}_{}", base_name(base_op()), is_ddr() ? "DDR" : "SDR");
}

std::string LutInstr::text() const {
  if (opcode == lut_op::kStop) return "STOP";
  if (opcode == lut_op::kJmpOnCs) return fmt::format("JMP_ON_CS {}", operand);
  switch (base_op()) {
    case lut_op::kRaddrSdr:
    case lut_op::kCaddrSdr:
    case lut_op::kWriteSdr:
    case lut_op::kReadSdr:
    case lut_op::kLearnSdr:
    case lut_op::kDatszSdr:
    case lut_op::kDummySdr:
    case lut_op::kDummyRwdsSdr:
      if (known()) return fmt::format("{} {}pad {}", name(), pads(), operand);
      break;
    default:
      break;
  }
  return fmt::format("{} {}pad 0x{:02X}", name(), pads(), operand);
}

LutInstr decode_lut_instr(std::uint16_t raw) {
  LutInstr i;
  i.opcode = static_cast<std::uint8_t>(raw >> 10);
  i.pads_code = static_cast<std::uint8_t>((raw >> 8) & 0x3);
  i.operand = static_cast<std::uint8_t>(raw & 0xFF);
  return i;
}

LutSequence decode_lut_sequence(const std::array<std::uint32_t, 4>& words) {
  LutSequence s;
  for (std::size_t w = 0; w < 4; ++w) {
    s[2 * w] = decode_lut_instr(static_cast<std::uint16_t>(words[w] & 0xFFFF));
    s[2 * w + 1] = decode_lut_instr(static_cast<std::uint16_t>(words[w] >> 16));
  }
  return s;
}

std::vector<LutInstr> executed_part(const LutSequence& seq) {
  std::vector<LutInstr> out;
  for (const auto& i : seq) {
    out.push_back(i);
    if (i.ends_sequence()) break;
  }
  return out;
}

std::string disassemble(const LutSequence& seq) {
  std::string s;
  for (const auto& i : executed_part(seq)) {
    if (!s.empty()) s += "; ";
    s += i.text();
  }
  return s;
}

}  // namespace xipsim::flexspi
