#include "xipsim/cpu/xip_window.h"

#include <fmt/format.h>

#include <cstring>

namespace xipsim::cpu {

XipWindow::XipWindow(std::string name, std::uint32_t base, std::uint32_t size, WindowBus& bus,
                     L1Cache& dcache, const bool& dcache_on)
    : name_(std::move(name)),
      base_(base),
      size_(size),
      bus_(bus),
      dcache_(dcache),
      dcache_on_(dcache_on) {}

XipWindow::Page& XipWindow::page(std::uint32_t address) {
  const std::uint32_t number = address / kPage;
  if (last_page_ && last_number_ == number) return *last_page_;
  std::unique_ptr<Page>& p = pages_[number];
  if (!p) p = std::make_unique<Page>();
  last_number_ = number;
  last_page_ = p.get();
  return *p;
}

void XipWindow::remember(std::uint32_t address, const std::uint8_t* bytes, unsigned len) {
  const unsigned o = address % kPage;
  if (o + len <= kPage && (o % 64) + len <= 64) {  // the usual case: one page, one mask word
    Page& p = page(address);
    std::memcpy(&p.bytes[o], bytes, len);
    p.known[o / 64] |= ((len >= 64 ? 0ull : (1ull << len)) - 1) << (o % 64);
    return;
  }
  for (unsigned i = 0; i < len; ++i)
    remember(address + i, bytes + i, 1);
}

bool XipWindow::seen(std::uint32_t address, std::uint8_t* out, unsigned len) const {
  for (unsigned i = 0; i < len; ++i) {
    const auto it = pages_.find((address + i) / kPage);
    const unsigned o = (address + i) % kPage;
    if (it == pages_.end() || !(it->second->known[o / 64] & (1ull << (o % 64)))) return false;
    out[i] = it->second->bytes[o];
  }
  return true;
}

std::uint32_t XipWindow::read(std::uint64_t offset, unsigned size) {
  const std::uint32_t address = base_ + static_cast<std::uint32_t>(offset);
  std::uint8_t bytes[8] = {};
  size = size > 4 ? 4 : size;  // Unicorn splits wider accesses
  if (dcache_on_) {
    int slot = dcache_.lookup(address);
    const std::uint32_t line = dcache_.line_of(address);
    if (slot < 0) {
      slot = dcache_.allocate(address);
      if (!bus_.window_read(line, dcache_.data(slot), dcache_.line_bytes())) {
        dcache_.invalidate(address);
        bus_.window_bus_error(address, Access::kRead);
        return 0;
      }
      // The whole line is handed out from now on: remembered once here, not on every hit.
      remember(line, dcache_.data(slot), dcache_.line_bytes());
    } else {
      check_stale(line, dcache_.data(slot));
    }
    std::memcpy(bytes, dcache_.data(slot) + (address - line), size);
  } else if (!bus_.window_read(address, bytes, size)) {
    bus_.window_bus_error(address, Access::kRead);
    return 0;
  } else {
    remember(address, bytes, size);
  }
  std::uint32_t v = 0;
  std::memcpy(&v, bytes, size);
  return v;
}

void XipWindow::write(std::uint64_t offset, unsigned size, std::uint32_t value) {
  const std::uint32_t address = base_ + static_cast<std::uint32_t>(offset);
  std::uint8_t bytes[4];
  std::memcpy(bytes, &value, 4);
  if (!bus_.window_write(address, bytes, size > 4 ? 4 : size))
    bus_.window_bus_error(address, Access::kWrite);
}

// A hit on a line whose bytes the flash no longer holds: what the core reads is the D-cache's
// old copy, not the flash (the FlexSPI and its AHB buffers are not asked at all).
void XipWindow::check_stale(std::uint32_t line, const std::uint8_t* cached) {
  std::uint8_t now[64];
  const unsigned n = dcache_.line_bytes();
  if (stale_reported_.count(line) || !bus_.window_flash(line, now, n)) return;
  if (std::memcmp(now, cached, n) == 0) return;
  stale_reported_.insert(line);
  bus_.window_note(fmt::format(
      "the L1 D-cache served 0x{:08X}..0x{:08X} from a line filled before the flash there "
      "changed: the core reads the old bytes until the line is invalidated (DCIMVAC, "
      "SCB_InvalidateDCache_by_Addr)",
      line, line + n - 1));
}

bool XipWindow::fetched(std::uint32_t line_address, const std::uint8_t* bytes, unsigned len) {
  bool differs = false;
  for (unsigned i = 0; i < len && !differs; ++i) {
    std::uint8_t old = 0;
    differs = seen(line_address + i, &old, 1) && old != bytes[i];
  }
  remember(line_address, bytes, len);
  if (differs) {
    const int slot = dcache_.find(line_address);
    if (slot >= 0) std::memcpy(dcache_.data(slot), bytes, len);
  }
  return differs;
}

}  // namespace xipsim::cpu
