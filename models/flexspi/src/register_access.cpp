// Software register accesses: access rules from the table, LUT key/lock, self-clearing triggers,
// software reset, MDIS rules and the time-dependent status bits.
#include <cmath>

#include "fmt/format.h"
#include "xipsim/flexspi/flexspi.h"

namespace xipsim::flexspi {

Flexspi::Flexspi(std::string name, FlexspiFeatures features, SerialBus& bus)
    : name_(std::move(name)),
      features_(features),
      bus_(bus),
      regs_(register_table(features.ahb_rx_buffers), reg::kSpan),
      tx_staging_(reg::kFifoWindowBytes, 0),
      buffers_(features.ahb_rx_buffers) {}

void Flexspi::hardware_reset(Picoseconds now) {
  software_reset(now);
  regs_.reset();
  lut_key_armed_ = false;
  bus_free_at_ = now;
  seq_end_at_ = now;
  filling_ = -1;
  update_dll_status();
  note(now, name_ + ": chip reset");
}

void Flexspi::set_root_clock_hz(double hz) {
  root_period_ = static_cast<Picoseconds>(std::llround(1e12 / hz));
  update_dll_status();
}
void Flexspi::set_root_clock_stopped(bool stopped, Picoseconds now) {
  if (stopped == root_stopped_) return;
  root_stopped_ = stopped;
  if (stopped) abort_prefetch(now);  // a fill in flight gets no more clocks
}
void Flexspi::set_ahb_clock_hz(double hz) {
  ahb_period_ = static_cast<Picoseconds>(std::llround(1e12 / hz));
}
double Flexspi::root_clock_hz() const {
  return 1e12 / static_cast<double>(root_period_);
}

Picoseconds Flexspi::sclk_period(bool ddr) const {
  const std::uint32_t mcr0 = regs_.at(reg::MCR0);
  Picoseconds p = root_period_ * (get(mcr0, field::MCR0_SERCLKDIV) + 1);  // SERCLKDIV
  if (mcr0 & bits::MCR0_HSEN) p *= 2;
  // DDR sequences run SCLK at half the serial root clock (the flashloader doubles the root
  // clock for DDR parts).
  if (ddr) p *= 2;
  return p;
}

SampleSetup Flexspi::sample_setup(unsigned port) const {
  SampleSetup s;
  s.source = static_cast<SampleSource>(get(regs_.at(reg::MCR0), field::MCR0_RXCLKSRC));
  const std::uint32_t dll = regs_.at(port < 2 ? reg::DLLCRA : reg::DLLCRB);
  unsigned cells = 1;
  if (dll & bits::DLLCR_OVRDEN) {
    cells = std::max(1u, get(dll, field::DLLCR_OVRDVAL));  // OVRDVAL; 0 means the one fixed cell
  } else if ((dll & bits::DLLCR_DLLEN) && root_clock_hz() >= 100e6) {
    // Locked DLL: slave delay = (SLVDLYTARGET + 1) / 32 of the reference clock period.
    s.dll_delay = root_period_ * (get(dll, field::DLLCR_SLVDLYTARGET) + 1) / 32;
    return s;
  }
  s.dll_delay = cells * kDelayCellPs;
  return s;
}

void Flexspi::note(Picoseconds t, std::string text) {
  notes_.push_back(TimedNote{t, std::move(text)});
}

void Flexspi::update_dll_status() {
  // STS2 lock bits: a DLL that is enabled (not overridden) locks when the reference clock is at
  // least 100 MHz (the rule the flashloader applies before enabling it, §5).
  std::uint32_t sts2 = regs_.at(reg::STS2) & ~0x00030003u;
  for (unsigned side = 0; side < 2; ++side) {
    const std::uint32_t dll = regs_.at(side ? reg::DLLCRB : reg::DLLCRA);
    const bool locked =
        (dll & bits::DLLCR_DLLEN) && !(dll & bits::DLLCR_OVRDEN) && root_clock_hz() >= 100e6;
    if (locked) sts2 |= 0x3u << (16 * side);
  }
  regs_.at(reg::STS2) = sts2;
}

std::uint32_t Flexspi::read_register(std::uint32_t offset, Picoseconds now) {
  const RegisterDef* def = regs_.find(offset);
  if (!def) {
    note(now, fmt::format("{}: read of reserved offset 0x{:03X} returns 0", name_, offset));
    return 0;
  }
  update_status(now);
  if (offset >= reg::RFDR0 && offset < reg::RFDR0 + reg::kFifoWindowBytes)
    return read_rx_word((offset - reg::RFDR0) / 4, now);
  return regs_.read(*def);
}

void Flexspi::write_register(std::uint32_t offset, std::uint32_t value, Picoseconds now) {
  const RegisterDef* def = regs_.find(offset);
  if (!def) {
    note(now, fmt::format("{}: write of 0x{:08X} to reserved offset 0x{:03X} ignored", name_, value,
                          offset));
    return;
  }
  update_status(now);
  if (offset == reg::LUTKEY || offset == reg::LUTCR) {
    write_lut_control(offset, value, now);
    return;
  }
  if (offset >= reg::LUT0 && lut_locked()) {
    note(now,
         fmt::format("{}: write to {} ignored: the LUT is locked (LUTCR.LOCK)", name_, def->name));
    return;
  }
  if (offset >= reg::TFDR0 && offset < reg::TFDR0 + reg::kFifoWindowBytes) {
    const unsigned i = offset - reg::TFDR0;
    for (unsigned b = 0; b < 4; ++b)
      tx_staging_[i + b] = static_cast<std::uint8_t>(value >> (8 * b));
    return;
  }
  const bool enabled = !(regs_.at(reg::MCR0) & bits::MCR0_MDIS);
  const bool config = (offset >= reg::FLSHA1CR0 && offset < reg::FLSHCR4) ||
                      offset == reg::DLLCRA || offset == reg::DLLCRB;
  if (config && enabled && regs_.at(offset) != ((regs_.at(offset) & ~def->rw) | (value & def->rw)))
    note(now, fmt::format("{}: {} changed while the module is enabled (the reference manual asks "
                          "for MCR0.MDIS = 1 around flash configuration changes)",
                          name_, def->name));
  const std::uint32_t triggers = regs_.write(*def, value);
  on_triggers(offset, triggers, value, now);
  if (offset == reg::DLLCRA || offset == reg::DLLCRB) update_dll_status();
  update_status(now);
}

void Flexspi::write_lut_control(std::uint32_t offset, std::uint32_t value, Picoseconds now) {
  if (offset == reg::LUTKEY) {
    lut_key_armed_ = value == reg::kLutKey;
    if (!lut_key_armed_)
      note(now, fmt::format("{}: LUTKEY written with 0x{:08X}, not the key 0x{:08X}", name_, value,
                            reg::kLutKey));
    return;
  }
  if (!lut_key_armed_) {
    note(now, fmt::format("{}: LUTCR write 0x{:X} ignored: LUTKEY was not written with the key "
                          "just before",
                          name_, value));
    return;
  }
  lut_key_armed_ = false;
  const std::uint32_t v = value & 3u;
  if (v == bits::LUTCR_LOCK || v == bits::LUTCR_UNLOCK)
    regs_.at(reg::LUTCR) = v;
  else
    note(now, fmt::format("{}: LUTCR write 0x{:X} ignored: set exactly one of LOCK, UNLOCK", name_,
                          value));
}

void Flexspi::on_triggers(std::uint32_t offset, std::uint32_t triggers, std::uint32_t value,
                          Picoseconds now) {
  switch (offset) {
    case reg::MCR0:
      if (triggers & bits::MCR0_SWRESET) software_reset(now);
      break;
    case reg::AHBCR:
      if (triggers & bits::AHBCR_CLRAHBRXBUF) clear_ahb_buffers();
      break;
    case reg::INTR:
      if (value & bits::INTR_IPTXWE) push_tx(now);
      if (value & bits::INTR_IPRXWA) pop_rx(now);
      break;
    case reg::IPCMD:
      if (triggers & bits::IPCMD_TRG) trigger_ip_command(now);
      break;
    case reg::IPRXFCR:
      if (triggers & bits::FIFO_CLR) clear_rx_fifo();
      break;
    case reg::IPTXFCR:
      if (triggers & bits::FIFO_CLR) clear_tx_fifo();
      break;
    default:
      if ((triggers & bits::FLSHCR2_CLRINSTRPTR) && offset >= reg::FLSHA1CR2 &&
          offset < reg::FLSHA1CR2 + 16)
        instr_pointer_[(offset - reg::FLSHA1CR2) / 4] = 0;
      break;
  }
}

void Flexspi::software_reset(Picoseconds now) {
  // SWRESET resets the AHB and serial-root domains: RX buffers, IP FIFOs, sequence state and
  // status; configuration registers keep their values (SDK FLEXSPI_SoftwareReset comment).
  clear_ahb_buffers();
  clear_rx_fifo();
  clear_tx_fifo();
  ip_ = IpCommand{};
  for (int& p : instr_pointer_)
    p = 0;
  regs_.at(reg::INTR) = bits::INTR_IPTXWE;
  regs_.at(reg::STS1) = 0;
  note(now, name_ + ": software reset (MCR0.SWRESET)");
}

void Flexspi::update_status(Picoseconds now) {
  std::uint32_t& intr = regs_.at(reg::INTR);
  if (ip_.active && !ip_.waiting_tx && now >= ip_.done_at) {
    intr |= ip_.intr_on_done;
    ip_.active = false;
  }
  const std::size_t rx_wm = (get(regs_.at(reg::IPRXFCR), field::IPRXFCR_RXWMRK) + 1) * 8;
  if (rx_visible(now) >= rx_wm) intr |= bits::INTR_IPRXWA;
  const std::size_t tx_wm = (get(regs_.at(reg::IPTXFCR), field::IPTXFCR_TXWMRK) + 1) * 8;
  if (features_.ip_fifo_bytes - std::min<std::size_t>(tx_fifo_.size(), features_.ip_fifo_bytes) >=
      tx_wm)
    intr |= bits::INTR_IPTXWE;
  const bool busy = now < seq_end_at_ || ip_.waiting_tx || (ip_.active && now < ip_.done_at);
  std::uint32_t sts0 = regs_.at(reg::STS0) & ~(bits::STS0_SEQIDLE | bits::STS0_ARBIDLE);
  if (!busy) sts0 |= bits::STS0_SEQIDLE | bits::STS0_ARBIDLE;
  regs_.at(reg::STS0) = sts0;
  const std::size_t visible = rx_visible(now);
  // FILL and the read/write counters count 64-bit entries.
  regs_.at(reg::IPRXFSTS) =
      put(field::IPRXFSTS_FILL, static_cast<std::uint32_t>((visible + 7) / 8)) |
      put(field::IPRXFSTS_RDCNTR, static_cast<std::uint32_t>(rx_arrived(now) / 8));
  regs_.at(reg::IPTXFSTS) =
      put(field::IPTXFSTS_FILL, static_cast<std::uint32_t>((tx_fifo_.size() + 7) / 8)) |
      put(field::IPTXFSTS_WRCNTR, static_cast<std::uint32_t>(tx_sent_ / 8));
}

}  // namespace xipsim::flexspi
