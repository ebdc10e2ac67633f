#include "xipsim/flexspi/lut_engine.h"

#include <algorithm>
#include <cstdio>

#include "xipsim/flexspi/registers.h"

namespace xipsim::flexspi {

namespace {

constexpr unsigned kInstrPerSeq = 8;

bool known(std::uint8_t opcode) {
  if (opcode == op::kJmpOnCs || opcode == op::kStop) return true;
  const std::uint8_t base = opcode & 0x1F;
  return (opcode & 0xC0) == 0 && base >= op::kCmd && base <= op::kDummyRwds;
}

bool ends(const LutInstruction& i) {
  return i.opcode == op::kStop || i.opcode == op::kJmpOnCs;
}

}  // namespace

std::string to_string(const LutInstruction& instr) {
  static const char* names[] = {"STOP",  "CMD",   "RADDR", "CADDR", "MODE1", "MODE2", "MODE4",
                                "MODE8", "WRITE", "READ",  "LEARN", "DATSZ", "DUMMY", "DUMMY_RWDS"};
  char buf[48];
  if (instr.opcode == op::kJmpOnCs)
    std::snprintf(buf, sizeof buf, "JMP_ON_CS/0x%02X", instr.operand);
  else if (instr.opcode == op::kStop)
    std::snprintf(buf, sizeof buf, "STOP");
  else if (known(instr.opcode))
    std::snprintf(buf, sizeof buf, "%s_%s/%upad/0x%02X", names[instr.base()],
                  instr.ddr() ? "DDR" : "SDR", instr.pads(), instr.operand);
  else
    std::snprintf(buf, sizeof buf, "opcode 0x%02X/%upad/0x%02X", instr.opcode, instr.pads(),
                  instr.operand);
  return buf;
}

bool sequence_is_ddr(const std::uint32_t* lut, unsigned seq, unsigned start_instr) {
  for (unsigned i = start_instr; i < kInstrPerSeq; ++i) {
    const LutInstruction in = lut_instruction(lut, seq, i);
    if (ends(in)) break;
    const std::uint8_t base = in.base();
    if (in.ddr() && base != op::kDummy && base != op::kDummyRwds) return true;
  }
  return false;
}

std::uint8_t check_sequence(const std::uint32_t* lut, const SequenceContext& ctx,
                            unsigned* bad_instr) {
  const bool ddr = sequence_is_ddr(lut, ctx.seq_id, ctx.start_instr);
  for (unsigned i = ctx.start_instr; i < kInstrPerSeq; ++i) {
    const LutInstruction in = lut_instruction(lut, ctx.seq_id, i);
    std::uint8_t code = seqerr::kNone;
    if (!known(in.opcode)) {
      code = seqerr::kUnknownOpcode;
    } else if (in.opcode == op::kJmpOnCs && ctx.source != SequenceSource::kAhbRead) {
      code = seqerr::kJumpOnCs;
    } else if (in.base() == op::kDummy || in.base() == op::kDummyRwds) {
      if (ddr && !in.ddr()) code = seqerr::kDummySdrInDdr;
      if (!ddr && in.ddr()) code = seqerr::kDummyDdrInSdr;
    }
    if (code != seqerr::kNone) {
      if (bad_instr) *bad_instr = i;
      return code;
    }
    if (ends(in)) break;
  }
  return seqerr::kNone;
}

void build_sequence(const std::uint32_t* lut, const SequenceContext& ctx, FrameBuilder& b,
                    SequenceResult& r) {
  r.ddr = sequence_is_ddr(lut, ctx.seq_id, ctx.start_instr);
  // FLSHxCR1: word-addressable devices take half the byte address; CAS low bits go to CADDR.
  const std::uint32_t unit_address = ctx.word_addressable ? ctx.address / 2 : ctx.address;
  const std::uint32_t row = ctx.cas ? unit_address >> ctx.cas : unit_address;
  const std::uint32_t column = ctx.cas ? unit_address & ((1u << ctx.cas) - 1u) : 0;
  std::size_t offset = ctx.data_offset;
  for (unsigned i = ctx.start_instr; i < kInstrPerSeq; ++i) {
    const LutInstruction in = lut_instruction(lut, ctx.seq_id, i);
    if (in.opcode == op::kStop) break;
    if (in.opcode == op::kJmpOnCs) {
      r.jump_to = in.operand;
      break;
    }
    b.set_tag(static_cast<std::uint8_t>(i));
    b.set_ddr(in.ddr());
    const unsigned pads = in.pads();
    const std::size_t left = ctx.data_size > offset ? ctx.data_size - offset : 0;
    switch (in.base()) {
      case op::kCmd:
        b.command(in.operand, pads);
        break;
      case op::kRaddr:
        b.address(row, in.operand, pads);
        break;
      case op::kCaddr:
        b.address(column, in.operand, pads);
        break;
      case op::kMode1:
        b.mode(in.operand, 1, pads);
        break;
      case op::kMode2:
        b.mode(in.operand, 2, pads);
        break;
      case op::kMode4:
        b.mode(in.operand, 4, pads);
        break;
      case op::kMode8:
        b.mode(in.operand, 8, pads);
        break;
      case op::kDatsz:
        b.bits(ctx.data_size, in.operand ? in.operand : 8, pads);
        break;
      case op::kWrite:
        // The operand is conventionally 0x04 and does not set the length (§3.2): the command's
        // data size does.
        if (ctx.tx) b.write(ctx.tx + offset, left, pads);
        offset += left;
        break;
      case op::kRead:
      case op::kLearn: {  // no data learning on RT10xx/RT1170: LEARN clocks in like READ
        const std::size_t count = in.base() == op::kRead ? left : in.operand;
        const std::size_t first = b.read(count, pads);
        if (in.base() == op::kRead && r.read_count < r.reads.size())
          r.reads[r.read_count++] = ReadSpan{first, pads, offset, count};
        if (in.base() == op::kRead) offset += count;
        break;
      }
      case op::kDummy:
        // DUMMY_DDR counts half cycles: the operand is twice the device's dummy clocks (§3.2).
        b.dummy(in.operand);
        break;
      case op::kDummyRwds:
        // The latency doubling depends on RWDS during the command phase. No modelled part drives
        // RWDS, so the count is the operand (single latency).
        b.dummy(in.operand);
        break;
      default:
        break;
    }
  }
  b.set_ddr(false);
  b.set_tag(kNoTag);
  r.data_end = offset;
}

}  // namespace xipsim::flexspi
