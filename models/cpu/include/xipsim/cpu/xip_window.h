// A FlexSPI AHB window as the Cortex-M7 sees it (execute in place). The window is an
// executable MMIO region: Unicorn reads code bytes through it when it translates a block, and
// every data load from flash (literal pools, constants, a copy loop) reaches it. Reads are
// served by the L1 D-cache when it is on (a miss is a line fill through the FlexSPI model) or go
// to the FlexSPI model one by one when it is off. Instruction fetches are checked separately, at
// each block (Cpu::on_block): an I-cache miss, or every block when the I-cache is off, is an AHB
// line read through the model whose bytes are compared with what the block was translated from.
// The bytes the window has handed out are kept (`seen`), so a block can be counted and compared.
// A D-cache hit whose line no longer matches the flash (the application changed the flash behind
// the cache, field failure F16) is named once per line in the run's notes.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "xipsim/cpu/cortex_m7.h"
#include "xipsim/cpu/l1_cache.h"

namespace xipsim::cpu {

// Timed bus access for the window: reads `len` bytes at bus address `address` at the CPU's
// current time, adding the latency to the CPU's time; false on a bus error.
class WindowBus {
 public:
  virtual ~WindowBus() = default;
  virtual bool window_read(std::uint32_t address, std::uint8_t* out, unsigned len) = 0;
  virtual bool window_write(std::uint32_t address, const std::uint8_t* data, unsigned len) = 0;
  virtual void window_bus_error(std::uint32_t address, Access access) = 0;
  // The bytes the flash holds behind `address` now, read without bus time (false: unknown).
  virtual bool window_flash(std::uint32_t, std::uint8_t*, unsigned) { return false; }
  virtual void window_note(std::string) {}  // something the window noticed, for the run's notes
};

class XipWindow : public MmioHandler {
 public:
  static constexpr unsigned kPage = 4096;
  XipWindow(std::string name, std::uint32_t base, std::uint32_t size, WindowBus& bus,
            L1Cache& dcache, const bool& dcache_on);

  const std::string& name() const { return name_; }
  std::uint32_t base() const { return base_; }
  std::uint32_t size() const { return size_; }
  bool contains(std::uint32_t a) const { return a >= base_ && a - base_ < size_; }

  std::uint32_t read(std::uint64_t offset, unsigned size) override;
  void write(std::uint64_t offset, unsigned size, std::uint32_t value) override;

  // The bytes last handed out at `address` (what translated code holds); false when none yet.
  bool seen(std::uint32_t address, std::uint8_t* out, unsigned len) const;
  // Records bytes an instruction fetch brought; returns true when they differ from what was
  // handed out before (the translated code is stale). The D-cache's copy follows.
  bool fetched(std::uint32_t line_address, const std::uint8_t* bytes, unsigned len);

 private:
  struct Page {
    std::array<std::uint8_t, kPage> bytes{};
    std::array<std::uint64_t, kPage / 64> known{};  // one bit per byte
  };
  void remember(std::uint32_t address, const std::uint8_t* bytes, unsigned len);
  Page& page(std::uint32_t address);

  std::string name_;
  std::uint32_t base_, size_;
  WindowBus& bus_;
  L1Cache& dcache_;
  const bool& dcache_on_;
  void check_stale(std::uint32_t line, const std::uint8_t* cached);
  std::unordered_map<std::uint32_t, std::unique_ptr<Page>> pages_;
  std::unordered_set<std::uint32_t> stale_reported_;  // D-cache lines already named stale
  Page* last_page_ = nullptr;  // the page of the last access (loops read the same page)
  std::uint32_t last_number_ = 0;
};

}  // namespace xipsim::cpu
