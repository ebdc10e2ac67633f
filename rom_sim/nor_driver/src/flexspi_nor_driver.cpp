#include "xipsim/nor_driver/flexspi_nor_driver.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "xipsim/flexspi/lut.h"
#include "xipsim/flexspi/seq_errors.h"
#include "xipsim/nor_driver/flexspi_hw.h"

namespace xipsim::nor_driver {

namespace reg = hw;  // the driver's own register header (flexspi_hw.h)
namespace bits = hw;

namespace {
constexpr std::uint32_t kErrorBits = bits::INTR_AHBCMDERR | bits::INTR_IPCMDERR |
                                     bits::INTR_AHBCMDGE | bits::INTR_IPCMDGE |
                                     bits::INTR_IPCMDDONE | bits::INTR_SEQTIMEOUT;
constexpr unsigned kFifoWatermarkBytes = 64;  // RXWMRK = TXWMRK = 7 (§4.3 step 10)
constexpr std::size_t kMaxIpBytes = 0xFFFF;   // IPCR1.IDATSZ
constexpr std::uint32_t kFlshCr0[4] = {reg::FLSHA1CR0, reg::FLSHA1CR0 + 4, reg::FLSHA1CR0 + 8,
                                       reg::FLSHA1CR0 + 12};
constexpr Picoseconds kCommandLimit = 100'000'000'000ull;  // 100 ms for one IP command
constexpr Picoseconds kPollGap = 1'000'000;                // 1 us between busy polls

}  // namespace

DriverTarget driver_target(const chips::ChipProfile& chip, std::size_t index,
                           std::uint64_t clock_base) {
  const chips::FlexspiInstance& inst = chip.flexspi.at(index);
  DriverTarget t;
  t.name = inst.name;
  t.register_base = inst.register_base;
  t.ahb_base = inst.ahb.base;
  t.clock_request = clock_base + 4ull * index;
  t.clock_table_mhz = chip.serial_clk_mhz;
  t.status_group = chip.flexspi_nor_status_group;
  t.ahb_rx_buffers = chip.flexspi_features.ahb_rx_buffers;
  return t;
}

FlexspiNorDriver::FlexspiNorDriver(BusAccess& bus, DriverTarget target)
    : bus_(bus), target_(std::move(target)) {}

void FlexspiNorDriver::note(std::string text) {
  notes_.push_back({bus_.now(), std::move(text)});
}

Picoseconds FlexspiNorDriver::timeout() const {
  if (fcb_ && fcb_->timeout_in_ms) return Picoseconds{fcb_->timeout_in_ms} * 1'000'000'000ull;
  return kForever;
}

// ---- clock, reset, controller configuration (§4.3 steps 1-8) ----

void FlexspiNorDriver::set_clock(unsigned index, bool ddr) {
  if (index == 0) return;  // "no change"
  const auto& table = target_.clock_table_mhz;
  const double mhz = index < table.size() && table[index] ? *table[index] : 0;
  if (mhz <= 0) return;
  // DDR sequences run SCLK at root / 2, so the root is doubled (flashloader clock tables).
  root_mhz_ = ddr ? 2 * mhz : mhz;
  sclk_mhz_ = mhz;
  bus_.write32(target_.clock_request, static_cast<std::uint32_t>(std::lround(root_mhz_ * 1000)));
}

void FlexspiNorDriver::software_reset() {
  wr(reg::MCR0, rd(reg::MCR0) | bits::MCR0_SWRESET);
  const Picoseconds limit = bus_.now() + kCommandLimit;
  while ((rd(reg::MCR0) & bits::MCR0_SWRESET) && bus_.now() < limit) {
  }
}

void FlexspiNorDriver::configure_controller(const image::Fcb& fcb) {
  wr(reg::MCR0, rd(reg::MCR0) & ~bits::MCR0_MDIS);
  software_reset();
  wr(reg::MCR0, rd(reg::MCR0) | bits::MCR0_MDIS);
  // MCR0: RXCLKSRC from the FCB, grant waits 0xFF; combination/FIFO-window modes off.
  std::uint32_t mcr0 = rd(reg::MCR0) & ~(hw::MCR0_AHBGRANTWAIT.mask() |
                                         hw::MCR0_IPGRANTWAIT.mask() | hw::MCR0_RXCLKSRC.mask() |
                                         hw::MCR0_ARDFEN | hw::MCR0_ATDFEN | hw::MCR0_DOZEEN);
  mcr0 |= put(hw::MCR0_RXCLKSRC, fcb.read_sample_clk_src) | put(hw::MCR0_IPGRANTWAIT, 0xFF) |
          put(hw::MCR0_AHBGRANTWAIT, 0xFF);
  wr(reg::MCR0, mcr0);
  // MCR1: SEQWAIT and AHBBUSWAIT = ceil(500 ms / (1024 serial clocks)), at most 0xFFFF.
  const double root_hz = (root_mhz_ > 0 ? root_mhz_ : 30) * 1e6;
  const auto wait =
      static_cast<std::uint32_t>(std::min(65535.0, std::ceil(0.5 * root_hz / 1024.0)));
  wr(reg::MCR1, put(hw::MCR1_SEQWAIT, wait) | put(hw::MCR1_AHBBUSWAIT, wait));
  wr(reg::MCR2, rd(reg::MCR2) & ~hw::MCR2_SAMEDEVICEEN);
  // AHBCR: READADDROPT, PREFETCHEN; APAREN for parallel mode (misc bit 2).
  std::uint32_t ahbcr = rd(reg::AHBCR) | bits::AHBCR_READADDROPT | bits::AHBCR_PREFETCHEN;
  if (fcb.misc(image::Misc::kParallelMode)) ahbcr |= bits::AHBCR_APAREN;
  wr(reg::AHBCR, ahbcr);
  for (unsigned i = 0; i + 1 < target_.ahb_rx_buffers; ++i)
    wr(reg::AHBRXBUF0CR0 + 4 * i, 0);  // every buffer but the last: none
  const std::uint32_t sizes[4] = {fcb.sflash_a1_size, fcb.sflash_a2_size, fcb.sflash_b1_size,
                                  fcb.sflash_b2_size};
  // CSINTERVAL in serial root clock ticks (commandInterval is in ns).
  const auto interval = static_cast<std::uint32_t>(
      std::min(65535.0, std::ceil(fcb.command_interval * root_hz / 1e9)));
  const bool word_addressable = fcb.misc(image::Misc::kWordAddressable);
  unsigned read_seq = 0, write_seq = 9;
  if (fcb.lut_custom_seq_enable) {
    read_seq = fcb.lut_custom_seq[0].seq_id;
    write_seq = fcb.lut_custom_seq[4].seq_id;
  }
  for (unsigned p = 0; p < 4; ++p) {
    wr(kFlshCr0[p], sizes[p] / 1024);
    wr(reg::FLSHA1CR1 + 4 * p,
       put(hw::FLSHCR1_TCSS, fcb.cs_setup_time) | put(hw::FLSHCR1_TCSH, fcb.cs_hold_time) |
           put(hw::FLSHCR1_WA, word_addressable) | put(hw::FLSHCR1_CAS, fcb.column_address_width) |
           put(hw::FLSHCR1_CSINTERVAL, interval));
    wr(reg::FLSHA1CR2 + 4 * p,
       put(hw::FLSHCR2_ARDSEQID, read_seq) | put(hw::FLSHCR2_AWRSEQID, write_seq));
  }
  configure_dll(fcb);
  wr(reg::MCR0, rd(reg::MCR0) & ~bits::MCR0_MDIS);
  software_reset();
}

void FlexspiNorDriver::configure_dll(const image::Fcb& fcb) {
  // boot-reference §5 DLL rule (flashloader and SDK agree).
  const bool ck2 = fcb.misc(image::Misc::kCk2);
  const bool use_valid_time = fcb.misc(image::Misc::kUseValidTimeForAllFreq);
  const std::uint32_t sizes[4] = {fcb.sflash_a1_size, fcb.sflash_a2_size, fcb.sflash_b1_size,
                                  fcb.sflash_b2_size};
  for (unsigned side = 0; side < 2; ++side) {
    if (sizes[2 * side] == 0 && sizes[2 * side + 1] == 0) continue;
    std::uint32_t dll = bits::DLLCR_OVRDEN;  // override, one fixed delay cell (reset value)
    if (fcb.read_sample_clk_src == 3 && !ck2) {
      if (root_mhz_ >= 100 && !use_valid_time) {
        dll = bits::DLLCR_DLLEN | put(hw::DLLCR_SLVDLYTARGET, 0xF);  // half a cycle
      } else {
        const std::uint16_t t = fcb.data_valid_time[side];
        const double ps = t ? t * 100.0 : 1e6 / 133.0 / 2;  // failsafe: half a 133 MHz cycle
        const auto cells = std::min(63u, static_cast<unsigned>(std::ceil(ps / 75.0)));
        dll = bits::DLLCR_OVRDEN | put(hw::DLLCR_OVRDVAL, cells);
      }
    }
    wr(side ? reg::DLLCRB : reg::DLLCRA, dll);
    if (dll & bits::DLLCR_DLLEN) {
      const Picoseconds limit = bus_.now() + kCommandLimit;
      const std::uint32_t lock =
          side ? hw::STS2_BSLVLOCK | hw::STS2_BREFLOCK : hw::STS2_ASLVLOCK | hw::STS2_AREFLOCK;
      while ((rd(reg::STS2) & lock) != lock && bus_.now() < limit) {
      }
    }
  }
}

Status FlexspiNorDriver::init_safe(const chips::RomInitialRead& r) {
  image::Fcb fcb;
  fcb.read_sample_clk_src = static_cast<std::uint8_t>(r.sample_clk_src);
  fcb.cs_hold_time = fcb.cs_setup_time = 3;
  fcb.sflash_a1_size = 16u << 20;
  const unsigned pad = r.pads == 4 ? 2 : r.pads == 2 ? 1 : 0;
  fcb.lookup_table[0] =
      flexspi::encode_lut_word(flexspi::encode_lut_instr(0x01, pad, r.opcode),
                               flexspi::encode_lut_instr(0x02, pad, r.address_bits));
  fcb.lookup_table[1] = flexspi::encode_lut_word(flexspi::encode_lut_instr(0x09, pad, 0x04), 0);
  root_mhz_ = sclk_mhz_ = r.clock_mhz;
  bus_.write32(target_.clock_request, static_cast<std::uint32_t>(std::lround(r.clock_mhz * 1000)));
  note(
      fmt::format("safe configuration: {:.0f} MHz, {} pad, {:02X}h with {}-bit address, "
                  "RXCLKSRC {}",
                  r.clock_mhz, r.pads, r.opcode, r.address_bits, r.sample_clk_src));
  configure_controller(fcb);
  fcb_ = fcb;
  return update_lut(0, &fcb.lookup_table[0], 1);
}

Status FlexspiNorDriver::init(const image::Fcb& fcb) {
  const bool needs_config = fcb.device_mode_cfg_enable || fcb.config_cmd_enable;
  const bool safe_first = needs_config && (fcb.misc(image::Misc::kSafeConfigFreq));
  set_clock(safe_first ? 1 : fcb.serial_clk_freq, fcb.ddr_enabled());
  configure_controller(fcb);
  fcb_ = fcb;
  Status s = update_lut(0, &fcb.lookup_table[0], 1);
  if (s != status::kSuccess) return s;
  if (needs_config) {
    s = run_device_config(fcb);
    if (s != status::kSuccess) return s;
    if (safe_first) {
      set_clock(fcb.serial_clk_freq, fcb.ddr_enabled());
      configure_controller(fcb);
      s = update_lut(0, &fcb.lookup_table[0], 1);
    }
  }
  note(fmt::format("configured from the FCB: SCLK {:.0f} MHz, RXCLKSRC {}", sclk_mhz_,
                   fcb.read_sample_clk_src));
  return s;
}

// ---- device-mode and config commands (§2.1 deviceModeCfg / configCmd, §4.3 step 9) ----

Status FlexspiNorDriver::run_device_config(const image::Fcb& fcb) {
  if (fcb.device_mode_cfg_enable) {
    const Status s = config_command(fcb.device_mode_seq, fcb.device_mode_arg, fcb.device_mode_type);
    if (s != status::kSuccess) return s;
  }
  if (fcb.config_cmd_enable) {
    for (unsigned i = 0; i < 3; ++i) {
      if (fcb.config_cmd_seqs[i].seq_id == 0) continue;
      const Status s =
          config_command(fcb.config_cmd_seqs[i], fcb.config_cmd_args[i], fcb.config_mode_type[i]);
      if (s != status::kSuccess) return s;
    }
  }
  return status::kSuccess;
}

// One device-mode or config command: the SPI write enable (FCB sequence 3: the part is still in
// SPI while it is being switched), the command with its argument, then the FCB's wait time, or a
// busy poll unless the command switches the bus mode (FL flexspi_device_workmode_config).
Status FlexspiNorDriver::config_command(const image::FcbSeq& seq, std::uint32_t arg,
                                        unsigned type) {
  constexpr unsigned kSpiWriteEnableSeq = 3, kSpi2Xpi = 2, kXpi2Spi = 3;
  Status s = send_write_enable(kSpiWriteEnableSeq, 0);
  if (s != status::kSuccess) return s;
  const unsigned num = seq.seq_num ? seq.seq_num : 1;
  s = copy_fcb_sequence(seq.seq_id, num);
  if (s != status::kSuccess) return s;
  const std::uint8_t payload[4] = {
      static_cast<std::uint8_t>(arg), static_cast<std::uint8_t>(arg >> 8),
      static_cast<std::uint8_t>(arg >> 16), static_cast<std::uint8_t>(arg >> 24)};
  note(fmt::format("config command ({}): FCB sequence {} with argument 0x{:08X}",
                   image::device_mode_type_name(type), seq.seq_id, arg));
  s = xfer({XferOp::kConfig, 0, kIpSeq, num, payload, nullptr, 4});
  if (s != status::kSuccess) return s;
  const unsigned wait = fcb_ ? fcb_->wait_time_cfg_commands : 0;
  if (wait || type == kSpi2Xpi || type == kXpi2Spi) {
    bus_.wait(Picoseconds{wait} * 100'000'000ull);
    return status::kSuccess;
  }
  return wait_busy(0);
}

Status FlexspiNorDriver::copy_fcb_sequence(unsigned fcb_seq, unsigned seq_num) {
  if (!fcb_ || fcb_seq + seq_num > 16) return status::kInvalidArgument;
  return update_lut(kIpSeq, &fcb_->lookup_table[4 * fcb_seq], seq_num);
}

Status FlexspiNorDriver::update_lut(unsigned seq_index, const std::uint32_t* words,
                                    unsigned seq_count) {
  if (seq_index + seq_count > 16) return status::kInvalidArgument;
  wr(reg::LUTKEY, hw::kLutKeyValue);
  wr(reg::LUTCR, bits::LUTCR_UNLOCK);
  for (unsigned i = 0; i < 4 * seq_count; ++i)
    wr(reg::LUT0 + 4 * (4 * seq_index + i), words[i]);
  wr(reg::LUTKEY, hw::kLutKeyValue);
  wr(reg::LUTCR, bits::LUTCR_LOCK);
  return status::kSuccess;
}

// ---- IP transfers (§4.3 step 10) ----

bool FlexspiNorDriver::wait_idle(Picoseconds limit) {
  while ((rd(reg::STS0) & (bits::STS0_SEQIDLE | bits::STS0_ARBIDLE)) !=
         (bits::STS0_SEQIDLE | bits::STS0_ARBIDLE)) {
    if (bus_.now() > limit) return false;
  }
  return true;
}

Status FlexspiNorDriver::xfer(const Xfer& x) {
  const Picoseconds limit = bus_.now() + kCommandLimit + x.size * 1'000'000ull;
  if (!wait_idle(limit)) return status::kFlexspiSequenceTimeout;
  for (unsigned p = 0; p < 4; ++p)
    wr(reg::FLSHA1CR2 + 4 * p, rd(reg::FLSHA1CR2 + 4 * p) | bits::FLSHCR2_CLRINSTRPTR);
  wr(reg::INTR, kErrorBits);
  wr(reg::IPCR0, x.address);
  const bool reads = x.op == XferOp::kRead;
  const bool half_clock = !reads && fcb_ && fcb_->half_clk_for_non_read_cmd;
  if (half_clock) wr(reg::MCR0, rd(reg::MCR0) | bits::MCR0_HSEN);
  wr(reg::IPCR1, put(hw::IPCR1_IDATSZ, static_cast<std::uint32_t>(x.size)) |
                     put(hw::IPCR1_ISEQID, x.seq_id) | put(hw::IPCR1_ISEQNUM, x.seq_num - 1));
  Status s = status::kSuccess;
  if (reads) {
    wr(reg::IPRXFCR, put(hw::IPRXFCR_RXWMRK, kFifoWatermarkBytes / 8 - 1) | hw::IPRXFCR_CLRIPRXF);
    wr(reg::IPCMD, bits::IPCMD_TRG);
    s = drain_rx(x.rx, x.size);
  } else if (x.size) {
    wr(reg::IPTXFCR, put(hw::IPTXFCR_TXWMRK, kFifoWatermarkBytes / 8 - 1) | hw::IPTXFCR_CLRIPTXF);
    s = fill_tx(x.tx, x.size);
  } else {
    wr(reg::IPCMD, bits::IPCMD_TRG);
  }
  std::uint32_t intr = 0;
  while (s == status::kSuccess &&
         !((intr = rd(reg::INTR)) & (bits::INTR_IPCMDDONE | bits::INTR_IPCMDERR))) {
    if (bus_.now() > limit) s = status::kFlexspiSequenceTimeout;
  }
  if (s == status::kSuccess && !wait_idle(limit)) s = status::kFlexspiSequenceTimeout;
  if (half_clock) wr(reg::MCR0, rd(reg::MCR0) & ~bits::MCR0_HSEN);
  return s == status::kSuccess ? finish(rd(reg::INTR)) : s;
}

Status FlexspiNorDriver::finish(std::uint32_t intr) {
  if (!(intr & (bits::INTR_IPCMDERR | bits::INTR_IPCMDGE | bits::INTR_SEQTIMEOUT)))
    return status::kSuccess;
  const std::uint32_t sts1 = rd(reg::STS1);
  wr(reg::INTR, kErrorBits);
  const unsigned code = get(sts1, hw::STS1_IPCMDERRCODE);
  note(fmt::format("IP command failed: STS1 0x{:08X} ({})", sts1,
                   flexspi::seqerr::describe(static_cast<std::uint8_t>(code))));
  if (code == flexspi::seqerr::kTimeout || (intr & bits::INTR_SEQTIMEOUT))
    return status::kFlexspiSequenceTimeout;
  return status::kFlexspiInvalidSequence;
}

Status FlexspiNorDriver::drain_rx(std::uint8_t* out, std::size_t len) {
  std::size_t done = 0;
  const Picoseconds limit = bus_.now() + kCommandLimit + len * 1'000'000ull;
  while (done < len) {
    const std::size_t remaining = len - done;
    const std::uint32_t intr = rd(reg::INTR);
    if (intr & (bits::INTR_IPCMDERR | bits::INTR_SEQTIMEOUT)) return finish(intr);
    std::size_t chunk = 0;
    if (remaining >= kFifoWatermarkBytes) {
      if (intr & bits::INTR_IPRXWA) chunk = kFifoWatermarkBytes;
    } else if (get(rd(reg::IPRXFSTS), hw::IPRXFSTS_FILL) * 8 >= remaining) {
      chunk = remaining;
    }
    if (chunk == 0) {
      if (bus_.now() > limit) return status::kFlexspiSequenceTimeout;
      continue;
    }
    for (std::size_t i = 0; i < chunk; i += 4) {
      const std::uint32_t w = rd(reg::RFDR0 + static_cast<std::uint32_t>(i));
      for (std::size_t b = 0; b < 4 && i + b < chunk; ++b)
        if (out) out[done + i + b] = static_cast<std::uint8_t>(w >> (8 * b));
    }
    wr(reg::INTR, bits::INTR_IPRXWA);  // pop
    done += chunk;
  }
  return status::kSuccess;
}

Status FlexspiNorDriver::fill_tx(const std::uint8_t* data, std::size_t len) {
  std::size_t done = 0;
  bool triggered = false;
  const Picoseconds limit = bus_.now() + kCommandLimit + len * 1'000'000ull;
  while (done < len) {
    const std::uint32_t intr = rd(reg::INTR);
    if (intr & (bits::INTR_IPCMDERR | bits::INTR_SEQTIMEOUT)) return finish(intr);
    if (!(intr & bits::INTR_IPTXWE)) {
      if (bus_.now() > limit) return status::kFlexspiSequenceTimeout;
      continue;
    }
    const std::size_t chunk = std::min<std::size_t>(kFifoWatermarkBytes, len - done);
    for (std::size_t i = 0; i < chunk; i += 4) {
      std::uint32_t w = 0;
      for (std::size_t b = 0; b < 4 && i + b < chunk; ++b)
        w |= static_cast<std::uint32_t>(data[done + i + b]) << (8 * b);
      wr(reg::TFDR0 + static_cast<std::uint32_t>(i), w);
    }
    wr(reg::INTR, bits::INTR_IPTXWE);  // push
    done += chunk;
    if (!triggered) {
      wr(reg::IPCMD, bits::IPCMD_TRG);
      triggered = true;
    }
  }
  return status::kSuccess;
}

Status FlexspiNorDriver::read(std::uint32_t address, std::uint8_t* out, std::size_t len) {
  if (fcb_ && fcb_->lut_custom_seq_enable) copy_fcb_sequence(fcb_->lut_custom_seq[0].seq_id, 1);
  const unsigned seq = fcb_ && fcb_->lut_custom_seq_enable ? kIpSeq : 0;
  std::size_t done = 0;
  while (done < len) {
    const std::size_t chunk = std::min(len - done, kMaxIpBytes);
    const Status s = xfer({XferOp::kRead, address + static_cast<std::uint32_t>(done), seq, 1,
                           nullptr, out + done, chunk});
    if (s != status::kSuccess) return s;
    done += chunk;
  }
  return status::kSuccess;
}

// ---- NOR operations: write enable, busy wait, erase, program ----

Status FlexspiNorDriver::write_enable(std::uint32_t address) {
  const unsigned seq = fcb_ && fcb_->serial_nor_type == 2 ? 4 : 3;  // XPI variant in seq 4
  return send_write_enable(seq, address);
}

Status FlexspiNorDriver::send_write_enable(unsigned seq, std::uint32_t address) {
  Status s = copy_fcb_sequence(seq, 1);
  if (s != status::kSuccess) return s;
  return xfer({XferOp::kCommand, address, kIpSeq, 1, nullptr, nullptr, 0});
}

Status FlexspiNorDriver::wait_busy(std::uint32_t address) {
  if (!fcb_) return status::kInvalidArgument;
  const unsigned seq = fcb_->serial_nor_type == 2 ? 2 : 1;
  const Picoseconds limit = bus_.now() + timeout();
  for (;;) {
    Status s = copy_fcb_sequence(seq, 1);
    std::uint8_t sr[4] = {0, 0, 0, 0};
    if (s == status::kSuccess)
      s = xfer({XferOp::kRead, address, kIpSeq, 1, nullptr, sr, sizeof sr});
    if (s != status::kSuccess) return s;
    const std::uint32_t v =
        sr[0] | sr[1] << 8 | sr[2] << 16 | static_cast<std::uint32_t>(sr[3]) << 24;
    const bool bit = (v >> (fcb_->busy_offset & 31u)) & 1u;
    const bool busy = fcb_->busy_bit_polarity ? !bit : bit;
    if (!busy) return status::kSuccess;
    if (bus_.now() > limit) return nor(status::kWaitTimeout);
    bus_.wait(kPollGap);
  }
}

Status FlexspiNorDriver::erase(std::uint32_t address, std::uint32_t length) {
  if (!fcb_ || fcb_->sector_size == 0) return status::kInvalidArgument;
  const std::uint32_t sector = fcb_->sector_size;
  const std::uint32_t end = address + length;
  for (std::uint32_t a = address - address % sector; a < end; a += sector) {
    Status s = write_enable(a);
    if (s == status::kSuccess) s = copy_fcb_sequence(5, 1);
    if (s == status::kSuccess) s = xfer({XferOp::kCommand, a, kIpSeq, 1, nullptr, nullptr, 0});
    if (s == status::kSuccess) s = wait_busy(a);
    if (s != status::kSuccess)
      return s == nor(status::kWaitTimeout) ? s : nor(status::kEraseSectorFail);
  }
  clear_cache();
  return status::kSuccess;
}

Status FlexspiNorDriver::page_program(std::uint32_t address, const std::uint8_t* data,
                                      std::size_t len) {
  if (!fcb_ || fcb_->page_size == 0) return status::kInvalidArgument;
  if (address % fcb_->page_size + len > fcb_->page_size) return nor(status::kWriteAlignmentError);
  Status s = write_enable(address);
  if (s == status::kSuccess) s = copy_fcb_sequence(9, 1);
  if (s == status::kSuccess) s = xfer({XferOp::kWrite, address, kIpSeq, 1, data, nullptr, len});
  if (s == status::kSuccess) s = wait_busy(address);
  if (s != status::kSuccess) return s == nor(status::kWaitTimeout) ? s : nor(status::kProgramFail);
  clear_cache();
  return status::kSuccess;
}

void FlexspiNorDriver::clear_cache() {
  software_reset();
}

bool FlexspiNorDriver::ahb_read(std::uint64_t offset, std::uint8_t* out, std::size_t len) {
  return bus_.read(target_.ahb_base + offset, out, len);
}

}  // namespace xipsim::nor_driver
