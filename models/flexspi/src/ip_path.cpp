// The IP command path: IPCR0/IPCR1/IPCMD, the RX and TX FIFOs with their watermarks, and the
// INTR/STS1 outcome, so that the SDK's FLEXSPI_TransferBlocking flow works as register accesses.
#include <algorithm>

#include "fmt/format.h"
#include "xipsim/flexspi/flexspi.h"

namespace xipsim::flexspi {

namespace {
bool sequence_writes(const std::uint32_t* lut, unsigned seq_id, unsigned count) {
  for (unsigned s = 0; s < count; ++s)
    for (unsigned i = 0; i < 8; ++i) {
      const flexspi::LutInstr in = lut_instruction(lut, (seq_id + s) % 16, i);
      if (in.ends_sequence()) break;
      if (in.base_op() == flexspi::lut_op::kWriteSdr) return true;
    }
  return false;
}
}  // namespace

void Flexspi::trigger_ip_command(Picoseconds now) {
  if (regs_.at(reg::MCR0) & bits::MCR0_MDIS) {
    note(now, name_ + ": IPCMD.TRG ignored: the module is disabled (MCR0.MDIS = 1)");
    return;
  }
  if (root_stopped_) {
    note(now, name_ + ": IPCMD.TRG ignored: the serial root clock is stopped (its CCM gate)");
    return;
  }
  if (ip_.active) {
    note(now, name_ + ": IPCMD.TRG ignored: an IP command is still running");
    return;
  }
  ++stats_.ip_commands;
  const std::uint32_t ipcr1 = regs_.at(reg::IPCR1);
  ip_ = IpCommand{};
  ip_.size = get(ipcr1, field::IPCR1_IDATSZ);
  ip_.seq_id = get(ipcr1, field::IPCR1_ISEQID);
  ip_.seq_count = get(ipcr1, field::IPCR1_ISEQNUM) + 1;
  ip_.address = regs_.at(reg::IPCR0);
  abort_prefetch(now);

  std::uint8_t code = seqerr::kNone;
  unsigned port = 0;
  std::uint32_t port_address = 0;
  std::uint64_t port_end = 0;
  if (ip_.address >= total_flash_size())
    code = seqerr::kAddressOutOfRange;
  else if (port_of(ip_.address, &port, &port_address, &port_end) && ip_.size &&
           ip_.address + ip_.size > port_end)
    code = seqerr::kBoundaryCrossed;
  unsigned bad_seq = ip_.seq_id;
  if (code == seqerr::kNone)
    code = check_command(SequenceSource::kIp, ip_.seq_id, ip_.seq_count, 0, &bad_seq);
  if (code != seqerr::kNone) {
    std::uint32_t& sts1 = regs_.at(reg::STS1);
    sts1 = with(with(sts1, field::STS1_IPCMDERRID, bad_seq), field::STS1_IPCMDERRCODE, code);
    regs_.at(reg::INTR) |= bits::INTR_IPCMDERR | bits::INTR_IPCMDDONE;
    note(now, fmt::format("{}: IP command (sequence {}, address 0x{:X}) refused, STS1 code 0x{:X}: "
                          "{}",
                          name_, ip_.seq_id, ip_.address, code, seqerr::describe(code)));
    ip_ = IpCommand{};
    return;
  }
  ip_.active = true;
  if (ip_.size && sequence_writes(regs_.words(reg::LUT0), ip_.seq_id, ip_.seq_count)) {
    ip_.waiting_tx = true;  // SCLK waits for TX data (the SDK triggers first, then fills)
    tx_command_.clear();
    tx_sent_ = 0;
    feed_tx_command(now);  // data pushed before the trigger counts too
    return;
  }
  execute_ip_command(now);
}

void Flexspi::execute_ip_command(Picoseconds now) {
  unsigned port = 0;
  std::uint32_t port_address = 0;
  std::uint64_t port_end = 0;
  port_of(ip_.address, &port, &port_address, &port_end);
  const std::size_t rx_base = rx_data_.size();
  const bool writes = ip_.waiting_tx;
  if (!writes) rx_data_.resize(rx_base + ip_.size);
  const RunResult r =
      run(SequenceSource::kIp, port, ip_.seq_id, ip_.seq_count, 0, port_address, ip_.size,
          writes ? tx_command_.data() : nullptr, writes ? nullptr : rx_data_.data() + rx_base, now);
  ip_.waiting_tx = false;
  if (r.no_strobe) {
    rx_data_.resize(rx_base);
    ip_.done_at = now + seq_timeout();
    ip_.intr_on_done = bits::INTR_SEQTIMEOUT | bits::INTR_IPCMDERR | bits::INTR_IPCMDDONE;
    std::uint32_t& sts1 = regs_.at(reg::STS1);
    sts1 = with(with(sts1, field::STS1_IPCMDERRID, ip_.seq_id), field::STS1_IPCMDERRCODE,
                seqerr::kTimeout);
    note(now, name_ + ": IP read got no read strobe; the sequence times out (MCR1.SEQWAIT)");
    return;
  }
  if (!writes && r.has_read) {
    for (std::size_t end = 8; end < ip_.size + 8; end += 8) {
      const std::size_t last = std::min(end, ip_.size) - 1;
      rx_chunk_at_.push_back(r.first_byte_at + last * r.ps_per_byte);
    }
  } else if (!writes) {
    rx_data_.resize(rx_base);
  }
  ip_.done_at = r.cs_rise;
  ip_.intr_on_done = bits::INTR_IPCMDDONE;
}

void Flexspi::push_tx(Picoseconds now) {
  // Writing INTR.IPTXWE pushes one watermark level of the TFDR window into the TX FIFO.
  const std::size_t wm = (get(regs_.at(reg::IPTXFCR), field::IPTXFCR_TXWMRK) + 1) * 8;
  tx_fifo_.insert(tx_fifo_.end(), tx_staging_.begin(),
                  tx_staging_.begin() + std::min<std::size_t>(wm, tx_staging_.size()));
  if (ip_.waiting_tx) feed_tx_command(now);
}

void Flexspi::feed_tx_command(Picoseconds now) {
  // A waiting write sequence drains the FIFO as fast as it is filled (SCLK runs while data is
  // there), so the FIFO never holds more than one push while a command waits.
  const std::size_t take = std::min(tx_fifo_.size(), ip_.size - tx_command_.size());
  tx_command_.insert(tx_command_.end(), tx_fifo_.begin(), tx_fifo_.begin() + take);
  tx_fifo_.erase(tx_fifo_.begin(), tx_fifo_.begin() + static_cast<std::ptrdiff_t>(take));
  tx_sent_ += take;
  if (tx_command_.size() >= ip_.size) {
    tx_fifo_.clear();  // the unused tail of the last watermark push goes with the command
    execute_ip_command(now);
  }
}

std::size_t Flexspi::rx_arrived(Picoseconds now) const {
  const auto it = std::upper_bound(rx_chunk_at_.begin(), rx_chunk_at_.end(), now);
  return std::min(rx_data_.size(), static_cast<std::size_t>(it - rx_chunk_at_.begin()) * 8);
}

std::size_t Flexspi::rx_visible(Picoseconds now) const {
  const std::size_t arrived = rx_arrived(now);
  return arrived > rx_pos_ ? std::min<std::size_t>(arrived - rx_pos_, features_.ip_fifo_bytes) : 0;
}

void Flexspi::pop_rx(Picoseconds now) {
  // Writing INTR.IPRXWA pops one watermark level from the RX FIFO.
  const std::size_t wm = (get(regs_.at(reg::IPRXFCR), field::IPRXFCR_RXWMRK) + 1) * 8;
  rx_pos_ += std::min(wm, rx_visible(now));
}

std::uint32_t Flexspi::read_rx_word(unsigned index, Picoseconds now) const {
  const std::size_t visible = rx_visible(now);
  std::uint32_t v = 0;
  for (unsigned b = 0; b < 4; ++b) {
    const std::size_t i = std::size_t{index} * 4 + b;
    if (i < visible) v |= std::uint32_t{rx_data_[rx_pos_ + i]} << (8 * b);
  }
  return v;
}

void Flexspi::clear_rx_fifo() {
  rx_data_.clear();
  rx_chunk_at_.clear();
  rx_pos_ = 0;
}

void Flexspi::clear_tx_fifo() {
  tx_fifo_.clear();
  tx_sent_ = 0;
}

}  // namespace xipsim::flexspi
