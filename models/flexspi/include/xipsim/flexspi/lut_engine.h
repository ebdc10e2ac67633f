// The FlexSPI LUT engine: checks a LUT sequence the way the hardware does (STS1 error codes) and
// turns it into the controller side of a serial frame, one FrameBuilder call per instruction, so
// that every instruction costs exactly the cycles it costs on silicon (boot-reference §3).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "xipsim/core/frame_builder.h"
#include "xipsim/flexspi/lut.h"

namespace xipsim::flexspi {

// Instruction `index` (0..7) of sequence `seq` in a 64-word LUT, decoded by the instruction set
// in lut.h (the same decoder `xipsim inspect` disassembles FCBs with).
inline LutInstr lut_instruction(const std::uint32_t* lut, unsigned seq, unsigned index) {
  const std::uint32_t word = lut[seq * 4 + index / 2];
  return decode_lut_instr(static_cast<std::uint16_t>((index & 1) ? word >> 16 : word));
}

enum class SequenceSource : std::uint8_t { kIp, kAhbRead, kAhbWrite };

struct SequenceContext {
  SequenceSource source = SequenceSource::kIp;
  unsigned seq_id = 0;
  unsigned start_instr = 0;          // where an AHB read resumes after JMP_ON_CS
  std::uint32_t address = 0;         // byte address within the port
  unsigned cas = 0;                  // FLSHxCR1.CAS: column address bits
  bool word_addressable = false;     // FLSHxCR1.WA
  std::size_t data_size = 0;         // IPCR1.IDATSZ or the AHB burst
  std::size_t data_offset = 0;       // data already moved by earlier sequences of the same command
  const std::uint8_t* tx = nullptr;  // write data, data_size bytes
  // Slots the controller may keep clocking after each READ while it waits for the flash's read
  // strobe (RXCLKSRC 3); 0 when it samples with its own strobe.
  std::size_t strobe_wait = 0;
};

struct ReadSpan {
  std::size_t first_slot = 0;
  unsigned pads = 1;
  std::size_t offset = 0;  // into the command's data
  std::size_t count = 0;
};

struct SequenceResult {
  std::uint8_t error = 0;  // STS1 code (seqerr), 0 = none
  unsigned error_instr = 0;
  std::array<ReadSpan, 8> reads{};
  unsigned read_count = 0;
  int jump_to = -1;          // JMP_ON_CS operand: instruction pointer for the next AHB read
  std::size_t data_end = 0;  // data offset after this sequence
};

// Hardware checks done before a sequence runs (an erroneous command is not executed).
std::uint8_t check_sequence(const std::uint32_t* lut, const SequenceContext& ctx,
                            unsigned* bad_instr = nullptr);
// True when the sequence uses DDR instructions.
bool sequence_is_ddr(const std::uint32_t* lut, unsigned seq, unsigned start_instr = 0);
// Appends the sequence's slots to the builder's frame. Call check_sequence first.
void build_sequence(const std::uint32_t* lut, const SequenceContext& ctx, FrameBuilder& builder,
                    SequenceResult& result);

}  // namespace xipsim::flexspi
