// The xipsim binary as users run it: exit codes, error lines, JSON.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
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
  EXPECT_EQ(j["schema"], "xipsim-inspect/2");
  EXPECT_EQ(j["chip"]["name"], "RT1064");
  // Addresses are numbers, with a _hex twin for people (MANIFEST: window 0x7000_0000, entry
  // 0x7000_2000).
  EXPECT_EQ(j["placement"]["window_base"], 0x70000000u);
  EXPECT_EQ(j["placement"]["window_base_hex"], "0x70000000");
  EXPECT_EQ(j["ivt"]["entry"], 0x70002000u);
  EXPECT_EQ(j["ivt"]["entry_hex"], "0x70002000");
  // serialClkFreq 7 is 120 MHz in the RT1064 table (boot-reference §2.4, board-header column).
  EXPECT_EQ(j["fcb"]["serial_clk_freq"], 7);
  EXPECT_EQ(j["fcb"]["serial_clk_mhz"], 120.0);
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
  EXPECT_EQ(j["rom_log"].back()["code"], 0x000C0000u);  // SDP_ENTRY (MBU btlogdef)
  EXPECT_EQ(j["rom_log"].back()["code_hex"], "0x000C0000");
  EXPECT_GT(j["boot_time_ns"].get<std::uint64_t>(), 500000u);  // at least the 500 us hold time
  EXPECT_NE(j["hint"].get<std::string>().find("QE bit"), std::string::npos);
}

TEST(CliBoot, JsonOfABootedImage) {
  const CliRun r = run("boot --json --qe --chip RT1060 --flash IS25WP064A " + corpus(kEvkbHex));
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["verdict"], "booted");
  EXPECT_EQ(j["entry"], 0x60002000u);  // MANIFEST ivt.entry
  EXPECT_EQ(j["entry_hex"], "0x60002000");
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
  EXPECT_EQ(j["rom_log"][0]["code"], 0x00010001u);  // BOOTMODE_SERIAL
}

// ---- the command line as a contract ----

TEST(CliContract, VersionNamesTheProjectVersion) {
  const CliRun r = run("--version");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.rfind("xipsim 0.1.0", 0), 0u) << r.out;  // project(xipsim VERSION 0.1.0)
}

TEST(CliContract, UnknownSubcommandSuggestsTheClosest) {
  const CliRun r = run("inspct x.bin");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("unknown subcommand 'inspct' (did you mean 'inspect'?)"), std::string::npos)
      << r.out;
}

TEST(CliContract, HelpListsChipAliases) {
  const CliRun r = run("--help");
  EXPECT_EQ(r.code, 0);
  // models/chips/rt1060.yaml aliases
  EXPECT_NE(r.out.find("RT1060  = RT1061, RT1062, MIMXRT1061, MIMXRT1062"), std::string::npos)
      << r.out;
}

TEST(CliContract, NamesAreCaseInsensitive) {
  const CliRun r = run("INSPECT --json --chip mimxrt1062 --flash w25q64jv-iq " + corpus(kEvkbHex));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(nlohmann::json::parse(r.out)["chip"]["name"], "RT1060");
  const CliRun b = run("boot --chip rt1062 --flash W25Q64JV-IQ@a1 --dqs Floating --reset POWER " +
                       corpus(kEvkbHex));
  EXPECT_EQ(b.code, 0) << b.out;
  const CliRun typo =
      run("boot --chip RT1060 --flash W25Q64JV-IQ --dqs flaoting " + corpus(kEvkbHex));
  EXPECT_EQ(typo.code, 2);
  EXPECT_NE(typo.out.find("did you mean 'floating'"), std::string::npos) << typo.out;
}

TEST(CliContract, BootTakesOffsetForARawBin) {
  // MANIFEST: this RT1170 bin starts at flash offset 0x400 (FCB at file 0, IVT at file 0xC00).
  const std::string bin =
      corpus("mcubootutility/apps/NXP_MIMXRT1170-EVK_Rev.A/cm7/led_blinky_0x30002000_fdcb_ivt.bin");
  const CliRun at = run("boot --chip RT1170 --flash W25Q64JV-IQ --offset 0x400 " + bin);
  EXPECT_EQ(at.code, 0) << at.out;
  EXPECT_NE(at.out.find("at flash offset 0x400"), std::string::npos) << at.out;
  const CliRun addr = run("boot --chip RT1170 --flash W25Q64JV-IQ --address 0x30000400 " + bin);
  EXPECT_EQ(addr.code, 0) << addr.out;
  // Placed at 0 instead, the FCB sits where the RT1170 ROM does not read it (0x400): no boot.
  const CliRun zero = run("boot --chip RT1170 --flash W25Q64JV-IQ --offset 0 " + bin);
  EXPECT_EQ(zero.code, 1) << zero.out;
  // An addressed file refuses the option.
  const CliRun hex = run("boot --chip RT1060 --flash W25Q64JV-IQ --offset 0 " + corpus(kEvkbHex));
  EXPECT_EQ(hex.code, 2) << hex.out;
}

TEST(CliContract, OverlappingImagesNameBothFiles) {
  const std::string a = xipsim::test::write_temp("ov_a.bin", std::vector<std::uint8_t>(0x200, 1));
  const std::string b = xipsim::test::write_temp("ov_b.bin", std::vector<std::uint8_t>(0x200, 2));
  // a at 0x1000-0x11FF, b at 0x1100-0x12FF.
  const CliRun r = run("boot --chip RT1060 --flash W25Q64JV-IQ " + a + "@0x1000 " + b + "@0x1100");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("ov_b.bin (flash offset 0x1100-0x12FF) overlaps"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("ov_a.bin (0x1000-0x11FF)"), std::string::npos) << r.out;
}

TEST(CliContract, InspectJudgesAClosedChip) {
  // The EVKB image carries no CSF (MANIFEST csf 0): an open chip boots it, a closed one does not.
  EXPECT_EQ(run("inspect --chip RT1060 " + corpus(kEvkbHex)).code, 0);
  const CliRun closed = run("inspect --hab closed --chip RT1060 " + corpus(kEvkbHex));
  EXPECT_EQ(closed.code, 1) << closed.out;
  EXPECT_NE(closed.out.find("CSF-NONE"), std::string::npos) << closed.out;
  EXPECT_EQ(run("inspect --hab shut --chip RT1060 " + corpus(kEvkbHex)).code, 2);
}

TEST(CliContract, InspectTakesTheBootPinsForFlashType) {
  // The RT1050 EVKB HyperFlash image (MANIFEST: FCB A0h, RWDS sampling) on its S26KS512S: the
  // ROM reads the FCB with HyperBus words only at FLASH_TYPE 010 (BOOT_CFG [10:8], 0x200).
  const std::string img = corpus(
      "spsdk/mcu_examples/data/rt105x/output/evkbimxrt1050_iled_blinky_ext_FLASH_unsigned_fcb.bin");
  const CliRun qspi = run("inspect --chip RT1050 --flash S26KS512S " + img);
  EXPECT_EQ(qspi.code, 1) << qspi.out;
  EXPECT_NE(qspi.out.find("FCB-SAFE-READ"), std::string::npos) << qspi.out;
  EXPECT_EQ(run("inspect --chip RT1050 --flash S26KS512S --boot-cfg 0x200 " + img).code, 0);
  const CliRun bad = run("inspect --chip RT1050 --boot-cfg 0x2zz " + img);
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find("--boot-cfg '0x2zz'"), std::string::npos) << bad.out;
}

// ---- diagnosis: every cause, in order, each with the option that checks its fix ----

TEST(CliDiagnose, LoadedDqsPadAndQeClearAreBothNamedWithTheirFixes) {
  // EVKB FCB: readSampleClkSrc 1 at index 7 (120 MHz), EBh quad read. IS25WP064A ships with
  // QE = 0 (flash-parts.md), and a loaded DQS pad delays the looped-back strobe (F04).
  const std::string base = "boot --json --chip RT1060 --flash IS25WP064A " + corpus(kEvkbHex);
  const CliRun r = run(base + " --dqs loaded");
  ASSERT_EQ(r.code, 1) << r.out;
  const auto causes = nlohmann::json::parse(r.out)["causes"];
  ASSERT_EQ(causes.size(), 2u) << causes.dump(2);
  EXPECT_EQ(causes[0]["id"], "DQS-PAD-LOADED");
  EXPECT_EQ(causes[0]["option"], "--dqs floating");
  EXPECT_EQ(causes[1]["id"], "QE-CLEAR");
  EXPECT_EQ(causes[1]["option"], "--qe");
  // Each fix alone leaves the other cause; both together boot.
  EXPECT_EQ(run(base + " --dqs floating").code, 1);
  EXPECT_EQ(run(base + " --dqs loaded --qe").code, 1);
  EXPECT_EQ(run(base + " --dqs floating --qe").code, 0);
}

TEST(CliDiagnose, WarmResetAfterQpiNamesThePowerCycle) {
  // F07: IS25WP064A left in QPI mode by the application; the ROM's 1-pad 03h read is misread.
  const std::string base = "boot --json --qe --chip RT1060 --flash IS25WP064A " + corpus(kEvkbHex);
  const CliRun r = run(base + " --reset warm --flash-state qpi");
  ASSERT_EQ(r.code, 1) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["failed_step"], "fcb");
  EXPECT_EQ(j["causes"][0]["id"], "FLASH-MODE-LEFT");
  EXPECT_EQ(j["causes"][0]["option"], "--reset power");
  EXPECT_EQ(run(base + " --reset power --flash-state qpi").code, 0);
}

TEST(CliContract, SckPadLoopbackBootsWithTheDqsPadReused) {
  // The EVKB image with readSampleClkSrc 2 at index 8 (133 MHz on RT1060): the loaded DQS pad
  // that breaks mode 1 (F04) does not matter, as CircuitPython's RT10xx boards rely on.
  std::vector<std::uint8_t> bin;
  std::ifstream in(corpus("mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/"
                          "led_blinky_0x60002000_fdcb.bin"),
                   std::ios::binary);
  bin.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  ASSERT_GT(bin.size(), 0x100u);
  bin[0x0C] = 2;  // readSampleClkSrc
  bin[0x46] = 8;  // serialClkFreq 133 MHz
  const std::string f = xipsim::test::write_temp("sck_pad.bin", bin);
  const std::string b = "boot --qe --chip RT1060 --flash IS25WP064A --dqs loaded ";
  EXPECT_EQ(run(b + f + "@0x60000000").code, 0);
  bin[0x0C] = 1;
  EXPECT_EQ(run(b + xipsim::test::write_temp("dqs_pad.bin", bin) + "@0x60000000").code, 1);
  // inspect names the mode and says the DQS pad is free.
  bin[0x0C] = 2;
  const CliRun i = run("inspect --chip RT1060 " + xipsim::test::write_temp("sck_pad2.bin", bin));
  EXPECT_EQ(i.code, 0) << i.out;
  EXPECT_NE(i.out.find("FCB-SCK-PAD"), std::string::npos) << i.out;
}
