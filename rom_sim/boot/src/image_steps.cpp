// Initial load, IVT, boot data, XIP-or-copy and the jump (§7.3 steps 6, 7, 11; §6.2, §6.3).
#include <fmt/format.h>

#include "xipsim/core/hex.h"

#include <algorithm>

#include "rom_run.h"
#include "xipsim/boot/rom_log.h"

namespace xipsim::boot {

namespace {
constexpr std::size_t kLine = 32;         // the ROM reads flash in cache-line sized bursts
constexpr std::size_t kCopyChunk = 4096;  // and copies in blocks of this size
std::uint32_t le32(const std::uint8_t* p) {
  return p[0] | p[1] << 8 | p[2] << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}
}  // namespace

bool RomRun::read_image(std::uint32_t address, std::uint8_t* out, std::size_t len) {
  const std::uint64_t offset = address - instance_->ahb.base;  // callers stay in the window
  for (std::size_t done = 0; done < len; done += kLine) {
    if (!driver_->ahb_read(offset + done, out + done, std::min(kLine, len - done))) return false;
  }
  return true;
}

void RomRun::load_initial(std::uint64_t image_offset) {
  log(romlog::kReadDataCall);
  initial_.assign(chip_.initial_load_size, 0);
  if (!read_image(image_address(), initial_.data(), initial_.size())) {
    log(romlog::kReadDataFail);
    fail("initial_load",
         fmt::format("Reading the first 0x{:X} bytes at {} through the AHB window ended in a bus "
                     "error (the FlexSPI reported a sequence or AHB bus timeout).",
                     initial_.size(), hex32(image_address())));
  }
  log(romlog::kReadDataPass);
  step("initial_load", fmt::format("The ROM reads the initial load: 0x{:X} bytes from flash offset "
                                   "0x{:X} through the AHB window at {}.",
                                   initial_.size(), image_offset, hex32(image_address())));
  check_time();
}

void RomRun::check_ivt() {
  const std::uint8_t* p = initial_.data() + chip_.ivt_offset;
  if (!image::is_ivt(p, initial_.size() - chip_.ivt_offset)) {
    fail("ivt",
         fmt::format("No valid IVT at flash offset 0x{:X}: header bytes {:02X} {:02X} {:02X} "
                     "{:02X}, expected tag D1, length 00 20, version 0x4x.",
                     image_offset_ + chip_.ivt_offset, p[0], p[1], p[2], p[3]));
  }
  ivt_ = image::decode_ivt(p);
  report_.ivt = ivt_;
  report_.entry = ivt_.entry;
  step("ivt", fmt::format("Found the IVT at flash offset 0x{:X}: entry {}, self {}, boot data {}, "
                          "DCD {}, CSF {}.",
                          image_offset_ + chip_.ivt_offset, hex32(ivt_.entry), hex32(ivt_.self),
                          hex32(ivt_.boot_data), ivt_.dcd ? hex32(ivt_.dcd) : "none",
                          ivt_.csf ? hex32(ivt_.csf) : "none"));
}

void RomRun::check_boot_data() {
  const std::uint64_t image_at = std::uint64_t{ivt_.self} - chip_.ivt_offset;
  const std::uint64_t bd_off = std::uint64_t{ivt_.boot_data} - image_at;
  if (ivt_.boot_data < image_at || bd_off + image::kBootDataSize > initial_.size())
    fail("boot_data", fmt::format("IVT boot_data {} is not inside the initial load ({} + 0x{:X}).",
                                  hex32(ivt_.boot_data), hex32(image_at), initial_.size()));
  bd_ = image::decode_boot_data(initial_.data() + bd_off);
  report_.boot_data = bd_;
  if (bd_.start != image_at)
    fail("boot_data",
         fmt::format("IVT self ({}) is not inside the image that starts at boot_data.start ({}): "
                     "self - 0x{:X} must equal start, so the addresses the image was linked for "
                     "do not match its header.",
                     hex32(ivt_.self), hex32(bd_.start), chip_.ivt_offset));
  const auto& window = instance_->ahb;
  if (window.contains(bd_.start)) {
    xip_ = true;
    if (bd_.start != image_address())
      fail("boot_data",
           fmt::format("boot_data.start {} is in the FlexSPI window but the ROM found this image "
                       "at {}: the image was linked for another flash address.",
                       hex32(bd_.start), hex32(image_address())));
  } else {
    xip_ = false;
    const chips::RamRegion* ram = chip_.ram_at(bd_.start);
    if (!ram)
      fail("boot_data",
           fmt::format("boot_data.start {} is neither in {}'s window ({} - {}) nor in RAM: the "
                       "ROM cannot execute or copy the image there.",
                       hex32(bd_.start), instance_->name, hex32(window.base),
                       hex32(window.end() - 1)));
    if (ram->needs_init)
      fail("boot_data", fmt::format("boot_data.start {} is in {}, which needs its controller set "
                                    "up (DCD); external RAM is not modelled.",
                                    hex32(bd_.start), ram->range.name));
    // The destination may run across adjacent RAM regions (RT1170 OCRAM1 + OCRAM2).
    std::uint64_t covered = bd_.start;
    const std::uint64_t dest_end = std::uint64_t{bd_.start} + bd_.size;
    for (const chips::RamRegion* r = ram; r && !r->needs_init && covered < dest_end;
         r = chip_.ram_at(covered))
      covered = r->range.end();
    if (covered < dest_end)
      fail("boot_data",
           fmt::format("The copy of boot_data.size 0x{:X} bytes to {} does not fit in RAM: {} "
                       "ends at {}.",
                       bd_.size, hex32(bd_.start), ram->range.name, hex32(covered - 1)));
    for (const chips::AddressRange& r : chip_.rom_reserved) {
      if (bd_.start < r.end() && r.base < std::uint64_t{bd_.start} + bd_.size)
        fail("boot_data",
             fmt::format("The copy destination {} - {} overlaps {} ({} - {}), which the ROM "
                         "uses itself.",
                         hex32(bd_.start), hex32(std::uint64_t{bd_.start} + bd_.size - 1), r.name,
                         hex32(r.base), hex32(r.end() - 1)));
    }
    if (bd_.size < chip_.initial_load_size)
      fail("boot_data", fmt::format("boot_data.size 0x{:X} is smaller than the initial load "
                                    "(0x{:X}).",
                                    bd_.size, chip_.initial_load_size));
  }
  report_.xip = xip_;
  if (bd_.plugin)
    fail("plugin",
         fmt::format("boot_data.plugin = {}: this is a plugin image; the ROM would call it and "
                     "boot the image it returns. Running plugin code needs CPU emulation, which "
                     "xipsim does not have yet.",
                     bd_.plugin));
  step("boot_data",
       xip_ ? fmt::format("Boot data: start {} (the FlexSPI window), size 0x{:X}: the image "
                          "executes in place (XIP).",
                          hex32(bd_.start), bd_.size)
            : fmt::format("Boot data: start {} (RAM), size 0x{:X}: the ROM will copy the image "
                          "there (non-XIP).",
                          hex32(bd_.start), bd_.size));
}

void RomRun::copy_image() {
  if (xip_) return;
  std::vector<std::uint8_t> block(kCopyChunk);
  for (std::uint64_t done = 0; done < bd_.size; done += kCopyChunk) {
    const std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(kCopyChunk, bd_.size - done));
    if (!read_image(image_address() + static_cast<std::uint32_t>(done), block.data(), n)) {
      log(romlog::kReadDataFail);
      fail("load", fmt::format("Copying the image: reading flash offset 0x{:X} ended in a bus "
                               "error.",
                               image_offset_ + done));
    }
    if (!bus_.write(bd_.start + done, block.data(), n))
      fail("load", fmt::format("Copying the image: writing {} failed (bus error).",
                               hex32(bd_.start + done)));
    check_time();
  }
  report_.load_address = bd_.start;
  report_.load_size = bd_.size;
  step("load", fmt::format("The ROM copies 0x{:X} bytes from flash offset 0x{:X} to {}.", bd_.size,
                           image_offset_, hex32(bd_.start)));
}

void RomRun::enter_image() {
  const std::uint32_t entry = ivt_.entry;
  const std::uint64_t image_end = std::uint64_t{bd_.start} + bd_.size;
  const bool in_window = instance_->ahb.contains(entry);
  if (!(entry >= bd_.start && entry < image_end) && !in_window && !chip_.ram_at(entry))
    fail("entry", fmt::format("IVT entry {} lies outside the image ({} - {}) and outside "
                              "memory the CPU can execute from.",
                              hex32(entry), hex32(bd_.start), hex32(image_end - 1)));
  bool vector_table = false;
  switch (chip_.entry_convention) {
    case chips::EntryConvention::kVectorTable:
      vector_table = true;
      break;
    case chips::EntryConvention::kFunction:
      vector_table = false;
      break;
    // Open conflict 3: odd = Thumb function; even and 128-byte aligned (VTOR) = vector table;
    // other even addresses are entered as functions (Teensy 4.0 boots that way).
    case chips::EntryConvention::kAuto:
      vector_table = (entry & 0x7Fu) == 0;
      break;
  }
  std::uint32_t pc = entry | 1u;
  if (vector_table) {
    std::uint8_t v[8];
    if (!bus_.read(entry, v, 8))
      fail("entry",
           fmt::format("Reading the vector table at {} failed (bus error).", hex32(entry)));
    report_.initial_sp = le32(v);
    pc = le32(v + 4);
    report_.entry_kind = "vector table";
    if ((pc & 1u) == 0) {
      step("entry",
           fmt::format("The vector table at {} gives reset handler {}, an even address: "
                       "the CPU would fault on the first instruction (Thumb bit clear).",
                       hex32(entry), hex32(pc)),
           false);
      throw StepFailure{"entry", fmt::format("reset vector {} has the Thumb bit clear", hex32(pc)),
                        true};
    }
  } else {
    report_.entry_kind = "function";
  }
  report_.pc = pc;
  log(romlog::kProgramImageCall);
  report_.verdict = Verdict::kBooted;
  step("entry",
       vector_table
           ? fmt::format("The ROM jumps to the application: vector table at {}, initial "
                         "SP {}, reset handler {}.",
                         hex32(entry), hex32(*report_.initial_sp), hex32(pc))
           : fmt::format("The ROM branches to the entry {} as a Thumb function.", hex32(entry)));
}

}  // namespace xipsim::boot
