// FCB checks: presence at the chip's offset, fields against the chip's limits, read sequence
// against the FCB's own settings and (with --flash) against the part.
#include <fmt/format.h>

#include <algorithm>

#include "describe.h"
#include "inspect_internal.h"

namespace xipsim::image::detail {

namespace {

std::string chips_with_fcb_at(const chips::ChipCatalog& catalog, std::uint32_t off) {
  std::string s;
  for (const auto& c : catalog.all()) {
    if (c.fcb_offset == off && c.supported) s += (s.empty() ? "" : ", ") + c.name;
  }
  return s;
}

bool is_4byte_read_opcode(std::uint8_t op) {
  // 4-byte-address read opcodes (flash-parts.md common.four_byte_opcodes; octal 0xEE)
  return op == 0x13 || op == 0x0C || op == 0x3C || op == 0xBC || op == 0x6C || op == 0xEC ||
         op == 0xEE;
}
bool is_3byte_read_opcode(std::uint8_t op) {
  return op == 0x03 || op == 0x0B || op == 0x3B || op == 0xBB || op == 0x6B || op == 0xEB;
}

struct ReadSeqFacts {
  std::optional<std::uint8_t> opcode;
  unsigned cmd_pads = 1;
  unsigned addr_bits = 0, addr_pads = 0, read_pads = 0, wait_cycles = 0, mode_cycles = 0,
           dummy_cycles = 0;
  bool has_read = false, has_ddr = false, has_sdr_dummy = false, has_ddr_dummy = false,
       has_jmp = false;
  std::vector<std::string> unknown;
};

ReadSeqFacts analyse_read(const LutSequence& seq) {
  ReadSeqFacts f;
  for (const auto& i : executed_part(seq)) {
    if (!i.known()) {
      f.unknown.push_back(i.name());
      continue;
    }
    if (i.is_ddr()) f.has_ddr = true;
    switch (i.base_op()) {
      case lut_op::kCmdSdr:
        if (!f.opcode) {
          f.opcode = i.operand;
          f.cmd_pads = i.pads();
        }
        break;
      case lut_op::kRaddrSdr:
        f.addr_bits = i.operand;
        f.addr_pads = i.pads();
        break;
      case lut_op::kMode1Sdr:
      case lut_op::kMode2Sdr:
      case lut_op::kMode4Sdr:
      case lut_op::kMode8Sdr: {
        static const unsigned bits[] = {1, 2, 4, 8};
        const unsigned b = bits[i.base_op() - lut_op::kMode1Sdr];
        f.mode_cycles += std::max(1u, b / i.pads());
        break;
      }
      case lut_op::kDummySdr:
      case lut_op::kDummyRwdsSdr:
        (i.is_ddr() ? f.has_ddr_dummy : f.has_sdr_dummy) = true;
        f.dummy_cycles += i.operand;
        break;
      case lut_op::kReadSdr:
        f.has_read = true;
        f.read_pads = i.pads();
        break;
      case lut_op::kJmpOnCs:
        f.has_jmp = true;
        break;
      default:
        break;
    }
  }
  f.wait_cycles = f.mode_cycles + f.dummy_cycles;
  return f;
}

void check_clock_and_sample(const Fcb& fcb, const chips::ChipProfile& chip,
                            const FlashPartFacts* part, InspectReport& r) {
  const unsigned src = fcb.read_sample_clk_src;
  const auto mhz = chip.clock_mhz(fcb.serial_clk_freq);
  if (fcb.serial_clk_freq < chip.serial_clk_mhz.size() && !mhz) {
    r.add("FCB-CLK-INDEX", Severity::kInfo,
          fmt::format("serialClkFreq 0: the ROM keeps its safe clock ({:.0f} MHz)",
                      chip.rom_initial_read.clock_mhz));
  }
  const double f = mhz.value_or(chip.rom_initial_read.clock_mhz);
  if (src > 3) return;  // refused with the other FCB fields (rom_rules::fcb_fields)
  if (report(r, rom_rules::read_strobe(fcb, chip,
                                       part ? std::optional<bool>(part->has_dqs) : std::nullopt)))
    return;
  const double limit = src == 0   ? chip.sample_clock.internal_loopback_mhz
                       : src == 1 ? chip.sample_clock.dqs_pad_loopback_mhz
                       : src == 2 ? chip.sample_clock.sck_pad_loopback_mhz.value_or(0)
                                  : chip.sample_clock.flash_dqs_mhz;
  if (f > limit) {
    r.add("FCB-SAMPLE-CLK-LIMIT", Severity::kWarning,
          fmt::format("readSampleClkSrc {} ({}) at {:.0f} MHz is above the {:.0f} MHz this mode "
                      "is known to sample reliably at on {}: reads after the ROM reconfigures "
                      "depend on the board's margins{}",
                      src, sample_clk_src_name(src), f, limit, chip.name,
                      src == 0 ? fmt::format("; use readSampleClkSrc 1 with the DQS pad left "
                                             "floating, or serialClkFreq <= {:.0f} MHz",
                                             limit)
                               : ""));
  }
  if (src == 1) {
    r.add("FCB-DQS-PAD", Severity::kInfo,
          fmt::format("readSampleClkSrc 1 at {:.0f} MHz: the FlexSPI DQS pad must stay unconnected "
                      "(floating); a DQS pin wired to another net skews the sample clock (field "
                      "failure F04)",
                      f));
  } else if (src == 2) {
    r.add("FCB-SCK-PAD", Severity::kInfo,
          fmt::format("readSampleClkSrc 2 at {:.0f} MHz: the read strobe is SCLK looped back at "
                      "its own pad, so the DQS pad is free for other use ({})",
                      f, chip.sample_clock.sck_pad_loopback_note));
  } else if (src == 3 && !part && fcb.sflash_pad_type <= 4 && fcb.device_type <= 1) {
    r.add("FCB-MODE3-QSPI", Severity::kWarning,
          fmt::format("readSampleClkSrc 3 (flash-provided DQS) with a {}-pad serial NOR: a quad "
                      "SPI NOR drives no read strobe and the boot fails unless the part is an "
                      "octal or HyperBus device (pass --flash to decide)",
                      fcb.sflash_pad_type));
  }
}

void check_sizes(const Fcb& fcb, const chips::ChipProfile& chip, const FlashPartFacts* part,
                 InspectReport& r) {
  const chips::FlexspiInstance* inst = chip.boot_instance();
  const std::uint64_t window = inst ? inst->ahb.size : 0x10000000;
  if (report(r, rom_rules::ahb_range(fcb, 0, chip.initial_load_size, "the ROM's initial load",
                                     "initial_load")))
    return;
  if (fcb.sflash_a1_size > window) {
    r.add("FCB-A1-WINDOW", Severity::kWarning,
          fmt::format("sflashA1Size {:#x} ({} MiB) is larger than the {} MiB FlexSPI window: the "
                      "part beyond the window is not reachable by AHB reads",
                      fcb.sflash_a1_size, fcb.sflash_a1_size >> 20, window >> 20));
  }
  if (r.flash.end() > fcb.sflash_a1_size) {
    r.add("FCB-A1-SMALL", Severity::kWarning,
          fmt::format("the image reaches flash offset {:#x} but sflashA1Size is {:#x}: the ROM "
                      "boots, but code and data beyond the declared size are not reachable "
                      "through the AHB window",
                      r.flash.end(), fcb.sflash_a1_size));
  }
  if (fcb.sflash_b1_size || fcb.sflash_a2_size || fcb.sflash_b2_size) {
    r.add("FCB-OTHER-PORTS", Severity::kInfo,
          fmt::format("FCB also declares A2 {:#x}, B1 {:#x}, B2 {:#x}; the ROM boots from A1",
                      fcb.sflash_a2_size, fcb.sflash_b1_size, fcb.sflash_b2_size));
  }
  if (part && fcb.sflash_a1_size > part->size_bytes) {
    r.add("FCB-FLASH-SIZE", Severity::kWarning,
          fmt::format("sflashA1Size {:#x} is larger than {} ({:#x} bytes): addresses above the "
                      "part's size wrap",
                      fcb.sflash_a1_size, part->name, part->size_bytes));
  }
}

// Address width against the opcode: 4-byte opcodes with 24-bit RADDR and the reverse.
void check_address_width(const Fcb& fcb, const ReadSeqFacts& f, const FlashPartFacts* part,
                         InspectReport& r) {
  if (!f.opcode || !f.addr_bits) return;
  const std::uint8_t op = *f.opcode;
  if (f.addr_bits == 24 && fcb.sflash_a1_size > (16u << 20)) {
    r.add("FCB-READ-3BYTE-LARGE", Severity::kWarning,
          fmt::format("read sends 24-bit addresses but sflashA1Size is {} MiB: addresses wrap at "
                      "16 MiB, so code above 16 MiB reads back the bottom of flash (field "
                      "failure F06); use a 4-byte read opcode (13h/0Ch/ECh) with RADDR 32",
                      fcb.sflash_a1_size >> 20));
  }
  if (is_4byte_read_opcode(op) && f.addr_bits == 24 && fcb.device_type <= 1 &&
      fcb.sflash_pad_type <= 4) {
    // With --flash the part's own read table decides (FCB-FLASH-DUMMY/OPCODE).
    r.add("FCB-READ-OPCODE-WIDTH", part ? Severity::kInfo : Severity::kWarning,
          fmt::format("read opcode {:#04x} takes a 4-byte address but RADDR sends 24 bits: a "
                      "part that knows {:#04x} waits for 8 more address bits and returns "
                      "shifted data",
                      op, op));
  }
  if (is_3byte_read_opcode(op) && f.addr_bits == 32) {
    r.add("FCB-READ-OPCODE-WIDTH", Severity::kWarning,
          fmt::format("read opcode {:#04x} with a 32-bit RADDR works only while the part is in "
                      "4-byte address mode (after B7h); after a power cycle it expects 3 address "
                      "bytes",
                      op));
  }
}

// With --flash: does the part know the read, with this many wait cycles and address bits, and
// is QE set for a quad read?
void check_read_against_part(const Fcb& fcb, const ReadSeqFacts& f, const FlashPartFacts& part,
                             InspectReport& r) {
  const bool octal = f.cmd_pads == 8;
  const auto it =
      std::find_if(part.reads.begin(), part.reads.end(), [&](const FlashPartFacts::Read& rd) {
        return rd.opcode == *f.opcode && (rd.cmd_pads == 8) == octal &&
               (!octal || rd.dtr == f.has_ddr);
      });
  if (it == part.reads.end()) {
    report(r, rom_rules::Refusal{"FCB-FLASH-OPCODE", "ivt", rom_rules::Effect::kStop,
                                 fmt::format("{} has no read command {:#04x}: the part ignores "
                                             "it, the data lines float and the ROM reads no IVT",
                                             part.name, *f.opcode)});
    return;
  }
  const bool configured = fcb.device_mode_cfg_enable || fcb.config_cmd_enable;
  if (octal && part.octal_powers_up_in_spi && !configured) {
    // With the flash's DQS as sample clock the read after reconfiguration never gets a strobe.
    report(r, rom_rules::Refusal{
                  "FCB-FLASH-OPI", fcb.read_sample_clk_src == 3 ? "initial_load" : "ivt",
                  rom_rules::Effect::kStop,
                  fmt::format("{} powers up in SPI and this FCB never switches it to OPI "
                              "(deviceModeCfgEnable = 0, configCmdEnable = 0): the octal read "
                              "{:#04x} is not decoded and the ROM reads no IVT",
                              part.name, *f.opcode)});
    return;
  }
  // DUMMY_DDR counts half clocks: an OPI DTR part's dummy clocks are twice as many slots.
  const unsigned want = (it->mode_cycles + it->dummy_cycles) * (octal && it->dtr ? 2 : 1);
  const unsigned addr_want = it->addr_bits ? it->addr_bits : f.addr_bits;
  if (want != f.wait_cycles || addr_want != f.addr_bits) {
    const std::string what =
        addr_want != f.addr_bits
            ? fmt::format("{} read {:#04x} takes a {}-bit address, the LUT sends {} bits",
                          part.name, *f.opcode, addr_want, f.addr_bits)
            : fmt::format(
                  "{} read {:#04x} needs {} mode+dummy cycles at its power-on setting, "
                  "the LUT gives {} ({} mode + {} dummy)",
                  part.name, *f.opcode, want, f.wait_cycles, f.mode_cycles, f.dummy_cycles);
    // Config commands may change the part's dummy cycles: then this is only a warning.
    const rom_rules::Refusal shifted{
        "FCB-FLASH-DUMMY", "ivt", rom_rules::Effect::kStop,
        what + ": every byte read is shifted and the ROM reads no IVT" +
            (configured ? " (unless the FCB's config commands change the part's setting)" : "")};
    if (configured)
      r.add(shifted.id, Severity::kWarning, shifted.message);
    else
      report(r, shifted);
  }
  const bool quad = it->data_pads == 4 || it->addr_pads == 4;
  if (quad && part.qe_clear_at_power_on && !configured) {
    r.add("FCB-FLASH-QE", Severity::kWarning,
          fmt::format("{} ships with QE clear and this FCB never sets it (deviceModeCfgEnable = "
                      "0, configCmdEnable = 0): the quad read {:#04x} is not decoded and the ROM "
                      "reads the idle bus, unless something has set QE in the part's "
                      "non-volatile status register beforehand",
                      part.name, *f.opcode));
  }
}

void check_read_sequence(const Fcb& fcb, const FlashPartFacts* part, InspectReport& r) {
  const unsigned seq_index = rom_rules::read_sequence_index(fcb);
  const LutSequence seq = fcb.sequence(seq_index);
  const ReadSeqFacts f = analyse_read(seq);
  if (seq[0].opcode != lut_op::kStop)
    r.add("FCB-READ-SEQ", Severity::kInfo,
          fmt::format("read sequence (LUT {}): {}", seq_index, disassemble(seq)));
  if (report(r, rom_rules::read_sequence(fcb))) return;
  const unsigned pads = fcb.sflash_pad_type;
  if (pads != 1 && pads != 2 && pads != 4 && pads != 8) {
    r.add("FCB-PAD-TYPE", Severity::kWarning,
          fmt::format("sflashPadType {} is not 1, 2, 4 or 8: the ROM's pin setup for the data "
                      "pads is undefined",
                      pads));
  } else if (f.read_pads > pads || f.addr_pads > pads) {
    // Pad muxing is not modelled (docs/board-model.md): the simulated boot reads all lines.
    r.add("FCB-READ-PADS", Severity::kWarning,
          fmt::format("read sequence uses {} pads but sflashPadType is {}: on silicon the extra "
                      "data lines may not be muxed to FlexSPI (xipsim does not model pad muxing)",
                      std::max(f.read_pads, f.addr_pads), pads));
  }
  if (f.has_ddr && !fcb.ddr_enabled()) {
    r.add("FCB-DDR-FLAG", Severity::kWarning,
          "read sequence uses DDR instructions but controllerMiscOption bit 6 (DDR mode) is clear");
  }
  check_address_width(fcb, f, part, r);
  if (part && !part->hyperbus && f.opcode) check_read_against_part(fcb, f, *part, r);
}

}  // namespace

// With --flash: does the part answer the read the ROM takes the FCB with (FLASH_TYPE)?
bool check_safe_read(const chips::ChipProfile& chip, const FlashPartFacts& part,
                     std::uint32_t boot_cfg, InspectReport& r) {
  const unsigned type = rom_rules::flash_type(chip, boot_cfg);
  const rom_rules::SafeRead read = rom_rules::safe_read(chip, type);
  const bool answers = part.answers_spi_read(read.opcode, read.address_bits);
  return report(r,
                rom_rules::safe_read_reaches_part(read, type, part.hyperbus, answers, part.name));
}

void check_fcb(const chips::ChipProfile& chip, const chips::ChipCatalog& catalog,
               const FlashPartFacts* part, std::uint32_t boot_cfg, InspectReport& r) {
  const std::uint32_t off = chip.fcb_offset, other = off == 0 ? 0x400 : 0;
  if (part) check_safe_read(chip, *part, boot_cfg, r);
  const auto here = r.flash.read(off, kFcbSize);
  if (rom_rules::fcb_tag(here.data(), here.size(), chip)) {
    const auto there = r.flash.read(other, kFcbSize);
    if (has_fcb_tag(there.data(), there.size())) {
      r.fcb_offset = other;
      r.fcb = decode_fcb(there.data(), there.size());
      r.add("FCB-WRONG-OFFSET", Severity::kError,
            fmt::format("no FCB at flash offset {:#05x}, where the {} ROM reads it; a valid FCB "
                        "sits at {:#05x}, the "
                        "offset {} use{}. Move it to {:#05x} (field failure F02)",
                        off, chip.name, other, chips_with_fcb_at(catalog, other),
                        chips_with_fcb_at(catalog, other).find(',') == std::string::npos ? "s" : "",
                        off));
    } else {
      r.add("FCB-MISSING", Severity::kError,
            fmt::format("no FlexSPI NOR configuration block (tag 'FCFB') at flash offset {:#05x}; "
                        "found {}. The ROM "
                        "cannot configure the flash and falls back to the serial downloader (field "
                        "failure F01)",
                        off, describe_location(r.flash, off, 16, chip)));
    }
    return;
  }
  r.fcb_offset = off;
  r.fcb = decode_fcb(here.data(), here.size());
  if (!r.flash.covered(off, kFcbSize)) {
    r.add("FCB-TRUNCATED", Severity::kWarning,
          "the FCB is cut short: the file ends (or has a gap) inside the 512-byte block, the rest "
          "reads as erased flash (0xFF), and the ROM takes those bytes as they are");
  }
  const Fcb& fcb = *r.fcb;
  if ((fcb.version >> 24) != 'V' || ((fcb.version >> 16) & 0xFF) != 1) {
    r.add("FCB-VERSION", Severity::kWarning,
          fmt::format("FCB version word {:#010x} is not 'V' 1.x (SDK writes 0x56010400)",
                      fcb.version));
  }
  if (fcb.device_type == 0) {
    r.add("FCB-DEVICE-TYPE", Severity::kInfo,
          "deviceType 0: taken as serial NOR, as the ROM does (MCUBootUtility's EVK images carry "
          "0 and boot)");
  }
  report(r, rom_rules::fcb_fields(fcb, chip));
  check_clock_and_sample(fcb, chip, part, r);
  check_sizes(fcb, chip, part, r);
  check_read_sequence(fcb, part, r);
  if (fcb.page_size == 0 || (fcb.page_size & (fcb.page_size - 1)) || fcb.sector_size == 0 ||
      (fcb.sector_size & (fcb.sector_size - 1))) {
    r.add("FCB-GEOMETRY", Severity::kWarning,
          fmt::format("pageSize {} / sectorSize {} are not powers of two: ROM-API program/erase "
                      "will misbehave",
                      fcb.page_size, fcb.sector_size));
  }
}

}  // namespace xipsim::image::detail
