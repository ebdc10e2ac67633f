// The SDRAM behind the SEMC (chip profile RAM region with `needs_init`, e.g. 0x8000_0000): a
// byte array that answers only once the SEMC describes it, as a DCD does before the ROM copies
// an image there. Usable bytes: SEMC BR0 valid (VLD bit 0) with its base (BA, bits 31:12) at the
// region's base and its size 4 KiB << MS (bits 5:1; 32 MiB = MS 13 on the EVKs), at most
// kCapacity; accesses beyond, or before BR0 is valid, are bus errors. The SDRAM's own
// initialisation (the IPCMD precharge/refresh/mode-set sequence) and its timing are not checked:
// BR0 alone opens the window. Contents are zeros after power-on (page-backed, untouched pages
// cost no memory) and survive a warm reset, as SDRAM keeps them while powered.
#pragma once

#include <cstdint>

#include "xipsim/soc/register_block.h"
#include "xipsim/soc/tlm_target.h"

namespace xipsim::soc {

// SEMC BR0 as the SDRAM window it opens (SDK SEMC_Type BR[0] at 0x10).
struct SdramWindow {
  std::uint64_t base = 0, size = 0;  // size 0: not valid
};
SdramWindow semc_sdram_window(const RegisterBlock& semc);

class SdramBlock : public SimpleTarget {
 public:
  static constexpr std::uint64_t kCapacity = 64ull << 20;
  SdramBlock(sc_core::sc_module_name name, std::uint64_t bus_base, std::uint64_t region_size,
             Picoseconds latency, const RegisterBlock& semc);
  ~SdramBlock() override;
  SdramBlock(const SdramBlock&) = delete;
  SdramBlock& operator=(const SdramBlock&) = delete;
  std::uint8_t* host() { return bytes_; }
  std::uint64_t bus_base() const { return bus_base_; }
  std::uint64_t usable() const;  // bytes the SEMC opens now, within kCapacity
  void power_on();               // contents lost

 private:
  bool read(std::uint64_t offset, std::uint8_t* data, unsigned len, Picoseconds now) override;
  bool write(std::uint64_t offset, const std::uint8_t* data, unsigned len,
             Picoseconds now) override;
  std::uint64_t bus_base_;
  const RegisterBlock& semc_;
  std::uint8_t* bytes_ = nullptr;  // kCapacity bytes, anonymous pages
};

}  // namespace xipsim::soc
