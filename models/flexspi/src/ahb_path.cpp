// The AHB path: RX buffers per master (AHBRXBUFxCR0), hits and misses, prefetch on a timeline
// (a read waits only for the bytes it needs; a later miss cuts a running prefetch), JMP_ON_CS
// instruction pointers, AHB writes through AWRSEQID, bus timeouts.
#include <algorithm>

#include "fmt/format.h"
#include "xipsim/flexspi/flexspi.h"

namespace xipsim::flexspi {

int Flexspi::buffer_for_master(unsigned master) const {
  // A master uses the buffer whose MSTRID matches; a master without one falls to the last
  // buffer (assumption, see docs/flexspi-model.md: the SDK keeps the last buffers for "all").
  const int n = static_cast<int>(features_.ahb_rx_buffers);
  for (int i = 0; i < n; ++i) {
    const std::uint32_t cr0 = regs_.at(reg::AHBRXBUF0CR0 + 4 * static_cast<unsigned>(i));
    if (get(cr0, field::AHBRXBUFCR0_BUFSZ) != 0 && get(cr0, field::AHBRXBUFCR0_MSTRID) == master)
      return i;
  }
  return n - 1;
}

std::size_t Flexspi::buffer_bytes(unsigned index) const {
  return std::size_t{get(regs_.at(reg::AHBRXBUF0CR0 + 4 * index), field::AHBRXBUFCR0_BUFSZ)} * 8;
}

void Flexspi::clear_ahb_buffers() {
  for (RxBuffer& b : buffers_)
    b.valid = false;
  filling_ = -1;
}

void Flexspi::abort_prefetch(Picoseconds now) {
  if (filling_ < 0) return;
  RxBuffer& b = buffers_[static_cast<std::size_t>(filling_)];
  filling_ = -1;
  if (!b.valid || now >= b.fill_end) return;
  const std::size_t arrived =
      now < b.first_byte_at ? 0
                            : static_cast<std::size_t>((now - b.first_byte_at) / b.ps_per_byte) + 1;
  b.size = std::min(b.size, arrived);
  if (b.size == 0) b.valid = false;
  seq_end_at_ = now;
  bus_free_at_ = now;
  ++stats_.prefetch_aborts;
}

std::string Flexspi::ahb_refusal(const char* what, std::uint64_t offset, std::size_t len,
                                 unsigned* port, std::uint32_t* port_address,
                                 std::uint64_t* port_end) const {
  if (regs_.at(reg::MCR0) & bits::MCR0_MDIS)
    return fmt::format("{}: AHB {} while the module is disabled (MCR0.MDIS = 1)", name_, what);
  if (!port_of(offset, port, port_address, port_end) || offset + len > *port_end)
    return fmt::format("{}: AHB {} at offset 0x{:X} is outside the flash sizes set in FLSHxCR0",
                       name_, what, offset);
  return {};
}

AhbResponse Flexspi::ahb_fail(Picoseconds now, Picoseconds done, std::string error) {
  note(now, error);
  AhbResponse resp;
  resp.ok = false;
  resp.done = done;
  resp.error = std::move(error);
  return resp;
}

void Flexspi::record_ahb_error(unsigned seq, std::uint8_t code) {
  std::uint32_t& sts1 = regs_.at(reg::STS1);
  sts1 = with(with(sts1, field::STS1_AHBCMDERRID, seq), field::STS1_AHBCMDERRCODE, code);
  regs_.at(reg::INTR) |= bits::INTR_AHBCMDERR;
}

bool Flexspi::serve_from_buffer(std::uint64_t offset, std::uint8_t* out, std::size_t len,
                                Picoseconds now, AhbResponse& resp) {
  for (RxBuffer& b : buffers_) {  // hit: any valid buffer holding the bytes
    if (b.valid && offset >= b.base && offset + len <= b.base + b.size) {
      ++stats_.ahb_hits;
      resp.buffered = true;
      const std::size_t last = static_cast<std::size_t>(offset + len - 1 - b.base);
      resp.done = std::max(now, b.arrival(last)) + kAhbHitClocks * ahb_period_;
      std::copy_n(b.data.begin() + static_cast<std::ptrdiff_t>(offset - b.base), len, out);
      return true;
    }
  }
  return false;
}

// How many bytes a miss at [offset, offset + len) fetches into buffer `index`: the 64-bit-aligned
// span, a whole buffer with prefetch, never past the port's end.
std::uint64_t Flexspi::fill_size(std::uint64_t offset, std::size_t len, int index,
                                 std::uint64_t port_end) const {
  const std::size_t buf_size = buffer_bytes(static_cast<unsigned>(index));
  const bool prefetch = (regs_.at(reg::AHBCR) & bits::AHBCR_PREFETCHEN) &&
                        (regs_.at(reg::AHBRXBUF0CR0 + 4 * static_cast<unsigned>(index)) &
                         bits::AHBRXBUF_PREFETCHEN) &&
                        buf_size > 0;
  const std::uint64_t base = offset & ~std::uint64_t{7};  // 64-bit AHB data path
  const std::uint64_t want_end = (offset + len + 7) & ~std::uint64_t{7};
  std::uint64_t fill = want_end - base;
  if (prefetch) fill = std::max<std::uint64_t>(fill, buf_size);
  return std::min(fill, port_end - base);
}

// No data ever reaches the buffer: the bus waits until a timeout fires.
AhbResponse Flexspi::ahb_no_data(const RunResult& r, std::uint64_t offset, Picoseconds start,
                                 Picoseconds now) {
  return ahb_timeout(offset, start, now,
                     r.no_strobe ? "no read strobe reached the sampler"
                                 : "the read sequence has no READ instruction",
                     true);
}

AhbResponse Flexspi::ahb_timeout(std::uint64_t offset, Picoseconds start, Picoseconds now,
                                 const std::string& why, bool seq_clock_runs) {
  const Picoseconds seq_wait = seq_timeout();
  const Picoseconds bus_wait =
      Picoseconds{get(regs_.at(reg::MCR1), field::MCR1_AHBBUSWAIT)} * 1024 * ahb_period_;
  const bool seq_first = seq_clock_runs && seq_wait <= bus_wait;
  regs_.at(reg::INTR) |= seq_first ? bits::INTR_SEQTIMEOUT : bits::INTR_AHBBUSTIMEOUT;
  seq_end_at_ = bus_free_at_ = start + (seq_first ? seq_wait : bus_wait);
  return ahb_fail(
      now, bus_free_at_,
      fmt::format(
          "{}: AHB read at offset 0x{:X} never received data ({}); {} after {} ns", name_, offset,
          why, seq_first ? "sequence timeout (MCR1.SEQWAIT)" : "AHB bus timeout (MCR1.AHBBUSWAIT)",
          (bus_free_at_ - now) / 1000));
}

AhbResponse Flexspi::ahb_read(std::uint64_t offset, std::uint8_t* out, std::size_t len,
                              unsigned master, Picoseconds now) {
  ++stats_.ahb_reads;
  AhbResponse resp;
  resp.done = now + kAhbHitClocks * ahb_period_;
  if (len == 0) return resp;  // nothing to move: completes after the bus handshake
  unsigned port = 0;
  std::uint32_t port_address = 0;
  std::uint64_t port_end = 0;
  std::string refused = ahb_refusal("read", offset, len, &port, &port_address, &port_end);
  if (!refused.empty()) return ahb_fail(now, resp.done, std::move(refused));
  if (serve_from_buffer(offset, out, len, now, resp)) return resp;
  ++stats_.ahb_misses;
  abort_prefetch(now);
  if (root_stopped_)
    return ahb_timeout(offset, std::max(now, bus_free_at_), now, "the serial root clock is stopped",
                       false);
  const int index = buffer_for_master(master);
  const std::uint64_t base = offset & ~std::uint64_t{7};
  const std::uint64_t fill = fill_size(offset, len, index, port_end);
  RxBuffer scratch;
  RxBuffer& b = buffer_bytes(static_cast<unsigned>(index)) > 0
                    ? buffers_[static_cast<std::size_t>(index)]
                    : scratch;
  b.valid = false;
  b.data.resize(fill);
  const std::uint32_t cr2 = regs_.at(reg::FLSHA1CR2 + 4 * port);
  const Picoseconds start = std::max(now, bus_free_at_);
  const RunResult r =
      run(SequenceSource::kAhbRead, port, get(cr2, field::FLSHCR2_ARDSEQID),
          get(cr2, field::FLSHCR2_ARDSEQNUM) + 1, static_cast<unsigned>(instr_pointer_[port]),
          port_address - static_cast<std::uint32_t>(offset - base), static_cast<std::size_t>(fill),
          nullptr, b.data.data(), start);
  if (r.error) {
    record_ahb_error(r.error_seq, r.error);
    return ahb_fail(now, resp.done,
                    fmt::format("{}: AHB read sequence {} refused, STS1 code 0x{:X}: {}", name_,
                                r.error_seq, r.error, seqerr::describe(r.error)));
  }
  if (r.jump_to >= 0) instr_pointer_[port] = r.jump_to;
  if (r.no_strobe || !r.has_read) return ahb_no_data(r, offset, start, now);
  b.valid = true;
  b.base = base;
  b.size = static_cast<std::size_t>(fill);
  b.first_byte_at = r.first_byte_at;
  b.ps_per_byte = r.ps_per_byte;
  b.fill_end = r.cs_rise;
  if (&b != &scratch) filling_ = index;
  const std::size_t last = static_cast<std::size_t>(offset + len - 1 - base);
  resp.done = b.arrival(last) + kAhbHitClocks * ahb_period_;
  std::copy_n(b.data.begin() + static_cast<std::ptrdiff_t>(offset - base), len, out);
  return resp;
}

AhbResponse Flexspi::ahb_write(std::uint64_t offset, const std::uint8_t* data, std::size_t len,
                               unsigned, Picoseconds now) {
  unsigned port = 0;
  std::uint32_t port_address = 0;
  std::uint64_t port_end = 0;
  const Picoseconds handshake = now + kAhbHitClocks * ahb_period_;
  std::string refused = ahb_refusal("write", offset, len, &port, &port_address, &port_end);
  if (!refused.empty()) return ahb_fail(now, handshake, std::move(refused));
  abort_prefetch(now);
  const std::uint32_t cr2 = regs_.at(reg::FLSHA1CR2 + 4 * port);
  const RunResult r =
      run(SequenceSource::kAhbWrite, port, get(cr2, field::FLSHCR2_AWRSEQID),
          get(cr2, field::FLSHCR2_AWRSEQNUM) + 1, 0, port_address, len, data, nullptr, now);
  if (r.error) {
    record_ahb_error(r.error_seq, r.error);
    return ahb_fail(now, handshake,
                    fmt::format("{}: AHB write sequence {} refused, STS1 code 0x{:X}: {}", name_,
                                r.error_seq, r.error, seqerr::describe(r.error)));
  }
  AhbResponse resp;
  resp.done = r.cs_rise + kAhbHitClocks * ahb_period_;
  return resp;
}

}  // namespace xipsim::flexspi
