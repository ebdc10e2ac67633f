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
// Tolerance 10 us on the interval: the toggle follows the n-th 1 ms SysTick by the same short
// code path every time (well under 1 us at 600 MHz); 10 us also covers a line fill from flash.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "test_support.h"

namespace xipsim::test {
namespace {

struct Blinky {
  const char* rel;
  const char* chip;
  const char* part;
  const char* extra;
  const char* run;
  const char* pin;
  double interval_ms;
  int changes;
};

class CorpusBlinky : public ::testing::TestWithParam<Blinky> {};

TEST_P(CorpusBlinky, TogglesTheLedAtThePeriodItsCodeSets) {
  const Blinky& b = GetParam();
  const std::string cmd = std::string(XIPSIM_BIN) + " boot " + corpus_dir() + "/" + b.rel +
                          " --chip " + b.chip + " --flash " + b.part + " " + b.extra + " --run " +
                          b.run + " --json";
  const CommandRun r = run_command(cmd);
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  ASSERT_EQ(j["verdict"], "booted") << r.out;
  const auto& e = j["execution"];
  EXPECT_EQ(e["verdict"], "running");
  EXPECT_TRUE(e["faults"].empty());
  EXPECT_DOUBLE_EQ(e["core_mhz"].get<double>(), 600.0);  // BOARD_BootClockRUN: ARM PLL 1200 / 2
  ASSERT_EQ(e["pins"].size(), 1u) << e["pins"].dump();
  const auto& p = e["pins"][0];
  EXPECT_EQ(p["pin"], b.pin);
  EXPECT_EQ(p["changes"], b.changes);
  EXPECT_NEAR(p["interval_ms"].get<double>(), b.interval_ms, 0.010);
  std::cout << b.rel << ": " << p["changes"] << " changes every " << p["interval_ms"] << " ms; "
            << e["instructions"] << " instructions in " << e["wall_seconds"] << " s\n";
}

INSTANTIATE_TEST_SUITE_P(
    Boards, CorpusBlinky,
    ::testing::Values(
        Blinky{"mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/led_blinky_0x60002000_fdcb.bin",
               "RT1060", "W25Q64JV-IQ", "", "0.7s", "GPIO1_IO08", 200.0, 3},
        Blinky{"mcubootutility/apps/NXP_MIMXRT1060-EVK_Rev.A1/led_blinky_0x60005000_fdcb_ivt.bin",
               "RT1060", "W25Q64JV-IQ", "", "1.6s", "GPIO1_IO09", 500.0, 3},
        Blinky{"mcubootutility/apps/NXP_MIMXRT106X-EVK_Rev.A1/led_blinky_0x70002000.bin", "RT1064",
               "W25Q32JV", "", "0.7s", "GPIO1_IO08", 200.0, 3},
        Blinky{"mcubootutility/apps/NXP_MIMXRT1040-EVK_Rev.B/led_blinky_0x60002000.bin", "RT1040",
               "W25Q64JV-IQ", "", "0.7s", "GPIO1_IO08", 200.0, 3},
        Blinky{"mcubootutility/apps/NXP_MIMXRT1040-EVK_Rev.B/led_blinky_0x6000a000.bin", "RT1040",
               "W25Q64JV-IQ", "", "2.1s", "GPIO1_IO08", 1000.0, 2},
        // FLASH_TYPE 010 (HyperFlash 1.8 V) on the EVKB's boot switches, as corpus_boards.h.
        Blinky{"spsdk/mcu_examples/data/rt105x/output/"
               "evkbimxrt1050_iled_blinky_ext_FLASH_unsigned_fcb.bin",
               "RT1050", "S26KS512S", "--boot-cfg 0x200", "2.1s", "GPIO1_IO09", 1000.0, 2}),
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

}  // namespace
}  // namespace xipsim::test
