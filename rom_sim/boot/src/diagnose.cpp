#include "diagnose.h"

#include "xipsim/boot/boot_args.h"
#include "xipsim/boot/flash_facts.h"
#include "xipsim/image/rom_rules.h"

#include <fmt/format.h>

#include <algorithm>

#include "xipsim/board/sample_model.h"
#include "xipsim/chips/chip_catalog.h"
#include "xipsim/core/hex.h"
#include "xipsim/image/hab.h"

namespace xipsim::boot {

namespace {
constexpr std::uint64_t kSearchLimit = 0x10'0000;  // look for misplaced headers in the first MiB

std::uint32_t u32(const flash::NorDevice& d, std::uint64_t off) {
  std::uint8_t b[4];
  d.array().read(off, b, 4);
  return b[0] | b[1] << 8 | b[2] << 16 | static_cast<std::uint32_t>(b[3]) << 24;
}

std::string chips_with_fcb_at(std::uint32_t offset) {
  std::string out;
  for (const auto& c : chips::ChipCatalog::builtin().all()) {
    if (!c.supported || c.fcb_offset != offset) continue;
    out += (out.empty() ? "" : ", ") + c.name;
  }
  return out;
}

std::optional<std::uint64_t> find_word(const flash::NorDevice& d, std::uint32_t word,
                                       std::uint64_t step) {
  const std::uint64_t end = std::min<std::uint64_t>(d.part().size_bytes, kSearchLimit);
  for (std::uint64_t off = 0; off + 4 <= end; off += step) {
    if (u32(d, off) == word) return off;
  }
  return std::nullopt;
}

struct BootFlash {
  flash::NorDevice* device = nullptr;
  std::size_t instance = 0;
};

BootFlash boot_flash(soc::Platform& p) {
  const auto* inst = p.chip().boot_instance();
  BootFlash b;
  b.instance = static_cast<std::size_t>(p.instance_index(inst->name));
  b.device = p.flash(b.instance, 0);
  return b;
}

Cause make(const char* id, std::string text, std::string fix, std::string option = "") {
  return Cause{id, std::move(text), std::move(fix), std::move(option)};
}

Cause missing_part(soc::Platform& p, std::size_t boot_instance) {
  for (std::size_t i = 0; i < p.flexspi_count(); ++i) {
    for (unsigned port = 0; port < 4; ++port) {
      const flash::NorDevice* d = p.flash(i, port);
      if (!d) continue;
      if (i == boot_instance)
        return make("PART-NOT-ON-A1",
                    fmt::format("No flash answers on port A1 of {}: the ROM reads the FCB only "
                                "from port A1, and the part sits on port {}.",
                                p.chip().flexspi[i].name, port_name(port)),
                    "Wire the boot flash to A1.", "--flash " + d->part().name + "@A1");
      return make(
          "PART-ON-OTHER-INSTANCE",
          fmt::format("No flash on the boot instance {}; the part is on {}. {}",
                      p.chip().flexspi[boot_instance].name, p.chip().flexspi[i].name,
                      p.chip().flexspi[i].boot_note),
          fmt::format("Put the boot flash on {} port A1.", p.chip().flexspi[boot_instance].name),
          "--flash " + d->part().name);
    }
  }
  return make("NO-PART", "No flash part is attached to the boot FlexSPI.",
              "Attach the boot flash to port A1.", "--flash PART");
}

// A boot header in the flash, but not where the ROM reads it: the other family's offset, a
// file written too far, or the flash on another FlexSPI instance.
std::optional<Cause> header_elsewhere(soc::Platform& p, const flash::NorDevice& d,
                                      std::size_t boot_instance) {
  const chips::ChipProfile& chip = p.chip();
  const std::uint32_t other = chip.fcb_offset == 0 ? 0x400 : 0x000;
  if (u32(d, other) == image::kFcbTag)
    return make("FCB-OTHER-OFFSET",
                fmt::format("A valid FCB sits at flash offset 0x{:03X}, the offset {} use; {} "
                            "expects it at 0x{:03X}.",
                            other, chips_with_fcb_at(other), chip.name, chip.fcb_offset),
                fmt::format("Build the image for {} (move the FCB to 0x{:03X}).", chip.name,
                            chip.fcb_offset));
  if (const auto at = find_word(d, image::kFcbTag, 0x400))
    return make("FILE-TOO-FAR",
                fmt::format("An FCB sits at flash offset 0x{:X} instead of 0x{:03X}: the file "
                            "was written 0x{:X} bytes too far into the flash.",
                            *at, chip.fcb_offset, *at - chip.fcb_offset),
                "Program it at the FlexSPI base.");
  for (std::size_t i = 0; i < p.flexspi_count(); ++i) {
    const flash::NorDevice* elsewhere = i == boot_instance ? nullptr : p.flash(i, 0);
    if (elsewhere &&
        (u32(*elsewhere, 0) == image::kFcbTag || u32(*elsewhere, 0x400) == image::kFcbTag))
      return make(
          "HEADER-ON-OTHER-INSTANCE",
          fmt::format("The boot header is in the flash on {}, but {} boots from {}: {}.",
                      chip.flexspi[i].name, chip.name, chip.flexspi[boot_instance].name,
                      chip.flexspi[i].boot_note),
          fmt::format("Link and program the image for {}.", chip.flexspi[boot_instance].name));
  }
  return std::nullopt;
}

// FLASH_TYPE against the part: the rule book's FCB read (rom_rules::safe_read) and whether the
// part answers it, as inspect judges it.
std::optional<Cause> flash_type_cause(const BootReport& r, const flash::NorDevice& d,
                                      const chips::ChipProfile& chip) {
  namespace rules = image::rom_rules;
  const chips::FuseField& ft = *chip.boot_control.flash_type;
  const image::FlashPartFacts facts = flash_facts(d.part());
  const unsigned t = r.flash_type;
  const rules::SafeRead read = rules::safe_read(chip, t);
  if (!rules::safe_read_reaches_part(read, t, facts.hyperbus,
                                     facts.answers_spi_read(read.opcode, read.address_bits),
                                     facts.name))
    return std::nullopt;
  const bool hyper = facts.hyperbus, octal = d.part().octal.valid();
  const char* type_name = t == 2 || t == 3 ? "HyperFlash" : t == 4 || t == 5 ? "octal" : "QuadSPI";
  const unsigned want = hyper ? 2 : octal ? 4 : 0;
  return make("FLASH-TYPE",
              fmt::format("The boot configuration's FLASH_TYPE is {} ({}), but the part is {}: "
                          "the ROM reads the FCB with the wrong protocol and gets nothing.",
                          t, type_name,
                          hyper   ? "a HyperFlash"
                          : octal ? "a Macronix octal NOR (SPI at power-on, 4-byte addresses)"
                                  : "a QuadSPI NOR"),
              fmt::format("Set FLASH_TYPE (BOOT_CFG bits [{}:{}]) to {} (pins or fuse 0x450).",
                          ft.shift + 2, ft.shift,
                          hyper   ? "010 HyperFlash"
                          : octal ? "100 Macronix Octal DDR"
                                  : "000 QuadSPI"),
              fmt::format("--boot-cfg 0x{:X}", want << ft.shift));
}

Cause fcb_cause(const BootReport& r, soc::Platform& p) {
  const BootFlash b = boot_flash(p);
  if (!b.device) return missing_part(p, b.instance);
  const flash::NorDevice& d = *b.device;
  const chips::ChipProfile& chip = p.chip();
  const std::uint32_t here = u32(d, chip.fcb_offset);
  const std::string& modes = r.flash_modes_at_reset;
  if (!modes.empty() && (here == image::kFcbTag || r.auto_probe))
    return make("FLASH-MODE-LEFT",
                fmt::format("{}, but the part is still in {}, left by the software that ran "
                            "before this {} reset; it misreads the ROM's 1-pad {} read.",
                            r.auto_probe ? "The ROM probes the part's SFDP (FLASH_AUTO_PROBE_EN)"
                                         : fmt::format("The flash does hold an FCB at 0x{:03X}",
                                                       chip.fcb_offset),
                            modes, reset_name(r.reset_kind), r.auto_probe ? "5Ah SFDP" : "FCB"),
                "A power cycle (or a JEDEC/pin reset of the flash, or software that returns "
                "the part to SPI mode before reset) fixes it.",
                "--reset power");
  if (chip.boot_control.flash_type) {
    if (auto c = flash_type_cause(r, d, chip)) return *c;
  }
  if (r.auto_probe)
    return make("AUTO-PROBE-FAILED", r.reason,
                "Check that the part answers the SFDP read (5Ah) at the safe clock and that the "
                "probe fuses (type, frequency, dummy cycles) fit it, or boot from an FCB with "
                "FLASH_AUTO_PROBE_EN clear.");
  if (here == image::kFcbTag) {
    return make("FCB-MISREAD",
                fmt::format("The flash holds an FCB at 0x{:03X}, yet the ROM read something "
                            "else at the safe clock: check the board's sample point and the "
                            "part's state.",
                            chip.fcb_offset),
                "Check the board (pull-ups, traces) and the part's mode.");
  }
  if (auto c = header_elsewhere(p, d, b.instance)) return *c;
  if (here == 0xFFFFFFFFu)
    return make("FLASH-ERASED",
                fmt::format("The flash reads as erased (0xFF) at 0x{:03X}: no boot header was "
                            "programmed there.",
                            chip.fcb_offset),
                "Put an FCB, IVT and boot data in front of the application (e.g. the SDK's "
                "XIP_BOOT_HEADER_ENABLE, Zephyr's CONFIG_NXP_IMX_RT_BOOT_HEADER).");
  const std::uint32_t sp = u32(d, 0), reset = u32(d, 4);
  // The initial SP is the top of a RAM region (one past its last byte).
  if (sp >= 4 && chip.ram_at(sp - 4) && (reset & 1u) &&
      (chip.instance_at(reset) || chip.ram_at(reset)))
    return make("NO-BOOT-HEADER",
                fmt::format("The flash starts with what looks like an application vector table "
                            "(initial SP 0x{:08X}, reset handler 0x{:08X}): the image has no "
                            "FCB/IVT boot header.",
                            sp, reset),
                "Prepend FCB + IVT + boot data (e.g. Zephyr CONFIG_NXP_IMX_RT_BOOT_HEADER, "
                "MCUboot built with the boot header, or spsdk nxpimage bootable-image) and "
                "program at the FlexSPI base.");
  return make("FCB-MISSING", "There is no FCB at the chip's FCB offset.",
              "Program a complete boot image (FCB + IVT + boot data + application) at the "
              "FlexSPI base.");
}

struct ReadSeq {
  std::uint8_t opcode = 0;
  unsigned dummy = 0, mode = 0, addr_bits = 24;
  unsigned cmd_pads = 1;
  bool ddr = false;  // the command goes out DDR (DUMMY_DDR then counts half cycles)
};

ReadSeq read_seq_of(const image::Fcb& fcb) {
  ReadSeq f;
  for (const flexspi::LutInstr& i : flexspi::executed_part(fcb.sequence(0))) {
    switch (i.base_op()) {
      case flexspi::lut_op::kCmdSdr:
        if (!f.opcode) {
          f.opcode = i.operand;
          f.cmd_pads = i.pads();
          f.ddr = i.is_ddr();
        }
        break;
      case flexspi::lut_op::kRaddrSdr:
        f.addr_bits = i.operand;
        break;
      case flexspi::lut_op::kDummySdr:
        f.dummy = i.operand;
        break;
      case flexspi::lut_op::kMode1Sdr:
        f.mode += 1;
        break;
      case flexspi::lut_op::kMode2Sdr:
        f.mode += 2 / std::min(2u, i.pads());
        break;
      case flexspi::lut_op::kMode4Sdr:
        f.mode += 4 / std::min(4u, i.pads());
        break;
      case flexspi::lut_op::kMode8Sdr:
        f.mode += 8 / i.pads();
        break;
      default:
        break;
    }
  }
  return f;
}

// The board's sample point of the reconfigured read, when it fell outside the window.
std::optional<Cause> sample_cause(const BootReport& r, soc::Platform& p, std::size_t instance) {
  const board::SamplePoint& sp = p.board(instance).last_sample();
  if (sp.strobe && !sp.corrupted && !sp.transition && sp.shift == 0) return std::nullopt;
  if (!sp.strobe)
    return make("NO-STROBE",
                fmt::format("After reconfiguration the ROM reads at {:.0f} MHz with sample clock "
                            "source {} ({}), and there is no strobe: {}.",
                            r.sclk_mhz, r.sample_clk_src,
                            image::sample_clk_src_name(r.sample_clk_src), sp.no_strobe_reason),
                "Sample with a strobe the board has: readSampleClkSrc 3 needs a part that drives "
                "DQS in this read (HyperFlash, an octal part in DTR OPI), readSampleClkSrc 2 a "
                "chip with SCK-pad loopback; otherwise use 0 or 1.");
  const board::DqsPadUse dqs = p.board(instance).timing().dqs;
  const bool pad = r.sample_clk_src == 1 && dqs != board::DqsPadUse::kFloating;
  return make(pad ? "DQS-PAD-LOADED" : "SAMPLE-WINDOW",
              fmt::format("After reconfiguration the ROM reads at {:.0f} MHz with sample clock "
                          "source {} ({}), and the board puts the sample point outside the "
                          "data-valid window ({}{}). Reads are {}.",
                          r.sclk_mhz, r.sample_clk_src,
                          image::sample_clk_src_name(r.sample_clk_src), board::outcome_name(sp),
                          pad ? fmt::format(", DQS pad {}", board::to_string(dqs)) : "",
                          sp.corrupted ? "corrupted" : "shifted or unreliable"),
              "Keep the DQS pad unconnected (floating) for loopback from the DQS pad, or use "
              "internal loopback (readSampleClkSrc 0) at 60 MHz or less.",
              pad ? "--dqs floating" : "");
}

// An octal read (8-pad command) on an octal part: is the part in OPI at the FCB's rate, and do
// the dummy clocks match its CR2 setting?
void octal_causes(const image::Fcb& fcb, const flash::NorDevice& d, bool now, const ReadSeq& f,
                  std::vector<Cause>& out) {
  const flash::PartSpec& part = d.part();
  const flash::CommandSpec* cmd = part.lookup_opi(f.opcode);
  const char* rate = f.ddr ? "DTR" : "STR";
  if (!cmd || (cmd->rate != flash::OpiRate::kAny && (cmd->rate == flash::OpiRate::kDtr) != f.ddr)) {
    out.push_back(make("READ-OPCODE",
                       fmt::format("The FCB reads with octal opcode {:02X}h sent {}, which {} "
                                   "does not decode as a read.",
                                   f.opcode, rate, part.name),
                       "Use the part's octal read: EEh/11h in DTR (CMD_DDR), ECh/13h in STR."));
    return;
  }
  const auto opi = d.opi();
  const bool configured = fcb.device_mode_cfg_enable || fcb.config_cmd_enable;
  if (now && (!opi || (*opi == flash::OpiRate::kDtr) != f.ddr)) {
    out.push_back(make(
        configured ? "OPI-SWITCH" : "OPI-NOT-ENABLED",
        fmt::format("The FCB reads with the {} octal command {:02X}h, but {} is in {}: {}.", rate,
                    f.opcode, part.name, flash::bus_mode_name(opi),
                    configured ? "the FCB's device-mode/config commands did not switch it"
                               : "nothing in the FCB switches it (deviceModeCfgEnable = 0), and "
                                 "the part powers up in SPI"),
        fmt::format("Add a device-mode sequence (deviceModeType 2, SPI to XPI) that sends 06h, "
                    "then 72h with address 0x00000000 and the value {:02X}h (CR2: {} OPI).",
                    f.ddr ? 2 : 1, rate)));
    return;
  }
  const unsigned part_dummy = part.power_on_dummy(*cmd);
  const unsigned lut_dummy = f.ddr ? f.dummy / 2 : f.dummy;
  if (part_dummy != lut_dummy)
    out.push_back(make("DUMMY-MISMATCH",
                       fmt::format("The FCB waits {} clocks after the address; {} at its CR2 "
                                   "power-on setting waits {} for {:02X}h, so every byte is "
                                   "shifted.",
                                   lut_dummy, part.name, part_dummy, f.opcode),
                       fmt::format("Use DUMMY_{} {} (or set CR2 0x300 from the FCB).",
                                   f.ddr ? "DDR" : "SDR", f.ddr ? 2 * part_dummy : part_dummy)));
}

// What the part makes of the FCB's read: opcode, QE, dummy cycles, address width. `now`: the
// part's current modes; otherwise its power-on state (after the first cause is fixed).
void part_causes(const image::Fcb& fcb, const flash::NorDevice& d, bool now,
                 std::vector<Cause>& out) {
  const flash::PartSpec& part = d.part();
  const ReadSeq f = read_seq_of(fcb);
  if (f.cmd_pads == 8 && part.octal.valid()) {
    octal_causes(fcb, d, now, f, out);
    return;
  }
  const flash::CommandSpec* cmd = f.opcode ? part.lookup(f.opcode, now && d.qpi()) : nullptr;
  if (!cmd) {
    out.push_back(make("READ-OPCODE",
                       fmt::format("The FCB read sequence sends opcode {:02X}h, which {} does "
                                   "not decode.",
                                   f.opcode, part.name),
                       "Use a read command the part has (its datasheet's read table)."));
    return;
  }
  if (cmd->data_pads == 4 && part.has_quad_enable()) {
    const auto& reg = part.registers[static_cast<std::size_t>(part.bits.qe.reg)];
    if (!((d.read_register(reg.name, 0) >> part.bits.qe.lsb) & 1u))
      out.push_back(make("QE-CLEAR",
                         fmt::format("The FCB reads with {:02X}h on 4 data lines, but the QE bit "
                                     "of {} ({} bit {}) is 0: IO2/IO3 are not driven and read "
                                     "as the pull-ups.",
                                     f.opcode, part.name, reg.name, part.bits.qe.lsb),
                         "Set QE once (an FCB device-mode QuadEnable command, or in "
                         "production), or use a part with QE set.",
                         "--qe"));
  }
  const unsigned part_dummy = part.power_on_dummy(*cmd);
  if (f.dummy + f.mode != 0 && part_dummy != f.dummy + f.mode)
    out.push_back(make("DUMMY-MISMATCH",
                       fmt::format("The FCB's read sequence waits {} cycles between address and "
                                   "data; {} at its power-on settings waits {} for {:02X}h, so "
                                   "every byte is shifted.",
                                   f.dummy + f.mode, part.name, part_dummy, f.opcode),
                       "Match the LUT dummy count to the part (or configure the part's dummy "
                       "cycles from the FCB)."));
  const bool part_4byte = (now ? d.four_byte() : part.power_on_address_bytes == 4) ||
                          cmd->address == flash::AddressMode::kFourByte;
  if ((f.addr_bits == 32) != part_4byte)
    out.push_back(make("ADDRESS-WIDTH",
                       fmt::format("The FCB sends a {}-bit address but the part expects {} "
                                   "bytes for {:02X}h.",
                                   f.addr_bits, part_4byte ? 4 : 3, f.opcode),
                       fmt::format("Use RADDR {} with {:02X}h, or the part's {}-byte read.",
                                   part_4byte ? 32 : 24, f.opcode, part_4byte ? 4 : 3)));
}

std::optional<image::Fcb> fcb_in_flash(soc::Platform& p) {
  const BootFlash b = boot_flash(p);
  if (!b.device) return std::nullopt;
  std::vector<std::uint8_t> raw(image::kFcbSize);
  b.device->array().read(p.chip().fcb_offset, raw.data(), raw.size());
  return image::decode_fcb(raw.data(), raw.size());
}

Cause step_cause(const BootReport& r) {
  const std::string& s = r.failed_step;
  if (s == "boot_data" || s == "load")
    return make("BOOT-DATA", r.reason,
                "Make boot_data.start/size agree with the link address (IVT self - IVT offset) "
                "and with a RAM region the ROM may copy into (not its reserved OCRAM).");
  if (s == "hab")
    return make("HAB-CLOSED", r.reason,
                "Sign the image (CSF via spsdk nxpimage or elftosb) or keep SEC_CONFIG open "
                "while testing; burning SEC_CONFIG is irreversible.");
  if (s == "boot_mode")
    return make("BOOT-MODE", r.reason,
                "Set BOOT_MODE[1:0] = 10 (internal boot), or burn BT_FUSE_SEL for boot from "
                "fuses.",
                "--boot-mode internal");
  if (s == "flexspi_config")
    return make("FCB-CONFIG", r.reason,
                "Check the FCB's clock index, device type and config command sequences against "
                "the part.");
  if (s == "dcd")
    return make("DCD", r.reason,
                "Keep the DCD under the size limit, write only to the allowed register ranges, "
                "and give check commands a poll count.");
  return make("READ-PATH", r.reason,
              "Check that the IVT sits at the chip's IVT offset and that the FCB's read sequence "
              "matches the flash part.");
}

// A boot that failed at or after a plugin's call failed on the plugin's account: the flash and
// its read path brought the plugin image in and ran it.
std::optional<Cause> plugin_cause(const BootReport& r) {
  if (!r.plugin) return std::nullopt;
  const PluginReport& p = *r.plugin;
  if (!p.returned)
    return make("PLUGIN-NO-RETURN", r.reason,
                "A plugin must return to the ROM (bx lr) with r0 nonzero after writing the next "
                "image's start, size and IVT offset through the pointers in r0-r2; debug it as "
                "an application (an image with the same code as its entry).");
  if (p.result == 0)
    return make("PLUGIN-FAILED", r.reason,
                "The plugin itself reported failure (it returned 0): see what it printed and "
                "which of its own checks failed.");
  return make("PLUGIN-NEXT-IMAGE", r.reason,
              fmt::format("The plugin named start {}, size 0x{:X}, IVT offset 0x{:X}: the next "
                          "image's IVT must sit at start + IVT offset, inside that size, with self "
                          "equal to its address, and its boot data must describe a normal image "
                          "(plugin 0).",
                          hex32(p.start), p.bytes, p.ivt_offset));
}

}  // namespace

std::vector<Cause> diagnose(const BootReport& r, soc::Platform& p) {
  if (const std::optional<Cause> c = plugin_cause(r)) return {*c};
  std::vector<Cause> out;
  const std::string& s = r.failed_step;
  const bool at_fcb = s == "fcb", read_path = s == "ivt" || s == "initial_load";
  if (at_fcb) out.push_back(fcb_cause(r, p));
  const BootFlash b = boot_flash(p);
  const std::optional<image::Fcb> fcb = r.fcb ? r.fcb : fcb_in_flash(p);
  const bool spi_part = b.device && b.device->part().protocol == flash::Protocol::kSpi;
  if (spi_part && fcb && (at_fcb || read_path)) {
    const std::optional<Cause> sample = read_path ? sample_cause(r, p, b.instance) : std::nullopt;
    // A read with no strobe at all follows from what the part was sent: the part's causes first.
    const bool no_strobe = !p.board(b.instance).last_sample().strobe;
    if (sample && !no_strobe) out.push_back(*sample);
    part_causes(*fcb, *b.device, !at_fcb, out);
    if (sample && no_strobe) out.push_back(*sample);
    std::uint8_t ivt[4];
    b.device->array().read(r.image_offset + p.chip().ivt_offset, ivt, 4);
    if (s == "ivt" && out.empty() && ivt[0] != image::hab_tag::kIvt)
      out.push_back(make("NO-IVT",
                         fmt::format("The flash holds no IVT at offset 0x{:X} either: the image "
                                     "lacks an IVT or was written at another offset.",
                                     r.image_offset + p.chip().ivt_offset),
                         "Put the IVT at the chip's IVT offset and program the image at the "
                         "FlexSPI base."));
  }
  if (out.empty()) out.push_back(step_cause(r));
  return out;
}

std::string hint_of(const std::vector<Cause>& causes) {
  std::string s;
  for (const Cause& c : causes)
    s += (s.empty() ? "" : " ") + c.text + " " + c.fix +
         (c.option.empty() ? "" : " (to check: rerun with " + c.option + ")");
  return s;
}

}  // namespace xipsim::boot
