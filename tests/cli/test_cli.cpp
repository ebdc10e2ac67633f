// The xipsim binary as users run it: exit codes, error lines, JSON.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace {
using CliRun = xipsim::test::CommandRun;
CliRun run(const std::string& args) {
  return xipsim::test::run_command(std::string(XIPSIM_BIN) + " " + args);
}
std::string corpus(const std::string& rel) {
  return xipsim::test::corpus_dir() + "/" + rel;
}
}  // namespace

TEST(Cli, ValidImageExitsZero) {
  const CliRun r =
      run("inspect --chip RT1060 " +
          corpus("mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/led_blinky_0x60002000_fdcb.hex"));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(
      r.out.find("CMD_SDR 1pad 0xEB; RADDR_SDR 4pad 24; DUMMY_SDR 4pad 6; READ_SDR 4pad 4; STOP"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Verdict: valid"), std::string::npos);
}

TEST(Cli, AppWithoutBootHeaderExitsOne) {
  const CliRun r = run("inspect --chip RT1060 " +
                       corpus("mcubootutility/apps/invalid_vector/led_blinky_0x60000000.srec"));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("FCB-MISSING"), std::string::npos);
}

TEST(Cli, Rt1010ImageCheckedAsRt1060GetsWrongOffset) {
  // RT1010 images carry the FCB at 0x400; the RT1060 ROM reads 0x000 (field failure F02).
  const CliRun r = run("inspect --chip RT1060 " +
                       corpus("mcubootutility/apps/NXP_MIMXRT1170-EVK_Rev.A/cm7/"
                              "led_blinky_0x30002000_fdcb_padding_vec-ivt.bin") +
                       " --offset 0");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("FCB-WRONG-OFFSET"), std::string::npos) << r.out;
}

TEST(Cli, JsonReport) {
  const CliRun r =
      run("inspect --json --chip RT1064 " +
          corpus("mcubootutility/apps/NXP_MIMXRT106X-EVK_Rev.A1/led_blinky_0x70002000.hex"));
  EXPECT_EQ(r.code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["schema"], "xipsim.inspect/1");
  EXPECT_EQ(j["chip"]["name"], "RT1064");
  EXPECT_EQ(j["placement"]["window_base"], "0x70000000");
  EXPECT_EQ(j["ivt"]["entry"], "0x70002000");
  EXPECT_EQ(j["xip"], true);
  EXPECT_EQ(j["valid"], true);
}

TEST(Cli, MissingFileExitsTwoWithOneLine) {
  const CliRun r = run("inspect /nonexistent/x.bin");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(
      r.out,
      "xipsim: error: /nonexistent/x.bin: cannot open file (does it exist and is it readable?)\n");
}

TEST(Cli, BadChecksumExitsTwoNamingLine) {
  const std::string p =
      xipsim::test::write_temp("bad.hex", ":0400000001020304F2\n:0400000001020304F3\n");
  const CliRun r = run("inspect " + p);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("bad.hex:2: checksum mismatch"), std::string::npos) << r.out;
}

TEST(Cli, UnknownChipAndBadNumberExitTwo) {
  const std::string p = corpus("spsdk/nxpimage/data/fcb/rt106x/fcb.bin");
  EXPECT_EQ(run("inspect --chip RT9999 " + p).code, 2);
  EXPECT_EQ(run("inspect --offset 0xZZ " + p).code, 2);
  EXPECT_EQ(run("inspect --offset 1 --address 2 " + p).code, 2);
  EXPECT_EQ(run("inspect").code, 2);
}

TEST(Cli, GarbageFileIsNotABootImage) {
  std::vector<std::uint8_t> g(5000);
  for (std::size_t i = 0; i < g.size(); ++i)
    g[i] = static_cast<std::uint8_t>((i * 2654435761u) >> 13);
  const CliRun r = run("inspect --chip RT1050 " + xipsim::test::write_temp("garbage.bin", g));
  EXPECT_EQ(r.code, 1) << r.out;
}

// --flash: the FCB checked against a part file of flash_models/parts. The RT1060-EVKB FCB reads
// with EBh, RADDR 24 on 4 pads and DUMMY 6 (flash-parts.md, MBU) and never sets QE.
TEST(Cli, FlashPartChecksDummyCyclesAndQe) {
  const std::string img =
      corpus("mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/led_blinky_0x60002000_fdcb.hex");
  // W25Q64JV-IQ: EBh = 2 mode + 4 dummy = 6 cycles; QE fixed to 1 -> nothing to report.
  const CliRun wb = run("inspect --chip RT1060 --flash W25Q64JV-IQ " + img);
  EXPECT_EQ(wb.code, 0) << wb.out;
  EXPECT_EQ(wb.out.find("FCB-FLASH-DUMMY"), std::string::npos) << wb.out;
  EXPECT_EQ(wb.out.find("FCB-FLASH-QE"), std::string::npos) << wb.out;
  // W25Q64JV-IM ships with QE = 0 (flash-parts.md behaviour 1: Teensy 4.1's failure).
  const CliRun im = run("inspect --chip RT1060 --flash W25Q64JV-IM " + img);
  EXPECT_NE(im.out.find("FCB-FLASH-QE"), std::string::npos) << im.out;
  // MT25QL256: EBh needs 10 dummy cycles at the factory NVCR (QEMU numonyx default).
  const CliRun mt = run("inspect --chip RT1060 --flash MT25QL256 " + img);
  EXPECT_EQ(mt.code, 1) << mt.out;
  EXPECT_NE(mt.out.find("FCB-FLASH-DUMMY"), std::string::npos) << mt.out;
  EXPECT_NE(mt.out.find("needs 10"), std::string::npos) << mt.out;
}

TEST(Cli, UnknownFlashPartExitsTwoWithSuggestion) {
  const CliRun r = run("inspect --chip RT1060 --flash IS25WP64A " +
                       corpus("mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/"
                              "led_blinky_0x60002000_fdcb.hex"));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("did you mean 'IS25WP064A'"), std::string::npos) << r.out;
}

// ---- xipsim boot ----
namespace {
const char* const kEvkbHex =
    "mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/led_blinky_0x60002000_fdcb.hex";
}

TEST(CliBoot, BootedImageExitsZeroWithNarration) {
  const CliRun r = run("boot --chip RT1060 --flash W25Q64JV-IQ " + corpus(kEvkbHex));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("Verdict: BOOTED"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0x000B0000  PROGRAM_IMAGE_CALL"), std::string::npos) << r.out;
}

TEST(CliBoot, JsonCarriesTheDocumentedFields) {
  const CliRun r = run("boot --json --chip RT1060 --flash IS25WP064A " + corpus(kEvkbHex));
  EXPECT_EQ(r.code, 1) << r.out;  // IS25WP064A leaves the factory with QE = 0 (F05)
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["verdict"], "serial_downloader");
  EXPECT_EQ(j["failed_step"], "ivt");
  EXPECT_EQ(j["entry"], nullptr);
  EXPECT_EQ(j["xip"], nullptr);
  EXPECT_EQ(j["rom_log"].back()["code"], "0x000C0000");
  EXPECT_GT(j["boot_time_ns"].get<std::uint64_t>(), 500000u);  // at least the 500 us hold time
  EXPECT_NE(j["hint"].get<std::string>().find("QE bit"), std::string::npos);
}

TEST(CliBoot, JsonOfABootedImage) {
  const CliRun r = run("boot --json --qe --chip RT1060 --flash IS25WP064A " + corpus(kEvkbHex));
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["verdict"], "booted");
  EXPECT_EQ(j["entry"], "0x60002000");  // MANIFEST ivt.entry
  EXPECT_EQ(j["xip"], true);
  EXPECT_EQ(j["failed_step"], nullptr);
}

TEST(CliBoot, BadOptionsExitTwoNamingTheOption) {
  const CliRun a = run("boot --chip RT1060 --flash W25Q64JV-IQ --dqs sideways " + corpus(kEvkbHex));
  EXPECT_EQ(a.code, 2);
  EXPECT_NE(a.out.find("--dqs 'sideways'"), std::string::npos) << a.out;
  const CliRun b = run("boot --chip RT1060 --flash W25Q64JV-IQ --fuse 0x451=1 " + corpus(kEvkbHex));
  EXPECT_EQ(b.code, 2);
  EXPECT_NE(b.out.find("not a fuse word"), std::string::npos) << b.out;
  const CliRun c = run("boot --chip RT1060 --flash W25Q64JV-IQ@C3 " + corpus(kEvkbHex));
  EXPECT_EQ(c.code, 2);
  EXPECT_NE(c.out.find("A1, A2, B1, B2"), std::string::npos) << c.out;
}

TEST(CliBoot, SerialBootModePinsGoToTheDownloader) {
  const CliRun r =
      run("boot --json --boot-mode serial --chip RT1060 --flash W25Q64JV-IQ " + corpus(kEvkbHex));
  EXPECT_EQ(r.code, 1);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["failed_step"], "boot_mode");
  EXPECT_EQ(j["rom_log"][0]["code"], "0x00010001");  // BOOTMODE_SERIAL
}
