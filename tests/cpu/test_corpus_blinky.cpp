// Real led_blinky images from ../shared/corpus booted by the ROM and run on the Cortex-M7: each
// toggles its board's LED pin at the period its code implies. The pin and the period were read
// off each image's machine code by hand (arm-none-eabi-objdump), not from the simulator:
// - MCUBootUtility RT1060-EVKB (IAR ELF beside it with symbols): main calls
//   SysTick_DelayTicks(200) (`movs r0,#200` at 0x6000_40A4) with SysTick at SystemCoreClock/1000,
//   then GPIO_PinWrite(GPIO1, 8, ...): GPIO1_IO08 every 200 ms.
// - MCUBootUtility RT1060-EVK Rev A1: `mov.w r0,#500` before the delay call at 0x6000_7510:
//   every 500 ms on the EVK's LED GPIO1_IO09.
// - MCUBootUtility RT106X (RT1064, SiP flash at 0x7000_0000): `movs r0,#200` at 0x7000_4058,
//   GPIO_PinWrite with r0 = 0x401B_8000 (GPIO1), r1 = 8: GPIO1_IO08 every 200 ms.
// - spsdk's SDK led_blinky for the RT1050-EVKB on HyperFlash: `mov.w r0,#1000` at 0x6000_258E:
//   GPIO1_IO09 every 1000 ms.
// - MCUBootUtility RT1040-EVK Rev B at 0x6000_2000: `movs r0,#200` at 0x6000_3FDC before the
//   delay call, GPIO_PinWrite with r0 = the literal 0x401B_8000 (GPIO1), r1 = 8: GPIO1_IO08
//   (GPIO_AD_B0_08, the EVK's LED) every 200 ms.
// - The same application linked at 0x6000_A000: `mov.w r0,#1000` at 0x6000_BFDC, GPIO1 pin 8:
//   every 1000 ms.
// - MCUBootUtility RT1170-EVK Rev A (IAR ELF with symbols): main calls SysTick_DelayTicks(200)
//   (`movs r0,#200` at 0x3000_6104), then GPIO_PinWrite with r0 = 0x40C6_4000 (GPIO9), r1 = 3:
//   GPIO9_IO03 every 200 ms. Its armPllConfig_BOARD_BootClockRUN at 0x3000_4E50 holds
//   postDivider 0 (divide by 2) and loopDivider 166, and CLOCK_ROOT0 gets mux 4 (ARM PLL) with
//   div 1: 24 MHz x 166 / 2 / 2 = 996 MHz. The other RT1170 files are the same application
//   (rst-ivt and padding variants) and the EVKB build (same pin, `movs r0,#200`).
// - spsdk's SDK iled_blinky for the RT1060-EVK (ext_FLASH_unsigned_fcb) and for the RT1050-EVKB
//   in RAM (int_RAM_unsigned, linked at 0x2000_0000): `mov.w r0,#1000` at 0x..._258E, then
//   GPIO_PinWrite with r1 = 9: GPIO1_IO09 every 1000 ms.
// Tolerance 10 us on the interval: the toggle follows the n-th 1 ms SysTick by the same short
// code path every time (well under 1 us at 600 MHz); 10 us also covers a line fill from flash.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "test_support.h"
#include "xipsim/image/loaded_file.h"

namespace xipsim::test {
namespace {

// `xipsim boot ARGS --json`: the report, which must say the ROM booted (else a null object).
nlohmann::json booted_report(const std::string& args) {
  const CommandRun r = run_command(std::string(XIPSIM_BIN) + " boot " + args + " --json");
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out;
  if (j.is_discarded()) return nullptr;
  EXPECT_EQ(j["verdict"], "booted") << r.out.substr(0, 800);
  return j["verdict"] == "booted" ? j : nullptr;
}

// The run still going, one pin changed `changes` times `interval_ms` apart (within 10 us).
void expect_blink(const nlohmann::json& e, const std::string& pin, int changes,
                  double interval_ms) {
  EXPECT_EQ(e["verdict"], "running") << e["story"].dump();
  ASSERT_EQ(e["pins"].size(), 1u) << e["pins"].dump();
  EXPECT_EQ(e["pins"][0]["pin"], pin);
  EXPECT_EQ(e["pins"][0]["changes"], changes);
  EXPECT_NEAR(e["pins"][0]["interval_ms"].get<double>(), interval_ms, 0.010);
}

struct Blinky {
  const char* rel;
  const char* chip;
  const char* part;
  const char* extra;
  const char* run;
  const char* pin;
  double interval_ms;
  int changes;
  double core_mhz;  // BOARD_BootClockRUN: 600 (RT10xx, ARM PLL 1200 / 2), 996 (RT1170)
};

class CorpusBlinky : public ::testing::TestWithParam<Blinky> {};

TEST_P(CorpusBlinky, TogglesTheLedAtThePeriodItsCodeSets) {
  const Blinky& b = GetParam();
  const auto j = booted_report(corpus_dir() + "/" + b.rel + " --chip " + b.chip + " --flash " +
                               b.part + " " + b.extra + " --run " + b.run);
  ASSERT_FALSE(j.is_null());
  const auto& e = j["execution"];
  EXPECT_TRUE(e["faults"].empty());
  if (b.core_mhz > 0) EXPECT_DOUBLE_EQ(e["core_mhz"].get<double>(), b.core_mhz);
  expect_blink(e, b.pin, b.changes, b.interval_ms);
  std::cout << b.rel << ": " << e["pins"][0]["changes"] << " changes every "
            << e["pins"][0]["interval_ms"] << " ms; " << e["instructions"] << " instructions in "
            << e["wall_seconds"] << " s\n";
}

INSTANTIATE_TEST_SUITE_P(
    Boards, CorpusBlinky,
    ::testing::Values(
        Blinky{"mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/led_blinky_0x60002000_fdcb.bin",
               "RT1060", "W25Q64JV-IQ", "", "0.7s", "GPIO1_IO08", 200.0, 3, 600},
        Blinky{"mcubootutility/apps/NXP_MIMXRT1060-EVK_Rev.A1/led_blinky_0x60005000_fdcb_ivt.bin",
               "RT1060", "W25Q64JV-IQ", "", "1.6s", "GPIO1_IO09", 500.0, 3, 600},
        Blinky{"mcubootutility/apps/NXP_MIMXRT106X-EVK_Rev.A1/led_blinky_0x70002000.bin", "RT1064",
               "W25Q32JV", "", "0.7s", "GPIO1_IO08", 200.0, 3, 600},
        Blinky{"mcubootutility/apps/NXP_MIMXRT1040-EVK_Rev.B/led_blinky_0x60002000.bin", "RT1040",
               "W25Q64JV-IQ", "", "0.7s", "GPIO1_IO08", 200.0, 3, 600},
        Blinky{"mcubootutility/apps/NXP_MIMXRT1040-EVK_Rev.B/led_blinky_0x6000a000.bin", "RT1040",
               "W25Q64JV-IQ", "", "2.1s", "GPIO1_IO08", 1000.0, 2, 600},
        // FLASH_TYPE 010 (HyperFlash 1.8 V) on the EVKB's boot switches, as corpus_boards.h.
        Blinky{"spsdk/mcu_examples/data/rt105x/output/"
               "evkbimxrt1050_iled_blinky_ext_FLASH_unsigned_fcb.bin",
               "RT1050", "S26KS512S", "--boot-cfg 0x200", "2.1s", "GPIO1_IO09", 1000.0, 2, 600},
        Blinky{"spsdk/mcu_examples/data/rt106x/output/"
               "evkmimxrt1060_iled_blinky_ext_FLASH_unsigned_fcb.bin",
               "RT1060", "IS25WP064A", "--qe", "2.1s", "GPIO1_IO09", 1000.0, 2, 600},
        // RT1170: the EVK's IS25WP128 with QE set as shipped. The first toggle comes at about
        // 670 ms: BOARD_BootClockRUN's SDK_DelayAtLeastUs delays count for 1 GHz while the
        // core still runs at the 24 MHz the model's ROM leaves (docs/soc-model.md); 1.3 s gives
        // four changes.
        Blinky{"mcubootutility/apps/NXP_MIMXRT1170-EVK_Rev.A/cm7/"
               "led_blinky_0x30002000_fdcb_vec-ivt_iar.elf",
               "RT1170", "IS25WP128", "--qe", "1.3s", "GPIO9_IO03", 200.0, 4, 996},
        Blinky{"mcubootutility/apps/NXP_MIMXRT1170-EVK_Rev.A/cm7/"
               "led_blinky_0x30002000_fdcb_padding_rst-ivt.bin",
               "RT1170", "IS25WP128", "--qe", "1.3s", "GPIO9_IO03", 200.0, 4, 996},
        // The EVKB's 64 MiB W25Q512NW is not among the parts; MX25L25645G answers the FCB's
        // 4-byte quad I/O read (0xEC) the same way.
        Blinky{"mcubootutility/apps/NXP_MIMXRT1170-EVKB_Rev.B/cm7/led_blinky_0x30002000.bin@0x400",
               "RT1170", "MX25L25645G", "--qe", "1.3s", "GPIO9_IO03", 200.0, 4, 996}),
    [](const ::testing::TestParamInfo<Blinky>& i) {
      return std::string(i.param.chip) + "_" + std::to_string(i.index);
    });

}  // namespace
}  // namespace xipsim::test

namespace xipsim::test {
namespace {

// An ELF image carries its symbols: `--until main` stops where main starts. The IAR ELF of the
// RT1060-EVKB blinky has main at 0x6000_406C (arm-none-eabi-nm, run by hand).
TEST(ElfSymbols, UntilMainStopsAtMainOfTheIarElf) {
  const CommandRun r = run_command(
      std::string(XIPSIM_BIN) + " boot " + corpus_dir() +
      "/mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/led_blinky_0x60002000_fdcb_iar.elf "
      "--chip RT1060 --flash W25Q64JV-IQ --run 1s --until main --json");
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["execution"]["verdict"], "reached");
  EXPECT_EQ(j["execution"]["pc_hex"], "0x6000406C");
  EXPECT_EQ(j["execution"]["text"], "reached main (0x6000_406C)");
}

// Registers without a model are reported at their first access. The RT1060-EVKB blinky's
// BOARD_InitPins starts with IOMUXC_SetPinMux(IOMUXC_GPIO_AD_B0_08_GPIO1_IO08): MUX_MODE 5
// (ALT5, GPIO1_IO08) written to SW_MUX_CTL_PAD_GPIO_AD_B0_08, 0x401F_80BC + 8 x 4 = 0x401F_80DC
// (SDK fsl_iomuxc.h). The IOMUXC only stores it: that is the first entry. The CCM, GPIO1 and
// the CCM_ANALOG PLL aliases (SET/CLR at +4/+8) have models and must not appear.
TEST(UnmodelledRegisters, FirstIsTheLedPadMuxAndModelledBlocksAreAbsent) {
  const CommandRun r = run_command(std::string(XIPSIM_BIN) + " boot " + corpus_dir() +
                                   "/mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/"
                                   "led_blinky_0x60002000_fdcb.bin --chip RT1060 --flash "
                                   "W25Q64JV-IQ --run 0.3s --json");
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  const auto& u = j["execution"]["unmodelled_registers"];
  ASSERT_FALSE(u.empty());
  EXPECT_EQ(u[0]["register_hex"], "0x401F80DC");
  EXPECT_EQ(u[0]["access"], "write");
  EXPECT_EQ(u[0]["value"], "0x00000005");
  EXPECT_EQ(u[0]["block"], "IOMUXC");
  for (const auto& a : u) {
    const std::uint64_t reg = a["register"].get<std::uint64_t>();
    EXPECT_FALSE(reg >= 0x400FC000 && reg < 0x40100000) << a.dump();  // CCM
    EXPECT_FALSE(reg >= 0x401B8000 && reg < 0x401BC000) << a.dump();  // GPIO1
    EXPECT_FALSE(reg >= 0x400D8000 && reg < 0x400D8110) << a.dump();  // PLLs, PFDs + aliases
  }
}

// The Teensy 4.0 blink (teensy_loader_cli corpus, IVT entry as a function): its startup moves
// FlexRAM to ITCM 32 KiB / DTCM 480 KiB (GPR17 0xAAAAAAAB, stack at 0x2007_8000), sets the ARM
// clock to 396 MHz and calibrates ADC1 before setup(). Expected: no fault for 1 s of simulated
// time, and the run still going at the end.
TEST(Teensy, Teensy40RunsWithoutFaultForOneSecond) {
  const CommandRun r = run_command(std::string(XIPSIM_BIN) + " boot " + corpus_dir() +
                                   "/teensy_loader_cli/blink_slow_Teensy40.hex --chip RT1060 "
                                   "--flash W25Q16JV --run 1s --json");
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  ASSERT_EQ(j["verdict"], "booted") << r.out;
  EXPECT_EQ(j["execution"]["verdict"], "running") << j["execution"]["story"].dump();
  EXPECT_TRUE(j["execution"]["faults"].empty());
}

// Non-XIP images: spsdk's `nxpimage hab export` of the SDK iled_blinky linked for RAM carries no
// FCB (its first 512 bytes are zero: the tool leaves the FCB to the programmer). The test puts
// the FCB of the XIP sibling (..._ext_FLASH_unsigned_fcb.bin) there, as a user programming both
// would. The ROM copies the image (boot data start, size) and the blinky runs from RAM:
// - RT1050-EVKB int_RAM: to DTCM 0x2000_0000 (0x5208 bytes), entry 0x2000_2305;
// - RT1050-EVKB SDRAM: its DCD (IVT dcd 0x8000_1040) sets up the SEMC (BR0 opens the SDRAM),
//   then the copy to 0x8000_0000 (0x5094 bytes), entry 0x8000_2305;
// - RT1060-EVK SDRAM: the same with 0x5140 bytes, entry 0x8000_231D.
// Each: `mov.w r0,#1000` at 0x..._258E, GPIO_PinWrite with r1 = 9: GPIO1_IO09 every 1000 ms
// (MANIFEST.md for the IVT fields; the code read by hand with arm-none-eabi-objdump).
std::string with_fcb_from(const std::string& image_rel, const std::string& fcb_rel,
                          const std::string& out) {
  std::ifstream fcb_in(corpus_dir() + "/" + fcb_rel, std::ios::binary);
  std::ifstream img_in(corpus_dir() + "/" + image_rel, std::ios::binary);
  std::string fcb((std::istreambuf_iterator<char>(fcb_in)), {});
  std::string image((std::istreambuf_iterator<char>(img_in)), {});
  EXPECT_GE(fcb.size(), 0x200u);
  EXPECT_EQ(image.substr(0, 0x200), std::string(0x200, '\0')) << image_rel;
  if (fcb.size() < 0x200 || image.size() < 0x200) return "";
  image.replace(0, 0x200, fcb.substr(0, 0x200));
  return write_temp(out, image);
}

struct NonXip {
  const char* image;
  const char* fcb;
  const char* chip;
  const char* flash;
  std::uint32_t entry;
};
class CorpusBlinkyNonXip : public ::testing::TestWithParam<NonXip> {};

TEST_P(CorpusBlinkyNonXip, IsCopiedToRamAndBlinksEverySecond) {
  const NonXip& n = GetParam();
  const std::string file = with_fcb_from(n.image, n.fcb, std::string(n.chip) + "_nonxip.bin");
  ASSERT_FALSE(file.empty());
  const auto j = booted_report(file + " --chip " + n.chip + " --flash " + n.flash + " --run 2.1s");
  ASSERT_FALSE(j.is_null());
  EXPECT_EQ(j["entry"], n.entry);
  expect_blink(j["execution"], "GPIO1_IO09", 2, 1000.0);
  EXPECT_EQ(j["execution"]["caches"]["window_line_reads"], 0);  // nothing executed from flash
}

INSTANTIATE_TEST_SUITE_P(
    Images, CorpusBlinkyNonXip,
    ::testing::Values(
        NonXip{
            "spsdk/mcu_examples/data/rt105x/output/evkbimxrt1050_iled_blinky_int_RAM_unsigned.bin",
            "spsdk/mcu_examples/data/rt105x/output/"
            "evkbimxrt1050_iled_blinky_ext_FLASH_unsigned_fcb.bin",
            "RT1050", "S26KS512S --boot-cfg 0x200", 0x20002305},
        NonXip{"spsdk/mcu_examples/data/rt105x/output/evkbimxrt1050_iled_blinky_SDRAM_unsigned.bin",
               "spsdk/mcu_examples/data/rt105x/output/"
               "evkbimxrt1050_iled_blinky_ext_FLASH_unsigned_fcb.bin",
               "RT1050", "S26KS512S --boot-cfg 0x200", 0x80002305},
        NonXip{"spsdk/mcu_examples/data/rt106x/output/evkmimxrt1060_iled_blinky_SDRAM_unsigned.bin",
               "spsdk/mcu_examples/data/rt106x/output/"
               "evkmimxrt1060_iled_blinky_ext_FLASH_unsigned_fcb.bin",
               "RT1060", "IS25WP064A --qe", 0x8000231D}),
    [](const ::testing::TestParamInfo<NonXip>& i) {
      return std::string(i.param.chip) + "_" + std::to_string(i.index);
    });

// The SDRAM image without its DCD (IVT dcd word at file offset 0x100C zeroed): nothing opens the
// SEMC's SDRAM, so the ROM cannot copy there and stops at boot data, saying why.
TEST(CorpusSdram, ImageWithoutItsDcdStopsAtBootData) {
  std::string file = with_fcb_from(
      "spsdk/mcu_examples/data/rt105x/output/evkbimxrt1050_iled_blinky_SDRAM_unsigned.bin",
      "spsdk/mcu_examples/data/rt105x/output/evkbimxrt1050_iled_blinky_ext_FLASH_unsigned_fcb.bin",
      "sdram_nodcd_src.bin");
  ASSERT_FALSE(file.empty());
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  ASSERT_EQ(bytes.substr(0x100C, 4), std::string("\x40\x10\x00\x80", 4));  // dcd 0x8000_1040
  bytes.replace(0x100C, 4, std::string(4, '\0'));
  file = write_temp("sdram_nodcd.bin", bytes);
  const CommandRun r = run_command(std::string(XIPSIM_BIN) + " boot " + file +
                                   " --chip RT1050 --flash S26KS512S --boot-cfg 0x200 --json");
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["failed_step"], "boot_data") << r.out.substr(0, 600);
  EXPECT_NE(r.out.find("the IVT has no DCD"), std::string::npos) << r.out.substr(0, 600);
}

// MCUBootUtility's RT1050-EVKB blinky linked for SDRAM (led_blinky_0x80002000.srec, app only:
// vector table at 0x8000_2000, SP 0x2002_0000, reset 0x8000_2B61) booted as a user would after
// reusing the SDK example's boot header: the first 0x2000 bytes of spsdk's SDRAM image (its FCB
// spliced in as above; IVT self 0x8000_1000, boot data 0x8000_1020, the EVKB's SDRAM DCD at
// 0x8000_1040) with the IVT entry set to the application's vector table and the boot data size
// to 0x4000, the application at flash offset 0x2000. The DCD opens the SDRAM, the ROM copies,
// the application runs there: SysTick reload SystemCoreClock / 1000 - 1 (`umull` by 0x83126E98,
// `lsrs #9`, `subs #1` at 0x8000_2A20), 200 ticks (`movs r1,#200` at 0x8000_2A52), GPIO1 pin 9:
// a change every 200 ms; three in 0.7 s.
TEST(CorpusSdram, AppOnlyImageBootsBehindTheSdkExamplesDcd) {
  const std::string head_file = with_fcb_from(
      "spsdk/mcu_examples/data/rt105x/output/evkbimxrt1050_iled_blinky_SDRAM_unsigned.bin",
      "spsdk/mcu_examples/data/rt105x/output/evkbimxrt1050_iled_blinky_ext_FLASH_unsigned_fcb.bin",
      "sdram_head_src.bin");
  ASSERT_FALSE(head_file.empty());
  std::ifstream in(head_file, std::ios::binary);
  std::string flash((std::istreambuf_iterator<char>(in)), {});
  flash.resize(0x2000);
  const auto put32 = [&](std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
      flash[at + i] = static_cast<char>(v >> (8 * i));
  };
  put32(0x1004, 0x80002000);  // IVT entry: the application's vector table
  put32(0x1024, 0x4000);      // boot data size: header and application
  const image::LoadedFile app = image::load_file(
      corpus_dir() + "/mcubootutility/apps/NXP_MIMXRT1050-EVKB_Rev.A/led_blinky_0x80002000.srec");
  ASSERT_EQ(app.segments.size(), 1u);
  ASSERT_EQ(app.segments[0].address, 0x80002000u);
  flash.append(app.segments[0].data.begin(), app.segments[0].data.end());
  ASSERT_LE(flash.size(), 0x4000u);
  flash.resize(0x4000, '\0');
  const auto j = booted_report(write_temp("sdram_app_only.bin", flash) +
                               " --chip RT1050 --flash S26KS512S --boot-cfg 0x200 --run 0.7s");
  ASSERT_FALSE(j.is_null());
  expect_blink(j["execution"], "GPIO1_IO09", 3, 200.0);
}

// The Teensy 4.1 and MicroMod blinks: loop() (0x6000_1FD8 in the 4.1 image, 0x6000_1C10 in the
// MicroMod's; arm-none-eabi-objdump of the HEX converted to bin, by hand) is digitalWrite(13, 1);
// delay(1000) (`mov.w r0,#1000`); digitalWrite(13, 0); delay(1000). Pin 13 is GPIO_B0_03, which
// the Teensy core drives through the fast GPIO7 (GPIO7_IO03). The core's startup waits until
// millis() reaches 300 before setup(), so the first edge (high) comes after 300 ms and the
// next (low) 1000 ms later; 1.35 s holds both. Tolerance on the interval 10 us, as above; on the
// first edge 10 ms (USB and clock start-up before the wait are the model's, not measured).
// Flash: the 4.1's W25Q64JV-IQ; the MicroMod's 16 MiB W25Q128JV is not among the parts, its
// family's W25Q64JV-IQ answers the same FCB read (0xEB) and holds the 20 KiB image.
struct TeensyBlink {
  const char* file;
};
class TeensyBlinks : public ::testing::TestWithParam<TeensyBlink> {};

TEST_P(TeensyBlinks, TogglesPin13OnGpio7EverySecondWithoutFault) {
  const CommandRun r =
      run_command(std::string(XIPSIM_BIN) + " boot " + corpus_dir() + "/teensy_loader_cli/" +
                  GetParam().file + " --chip RT1060 --flash W25Q64JV-IQ --run 1.35s --json");
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  ASSERT_EQ(j["verdict"], "booted") << r.out;
  const auto& e = j["execution"];
  EXPECT_EQ(e["verdict"], "running") << e["story"].dump();
  EXPECT_TRUE(e["faults"].empty());
  ASSERT_EQ(e["pins"].size(), 1u) << e["pins"].dump();
  const auto& p = e["pins"][0];
  EXPECT_EQ(p["pin"], "GPIO7_IO03");
  ASSERT_EQ(p["edges"].size(), 2u) << p.dump();
  const double first_ms = p["edges"][0]["time_ns"].get<double>() / 1e6;
  EXPECT_EQ(p["edges"][0]["level"], 1);
  EXPECT_GE(first_ms, 300.0);
  EXPECT_LT(first_ms, 310.0);
  EXPECT_NEAR(p["interval_ms"].get<double>(), 1000.0, 0.010);
  std::cout << GetParam().file << ": first edge " << first_ms << " ms; " << e["instructions"]
            << " instructions in " << e["wall_seconds"] << " s\n";
}

INSTANTIATE_TEST_SUITE_P(Boards, TeensyBlinks,
                         ::testing::Values(TeensyBlink{"blink_slow_Teensy41.hex"},
                                           TeensyBlink{"blink_slow_TeensyMM.hex"}));

}  // namespace
}  // namespace xipsim::test

#ifdef XIPSIM_FIRMWARE_DIR
namespace xipsim::test {
namespace {

// MCUBootUtility's application-only blinkies (linked at 0x6000_2000, no FCB/IVT: the tool adds
// the boot header when it programs them). The test adds the header the test firmware uses
// (tests/firmware/common/boot_header.c: 1-pad 03h at 30 MHz, IVT entry = the vector table at
// 0x6000_2000) at the chip's FCB offset, as `xipsim boot HEADER@OFFSET APP`. Pin and period
// read off each image's machine code by hand (objcopy to bin, arm-none-eabi-objdump):
// - RT1010-EVK: main at 0x6000_3F32 calls GPIO_PinWrite with r0 = the literal 0x401B_8000
//   (GPIO1), r1 = 11 after `movs r0,#200` and the delay call at 0x6000_3F78: GPIO1_IO11 every
//   200 ms.
// - RT1020-EVK: r4 = 0x401B_8000 (GPIO1), r1 = 5, `movs r0,#200` at 0x6000_3808: GPIO1_IO05.
// - RT1024-EVK: r0 = 0x401B_8000, r1 = 24, `movs r0,#200` at 0x6000_36D6: GPIO1_IO24.
// All three run BOARD_BootClockRUN's 500 MHz (PRE_PERIPH_CLK_SEL 3 = PLL6's 500 MHz output)
// and SysTick_Config(SystemCoreClock / 1000).
// - RT1050-EVKB at 0x6000_2000 (SREC): `movs r0,#200` before the delay call at 0x6000_33A8,
//   GPIO_PinWrite with r1 = 9: GPIO1_IO09. This build's main sets no clock (it calls the pin set-up
//   and SystemCoreClockUpdate at 0x6000_2E68, which reads CBCDR/CBCMR back), so the core runs at
//   what the ROM leaves, which the model does not know (docs/soc-model.md): the core clock is not
//   checked (0), the period follows from SystemCoreClock all the same.
// - RT1064-EVK at 0x7000_2000 (SREC, and the IAR ELF with symbols: main at 0x7000_3740,
//   `movs r0,#200` at 0x7000_378C, r1 = 9): GPIO1_IO09 at 600 MHz, behind the FLEXSPI2 header.
struct AppOnly {
  const char* header;  // file in the firmware directory and where it goes: "x.bin@0x400"
  const char* rel;
  const char* chip;
  const char* part;
  const char* pin;
  double core_mhz = 500.0;
};

class AppOnlyBlinky : public ::testing::TestWithParam<AppOnly> {};

TEST_P(AppOnlyBlinky, BootsBehindAHeaderAndTogglesEvery200Ms) {
  const AppOnly& b = GetParam();
  const auto j =
      booted_report(std::string(XIPSIM_FIRMWARE_DIR) + "/" + b.header + " " + corpus_dir() + "/" +
                    b.rel + " --chip " + b.chip + " --flash " + b.part + " --run 0.7s");
  ASSERT_FALSE(j.is_null());
  const auto& e = j["execution"];
  EXPECT_TRUE(e["faults"].empty());
  if (b.core_mhz > 0) EXPECT_DOUBLE_EQ(e["core_mhz"].get<double>(), b.core_mhz);
  expect_blink(e, b.pin, 3, 200.0);  // at 200, 400 and 600 ms
}

INSTANTIATE_TEST_SUITE_P(
    Boards, AppOnlyBlinky,
    ::testing::Values(
        AppOnly{"boot_header_fcb400.bin@0x400",
                "mcubootutility/apps/NXP_MIMXRT1010-EVK_Rev.A/led_blinky_0x60002000.hex", "RT1010",
                "AT25SF128A", "GPIO1_IO11"},
        AppOnly{"boot_header_fcb0.bin@0",
                "mcubootutility/apps/NXP_MIMXRT1020-EVK_Rev.A2/led_blinky_0x60002000.srec",
                "RT1020", "IS25LP064A", "GPIO1_IO05"},
        AppOnly{"boot_header_fcb0.bin@0",
                "mcubootutility/apps/NXP_MIMXRT1024-EVK_Rev.B1/led_blinky_0x60002000.hex", "RT1024",
                "W25Q32JV", "GPIO1_IO24"},
        AppOnly{"boot_header_fcb0.bin@0",
                "mcubootutility/apps/NXP_MIMXRT1050-EVKB_Rev.A/led_blinky_0x60002000.srec",
                "RT1050", "IS25WP064A --qe", "GPIO1_IO09", 0.0},
        AppOnly{"boot_header_fcb0_rt1064.bin@0x70000000",
                "mcubootutility/apps/NXP_MIMXRT1064-EVK_Rev.A/led_blinky_0x70002000.srec", "RT1064",
                "W25Q32JV", "GPIO1_IO09", 600.0},
        AppOnly{"boot_header_fcb0_rt1064.bin@0x70000000",
                "mcubootutility/apps/NXP_MIMXRT1064-EVK_Rev.A/led_blinky_0x70002000_iar.elf",
                "RT1064", "W25Q32JV", "GPIO1_IO09", 600.0}),
    [](const ::testing::TestParamInfo<AppOnly>& i) {
      return std::string(i.param.chip) + "_" + std::to_string(i.index);
    });

// spsdk's blhost test data: an SDK iled_blinky for the RT1060-EVK built in the IDE, app only at
// 0x6000_2000 (HEX). Its main calls SysTick_Config(SystemCoreClock / 4000): the `umull` with
// 0x10624DD3 and `lsrs #8` at 0x6000_2592 (x / 1000 would shift by 6), so a 0.25 ms tick; the
// loop at 0x6000_25A6 waits for the tick counter (in .bss: 0 at first, so the first change comes
// right after the start-up), toggles GPIO1 pin 9 (`movs r1,#9`) and stores 500 into the counter
// (`mov.w r2,#500` at 0x6000_25CC): a change every 500 x 0.25 ms = 125 ms, at 600 MHz. In 0.7 s:
// the first change before 125 ms, then five more.
TEST(AppOnlyBlinkyRt1060, IdeBuildTicksAt4KHzAndTogglesEvery125Ms) {
  const auto j =
      booted_report(std::string(XIPSIM_FIRMWARE_DIR) + "/boot_header_fcb0.bin@0 " + corpus_dir() +
                    "/spsdk/mboot/blhost/data/iled_blinky_ide_1060.hex --chip RT1060 "
                    "--flash IS25WP064A --qe --run 0.7s");
  ASSERT_FALSE(j.is_null());
  const auto& e = j["execution"];
  EXPECT_DOUBLE_EQ(e["core_mhz"].get<double>(), 600.0);
  expect_blink(e, "GPIO1_IO09", 6, 125.0);
  EXPECT_LT(e["pins"][0]["edges"][0]["time_ns"].get<double>(), 125e6);
}

// spsdk's blhost test data for RT1064: an SDK iled_blinky ELF linked at 0x7000_2000 (FLEXSPI2, the
// SiP flash), app only; booted behind the test boot header built for that window
// (boot_header_fcb0_rt1064.bin at 0x7000_0000). Its main (symbols: 0x7000_3BB6) calls
// SysTick_Config(SystemCoreClock / 1000), then GPIO_PinWrite(GPIO1, 9, ...) and
// SysTick_DelayTicks(1000) (`mov.w r0,#1000` at 0x7000_3BEA): GPIO1_IO09 every 1000 ms.
TEST(AppOnlyBlinkyRt1064, ElfInFlexspi2TogglesEverySecond) {
  const auto j = booted_report(std::string(XIPSIM_FIRMWARE_DIR) +
                               "/boot_header_fcb0_rt1064.bin@0x70000000 " + corpus_dir() +
                               "/spsdk/mboot/blhost/data/iled_blinky.out --chip RT1064 --flash "
                               "W25Q32JV --run 2.1s");
  ASSERT_FALSE(j.is_null());
  expect_blink(j["execution"], "GPIO1_IO09", 2, 1000.0);
}

// MCUBootUtility's RT1060-EVK blinky built for ITCM, app only, booted non-XIP as a user would:
// the test boot header's FCB, its IVT rewritten for a copy (self 0x0000_1000, boot data
// 0x0000_1020: start 0x0000_0000, size `copied`; entry the vector table at 0x0000_2000) and the
// application at flash offset 0x2000. Returns the flash file ("" on a failed check).
std::string rt1060_itcm_flash(const std::string& app_file, std::size_t app_size,
                              std::uint32_t copied) {
  std::ifstream in(std::string(XIPSIM_FIRMWARE_DIR) + "/boot_header_fcb0.bin", std::ios::binary);
  std::string flash((std::istreambuf_iterator<char>(in)), {});
  flash.resize(0x2000, '\0');
  const auto put32 = [&](std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
      flash[at + i] = static_cast<char>(v >> (8 * i));
  };
  put32(0x1004, 0x2000);  // IVT entry
  put32(0x1010, 0x1020);  // IVT boot_data
  put32(0x1014, 0x1000);  // IVT self
  put32(0x1020, 0x0);     // boot data start: ITCM
  put32(0x1024, copied);  // boot data size
  const image::LoadedFile app =
      image::load_file(corpus_dir() + "/mcubootutility/apps/NXP_MIMXRT1060-EVK_Rev.A1/" + app_file);
  EXPECT_EQ(app.segments.size(), 1u);
  if (app.segments.size() != 1) return "";
  EXPECT_EQ(app.segments[0].address, 0x2000u);
  EXPECT_EQ(app.segments[0].data.size(), app_size);
  if (app.segments[0].address != 0x2000 || app.segments[0].data.size() != app_size) return "";
  flash.append(app.segments[0].data.begin(), app.segments[0].data.end());
  flash.resize(copied, '\0');
  return write_temp("itcm_" + app_file + ".bin", flash);
}

// The MDK build (led_blinky_0x00002000_mdk.axf: one PT_LOAD of 0x1930 bytes at 0x0000_2000, the
// vector table first, SP 0x2002_0000): the ROM copies 16 KiB into ITCM; the loop at 0x380A calls
// the tick delay with `movs r0,#200` and GPIO_PinWrite with r1 = 9: GPIO1_IO09 every 200 ms,
// ten changes in 2.1 s, no code fetched from flash.
TEST(AppOnlyBlinkyRt1060, ItcmImageIsCopiedAndBlinksEvery200Ms) {
  const std::string file = rt1060_itcm_flash("led_blinky_0x00002000_mdk.axf", 0x1930, 0x4000);
  ASSERT_FALSE(file.empty());
  const auto j = booted_report(file + " --chip RT1060 --flash W25Q64JV-IQ --run 2.1s");
  ASSERT_FALSE(j.is_null());
  expect_blink(j["execution"], "GPIO1_IO09", 10, 200.0);
  EXPECT_EQ(j["execution"]["caches"]["window_line_reads"], 0);
}

// The MCUXpresso build of the same application (..._mcux.axf). Its one PT_LOAD starts at file
// offset 0 and so also holds the ELF headers; its sections .text and .data are 0x2114 bytes
// from 0x0000_2000, which is what a programmer writes. Its linker placed the stack in ITCM
// (symbols _vStackBase 0x2_1000, _vStackTop 0x2_2000; vector word 0 = 0x0002_2000), past the
// 128 KiB ITCM of the RT1060's default FlexRAM split (boot-reference.md §1.2). ResetISR
// (0x2308) starts with `push {r3, r4, r5, lr}`: a precise bus fault writing 0x0002_1FF0, and
// HardFault cannot stack its frame either: lockup, the ITCM's extent named. (On a board whose
// FlexRAM fuses give ITCM more banks it would run; the default is what the model boots with.)
TEST(AppOnlyBlinkyRt1060, McuxpressoItcmBuildsStackIsPastTheDefaultItcm) {
  const std::string file = rt1060_itcm_flash("led_blinky_0x00002000_mcux.axf", 0x2114, 0x5000);
  ASSERT_FALSE(file.empty());
  const auto j = booted_report(file + " --chip RT1060 --flash W25Q64JV-IQ --run 0.1s");
  ASSERT_FALSE(j.is_null());
  const auto& e = j["execution"];
  EXPECT_EQ(e["verdict"], "lockup");
  ASSERT_FALSE(e["faults"].empty());
  EXPECT_EQ(e["faults"][0]["address_hex"], "0x00021FF0") << e["faults"].dump();
  const std::string text = e["text"].get<std::string>();
  EXPECT_NE(text.find("ITCM 0x00000000..0x0001FFFF"), std::string::npos) << text;
  EXPECT_EQ(text.find("0x7FFFFFFF"), std::string::npos) << text;  // no unopened SDRAM range
}

// DCD bytes (boot-reference §6: header D2 LLLL 41, commands big-endian) put together command by
// command, for the SDK DCDs below.
struct DcdBytes {
  using Pairs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
  std::vector<std::uint8_t> d = {0xD2, 0, 0, 0x41};
  void be32(std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8)
      d.push_back(static_cast<std::uint8_t>(v >> s));
  }
  void command(std::uint8_t tag, std::uint8_t param, const Pairs& pairs) {
    const std::size_t len = 4 + 8 * pairs.size();
    d.insert(d.end(),
             {tag, static_cast<std::uint8_t>(len >> 8), static_cast<std::uint8_t>(len), param});
    for (const auto& [a, v] : pairs) {
      be32(a);
      be32(v);
    }
  }
  void write(const Pairs& pairs) { command(0xCC, 0x04, pairs); }  // 32-bit write_value
  void nop() { d.insert(d.end(), {0xC0, 0x00, 0x04, 0x00}); }
  std::vector<std::uint8_t> finish() {
    d[1] = static_cast<std::uint8_t>(d.size() >> 8);
    d[2] = static_cast<std::uint8_t>(d.size());
    return d;
  }
};

// `count` pad registers from `first`, 4 bytes apart, all given `value`.
void pads(DcdBytes::Pairs& out, std::uint32_t first, unsigned count, std::uint32_t value) {
  for (unsigned i = 0; i < count; ++i)
    out.push_back({first + 4 * i, value});
}

// The RT1020-EVK SDK's SDRAM DCD (mcux-sdk boards/evkmimxrt1020/dcd.c, MCUXpresso Config Tools
// output, header D2 03E8 41), rebuilt command by command from that file's listing: all clock
// gates on, SYS_PLL 0x2001, PFD_528 bit 23 cleared, CBCDR, the 40 GPIO_EMC pads (mux 0, EMC_28
// mux 0x10 for SION; pad 0xE1), the SEMC set-up (MCR, BMCR0/1, BR0-2 with BR0 = 0x8000_001B:
// 32 MiB at 0x8000_0000, IOCR, SDRAMCR0-3, DBICR0/1, IPCR0-2) and four IP commands (0xF
// precharge-all, 0xC auto-refresh twice, 0xA mode-register set with IPTXDAT 0x33), each followed
// by a check that SEMC INTR.IPCMDDONE is set, then SDRAMCR3 with REN.
std::vector<std::uint8_t> rt1020_evk_sdram_dcd() {
  DcdBytes d;
  DcdBytes::Pairs gates;
  pads(gates, 0x400FC068, 7, 0xFFFFFFFF);  // CCM_CCGR0..6
  gates.push_back({0x400D8030, 0x2001});   // CCM_ANALOG_PLL_SYS
  d.write(gates);
  d.command(0xCC, 0x0C, {{0x400D8100, 0x00800000}});   // PFD_528: clear bits
  DcdBytes::Pairs setup = {{0x400FC014, 0x000A8340}};  // CCM_CBCDR
  pads(setup, 0x401F8014, 40, 0x0);                    // SW_MUX_CTL_PAD_GPIO_EMC_00..39
  setup[1 + 28].second = 0x10;                         // EMC_28: SION
  pads(setup, 0x401F8188, 40, 0xE1);                   // SW_PAD_CTL_PAD_GPIO_EMC_00..39
  const std::uint32_t semc = 0x402F0000;
  const DcdBytes::Pairs semc_regs = {{0x00, 0x10000004}, {0x08, 0x81},       {0x0C, 0x81},
                                     {0x10, 0x8000001B}, {0x14, 0x8200001B}, {0x18, 0x8400001B},
                                     {0x04, 0x7988},     {0x40, 0xF37},      {0x44, 0x652922},
                                     {0x48, 0x10920},    {0x4C, 0x50210A08}, {0x80, 0x21},
                                     {0x84, 0x888888},   {0x94, 0x02},       {0x98, 0x00},
                                     {0x90, 0x80000000}, {0x9C, 0xA55A000F}};
  for (const auto& [off, v] : semc_regs)
    setup.push_back({semc + off, v});
  d.write(setup);
  const auto ipcmd_done = [&] { d.command(0xCF, 0x1C, {{semc + 0x3C, 0x01}}); };  // INTR bit 0
  ipcmd_done();
  for (int i = 0; i < 2; ++i) {
    d.write({{semc + 0x90, 0x80000000}, {semc + 0x9C, 0xA55A000C}});
    ipcmd_done();
  }
  d.write({{semc + 0xA0, 0x33}, {semc + 0x90, 0x80000000}, {semc + 0x9C, 0xA55A000A}});
  ipcmd_done();
  d.write({{semc + 0x4C, 0x50210A09}});
  return d.finish();
}

// The RT1170-EVKB SDK's SDRAM DCD (mcux-sdk boards/evkbmimxrt1170/dcd.c, header D2 04B8 41),
// rebuilt the same way: CLOCK_ROOT4 (SEMC) 0x703; the GPIO_EMC_B1_00..39 pads (mux 0, B1_39 mux
// 0x10) and B2_00..17 (mux 0), all pad controls 0x08; SEMC (0x400D_4000) MCR, BMCR0/1, BR0 =
// 0x8000_001D (64 MiB at 0x8000_0000), SDRAMCR0-3, IPCR0-2 and the precharge-all IP command; then
// four times five NOPs (the tool's wait) and the next command with INTR cleared (auto-refresh
// twice, mode-register set with IPTXDAT 0x33), and SDRAMCR3 with REN. No check commands.
std::vector<std::uint8_t> rt1170_evkb_sdram_dcd() {
  DcdBytes d;
  DcdBytes::Pairs setup = {{0x40CC0200, 0x703}};  // CCM_CLOCK_ROOT4_CONTROL
  pads(setup, 0x400E8010, 40, 0x0);               // SW_MUX_CTL_PAD_GPIO_EMC_B1_00..39
  setup.back().second = 0x10;                     // EMC_B1_39: SION
  pads(setup, 0x400E80B8, 18, 0x0);               // SW_MUX_CTL_PAD_GPIO_EMC_B2_00..17
  pads(setup, 0x400E8254, 40, 0x08);              // SW_PAD_CTL_PAD_GPIO_EMC_B1_00..39
  pads(setup, 0x400E82FC, 18, 0x08);              // SW_PAD_CTL_PAD_GPIO_EMC_B2_00..17
  const std::uint32_t semc = 0x400D4000;
  const DcdBytes::Pairs semc_regs = {{0x00, 0x10000004}, {0x08, 0x81},       {0x0C, 0x81},
                                     {0x10, 0x8000001D}, {0x40, 0xF32},      {0x44, 0x772A22},
                                     {0x48, 0x10A0D},    {0x4C, 0x21210408}, {0x90, 0x80000000},
                                     {0x94, 0x02},       {0x98, 0x00},       {0x9C, 0xA55A000F}};
  for (const auto& [off, v] : semc_regs)
    setup.push_back({semc + off, v});
  d.write(setup);
  const DcdBytes::Pairs next[4] = {
      {{semc + 0x3C, 0x03}, {semc + 0x9C, 0xA55A000C}},
      {{semc + 0x3C, 0x03}, {semc + 0x9C, 0xA55A000C}},
      {{semc + 0x3C, 0x03}, {semc + 0xA0, 0x33}, {semc + 0x9C, 0xA55A000A}},
      {{semc + 0x3C, 0x03}, {semc + 0x4C, 0x21210409}}};
  for (const DcdBytes::Pairs& n : next) {
    for (int i = 0; i < 5; ++i)
      d.nop();
    d.write(n);
  }
  return d.finish();
}

// A flash image for an SDRAM application as the SDK's flexspi_nor_sdram builds lay it out: the
// FCB at `fcb_at`, an IVT at 0x1000 for a copy to SDRAM (self 0x8000_1000, boot data 0x8000_1020:
// start 0x8000_0000, size `size`; DCD 0x8000_1040; entry the vector table at 0x8000_2000), the
// DCD at 0x1040 and the application (an app-only file linked at 0x8000_2000) at 0x2000.
std::string sdram_flash(const std::string& fcb, std::size_t fcb_at,
                        const std::vector<std::uint8_t>& dcd, const std::string& app_rel,
                        std::size_t size, const std::string& out) {
  std::string flash(0x2000, '\0');
  flash.replace(fcb_at, 0x200, fcb.substr(0, 0x200));
  const auto put32 = [&](std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
      flash[at + i] = static_cast<char>(v >> (8 * i));
  };
  const std::uint32_t ivt[8] = {0x412000D1, 0x80002000, 0, 0x80001040, 0x80001020, 0x80001000};
  for (int i = 0; i < 8; ++i)
    put32(0x1000 + 4 * i, ivt[i]);
  put32(0x1020, 0x80000000);  // boot data start
  put32(0x1024, static_cast<std::uint32_t>(size));
  std::copy(dcd.begin(), dcd.end(), flash.begin() + 0x1040);
  const image::LoadedFile app = image::load_file(corpus_dir() + "/" + app_rel);
  EXPECT_EQ(app.segments.size(), 1u);
  if (app.segments.size() != 1 || app.segments[0].address != 0x80002000) return "";
  flash.append(app.segments[0].data.begin(), app.segments[0].data.end());
  EXPECT_LE(flash.size(), size);
  flash.resize(size, '\0');
  return write_temp(out, flash);
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// MCUBootUtility's RT1020-EVK blinky linked for SDRAM (led_blinky_0x80002000.hex, app only:
// 0x2D8C bytes at 0x8000_2000, SP 0x2001_0000, reset 0x8000_4909) behind the test header's FCB
// (at 0) and the SDK's DCD, 0x5000 bytes copied. Its main (objdump by hand): r4 = the literal
// 0x401B_8000 (GPIO1), r1 = 5, SysTick_Config(SystemCoreClock / 1000) (`mov.w r1,#1000`, `udiv`
// at 0x8000_41B4) and `movs r0,#200` before the tick delay at 0x8000_41C6: GPIO1_IO05 every
// 200 ms at 500 MHz, three changes in 0.7 s, no code fetched from flash.
TEST(AppOnlyBlinkyRt1020, SdramImageRunsBehindTheSdksDcd) {
  const std::vector<std::uint8_t> dcd = rt1020_evk_sdram_dcd();
  ASSERT_EQ(dcd.size(), 0x3E8u);  // the length in dcd.c's header
  const std::string fcb = file_bytes(std::string(XIPSIM_FIRMWARE_DIR) + "/boot_header_fcb0.bin");
  ASSERT_GE(fcb.size(), 0x200u);
  const std::string file = sdram_flash(
      fcb, 0, dcd, "mcubootutility/apps/NXP_MIMXRT1020-EVK_Rev.A2/led_blinky_0x80002000.hex",
      0x5000, "rt1020_sdram.bin");
  ASSERT_FALSE(file.empty());
  const auto j = booted_report(file + " --chip RT1020 --flash IS25LP064A --run 0.7s");
  ASSERT_FALSE(j.is_null());
  EXPECT_EQ(j["entry"], 0x80002000u);
  EXPECT_DOUBLE_EQ(j["execution"]["core_mhz"].get<double>(), 500.0);
  expect_blink(j["execution"], "GPIO1_IO05", 3, 200.0);
  EXPECT_EQ(j["execution"]["caches"]["window_line_reads"], 0);
}

// MCUBootUtility's RT1170-EVKB blinky linked for SDRAM (cm7/led_blinky_0x80002000.hex, app only:
// 0x4B0C bytes at 0x8000_2000, SP 0x8300_0000 in the SDRAM, reset 0x8000_65CD) behind the FCB of
// the EVKB's XIP image (led_blinky_0x30002000.bin, which starts at flash offset 0x400: its FCB
// goes to 0x400) and the SDK's DCD, 0x7000 bytes copied. Its main (objdump by hand): SysTick
// at SystemCoreClock / 1000 (`udiv` at 0x8000_5EEA), then `mov.w r0,#1000` before the tick
// delay at 0x8000_5F08 and GPIO_PinWrite with r0 = the literal 0x40C6_4000 (GPIO9), r1 = 3:
// GPIO9_IO03 every 1000 ms at 996 MHz. As in the XIP build, start-up takes about 450 ms (the
// SDK's 1 GHz-calibrated delays run on the 24 MHz M7 root the ROM leaves, docs/soc-model.md), so
// the changes come near 1.45 s and 2.45 s: two in 2.6 s.
TEST(AppOnlyBlinkyRt1170, SdramImageRunsBehindTheSdksDcd) {
  const std::vector<std::uint8_t> dcd = rt1170_evkb_sdram_dcd();
  ASSERT_EQ(dcd.size(), 0x4B8u);  // the length in dcd.c's header
  const std::string fcb =
      file_bytes(corpus_dir() +
                 "/mcubootutility/apps/NXP_MIMXRT1170-EVKB_Rev.B/cm7/led_blinky_0x30002000.bin");
  ASSERT_EQ(fcb.substr(0, 4), "FCFB");
  const std::string file =
      sdram_flash(fcb, 0x400, dcd,
                  "mcubootutility/apps/NXP_MIMXRT1170-EVKB_Rev.B/cm7/led_blinky_0x80002000.hex",
                  0x7000, "rt1170_sdram.bin");
  ASSERT_FALSE(file.empty());
  const auto j = booted_report(file + " --chip RT1170 --flash MX25L25645G --qe --run 2.6s");
  ASSERT_FALSE(j.is_null());
  EXPECT_EQ(j["entry"], 0x80002000u);
  EXPECT_DOUBLE_EQ(j["execution"]["core_mhz"].get<double>(), 996.0);
  expect_blink(j["execution"], "GPIO9_IO03", 2, 1000.0);
  EXPECT_EQ(j["execution"]["caches"]["window_line_reads"], 0);
}

// The RT1015-EVK blinky's vector table gives SP 0x2001_0000, but RT1015's default FlexRAM split
// is 32 KiB ITCM / 32 KiB DTCM / 64 KiB OCRAM (boot-reference.md §1): DTCM ends at 0x2000_7FFF.
// Booted with the IVT entry at its Reset_Handler (0x6000_38F1, MDK startup: VTOR, MSP from the
// vector table, then SystemInit at 0x6000_2944, whose first `push {r4, lr}` writes
// 0x2000_FFF8), the first stack write is a precise bus fault at 0x2000_FFF8, and HardFault
// cannot stack its frame: lockup, with the RAM named.
TEST(AppOnlyBlinkyRt1015, StackAbove32KiBDtcmFaultsAtTheFirstPush) {
  std::ifstream in(std::string(XIPSIM_FIRMWARE_DIR) + "/boot_header_fcb0.bin", std::ios::binary);
  std::vector<std::uint8_t> header((std::istreambuf_iterator<char>(in)), {});
  ASSERT_GE(header.size(), 0x1008u);
  const std::uint8_t entry[4] = {0xF1, 0x38, 0x00, 0x60};  // IVT.entry at 0x1004
  std::copy(entry, entry + 4, header.begin() + 0x1004);
  const std::string path = write_temp("rt1015_header.bin", header);
  const CommandRun r = run_command(
      std::string(XIPSIM_BIN) + " boot " + path + "@0 " + corpus_dir() +
      "/mcubootutility/apps/NXP_MIMXRT1015-EVK_Rev.A/led_blinky_0x60002000.srec --chip RT1015 "
      "--flash AT25SF128A --run 0.1s --json");
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  ASSERT_EQ(j["verdict"], "booted") << r.out;
  const auto& e = j["execution"];
  EXPECT_EQ(e["verdict"], "lockup");
  ASSERT_FALSE(e["faults"].empty());
  EXPECT_EQ(e["faults"][0]["address_hex"], "0x2000FFF8") << e["faults"].dump();
  EXPECT_NE(e["text"].get<std::string>().find("DTCM 0x20000000..0x20007FFF"), std::string::npos)
      << e["text"];
}

}  // namespace
}  // namespace xipsim::test
#endif
