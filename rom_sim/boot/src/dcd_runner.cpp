// DCD execution through the bus (§6.4): write / clear bits / set bits, check with poll count,
// nop, unlock; size and write-range limits. A rule the ROM enforces stops DCD processing and
// records a HAB event: the boot goes on while HAB is open and fails when it is closed.
#include <fmt/format.h>

#include "xipsim/core/hex.h"

#include <algorithm>

#include "rom_run.h"

namespace xipsim::boot {

namespace {

bool check_met(image::DcdCheckKind kind, std::uint32_t value, std::uint32_t mask) {
  switch (kind) {
    case image::DcdCheckKind::kAllClear:
      return (value & mask) == 0;
    case image::DcdCheckKind::kAllSet:
      return (value & mask) == mask;
    case image::DcdCheckKind::kAnyClear:
      return (value & mask) != mask;
    case image::DcdCheckKind::kAnySet:
      return (value & mask) != 0;
    case image::DcdCheckKind::kAmbiguous:
      return false;
  }
  return false;
}

class DcdBus {
 public:
  explicit DcdBus(TlmBus& bus) : bus_(bus) {}
  bool read(std::uint32_t a, unsigned width, std::uint32_t* v) {
    std::uint8_t b[4] = {0, 0, 0, 0};
    if (!bus_.read(a, b, width)) return false;
    *v = b[0] | b[1] << 8 | b[2] << 16 | static_cast<std::uint32_t>(b[3]) << 24;
    return true;
  }
  bool write(std::uint32_t a, unsigned width, std::uint32_t v) {
    const std::uint8_t b[4] = {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8),
                               static_cast<std::uint8_t>(v >> 16),
                               static_cast<std::uint8_t>(v >> 24)};
    return bus_.write(a, b, width);
  }

 private:
  TlmBus& bus_;
};
}  // namespace

std::vector<std::uint8_t> RomRun::dcd_bytes(const image::rom_rules::DcdAt& at) {
  // The DCD comes from the initial load, or for an XIP image from anywhere in the flash window.
  std::vector<std::uint8_t> bytes;
  if (at.source == image::rom_rules::DcdSource::kInitialLoad) {
    bytes.assign(initial_.begin() + static_cast<std::ptrdiff_t>(at.offset), initial_.end());
    return bytes;
  }
  bytes.resize(4);
  if (!read_image(ivt_.dcd, bytes.data(), 4))
    fail("dcd", fmt::format("Reading the DCD header at {} failed (bus error).", hex32(ivt_.dcd)));
  const std::size_t len = std::min<std::size_t>(image::read_hab_header(bytes.data()).length,
                                                chip_.dcd_max_size.value_or(0xFFFF));
  if (len > 4 && instance_->ahb.contains(ivt_.dcd, len)) {
    bytes.resize(len);
    if (!read_image(ivt_.dcd, bytes.data(), len))
      fail("dcd", fmt::format("Reading the DCD at {} failed (bus error).", hex32(ivt_.dcd)));
  }
  return bytes;
}

bool RomRun::dcd_refused(const image::rom_rules::Decision& d) {
  if (!d) return false;
  report_.hab_events.push_back("DCD: " + d->message);
  if (d->stops_boot(closed_))
    fail("dcd", "DCD rejected: " + d->message + ". HAB is closed, so the boot stops.");
  step("dcd", "DCD processing stops: " + d->message + " (HAB open: event logged, boot continues).",
       false);
  return true;
}

bool RomRun::dcd_write(const image::DcdCommand& c, unsigned* writes) {
  DcdBus io(bus_);
  const bool mask = c.header.param & 0x08, set = c.header.param & 0x10;
  for (const auto& w : c.writes) {
    if (dcd_refused(image::rom_rules::dcd_write_target(chip_, w.address, c.width, c.offset)))
      return false;
    std::uint32_t v = w.value;
    if (mask) {
      std::uint32_t old = 0;
      if (!io.read(w.address, c.width, &old))
        fail("dcd", fmt::format("DCD read of {} failed (bus error).", hex32(w.address)));
      v = set ? (old | w.value) : (old & ~w.value);
    }
    if (!io.write(w.address, c.width, v))
      fail("dcd", fmt::format("DCD write to {} failed (bus error).", hex32(w.address)));
    ++*writes;
  }
  return true;
}

bool RomRun::dcd_check(const image::DcdCommand& c) {
  if (c.check_count && *c.check_count == 0) return true;  // count 0 acts as a NOP
  DcdBus io(bus_);
  for (std::uint64_t polls = 0;;) {
    std::uint32_t v = 0;
    if (!io.read(c.check_address, c.width, &v))
      fail("dcd", fmt::format("DCD check read of {} failed (bus error).", hex32(c.check_address)));
    if (check_met(c.check_kind, v, c.check_mask)) return true;
    ++polls;
    if (c.check_count && polls >= *c.check_count) {
      dcd_refused(image::rom_rules::Refusal{
          "DCD-CHECK-FAILED", "dcd", image::rom_rules::Effect::kHabEvent,
          fmt::format("check {} of {} & 0x{:08X} still false after {} polls",
                      image::dcd_check_kind_name(c.check_kind), hex32(c.check_address),
                      c.check_mask, polls)});
      return false;
    }
    if (bus_.now() - report_.start_time > options_.time_limit)
      throw StepFailure{"dcd",
                        fmt::format("DCD check at DCD+0x{:X} ({} of {} & 0x{:08X}) has no poll "
                                    "count and never became true: the ROM polls forever.",
                                    c.offset, image::dcd_check_kind_name(c.check_kind),
                                    hex32(c.check_address), c.check_mask),
                        true};
  }
}

void RomRun::run_dcd() {
  if (ivt_.dcd == 0) return;
  namespace rules = image::rom_rules;
  const rules::DcdAt at = rules::dcd_location(ivt_, bd_, xip_, initial_.size(), *instance_);
  enforce(at.refusal);
  const std::vector<std::uint8_t> bytes = dcd_bytes(at);
  if (dcd_refused(rules::dcd_header(bytes.data(), bytes.size(), ivt_.dcd, chip_))) return;
  const image::Dcd dcd =
      image::decode_dcd(bytes.data(), bytes.size(), static_cast<int>(chip_.dcd_check_encoding));
  if (dcd_refused(rules::dcd_content(dcd))) return;
  unsigned writes = 0, checks = 0;
  for (const image::DcdCommand& c : dcd.commands) {
    check_time();
    ++report_.dcd_commands_run;
    if (c.header.tag == image::hab_tag::kWriteData && !dcd_write(c, &writes)) return;
    if (c.header.tag == image::hab_tag::kCheckData) {
      ++checks;
      if (!dcd_check(c)) return;
    }
  }
  step("dcd", fmt::format("The ROM runs the DCD at {}: {} commands, {} register writes, {} checks.",
                          hex32(ivt_.dcd), dcd.commands.size(), writes, checks));
}

}  // namespace xipsim::boot
