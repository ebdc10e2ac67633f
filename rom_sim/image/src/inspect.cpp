#include "xipsim/image/inspect.h"

#include <fmt/format.h>

#include <algorithm>

#include "inspect_internal.h"
#include "xipsim/core/errors.h"

namespace xipsim::image {

bool FlashPartFacts::answers_spi_read(std::uint8_t opcode, unsigned address_bits) const {
  return std::any_of(reads.begin(), reads.end(), [&](const Read& rd) {
    return rd.cmd_pads == 1 && rd.opcode == opcode && rd.addr_bits == address_bits &&
           rd.mode_cycles + rd.dummy_cycles == 0;
  });
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "?";
}

bool InspectReport::has_errors() const {
  for (const auto& f : findings) {
    if (f.severity == Severity::kError) return true;
  }
  return false;
}

void InspectReport::add(const std::string& id, Severity sev, const std::string& message) {
  findings.push_back(Finding{id, sev, message, 1, std::nullopt, std::nullopt});
}

void InspectReport::add_at(const std::string& id, Severity sev, const std::string& message,
                           std::uint64_t address) {
  for (Finding& f : findings) {
    if (f.id == id && f.severity == sev && f.first_address) {
      ++f.count;
      f.last_address = address;
      return;
    }
  }
  findings.push_back(Finding{id, sev, message, 1, address, address});
}

namespace detail {

bool report(InspectReport& r, const rom_rules::Decision& d, std::optional<std::uint64_t> address) {
  if (!d) return false;
  Severity sev = d->stops_boot(r.hab_closed) ? Severity::kError : Severity::kWarning;
  // An unsigned image on an open chip is the normal case, not a risk.
  if (d->id == "CSF-NONE" && !r.hab_closed) sev = Severity::kInfo;
  if (address)
    r.add_at(d->id, sev, d->message, *address);
  else
    r.add(d->id, sev, d->message);
  return true;
}

const chips::FlexspiInstance* image_instance(const chips::ChipProfile& chip,
                                             const InspectReport& r) {
  for (const auto& f : chip.flexspi)
    if (f.name == r.flexspi_instance) return &f;
  return chip.boot_instance();
}

}  // namespace detail

namespace {

void inspect_unsupported(const chips::ChipProfile& chip, InspectReport& r) {
  r.family_unsupported = true;
  r.add("CHIP-UNSUPPORTED", Severity::kError,
        fmt::format("{}: {}", chip.name, chip.unsupported_reason));
  for (std::uint32_t fcb_off : {chip.fcb_offset, chip.fcb_offset ? 0u : 0x400u}) {
    const auto fcb = r.flash.read(fcb_off, kFcbSize);
    if (auto f = decode_fcb(fcb.data(), fcb.size())) {
      r.fcb_offset = fcb_off;
      r.fcb = f;
      break;
    }
  }
  const auto c = r.flash.read(0x1000, 0x400);
  if (auto a = decode_ahab(c.data(), c.size())) {
    r.ahab = a;
    r.ahab_offset = 0x1000;
    r.add("AHAB-CONTAINER", Severity::kInfo,
          fmt::format("AHAB container at flash offset 0x1000 with {} image(s){}", a->num_images,
                      a->images.empty() ? std::string()
                                        : fmt::format("; image 0 loads to {:#x}, entry {:#x}",
                                                      a->images[0].load, a->images[0].entry)));
  }
}

// With --chip: when the layout plainly belongs to other chips (FCB offset, window addresses),
// say so first, before the findings of checking it against the wrong chip.
void say_if_other_chip(const LoadedFile& file, const detail::BinStartGuess& guess,
                       const chips::ChipCatalog& catalog, const chips::ChipProfile& chip,
                       InspectReport& r) {
  InspectReport scratch;
  detail::infer_chip(file, guess, catalog, scratch);
  const auto& c = scratch.chip_candidates;
  if (c.empty() || c.size() == catalog.all().size() ||
      std::find(c.begin(), c.end(), chip.name) != c.end())
    return;
  std::string names;
  for (std::size_t i = 0; i < c.size(); ++i)
    names += (i == 0 ? "" : i + 1 == c.size() ? " or " : ", ") + c[i];
  r.add("CHIP-MISMATCH", Severity::kWarning,
        fmt::format("this image is laid out for {} ({}), not {}: the findings below are what "
                    "the {} ROM makes of it",
                    names, scratch.chip_reasoning, chip.name, chip.name));
}

}  // namespace

InspectReport inspect(const LoadedFile& file, const InspectOptions& opt,
                      const chips::ChipCatalog& catalog) {
  InspectReport r;
  r.hab_closed = opt.hab_closed;
  r.path = file.path;
  r.format = file.format;
  r.file_size = file.file_size;
  r.file_entry = file.entry;
  r.loader_notes = file.notes;
  for (const auto& s : file.segments)
    r.file_ranges.push_back({s.address, s.end()});

  const std::optional<FlashPartFacts>& part = opt.flash_part;

  detail::check_containers(file, r);
  const detail::BinStartGuess guess = file.has_addresses
                                          ? detail::BinStartGuess{}
                                          : detail::guess_bin_start(file.segments.front().data);

  const chips::ChipProfile* chip = nullptr;
  if (opt.chip) {
    chip = &catalog.get(*opt.chip);
    r.chip = chip->name;
    r.chip_given = true;
    say_if_other_chip(file, guess, catalog, *chip, r);
  } else {
    chip = detail::infer_chip(file, guess, catalog, r);
  }
  if (!chip) {
    r.add("CHIP-UNKNOWN", Severity::kError,
          "cannot tell which chip this image is for; pass --chip");
    return r;
  }
  detail::place_image(file, guess, opt, *chip, r);
  if (!chip->supported) {
    inspect_unsupported(*chip, r);
    return r;
  }
  if (r.flash.empty()) return r;
  detail::check_fcb(*chip, catalog, part ? &*part : nullptr, opt.boot_cfg, r);
  detail::check_ivt(*chip, r);
  detail::check_dcd_csf_xmcd(*chip, r);
  detail::find_mcuboot_slots(r);
  return r;
}

}  // namespace xipsim::image
