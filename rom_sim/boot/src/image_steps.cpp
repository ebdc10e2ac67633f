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
  enforce(image::rom_rules::ivt_header(p, initial_.size() - chip_.ivt_offset,
                                       image_offset_ + chip_.ivt_offset));
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
  const auto at = image::rom_rules::boot_data_offset(ivt_, chip_, initial_.size());
  enforce(at.refusal);
  bd_ = image::decode_boot_data(initial_.data() + at.offset);
  report_.boot_data = bd_;
  const auto d = image::rom_rules::boot_data(ivt_, bd_, chip_, *instance_, image_address());
  xip_ = d.xip;
  report_.xip = xip_;
  enforce(d.refusal);
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
    if (!bus_.write(bd_.start + done, block.data(), n)) {
      const chips::RamRegion* ram = chip_.ram_at(bd_.start + static_cast<std::uint32_t>(done));
      fail("load", fmt::format("Copying the image: writing {} failed (bus error){}.",
                               hex32(bd_.start + done),
                               ram && ram->needs_init
                                   ? fmt::format(": {} answers only inside the window SEMC BR0 "
                                                 "opens, and the DCD left it closed or smaller",
                                                 ram->range.name)
                                   : ""));
    }
    check_time();
  }
  report_.load_address = bd_.start;
  report_.load_size = bd_.size;
  step("load", fmt::format("The ROM copies 0x{:X} bytes from flash offset 0x{:X} to {}.", bd_.size,
                           image_offset_, hex32(bd_.start)));
}

void RomRun::enter_image() {
  const std::uint32_t entry = ivt_.entry;
  enforce(image::rom_rules::entry_target(entry, bd_, chip_, *instance_));
  // The ROM looks at the first two words to tell a vector table from code (open conflict 3).
  std::uint8_t v[8];
  const bool readable = bus_.read(entry & ~1u, v, 8);
  const bool vector_table =
      image::rom_rules::entry_is_vector_table(entry, readable ? v : nullptr, chip_);
  std::uint32_t pc = entry | 1u;
  if (vector_table) {
    report_.initial_sp = le32(v);
    pc = le32(v + 4);
    report_.entry_kind = "vector table";
    enforce(image::rom_rules::reset_vector(entry, pc));
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
