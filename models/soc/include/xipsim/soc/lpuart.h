// An i.MX RT LPUART as far as a console needs it (RT10xx LPUART_Type):
// - TX: bytes written to DATA while CTRL.TE is set are captured as the port's output, with their
//   times; the transmitter is always ready (STAT.TDRE and TC set, no frame timing on TX).
// - RX from a host at the receiver's own baud rate (a console): bytes handed to receive() arrive
//   one frame apart at the baud rate BAUD sets on the UART clock (clock / ((OSR + 1) x SBR)); a
//   frame is a start bit, 8 or 9 data bits (CTRL.M), CTRL.PE's parity bit and 1 or 2 stop bits
//   (BAUD.SBNS).
// - RX from a host at its own baud rate (a serial port, xipsim serve): the RX pad's SerialLine.
//   The receiver waits for a falling edge, samples the start bit and each data bit in its middle
//   at its own bit period and the stop bit last (low: STAT.FE), as the LPUART does with its
//   oversampling; a host at another baud rate than BAUD's gives other bytes, as on a board.
// - An arriving byte is lost while CTRL.RE is clear, and sets STAT.OR (and is lost) when the
//   receive buffer is full (4 words with FIFO.RXFE, else 1). STAT.RDRF is set while more than
//   WATER.RXWATER words wait; reading DATA takes the oldest (DATA.RXEMPT when none); FIFO.RXEMPT
//   follows.
// - The interrupt line: CTRL.RIE with RDRF, TIE with TDRE, TCIE with TC, ORIE with OR (level).
// Not modelled: TX timing, break, idle-line and match detection, parity and noise errors, the
// FIFO flush bits, DMA requests, the receiver's majority vote over three samples.
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "xipsim/soc/serial_line.h"
#include "xipsim/soc/timed_block.h"

namespace xipsim::soc {

struct UartByte {
  Picoseconds time = 0;
  std::uint8_t value = 0;
};

class LpuartBlock : public TimedBlock {
 public:
  static constexpr std::uint64_t VERID = 0x00, PARAM = 0x04, GLOBAL = 0x08, PINCFG = 0x0C,
                                 BAUD = 0x10, STAT = 0x14, CTRL = 0x18, DATA = 0x1C, MATCH = 0x20,
                                 MODIR = 0x24, FIFO = 0x28, WATER = 0x2C;
  static constexpr std::uint32_t CTRL_PE = 1u << 1, CTRL_M = 1u << 4, CTRL_RE = 1u << 18,
                                 CTRL_TE = 1u << 19, CTRL_RIE = 1u << 21, CTRL_TCIE = 1u << 22,
                                 CTRL_TIE = 1u << 23, CTRL_ORIE = 1u << 27;
  static constexpr std::uint32_t STAT_FE = 1u << 17, STAT_OR = 1u << 19, STAT_RDRF = 1u << 21,
                                 STAT_TC = 1u << 22, STAT_TDRE = 1u << 23, DATA_RXEMPT = 1u << 12,
                                 BAUD_SBNS = 1u << 13, FIFO_RXFE = 1u << 3, FIFO_RXEMPT = 1u << 22;
  static constexpr Field BAUD_SBR{0, 13}, BAUD_OSR{24, 5}, WATER_RXWATER{16, 2};
  // `clock_hz` gives the UART clock now (UART_CLK_ROOT).
  LpuartBlock(sc_core::sc_module_name name, std::string port, std::uint64_t bus_base,
              Picoseconds latency, std::function<double()> clock_hz);

  const std::string& port() const { return instance(); }
  double uart_clock_hz() const { return clock_hz(); }  // UART_CLK_ROOT now
  const std::vector<UartByte>& sent() const { return sent_; }
  std::string text() const;
  void reset_port();
  // Bytes a host sends, the first starting at `start` (the receiver's clock decides the rest).
  void receive(Picoseconds start, const std::string& bytes);
  // The wire into the RX pad: a host at its own baud rate sends into it.
  SerialLine& rx_line() { return line_; }
  std::size_t framing_errors() const { return framing_errors_; }
  const std::vector<UartByte>& received() const { return received_; }  // taken into the buffer
  std::size_t lost() const { return lost_; }  // arrived while RE was clear or the buffer full

  Picoseconds next_event() const override;

 protected:
  std::uint32_t on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) override;
  std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value, std::uint32_t new_value,
                         Picoseconds now) override;
  void catch_up(Picoseconds now) override;  // bytes whose stop bit has passed arrive
  void update_line() override;

 private:
  Picoseconds bit_ps() const;    // one bit at the programmed baud rate; 0: no clock
  unsigned frame_bits() const;   // start, data, parity and stop bits CTRL and BAUD set
  Picoseconds frame_ps() const;  // one RX frame at the programmed baud rate; 0: no clock
  // The line's next frame as this receiver sees it: when its stop bit is sampled (kNever: none).
  Picoseconds next_line_frame() const;
  void decode_line(Picoseconds now);  // frames on the line whose stop bit has been sampled
  void arrive(std::uint16_t byte, Picoseconds at);
  Picoseconds next_arrival() const;  // when the first of `incoming_` has arrived
  std::uint32_t status(std::uint32_t stored) const;
  std::vector<UartByte> sent_, received_;
  struct Pending {
    std::uint8_t byte;
    Picoseconds start;  // the earliest its start bit can begin
  };
  std::deque<Pending> incoming_;     // sent by the host, not arrived yet
  Picoseconds line_free_ = 0;        // when the previous byte's stop bit ended
  std::deque<std::uint8_t> buffer_;  // received, not read yet
  std::size_t lost_ = 0;
  SerialLine line_;
  Picoseconds rx_ready_ = 0;  // the receiver looks for a start bit from here
  std::size_t framing_errors_ = 0;
};

}  // namespace xipsim::soc
