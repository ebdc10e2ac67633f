// An LPUART driven through its registers over the bus (RT10xx LPUART_Type offsets, SDK
// fsl_lpuart.c's sequence): 8N1, 16x oversampling, FIFOs on; receive by polling STAT.RDRF and
// reading DATA, send by writing DATA once STAT.TDRE is set. While it waits for a byte it calls
// `idle` (the host connection: pacing and the host's bytes), which says whether the host is
// still there.
#pragma once

#include <functional>

#include "xipsim/nor_driver/bus_access.h"
#include "xipsim/serial/byte_link.h"

namespace xipsim::serial {

class LpuartPort : public ByteLink {
 public:
  LpuartPort(nor_driver::BusAccess& bus, std::uint64_t base, std::function<bool()> idle);
  // BAUD for `baud` bits/s from a `clock_hz` UART clock (OSR 16, SBR rounded), then TE and RE.
  void configure(double baud, double clock_hz);
  std::optional<std::uint8_t> read(Picoseconds timeout) override;
  void write(const std::vector<std::uint8_t>& bytes) override;
  bool closed() const override { return closed_; }

 private:
  nor_driver::BusAccess& bus_;
  std::uint64_t base_;
  std::function<bool()> idle_;
  Picoseconds poll_ = 10'000'000;  // a quarter of a byte at the configured rate
  bool closed_ = false;
};

}  // namespace xipsim::serial
