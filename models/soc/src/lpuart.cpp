#include "xipsim/soc/lpuart.h"

namespace xipsim::soc {

namespace {
constexpr std::uint64_t kLpuartSize = 0x4000;
// Reset values: RT1060 reference manual LPUART register descriptions as the SDK header carries
// them (VERID 4.1.3, PARAM 4-word FIFOs, BAUD OSR 16 / SBR 4, STAT TDRE|TC, FIFO sizes).
std::vector<RegisterDef> lpuart_table() {
  const std::uint32_t all = 0xFFFFFFFFu;
  return {{"VERID", LpuartBlock::VERID, 0x04010003},
          {"PARAM", LpuartBlock::PARAM, 0x00000202},
          {"GLOBAL", LpuartBlock::GLOBAL, 0, 0x2u},
          {"PINCFG", LpuartBlock::PINCFG, 0, 0x3u},
          {"BAUD", LpuartBlock::BAUD, 0x0F000004, all},
          {"STAT", LpuartBlock::STAT, LpuartBlock::STAT_TDRE | LpuartBlock::STAT_TC, 0x3C000000u,
           0xC01FC000u},
          {"CTRL", LpuartBlock::CTRL, 0, all},
          {"DATA", LpuartBlock::DATA, LpuartBlock::DATA_RXEMPT, 0x3FFu},
          {"MATCH", LpuartBlock::MATCH, 0, all},
          {"MODIR", LpuartBlock::MODIR, 0, all},
          {"FIFO", LpuartBlock::FIFO, 0x00C00011, 0x0003C4CCu},
          {"WATER", LpuartBlock::WATER, 0, all}};
}
}  // namespace

LpuartBlock::LpuartBlock(sc_core::sc_module_name name, std::string port, std::uint64_t bus_base,
                         Picoseconds latency)
    : RegisterBlock(name, bus_base, kLpuartSize, latency, lpuart_table(), Others::kReadOnly),
      port_(std::move(port)) {}

void LpuartBlock::reset_port() {
  clear();
  sent_.clear();
}

std::string LpuartBlock::text() const {
  std::string s;
  for (const UartByte& b : sent_)
    s += static_cast<char>(b.value);
  return s;
}

std::uint32_t LpuartBlock::on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds) {
  if (offset == STAT) return stored | STAT_TDRE | STAT_TC;  // the transmitter is never busy
  if (offset == DATA) return DATA_RXEMPT;                   // nothing received
  return stored;
}

std::uint32_t LpuartBlock::on_write(std::uint64_t offset, std::uint32_t, std::uint32_t new_value,
                                    Picoseconds now) {
  if (offset == DATA && (word(CTRL) & CTRL_TE))
    sent_.push_back({now, static_cast<std::uint8_t>(new_value)});
  return new_value;
}

}  // namespace xipsim::soc
