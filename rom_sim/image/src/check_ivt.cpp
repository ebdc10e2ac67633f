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

void check_entry(const chips::ChipProfile& chip, const chips::FlexspiInstance& inst,
                 std::uint64_t image_limit, InspectReport& r) {
  const Ivt& ivt = *r.ivt;
  const BootData& bd = *r.boot_data;
  const std::uint32_t entry = ivt.entry;
  if (report(r, rom_rules::entry_target(entry, bd, chip, inst))) return;
  const auto off = to_flash(entry, bd.start);
  const bool in_image = off && entry < image_limit && r.flash.covered(*off, 2);
  if (!in_image)
    r.add("IVT-ENTRY-OUTSIDE-IMAGE", Severity::kWarning,
          fmt::format("IVT entry {} is outside the image ({}-{}): the ROM jumps there, into "
                      "whatever that memory holds",
                      hex32(entry), hex32(bd.start),
                      hex32(std::min<std::uint64_t>(image_limit, bd.start + r.flash.end()) - 1)));
  const bool words_known = in_image && r.flash.covered(*off, 8);
  const auto words = words_known ? r.flash.read(*off, 8) : std::vector<std::uint8_t>{};
  if (!rom_rules::entry_is_vector_table(entry, words_known ? words.data() : nullptr, chip)) {
    if (!words_known && (entry & 0x7F) == 0) return;  // what the ROM will read is unknown
    r.entry_kind = "function";
    r.add("IVT-ENTRY", Severity::kInfo,
          fmt::format("IVT entry {} is taken as a Thumb function: the ROM branches to it directly "
                      "({}; open conflict 3)",
                      hex32(entry),
                      entry & 1 ? "an odd address, the Teensy / IVT version 0x43 convention"
                                : "not a vector table (128-byte aligned, RAM stack pointer, Thumb "
                                  "reset handler), as Teensy 4.0 and rst-ivt images rely on"));
    return;
  }
  r.entry_kind = "vector table";
  const std::uint32_t sp = r.flash.u32(*off), reset = r.flash.u32(*off + 4);
  r.entry_sp = sp;
  r.entry_reset = reset;
  if (report(r, rom_rules::reset_vector(entry, reset))) return;
  const std::uint32_t reset_addr = reset & ~1u;
  const bool reset_in = reset_addr >= bd.start && reset_addr < image_limit;
  r.add("IVT-ENTRY", reset_in ? Severity::kInfo : Severity::kWarning,
        fmt::format("IVT entry {} is taken as a vector table (initial SP {}, reset handler {}){}",
                    hex32(entry), hex32(sp), hex32(reset),
                    reset_in ? "; the SDK convention (IVT version 0x41)"
                             : ": the reset handler lies outside the image"));
  const std::uint64_t vt_off = *off;
  const bool over_fcb =
      r.fcb_offset && vt_off < *r.fcb_offset + kFcbSize && vt_off + 8 > *r.fcb_offset;
  const bool over_ivt = r.ivt_offset && vt_off < *r.ivt_offset + kIvtSize + kBootDataSize &&
                        vt_off + 8 > *r.ivt_offset;
  if (over_fcb || over_ivt) {
    r.add("APP-VECTOR-OVER-HEADER", Severity::kWarning,
          fmt::format("the application vector table at flash offset {:#x} overlaps the {}: the "
                      "CPU starts from header bytes",
                      vt_off, over_fcb ? "FCB" : "IVT/boot data"));
  }
}

void describe_copy(const chips::ChipProfile& chip, const BootData& bd, InspectReport& r) {
  const chips::RamRegion* reg = chip.ram_at(bd.start);
  if (!reg) return;
  r.add("BOOT-NON-XIP", Severity::kInfo,
        fmt::format("non-XIP image: the ROM copies {:#x} bytes from flash offset 0 to {} ({}) and "
                    "runs it there",
                    bd.size, hex32(bd.start), reg->range.name));
}

// What sits where the IVT should, and where an IVT is instead.
void report_missing_ivt(const chips::ChipProfile& chip, const std::vector<std::uint8_t>& raw,
                        InspectReport& r) {
  const std::uint32_t ivt_off = chip.ivt_offset;
  std::string hint;
  if (auto other = scan_for_ivt(r.flash, ivt_off)) {
    hint = fmt::format(
        "; an IVT sits at flash offset {:#x} instead (the layout of a different boot device or "
        "of a file placed at the wrong offset)",
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
}

}  // namespace

void check_ivt(const chips::ChipProfile& chip, InspectReport& r) {
  const std::uint32_t ivt_off = chip.ivt_offset;
  const auto raw = r.flash.read(ivt_off, kIvtSize);
  if (rom_rules::ivt_header(raw.data(), raw.size(), ivt_off)) {
    report_missing_ivt(chip, raw, r);
    return;
  }
  r.ivt_offset = ivt_off;
  r.ivt = decode_ivt(raw.data());
  const Ivt& ivt = *r.ivt;
  const auto bd_at = rom_rules::boot_data_offset(ivt, chip, chip.initial_load_size);
  if (report(r, bd_at.refusal)) return;
  r.boot_data = decode_boot_data(r.flash.read(bd_at.offset, kBootDataSize).data());
  const BootData& bd = *r.boot_data;
  // The rules run against the window the image is stored in (the boot instance, or the one a
  // LAYOUT finding names).
  const chips::FlexspiInstance* inst = image_instance(chip, r);
  if (!inst) return;
  const auto d = rom_rules::boot_data(ivt, bd, chip, *inst, r.window_base);
  r.xip = d.xip;
  const bool refused = report(r, d.refusal);
  if (d.xip && (bd.size == 0 || bd.size >= kAbsurdSize)) {
    r.add("BD-SIZE", Severity::kWarning,
          fmt::format("boot_data.size {:#x} is {}", bd.size,
                      bd.size == 0 ? "zero: nothing would be authenticated or copied"
                                   : "larger than any flash window or RAM"));
  }
  if (refused) return;
  if (bd.plugin == 1)
    r.add("BD-PLUGIN", Severity::kInfo,
          fmt::format("plugin image: the ROM calls the entry {} as a function and boots the image "
                      "it returns (start, size, IVT offset); which one that is, only running the "
                      "plugin tells (xipsim boot does)",
                      hex32(ivt.entry | 1u)));
  if (d.xip)
    r.add("BOOT-XIP", Severity::kInfo,
          fmt::format("XIP image: runs in place from {} at {}", inst->name, hex32(bd.start)));
  else
    describe_copy(chip, bd, r);
  if (!d.xip && r.fcb)
    report(r, rom_rules::ahb_range(*r.fcb, 0, bd.size, "the copy of the image", "load"));
  if (bd.size && bd.size < kAbsurdSize && r.flash.end() > bd.size) {
    r.add("BD-SIZE-SHORT", Severity::kWarning,
          fmt::format(
              "boot_data.size {:#x} does not cover the image (it reaches flash offset {:#x}): {}",
              bd.size, r.flash.end(),
              d.xip ? "HAB would authenticate only the first part"
                    : "the ROM copies only the first part and the rest is missing in RAM"));
  }
  const std::uint64_t image_limit =
      static_cast<std::uint64_t>(bd.start) +
      std::min<std::uint64_t>(std::max<std::uint64_t>(bd.size, r.flash.end()), kAbsurdSize);
  check_entry(chip, *inst, image_limit, r);
}

}  // namespace xipsim::image::detail
