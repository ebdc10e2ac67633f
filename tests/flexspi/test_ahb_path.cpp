// AHB read path: miss and hit timing on the prefetch timeline (computed by hand in each test),
// prefetch cut by a later miss, buffer per master, prefetch off, and the stale-buffer hazard
// after an IP program with its cure (AHBCR.CLRAHBRXBUF).
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "flexspi_rig.h"
#include "xipsim/flexspi/registers.h"

namespace xipsim::test {
namespace {

namespace reg = flexspi::reg;
namespace bits = flexspi::bits;

constexpr Picoseconds kT = 33333;       // 30 MHz serial root clock
constexpr Picoseconds kAhb = 7576;      // 132 MHz AHB clock
constexpr Picoseconds kHit = 2 * kAhb;  // Flexspi::kAhbHitClocks

// 1-pad 03h reads as the AHB read sequence (seq 11), prefetch on, pattern in flash.
struct AhbRig : FlexspiRig {
  std::vector<std::uint8_t> pattern = std::vector<std::uint8_t>(0x10000);
  AhbRig() {
    configure(8 << 20);
    load_standard_lut(*this);
    wr(reg::FLSHA1CR2, 11);  // ARDSEQID 11
    wr(reg::AHBCR, rd(reg::AHBCR) | bits::AHBCR_PREFETCHEN);
    for (std::size_t i = 0; i < pattern.size(); ++i)
      pattern[i] = static_cast<std::uint8_t>(i * 13 + (i >> 8));
    flash().array().write(0, pattern.data(), pattern.size());
  }
};

TEST(AhbPath, MissWaitsForTheRequestedBytesOnly) {
  AhbRig rig;
  const Picoseconds t0 = rig.now();
  std::uint8_t out[4];
  const flexspi::AhbResponse r = rig.ahb_read(0x100, out, 4);
  ASSERT_TRUE(r.ok);
  // CS falls at t0, TCSS 3T, command + address 32T, byte k complete after 8(k+1)T more.
  EXPECT_EQ(r.done, t0 + (3 + 32 + 8 * 4) * kT + kHit);
  EXPECT_EQ(0, std::memcmp(out, &rig.pattern[0x100], 4));
  // The buffer (256 B at reset, AHBRXBUF0CR0.BUFSZ = 0x20) keeps filling.
  EXPECT_EQ(rig.ctl().last_frame().size(), 32u + 8u * 256u);
}

TEST(AhbPath, HitInsideTheBufferWaitsOnlyUntilItsBytesArrive) {
  AhbRig rig;
  const Picoseconds t0 = rig.now();
  std::uint8_t out[4];
  ASSERT_TRUE(rig.ahb_read(0x100, out, 4).ok);
  const flexspi::AhbResponse near = rig.ahb_read(0x108, out, 4);  // bytes 8..11 of the fill
  EXPECT_EQ(near.done, t0 + (3 + 32 + 8 * 12) * kT + kHit);
  const flexspi::AhbResponse far = rig.ahb_read(0x1F0, out, 4);  // bytes 240..243
  EXPECT_EQ(far.done, t0 + (3 + 32 + 8 * 244) * kT + kHit);
  EXPECT_EQ(0, std::memcmp(out, &rig.pattern[0x1F0], 4));
  rig.advance_to(far.done + 1'000'000'000);
  const Picoseconds later = rig.now();
  const flexspi::AhbResponse again = rig.ahb_read(0x180, out, 4);  // already there
  EXPECT_EQ(again.done, later + kHit);
  EXPECT_EQ(rig.ctl().stats().ahb_misses, 1u);
  EXPECT_EQ(rig.ctl().stats().ahb_hits, 3u);
}

TEST(AhbPath, MissElsewhereCutsARunningPrefetch) {
  AhbRig rig;
  const Picoseconds t0 = rig.now();
  std::uint8_t out[4];
  ASSERT_TRUE(rig.ahb_read(0x100, out, 4, 0).ok);  // buffer 0; done at t0 + 67T + hit
  const flexspi::AhbResponse other = rig.ahb_read(0x8000, out, 4, 1);  // buffer 1
  // The second fill starts as soon as the first is cut: at the CPU's time, t0 + 67T + hit.
  const Picoseconds cut = t0 + 67 * kT + kHit;
  EXPECT_EQ(other.done, cut + (3 + 32 + 32) * kT + kHit);
  EXPECT_EQ(rig.ctl().stats().prefetch_aborts, 1u);
  // Buffer 0 keeps the bytes that had arrived by the cut: bytes 0..3 (byte 3 ended at
  // t0 + 67T; byte 4 would end at t0 + 75T). Byte 4 onwards is a miss.
  ASSERT_TRUE(rig.ahb_read(0x100, out, 4, 0).ok);
  EXPECT_EQ(rig.ctl().stats().ahb_hits, 1u);
  ASSERT_TRUE(rig.ahb_read(0x104, out, 4, 0).ok);
  EXPECT_EQ(rig.ctl().stats().ahb_misses, 3u);
  EXPECT_EQ(0, std::memcmp(out, &rig.pattern[0x104], 4));
}

TEST(AhbPath, EachMasterUsesItsOwnBuffer) {
  AhbRig rig;
  std::uint8_t out[8];
  ASSERT_TRUE(rig.ahb_read(0x000, out, 8, 0).ok);  // buffer 0 (MSTRID 0)
  rig.advance_to(rig.now() + 1'000'000'000);       // let the prefetch finish
  ASSERT_TRUE(rig.ahb_read(0x400, out, 8, 1).ok);  // buffer 1 (MSTRID 1)
  rig.advance_to(rig.now() + 1'000'000'000);
  ASSERT_TRUE(rig.ahb_read(0x010, out, 8, 0).ok);
  ASSERT_TRUE(rig.ahb_read(0x410, out, 8, 1).ok);
  EXPECT_EQ(rig.ctl().stats().ahb_misses, 2u);
  EXPECT_EQ(rig.ctl().stats().ahb_hits, 2u);
  EXPECT_EQ(0, std::memcmp(out, &rig.pattern[0x410], 8));
}

TEST(AhbPath, WithoutPrefetchOnlyTheBurstIsFetched) {
  AhbRig rig;
  rig.wr(reg::AHBCR, rig.rd(reg::AHBCR) & ~bits::AHBCR_PREFETCHEN);
  std::uint8_t out[4];
  ASSERT_TRUE(rig.ahb_read(0x104, out, 4).ok);
  // Aligned to the 64-bit AHB data path: 8 bytes from 0x100.
  EXPECT_EQ(rig.ctl().last_frame().size(), 32u + 64u);
  EXPECT_EQ(0, std::memcmp(out, &rig.pattern[0x104], 4));
}

TEST(AhbPath, StaleBufferAfterIpProgramUntilCleared) {
  AhbRig rig;
  std::uint8_t before[16], after[16];
  ASSERT_TRUE(rig.ahb_read(0x1000, before, 16).ok);
  EXPECT_EQ(0, std::memcmp(before, &rig.pattern[0x1000], 16));
  // Erase and program the same sector through IP commands (as an in-application updater does).
  ASSERT_TRUE(rig.transfer(0x1000, 3, false, nullptr, 0).ok);
  ASSERT_TRUE(rig.transfer(0x1000, 5, false, nullptr, 0).ok);
  rig.advance_to(rig.now() + 500'000'000'000ull);  // past the 4K erase maximum (400 ms)
  std::uint8_t fresh[16];
  for (int i = 0; i < 16; ++i)
    fresh[i] = static_cast<std::uint8_t>(0x10 + i);
  ASSERT_TRUE(rig.transfer(0x1000, 3, false, nullptr, 0).ok);
  ASSERT_TRUE(rig.transfer(0x1000, 9, true, fresh, 16).ok);
  rig.advance_to(rig.now() + 5'000'000'000ull);  // past tPP max (3 ms)
  ASSERT_TRUE(rig.ahb_read(0x1000, after, 16).ok);
  EXPECT_EQ(0, std::memcmp(after, before, 16)) << "the RX buffer still holds the old bytes";
  rig.wr(reg::AHBCR, rig.rd(reg::AHBCR) | bits::AHBCR_CLRAHBRXBUF);
  EXPECT_EQ(rig.rd(reg::AHBCR) & bits::AHBCR_CLRAHBRXBUF, 0u);  // self-clearing
  ASSERT_TRUE(rig.ahb_read(0x1000, after, 16).ok);
  EXPECT_EQ(0, std::memcmp(after, fresh, 16));
}

TEST(AhbPath, ZeroLengthReadMovesNothing) {
  AhbRig rig;
  const std::uint64_t frames = rig.flash().frames_consumed();
  const Picoseconds t0 = rig.now();
  const flexspi::AhbResponse r = rig.ahb_read(0x100, nullptr, 0);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.done, t0 + kHit);
  EXPECT_EQ(rig.flash().frames_consumed(), frames);
}

TEST(AhbPath, ReadOutsideTheConfiguredFlashIsABusError) {
  AhbRig rig;
  std::uint8_t out[4];
  const flexspi::AhbResponse r = rig.ahb_read(8u << 20, out, 4);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("FLSHxCR0"), std::string::npos);
}

TEST(AhbPath, EmptyReadSequenceNeverDeliversData) {
  AhbRig rig;
  rig.wr(reg::FLSHA1CR2, 2);      // sequence 2 is empty (STOP)
  rig.wr(reg::MCR1, 0x0001FFFF);  // SEQWAIT 1 x 1024 root clocks
  std::uint8_t out[4];
  const Picoseconds t0 = rig.now();
  const flexspi::AhbResponse r = rig.ahb_read(0, out, 4);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.done, t0 + 1024 * kT);
  EXPECT_TRUE(rig.rd(reg::INTR) & bits::INTR_SEQTIMEOUT);
}

// The serial root clock gated (CCGR): what the RX buffer holds is still served (the AHB side
// runs on the AHB clock); a miss gets no serial clock, SEQWAIT (counted in serial root clocks)
// never fires, and the AHB bus timeout, MCR1.AHBBUSWAIT x 1024 AHB clocks, ends it with an error.
TEST(AhbPath, GatedRootClockServesHitsAndTimesOutMisses) {
  AhbRig rig;
  rig.wr(reg::MCR1, 0x00010002);  // SEQWAIT 1, AHBBUSWAIT 2 (x 1024 clocks)
  std::uint8_t out[4];
  const flexspi::AhbResponse first = rig.ahb_read(0x100, out, 4);
  ASSERT_TRUE(first.ok);
  rig.advance_to(first.done + 1'000'000'000);  // the 256-byte prefetch has landed
  rig.ctl().set_root_clock_stopped(true, rig.now());
  const Picoseconds t0 = rig.now();
  const flexspi::AhbResponse hit = rig.ahb_read(0x1F0, out, 4);
  ASSERT_TRUE(hit.ok);
  EXPECT_EQ(hit.done, t0 + kHit);
  EXPECT_EQ(0, std::memcmp(out, &rig.pattern[0x1F0], 4));
  const Picoseconds t1 = rig.now();  // the hit's time has passed
  const flexspi::AhbResponse miss = rig.ahb_read(0x4000, out, 4);
  EXPECT_FALSE(miss.ok);
  EXPECT_EQ(miss.done, t1 + 2 * 1024 * kAhb);  // not SEQWAIT's 1024 x 33.3 ns
  EXPECT_NE(miss.error.find("serial root clock is stopped"), std::string::npos) << miss.error;
  const std::uint32_t intr = rig.rd(reg::INTR);
  EXPECT_TRUE(intr & bits::INTR_AHBBUSTIMEOUT);
  EXPECT_FALSE(intr & bits::INTR_SEQTIMEOUT);
  rig.ctl().set_root_clock_stopped(false, rig.now());  // the gate opens again: reads work
  rig.advance_to(miss.done);
  EXPECT_TRUE(rig.ahb_read(0x4000, out, 4).ok);
  EXPECT_EQ(0, std::memcmp(out, &rig.pattern[0x4000], 4));
}

}  // namespace
}  // namespace xipsim::test
