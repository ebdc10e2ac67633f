#include "xipsim/flexspi/lut_engine.h"

#include <algorithm>

#include "xipsim/flexspi/registers.h"

namespace xipsim::flexspi {

namespace {
constexpr unsigned kInstrPerSeq = 8;
namespace op = flexspi::lut_op;
}  // namespace

bool sequence_is_ddr(const std::uint32_t* lut, unsigned seq, unsigned start_instr) {
  for (unsigned i = start_instr; i < kInstrPerSeq; ++i) {
    const flexspi::LutInstr in = lut_instruction(lut, seq, i);
    if (in.ends_sequence()) break;
    const std::uint8_t base = in.base_op();
    if (in.is_ddr() && base != op::kDummySdr && base != op::kDummyRwdsSdr) return true;
  }
  return false;
}

std::uint8_t check_sequence(const std::uint32_t* lut, const SequenceContext& ctx,
                            unsigned* bad_instr) {
  const bool ddr = sequence_is_ddr(lut, ctx.seq_id, ctx.start_instr);
  for (unsigned i = ctx.start_instr; i < kInstrPerSeq; ++i) {
    const flexspi::LutInstr in = lut_instruction(lut, ctx.seq_id, i);
    std::uint8_t code = seqerr::kNone;
    if (!in.known()) {
      code = seqerr::kUnknownOpcode;
    } else if (in.opcode == op::kJmpOnCs && ctx.source != SequenceSource::kAhbRead) {
      code = seqerr::kJumpOnCs;
    } else if (in.base_op() == op::kDummySdr || in.base_op() == op::kDummyRwdsSdr) {
      if (ddr && !in.is_ddr()) code = seqerr::kDummySdrInDdr;
      if (!ddr && in.is_ddr()) code = seqerr::kDummyDdrInSdr;
    }
    if (code != seqerr::kNone) {
      if (bad_instr) *bad_instr = i;
      return code;
    }
    if (in.ends_sequence()) break;
  }
  return seqerr::kNone;
}

namespace {

// The row and column an instruction's address phases send (FLSHxCR1: word-addressable devices
// take half the byte address; CAS low bits go to CADDR).
struct RowColumn {
  std::uint32_t row, column;
};

RowColumn row_column(const SequenceContext& ctx) {
  const std::uint32_t unit_address = ctx.word_addressable ? ctx.address / 2 : ctx.address;
  return {ctx.cas ? unit_address >> ctx.cas : unit_address,
          ctx.cas ? unit_address & ((1u << ctx.cas) - 1u) : 0};
}

// One instruction's SCLK cycles into the frame; `offset` is the data position, advanced by the
// data phases.
void emit(const flexspi::LutInstr& in, const SequenceContext& ctx, RowColumn rc, FrameBuilder& b,
          SequenceResult& r, std::size_t& offset) {
  const unsigned pads = in.pads();
  const std::size_t left = ctx.data_size > offset ? ctx.data_size - offset : 0;
  switch (in.base_op()) {
    case op::kCmdSdr:
      b.command(in.operand, pads);
      break;
    case op::kRaddrSdr:
      b.address(rc.row, in.operand, pads);
      break;
    case op::kCaddrSdr:
      b.address(rc.column, in.operand, pads);
      break;
    case op::kMode1Sdr:  // MODE1/2/4/8: 1, 2, 4 or 8 mode bits
    case op::kMode2Sdr:
    case op::kMode4Sdr:
    case op::kMode8Sdr:
      b.mode(in.operand, 1u << (in.base_op() - op::kMode1Sdr), pads);
      break;
    case op::kDatszSdr:
      b.bits(ctx.data_size, in.operand ? in.operand : 8, pads);
      break;
    case op::kWriteSdr:
      // The operand is conventionally 0x04 and does not set the length (§3.2): the command's
      // data size does.
      if (ctx.tx) b.write(ctx.tx + offset, left, pads);
      offset += left;
      break;
    case op::kReadSdr: {
      const std::size_t first = b.read(left, pads);
      if (ctx.strobe_wait && left) b.strobe_wait(ctx.strobe_wait);
      if (r.read_count < r.reads.size())
        r.reads[r.read_count++] = ReadSpan{first, pads, offset, left};
      offset += left;
      break;
    }
    case op::kLearnSdr:  // no data learning on RT10xx/RT1170: `operand` bytes clocked, dropped
      b.read(in.operand, pads);
      break;
    case op::kDummySdr:
    case op::kDummyRwdsSdr:
      // DUMMY_DDR counts half cycles: the operand is twice the device's dummy clocks (§3.2).
      // DUMMY_RWDS doubles on RWDS during the command phase; no modelled part drives RWDS, so
      // it is single latency, the operand.
      b.dummy(in.operand);
      break;
    default:
      break;
  }
}

}  // namespace

void build_sequence(const std::uint32_t* lut, const SequenceContext& ctx, FrameBuilder& b,
                    SequenceResult& r) {
  const RowColumn rc = row_column(ctx);
  std::size_t offset = ctx.data_offset;
  for (unsigned i = ctx.start_instr; i < kInstrPerSeq; ++i) {
    const flexspi::LutInstr in = lut_instruction(lut, ctx.seq_id, i);
    if (in.opcode == op::kStop) break;
    if (in.opcode == op::kJmpOnCs) {
      r.jump_to = in.operand;
      break;
    }
    b.set_tag(static_cast<std::uint8_t>(i));
    b.set_ddr(in.is_ddr());
    emit(in, ctx, rc, b, r, offset);
  }
  b.set_ddr(false);
  b.set_tag(kNoTag);
  r.data_end = offset;
}

}  // namespace xipsim::flexspi
