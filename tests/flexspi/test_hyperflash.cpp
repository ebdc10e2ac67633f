// The S26KS512S HyperFlash model behind the board: command-address words, CFI-style command
// cycles, the RWDS read strobe and the strobe-timed end of a read. Expected values come from the
// HyperBus command-address layout and the S26KS512S part file (flash-parts.md: 16-clock initial
// latency, 256 KiB sectors, 512-byte buffer), worked out by hand below.
#include <gtest/gtest.h>

#include "xipsim/board/board.h"
#include "xipsim/core/frame_builder.h"
#include "xipsim/flash/nor_device.h"
#include "xipsim/flash/part_loader.h"

namespace xipsim::test {
namespace {

constexpr Picoseconds kPeriod = 33333;  // 30 MHz

struct HyperRig {
  flash::NorDevice dev{flash::load_part("S26KS512S")};
  board::Board board;
  SerialFrame frame;
  Picoseconds t = 1'000'000;
  HyperRig() {
    dev.power_on(0);
    board.attach(0, &dev);
  }
  // CA word: byte 0 = R/W#, AS, burst + A31..A27 of the word address, then row and column.
  void ca(FrameBuilder& b, bool read, std::uint64_t word) {
    b.set_ddr(true);
    b.command(static_cast<std::uint8_t>((read ? 0xA0 : 0x20) | ((word >> 27) & 0x1F)), 8);
    b.address(static_cast<std::uint32_t>((word >> 3) & 0xFFFFFF), 24, 8);
    b.address(static_cast<std::uint32_t>(word & 7), 16, 8);
  }
  void write_word(std::uint64_t word, std::uint16_t value) {
    frame.begin(t, kPeriod);
    FrameBuilder b(frame);
    ca(b, false, word);
    const std::uint8_t data[2] = {static_cast<std::uint8_t>(value >> 8),
                                  static_cast<std::uint8_t>(value)};
    b.write(data, 2, 8);
    board.exchange(0, frame);
    t = frame.end_ps() + 100'000;
  }
  // A strobed read the way the FlexSPI builds it for RXCLKSRC 3: DUMMY 6 half cycles, the read,
  // then up to 64 strobe-wait slots the board trims.
  std::vector<std::uint8_t> read(std::uint64_t word, std::size_t n, std::size_t* frame_size) {
    frame.begin(t, kPeriod);
    FrameBuilder b(frame);
    b.set_tag(0);  // the LUT engine tags each phase with its instruction index
    ca(b, true, word);
    b.set_tag(3);
    b.dummy(6);
    b.set_tag(4);
    const std::size_t first = b.read(n, 8);
    b.strobe_wait(64);
    board.exchange(0, frame);
    *frame_size = frame.size();
    std::vector<std::uint8_t> out(n);
    SampleSetup setup;
    setup.source = SampleSource::kFlashDqs;
    // DLLCR as the ROM's driver sets it for RXCLKSRC 3 below 100 MHz: the failsafe override of
    // half a 133 MHz cycle (boot-reference §5), 25 cells of the model's 150 ps.
    setup.dll_delay = 3750;
    board.capture(0, frame, first, 8, setup, out.data(), n);
    t = frame.end_ps() + 100'000;
    return out;
  }
  void unlock() {
    write_word(0x555, 0xAA);
    write_word(0x2AA, 0x55);
  }
};

TEST(HyperFlash, ReadsAreTimedByTheStrobeAndEndWhenTheBytesArrive) {
  HyperRig rig;
  const std::uint8_t pattern[4] = {0xD1, 0x00, 0x20, 0x41};  // an IVT header at 0x1000
  rig.dev.array().write(0x1000, pattern, 4);
  std::size_t size = 0;
  const auto got = rig.read(0x1000 / 2, 4, &size);
  EXPECT_EQ(got, std::vector<std::uint8_t>(pattern, pattern + 4));
  // CA 6 half cycles + 16 clocks of latency (32 half cycles) + 4 bytes = 42 slots: the 64
  // strobe-wait slots the controller offered are cut where the last byte arrived.
  EXPECT_EQ(size, 42u);
}

TEST(HyperFlash, SectorEraseBufferProgramAndStatusPolling) {
  HyperRig rig;
  // Erase the sector at 0x40000 (unlock, 80h, unlock, 30h at the sector's word address).
  rig.unlock();
  rig.write_word(0x555, 0x80);
  rig.unlock();
  rig.write_word(0x40000 / 2, 0x30);
  EXPECT_TRUE(rig.dev.busy_at(rig.t));
  // While busy the status register (70h) reads DRB = 0: word 00 00.
  rig.write_word(0x555, 0x70);
  std::size_t size = 0;
  EXPECT_EQ(rig.read(0, 2, &size)[1] & 0x80, 0);
  rig.t += 1'000'000'000'000ull;  // 1 s > 930 ms typical sector erase
  rig.write_word(0x555, 0x70);
  EXPECT_EQ(rig.read(0, 2, &size)[1] & 0x80, 0x80);
  // Buffer program two words at 0x40010: unlock, 25h at the sector, count - 1, data, 29h.
  rig.unlock();
  rig.write_word(0x40010 / 2, 0x25);
  rig.write_word(0x40010 / 2, 1);
  rig.write_word(0x40010 / 2, 0x1234);
  rig.write_word(0x40012 / 2, 0x5678);
  rig.write_word(0x40010 / 2, 0x29);
  rig.t += 10'000'000'000ull;  // 10 ms > 475 us typical buffer program
  const auto got = rig.read(0x40010 / 2, 6, &size);
  // Bytes in bus order (high byte of each word first); the erased word after them reads FF FF.
  EXPECT_EQ(got, (std::vector<std::uint8_t>{0x12, 0x34, 0x56, 0x78, 0xFF, 0xFF}));
}

}  // namespace
}  // namespace xipsim::test
