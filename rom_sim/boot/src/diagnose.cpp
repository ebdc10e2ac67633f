#include "diagnose.h"

#include <fmt/format.h>

#include <algorithm>

#include "xipsim/board/sample_model.h"
#include "xipsim/chips/chip_catalog.h"
#include "xipsim/image/hab.h"

namespace xipsim::boot {

namespace {
constexpr const char* kPortNames[4] = {"A1", "A2", "B1", "B2"};
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

std::string missing_part_hint(soc::Platform& p, std::size_t boot_instance) {
  for (std::size_t i = 0; i < p.flexspi_count(); ++i) {
    for (unsigned port = 0; port < 4; ++port) {
      if (!p.flash(i, port)) continue;
      if (i == boot_instance)
        return fmt::format(
            "No flash answers on port A1 of {}: the ROM reads the FCB only from "
            "port A1, and the part sits on port {}. Wire the boot flash to A1.",
            p.chip().flexspi[i].name, kPortNames[port]);
      return fmt::format("No flash on the boot instance {}; the part is on {}. {}",
                         p.chip().flexspi[boot_instance].name, p.chip().flexspi[i].name,
                         p.chip().flexspi[i].boot_note);
    }
  }
  return "No flash part is attached to the boot FlexSPI.";
}

std::string fcb_hint(const BootReport& r, soc::Platform& p) {
  const BootFlash b = boot_flash(p);
  if (!b.device) return missing_part_hint(p, b.instance);
  const flash::NorDevice& d = *b.device;
  const chips::ChipProfile& chip = p.chip();
  const std::uint32_t here = u32(d, chip.fcb_offset);
  if (here == image::kFcbTag) {
    const std::string& modes = r.flash_modes_at_reset;
    if (!modes.empty())
      return fmt::format(
          "The flash does hold an FCB at 0x{:03X}, but the part is still in {}, left "
          "by the software that ran before this {} reset; it misreads the ROM's "
          "1-pad 03h read. A power cycle (or a JEDEC/pin reset of the flash, or "
          "software that returns the part to SPI mode before reset) fixes it.",
          chip.fcb_offset, modes, r.reset_kind);
    return fmt::format(
        "The flash holds an FCB at 0x{:03X}, yet the ROM read something else at "
        "the safe clock: check the board's sample point and the part's state.",
        chip.fcb_offset);
  }
  const std::uint32_t other = chip.fcb_offset == 0 ? 0x400 : 0x000;
  if (u32(d, other) == image::kFcbTag)
    return fmt::format(
        "A valid FCB sits at flash offset 0x{:03X}, the offset {} use; {} expects "
        "it at 0x{:03X}. Build the image for {} (move the FCB to 0x{:03X}).",
        other, chips_with_fcb_at(other), chip.name, chip.fcb_offset, chip.name, chip.fcb_offset);
  if (const auto at = find_word(d, image::kFcbTag, 0x400))
    return fmt::format(
        "An FCB sits at flash offset 0x{:X} instead of 0x{:03X}: the file was "
        "written 0x{:X} bytes too far into the flash. Program it at the FlexSPI "
        "base.",
        *at, chip.fcb_offset, *at - chip.fcb_offset);
  for (std::size_t i = 0; i < p.flexspi_count(); ++i) {
    const flash::NorDevice* elsewhere = i == b.instance ? nullptr : p.flash(i, 0);
    if (elsewhere &&
        (u32(*elsewhere, 0) == image::kFcbTag || u32(*elsewhere, 0x400) == image::kFcbTag))
      return fmt::format("The boot header is in the flash on {}, but {} boots from {}: {}.",
                         chip.flexspi[i].name, chip.name, chip.flexspi[b.instance].name,
                         chip.flexspi[i].boot_note);
  }
  if (here == 0xFFFFFFFFu)
    return fmt::format(
        "The flash reads as erased (0xFF) at 0x{:03X}: no boot header was "
        "programmed there. Put an FCB, IVT and boot data in front of the "
        "application (e.g. the SDK's XIP_BOOT_HEADER_ENABLE, Zephyr's "
        "CONFIG_NXP_IMX_RT_BOOT_HEADER).",
        chip.fcb_offset);
  const std::uint32_t sp = u32(d, 0), reset = u32(d, 4);
  // The initial SP is the top of a RAM region (one past its last byte).
  if (sp >= 4 && chip.ram_at(sp - 4) && (reset & 1u) &&
      (chip.instance_at(reset) || chip.ram_at(reset)))
    return fmt::format(
        "The flash starts with what looks like an application vector table "
        "(initial SP 0x{:08X}, reset handler 0x{:08X}): the image has no FCB/IVT "
        "boot header. Prepend FCB + IVT + boot data (e.g. Zephyr "
        "CONFIG_NXP_IMX_RT_BOOT_HEADER, MCUboot built with the boot header, or "
        "spsdk nxpimage bootable-image) and program at the FlexSPI base.",
        sp, reset);
  return "There is no FCB at the chip's FCB offset. Program a complete boot image (FCB + IVT + "
         "boot data + application) at the FlexSPI base.";
}

std::string read_path_hint(const BootReport& r, soc::Platform& p) {
  const BootFlash b = boot_flash(p);
  if (!b.device || !r.fcb) return "";
  const flash::NorDevice& d = *b.device;
  const flash::PartSpec& part = d.part();
  const image::Fcb& fcb = *r.fcb;
  const auto seq = image::executed_part(fcb.sequence(0));
  unsigned lut_dummy = 0, lut_mode = 0, addr_bits = 24;
  std::uint8_t opcode = 0;
  for (const image::LutInstr& i : seq) {
    switch (i.base_op()) {
      case image::lut_op::kCmdSdr:
        if (!opcode) opcode = i.operand;
        break;
      case image::lut_op::kRaddrSdr:
        addr_bits = i.operand;
        break;
      case image::lut_op::kDummySdr:
        lut_dummy = i.operand;
        break;
      case image::lut_op::kMode1Sdr:
        lut_mode += 1;
        break;
      case image::lut_op::kMode2Sdr:
        lut_mode += 2 / std::min(2u, i.pads());
        break;
      case image::lut_op::kMode4Sdr:
        lut_mode += 4 / std::min(4u, i.pads());
        break;
      case image::lut_op::kMode8Sdr:
        lut_mode += 8 / i.pads();
        break;
      default:
        break;
    }
  }
  const board::SamplePoint& sp = p.board(b.instance).last_sample();
  if (!sp.strobe || sp.corrupted || sp.transition || sp.shift != 0)
    return fmt::format(
        "After reconfiguration the ROM reads at {:.0f} MHz with sample clock source "
        "{} ({}), and the board puts the sample point outside the data-valid "
        "window ({}). Reads are {}. Keep the DQS pad unconnected (floating) for "
        "loopback from the DQS pad, or use internal loopback (readSampleClkSrc 0) "
        "at 60 MHz or less.",
        r.sclk_mhz, r.sample_clk_src, image::sample_clk_src_name(r.sample_clk_src),
        board::outcome_name(sp), sp.corrupted ? "corrupted" : "shifted or unreliable");
  const flash::CommandSpec* cmd = opcode ? part.lookup(opcode, d.qpi()) : nullptr;
  if (!cmd)
    return fmt::format("The FCB read sequence sends opcode {:02X}h, which {} does not decode.",
                       opcode, part.name);
  if (cmd->data_pads == 4 && part.has_quad_enable()) {
    const auto& reg = part.registers[static_cast<std::size_t>(part.bits.qe.reg)];
    const std::uint32_t v = d.read_register(reg.name, 0);
    if (!((v >> part.bits.qe.lsb) & 1u))
      return fmt::format(
          "The FCB reads with {:02X}h on 4 data lines, but the QE bit of {} is 0: "
          "IO2/IO3 are not driven and read as the pull-ups. Set QE once (an FCB "
          "device-mode QuadEnable command, or in production), or use a part with "
          "QE set.",
          opcode, part.name);
  }
  const unsigned part_dummy = part.power_on_dummy(*cmd);
  if (lut_dummy + lut_mode != 0 && part_dummy != lut_dummy + lut_mode)
    return fmt::format(
        "The FCB's read sequence waits {} cycles between address and data; {} at "
        "its power-on settings waits {} for {:02X}h, so every byte is shifted. "
        "Match the LUT dummy count to the part (or configure the part's dummy "
        "cycles from the FCB).",
        lut_dummy + lut_mode, part.name, part_dummy, opcode);
  const bool part_4byte = d.four_byte() || cmd->address == flash::AddressMode::kFourByte;
  if ((addr_bits == 32) != part_4byte)
    return fmt::format(
        "The FCB sends a {}-bit address but the part expects {} bytes for "
        "{:02X}h.",
        addr_bits, part_4byte ? 4 : 3, opcode);
  std::uint8_t ivt[4];
  d.array().read(r.image_offset + p.chip().ivt_offset, ivt, 4);
  if (ivt[0] != image::hab_tag::kIvt)
    return fmt::format(
        "The flash holds no IVT at offset 0x{:X} either: the image lacks an IVT "
        "or was written at another offset.",
        r.image_offset + p.chip().ivt_offset);
  return "";
}
}  // namespace

std::string diagnose(const BootReport& r, soc::Platform& p) {
  const std::string& s = r.failed_step;
  if (s == "fcb") return fcb_hint(r, p);
  if (s == "ivt" || s == "initial_load") {
    std::string h = read_path_hint(r, p);
    return h.empty() ? "Check that the IVT sits at the chip's IVT offset and that the FCB's read "
                       "sequence matches the flash part."
                     : h;
  }
  if (s == "boot_data" || s == "load")
    return "Make boot_data.start/size agree with the link address (IVT self - IVT offset) and "
           "with a RAM region the ROM may copy into (not its reserved OCRAM).";
  if (s == "hab")
    return "HAB is closed: only signed images boot. Sign the image (CSF via spsdk nxpimage or "
           "elftosb) or keep SEC_CONFIG open while testing; burning SEC_CONFIG is irreversible.";
  if (s == "boot_mode")
    return "Set BOOT_MODE[1:0] = 10 (internal boot), or burn BT_FUSE_SEL for boot from fuses.";
  if (s == "flexspi_config")
    return "The FCB's configuration could not be applied; check its clock index, device type and "
           "config command sequences against the part.";
  if (s == "dcd")
    return "Fix the DCD: keep it under the size limit, write only to the allowed register "
           "ranges, and give check commands a poll count.";
  return "";
}

}  // namespace xipsim::boot
