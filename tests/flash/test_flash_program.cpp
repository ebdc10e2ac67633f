// Program, erase, busy timing, protection, faults, storage. Times come from the typical-timing
// table of ../shared/docs/flash-parts.md (IS25LP/WP064A tPP 0.2 ms; W25Q..JV 4K erase 45 ms).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "spi_host.h"
#include "xipsim/core/errors.h"

namespace xipsim::test {
namespace {

using Bytes = std::vector<std::uint8_t>;
constexpr Picoseconds kMs = 1'000'000'000;
constexpr Picoseconds kUs = 1'000'000;

void program(SpiHost& h, std::uint32_t a, const Bytes& data) {
  h.write_enable();
  h.command_addr(0x02, a, 24, data);
}

TEST(Busy, PageProgramSetsWipForTheTypicalTimeThenDataAppears) {
  SpiHost h("IS25WP064A");
  program(h, 0x100, {0xDE, 0xAD});
  const Picoseconds issued = h.frame.end_ps();         // CS rises: the program starts
  EXPECT_EQ(h.status() & 0x03, 0x03);                  // WIP and WEL set
  EXPECT_EQ(h.read03(0x100, 2), (Bytes{0xFF, 0xFF}));  // busy: the read is not decoded
  const Picoseconds clear = h.wait_ready();
  EXPECT_GE(clear, issued + 200 * kUs);  // tPP typ 0.2 ms
  EXPECT_LT(clear, issued + 200 * kUs + 2 * kUs);
  EXPECT_EQ(h.status() & 0x03, 0x00);  // WEL clears when the program ends
  EXPECT_EQ(h.read03(0x100, 2), (Bytes{0xDE, 0xAD}));
}

TEST(Busy, OneLongStatusReadSeesWipDropAtTheRightByte) {
  SpiHost h("IS25WP064A");
  h.period = 100'000;  // 10 MHz: one status byte = 8 cycles = 800 ns
  program(h, 0, {0x00});
  const Picoseconds issued = h.frame.end_ps();
  h.now = issued + 200 * kUs - 4 * 800'000 - 800'000;  // command byte + 4 status bytes before
  const Bytes s = h.query(0x05, 8);
  EXPECT_EQ(s[0] & 1, 1);
  EXPECT_EQ(s[3] & 1, 1);
  EXPECT_EQ(s[4] & 1, 0);  // its first bit is sampled at issued + 0.2 ms
  EXPECT_EQ(s[7] & 1, 0);
}

TEST(Busy, SectorEraseTakesTheTypicalTimeAndErases) {
  SpiHost h("W25Q32JV");
  put_pattern(h.device, 0x3000);
  h.write_enable();
  h.command_addr(0x20, 0x3010, 24);  // any address inside the sector
  const Picoseconds issued = h.frame.end_ps();
  h.now = issued + 45 * kMs - 10 * kUs;
  EXPECT_EQ(h.status() & 1, 1);
  h.now = issued + 45 * kMs;
  EXPECT_EQ(h.status() & 1, 0);  // W25Q..JV tSE typ 45 ms
  EXPECT_EQ(h.read03(0x3000, 2), (Bytes{0xFF, 0xFF}));
}

TEST(Busy, MaximumTimingModeUsesTheMaximum) {
  SpiHost h("W25Q32JV", flash::DeviceOptions{flash::TimingMode::kMaximum, 1});
  h.write_enable();
  h.command_addr(0x20, 0, 24);
  EXPECT_EQ(*h.device.busy_until(), h.frame.end_ps() + 400 * kMs);  // tSE max 400 ms
}

TEST(Busy, JitterIsSeededAndWithinTypToMax) {
  auto end_with_seed = [](std::uint64_t seed) {
    SpiHost h("W25Q32JV", flash::DeviceOptions{flash::TimingMode::kJitter, seed});
    h.write_enable();
    h.command_addr(0x20, 0, 24);
    return *h.device.busy_until() - h.frame.end_ps();
  };
  EXPECT_EQ(end_with_seed(7), end_with_seed(7));
  EXPECT_GE(end_with_seed(7), 45 * kMs);
  EXPECT_LE(end_with_seed(7), 400 * kMs);
}

TEST(Busy, SuspendLetsReadsThroughAndResumeFinishes) {
  SpiHost h("W25Q32JV");
  put_pattern(h.device, 0x10000);
  h.write_enable();
  h.command_addr(0x20, 0, 24);
  h.command(0x75);
  EXPECT_EQ(h.status() & 1, 0);
  EXPECT_EQ(h.query(0x35, 1)[0] & 0x80, 0x80);  // SUS
  EXPECT_EQ(h.read03(0x10000, 1), (Bytes{0x12}));
  h.command(0x7A);
  EXPECT_EQ(h.status() & 1, 1);
}

TEST(Program, OnlyClearsBits) {
  SpiHost h("W25Q16JV");
  program(h, 0, {0x3C});
  h.wait_ready();
  program(h, 0, {0xF0});
  h.wait_ready();
  EXPECT_EQ(h.read03(0, 1), (Bytes{0x30}));
}

TEST(Program, WrapsInsideThePage) {
  SpiHost h("W25Q16JV");
  program(h, 0x1FE, {0xA1, 0xA2, 0xA3, 0xA4});  // page 0x100..0x1FF
  h.wait_ready();
  EXPECT_EQ(h.read03(0x1FE, 2), (Bytes{0xA1, 0xA2}));
  EXPECT_EQ(h.read03(0x100, 2), (Bytes{0xA3, 0xA4}));
  EXPECT_EQ(h.read03(0x200, 1), (Bytes{0xFF}));
}

TEST(Program, MoreThanAPageKeepsTheLastPageWorth) {
  SpiHost h("W25Q16JV");
  Bytes data(258);
  for (std::size_t i = 0; i < data.size(); ++i)
    data[i] = static_cast<std::uint8_t>(i);
  program(h, 0, data);
  h.wait_ready();
  // bytes 256 and 257 wrapped onto offsets 0 and 1
  EXPECT_EQ(h.read03(0, 3), (Bytes{0x00, 0x01, 0x02}));
  EXPECT_EQ(h.read03(0xFF, 1), (Bytes{0xFF}));
}

TEST(Program, NeedsWriteEnable) {
  SpiHost h("W25Q16JV");
  h.command_addr(0x02, 0, 24, {0x00});
  EXPECT_EQ(h.status() & 1, 0);
  EXPECT_EQ(h.read03(0, 1), (Bytes{0xFF}));
}

TEST(Program, QuadPageProgramNeedsQe) {
  SpiHost h("W25Q64JV-IM");
  h.write_enable();
  h.window([](FrameBuilder& b) {
    const std::uint8_t d[] = {0x42};
    b.command(0x32, 1).address(0, 24, 1).write(d, 1, 4);
  });
  h.wait_ready();
  EXPECT_EQ(h.read03(0, 1), (Bytes{0xFF}));
}

TEST(Erase, CommandWithExtraClocksIsNotExecuted) {
  SpiHost h("W25Q16JV");
  put_pattern(h.device, 0);
  h.write_enable();
  h.command_addr(0x20, 0, 24, {0x00});  // a byte too many before CS rises
  EXPECT_EQ(h.status() & 1, 0);
  EXPECT_EQ(h.read03(0, 1), (Bytes{0x12}));
}

TEST(Protection, BlockProtectBitsSkipProgramAndEraseSilentlyOnWinbond) {
  SpiHost h("W25Q64JV-IQ");
  h.write_enable();
  h.command(0x01, {0x04});  // BP0 = 1, TB = 0: upper 128 KiB (1/64 of 8 MiB)
  h.wait_ready();
  program(h, 0x7E0000, {0x00});
  EXPECT_EQ(h.status() & 1, 0);
  EXPECT_EQ(h.read03(0x7E0000, 1), (Bytes{0xFF}));
  program(h, 0x7DFFFF, {0x00});  // just below the protected range
  h.wait_ready();
  EXPECT_EQ(h.read03(0x7DFFFF, 1), (Bytes{0x00}));
}

TEST(Protection, MicronSetsTheProtectionErrorFlag) {
  SpiHost h("MT25QL256");
  h.write_enable();
  h.command(0x01, {0x1C});  // BP2:0 = 111, TB = 0: the upper 64 blocks (4 MiB) are protected
  h.wait_ready();
  h.write_enable();
  h.command_addr(0x12, 0x01FF'0000, 32, {0x00});  // 4-byte page program inside them
  EXPECT_EQ(h.query(0x70, 1)[0] & 0x02, 0x02);
  h.command(0x50);
  EXPECT_EQ(h.query(0x70, 1)[0] & 0x02, 0x00);
}

TEST(Protection, SrpWithWpLowLocksTheStatusRegister) {
  SpiHost h("W25Q64JV-IM");
  h.write_enable();
  h.command(0x01, {0x80});  // SRP = 1
  h.wait_ready();
  h.frame.set_pull_up(0xFB);  // WP# (IO2) held low by the board
  h.write_enable();
  h.command(0x01, {0x00});
  h.wait_ready();
  EXPECT_EQ(h.status() & 0x80, 0x80);
  h.frame.set_pull_up(0xFF);
  h.write_enable();
  h.command(0x01, {0x00});
  h.wait_ready();
  EXPECT_EQ(h.status() & 0x80, 0x00);
}

TEST(StatusWrite, ShortWriteKeepsSr2LongWriteSetsQe) {
  SpiHost h("W25Q64JV-IM");
  h.write_enable();
  h.command(0x01, {0x00, 0x02});
  h.wait_ready();
  EXPECT_EQ(h.query(0x35, 1)[0] & 0x02, 0x02);
  h.write_enable();
  h.command(0x01, {0x00});  // QER 100b: a 1-byte write leaves SR2 alone
  h.wait_ready();
  EXPECT_EQ(h.query(0x35, 1)[0] & 0x02, 0x02);
}

TEST(StatusWrite, VolatileWriteEnableIsLostAtPowerCycle) {
  SpiHost h("W25Q64JV-IM");
  h.command(0x50);
  h.command(0x31, {0x02});
  EXPECT_EQ(h.status() & 1, 0);  // volatile: no busy time
  EXPECT_EQ(h.query(0x35, 1)[0] & 0x02, 0x02);
  h.device.power_off(h.now);
  h.device.power_on(h.now + 1);
  EXPECT_EQ(h.query(0x35, 1)[0] & 0x02, 0x00);
}

TEST(Faults, PowerLossDuringProgramLeavesASeededPartialPage) {
  auto run = [](std::uint64_t seed) {
    SpiHost h("IS25WP064A", flash::DeviceOptions{flash::TimingMode::kTypical, seed});
    program(h, 0, Bytes(256, 0x00));
    h.device.power_off(h.frame.end_ps() + 100 * kUs);  // half of tPP 0.2 ms
    Bytes out(256);
    h.device.array().read(0, out.data(), out.size());
    return out;
  };
  const Bytes a = run(3);
  EXPECT_EQ(a, run(3));  // deterministic
  std::size_t programmed = 0;
  for (auto b : a)
    programmed += b == 0x00;
  EXPECT_EQ(programmed, 128u);  // the first half landed
  EXPECT_EQ(a[200], 0xFF);      // the rest did not
}

TEST(Faults, PowerLossDuringEraseLeavesSomeBitsRaised) {
  SpiHost h("W25Q32JV", flash::DeviceOptions{flash::TimingMode::kTypical, 11});
  h.device.array().write(0, Bytes(4096, 0x00).data(), 4096);
  h.write_enable();
  h.command_addr(0x20, 0, 24);
  h.device.power_off(h.frame.end_ps() + 22'500 * kUs);  // half of 45 ms
  Bytes out(4096);
  h.device.array().read(0, out.data(), out.size());
  std::size_t ones = 0;
  for (auto b : out) {
    for (int i = 0; i < 8; ++i)
      ones += (b >> i) & 1;
  }
  EXPECT_GT(ones, 4096u * 8 * 4 / 10);  // about half the cells raised
  EXPECT_LT(ones, 4096u * 8 * 6 / 10);
}

TEST(Faults, ProgramFailureOnMicronLatchesTheFlag) {
  SpiHost h("MT25QL256");
  h.device.fail_next_program();
  program(h, 0, {0x00});
  h.wait_ready();
  EXPECT_EQ(h.query(0x70, 1)[0] & 0x10, 0x10);  // FSR program error
  EXPECT_EQ(h.read03(0, 1), (Bytes{0xFF}));
}

TEST(Faults, StuckBitsShowInReads) {
  SpiHost h("W25Q16JV");
  h.device.add_stuck_bits({0x10, 0x01, 0x00});
  EXPECT_EQ(h.read03(0x0F, 3), (Bytes{0xFF, 0xFE, 0xFF}));
}

TEST(Storage, MemoryFollowsWhatWasWritten) {
  SpiHost h("IS25LP256E");  // 32 MiB
  const Bytes mib(1 << 20, 0x5A);
  h.device.array().write(0x0100'0000, mib.data(), mib.size());
  EXPECT_EQ(h.device.array().allocated_bytes(), 1u << 20);
  h.device.array().erase(0x0100'0000, 65536);
  EXPECT_EQ(h.device.array().allocated_bytes(), (1u << 20) - 65536);
}

TEST(Storage, RawBinRoundTripsAtAnOffset) {
  SpiHost h("W25Q16JV");
  put_pattern(h.device, 0x400);
  const std::string path = ::testing::TempDir() + "/xipsim_flash_roundtrip.bin";
  h.device.array().save_file(path, 0x400, 6);
  flash::SparseArray other(2u << 20);
  other.load_file(path, 0x1000);
  EXPECT_EQ(other.read(0x1000), 0x12);
  EXPECT_EQ(other.read(0x1005), 0xBC);
  EXPECT_EQ(other.read(0x1006), 0xFF);
  std::remove(path.c_str());
}

TEST(Storage, FileTooLargeForThePartIsAnError) {
  const std::string path = ::testing::TempDir() + "/xipsim_flash_big.bin";
  std::ofstream(path, std::ios::binary) << std::string(8192, 'x');
  flash::SparseArray small(4096);
  try {
    small.load_file(path, 0);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("do not fit"), std::string::npos) << e.what();
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace xipsim::test
