// FlexSPI LUT instructions (boot-reference §3): the controller's instruction set, its encoding,
// decoding and readable disassembly. A hardware fact: the FCB decoder and the drivers use it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace xipsim::flexspi {

namespace lut_op {  // 6-bit opcodes, boot-reference §3.2
constexpr std::uint8_t kStop = 0x00, kCmdSdr = 0x01, kRaddrSdr = 0x02, kCaddrSdr = 0x03,
                       kMode1Sdr = 0x04, kMode2Sdr = 0x05, kMode4Sdr = 0x06, kMode8Sdr = 0x07,
                       kWriteSdr = 0x08, kReadSdr = 0x09, kLearnSdr = 0x0A, kDatszSdr = 0x0B,
                       kDummySdr = 0x0C, kDummyRwdsSdr = 0x0D, kJmpOnCs = 0x1F, kDdrFlag = 0x20;
}  // namespace lut_op

struct LutInstr {
  std::uint8_t opcode = 0;     // [15:10]
  std::uint8_t pads_code = 0;  // [9:8]: 0 = 1 pad, 1 = 2, 2 = 4, 3 = 8
  std::uint8_t operand = 0;    // [7:0]

  unsigned pads() const { return 1u << pads_code; }
  bool known() const;
  bool is_ddr() const { return opcode != lut_op::kJmpOnCs && (opcode & lut_op::kDdrFlag) != 0; }
  std::uint8_t base_op() const { return opcode == lut_op::kJmpOnCs ? opcode : (opcode & 0x1F); }
  bool ends_sequence() const { return opcode == lut_op::kStop || opcode == lut_op::kJmpOnCs; }
  std::string name() const;  // "CMD_SDR", "READ_DDR", "UNKNOWN_0x15"
  std::string text() const;  // "CMD_SDR 1pad 0xEB", "RADDR_SDR 4pad 24", "STOP"
};

LutInstr decode_lut_instr(std::uint16_t raw);
// The 16-bit instruction for opcode / pads code (0 = 1 pad ... 3 = 8) / operand.
constexpr std::uint16_t encode_lut_instr(std::uint8_t opcode, unsigned pads_code,
                                         std::uint8_t operand) {
  return static_cast<std::uint16_t>((opcode & 0x3Fu) << 10 | (pads_code & 3u) << 8 | operand);
}
// One LUT word: instruction i0 in bits [15:0], i1 in [31:16].
constexpr std::uint32_t encode_lut_word(std::uint16_t i0, std::uint16_t i1 = 0) {
  return static_cast<std::uint32_t>(i1) << 16 | i0;
}

// One 4-word sequence = 8 instructions, instr0 in bits [15:0] of word 0.
using LutSequence = std::array<LutInstr, 8>;
LutSequence decode_lut_sequence(const std::array<std::uint32_t, 4>& words);

// The instructions the engine executes: up to and including the first STOP/JMP_ON_CS.
std::vector<LutInstr> executed_part(const LutSequence& seq);
// "CMD_SDR 1pad 0xEB; RADDR_SDR 4pad 24; ...; STOP" (the executed part).
std::string disassemble(const LutSequence& seq);

}  // namespace xipsim::flexspi
