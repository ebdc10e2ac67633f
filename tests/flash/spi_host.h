// A minimal SPI host for flash-model tests: builds one frame per call with FrameBuilder, lets
// the device consume it, samples ideally and advances simulated time (CS high 50 ns between
// windows, SCLK 10 ns = 100 MHz unless set otherwise).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "xipsim/core/frame_builder.h"
#include "xipsim/flash/nor_device.h"
#include "xipsim/flash/part_loader.h"

namespace xipsim::test {

struct ReadShape {
  std::uint8_t opcode;
  unsigned cmd_pads, addr_bits, addr_pads, mode_bits;
  std::uint32_t mode;
  unsigned dummy, data_pads;
};

class SpiHost {
 public:
  explicit SpiHost(const std::string& part, flash::DeviceOptions opt = {})
      : device(flash::load_part(part), opt) {
    device.power_on(0);
    now = 1'000'000;  // 1 us after power-on
  }

  // One window: the builder callback writes the controller side; returns the frame.
  template <typename F>
  SerialFrame& window(F&& build) {
    frame.begin(now, period);
    FrameBuilder b(frame);
    build(b);
    device.consume(frame);
    now = frame.end_ps() + 50'000;
    return frame;
  }

  std::vector<std::uint8_t> read(const ReadShape& s, std::uint32_t address, std::size_t count) {
    std::size_t at = 0;
    window([&](FrameBuilder& b) {
      if (s.cmd_pads) b.command(s.opcode, s.cmd_pads);
      b.address(address, s.addr_bits, s.addr_pads);
      if (s.mode_bits) b.mode(s.mode, s.mode_bits, s.addr_pads);
      b.dummy(s.dummy);
      at = b.read(count, s.data_pads);
    });
    std::vector<std::uint8_t> out(count);
    capture_ideal(frame, at, s.data_pads, out.data(), count);
    return out;
  }
  // 1-1-1 read 03h of `count` bytes (3-byte address).
  std::vector<std::uint8_t> read03(std::uint32_t address, std::size_t count) {
    return read({0x03, 1, 24, 1, 0, 0, 0, 1}, address, count);
  }
  // A command with optional data bytes written after it (all on `pads` pads).
  void command(std::uint8_t opcode, std::vector<std::uint8_t> data = {}, unsigned pads = 1) {
    window([&](FrameBuilder& b) {
      b.command(opcode, pads);
      b.write(data.data(), data.size(), pads);
    });
  }
  void command_addr(std::uint8_t opcode, std::uint32_t address, unsigned addr_bits,
                    std::vector<std::uint8_t> data = {}, unsigned pads = 1) {
    window([&](FrameBuilder& b) {
      b.command(opcode, pads);
      b.address(address, addr_bits, pads);
      b.write(data.data(), data.size(), pads);
    });
  }
  // Reads `count` bytes after a command with no address (status, ID).
  std::vector<std::uint8_t> query(std::uint8_t opcode, std::size_t count, unsigned pads = 1) {
    std::size_t at = 0;
    window([&](FrameBuilder& b) {
      b.command(opcode, pads);
      at = b.read(count, pads);
    });
    std::vector<std::uint8_t> out(count);
    capture_ideal(frame, at, pads, out.data(), count);
    return out;
  }
  std::uint8_t status() { return query(0x05, 1)[0]; }
  // Polls 05h until WIP clears; returns the time at which the poll saw it clear.
  Picoseconds wait_ready(unsigned pads = 1) {
    for (int i = 0; i < 10'000'000; ++i) {
      if ((query(0x05, 1, pads)[0] & 1) == 0) return frame.start_ps();
      now += 1'000'000;  // poll every microsecond
    }
    return 0;
  }
  void write_enable(unsigned pads = 1) { command(0x06, {}, pads); }

  flash::NorDevice device;
  SerialFrame frame;
  Picoseconds now = 0;
  Picoseconds period = 10'000;
};

// Bytes 0x12 0x34 0x56 0x78 0x9A 0xBC at `address` through the backdoor.
inline void put_pattern(flash::NorDevice& d, std::uint32_t address) {
  const std::uint8_t p[] = {0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC};
  d.array().write(address, p, sizeof p);
}

}  // namespace xipsim::test
