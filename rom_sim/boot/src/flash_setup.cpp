#include "flash_setup.h"

#include <fmt/format.h>

#include "xipsim/boot/boot_args.h"
#include "xipsim/chips/chip_catalog.h"
#include "xipsim/core/errors.h"
#include "xipsim/image/inspect.h"

namespace xipsim::boot {

namespace {
// The part a flash argument names: its instance (the boot FlexSPI when none is given) and port.
flash::NorDevice* device_of(const FlashArg& f, soc::Platform& p) {
  const int i = p.instance_index(f.instance.empty() ? p.chip().boot_instance()->name : f.instance);
  return p.flash(static_cast<std::size_t>(i), f.port);
}
}  // namespace

void set_flash_registers(const BootRequest& r, soc::Platform& p, std::vector<std::string>& notes) {
  if (!r.quad_enable && r.flash_registers.empty()) return;
  flash::NorDevice* d = device_of(r.flashes.front(), p);
  const flash::PartSpec& part = d->part();
  for (const auto& [name, value] : r.flash_registers) {
    if (part.register_index(name) < 0) {
      std::string known;
      for (const auto& reg : part.registers)
        known += (known.empty() ? "" : ", ") + reg.name;
      throw InputError(fmt::format("flash register {}: {} has no register '{}' (it has {})", name,
                                   part.name, name, known));
    }
    d->set_register(name, value);
    notes.push_back(
        fmt::format("{} register {} set to 0x{:X} before power-on", part.name, name, value));
  }
  if (r.quad_enable) {
    if (!part.has_quad_enable()) {
      notes.push_back(part.name + " has no QE bit (quad I/O always available)");
      return;
    }
    const auto& reg = part.registers[static_cast<std::size_t>(part.bits.qe.reg)];
    d->set_register(reg.name, d->nonvolatile_register(reg.name) | part.bits.qe.mask());
    notes.push_back(
        fmt::format("{}: QE bit set in {} (non-volatile) before power-on", part.name, reg.name));
  }
}

namespace {

// One file's bytes in one flash part, for the overlap check.
struct PlacedRange {
  std::string path, instance;
  std::uint64_t begin = 0, end = 0;  // flash offsets [begin, end)
};

image::InspectReport place_file(const ImageArg& a, const chips::ChipProfile& chip) {
  const image::LoadedFile file = image::load_file(a.path);
  image::InspectOptions opt;
  opt.chip = chip.name;
  if (a.at) {
    if (file.has_addresses)
      throw InputError(
          fmt::format("{}: an address or flash offset is only for raw binaries; this "
                      "{} file carries its own addresses",
                      a.path, image::format_name(file.format)));
    const bool address = a.at_kind == ImageArg::At::kEither ? chip.instance_at(*a.at) != nullptr
                                                            : a.at_kind == ImageArg::At::kAddress;
    (address ? opt.address : opt.offset) = *a.at;
  }
  image::InspectReport placed = image::inspect(file, opt, chips::ChipCatalog::builtin());
  if (!placed.file_start_offset || placed.flash.empty())
    throw InputError(
        fmt::format("{}: cannot tell where this file goes in flash ({}); give "
                    "its bus address or flash offset",
                    a.path, placed.placement_reasoning));
  return placed;
}

// Writes every image into the flash part of the FlexSPI instance its addresses name, as a
// factory programmer would; two files writing the same bytes are an input error.
}  // namespace

void place_images(const BootRequest& request, const chips::ChipProfile& chip,
                  soc::Platform& platform, std::vector<std::string>& notes) {
  std::vector<PlacedRange> done;
  for (const ImageArg& a : request.images) {
    const image::InspectReport placed = place_file(a, chip);
    const int index = platform.instance_index(placed.flexspi_instance);
    flash::NorDevice* dev = nullptr;
    unsigned port = 0;
    for (unsigned p = 0; p < 4 && index >= 0 && !dev; ++p) {
      dev = platform.flash(static_cast<std::size_t>(index), p);
      port = p;
    }
    if (!dev)
      throw InputError(
          fmt::format("{}: the image belongs to {} (window 0x{:08X}), where no "
                      "flash part is attached",
                      a.path, placed.flexspi_instance, placed.window_base));
    std::uint64_t bytes = 0;
    for (const image::Segment& s : placed.flash.segments()) {
      bytes += s.data.size();
      if (s.end() > dev->part().size_bytes)
        throw InputError(
            fmt::format("{}: bytes up to flash offset 0x{:X} do not fit in {} ({} "
                        "bytes)",
                        a.path, s.end(), dev->part().name, dev->part().size_bytes));
      const PlacedRange r{a.path, placed.flexspi_instance, s.address, s.end()};
      for (const PlacedRange& o : done)
        if (o.instance == r.instance && o.path != r.path && r.begin < o.end && o.begin < r.end)
          throw InputError(fmt::format(
              "{} (flash offset 0x{:X}-0x{:X}) overlaps {} (0x{:X}-0x{:X}) on {}: two images "
              "would write the same flash bytes",
              r.path, r.begin, r.end - 1, o.path, o.begin, o.end - 1, r.instance));
      done.push_back(r);
      dev->array().write(s.address, s.data.data(), s.data.size());
    }
    notes.push_back(
        fmt::format("{}: {} bytes written at flash offset 0x{:X} of the {} part on "
                    "{} port {}",
                    a.path, bytes, *placed.file_start_offset, dev->part().name,
                    placed.flexspi_instance, port_name(port)));
  }
}

void apply_patches(const BootRequest& request, soc::Platform& platform,
                   std::vector<std::string>& notes) {
  for (const FlashPatch& patch : request.patches) {
    flash::NorDevice* dev = device_of(request.flashes.at(patch.flash), platform);
    if (patch.offset + patch.data.size() > dev->part().size_bytes)
      throw InputError(fmt::format("{}: bytes up to offset 0x{:X} do not fit in {} ({} bytes)",
                                   patch.source, patch.offset + patch.data.size(), dev->part().name,
                                   dev->part().size_bytes));
    dev->array().write(patch.offset, patch.data.data(), patch.data.size());
    notes.push_back(fmt::format("{}: {} bytes written at flash offset 0x{:X} of {}", patch.source,
                                patch.data.size(), patch.offset, dev->part().name));
  }
}

}  // namespace xipsim::boot
