#include "xipsim/soc/blocks.h"

namespace xipsim::soc {

namespace {
// SEMC registers with behaviour here (SDK SEMC_Type): INTR is write-1-to-clear, IPCMD takes the
// key in [31:16] and the command in [15:0]. The other SEMC registers are plain words a DCD sets.
std::vector<RegisterDef> semc_table() {
  return {{"INTR", static_cast<std::uint32_t>(SemcBlock::kIntr), 0, 0, 0xFFFFFFFFu},
          {"IPCMD", static_cast<std::uint32_t>(SemcBlock::kIpCmd), 0, 0xFFFFFFFFu}};
}
constexpr Field kIpCmdKey{16, 16};
constexpr std::uint32_t kIpCmdKeyValue = 0xA55A, kIntrIpCmdDone = 1u << 0;
}  // namespace

SemcBlock::SemcBlock(sc_core::sc_module_name name, std::uint64_t bus_base, std::uint64_t size,
                     Picoseconds latency)
    : RegisterBlock(name, bus_base, size, latency, semc_table()) {}

std::uint32_t SemcBlock::on_write(std::uint64_t offset, std::uint32_t, std::uint32_t stored,
                                  Picoseconds) {
  if (offset == kIpCmd && get(stored, kIpCmdKey) == kIpCmdKeyValue)
    set_word(kIntr, word(kIntr) | kIntrIpCmdDone);  // the command completes at once
  return stored;
}

ClockControl::ClockControl(sc_core::sc_module_name name, std::uint64_t bus_base, unsigned instances,
                           Listener listener)
    : RegisterBlock(name, bus_base, 4ull * instances, 0),
      instances_(instances),
      listener_(std::move(listener)) {}

std::uint32_t ClockControl::on_write(std::uint64_t offset, std::uint32_t, std::uint32_t new_value,
                                     Picoseconds now) {
  const unsigned instance = static_cast<unsigned>(offset / 4);
  if (instance < instances_ && new_value != 0) listener_(instance, new_value, now);
  return new_value;
}

}  // namespace xipsim::soc
