// IVT, boot data, XIP vs copy, and entry-point checks (boot-reference §6.2, §6.3, §7.3 steps 6-11).
#include <fmt/format.h>

#include <algorithm>

#include "describe.h"
#include "inspect_internal.h"
#include "xipsim/image/bytes.h"

namespace xipsim::image::detail {

namespace {

constexpr std::uint64_t kAbsurdSize = 0x10000000;  // larger than any FlexSPI window or on-chip RAM

std::optional<std::uint32_t> scan_for_ivt(const FlashContents& flash, std::uint32_t skip) {
  const std::uint64_t limit = std::min<std::uint64_t>(flash.end(), 0x10000);
  for (std::uint64_t off = 0; off + kIvtSize <= limit; off += 0x100) {
    if (off == skip) continue;
    const auto b = flash.read(off, kIvtSize);
    if (is_ivt(b.data(), b.size())) return static_cast<std::uint32_t>(off);
  }
  return std::nullopt;
}

// Flash offset of bus address `a` in an image whose flash offset 0 sits at `image_base`.
std::optional<std::uint64_t> to_flash(std::uint64_t a, std::uint64_t image_base) {
  if (a < image_base) return std::nullopt;
  return a - image_base;
}

void check_entry(const chips::ChipProfile& chip, std::uint64_t image_base,
                 std::uint64_t image_limit, InspectReport& r) {
  const Ivt& ivt = *r.ivt;
  const std::uint32_t entry = ivt.entry;
  const auto off = to_flash(entry, image_base);
  if (!off || entry >= image_limit || !r.flash.covered(*off, 2)) {
    r.add(
        "IVT-ENTRY-OUTSIDE", Severity::kError,
        fmt::format("IVT entry {} is not inside the image ({}-{}): the ROM would jump into nothing",
                    hex32(entry), hex32(image_base),
                    hex32(std::min<std::uint64_t>(image_limit, image_base + r.flash.end()) - 1)));
    return;
  }
  const bool even = (entry & 1) == 0;
  bool vt = false;
  // VTOR needs at least 128-byte alignment, so only such an address can be a vector table.
  if ((entry & 0x7F) == 0 && r.flash.covered(*off, 8)) {
    const std::uint32_t sp = r.flash.u32(*off), reset = r.flash.u32(*off + 4);
    vt = looks_like_vector_table(sp, reset, chip);
    if (vt) {
      r.entry_sp = sp;
      r.entry_reset = reset;
    }
  }
  if (vt) {
    r.entry_kind = "vector table";
    const std::uint32_t reset_addr = *r.entry_reset & ~1u;
    const bool reset_in = reset_addr >= image_base && reset_addr < image_limit;
    r.add("IVT-ENTRY", reset_in ? Severity::kInfo : Severity::kError,
          fmt::format("IVT entry {} points at a vector table (initial SP {}, reset handler {}){}",
                      hex32(entry), hex32(*r.entry_sp), hex32(*r.entry_reset),
                      reset_in ? "; the SDK convention (IVT version 0x41)"
                               : ": the reset handler lies outside the image"));
    const std::uint64_t vt_off = *off;
    const bool over_fcb =
        r.fcb_offset && vt_off < *r.fcb_offset + kFcbSize && vt_off + 8 > *r.fcb_offset;
    const bool over_ivt = r.ivt_offset && vt_off < *r.ivt_offset + kIvtSize + kBootDataSize &&
                          vt_off + 8 > *r.ivt_offset;
    if (over_fcb || over_ivt) {
      r.add("APP-VECTOR-OVER-HEADER", Severity::kError,
            fmt::format("the application vector table at flash offset {:#x} overlaps the {}",
                        vt_off, over_fcb ? "FCB" : "IVT/boot data"));
    }
  } else if (!even) {
    r.entry_kind = "function";
    r.add("IVT-ENTRY", Severity::kInfo,
          fmt::format("IVT entry {} is a Thumb function address (odd): the ROM branches to it "
                      "directly (Teensy / "
                      "IVT version 0x43 convention)",
                      hex32(entry)));
  } else {
    // Teensy 4.0 images boot with an even entry that is code (0x6000_102C), so the ROM must
    // branch there in Thumb state: treat it as a function address (open conflict 3).
    r.entry_kind = "function";
    r.add("IVT-ENTRY-CONVENTION",
          chip.entry_convention == chips::EntryConvention::kVectorTable ? Severity::kError
                                                                        : Severity::kInfo,
          fmt::format("IVT entry {} is even and not a 128-byte aligned vector table: taken as a "
                      "function address "
                      "(the ROM enters it in Thumb state, as Teensy 4.0 images rely on)",
                      hex32(entry)));
  }
}

void check_copy_destination(const chips::ChipProfile& chip, const BootData& bd, InspectReport& r) {
  const chips::RamRegion* reg = chip.ram_at(bd.start);
  if (!reg) {
    r.add("BD-DEST-NOT-RAM", Severity::kError,
          fmt::format("boot_data.start {} is neither the FlexSPI window (XIP) nor RAM of {}: "
                      "nowhere to copy the "
                      "image to",
                      hex32(bd.start), chip.name));
    return;
  }
  if (static_cast<std::uint64_t>(bd.start) + bd.size > reg->range.end()) {
    r.add("BD-DEST-TOO-SMALL", Severity::kError,
          fmt::format(
              "copying {:#x} bytes to {} overruns {} ({}-{}) by {:#x} bytes (field failure F09)",
              bd.size, hex32(bd.start), reg->range.name, hex32(reg->range.base),
              hex32(reg->range.end() - 1),
              static_cast<std::uint64_t>(bd.start) + bd.size - reg->range.end()));
  }
  for (const auto& res : chip.rom_reserved) {
    if (bd.start < res.end() && res.base < static_cast<std::uint64_t>(bd.start) + bd.size) {
      r.add("BD-DEST-ROM-RESERVED", Severity::kError,
            fmt::format(
                "the copy destination {}-{} overlaps {} ({}-{}), which the ROM uses while it boots",
                hex32(bd.start), hex32(static_cast<std::uint64_t>(bd.start) + bd.size - 1),
                res.name, hex32(res.base), hex32(res.end() - 1)));
    }
  }
  if (reg->needs_init && !(r.ivt && r.ivt->dcd)) {
    r.add("BD-DEST-NEEDS-DCD", Severity::kError,
          fmt::format("the image is copied to {} ({}), which is not usable until configured, and "
                      "the IVT has no DCD "
                      "to configure it",
                      hex32(bd.start), reg->range.name));
  }
  r.add("BOOT-NON-XIP", Severity::kInfo,
        fmt::format("non-XIP image: the ROM copies {:#x} bytes from flash offset 0 to {} ({}) and "
                    "runs it there",
                    bd.size, hex32(bd.start), reg->range.name));
}

}  // namespace

void check_ivt(const chips::ChipProfile& chip, InspectReport& r) {
  const std::uint32_t ivt_off = chip.ivt_offset;
  const auto raw = r.flash.read(ivt_off, kIvtSize);
  if (!is_ivt(raw.data(), raw.size())) {
    std::string hint;
    if (auto other = scan_for_ivt(r.flash, ivt_off)) {
      hint = fmt::format(
          "; an IVT sits at flash offset {:#x} instead (the layout of a different boot device or "
          "of "
          "a file placed at the wrong offset)",
          *other);
    }
    const HabHeader h = read_hab_header(raw.data());
    std::string what = describe_location(r.flash, ivt_off, 16, chip);
    if (h.tag == hab_tag::kIvt) {
      what = fmt::format(
          "an IVT tag with length {:#x} and version {:#04x} (expected length 0x20, version "
          "0x40-0x4F)",
          h.length, h.param);
    }
    r.add("IVT-MISSING", Severity::kError,
          fmt::format("no valid IVT at flash offset {:#x}; found {}{}", ivt_off, what, hint));
    return;
  }
  r.ivt_offset = ivt_off;
  r.ivt = decode_ivt(raw.data());
  const Ivt& ivt = *r.ivt;
  // The IVT's own address tells where the ROM must see it; boot data is located relative to it.
  const std::int64_t bd_off =
      static_cast<std::int64_t>(ivt_off) +
      (static_cast<std::int64_t>(ivt.boot_data) - static_cast<std::int64_t>(ivt.self));
  if (ivt.boot_data == 0 || bd_off < 0 ||
      !r.flash.covered(static_cast<std::uint64_t>(bd_off), kBootDataSize)) {
    r.add("BD-MISSING", Severity::kError,
          fmt::format(
              "IVT boot_data pointer {} (IVT self {}) does not point at 16 bytes inside the image",
              hex32(ivt.boot_data), hex32(ivt.self)));
    return;
  }
  r.boot_data =
      decode_boot_data(r.flash.read(static_cast<std::uint64_t>(bd_off), kBootDataSize).data());
  const BootData& bd = *r.boot_data;
  if (bd.size == 0 || bd.size >= kAbsurdSize) {
    r.add("BD-SIZE", Severity::kError,
          fmt::format("boot_data.size {:#x} is {}", bd.size,
                      bd.size == 0 ? "zero: nothing would be loaded"
                                   : "larger than any flash window or RAM"));
  }
  if (bd.plugin) {
    r.add("BD-PLUGIN", bd.plugin > 2 ? Severity::kError : Severity::kWarning,
          fmt::format(
              "boot_data.plugin = {}: {}", bd.plugin,
              bd.plugin > 2
                  ? "not a valid plugin flag"
                  : "plugin image: the ROM calls the entry and expects it to return and name the "
                    "next image"));
  }

  // XIP when the image runs from the FlexSPI window it is stored in.
  std::uint64_t vbase = 0;
  const chips::FlexspiInstance* inst = chip.instance_at(bd.start, &vbase);
  r.xip = inst != nullptr;
  const std::uint64_t expected_self = static_cast<std::uint64_t>(bd.start) + ivt_off;
  if (*r.xip) {
    if (bd.start != vbase) {
      r.add(
          "BD-START-XIP", Severity::kError,
          fmt::format(
              "XIP image with boot_data.start {}: it must be the FlexSPI base {} (flash offset 0)",
              hex32(bd.start), hex32(vbase)));
    } else if (vbase != r.window_base) {
      r.add(
          "BD-START-XIP", Severity::kError,
          fmt::format("boot_data.start {} names the {} window, but the image is stored in {} at {}",
                      hex32(bd.start), inst->name, r.flexspi_instance, hex32(r.window_base)));
    }
    r.add("BOOT-XIP", Severity::kInfo,
          fmt::format("XIP image: runs in place from {} at {}", inst->name, hex32(vbase)));
  } else {
    check_copy_destination(chip, bd, r);
  }
  if (ivt.self != expected_self) {
    r.add("IVT-SELF", Severity::kError,
          fmt::format("IVT self is {} but the IVT sits at flash offset {:#x}, i.e. at {} when the "
                      "image lives at "
                      "boot_data.start {}: the ROM rejects the IVT",
                      hex32(ivt.self), ivt_off, hex32(expected_self), hex32(bd.start)));
  }
  if (bd.size && bd.size < kAbsurdSize && r.flash.end() > bd.size) {
    r.add("BD-SIZE-SHORT", *r.xip ? Severity::kWarning : Severity::kError,
          fmt::format(
              "boot_data.size {:#x} does not cover the image (it reaches flash offset {:#x}): {}",
              bd.size, r.flash.end(),
              *r.xip ? "HAB would authenticate only the first part"
                     : "the ROM copies only the first part and the rest is missing in RAM"));
  }
  const std::uint64_t image_limit =
      static_cast<std::uint64_t>(bd.start) +
      std::min<std::uint64_t>(std::max<std::uint64_t>(bd.size, r.flash.end()), kAbsurdSize);
  check_entry(chip, bd.start, image_limit, r);
}

}  // namespace xipsim::image::detail
