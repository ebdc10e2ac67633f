#include "xipsim/host/flashloader.h"

#include <fmt/format.h>

#include <algorithm>

#include "xipsim/host/sfdp_probe.h"

namespace xipsim::host {

namespace nd = nor_driver;

namespace {
constexpr unsigned kFlexspiNorMemoryId = 9;
constexpr unsigned kExternalMemoryAttributes = 25;  // blhost property tags
constexpr unsigned kCurrentVersion = 1, kAvailableCommands = 7, kMaxPacketSize = 11;
constexpr std::size_t kVerifyChunk = 1024;
constexpr std::uint64_t kWindowBytes = 256ull << 20;  // FlexSPI AHB window (boot-reference §1.1)
}  // namespace

Flashloader::Flashloader(nd::BusAccess& bus, const chips::ChipProfile& chip, std::size_t instance,
                         std::uint64_t clock_base)
    : bus_(bus), chip_(chip), driver_(bus, nd::driver_target(chip, instance, clock_base)) {}

nd::Status Flashloader::nor(unsigned code) const {
  return static_cast<nd::Status>(driver_.target().status_group * 100 + code);
}

bool Flashloader::in_ram(std::uint64_t address, std::uint64_t len) const {
  const chips::RamRegion* r = chip_.ram_at(address);
  return r && !r->needs_init && len <= r->range.end() - address;
}

bool Flashloader::in_window(std::uint64_t address) const {
  const std::uint64_t base = driver_.target().ahb_base;
  return address >= base && address - base < kWindowBytes;
}

bool Flashloader::in_flash(std::uint64_t address, std::uint64_t len) const {
  const std::uint64_t base = driver_.target().ahb_base;
  const std::uint64_t size = configured_
                                 ? std::uint64_t{fcb_.sflash_a1_size} + fcb_.sflash_a2_size +
                                       fcb_.sflash_b1_size + fcb_.sflash_b2_size
                                 : 0;
  return address >= base && address - base + len <= size;
}

CommandResult Flashloader::run(const BlhostCommand& c) {
  CommandResult r;
  if (c.name == "configure-memory") return configure_memory(c);
  if (c.name == "flash-erase-region") return erase_region(c);
  if (c.name == "flash-erase-all") return erase_all(c);
  if (c.name == "write-memory") return write_memory(blhost_number(c.args[0]), c.data);
  if (c.name == "read-memory") return read_memory(c);
  if (c.name == "fill-memory") return fill_memory(c);
  if (c.name == "get-property") return get_property(c);
  r.status = fl_status::kUnknownCommand;
  r.text = "unknown command";
  return r;
}

CommandResult Flashloader::configure_memory(const BlhostCommand& c) {
  CommandResult r;
  const auto id = blhost_number(c.args[0]);
  const auto at = blhost_number(c.args[1]);
  if (id != kFlexspiNorMemoryId) {
    r.status = nd::status::kInvalidArgument;
    r.text = fmt::format("memory id {} is not modelled (only 9, FlexSPI NOR)", id);
    return r;
  }
  // The option block must sit in RAM the flashloader may read (is_valid_application_location).
  std::vector<std::uint8_t> block(image::kFcbSize);
  if (!in_ram(at, block.size()) || !bus_.read(at, block.data(), block.size())) {
    r.status = nd::status::kInvalidArgument;
    r.text = fmt::format("the configuration at 0x{:X} is not in RAM", at);
    return r;
  }
  const std::uint32_t word0 =
      block[0] | block[1] << 8 | block[2] << 16 | static_cast<std::uint32_t>(block[3]) << 24;
  image::Fcb fcb;
  if (word0 >> 28 == 0xC) {
    ConfigOption o;
    o.option0 = word0;
    o.option1 =
        block[4] | block[5] << 8 | block[6] << 16 | static_cast<std::uint32_t>(block[7]) << 24;
    configured_ = false;
    ProbeResult p = probe_sfdp(driver_, o);
    r.log = p.log;
    if (p.status != nd::status::kSuccess) {
      r.status = p.status;
      r.text = fmt::format("option 0x{:08X}: the SFDP probe failed with {}", word0,
                           nd::status_name(p.status));
      return r;
    }
    fcb = p.fcb;
  } else if (word0 == image::kFcbTag) {
    const auto decoded = image::decode_fcb(block.data(), block.size());
    fcb = *decoded;
    r.log.push_back("a complete FCB ('FCFB'): used as it is");
  } else {
    r.status = nd::status::kInvalidArgument;
    r.text =
        fmt::format("0x{:08X} at 0x{:X} is neither an option word (tag 0xC) nor an FCB", word0, at);
    return r;
  }
  configured_ = false;
  r.status = driver_.init(fcb);
  if (r.status != nd::status::kSuccess) {
    r.text = fmt::format("initialising the flash from the configuration failed with {}",
                         nd::status_name(r.status));
    return r;
  }
  driver_.clear_cache();
  fcb_ = fcb;
  configured_ = true;
  r.text = fmt::format("FlexSPI NOR configured: {:.0f} MHz, page {} B, sector {} KiB",
                       driver_.sclk_mhz(), fcb.page_size, fcb.sector_size / 1024);
  return r;
}

CommandResult Flashloader::erase_region(const BlhostCommand& c) {
  CommandResult r;
  const auto address = blhost_number(c.args[0]);
  const auto len = blhost_number(c.args[1]);
  if (!configured_) {
    r.status = fl_status::kMemoryNotConfigured;
    r.text = "FlexSPI NOR is not configured (run configure-memory first)";
    return r;
  }
  if (len == 0 || !in_flash(address, len)) {
    r.status = fl_status::kMemoryRangeInvalid;
    r.text = fmt::format("0x{:X}+0x{:X} is not inside the configured flash", address, len);
    return r;
  }
  const std::uint64_t off = address - driver_.target().ahb_base;
  const std::uint32_t sector = fcb_.sector_size;
  const std::uint64_t first = off - off % sector;
  const std::uint64_t end = (off + len + sector - 1) / sector * sector;
  r.status =
      driver_.erase(static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(end - first));
  if (r.status != nd::status::kSuccess) {
    r.text =
        fmt::format("erasing 0x{:X}..0x{:X} failed with {}", first, end, nd::status_name(r.status));
    return r;
  }
  // FLEXSPI_NOR_ERASE_VERIFY: the erased range must read back as FF through the AHB window.
  std::vector<std::uint8_t> buf(kVerifyChunk);
  for (std::uint64_t a = first; a < end; a += kVerifyChunk) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(kVerifyChunk, end - a));
    const bool ok = driver_.ahb_read(a, buf.data(), n);
    const auto bad = std::find_if(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n),
                                  [](std::uint8_t b) { return b != 0xFF; });
    if (!ok || bad != buf.begin() + static_cast<std::ptrdiff_t>(n)) {
      r.status = nor(nd::status::kCommandFailure);
      r.text = ok ? fmt::format("erase verify failed: offset 0x{:X} reads 0x{:02X}, not 0xFF",
                                a + static_cast<std::uint64_t>(bad - buf.begin()), *bad)
                  : fmt::format("erase verify failed: bus error reading offset 0x{:X}", a);
      return r;
    }
  }
  r.text = fmt::format("erased and verified 0x{:X}..0x{:X}", first, end);
  return r;
}

nd::Status Flashloader::program_flash(std::uint32_t offset, const std::vector<std::uint8_t>& data) {
  const std::uint32_t page = fcb_.page_size ? fcb_.page_size : 256;
  if (offset % page) return nor(nd::status::kWriteAlignmentError);
  std::vector<std::uint8_t> buf(page), back(page);
  for (std::size_t done = 0; done < data.size(); done += page) {
    const std::size_t n = std::min<std::size_t>(page, data.size() - done);
    std::fill(buf.begin(), buf.end(), 0xFF);  // flush fills the rest of the page with FF
    std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(done), n, buf.begin());
    const std::uint32_t a = offset + static_cast<std::uint32_t>(done);
    const nd::Status s = driver_.page_program(a, buf.data(), page);
    if (s != nd::status::kSuccess) return s;
    // Verify through the memory-mapped window (flexspi_nor_memory_check).
    if (!driver_.ahb_read(a, back.data(), page) || back != buf)
      return nor(nd::status::kCommandFailure);
  }
  return nd::status::kSuccess;
}

CommandResult Flashloader::write_memory(std::uint64_t address,
                                        const std::vector<std::uint8_t>& data) {
  CommandResult r;
  if (data.empty()) {
    r.status = nd::status::kInvalidArgument;
    r.text = "no data to write";
    return r;
  }
  if (in_ram(address, data.size())) {
    r.status = bus_.write(address, data.data(), data.size()) ? nd::status::kSuccess
                                                             : fl_status::kMemoryRangeInvalid;
    r.text = fmt::format("wrote {} bytes to RAM at 0x{:X}", data.size(), address);
    return r;
  }
  if (!configured_ && in_window(address)) {
    r.status = fl_status::kMemoryNotConfigured;
    r.text = "FlexSPI NOR is not configured (run configure-memory first)";
    return r;
  }
  if (!in_flash(address, data.size())) {
    r.status = fl_status::kMemoryRangeInvalid;
    r.text =
        fmt::format("0x{:X}+0x{:X} is neither RAM nor the configured flash", address, data.size());
    return r;
  }
  const auto off = static_cast<std::uint32_t>(address - driver_.target().ahb_base);
  r.status = program_flash(off, data);
  r.text = r.status == nd::status::kSuccess
               ? fmt::format("programmed and verified {} bytes at 0x{:X}", data.size(), address)
               : fmt::format("writing {} bytes at 0x{:X} failed with {}", data.size(), address,
                             nd::status_name(r.status));
  return r;
}

CommandResult Flashloader::read_memory(const BlhostCommand& c) {
  CommandResult r;
  const auto address = blhost_number(c.args[0]);
  const auto len = blhost_number(c.args[1]);
  r.data.resize(static_cast<std::size_t>(len));
  bool ok = false;
  if (in_ram(address, len)) {
    ok = bus_.read(address, r.data.data(), r.data.size());
  } else if (in_flash(address, len)) {
    ok = driver_.ahb_read(address - driver_.target().ahb_base, r.data.data(), r.data.size());
  } else if (!configured_ && in_window(address)) {
    r.status = fl_status::kMemoryNotConfigured;
    r.text = "FlexSPI NOR is not configured (run configure-memory first)";
    r.data.clear();
    return r;
  }
  if (!ok) {
    r.status = fl_status::kMemoryRangeInvalid;
    r.text = fmt::format("0x{:X}+0x{:X} cannot be read", address, len);
    r.data.clear();
    return r;
  }
  r.text = fmt::format("read {} bytes at 0x{:X}", len, address);
  return r;
}

CommandResult Flashloader::fill_memory(const BlhostCommand& c) {
  const auto address = blhost_number(c.args[0]);
  const auto len = blhost_number(c.args[1]);
  const auto pattern = static_cast<std::uint32_t>(blhost_number(c.args[2]));
  const std::string unit = c.args.size() > 3 ? c.args[3] : "word";
  const unsigned width = unit == "byte" ? 1 : unit == "short" ? 2 : 4;
  std::vector<std::uint8_t> data(static_cast<std::size_t>(len));
  for (std::size_t i = 0; i < data.size(); ++i)
    data[i] = static_cast<std::uint8_t>(pattern >> (8 * (i % width)));
  CommandResult r = write_memory(address, data);
  if (r.status == nd::status::kSuccess)
    r.text = fmt::format("filled {} bytes at 0x{:X} with 0x{:X} ({})", len, address, pattern, unit);
  return r;
}

// flash-erase-all on memory 9: every sector of the configured flash (the public flashloader
// erases the whole FlexSPI NOR as the FCB's sizes give it).
CommandResult Flashloader::erase_all(const BlhostCommand& c) {
  const auto id = c.args.empty() ? 0 : blhost_number(c.args[0]);
  if (id != kFlexspiNorMemoryId) {
    CommandResult r;
    r.status = nd::status::kInvalidArgument;
    r.text = fmt::format("memory id {} is not modelled (only 9, FlexSPI NOR)", id);
    return r;
  }
  const std::uint64_t size = configured_
                                 ? std::uint64_t{fcb_.sflash_a1_size} + fcb_.sflash_a2_size +
                                       fcb_.sflash_b1_size + fcb_.sflash_b2_size
                                 : 1;
  BlhostCommand region{
      "flash-erase-region",
      {fmt::format("0x{:X}", driver_.target().ahb_base), fmt::format("0x{:X}", size)},
      {},
      c.text};
  return erase_region(region);
}

// Properties of the flashloader itself: the version spsdk's RT105x flashloader answers (K2.8.0,
// serial-protocols.md §1a), the commands this model runs (bit tag - 1, MCU-boot's HAS_CMD), the
// RT flashloader's 512-byte packets (MCB bootloader_config.h).
std::optional<std::uint32_t> Flashloader::own_property(std::uint64_t tag) {
  switch (tag) {
    case kCurrentVersion:
      return 0x4B020800u;
    case kAvailableCommands:
      return (1u << (0x01 - 1)) | (1u << (0x02 - 1)) | (1u << (0x03 - 1)) | (1u << (0x04 - 1)) |
             (1u << (0x05 - 1)) | (1u << (0x07 - 1)) | (1u << (0x0B - 1)) | (1u << (0x11 - 1));
    case kMaxPacketSize:
      return 512u;
    default:
      return std::nullopt;
  }
}

CommandResult Flashloader::get_property(const BlhostCommand& c) {
  CommandResult r;
  const auto tag = blhost_number(c.args[0]);
  const auto id = c.args.size() > 1 ? blhost_number(c.args[1]) : 0;
  if (const auto v = own_property(tag)) {
    r.values = {*v};
    r.text = fmt::format("property {} = 0x{:08X}", tag, *v);
    return r;
  }
  if (tag != kExternalMemoryAttributes) {
    r.status = fl_status::kUnknownProperty;
    r.text = fmt::format("property {} is not modelled (1, 7, 11 and 25 are)", tag);
    return r;
  }
  if (id != kFlexspiNorMemoryId || !configured_) {
    r.status =
        id != kFlexspiNorMemoryId ? nd::status::kInvalidArgument : fl_status::kMemoryNotConfigured;
    r.text = "external memory attributes need memory id 9, configured";
    return r;
  }
  const std::uint32_t size =
      fcb_.sflash_a1_size + fcb_.sflash_a2_size + fcb_.sflash_b1_size + fcb_.sflash_b2_size;
  // Valid-field flags, start address, size in KiB, page, sector, block.
  r.values = {0x1F,
              static_cast<std::uint32_t>(driver_.target().ahb_base),
              size / 1024,
              fcb_.page_size,
              fcb_.sector_size,
              fcb_.block_size};
  r.text = fmt::format(
      "Start Address = 0x{:08X}  Total Size = {} KB  Page Size = {}  Sector Size "
      "= {} KB  Block Size = {} KB",
      r.values[1], r.values[2], r.values[3], r.values[4] / 1024, r.values[5] / 1024);
  return r;
}

}  // namespace xipsim::host
