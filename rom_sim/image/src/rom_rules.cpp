// The ROM's rule book (see rom_rules.h). Each rule cites where it comes from; the ones that are
// guesses say so and name the alternative (docs/boot-rom.md "Rule book").
#include "xipsim/image/rom_rules.h"

#include <fmt/format.h>

#include "xipsim/core/hex.h"

namespace xipsim::image::rom_rules {

namespace {

Refusal stop(const char* id, const char* step, std::string message) {
  return Refusal{id, step, Effect::kStop, std::move(message)};
}
Refusal hab_event(const char* id, const char* step, std::string message) {
  return Refusal{id, step, Effect::kHabEvent, std::move(message)};
}

std::uint64_t total_flash_size(const Fcb& fcb) {
  return std::uint64_t{fcb.sflash_a1_size} + fcb.sflash_a2_size + fcb.sflash_b1_size +
         fcb.sflash_b2_size;
}

}  // namespace

unsigned flash_type(const chips::ChipProfile& chip, std::uint32_t boot_cfg) {
  const auto& ft = chip.boot_control.flash_type;
  return ft ? ft->from(boot_cfg) : 0;
}

// Macronix octal DDR (100) is an open conflict (docs/boot-rom.md "FLASH_TYPE 100"): no source
// gives the ROM's first read. Decision: a 1-pad 13h read with a 32-bit address at the safe clock,
// the one read a Macronix octal part (MX25UM51345G) decodes at power-on, where it is in SPI with
// 4-byte addressing; the FCB's device-mode sequence then switches the part to OPI. The
// alternative (the ROM writes CR2 itself and reads the FCB with EEh/11h) would boot the same
// images and differ only for an FCB that never switches the part. Micron octal (101) stays not
// modelled; 111 (QuadSPI on the secondary pin group) reads as 000, pin muxing not being modelled.
SafeRead safe_read(const chips::ChipProfile& chip, unsigned flash_type) {
  constexpr unsigned kFourByte = 1, kHyper18 = 2, kHyper33 = 3, kMacronixOctal = 4,
                     kSecondaryPins = 7;
  SafeRead r;
  r.opcode = chip.rom_initial_read.opcode;
  r.address_bits = chip.rom_initial_read.address_bits;
  if (flash_type == kFourByte || flash_type == kMacronixOctal) {
    r.opcode = 0x13;
    r.address_bits = 32;
  } else if (flash_type == kHyper18 || flash_type == kHyper33) {
    r.protocol = SafeRead::Protocol::kHyperBus;
  } else if (flash_type != 0 && flash_type != kSecondaryPins) {
    r.protocol = SafeRead::Protocol::kNotModelled;
  }
  return r;
}

Decision safe_read_reaches_part(const SafeRead& read, unsigned flash_type, bool hyperbus_part,
                                bool part_decodes, const std::string& part_name) {
  using P = SafeRead::Protocol;
  if (read.protocol == P::kNotModelled) return std::nullopt;  // the ROM model reports it
  const bool hyper_read = read.protocol == P::kHyperBus;
  if (hyper_read == hyperbus_part && (hyper_read || part_decodes)) return std::nullopt;
  const std::string how = hyper_read ? "HyperBus command-address reads"
                                     : fmt::format("a 1-pad {:02X}h read with a {}-bit address",
                                                   read.opcode, read.address_bits);
  return stop("FCB-SAFE-READ", "fcb",
              fmt::format("with FLASH_TYPE {} the ROM reads the FCB with {}, which {} does not "
                          "answer at power-on: the ROM finds no FCB. Set FLASH_TYPE to match the "
                          "part (boot pins BOOT_CFG, or fuse 0x450; xipsim --boot-cfg)",
                          flash_type, how, part_name));
}

unsigned read_sequence_index(const Fcb& fcb) {
  if (fcb.lut_custom_seq_enable) return fcb.lut_custom_seq[0].seq_id & 0xFu;
  return 0;
}

Decision fcb_tag(const std::uint8_t* raw, std::size_t available, const chips::ChipProfile& chip) {
  if (has_fcb_tag(raw, available)) return std::nullopt;  // §2.1: init aborts on a wrong tag ✔
  if (available < 4)
    return stop("FCB-MISSING", "fcb",
                fmt::format("no FCB at flash offset 0x{:03X}: nothing could be read there",
                            chip.fcb_offset));
  return stop("FCB-MISSING", "fcb",
              fmt::format("no FCB at flash offset 0x{:03X}: the first word is "
                          "0x{:02X}{:02X}{:02X}{:02X}, not the tag 'FCFB' (0x42464346)",
                          chip.fcb_offset, raw[3], raw[2], raw[1], raw[0]));
}

Decision fcb_sample_source(unsigned src) {
  // The flashloader's flexspi_init returns kStatus_InvalidArgument for a readSampleClkSrc above
  // 3 (ExternalInputFromDqsPad); assumed the same in the ROM (its code is not public).
  if (src <= 3) return std::nullopt;
  return stop("FCB-SAMPLE-CLK", "flexspi_config",
              fmt::format("readSampleClkSrc {} is not a sample clock source (0 internal loopback, "
                          "1 loopback from the DQS pad, 2 loopback from the SCK pad, 3 "
                          "flash-provided DQS): the ROM's FlexSPI init refuses it",
                          src));
}

Decision fcb_fields(const Fcb& fcb, const chips::ChipProfile& chip) {
  // deviceType 1 is serial NOR (§2.1). MCUBootUtility's EVK images carry 0 and boot on EVKs,
  // so the ROM takes 0 as serial NOR too; NAND, RAM and multi-chip types are not a NOR boot.
  if (fcb.device_type > 1)
    return stop("FCB-DEVICE-TYPE", "flexspi_config",
                fmt::format("deviceType {} is not serial NOR (1): this FCB describes a {} device, "
                            "and the NOR boot does not configure it",
                            fcb.device_type,
                            fcb.device_type == 2   ? "serial NAND"
                            : fcb.device_type == 3 ? "serial RAM"
                                                   : "multi-chip or unknown"));
  if (Decision d = fcb_sample_source(fcb.read_sample_clk_src)) return d;
  // The ROM sets the clock from its own table; an index past it has no clock (§2.4).
  if (fcb.serial_clk_freq >= chip.serial_clk_mhz.size())
    return stop("FCB-CLK-INDEX", "flexspi_config",
                fmt::format("serialClkFreq index {} is not in {}'s clock table (valid 0-{})",
                            fcb.serial_clk_freq, chip.name, chip.serial_clk_mhz.size() - 1));
  // The version word is not checked: the SDK writes 0x56010400, Teensy 0x56010000, and no
  // source names a range the ROM refuses (§2.1 ⚠). Inspect warns on a word that is not 'V' 1.x.
  return std::nullopt;
}

Decision read_sequence(const Fcb& fcb) {
  const unsigned index = read_sequence_index(fcb);
  const LutSequence seq = fcb.sequence(index);
  bool ddr = false, has_read = false;
  for (const LutInstr& in : executed_part(seq)) {
    const std::uint8_t base = in.base_op();
    if (in.is_ddr() && base != lut_op::kDummySdr && base != lut_op::kDummyRwdsSdr) ddr = true;
    if (base == lut_op::kReadSdr) has_read = true;
  }
  // §4.1 STS1 codes: the FlexSPI refuses the sequence before it runs, the AHB read fails.
  for (const LutInstr& in : executed_part(seq)) {
    const std::uint8_t base = in.base_op();
    if (!in.known())
      return stop("FCB-LUT-UNKNOWN", "initial_load",
                  fmt::format("read sequence (LUT {}) contains {}: the FlexSPI rejects it (STS1 "
                              "error code 0x3) and every AHB read of the flash fails",
                              index, in.name()));
    if ((base == lut_op::kDummySdr || base == lut_op::kDummyRwdsSdr) && ddr != in.is_ddr())
      return stop(
          "FCB-LUT-DUMMY-MIX", "initial_load",
          fmt::format("read sequence (LUT {}) {}: the FlexSPI rejects it (STS1 error "
                      "code {})",
                      index,
                      ddr ? "mixes DDR instructions with DUMMY_SDR" : "is SDR but uses DUMMY_DDR",
                      ddr ? "0x4" : "0x5"));
  }
  if (seq[0].opcode == lut_op::kStop)
    return stop("FCB-READ-EMPTY", "initial_load",
                fmt::format("read sequence (LUT {}) is empty: the AHB reads of the image run no "
                            "command and end in a sequence timeout",
                            index));
  if (!has_read)
    return stop("FCB-READ-NO-READ", "initial_load",
                fmt::format("read sequence (LUT {}) has no READ instruction: no data is ever "
                            "sampled and the AHB reads of the image time out",
                            index));
  return std::nullopt;
}

Decision read_strobe(const Fcb& fcb, const chips::ChipProfile& chip,
                     std::optional<bool> part_drives_dqs) {
  const unsigned src = fcb.read_sample_clk_src;
  if (src == 2 && !chip.sample_clock.sck_pad_loopback_mhz)
    return stop("FCB-SAMPLE-CLK", "initial_load",
                fmt::format("readSampleClkSrc 2 (loopback from the SCK pad) does not exist on {} "
                            "({}): no read strobe reaches the sampler and every read after the "
                            "reconfiguration times out. Use 1 (loopback from the DQS pad) or 0",
                            chip.name, chip.sample_clock.sck_pad_loopback_note));
  if (src == 3 && part_drives_dqs && !*part_drives_dqs)
    return stop("FCB-MODE3-QSPI", "initial_load",
                "readSampleClkSrc 3 (flash-provided DQS) with a part that drives no read strobe: "
                "the controller never samples and every read after the reconfiguration times "
                "out. Use 1 (loopback from the DQS pad) or 0");
  return std::nullopt;
}

Decision ahb_range(const Fcb& fcb, std::uint64_t offset, std::uint64_t size, const char* what,
                   const char* step) {
  const std::uint64_t total = total_flash_size(fcb);
  if (fcb.sflash_a1_size == 0 && offset < 0x1000 && total > 0)
    // AHB offsets past A1 go to A2, B1, B2 in turn (§4.1 IPCR0 note): with A1 empty the ROM's
    // reads land on a port whose flash it never configured, and the IVT is not found.
    return stop("FCB-A1-ZERO", "ivt",
                fmt::format("sflashA1Size is 0 (sflashB1Size 0x{:X}): the ROM boots from port A1 "
                            "only, so its reads of the image go to another port and a flash on "
                            "port B is never booted (field failure F14)",
                            fcb.sflash_b1_size));
  if (offset + size <= total) return std::nullopt;
  // The FlexSPI answers AHB reads beyond FLSHA1CR0..FLSHB2CR0 with a bus error (§4.1).
  return stop(total == 0 ? "FCB-A1-ZERO" : "FCB-A1-SMALL", step,
              fmt::format("{} reaches flash offset 0x{:X}, but the FCB declares only 0x{:X} bytes "
                          "of flash (sflashA1Size 0x{:X}): the AHB read beyond it ends in a bus "
                          "error",
                          what, offset + size, total, fcb.sflash_a1_size));
}

Decision ivt_header(const std::uint8_t* p, std::size_t available, std::uint64_t flash_offset) {
  if (is_ivt(p, available)) return std::nullopt;  // §6.2: tag D1, length 0x20, version 0x4x
  if (available < 4)
    return stop("IVT-MISSING", "ivt",
                fmt::format("no IVT at flash offset 0x{:X}: the initial load ends before it",
                            flash_offset));
  return stop("IVT-MISSING", "ivt",
              fmt::format("no valid IVT at flash offset 0x{:X}: header bytes {:02X} {:02X} {:02X} "
                          "{:02X}, expected tag D1, length 00 20, version 0x4x",
                          flash_offset, p[0], p[1], p[2], p[3]));
}

BootDataAt boot_data_offset(const Ivt& ivt, const chips::ChipProfile& chip,
                            std::size_t initial_load_size) {
  // The ROM finds boot data through the IVT's own address: the image starts at self - IVT
  // offset, and boot data must lie inside the initial load (§6.2, §7.3 step 7).
  const std::uint64_t image_at = std::uint64_t{ivt.self} - chip.ivt_offset;
  const std::uint64_t off = std::uint64_t{ivt.boot_data} - image_at;
  if (ivt.self < chip.ivt_offset || ivt.boot_data < image_at ||
      off + kBootDataSize > initial_load_size)
    return {stop("BD-MISSING", "boot_data",
                 fmt::format("IVT boot_data {} is not inside the initial load ({} + 0x{:X}, "
                             "from IVT self {})",
                             hex32(ivt.boot_data), hex32(image_at), initial_load_size,
                             hex32(ivt.self))),
            0};
  return {std::nullopt, off};
}

namespace {

bool has_semc(const chips::ChipProfile& chip) {
  for (const chips::AddressRange& p : chip.peripherals)
    if (p.name == "SEMC") return true;
  return false;
}

// SDRAM behind the SEMC: only a DCD can open it before the copy (the platform's SDRAM answers
// once SEMC BR0 is valid); the copy itself then shows whether the DCD did.
Decision external_destination(const BootData& bd, const chips::RamRegion& ram,
                              const chips::ChipProfile& chip, bool has_dcd) {
  if (!has_semc(chip))
    return Refusal{"BD-DEST-EXTERNAL", "boot_data", Effect::kNotModelled,
                   fmt::format("boot_data.start {} is in {}; {}'s SEMC is not modelled, so "
                               "copying there is not either",
                               hex32(bd.start), ram.range.name, chip.name)};
  if (!has_dcd)
    return stop("BD-DEST-EXTERNAL", "boot_data",
                fmt::format("boot_data.start {} is in {}, but the IVT has no DCD: nothing sets "
                            "up the SEMC before the ROM copies, and the copy ends in a bus error",
                            hex32(bd.start), ram.range.name));
  if (std::uint64_t{bd.start} + bd.size > ram.range.end())
    return stop("BD-DEST-TOO-SMALL", "boot_data",
                fmt::format("the copy of boot_data.size 0x{:X} bytes to {} runs past {}", bd.size,
                            hex32(bd.start), ram.range.name));
  return std::nullopt;
}

Decision copy_destination(const BootData& bd, const chips::ChipProfile& chip, bool has_dcd) {
  const chips::RamRegion* ram = chip.ram_at(bd.start);
  if (!ram)
    return stop("BD-DEST-NOT-RAM", "boot_data",
                fmt::format("boot_data.start {} is neither in a FlexSPI window (XIP) nor in RAM "
                            "of {}: the ROM can neither execute nor copy the image there",
                            hex32(bd.start), chip.name));
  if (ram->needs_init) return external_destination(bd, *ram, chip, has_dcd);
  // The destination may run across adjacent RAM regions (RT1170 OCRAM1 + OCRAM2).
  const std::uint64_t end = std::uint64_t{bd.start} + bd.size;
  std::uint64_t covered = bd.start;
  for (const chips::RamRegion* r = ram; r && !r->needs_init && covered < end;
       r = chip.ram_at(covered))
    covered = r->range.end();
  if (covered < end)
    return stop(
        "BD-DEST-TOO-SMALL", "boot_data",
        fmt::format("the copy of boot_data.size 0x{:X} bytes to {} does not fit in RAM: "
                    "{} ends at {}, 0x{:X} bytes short (field failure F09)",
                    bd.size, hex32(bd.start), ram->range.name, hex32(covered - 1), end - covered));
  for (const chips::AddressRange& r : chip.rom_reserved) {
    if (bd.start < r.end() && r.base < end)
      return stop(
          "BD-DEST-ROM-RESERVED", "boot_data",
          fmt::format("the copy destination {} - {} overlaps {} ({} - {}), which the ROM "
                      "uses while it boots",
                      hex32(bd.start), hex32(end - 1), r.name, hex32(r.base), hex32(r.end() - 1)));
  }
  if (bd.size < chip.initial_load_size)
    return stop("BD-SIZE", "boot_data",
                fmt::format("boot_data.size 0x{:X} is smaller than the initial load (0x{:X}) the "
                            "copy starts from",
                            bd.size, chip.initial_load_size));
  return std::nullopt;
}

}  // namespace

BootDataDecision boot_data(const Ivt& ivt, const BootData& bd, const chips::ChipProfile& chip,
                           const chips::FlexspiInstance& instance, std::uint64_t image_address) {
  BootDataDecision d;
  // XIP when the image runs from a FlexSPI window (§6.3); the ROM executes it in place only
  // from the window it booted from.
  const chips::FlexspiInstance* window = chip.instance_at(bd.start);
  d.xip = window != nullptr;
  const std::uint64_t image_at = std::uint64_t{ivt.self} - chip.ivt_offset;
  if (bd.start != image_at) {
    d.refusal = stop("IVT-SELF", "boot_data",
                     fmt::format("IVT self ({}) is not inside the image that starts at "
                                 "boot_data.start ({}): self - 0x{:X} must equal start, so the "
                                 "addresses the image was linked for do not match its header",
                                 hex32(ivt.self), hex32(bd.start), chip.ivt_offset));
    return d;
  }
  if (window && window->name != instance.name)
    d.refusal = stop("BD-START-XIP", "boot_data",
                     fmt::format("boot_data.start {} names {}'s window, but the ROM reads this "
                                 "image from {}: it was linked for the other FlexSPI",
                                 hex32(bd.start), window->name, instance.name));
  else if (window && bd.start != image_address)
    d.refusal = stop("BD-START-XIP", "boot_data",
                     fmt::format("boot_data.start {} is in {}'s window but the image sits at {}: "
                                 "it was linked for another flash address",
                                 hex32(bd.start), instance.name, hex32(image_address)));
  else if (!window)
    d.refusal = copy_destination(bd, chip, ivt.dcd != 0);
  if (!d.refusal) d.refusal = plugin_flag(bd);
  return d;
}

// Open conflict 10 (docs/boot-rom.md "Plugin images"): 1 is a plugin the ROM calls (HAB4's
// plugin convention); spsdk also accepts 2, whose meaning no source gives.
Decision plugin_flag(const BootData& bd) {
  if (bd.plugin <= 1) return std::nullopt;
  return Refusal{"BD-PLUGIN-FLAG", "plugin", Effect::kNotModelled,
                 fmt::format("boot_data.plugin = {}: neither a normal image (0) nor a plugin (1); "
                             "what the ROM does with it is not known",
                             bd.plugin)};
}

Decision next_image_ivt(const std::uint8_t* p, std::uint32_t start, std::uint32_t bytes,
                        std::uint32_t ivt_offset) {
  const std::uint64_t at = std::uint64_t{start} + ivt_offset;
  if (std::uint64_t{ivt_offset} + kIvtSize > bytes)
    return stop("PLUGIN-IVT-OUTSIDE", "ivt",
                fmt::format("the plugin returned IVT offset 0x{:X}, outside the {} bytes of the "
                            "image at {} it named",
                            ivt_offset, bytes, hex32(start)));
  if (!p)
    return stop(
        "PLUGIN-IVT-UNREADABLE", "ivt",
        fmt::format("the IVT the plugin named at {} cannot be read (bus error)", hex32(at)));
  if (!is_ivt(p, kIvtSize))
    return stop("PLUGIN-IVT-MISSING", "ivt",
                fmt::format("no valid IVT at {} (start {} + IVT offset 0x{:X}, as the plugin "
                            "returned): header bytes {:02X} {:02X} {:02X} {:02X}, expected tag "
                            "D1, length 00 20, version 0x4x",
                            hex32(at), hex32(start), ivt_offset, p[0], p[1], p[2], p[3]));
  const Ivt ivt = decode_ivt(p);
  if (ivt.self != at)
    return stop("IVT-SELF", "ivt",
                fmt::format("the IVT at {} says its self is {}: the image the plugin named was "
                            "linked for another address",
                            hex32(at), hex32(ivt.self)));
  return std::nullopt;
}

Decision next_image_boot_data(const Ivt& ivt, const BootData* bd) {
  if (!bd)
    return stop("BD-MISSING", "boot_data",
                fmt::format("the boot data of the image the plugin named, at {}, cannot be read "
                            "(bus error)",
                            hex32(ivt.boot_data)));
  if (bd->plugin == 0) return std::nullopt;
  return Refusal{"PLUGIN-CHAIN", "plugin", Effect::kNotModelled,
                 fmt::format("the image the plugin named is itself marked as a plugin "
                             "(boot_data.plugin = {}); xipsim runs one plugin per boot",
                             bd->plugin)};
}

DcdAt dcd_location(const Ivt& ivt, const BootData& bd, bool xip, std::size_t initial_load_size,
                   const chips::FlexspiInstance& instance) {
  DcdAt at;
  const std::uint64_t off = std::uint64_t{ivt.dcd} - bd.start;
  if (ivt.dcd >= bd.start && off + 4 <= initial_load_size) {
    at.offset = off;
    return at;
  }
  if (xip && instance.ahb.contains(ivt.dcd, 4)) {
    at.source = DcdSource::kWindow;
    return at;
  }
  at.refusal = stop("DCD-UNREACHABLE", "dcd",
                    fmt::format("IVT dcd {} is neither in the initial load ({} + 0x{:X}) nor, for "
                                "an XIP image, in the flash window: the ROM cannot read the DCD",
                                hex32(ivt.dcd), hex32(bd.start), initial_load_size));
  return at;
}

Decision dcd_header(const std::uint8_t* p, std::size_t available, std::uint32_t address,
                    const chips::ChipProfile& chip) {
  if (available < 4 || !is_dcd_header(p, available))
    return hab_event(
        "DCD-MISSING", "dcd",
        available < 4
            ? fmt::format("IVT dcd {} points outside the image: there is no DCD", hex32(address))
            : fmt::format("IVT dcd {} points at no DCD header (tag {:02X}, version "
                          "{:02X}; expected D2, 0x4x)",
                          hex32(address), p[0], p[3]));
  const HabHeader h = read_hab_header(p);
  if (chip.dcd_max_size && h.length > *chip.dcd_max_size)  // open conflict 9
    return hab_event("DCD-SIZE", "dcd",
                     fmt::format("the DCD is {} bytes, more than the {} bytes the {} ROM accepts",
                                 h.length, *chip.dcd_max_size, chip.name));
  return std::nullopt;
}

Decision dcd_content(const Dcd& dcd) {
  if (dcd.problems.empty()) return std::nullopt;
  return hab_event("DCD-MALFORMED", "dcd", dcd.problems.front());
}

Decision dcd_write_target(const chips::ChipProfile& chip, std::uint32_t address, unsigned width,
                          std::uint32_t dcd_offset) {
  if (!chip.dcd_ranges_known) return std::nullopt;  // open conflict 9: not documented
  for (const auto& r : chip.dcd_writable)
    if (r.contains(address, width ? width : 4)) return std::nullopt;
  const auto* p = chip.peripheral_at(address);
  return hab_event(
      "DCD-TARGET", "dcd",
      fmt::format("DCD write to {}{} at DCD+0x{:X} is outside the ranges the {} ROM allows DCD "
                  "writes to; DCD processing stops there",
                  hex32(address),
                  p ? fmt::format(" ({}+0x{:X})", p->name, address - p->base) : std::string(),
                  dcd_offset, chip.name));
}

Decision csf(const Ivt& ivt, const std::uint8_t* h) {
  if (ivt.csf == 0)
    return hab_event("CSF-NONE", "hab",
                     "the IVT has no CSF, so the image is not signed (a HAB-closed chip refuses "
                     "it)");
  if (h && is_csf_header(h, 4)) return std::nullopt;
  return hab_event("CSF-BLANK", "hab",
                   fmt::format("IVT csf {} does not point at a CSF header (tag D4), so the "
                               "image is not signed (a HAB-closed chip refuses it)",
                               hex32(ivt.csf)));
}

bool entry_is_vector_table(std::uint32_t entry, const std::uint8_t* words,
                           const chips::ChipProfile& chip) {
  switch (chip.entry_convention) {
    case chips::EntryConvention::kVectorTable:
      return true;
    case chips::EntryConvention::kFunction:
      return false;
    // Open conflict 3 (docs/chips.md): a 128-byte aligned address (VTOR) holding an initial SP
    // in RAM and a Thumb reset address is a vector table (SDK, IVT 0x41); anything else is
    // entered as a Thumb function (Teensy, IVT 0x43; MCUBootUtility's rst-ivt images point at
    // an aligned Reset_Handler). The alternative, alignment alone, is open.
    case chips::EntryConvention::kAuto: {
      if ((entry & 0x7Fu) != 0 || !words) return false;
      const auto le32 = [](const std::uint8_t* p) {
        return p[0] | p[1] << 8 | p[2] << 16 | static_cast<std::uint32_t>(p[3]) << 24;
      };
      return looks_like_vector_table(le32(words), le32(words + 4), chip);
    }
  }
  return false;
}

bool looks_like_vector_table(std::uint32_t sp, std::uint32_t reset,
                             const chips::ChipProfile& chip) {
  // An SP in TCM address space that the default FlexRAM split leaves unbacked still marks a
  // vector table (MCUXpresso's RT1060 ITCM build puts its stack at 0x2_1000..0x2_2000, past the
  // 128 KiB ITCM): the CPU then faults on its first push, saying which RAM ends where.
  const bool in_ram = chip.ram_at(sp) || (sp >= 4 && chip.ram_at(sp - 4)) || chip.in_tcm_space(sp);
  const bool sp_ok = in_ram && (sp & 3) == 0;
  return sp_ok && (reset & 1) != 0;
}

Decision entry_target(std::uint32_t entry, const BootData& bd, const chips::ChipProfile& chip,
                      const chips::FlexspiInstance& instance) {
  const std::uint64_t end = std::uint64_t{bd.start} + bd.size;
  if ((entry >= bd.start && entry < end) || instance.ahb.contains(entry) || chip.ram_at(entry))
    return std::nullopt;
  return stop("IVT-ENTRY-OUTSIDE", "entry",
              fmt::format("IVT entry {} lies outside the image ({} - {}) and outside any memory "
                          "the CPU can execute from",
                          hex32(entry), hex32(bd.start), hex32(end - 1)));
}

Decision reset_vector(std::uint32_t entry, std::uint32_t reset_handler) {
  if (reset_handler & 1u) return std::nullopt;
  return Refusal{"IVT-RESET-THUMB", "entry", Effect::kHang,
                 fmt::format("the vector table at {} gives reset handler {}, an even address: the "
                             "CPU faults on the first instruction (Thumb bit clear)",
                             hex32(entry), hex32(reset_handler))};
}

}  // namespace xipsim::image::rom_rules
