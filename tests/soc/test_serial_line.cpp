// The wire from a host into the RX pad, and an LPUART receiver sampling it at its own baud rate.
// Golden values worked out by hand below: the falling edges of the MCU bootloader's ping bytes
// 5A A6 (its autobaud_irq.c counts 4 and 3 falling edges, intervals 3:3:2 and 4:3 bits), and what
// a 115200 baud receiver decodes from "OK" sent at 57600.
#include <gtest/gtest.h>

#include <tlm_utils/simple_initiator_socket.h>
#include <functional>
#include <systemc>
#include <tlm>
#include <vector>

#include "tlm_host.h"
#include "xipsim/soc/gpio.h"
#include "xipsim/soc/lpuart.h"
#include "xipsim/soc/serial_line.h"

namespace xipsim::test {
namespace {

using soc::LpuartBlock;
using soc::SerialLine;

constexpr Picoseconds kBit115200 = 8'680'556;  // 1e12 ps / 115200, rounded

std::vector<Picoseconds> falling_edges(const SerialLine& line) {
  std::vector<Picoseconds> out;
  for (Picoseconds t = line.falling_edge(0); t != SerialLine::kNever; t = line.falling_edge(t + 1))
    out.push_back(t);
  return out;
}

// 5A = 0101 1010: on the wire (start, b0..b7, stop) 0 0 1 0 1 1 0 1 0 1: falling edges at bits
// 0, 3, 6, 8. A6 = 1010 0110: 0 0 1 1 0 0 1 0 1 1: at bits 10+0, 10+4, 10+7.
TEST(SerialLine, PingBytesHaveTheFallingEdgesAutobaudCounts) {
  SerialLine line;
  line.send(0, "\x5A\xA6", 115200);
  const std::vector<Picoseconds> expected{0,
                                          3 * kBit115200,
                                          6 * kBit115200,
                                          8 * kBit115200,
                                          10 * kBit115200,
                                          14 * kBit115200,
                                          17 * kBit115200};
  EXPECT_EQ(falling_edges(line), expected);
  EXPECT_FALSE(line.level(kBit115200 / 2));                  // start bit
  EXPECT_TRUE(line.level(2 * kBit115200 + kBit115200 / 2));  // b1 of 5A
  EXPECT_TRUE(line.level(9 * kBit115200 + kBit115200 / 2));  // stop bit
  EXPECT_TRUE(line.level(30 * kBit115200));                  // idle after the last frame
  EXPECT_EQ(line.free_at(), 20 * kBit115200);
}

using Host = TlmHost;

// The receiver at 115200: an 18.432 MHz UART clock, OSR 16 (field 15), SBR 10.
struct Board {
  LpuartBlock uart{"LPUART1", "LPUART1", 0x40184000, 0, [] { return 18.432e6; }};
  Host host{"host"};
  std::vector<std::uint32_t> data;  // DATA reads, RXEMPT included
  std::uint32_t stat = 0;
  Board(const std::string& bytes, double host_baud, bool receiver_on = true) {
    host.socket.bind(uart.socket);
    host.program = [=](Host& h) {
      h.access(true, LpuartBlock::BAUD, (15u << 24) | 10u);
      h.access(true, LpuartBlock::FIFO, LpuartBlock::FIFO_RXFE);
      h.access(true, LpuartBlock::CTRL, receiver_on ? LpuartBlock::CTRL_RE : 0u);
      uart.rx_line().send(1'000'000, bytes, host_baud);
      sc_core::wait(sc_core::sc_time(5, sc_core::SC_MS));
      stat = h.access(false, LpuartBlock::STAT);
      for (int i = 0; i < 5; ++i)
        data.push_back(h.access(false, LpuartBlock::DATA));
    };
    sc_core::sc_start();
  }
};

TEST(LpuartLine, AtTheHostsBaudRateTheBytesArriveAsSent) {
  Board b("OK", 115200);
  EXPECT_EQ(b.data[0], 'O');
  EXPECT_EQ(b.data[1], 'K');
  EXPECT_EQ(b.data[2], LpuartBlock::DATA_RXEMPT);
  EXPECT_EQ(b.stat & LpuartBlock::STAT_FE, 0u);
}

// A host bit lasts two receiver bits. The receiver samples bit k of a frame that starts at a
// falling edge at (k + 0.5) receiver bits, i.e. host bit floor((k + 0.5) / 2) of what is on the
// wire. 'O' = 4F: wire 0 1 1 1 1 0 0 1 0 1 (start, b0..b7, stop).
// Frame 1 from the start bit: data samples at 1.5 .. 8.5 -> wire bits 0 1 1 1 1 1 1 1 -> b0..b7 =
//   0 1 1 1 1 1 1 1 = FE; stop sample 9.5 -> wire bit 4 (1): no framing error.
// The next falling edge is wire bit 5 (b4 = 0): frame 2 samples wire bits 5 6 6 7 7 8 8 9 ->
//   0 0 0 1 1 0 0 1 = 98; stop at wire bit 9 (1).
// 'K' = 4B: wire 0 1 1 0 1 0 0 1 0 1: frame 3 -> 0 1 1 1 1 0 0 1 = 9E; frame 4 (from wire bit 5)
//   -> 0 0 0 1 1 0 0 1 = 98.
TEST(LpuartLine, AHostAtHalfTheBaudRateGivesOtherBytes) {
  Board b("OK", 57600);
  EXPECT_EQ(b.data[0], 0xFEu);
  EXPECT_EQ(b.data[1], 0x98u);
  EXPECT_EQ(b.data[2], 0x9Eu);
  EXPECT_EQ(b.data[3], 0x98u);
  EXPECT_EQ(b.stat & LpuartBlock::STAT_FE, 0u);
}

// 2 % fast: bit k is sampled at (k + 0.5) x 1.02 host bits, at most 9.69 for the stop bit: every
// sample stays in its own bit.
TEST(LpuartLine, TwoPercentOffStillDecodes) {
  Board b("U", 115200 * 1.02);
  EXPECT_EQ(b.data[0], 'U');
  EXPECT_EQ(b.data[1], LpuartBlock::DATA_RXEMPT);
}

// Twice as fast: 'U' = 55, wire 0 1 0 1 0 1 0 1 0 1, then idle (1). Samples at (k + 0.5) x 2 host
// bits: start 1 -> wire bit 1 (1): not a start bit, a glitch; the receiver waits for the next
// falling edge (wire bit 2), samples from there: start at 2 + 1 = bit 3 (1): again a glitch, and
// so on: nothing is received.
TEST(LpuartLine, AHostAtTwiceTheBaudRateIsNoise) {
  Board b("U", 230400);
  EXPECT_EQ(b.data[0], LpuartBlock::DATA_RXEMPT);
}

TEST(LpuartLine, WithTheReceiverOffNothingArrives) {
  Board b("OK", 115200, false);
  EXPECT_EQ(b.data[0], LpuartBlock::DATA_RXEMPT);
  EXPECT_EQ(b.uart.received().size(), 0u);
}

// The wire into a GPIO input (the console's RX pad muxed as GPIO1_IO13): 5A on the wire is
// 0 0 1 0 1 1 0 1 0 1 (start, b0..b7, stop), falling edges at bits 0, 3, 6, 8. With ICR1 pin 13 =
// 11 (falling edge) and IMR set: ISR rises at bit 0, stays clear after a W1C until bit 3 (bit 2's
// edge rises); PSR reads the wire (bit 2: 1); the combined 0-15 line follows ISR & IMR.
TEST(GpioLine, FallingEdgesSetIsrAndPsrReadsTheWire) {
  soc::GpioBlock gpio("GPIO1", "GPIO1", 0x401B8000, 0);
  SerialLine line;
  gpio.connect_input(13, {[&](Picoseconds t) { return line.level(t); },
                          [&](Picoseconds t) { return line.edge(t); }});
  Host host("host");
  host.socket.bind(gpio.socket);
  constexpr Picoseconds kStart = 1'000'000'000;  // 1 ms
  std::vector<std::uint32_t> isr, psr;
  std::vector<bool> irq;
  host.program = [&](Host& h) {
    h.access(true, soc::GpioBlock::ICR1, 3u << 26);
    h.access(true, soc::GpioBlock::IMR, 1u << 13);
    line.send(kStart, "\x5A", 115200);
    const auto at = [&](double bits) {
      const Picoseconds t = kStart + static_cast<Picoseconds>(bits * kBit115200);
      sc_core::wait(sc_core::sc_time(
          static_cast<double>(t) - sc_core::sc_time_stamp().to_seconds() * 1e12, sc_core::SC_PS));
      isr.push_back(h.access(false, soc::GpioBlock::ISR));
      psr.push_back(h.access(false, soc::GpioBlock::PSR));
      irq.push_back(gpio.irq_level());
    };
    at(-0.5);
    at(0.5);
    h.access(true, soc::GpioBlock::ISR, 1u << 13);  // write 1 to clear
    at(2.5);
    at(3.5);
  };
  sc_core::sc_start();
  const std::uint32_t pin = 1u << 13;
  EXPECT_EQ(isr, (std::vector<std::uint32_t>{0, pin, 0, pin}));
  EXPECT_EQ(psr, (std::vector<std::uint32_t>{pin, 0, pin, 0}));
  EXPECT_EQ(irq, (std::vector<bool>{false, true, false, true}));
}

}  // namespace
}  // namespace xipsim::test
