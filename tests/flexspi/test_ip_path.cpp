// IP command path driven through the SDK's register flow (FLEXSPI_TransferBlocking and friends,
// see flexspi_rig.cpp): JEDEC ID, erase, page program larger than the TX FIFO, read back with
// watermarks and a tail, status polling against the part's typical busy time.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "flexspi_rig.h"
#include "xipsim/flexspi/registers.h"

namespace xipsim::test {
namespace {

namespace reg = flexspi::reg;
namespace bits = flexspi::bits;

struct IdCase {
  const char* part;
  std::uint8_t id[3];  // flash-parts.md jedec_id
};

class IpJedecId : public ::testing::TestWithParam<IdCase> {};

TEST_P(IpJedecId, ReadsThePartsId) {
  FlexspiRig rig(GetParam().part);
  rig.configure(8 << 20);
  load_standard_lut(rig);
  std::uint8_t id[3] = {};
  ASSERT_TRUE(rig.transfer(0, 10, false, id, 3).ok);
  EXPECT_EQ(id[0], GetParam().id[0]);
  EXPECT_EQ(id[1], GetParam().id[1]);
  EXPECT_EQ(id[2], GetParam().id[2]);
}

INSTANTIATE_TEST_SUITE_P(Parts, IpJedecId,
                         ::testing::Values(IdCase{"W25Q64JV-IQ", {0xEF, 0x40, 0x17}},
                                           IdCase{"IS25WP064A", {0x9D, 0x70, 0x17}},
                                           IdCase{"IS25LP064A", {0x9D, 0x60, 0x17}}));

// Polls status (seq 1) until WIP clears; returns the time spent.
Picoseconds wait_ready(FlexspiRig& rig) {
  const Picoseconds t0 = rig.now();
  std::uint8_t sr = 0x01;
  while (sr & 0x01) {
    EXPECT_TRUE(rig.transfer(0, 1, false, &sr, 1).ok);
    rig.advance_to(rig.now() + 10'000'000);  // poll every 10 us
  }
  return rig.now() - t0;
}

TEST(IpPath, EraseProgramAndReadBackThroughTheFifos) {
  FlexspiRig rig;
  rig.configure(8 << 20);
  load_standard_lut(rig);
  rig.wr(reg::IPTXFCR, 7u << 2);  // 64-byte watermarks, as the flashloader sets them
  rig.wr(reg::IPRXFCR, 7u << 2);
  std::vector<std::uint8_t> junk(4096, 0x00);
  rig.flash().array().write(0x1000, junk.data(), junk.size());

  ASSERT_TRUE(rig.transfer(0x1000, 3, false, nullptr, 0).ok);  // WREN
  ASSERT_TRUE(rig.transfer(0x1000, 5, false, nullptr, 0).ok);  // 4 KiB erase
  const Picoseconds erase = wait_ready(rig);
  // flash-parts.md: W25Q64JV 4K erase typical 45 ms; the poll granularity is ~10 us + one command.
  EXPECT_GE(erase, 45'000'000'000ull);
  EXPECT_LT(erase, 45'100'000'000ull);

  std::vector<std::uint8_t> page(256);
  for (std::size_t i = 0; i < page.size(); ++i)
    page[i] = static_cast<std::uint8_t>(0xA5 ^ i);
  ASSERT_TRUE(rig.transfer(0x1000, 3, false, nullptr, 0).ok);
  ASSERT_TRUE(rig.transfer(0x1000, 9, true, page.data(), page.size()).ok);  // 256 B > 128 B FIFO
  const Picoseconds program = wait_ready(rig);
  EXPECT_GE(program, 400'000'000ull);  // tPP typical 0.4 ms
  EXPECT_LT(program, 500'000'000ull);

  std::vector<std::uint8_t> back(300, 0);  // 4 watermark pops and a 44-byte tail
  ASSERT_TRUE(rig.transfer(0x1000, 11, false, back.data(), back.size()).ok);
  for (std::size_t i = 0; i < 256; ++i)
    ASSERT_EQ(back[i], page[i]) << i;
  for (std::size_t i = 256; i < 300; ++i)
    ASSERT_EQ(back[i], 0xFF) << "erased at " << i;
}

TEST(IpPath, TailShorterThanAWordUsesTheFillLevel) {
  FlexspiRig rig;
  rig.configure(8 << 20);
  load_standard_lut(rig);
  const std::uint8_t pattern[13] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
  rig.flash().array().write(0x40, pattern, sizeof pattern);
  std::uint8_t out[13] = {};
  ASSERT_TRUE(rig.transfer(0x40, 11, false, out, sizeof out).ok);
  EXPECT_EQ(0, std::memcmp(out, pattern, sizeof out));
}

TEST(IpPath, FifoStatusCountsArrivedData) {
  FlexspiRig rig;
  rig.configure(8 << 20);
  load_standard_lut(rig);
  rig.wr(reg::IPRXFCR, 1u | 7u << 2);  // clear, watermark 64 B
  rig.wr(reg::IPCR0, 0);
  rig.wr(reg::IPCR1, 11u << 16 | 200);
  const Picoseconds trg = rig.now();
  rig.wr(reg::IPCMD, 1);
  const Picoseconds t = 33333;
  // Byte k is complete at TRG + TCSS 3T + 32T (command, address) + 8(k+1)T.
  auto& c = rig.ctl();
  const Picoseconds byte63 = trg + (3 + 32 + 8 * 64) * t;
  EXPECT_EQ(c.read_register(reg::INTR, byte63 - 1) & bits::INTR_IPRXWA, 0u);
  EXPECT_EQ(c.read_register(reg::IPRXFSTS, byte63 - 1) & 0xFF, 7u);  // 56 bytes = 7 entries
  EXPECT_TRUE(c.read_register(reg::INTR, byte63) & bits::INTR_IPRXWA);
  // After everything arrived the FIFO shows its 128-byte window (16 entries), RDCNTR 200/8 = 25.
  const Picoseconds end = trg + (3 + 32 + 8 * 200 + 3) * t;
  EXPECT_EQ(c.read_register(reg::IPRXFSTS, end), 16u | 25u << 16);
  c.write_register(reg::INTR, bits::INTR_IPRXWA, end);         // pop 64
  EXPECT_EQ(c.read_register(reg::IPRXFSTS, end) & 0xFF, 16u);  // 136 left, window still full
}

TEST(IpPath, WriteCommandWaitsForTxData) {
  FlexspiRig rig;
  rig.configure(8 << 20);
  load_standard_lut(rig);
  rig.wr(reg::IPCR0, 0);
  rig.wr(reg::IPCR1, 9u << 16 | 8);  // page program, 8 bytes
  const std::uint64_t frames = rig.flash().frames_consumed();
  rig.wr(reg::IPCMD, 1);
  EXPECT_EQ(rig.flash().frames_consumed(), frames) << "no data yet: SCLK waits";
  EXPECT_EQ(rig.rd(reg::STS0) & 3u, 0u);
  rig.wr(reg::TFDR0, 0x44332211);
  rig.wr(reg::TFDR0 + 4, 0x88776655);
  rig.wr(reg::INTR, bits::INTR_IPTXWE);
  EXPECT_EQ(rig.flash().frames_consumed(), frames + 1);
  const SerialFrame& f = rig.ctl().last_frame();
  EXPECT_EQ(f.size(), 8u + 24u + 64u);
  // First data byte after command + address is 0x11 (TFDR little-endian), MSB first on IO0.
  unsigned first = 0;
  for (unsigned i = 0; i < 8; ++i)
    first = first << 1 | (f[32 + i].ctrl_value & 1u);
  EXPECT_EQ(first, 0x11u);
}

TEST(IpPath, NoStrobeEndsInASequenceTimeout) {
  FlexspiRig rig;
  rig.configure(8 << 20);
  load_standard_lut(rig);
  rig.wr(reg::MCR0, rig.rd(reg::MCR0) | 3u << 4);  // flash DQS, but the QSPI part has none
  rig.wr(reg::MCR1, 0x0010FFFF);                   // SEQWAIT 16 x 1024 root clocks
  std::uint8_t id[3];
  const IpResult r = rig.transfer(0, 10, false, id, 3);
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.intr & bits::INTR_SEQTIMEOUT);
  EXPECT_EQ(r.sts1 >> 24 & 0xF, 0xEu);
}

}  // namespace
}  // namespace xipsim::test
