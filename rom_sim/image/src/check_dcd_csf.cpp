// DCD, CSF and XMCD checks (boot-reference §6.4-6.6).
#include <fmt/format.h>

#include <algorithm>

#include "inspect_internal.h"

namespace xipsim::image::detail {

namespace {

std::optional<std::uint64_t> flash_offset_of(const InspectReport& r, std::uint32_t address) {
  const std::int64_t off =
      static_cast<std::int64_t>(*r.ivt_offset) +
      (static_cast<std::int64_t>(address) - static_cast<std::int64_t>(r.ivt->self));
  if (off < 0) return std::nullopt;
  return static_cast<std::uint64_t>(off);
}

std::string block_name(const chips::ChipProfile& chip, std::uint32_t a) {
  const auto* p = chip.peripheral_at(a);
  return p ? fmt::format(" ({}+{:#x})", p->name, a - p->base) : std::string();
}

void check_dcd(const chips::ChipProfile& chip, InspectReport& r) {
  const std::uint32_t addr = r.ivt->dcd;
  const auto off = flash_offset_of(r, addr);
  if (!off || !r.flash.covered(*off, 4) || !is_dcd_header(r.flash.read(*off, 4).data(), 4)) {
    r.add("DCD-MISSING", Severity::kError,
          fmt::format("IVT points at a DCD at {} but there is no DCD header (tag 0xD2, version "
                      "0x4x) there: the "
                      "ROM stops the boot",
                      detail::hex32(addr)));
    return;
  }
  r.dcd_offset = static_cast<std::uint32_t>(*off);
  const std::size_t avail =
      static_cast<std::size_t>(std::min<std::uint64_t>(r.flash.end() - *off, 0x10000));
  const auto bytes = r.flash.read(*off, avail);
  r.dcd = decode_dcd(bytes.data(), bytes.size(), static_cast<int>(chip.dcd_check_encoding));
  const Dcd& dcd = *r.dcd;
  if (chip.dcd_max_size && dcd.header.length > *chip.dcd_max_size) {
    r.add("DCD-SIZE", Severity::kError,
          fmt::format("DCD is {} bytes; the ROM accepts at most {} bytes", dcd.header.length,
                      *chip.dcd_max_size));
  }
  for (const auto& p : dcd.problems)
    r.add("DCD-MALFORMED", Severity::kError, p);
  std::size_t writes = 0;
  for (const auto& c : dcd.commands) {
    writes += c.writes.size();
    if (chip.dcd_ranges_known) {
      for (const auto& w : c.writes) {
        const bool ok = std::any_of(chip.dcd_writable.begin(), chip.dcd_writable.end(),
                                    [&](const chips::AddressRange& g) {
                                      return g.contains(w.address, c.width ? c.width : 4);
                                    });
        if (!ok) {
          r.add("DCD-TARGET", Severity::kError,
                fmt::format(
                    "DCD write to {}{} at DCD+{:#x} is outside the ranges the {} ROM accepts; DCD "
                    "processing stops there",
                    detail::hex32(w.address), block_name(chip, w.address), c.offset, chip.name));
        }
      }
    }
    if (c.header.tag == hab_tag::kCheckData) {
      if (c.check_kind == DcdCheckKind::kAmbiguous ||
          ((c.header.param & 0x18) == 0x08 || (c.header.param & 0x18) == 0x10)) {
        r.add("DCD-CHECK-ENCODING", Severity::kWarning,
              fmt::format("check at DCD+{:#x} uses parameter {:#04x}: sources disagree on its "
                          "condition (open "
                          "conflict 4); read here as '{}'",
                          c.offset, c.header.param, c.name));
      }
      if (!c.check_count) {
        r.add("DCD-CHECK-FOREVER", Severity::kInfo,
              fmt::format("check at DCD+{:#x} on {}{} has no poll count: the ROM polls until the "
                          "condition holds",
                          c.offset, detail::hex32(c.check_address),
                          block_name(chip, c.check_address)));
      }
    }
  }
  if (!chip.dcd_ranges_known && writes) {
    r.add("DCD-RANGES-UNKNOWN", Severity::kInfo,
          fmt::format("the DCD write ranges the {} ROM accepts are not documented (open conflict "
                      "9); targets not "
                      "checked",
                      chip.name));
  }
  r.add("DCD-PRESENT", Severity::kInfo,
        fmt::format("DCD at {} ({} bytes, {} commands, {} register writes)", detail::hex32(addr),
                    dcd.header.length, dcd.commands.size(), writes));
}

void check_csf(InspectReport& r) {
  const std::uint32_t addr = r.ivt->csf;
  const auto off = flash_offset_of(r, addr);
  if (off && r.flash.covered(*off, 4) && is_csf_header(r.flash.read(*off, 4).data(), 4)) {
    r.csf_present = true;
    r.add("CSF-PRESENT", Severity::kInfo,
          fmt::format("CSF at {}: the image is signed for HAB (signature verification is out of "
                      "scope here; a "
                      "closed chip checks it, an open chip logs HAB events and boots)",
                      detail::hex32(addr)));
    return;
  }
  std::string what = "beyond the end of the image (blank flash)";
  if (off && r.flash.touches(*off, 16)) {
    const auto b = r.flash.read(*off, 16);
    const bool blank = std::all_of(b.begin(), b.end(), [](std::uint8_t x) { return x == 0xFF; }) ||
                       std::all_of(b.begin(), b.end(), [](std::uint8_t x) { return x == 0x00; });
    what = blank ? "into blank (0xFF/0x00) bytes" : "at bytes that are not a CSF header (tag 0xD4)";
  }
  r.add("CSF-BLANK", Severity::kWarning,
        fmt::format("IVT csf pointer {} points {}: a HAB-closed chip refuses this image; an open "
                    "chip logs HAB "
                    "events and boots",
                    detail::hex32(addr), what));
}

}  // namespace

void check_dcd_csf_xmcd(const chips::ChipProfile& chip, InspectReport& r) {
  if (!r.ivt) return;
  if (r.ivt->dcd) check_dcd(chip, r);
  if (r.ivt->csf) check_csf(r);
  if (chip.has_xmcd) {
    const std::uint64_t off = *r.ivt_offset + 0x40;
    const bool inside_dcd =
        r.dcd_offset && off >= *r.dcd_offset && off < *r.dcd_offset + r.dcd->header.length;
    if (!inside_dcd && r.flash.covered(off, 4)) {
      r.xmcd = decode_xmcd_header(r.flash.read(off, 4).data(), 4);
      if (r.xmcd) {
        r.add("XMCD-PRESENT", Severity::kInfo,
              fmt::format("XMCD at flash offset {:#x}: {} memory, {} configuration, {} bytes", off,
                          r.xmcd->interface == 0   ? "FlexSPI RAM"
                          : r.xmcd->interface == 1 ? "SEMC SDRAM"
                                                   : "unknown",
                          r.xmcd->type == 0 ? "simplified" : "full", r.xmcd->block_size));
      }
    }
  }
}

void check_containers(const LoadedFile& file, InspectReport& r) {
  const Segment& first = file.segments.front();
  if (auto m = decode_mcuboot(first.data.data(), first.data.size())) {
    r.mcuboot = m;
    std::string tlvs;
    for (const auto& t : m->tlvs)
      tlvs += (tlvs.empty() ? "" : ", ") + t.name;
    r.add("MCUBOOT-SLOT-IMAGE", Severity::kError,
          fmt::format("this is an MCUboot slot image (header magic 0x96F3B83D, version "
                      "{}.{}.{}+{}, {:#x} bytes, "
                      "TLVs: {}): it belongs in an MCUboot slot, not at the start of the boot "
                      "flash; the ROM needs "
                      "the MCUboot bootloader image with FCB and IVT there",
                      m->ver_major, m->ver_minor, m->ver_revision, m->ver_build, m->img_size,
                      tlvs.empty() ? "none found" : tlvs));
  }
}

}  // namespace xipsim::image::detail
