#include "xipsim/serial/lpuart_port.h"

#include <algorithm>
#include <cmath>

namespace xipsim::serial {

namespace {
// RT10xx LPUART_Type (SDK MIMXRT1062.h): offsets and bits.
constexpr std::uint64_t BAUD = 0x10, STAT = 0x14, CTRL = 0x18, DATA = 0x1C, FIFO = 0x28;
constexpr std::uint32_t CTRL_RE = 1u << 18, CTRL_TE = 1u << 19, STAT_RDRF = 1u << 21,
                        STAT_TDRE = 1u << 23, FIFO_RXFE = 1u << 3, FIFO_TXFE = 1u << 7;
constexpr unsigned kOsrShift = 24, kSbrMask = 0x1FFF, kOversampling = 16;
}  // namespace

LpuartPort::LpuartPort(nor_driver::BusAccess& bus, std::uint64_t base, std::function<bool()> idle)
    : bus_(bus), base_(base), idle_(std::move(idle)) {}

void LpuartPort::configure(double baud, double clock_hz) {
  const auto sbr = static_cast<std::uint32_t>(
      std::clamp(std::lround(clock_hz / (kOversampling * baud)), 1l, long{kSbrMask}));
  bus_.write32(base_ + CTRL, 0);
  bus_.write32(base_ + BAUD, ((kOversampling - 1) << kOsrShift) | sbr);
  bus_.write32(base_ + FIFO, FIFO_RXFE | FIFO_TXFE);
  bus_.write32(base_ + CTRL, CTRL_TE | CTRL_RE);
  poll_ = static_cast<Picoseconds>(10 * 1e12 / baud / 4);
}

std::optional<std::uint8_t> LpuartPort::read(Picoseconds timeout) {
  const Picoseconds end = bus_.now() + timeout;
  for (;;) {
    if (bus_.read32(base_ + STAT) & STAT_RDRF)
      return static_cast<std::uint8_t>(bus_.read32(base_ + DATA));
    if (bus_.now() >= end) return std::nullopt;
    if (idle_ && !idle_()) {
      closed_ = true;
      return std::nullopt;
    }
    bus_.wait(poll_);
  }
}

void LpuartPort::write(const std::vector<std::uint8_t>& bytes) {
  for (std::uint8_t b : bytes) {
    while (!(bus_.read32(base_ + STAT) & STAT_TDRE))
      bus_.wait(poll_);
    bus_.write32(base_ + DATA, b);
  }
}

}  // namespace xipsim::serial
