// Thumb-2 code in words for reports (Capstone 4.0.2, ARM + Thumb + M-class): "ldr r7, [r6]".
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace xipsim::cpu {

struct Instruction {
  std::uint32_t address = 0;
  unsigned size = 0;
  std::string text;  // mnemonic and operands
};

// Decodes up to `max` instructions of `code` (placed at `address`); stops at bytes that do not
// decode.
std::vector<Instruction> disassemble(const std::vector<std::uint8_t>& code, std::uint32_t address,
                                     unsigned max = 16);

// True when every instruction of `code` only computes in registers, loads or branches: running
// it again with the same registers and memory does the same thing (a loop of such code that
// starts each time with the same registers can only be ended by an exception). Stores, system
// instructions, hints, exclusives and floating point are not.
bool reads_only(const std::vector<Instruction>& code);

// The load or store in `code` whose address, computed from the registers as they are now
// (`reg(n)` for r0..r15), is `fault_address` (else the first that lands within 16 bytes below
// it, a multi-word access): the instruction a bus fault happened at, when the core reports only
// the start of its basic block.
std::optional<Instruction> find_access(const std::vector<std::uint8_t>& code, std::uint32_t address,
                                       std::uint32_t fault_address,
                                       const std::function<std::uint32_t(unsigned)>& reg);

}  // namespace xipsim::cpu
