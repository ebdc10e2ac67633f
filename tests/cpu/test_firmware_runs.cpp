// The test firmware (tests/firmware, built with gcc-arm-none-eabi) booted by the ROM on an
// RT1060 with a W25Q64JV and run on the Cortex-M7 through `xipsim boot --run --json`. Each
// expected observable is written in the firmware's source comment and worked out by hand there:
// periods from the SysTick reload and the core clock, fault status bits from the ARMv7-M ARM,
// floating-point results from IEEE 754, the order of nested handlers from their priorities.
#include <gtest/gtest.h>

#include <regex>

#include <nlohmann/json.hpp>
#include <string>

#include "test_support.h"

namespace xipsim::test {
namespace {

nlohmann::json run_firmware(const std::string& name, const std::string& duration,
                            const std::string& extra = "") {
  const CommandRun r = run_command(std::string(XIPSIM_BIN) + " boot " + XIPSIM_FIRMWARE_DIR + "/" +
                                   name + ".bin --chip RT1060 --flash W25Q64JV-IQ --run " +
                                   duration + " " + extra + " --json 2>&1");
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out;
  if (j.is_discarded()) return nlohmann::json::object();
  EXPECT_EQ(j["verdict"], "booted") << r.out;
  EXPECT_TRUE(j["execution"].is_object()) << r.out;
  return j["execution"];
}

const nlohmann::json* pin(const nlohmann::json& e, const std::string& name) {
  for (const auto& p : e["pins"])
    if (p["pin"] == name) return &p;
  return nullptr;
}

TEST(Firmware, UartHelloPrintsAndHalts) {
  const auto e = run_firmware("uart_hello", "50ms");
  EXPECT_EQ(e["console"]["port"], "LPUART1");
  EXPECT_EQ(e["console"]["text"], "hello world\r\n");
  EXPECT_EQ(e["verdict"], "halted");
  EXPECT_EQ(e["end"], "breakpoint");
}

TEST(Firmware, SysTickBlinkTogglesEvery20Ms) {
  const auto e = run_firmware("systick_blink", "70ms");
  EXPECT_EQ(e["verdict"], "running");
  EXPECT_DOUBLE_EQ(e["core_mhz"].get<double>(), 600.0);  // PLL1 1200 MHz / ARM_PODF 2
  const auto* p = pin(e, "GPIO1_IO09");
  ASSERT_NE(p, nullptr) << e.dump();
  EXPECT_EQ((*p)["changes"], 3);  // at ~20, ~40, ~60 ms of 70
  // 20 ticks of 600000 core clocks at 600 MHz. Tolerance 1 us: the loop that sees the 20th
  // tick and the write take well under 1 us at 600 MHz even from uncached flash.
  EXPECT_NEAR((*p)["interval_ms"].get<double>(), 20.0, 0.001);
  // 1 ms ticks from when SysTick starts (after the clock setup, well under 10 ms): 60..69.
  EXPECT_EQ(e["exceptions"]["SysTick"].get<int>() / 10, 6);
}

TEST(Firmware, NestedExceptionsFollowTheirPriorities) {
  const auto e = run_firmware("priorities", "50ms");
  EXPECT_EQ(e["console"]["text"], "SIPsV5\r\n");
  EXPECT_EQ(e["exceptions"]["SysTick"], 1);
  EXPECT_EQ(e["exceptions"]["IRQ 20"], 1);
  EXPECT_EQ(e["exceptions"]["PendSV"], 1);
  EXPECT_EQ(e["exceptions"]["SVCall"], 1);
}

TEST(Firmware, BusFaultEscalatesToHardFaultWithTheFaultAddress) {
  const auto e = run_firmware("bus_fault", "50ms");
  EXPECT_EQ(e["console"]["text"], "HF CFSR=00008200 HFSR=40000000 BFAR=30000000\r\n");
  ASSERT_EQ(e["faults"].size(), 1u);
  EXPECT_EQ(e["faults"][0]["handler"], "HardFault");
  EXPECT_EQ(e["faults"][0]["escalated"], true);
  EXPECT_EQ(e["faults"][0]["address"], 0x30000000);
  EXPECT_EQ(e["faults"][0]["cfsr"], "0x00008200");
  // Unicorn reports the block's start; the model finds the load whose address is 0x3000_0000.
  EXPECT_EQ(e["faults"][0]["precise"], true);
  bool load_at_pc = false;
  for (const auto& i : e["faults"][0]["code"])
    if (i["address"] == e["faults"][0]["pc"])
      load_at_pc = i["text"].get<std::string>().rfind("ldr", 0) == 0;
  EXPECT_TRUE(load_at_pc) << e["faults"][0].dump();
}

TEST(Firmware, UndefinedInstructionIsAUsageFault) {
  const auto e = run_firmware("usage_fault", "50ms");
  EXPECT_EQ(e["console"]["text"], "UF CFSR=00010000\r\n");
  ASSERT_EQ(e["faults"].size(), 1u);
  EXPECT_EQ(e["faults"][0]["handler"], "UsageFault");
  EXPECT_EQ(e["faults"][0]["escalated"], false);
}

TEST(Firmware, WfiSleepsUntilTheNextTick) {
  const auto e = run_firmware("wfi_wake", "100ms");
  const auto* p = pin(e, "GPIO1_IO09");
  ASSERT_NE(p, nullptr) << e.dump();
  EXPECT_NEAR((*p)["interval_ms"].get<double>(), 10.0, 0.001);  // 6000000 clocks at 600 MHz
  // Awake only between a tick and the next WFI: a busy loop would run ~60 M instructions.
  EXPECT_LT(e["instructions"].get<long>(), 2000);
}

// tests/firmware/pit_blink.c: PIT channel 0 at 24 MHz with LDVAL 2399999, its interrupt
// (IRQ 122) toggling GPIO1_IO09: every (2399999 + 1) / 24 MHz = 100.000 ms; in 550 ms five
// interrupts and five changes; channel 1 (no interrupt) has TIF set when main looks.
TEST(Firmware, PitInterruptTogglesTheLedEvery100Ms) {
  const auto e = run_firmware("pit_blink", "550ms");
  const auto* p = pin(e, "GPIO1_IO09");
  ASSERT_NE(p, nullptr) << e.dump();
  EXPECT_EQ((*p)["changes"], 5);
  EXPECT_NEAR((*p)["interval_ms"].get<double>(), 100.0, 0.001);
  EXPECT_EQ(e["exceptions"]["IRQ 122"], 5) << e["exceptions"].dump();
  EXPECT_EQ(e["console"]["text"], "TIF1=00000001\r\n");
  EXPECT_LT(e["instructions"].get<long>(), 5000);  // asleep in WFI between interrupts
}

// tests/firmware/gpt_blink.c: GPT1 at 24 MHz / 24 = 1 MHz in restart mode with OCR1 49999: its
// OF1 interrupt (IRQ 100) every 50000 counts = 50.000 ms; the first 49999 counts after the start
// (the firmware starts GPT1 about 3 ms into the run), so in 260 ms five changes; SR after the
// first interrupt shows OF2 (OCR2 9999, no interrupt, never cleared) and not OF1: 00000002.
TEST(Firmware, GptCompareInterruptTogglesTheLedEvery50Ms) {
  const auto e = run_firmware("gpt_blink", "260ms");
  const auto* p = pin(e, "GPIO1_IO09");
  ASSERT_NE(p, nullptr) << e.dump();
  EXPECT_EQ((*p)["changes"], 5);
  EXPECT_NEAR((*p)["interval_ms"].get<double>(), 50.0, 0.001);
  EXPECT_EQ(e["exceptions"]["IRQ 100"], 5) << e["exceptions"].dump();
  EXPECT_EQ(e["console"]["text"], "SR=00000002\r\n");
  // the first edge: GPT1 start + 49.999 ms (+ the handler's few instructions)
  const double first_ms = (*p)["edges"][0]["time_ns"].get<double>() / 1e6;
  EXPECT_GT(first_ms, 49.999);
  EXPECT_LT(first_ms, 49.999 + 10.0);
}

// tests/firmware/uart_echo.c: the receive interrupt echoes in upper case and turns the receiver
// off at '\r'. "hello\r" sent at 10 ms arrives one 86.0 us frame per byte (116279 baud, 10-bit
// frames: by hand in the firmware's comment), each read before the next: six interrupts; "x" at
// 20 ms finds the receiver off and is lost. The run ends asleep: nothing left that could wake
// the core, 20 ms + one frame after the start.
TEST(Firmware, ConsoleInputArrivesAtTheBaudRateAndWakesTheReceiveInterrupt) {
  const auto e = run_firmware("uart_echo", "50ms", "--send '10ms:hello\\r' --send 20ms:x");
  EXPECT_EQ(e["console"]["text"], "HELLO\r\nOFF\r\n");
  EXPECT_EQ(e["console"]["received"], "hello\r");
  EXPECT_EQ(e["console"]["lost"], 1);
  EXPECT_EQ(e["exceptions"]["IRQ 20"], 6) << e["exceptions"].dump();
  EXPECT_EQ(e["verdict"], "sleeping");
  const double ms = (e["stop_ns"].get<double>() - e["start_ns"].get<double>()) / 1e6;
  EXPECT_NEAR(ms, 20.086, 0.002);  // 20 ms + 86.0 us: the lost byte's stop bit
}

// The same input as a scenario's run step (`input:` with YAML's own escapes), and a bad `at`
// named with its line.
TEST(Firmware, ScenarioRunStepSendsConsoleInput) {
  const std::string yaml = std::string("board: {chip: RT1060, flash: {part: W25Q64JV-IQ}}\n") +
                           "images:\n  - {file: " + XIPSIM_FIRMWARE_DIR +
                           "/uart_echo.bin, address: 0x60000000}\n"
                           "steps:\n  - power_on\n  - boot\n"
                           "  - run:\n      for: 50ms\n      input:\n"
                           "        - {at: 10ms, text: \"hello\\r\"}\n"
                           "    expect: {uart_contains: [\"HELLO\\r\\nOFF\"]}\n";
  const std::string file = write_temp("uart_input.yaml", yaml);
  const CommandRun r = run_command(std::string(XIPSIM_BIN) + " run " + file + " 2>&1");
  EXPECT_EQ(r.code, 0) << r.out;
  const std::string bad = write_temp(
      "uart_input_bad.yaml", yaml.substr(0, yaml.find("at: 10ms")) + "at: soon, text: x}\n");
  const CommandRun b = run_command(std::string(XIPSIM_BIN) + " run " + bad + " 2>&1");
  EXPECT_EQ(b.code, 2) << b.out;
  EXPECT_NE(b.out.find("field 'steps[2].run.input[0].at'"), std::string::npos) << b.out;
  EXPECT_NE(b.out.find("uart_input_bad.yaml:10:"), std::string::npos) << b.out;  // its line
}

TEST(Firmware, BadConsoleInputIsOneClearError) {
  const CommandRun r = run_command(std::string(XIPSIM_BIN) + " boot " + XIPSIM_FIRMWARE_DIR +
                                   "/uart_echo.bin --chip RT1060 --flash W25Q64JV-IQ --run 1ms "
                                   "--send '1ms:a\\q' 2>&1");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.out.find("--send '1ms:a\\q': unknown escape"), std::string::npos) << r.out;
  const CommandRun r2 = run_command(std::string(XIPSIM_BIN) + " boot " + XIPSIM_FIRMWARE_DIR +
                                    "/uart_echo.bin --chip RT1060 --flash W25Q64JV-IQ --run 1ms "
                                    "--send soon:a 2>&1");
  EXPECT_NE(r2.code, 0);
  EXPECT_NE(r2.out.find("expected AT:TEXT"), std::string::npos) << r2.out;
}

TEST(Firmware, FpuComputesInBothPrecisionsAndKeepsS0AcrossAnException) {
  const auto e = run_firmware("fpu", "50ms");
  EXPECT_EQ(e["console"]["text"], "D=400A000000000000 F=40900000 S0=3F800000\r\n");
}

TEST(Firmware, APollThatCannotEndIsAHang) {
  const auto e = run_firmware("hang_poll", "1s");
  EXPECT_EQ(e["verdict"], "hang");
  ASSERT_TRUE(e["hang"].is_object()) << e.dump();
  EXPECT_EQ(e["hang"]["register"], 0x4008410C);
  EXPECT_EQ(e["hang"]["value"], "0x00000000");
  // Ends after 100 ms of identical reads (the default hang time), long before the 1 s limit.
  const double ms = (e["stop_ns"].get<double>() - e["start_ns"].get<double>()) / 1e6;
  EXPECT_GT(ms, 100.0);
  EXPECT_LT(ms, 200.0);
}

std::string repeat(const std::string& line, int n) {
  std::string s;
  for (int i = 0; i < n; ++i)
    s += line;
  return s;
}

// The default limit is 10 resets followed by a boot; the 11th ends the run as a reset loop.
TEST(Firmware, SysResetReqRebootsUntilTheResetLoopLimit) {
  const auto e = run_firmware("sysreset", "50ms");
  EXPECT_EQ(e["console"]["text"],
            "SRSR=00000001\r\n" + repeat("SRSR=00000003\r\n", 10));  // power-on, then 10 boots
  EXPECT_EQ(e["verdict"], "reset");
  EXPECT_EQ(e["end"], "reset_request");
  ASSERT_EQ(e["resets"].size(), 10u);
  EXPECT_EQ(e["resets"][0]["source"], "AIRCR.SYSRESETREQ");
  EXPECT_EQ(e["resets"][0]["srsr"], "0x00000003");
  EXPECT_EQ(e["resets"][0]["srsr_bits"], "ipp_reset_b, lockup_sysresetreq");
  EXPECT_TRUE(e["resets"][9]["booted"]);
}

TEST(Firmware, MaxResetsZeroStopsAtTheFirstReset) {
  const CommandRun r = run_command(std::string(XIPSIM_BIN) + " boot " + XIPSIM_FIRMWARE_DIR +
                                   "/sysreset.bin --chip RT1060 --flash W25Q64JV-IQ --run 50ms "
                                   "--max-resets 0 --json");
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["execution"]["console"]["text"], "SRSR=00000001\r\n");
  EXPECT_EQ(j["execution"]["verdict"], "reset");
  EXPECT_TRUE(j["execution"]["resets"].empty());
}

// The same inputs give the same report, byte for byte: the text of a run with resets (nothing
// in it depends on host timing).
TEST(Firmware, TheRunReportIsTheSameEveryTime) {
  const std::string cmd = std::string(XIPSIM_BIN) + " boot " + XIPSIM_FIRMWARE_DIR +
                          "/rtwdog_reset.bin --chip RT1060 --flash W25Q64JV-IQ --run 250ms";
  const CommandRun a = run_command(cmd), b = run_command(cmd);
  EXPECT_NE(a.out.find("RTWDOG resets the SoC"), std::string::npos) << a.out;
  EXPECT_EQ(a.out, b.out);
}

// flexspi_reclock.c: the application's CCM change reaches the FlexSPI model.
TEST(Firmware, FlexspiFollowsTheClockTheApplicationSets) {
  const auto e = run_firmware("flexspi_reclock", "50ms");
  const std::string text = e["console"]["text"];
  ASSERT_EQ(text.size(), 23u) << text;  // "A=XXXXXXXX B=XXXXXXXX\r\n"
  const double a = std::stoul(text.substr(2, 8), nullptr, 16);
  const double b = std::stoul(text.substr(13, 8), nullptr, 16);
  EXPECT_GE(b / a, 0.611);
  EXPECT_LT(b / a, 0.9);
  EXPECT_NE(e["story"].dump().find("FLEXSPI_CLK_ROOT changed to 49.1 MHz"), std::string::npos)
      << e["story"].dump();
}

// flexspi_reclock_xip.c (zephyr#33633): the reclock routine in ITCM gates the FlexSPI clock and
// brings it back at PLL3 PFD0 / 6 = 480 MHz x 18 / 35 / 6 = 41.14 MHz; XIP goes on. The same
// routine in flash: its literal load right after MCR0.MDIS = 1 (a PC-relative ldr, the first
// flash access after the store, arm-none-eabi-objdump) is refused, and the HardFault vector in
// the same flash cannot be read.
TEST(Firmware, ReclockFromRamStopsTheClockAndXipGoesOnAtTheNewRate) {
  const auto e = run_firmware("reclock_from_ram", "20ms");
  EXPECT_EQ(e["console"]["text"], "reclock\r\nreclocked\r\n");
  const std::string story = e["story"].dump();
  EXPECT_NE(story.find("FLEXSPI_CLK_ROOT stopped"), std::string::npos) << story;
  EXPECT_NE(story.find("FLEXSPI_CLK_ROOT changed to 41.1 MHz"), std::string::npos) << story;
}

TEST(Firmware, ReclockFromFlashFaultsOnTheFirstFlashReadAfterMdis) {
  const auto e = run_firmware("reclock_from_flash", "20ms");
  EXPECT_EQ(e["console"]["text"], "reclock\r\n");
  EXPECT_EQ(e["verdict"], "lockup");
  ASSERT_EQ(e["faults"].size(), 1u) << e["faults"].dump();
  const auto& f = e["faults"][0];
  EXPECT_EQ(f["kind"], "bus fault on a read");
  EXPECT_TRUE(f["precise"].get<bool>());
  // The FlexSPI's own reason reaches the report: the module is disabled.
  EXPECT_NE(f["cause"].get<std::string>().find("MCR0.MDIS = 1"), std::string::npos) << f.dump();
  // The fault's instruction is a PC-relative load of a literal in the window, at the address
  // it names ([pc, #imm]: Align(PC + 4, 4) + imm).
  const std::uint32_t pc = f["pc"], address = f["address"];
  EXPECT_GE(address, 0x60002000u);
  std::string code;
  for (const auto& c : f["code"])
    if (c["address"] == pc) code = c["text"];
  std::smatch m;
  ASSERT_TRUE(std::regex_search(code, m, std::regex("ldr r[0-9], \\[pc, #0x([0-9a-f]+)\\]")))
      << code;
  EXPECT_EQ(((pc + 4) & ~3u) + std::stoul(m[1], nullptr, 16), address);
  EXPECT_NE(e["text"].get<std::string>().find("vector table entry for HardFault"),
            std::string::npos);
}

// dqs_remux.c (F04 at run time): the DQS pad muxed away while the reads sample through it.
TEST(Firmware, DqsPadMuxedAwayBreaksTheNextFetchWithDqsLoopback) {
  const auto e = run_firmware("dqs_remux", "20ms");
  EXPECT_EQ(e["console"]["text"], "before\r\n");  // after() is never fetched intact
  EXPECT_EQ(e["verdict"], "lockup");  // the HardFault vector in flash gets no strobe either
  ASSERT_FALSE(e["faults"].empty());
  EXPECT_NE(e["faults"][0]["kind"].get<std::string>().find("bus fault"), std::string::npos);
  EXPECT_NE(e["story"].dump().find("GPIO_SD_B1_05 (the FLEXSPI DQS pad) muxed to ALT5"),
            std::string::npos);
}

TEST(Firmware, DqsPadMuxedAwayDoesNotMatterWithInternalLoopback) {
  const auto e = run_firmware("dqs_remux_internal", "20ms");
  EXPECT_EQ(e["console"]["text"], "before\r\nafter\r\n");
  EXPECT_EQ(e["verdict"], "halted");
}

// Scenario expectations on a run: `resets` and `reset_source` (wdog_reset: two WDOG1 resets in
// 2.5 s, below), `reached` (uart_hello.elf run `until: main` stops at main, 0x6000_23DC per its
// symbols: arm-none-eabi-nm). Each also fails when wrong: 3 resets, another function.
TEST(Firmware, ScenarioExpectsResetsAndWhereTheRunStopped) {
  const auto scenario = [](const std::string& image, const std::string& run,
                           const std::string& expect) {
    return std::string("board: {chip: RT1060, flash: {part: W25Q64JV-IQ}}\nimages:\n  - {file: ") +
           XIPSIM_FIRMWARE_DIR + "/" + image +
           "}\nsteps:\n  - power_on\n  - boot\n  - run: " + run + "\n    expect: " + expect + "\n";
  };
  const auto run = [](const std::string& name, const std::string& yaml) {
    return run_command(std::string(XIPSIM_BIN) + " run " + write_temp(name, yaml) + " 2>&1");
  };
  const std::string wdog = "wdog_reset.bin, address: 0x60000000";
  EXPECT_EQ(
      run("resets_ok.yaml", scenario(wdog, "{for: 2.5s}", "{resets: 2, reset_source: WDOG1}")).code,
      0);
  const CommandRun bad = run("resets_bad.yaml", scenario(wdog, "{for: 2.5s}", "{resets: 3}"));
  EXPECT_EQ(bad.code, 1) << bad.out;
  EXPECT_NE(bad.out.find("resets"), std::string::npos) << bad.out;
  const std::string elf = "uart_hello.elf";
  EXPECT_EQ(run("reached_ok.yaml",
                scenario(elf, "{for: 100ms, until: main}", "{reached: main, app_verdict: reached}"))
                .code,
            0);
  EXPECT_EQ(
      run("reached_addr.yaml", scenario(elf, "{for: 100ms, until: main}", "{reached: 0x600023DD}"))
          .code,
      0);
  EXPECT_EQ(run("reached_bad.yaml",
                scenario(elf, "{for: 100ms, until: main}", "{reached: Reset_Handler}"))
                .code,
            1);
}

// tests/firmware/snvs_gpr.c: a word written to SNVS LPGPR0 survives the SYSRESETREQ warm reset
// (read back through its alias LPGPR_ALIAS0), and the second boot halts.
TEST(Firmware, SnvsGeneralPurposeRegisterSurvivesAWarmReset) {
  const auto e = run_firmware("snvs_gpr", "100ms");
  EXPECT_EQ(e["console"]["text"], "LPGPR0=00000000\r\nLPGPR0=CAFEF00D\r\n");
  EXPECT_EQ(e["resets"].size(), 1u);
  EXPECT_EQ(e["verdict"], "halted");
  // the SNVS registers it uses have a model: none is reported as a plain stored word (the
  // peripheral-space fallback block used to shadow blocks placed after it)
  EXPECT_TRUE(e["unmodelled_registers"].empty()) << e["unmodelled_registers"].dump();
}

// wdog_reset.c: WDOG1 with WT 1 never serviced. 2.5 s: resets at ~1.0 s and ~2.0 s.
TEST(Firmware, UnservicedWdog1ResetsEverySecondWithTheReasonInSrsr) {
  const auto e = run_firmware("wdog_reset", "2.5s");
  EXPECT_EQ(e["console"]["text"],
            "SRSR=00000001 WRSR=00000010\r\n" + repeat("SRSR=00000011 WRSR=00000002\r\n", 2));
  EXPECT_EQ(e["verdict"], "running");  // after the second reboot it runs to the end
  ASSERT_EQ(e["resets"].size(), 2u);
  EXPECT_EQ(e["resets"][0]["source"], "WDOG1");
  EXPECT_EQ(e["resets"][0]["srsr_bits"], "ipp_reset_b, wdog_rst_b");
  // the attempt to clear WDE again is reported, once, and changes nothing
  const std::string story = e["story"].dump();
  const std::string misuse = "WDOG1: a write clears WCR.WDE, which is write-one-once";
  EXPECT_NE(story.find(misuse), std::string::npos) << story;
  EXPECT_EQ(story.find(misuse, story.find(misuse) + 1), std::string::npos) << story;
  // 1.0 s from WDE to the reset, then a boot (under 5 ms) and the few instructions before WDE
  const double apart =
      (e["resets"][1]["time_ns"].get<double>() - e["resets"][0]["time_ns"].get<double>()) / 1e6;
  EXPECT_GT(apart, 1000.0);
  EXPECT_LT(apart, 1005.0);
}

// wdog_refresh.c: the same watchdog serviced every 100 ms: no reset.
TEST(Firmware, ServicedWdog1NeverResets) {
  const auto e = run_firmware("wdog_refresh", "2.5s");
  EXPECT_EQ(e["verdict"], "running");
  EXPECT_TRUE(e["resets"].empty());
  const auto* p = pin(e, "GPIO1_IO09");
  ASSERT_NE(p, nullptr) << e.dump();
  EXPECT_NEAR((*p)["interval_ms"].get<double>(), 100.0, 0.001);  // 100 SysTicks of 1 ms
}

// rtwdog_reset.c: TOVAL 3277 on the 32.768 kHz LPO: a reset 100.006 ms after the enable.
TEST(Firmware, RtwdogTimesOutAfterToval) {
  const auto e = run_firmware("rtwdog_reset", "250ms");
  ASSERT_EQ(e["resets"].size(), 2u) << e["story"].dump();
  EXPECT_EQ(e["resets"][0]["source"], "RTWDOG");
  EXPECT_EQ(e["resets"][0]["srsr_bits"], "ipp_reset_b, wdog3_rst_b");
  EXPECT_NE(e["resets"][0]["why"].get<std::string>().find("100.006 ms"), std::string::npos);
  EXPECT_EQ(e["console"]["text"], "SRSR=00000001\r\n" + repeat("SRSR=00000081\r\n", 2));
}

TEST(Firmware, RunStopsWhenTheConsolePrintsTheAwaitedText) {
  const CommandRun r = run_command(std::string(XIPSIM_BIN) + " boot " + XIPSIM_FIRMWARE_DIR +
                                   "/uart_hello.bin --chip RT1060 --flash W25Q64JV-IQ --run 50ms "
                                   "--until uart:hello");
  EXPECT_EQ(r.code, 0) << r.out;  // reached: the run did what was asked
  EXPECT_NE(r.out.find("the awaited condition"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Application: REACHED."), std::string::npos) << r.out;
}

TEST(Firmware, BadRunOptionsAreOneClearError) {
  const std::string base = std::string(XIPSIM_BIN) + " boot " + XIPSIM_FIRMWARE_DIR +
                           "/uart_hello.bin --chip RT1060 --flash W25Q64JV-IQ ";
  CommandRun r = run_command(base + "--run soon");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("--run 'soon': expected a duration"), std::string::npos) << r.out;
  r = run_command(base + "--until 0x60002000");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("--until needs --run"), std::string::npos) << r.out;
  r = run_command(base + "--run 10ms --until main");  // a bin has no symbols
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("until 'main': no symbols"), std::string::npos) << r.out;
  r = run_command(base + "--run 10ms --until no_such_function --symbols " + XIPSIM_FIRMWARE_DIR +
                  "/uart_hello.elf");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("until 'no_such_function': "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("uart_hello.elf has no such symbol"), std::string::npos) << r.out;
  r = run_command(base + "--run 10ms --symbols " + XIPSIM_FIRMWARE_DIR + "/uart_hello.bin");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("uart_hello.bin: not an ELF file"), std::string::npos) << r.out;
}

// The faulting load of bus_fault.c is in main (its source); with the ELF's symbols the report
// says so. --until main stops where main starts.
TEST(Firmware, SymbolsNameTheFaultAndStopAtMain) {
  const std::string dir = XIPSIM_FIRMWARE_DIR;
  CommandRun r = run_command(std::string(XIPSIM_BIN) + " boot " + dir +
                             "/bus_fault.bin --chip RT1060 --flash W25Q64JV-IQ --run 50ms "
                             "--symbols " +
                             dir + "/bus_fault.elf --json");
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  ASSERT_EQ(j["execution"]["faults"].size(), 1u);
  EXPECT_EQ(j["execution"]["faults"][0]["symbol"].get<std::string>().rfind("main+0x", 0), 0u)
      << j["execution"]["faults"][0].dump();
  r = run_command(std::string(XIPSIM_BIN) + " boot " + dir +
                  "/uart_hello.bin --chip RT1060 --flash W25Q64JV-IQ --run 50ms --symbols " + dir +
                  "/uart_hello.elf --until main --json");
  j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["execution"]["verdict"], "reached");
  EXPECT_EQ(j["execution"]["console"]["text"], "");  // main prints; it has not started yet
  EXPECT_EQ(j["execution"]["text"].get<std::string>().rfind("reached main (0x", 0), 0u);
}

}  // namespace
}  // namespace xipsim::test
