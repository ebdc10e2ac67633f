// Running LUT sequences on the bus: port mapping (FLSHxCR0), CS timing (FLSHxCR1), the frame of
// each sequence, and capture through the board.
#include <algorithm>

#include "xipsim/flexspi/flexspi.h"

namespace xipsim::flexspi {

std::uint64_t Flexspi::total_flash_size() const {
  std::uint64_t total = 0;
  for (unsigned p = 0; p < kPorts; ++p)
    total += std::uint64_t{get(regs_.at(reg::FLSHA1CR0 + 4 * p), field::FLSHCR0_FLSHSZ)} * 1024;
  return total;
}

bool Flexspi::port_of(std::uint64_t address, unsigned* port, std::uint32_t* port_address,
                      std::uint64_t* port_end) const {
  // A1, A2, B1, B2 follow each other in that order, each FLSHxCR0.FLSHSZ KB long (§4.1 IPCR0).
  std::uint64_t base = 0;
  for (unsigned p = 0; p < kPorts; ++p) {
    const std::uint64_t size =
        std::uint64_t{get(regs_.at(reg::FLSHA1CR0 + 4 * p), field::FLSHCR0_FLSHSZ)} * 1024;
    if (address >= base && address < base + size) {
      *port = p;
      *port_address = static_cast<std::uint32_t>(address - base);
      *port_end = base + size;
      return true;
    }
    base += size;
  }
  return false;
}

Picoseconds Flexspi::seq_timeout() const {
  // MCR1.SEQWAIT x 1024 serial root clock cycles.
  return Picoseconds{get(regs_.at(reg::MCR1), field::MCR1_SEQWAIT)} * 1024 * root_period_;
}

std::uint8_t Flexspi::check_command(SequenceSource source, unsigned seq_id, unsigned seq_count,
                                    unsigned start_instr, unsigned* bad_seq) const {
  for (unsigned s = 0; s < seq_count; ++s) {
    SequenceContext ctx;
    ctx.source = source;
    ctx.seq_id = (seq_id + s) % 16;
    ctx.start_instr = s == 0 ? start_instr : 0;
    const std::uint8_t code = check_sequence(regs_.words(reg::LUT0), ctx);
    if (code) {
      *bad_seq = ctx.seq_id;
      return code;
    }
  }
  return seqerr::kNone;
}

Flexspi::RunResult Flexspi::run(SequenceSource source, unsigned port, unsigned seq_id,
                                unsigned seq_count, unsigned start_instr, std::uint32_t address,
                                std::size_t size, const std::uint8_t* tx, std::uint8_t* rx,
                                Picoseconds start) {
  RunResult r;
  r.error = check_command(source, seq_id, seq_count, start_instr, &r.error_seq);
  if (r.error) return r;  // an erroneous command never runs
  const std::uint32_t* lut = regs_.words(reg::LUT0);
  const std::uint32_t cr1 = regs_.at(reg::FLSHA1CR1 + 4 * port);
  const unsigned tcss = get(cr1, field::FLSHCR1_TCSS), tcsh = get(cr1, field::FLSHCR1_TCSH);
  const unsigned interval =
      get(cr1, field::FLSHCR1_CSINTERVAL) * (get(cr1, field::FLSHCR1_CSINTERVALUNIT) ? 256u : 1u);
  const SampleSetup setup = sample_setup(port);
  Picoseconds t = std::max(start, bus_free_at_);
  std::size_t data_offset = 0;
  for (unsigned s = 0; s < seq_count; ++s) {
    SequenceContext ctx;
    ctx.source = source;
    ctx.seq_id = (seq_id + s) % 16;
    ctx.start_instr = s == 0 ? start_instr : 0;
    ctx.address = address;
    ctx.cas = get(cr1, field::FLSHCR1_CAS);
    ctx.word_addressable = get(cr1, field::FLSHCR1_WA) != 0;
    ctx.data_size = size;
    ctx.data_offset = data_offset;
    ctx.tx = tx;
    // With the flash's strobe the RX data is clocked in by DQS: the controller keeps SCLK running
    // until the bytes have arrived, up to kStrobeWaitSlots past its own dummy count.
    if (setup.source == SampleSource::kFlashDqs) ctx.strobe_wait = kStrobeWaitSlots;
    const bool ddr = sequence_is_ddr(lut, ctx.seq_id, ctx.start_instr);
    const Picoseconds period = sclk_period(ddr);
    frame_.begin(t + tcss * period, period);
    FrameBuilder builder(frame_);
    SequenceResult sr;
    build_sequence(lut, ctx, builder, sr);
    bus_.exchange(port, frame_);
    for (unsigned i = 0; i < sr.read_count && rx; ++i) {
      const ReadSpan& span = sr.reads[i];
      const CaptureResult c = bus_.capture(port, frame_, span.first_slot, span.pads, setup,
                                           rx + span.offset, span.count);
      if (!c.strobe) r.no_strobe = true;
      if (!r.has_read && span.count > 0) {
        const std::size_t per_byte = cycles_for_bytes(1, span.pads);
        r.has_read = true;
        r.first_byte_at = frame_.slot_time(span.first_slot + per_byte);
        r.ps_per_byte = r.first_byte_at - frame_.slot_time(span.first_slot);
      }
      stats_.bytes_read += span.count;
    }
    ++stats_.frames;
    stats_.sclk_cycles += ddr ? (frame_.size() + 1) / 2 : frame_.size();
    r.cs_rise = frame_.end_ps() + tcsh * period;
    t = r.cs_rise + interval * period;
    data_offset = sr.data_end;
    if (sr.jump_to >= 0) r.jump_to = sr.jump_to;
  }
  seq_end_at_ = r.cs_rise;
  bus_free_at_ = t;
  return r;
}

}  // namespace xipsim::flexspi
