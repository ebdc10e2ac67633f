// Where the file's bytes land in the boot flash.
#include <fmt/format.h>

#include <algorithm>

#include "inspect_internal.h"
#include "xipsim/core/errors.h"
#include "xipsim/image/bytes.h"
#include "xipsim/image/containers.h"

namespace xipsim::image::detail {

namespace {
constexpr std::uint64_t kMaxWindow = 0x10000000;  // largest FlexSPI AHB window (256 MiB)

}  // namespace

BinStartGuess guess_bin_start(const std::vector<std::uint8_t>& b) {
  BinStartGuess g;
  if (auto f = find_ivt(b.data(), b.size())) {
    const Ivt ivt = decode_ivt(b.data() + *f);
    g.ivt_self = ivt.self;
    const std::int64_t bd_file =
        static_cast<std::int64_t>(*f) +
        (static_cast<std::int64_t>(ivt.boot_data) - static_cast<std::int64_t>(ivt.self));
    if (bd_file >= 0 && static_cast<std::uint64_t>(bd_file) + kBootDataSize <= b.size()) {
      const BootData bd = decode_boot_data(b.data() + bd_file);
      g.bd_start = bd.start;
      if (ivt.self >= bd.start) {
        const std::uint64_t d =
            ivt.self - bd.start;  // IVT's flash offset if the image starts at bd.start
        if (d >= *f && d < kMaxWindow) {
          g.start = d - *f;
          g.reasoning = fmt::format(
              "IVT found at file offset {:#x}; IVT self ({}) - boot_data.start ({}) = {:#x}, so "
              "the file's "
              "first byte sits at flash offset {:#x}",
              *f, hex32(ivt.self), hex32(bd.start), d, *g.start);
          return g;
        }
      }
    }
  }
  const bool fcb0 = has_fcb_tag(b.data(), b.size());
  const bool fcb400 = b.size() > 0x400 && has_fcb_tag(b.data() + 0x400, b.size() - 0x400);
  const bool header1000 =
      b.size() > 0x1000 && (is_ivt(b.data() + 0x1000, b.size() - 0x1000) ||
                            decode_ahab(b.data() + 0x1000, b.size() - 0x1000).has_value());
  if (fcb400 && header1000) {
    g.start = 0;
    g.reasoning =
        "FCB tag 'FCFB' at file offset 0x400 (the RT1010/RT116x/RT117x/RT118x FCB offset) and a "
        "boot "
        "header at 0x1000: the file starts at flash offset 0";
  } else if (fcb0 && b.size() > 0xC00 && is_ivt(b.data() + 0xC00, b.size() - 0xC00)) {
    g.start = 0x400;
    g.reasoning =
        "FCB at file offset 0 and IVT at file offset 0xC00: the file starts at flash offset 0x400 "
        "(objcopy output of an image whose FCB sits at 0x400)";
  } else if (fcb0 && b.size() > 0x1000 && is_ivt(b.data() + 0x1000, b.size() - 0x1000)) {
    g.start = 0;
    g.reasoning =
        "FCB at file offset 0 and IVT at file offset 0x1000: the file starts at flash offset 0";
  } else {
    g.reasoning = "no FCB/IVT pair that fixes the file's flash offset";
  }
  return g;
}

namespace {

void place_raw_bin(const LoadedFile& file, const BinStartGuess& guess, const InspectOptions& opt,
                   const chips::ChipProfile& chip, InspectReport& r) {
  const std::vector<std::uint8_t>& bytes = file.segments.front().data;
  const chips::FlexspiInstance* inst = chip.boot_instance();
  std::uint64_t base = inst ? inst->ahb.base : 0;
  if (opt.address) {
    std::uint64_t vbase = 0;
    inst = chip.instance_at(*opt.address, &vbase);
    if (!inst) {
      r.add("LAYOUT-NO-WINDOW", Severity::kError,
            fmt::format(
                "--address {} is outside every FlexSPI window of {}: nothing of this file lands in "
                "the boot flash",
                hex32(*opt.address), chip.name));
      return;
    }
    base = vbase;
    r.file_start_offset = *opt.address - vbase;
    r.placement_reasoning = fmt::format("given: --address {}", hex32(*opt.address));
  } else if (opt.offset) {
    r.file_start_offset = *opt.offset;
    r.placement_reasoning = fmt::format("given: --offset {:#x}", *opt.offset);
  } else if (guess.start) {
    r.file_start_offset = guess.start;
    r.file_start_inferred = true;
    r.placement_reasoning = guess.reasoning;
    // An IVT that names a window of this chip (e.g. RT1170 images linked for FlexSPI2) wins.
    std::uint64_t vbase = 0;
    if (guess.bd_start) {
      if (const auto* i = chip.instance_at(*guess.bd_start, &vbase)) {
        inst = i;
        base = vbase;
      }
    }
    r.add("LAYOUT-OFFSET-INFERRED", Severity::kInfo, r.placement_reasoning);
  } else {
    r.file_start_offset = 0;
    r.placement_reasoning =
        "raw bin with no usable FCB/IVT placement; assumed to start at flash offset 0";
    r.add("LAYOUT-OFFSET-ASSUMED", Severity::kWarning,
          fmt::format(
              "cannot tell where this raw bin belongs in flash ({}); assumed flash offset 0 - pass "
              "--offset or --address if that is wrong",
              guess.reasoning));
  }
  if (inst) r.flexspi_instance = inst->name;
  r.window_base = base;
  if (inst && *r.file_start_offset + bytes.size() > inst->ahb.size) {
    r.add("LAYOUT-BEYOND-WINDOW", Severity::kError,
          fmt::format("the file ends at flash offset {:#x}, beyond the {} window ({} MiB)",
                      *r.file_start_offset + bytes.size(), inst->name, inst->ahb.size >> 20));
  }
  r.flash.add(*r.file_start_offset, bytes.data(), bytes.size());
}

void place_addressed(const LoadedFile& file, const chips::ChipProfile& chip, InspectReport& r) {
  // Pick the window: the boot instance if the file touches it, else the one holding the lowest
  // in-window address.
  const chips::FlexspiInstance* target = nullptr;
  std::uint64_t target_base = 0;
  for (const auto& s : file.segments) {
    std::uint64_t b = 0;
    const auto* inst = chip.instance_at(s.address, &b);
    if (!inst) continue;
    if (!target || (inst->boot && !target->boot)) {
      target = inst;
      target_base = b;
    }
  }
  if (!target) {
    r.add("LAYOUT-NO-WINDOW", Severity::kError,
          fmt::format("no byte of this file lies in a FlexSPI window of {} (the file covers "
                      "{}-{}): it is not a "
                      "flash image for this chip{}",
                      chip.name, hex32(file.lowest()), hex32(file.highest_end() - 1),
                      file.lowest() < 0x20000
                          ? "; addresses this low are ITCM, a RAM image linked to run there"
                          : ""));
    for (const auto& s : file.segments)
      r.outside_ranges.push_back({s.address, s.end()});
    return;
  }
  r.flexspi_instance = target->name;
  r.window_base = target_base;
  for (const auto& s : file.segments) {
    std::uint64_t b = 0;
    const auto* inst = chip.instance_at(s.address, &b);
    if (inst == target && b == target_base) {
      const std::uint64_t off = s.address - target_base;
      const std::uint64_t room = target->ahb.size - off;
      r.flash.add(off, s.data.data(),
                  static_cast<std::size_t>(std::min<std::uint64_t>(room, s.data.size())));
      if (s.data.size() > room)
        r.outside_ranges.push_back({target_base + target->ahb.size, s.end()});
    } else {
      r.outside_ranges.push_back({s.address, s.end()});
    }
  }
  r.file_start_offset = r.flash.lowest();
  r.placement_reasoning =
      fmt::format("addresses in the {} window at {}: flash offset = address - {}", target->name,
                  hex32(target_base), hex32(target_base));
  for (const auto& o : r.outside_ranges) {
    r.add_at(
        "LAYOUT-OUTSIDE-WINDOW", Severity::kWarning,
        fmt::format(
            "{}-{} lies outside the {} window and is not part of the flash image (a programmer "
            "would write it elsewhere or refuse it)",
            hex32(o.begin), hex32(o.end - 1), target->name),
        o.begin);
  }
}

}  // namespace

void place_image(const LoadedFile& file, const BinStartGuess& guess, const InspectOptions& opt,
                 const chips::ChipProfile& chip, InspectReport& r) {
  if (file.has_addresses) {
    if (opt.offset || opt.address) {
      throw InputError(
          fmt::format("{}: --offset/--address apply to raw .bin files only; this {} file carries "
                      "its own addresses",
                      file.path, format_name(file.format)));
    }
    place_addressed(file, chip, r);
  } else {
    place_raw_bin(file, guess, opt, chip, r);
  }
  if (r.flash.empty()) return;
  const chips::FlexspiInstance* boot = chip.boot_instance();
  if (boot && !r.flexspi_instance.empty() && r.flexspi_instance != boot->name) {
    const chips::FlexspiInstance* used = nullptr;
    for (const auto& f : chip.flexspi) {
      if (f.name == r.flexspi_instance) used = &f;
    }
    // The ROM reads the FCB from the boot instance; the fuse that selects another instance
    // (RT1170 FLEXSPI2) is not modelled, so with default fuses that instance's flash is empty.
    r.add("LAYOUT-NOT-BOOT-INSTANCE", Severity::kError,
          fmt::format("the image sits in the {} window ({}), but the {} ROM boots from {} at "
                      "{}{}{}",
                      r.flexspi_instance, hex32(r.window_base), chip.name, boot->name,
                      hex32(boot->ahb.base),
                      used && used->boot_by_fuse
                          ? " unless fuses select " + used->name + " (not modelled)"
                          : "",
                      used && !used->boot_note.empty() ? "; " + used->boot_note : ""));
  }
}

}  // namespace xipsim::image::detail
