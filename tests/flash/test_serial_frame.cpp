// The serial frame and its builder: cycle counts per phase (ARCHITECTURE.md: CMD 0xEB on 1 pad
// = 8 cycles, RADDR 24 bits on 4 pads = 6, DUMMY 6 = 6, READ n bytes on 4 pads = 2n), line
// resolution with pulls and contention, slot timing.
#include <gtest/gtest.h>

#include "xipsim/core/duration.h"
#include "xipsim/core/frame_builder.h"

namespace xipsim {
namespace {

TEST(SerialFrame, QuadReadSequenceHasTheHandCountedCycles) {
  SerialFrame f;
  f.begin(0, 10'000);
  FrameBuilder b(f);
  b.command(0xEB, 1);
  EXPECT_EQ(f.size(), 8u);
  b.address(0x123456, 24, 4);
  EXPECT_EQ(f.size(), 14u);
  b.dummy(6);
  EXPECT_EQ(f.size(), 20u);
  const std::size_t at = b.read(4, 4);
  EXPECT_EQ(at, 20u);
  EXPECT_EQ(f.size(), 28u);
  EXPECT_EQ(f.end_ps(), 280'000u);  // 28 cycles at 10 ns
}

TEST(SerialFrame, CommandBitsAreMsbFirstOnIo0) {
  SerialFrame f;
  f.begin(0, 10'000);
  FrameBuilder(f).command(0xA5, 1);  // 1010 0101
  const int expect[8] = {1, 0, 1, 0, 0, 1, 0, 1};
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(f[static_cast<std::size_t>(i)].ctrl_drive, line::kIo0);
    EXPECT_EQ(f.level(static_cast<std::size_t>(i)) & line::kIo0, expect[i]) << i;
  }
}

TEST(SerialFrame, AddressNibblesOnFourPads) {
  SerialFrame f;
  f.begin(0, 10'000);
  FrameBuilder(f).address(0x6A0F31, 24, 4);
  const unsigned nibbles[6] = {0x6, 0xA, 0x0, 0xF, 0x3, 0x1};
  for (std::size_t i = 0; i < 6; ++i)
    EXPECT_EQ(f.level(i) & 0xF, nibbles[i]) << i;
}

TEST(SerialFrame, UndrivenLinesReadThePullState) {
  SerialFrame f;
  f.begin(0, 10'000);
  FrameBuilder(f).dummy(2);
  EXPECT_EQ(f.level(0) & 0xF, 0xF);  // default: board pull-ups on IO0..IO7
  f.set_pull_up(0x0C);               // IO2/IO3 pulled up (WP#/HOLD#), IO0/IO1 pulled down
  EXPECT_EQ(f.level(1) & 0xF, 0xC);
}

TEST(SerialFrame, ContentionIsReportedAndTheControllerLevelWins) {
  SerialFrame f;
  f.begin(0, 10'000);
  FrameBuilder(f).bits(0x0, 4, 4);  // controller drives 0000 on IO0..3
  f[0].flash_value = 0xF;
  f[0].flash_drive = 0xF;
  EXPECT_TRUE(f.contended(0));
  EXPECT_EQ(f.level(0) & 0xF, 0x0);
}

TEST(SerialFrame, SingleLineCaptureUsesIo1) {
  SerialFrame f;
  f.begin(0, 10'000);
  FrameBuilder b(f);
  const std::size_t at = b.read(1, 1);
  for (std::size_t i = 0; i < 8; ++i) {  // flash drives 0x81 on IO1
    f[at + i].flash_drive = line::kIo1;
    f[at + i].flash_value = (i == 0 || i == 7) ? line::kIo1 : 0;
  }
  f.set_pull_up(0);
  std::uint8_t out = 0;
  capture_ideal(f, at, 1, &out, 1);
  EXPECT_EQ(out, 0x81);
}

TEST(SerialFrame, DdrHalfCyclesLastHalfAPeriod) {
  SerialFrame f;
  f.begin(1'000, 10'000);
  f.append(8);                           // 8 SDR cycles = 80 ns
  f.append(4, kSlotDdr);                 // 4 DDR halves = 20 ns
  f.append(2, kSlotDdr | kSlotFalling);  // 2 more halves = 10 ns
  EXPECT_EQ(f.slot_time(8), 81'000u);
  EXPECT_EQ(f.end_ps(), 1'000u + 80'000u + 20'000u + 10'000u);
}

TEST(SerialFrame, ReusedFrameKeepsItsAllocation) {
  SerialFrame f;
  f.begin(0, 10'000);
  f.append(10'000);
  const FrameSlot* before = f.data();
  f.begin(0, 10'000);
  f.append(5'000);
  EXPECT_EQ(f.data(), before);
  EXPECT_EQ(f.size(), 5'000u);
  EXPECT_EQ(f[4'999].ctrl_drive, 0);  // appended slots start cleared
}

TEST(Duration, ParsesUnits) {
  EXPECT_EQ(parse_duration("0.4 ms"), Picoseconds{400'000'000});
  EXPECT_EQ(parse_duration("6 ns"), Picoseconds{6'000});
  EXPECT_EQ(parse_duration("30 us"), Picoseconds{30'000'000});
  EXPECT_EQ(parse_duration("2 s"), Picoseconds{2'000'000'000'000});
  EXPECT_FALSE(parse_duration("6"));
  EXPECT_FALSE(parse_duration("fast"));
  EXPECT_FALSE(parse_duration("-1 ns"));
}

}  // namespace
}  // namespace xipsim
