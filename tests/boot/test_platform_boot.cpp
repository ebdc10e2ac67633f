// F06 and F09 through the platform API: what the bus reads after the boot, and what the ROM
// copied into RAM.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "boot_helpers.h"
#include "test_support.h"

namespace xipsim::test {
namespace {

using boot::Verdict;
using ::testing::HasSubstr;

// A real FlexSPI AHB read through the platform's bus after the boot (the CPU's view).
std::vector<std::uint8_t> bus_read(soc::Platform& p, std::uint64_t address, std::size_t len) {
  std::vector<std::uint8_t> out(len, 0);
  tlm::tlm_generic_payload t;
  t.set_command(tlm::TLM_READ_COMMAND);
  t.set_address(address);
  t.set_data_ptr(out.data());
  t.set_data_length(static_cast<unsigned>(len));
  t.set_streaming_width(static_cast<unsigned>(len));
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  p.bus.in.get_base_interface().b_transport(t, delay);
  EXPECT_TRUE(t.is_response_ok());
  return out;
}

// ---- F06: 3-byte addressing on a 256 Mbit part ----
struct Upper {
  std::string low, high;
};
Upper marker_files() {
  return {write_temp("f06_low.bin", std::vector<std::uint8_t>(32, 0x11)),
          write_temp("f06_high.bin", std::vector<std::uint8_t>(32, 0xA5))};
}

// The FCB declares the whole 32 MiB part (sflashA1Size, FCB + 0x50; these bins start at the FCB)
// so that the AHB window covers the upper half.
boot::BootReport boot_rt1170_with_markers(const std::string& image, soc::Platform** platform,
                                          std::unique_ptr<boot::BootSession>& s) {
  const Upper m = marker_files();
  auto bytes = read_file_bytes(corpus_path(image));
  put32(bytes, 0x50, 32u << 20);
  boot::BootRequest r = request("RT1170", "MX25L25645G", {});
  r.images.push_back({write_temp("f06_image.bin", bytes), 0x30000400});
  r.images.push_back({m.low, 0x30020000});   // flash offset 0x0002_0000
  r.images.push_back({m.high, 0x31020000});  // flash offset 0x0102_0000 (above 16 MiB)
  s = std::make_unique<boot::BootSession>(r);
  *platform = &s->platform();
  return s->run();
}

TEST(F06, ThreeByteReadsWrapAbove16MiB) {
  // RT1170 EVK FCB: EBh with a 24-bit address (MANIFEST lut0 RADDR_SDR 0x18).
  std::unique_ptr<boot::BootSession> s;
  soc::Platform* p = nullptr;
  const auto rep = boot_rt1170_with_markers(
      "mcubootutility/apps/NXP_MIMXRT1170-EVK_Rev.A/cm7/led_blinky_0x30002000_fdcb_ivt.bin", &p, s);
  ASSERT_EQ(rep.verdict, Verdict::kBooted) << describe(rep);
  // 0x0102_0000 sent as 24 bits is 0x02_0000: the lower marker comes back.
  EXPECT_EQ(bus_read(*p, 0x31020000, 32), std::vector<std::uint8_t>(32, 0x11));
}

TEST(F06, FourByteReadReachesTheUpperHalf) {
  // RT1170 EVKB FCB: ECh with RADDR 32 (MANIFEST readCmd 0xEC).
  std::unique_ptr<boot::BootSession> s;
  soc::Platform* p = nullptr;
  const auto rep = boot_rt1170_with_markers(
      "mcubootutility/apps/NXP_MIMXRT1170-EVKB_Rev.B/cm7/led_blinky_0x30002000.bin", &p, s);
  ASSERT_EQ(rep.verdict, Verdict::kBooted) << describe(rep);
  EXPECT_EQ(bus_read(*p, 0x31020000, 32), std::vector<std::uint8_t>(32, 0xA5));
}

// ---- F09: non-XIP image copied to RAM ----
// The RT1060 EVKB image turned into a non-XIP one: IVT self 0x2020_9000, so boot_data.start
// 0x2020_8000 (OCRAM just above the ROM's reserved 0x2020_0000-0x2020_7FFF), entry 0x2020_A000.
std::vector<std::uint8_t> non_xip(std::uint32_t start, std::uint32_t size) {
  auto b = read_file_bytes(corpus_path(kRt1060Evkb));
  put32(b, 0x1004, start + 0x2000);  // entry: the vector table, 0x2000 into the image
  put32(b, 0x1010, start + 0x1020);  // boot_data
  put32(b, 0x1014, start + 0x1000);  // self
  put32(b, 0x1020, start);
  put32(b, 0x1024, size);
  return b;
}

TEST(F09, ImageIsCopiedToOcramAndEqualsTheFlash) {
  const auto image = non_xip(0x20208000, 0x10000);
  boot::BootSession s(request("RT1060", "W25Q64JV-IQ", {write_temp("f09.bin", image)}));
  const auto rep = s.run();
  ASSERT_EQ(rep.verdict, Verdict::kBooted) << describe(rep);
  EXPECT_EQ(rep.xip, false);
  EXPECT_EQ(rep.load_address, 0x20208000u);
  EXPECT_EQ(rep.load_size, 0x10000u);
  std::vector<std::uint8_t> ram(0x10000);
  ASSERT_TRUE(s.platform().debug_read(0x20208000, ram.data(), ram.size()));
  std::vector<std::uint8_t> expect(0x10000, 0xFF);  // erased flash beyond the file
  std::copy(image.begin(), image.end(), expect.begin());
  EXPECT_TRUE(ram == expect);
  // The CPU starts from the copied vector table: SP and reset of the original application.
  EXPECT_EQ(rep.initial_sp, 0x20020000u);
  EXPECT_EQ(rep.entry, 0x2020A000u);
}

TEST(F09, CopyLargerThanOcramFails) {
  // OCRAM 0x2020_0000 + 0xC_0000: 0x2020_8000 + 0x10_0000 runs past 0x202B_FFFF.
  const auto rep = run_boot(
      request("RT1060", "W25Q64JV-IQ", {write_temp("f09b.bin", non_xip(0x20208000, 0x100000))}));
  EXPECT_EQ(rep.failed_step, "boot_data") << describe(rep);
  EXPECT_THAT(rep.reason, HasSubstr("does not fit in RAM"));
}

TEST(F09, CopyOverTheRomReservedOcramFails) {
  const auto rep = run_boot(
      request("RT1060", "W25Q64JV-IQ", {write_temp("f09c.bin", non_xip(0x20200000, 0x10000))}));
  EXPECT_EQ(rep.failed_step, "boot_data") << describe(rep);
  EXPECT_THAT(rep.reason, HasSubstr("ROM-reserved OCRAM"));
}

TEST(F09, StartNotMatchingIvtSelfFails) {
  auto b = non_xip(0x20208000, 0x10000);
  put32(b, 0x1020, 0x20210000);  // boot_data.start no longer self - 0x1000
  const auto rep = run_boot(request("RT1060", "W25Q64JV-IQ", {write_temp("f09d.bin", b)}));
  EXPECT_EQ(rep.failed_step, "boot_data") << describe(rep);
  EXPECT_THAT(rep.reason, HasSubstr("IVT self (0x2020_9000)"));
}

// ---- ROM log written to OCRAM (chip's log address, boot-reference §7.3) ----
TEST(RomLog, CodesAreWrittenAtTheChipsLogAddress) {
  boot::BootSession s(request("RT1060", "W25Q64JV-IQ", {corpus_path(kRt1060Evkb)}));
  const auto rep = s.run();
  ASSERT_EQ(rep.verdict, Verdict::kBooted);
  std::vector<std::uint8_t> log(4 * rep.rom_log.size());
  ASSERT_TRUE(s.platform().debug_read(0x2020523C, log.data(), log.size()));  // RT1062 (MBU)
  for (std::size_t i = 0; i < rep.rom_log.size(); ++i) {
    const std::uint32_t w = log[4 * i] | log[4 * i + 1] << 8 | log[4 * i + 2] << 16 |
                            static_cast<std::uint32_t>(log[4 * i + 3]) << 24;
    EXPECT_EQ(w, rep.rom_log[i].code) << i;
  }
  // Internal boot, FlexSPI NOR, init pass, read pass, jump (MBU btlogdef codes).
  EXPECT_EQ(rep.rom_log.front().code, 0x00010002u);
  EXPECT_EQ(rep.rom_log.back().code, 0x000B0000u);
}

TEST(Dcd, SdramDcdWritesReachTheSemcAndItsChecksComplete) {
  // MCUBootUtility image with the EVK's SDRAM DCD (MANIFEST: dcd_present, 0x6000_1030).
  boot::BootSession s(request("RT1060", "W25Q64JV-IQ",
                              {corpus_path("mcubootutility/apps/NXP_MIMXRT1060-EVK_Rev.A1/"
                                           "led_blinky_0x60005000_fdcb_ivt_dcd.bin")}));
  const auto rep = s.run();
  ASSERT_EQ(rep.verdict, Verdict::kBooted) << describe(rep);
  // inspect lists 117 four-byte writes first (CCM clock gates 0x400F_C068... = 0xFFFFFFFF).
  const auto writes = s.platform().peripheral_writes();
  ASSERT_GE(writes.size(), 117u);
  EXPECT_EQ(writes[0].address, 0x400FC068u);
  EXPECT_EQ(writes[0].value, 0xFFFFFFFFu);
  EXPECT_GT(rep.dcd_commands_run, 3u);
}

}  // namespace
}  // namespace xipsim::test
