// An i.MX RT LPUART as far as a console needs it (RT10xx LPUART_Type): bytes written to DATA
// while CTRL.TE is set are captured as the port's output, with their times; the transmitter is
// always ready (STAT.TDRE and TC set), the receiver always empty. Baud rate and frame timing are
// not modelled (the issue on host tools brings the RX side).
#pragma once

#include <string>
#include <vector>

#include "xipsim/soc/register_block.h"

namespace xipsim::soc {

struct UartByte {
  Picoseconds time = 0;
  std::uint8_t value = 0;
};

class LpuartBlock : public RegisterBlock {
 public:
  static constexpr std::uint64_t VERID = 0x00, PARAM = 0x04, GLOBAL = 0x08, PINCFG = 0x0C,
                                 BAUD = 0x10, STAT = 0x14, CTRL = 0x18, DATA = 0x1C, MATCH = 0x20,
                                 MODIR = 0x24, FIFO = 0x28, WATER = 0x2C;
  static constexpr std::uint32_t CTRL_TE = 1u << 19, STAT_TDRE = 1u << 23, STAT_TC = 1u << 22,
                                 DATA_RXEMPT = 1u << 12;
  LpuartBlock(sc_core::sc_module_name name, std::string port, std::uint64_t bus_base,
              Picoseconds latency);

  const std::string& port() const { return port_; }
  const std::vector<UartByte>& sent() const { return sent_; }
  std::string text() const;
  void reset_port();

 protected:
  std::uint32_t on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) override;
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;

 private:
  std::string port_;
  std::vector<UartByte> sent_;
};

}  // namespace xipsim::soc
