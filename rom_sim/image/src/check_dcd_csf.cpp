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

void check_dcd_check(const chips::ChipProfile& chip, const DcdCommand& c, InspectReport& r) {
  if (c.check_kind == DcdCheckKind::kAmbiguous ||
      ((c.header.param & 0x18) == 0x08 || (c.header.param & 0x18) == 0x10)) {
    r.add_at("DCD-CHECK-ENCODING", Severity::kWarning,
             fmt::format("check at DCD+{:#x} uses parameter {:#04x}: sources disagree on its "
                         "condition (open conflict 4); read here as '{}'",
                         c.offset, c.header.param, c.name),
             c.check_address);
  }
  if (!c.check_count) {
    r.add_at(
        "DCD-CHECK-FOREVER", Severity::kInfo,
        fmt::format("check at DCD+{:#x} on {}{} has no poll count: the ROM polls until the "
                    "condition holds",
                    c.offset, detail::hex32(c.check_address), block_name(chip, c.check_address)),
        c.check_address);
  }
}

void check_dcd(const chips::ChipProfile& chip, InspectReport& r) {
  const std::uint32_t addr = r.ivt->dcd;
  if (r.boot_data && r.xip) {
    const chips::FlexspiInstance* inst = image_instance(chip, r);
    if (inst && report(r, rom_rules::dcd_location(*r.ivt, *r.boot_data, *r.xip,
                                                  chip.initial_load_size, *inst)
                              .refusal))
      return;
  }
  const auto off = flash_offset_of(r, addr);
  const bool readable = off && r.flash.covered(*off, 4);
  const auto head = readable ? r.flash.read(*off, 4) : std::vector<std::uint8_t>{};
  if (report(r, rom_rules::dcd_header(head.data(), head.size(), addr, chip)) &&
      r.findings.back().id == "DCD-MISSING")
    return;
  r.dcd_offset = static_cast<std::uint32_t>(*off);
  const std::size_t avail =
      static_cast<std::size_t>(std::min<std::uint64_t>(r.flash.end() - *off, 0x10000));
  const auto bytes = r.flash.read(*off, avail);
  r.dcd = decode_dcd(bytes.data(), bytes.size(), static_cast<int>(chip.dcd_check_encoding));
  const Dcd& dcd = *r.dcd;
  report(r, rom_rules::dcd_content(dcd));  // the first problem: where DCD processing stops
  for (std::size_t i = 1; i < dcd.problems.size(); ++i)
    r.add("DCD-MALFORMED", Severity::kWarning, dcd.problems[i]);
  std::size_t writes = 0;
  for (const auto& c : dcd.commands) {
    writes += c.writes.size();
    for (const auto& w : c.writes)
      report(r, rom_rules::dcd_write_target(chip, w.address, c.width, c.offset), w.address);
    if (c.header.tag == hab_tag::kCheckData) check_dcd_check(chip, c, r);
  }
  if (!chip.dcd_ranges_known && writes) {
    r.add("DCD-RANGES-UNKNOWN", Severity::kInfo,
          fmt::format("the DCD write ranges the {} ROM accepts are not documented (open conflict "
                      "9); targets not checked",
                      chip.name));
  }
  r.add("DCD-PRESENT", Severity::kInfo,
        fmt::format("DCD at {} ({} bytes, {} commands, {} register writes)", detail::hex32(addr),
                    dcd.header.length, dcd.commands.size(), writes));
}

void check_csf(InspectReport& r) {
  const std::uint32_t addr = r.ivt->csf;
  const auto off = addr ? flash_offset_of(r, addr) : std::nullopt;
  const bool readable = off && r.flash.covered(*off, 4);
  const auto head = readable ? r.flash.read(*off, 4) : std::vector<std::uint8_t>{};
  if (report(r, rom_rules::csf(*r.ivt, readable ? head.data() : nullptr))) return;
  r.csf_present = true;
  r.add("CSF-PRESENT", Severity::kInfo,
        fmt::format("CSF at {}: the image is signed for HAB (signature verification is out of "
                    "scope here; a closed chip checks it, an open chip logs HAB events and boots)",
                    detail::hex32(addr)));
}

}  // namespace

void check_dcd_csf_xmcd(const chips::ChipProfile& chip, InspectReport& r) {
  if (!r.ivt) return;
  if (r.ivt->dcd) check_dcd(chip, r);
  check_csf(r);
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

void find_mcuboot_slots(InspectReport& r) {
  // MCUboot slots start on a flash sector (4 KiB at least); the boot header area is not one.
  constexpr std::uint64_t kStep = 0x1000;
  for (const Segment& s : r.flash.segments()) {
    for (std::uint64_t off = (s.address + kStep - 1) / kStep * kStep; off + 32 <= s.end();
         off += kStep) {
      if (off == 0 && r.mcuboot) continue;  // the file itself, reported by check_containers
      const std::size_t avail =
          static_cast<std::size_t>(std::min<std::uint64_t>(s.end() - off, 0x100000));
      const std::uint8_t* p = s.data.data() + (off - s.address);
      if (p[0] != 0x3D || p[1] != 0xB8 || p[2] != 0xF3 || p[3] != 0x96) continue;
      if (auto m = decode_mcuboot(p, avail)) {
        r.mcuboot_slots.push_back({off, *m});
        r.add("MCUBOOT-SLOT", Severity::kInfo,
              fmt::format("MCUboot image header at flash offset {:#x} ({}): version {}.{}.{}+{}, "
                          "{:#x} bytes of image, loaded by the bootloader, not by the ROM",
                          off, hex32(r.window_base + off), m->ver_major, m->ver_minor,
                          m->ver_revision, m->ver_build, m->img_size));
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
