// Register blocks with a little behaviour of their own.
#pragma once

#include <functional>

#include "xipsim/soc/register_block.h"

namespace xipsim::soc {

// SEMC, as far as a DCD needs it: an IP command (IPCMD written with the key 0xA55A in [31:16])
// completes at once and sets INTR.IPCMDDONE (bit 0); INTR bits are write-1-to-clear. SDRAM
// itself is not modelled. Offsets from the SDK's SEMC_Type (INTR 0x3C, IPCMD 0x9C).
class SemcBlock : public RegisterBlock {
 public:
  static constexpr std::uint64_t kIntr = 0x3C, kIpCmd = 0x9C;
  SemcBlock(sc_core::sc_module_name name, std::uint64_t bus_base, std::uint64_t size,
            Picoseconds latency);

 protected:
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;
};

// Simulator-only stand-in for the ROM's clock driver: word i holds the root clock of FlexSPI
// instance i in kHz. The CCM clock tree is not modelled (docs/soc-model.md); the ROM asks for a
// frequency here and the platform sets that instance's serial root clock.
class ClockControl : public RegisterBlock {
 public:
  using Listener = std::function<void(unsigned instance, std::uint32_t khz, Picoseconds now)>;
  ClockControl(sc_core::sc_module_name name, std::uint64_t bus_base, unsigned instances,
               Listener listener);

 protected:
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;

 private:
  unsigned instances_;
  Listener listener_;
};

// Read-only words (SRC boot-mode registers, OCOTP fuse shadows): writes are refused.
class ReadOnlyBlock : public RegisterBlock {
 public:
  ReadOnlyBlock(sc_core::sc_module_name name, std::uint64_t bus_base, std::uint64_t size,
                Picoseconds latency)
      : RegisterBlock(name, bus_base, size, latency, {}, Others::kReadOnly) {}
  bool models(std::uint64_t) const override { return true; }  // the words are set from outside
};

}  // namespace xipsim::soc
