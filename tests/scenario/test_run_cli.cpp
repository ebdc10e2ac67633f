// `xipsim run` as CI uses it: exit codes, JUnit XML, JSON, and the HTML report rendered by a
// headless Chromium (installed by scripts/deps).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.h"

namespace {
using ::testing::HasSubstr;
namespace fs = std::filesystem;

using CliRun = xipsim::test::CommandRun;
CliRun sh(const std::string& cmd) {
  return xipsim::test::run_command(cmd);
}
std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
std::string scenario(const std::string& name) {
  return std::string(XIPSIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml";
}
// A copy of a library scenario with the expected verdict flipped.
std::string wrong_expectation() {
  std::string y = slurp(scenario("f03_fixed_bin_at_base"));
  y.replace(y.find("verdict: booted"), 15, "verdict: hang");
  y.replace(y.find("$CORPUS"), 7, xipsim::test::corpus_dir());
  return xipsim::test::write_temp("wrong_expectation.yaml", y);
}
}  // namespace

TEST(RunCli, FailedExpectationExitsOneAndJUnitNamesIt) {
  const std::string junit = xipsim::test::write_temp("r1.xml", "");
  const CliRun r = sh(std::string(XIPSIM_BIN) + " run " + wrong_expectation() + " " +
                      scenario("f01_no_boot_header") + " -j 2 --junit " + junit);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_THAT(r.out, HasSubstr("FAIL  expect.verdict: expected hang, got booted"));
  EXPECT_THAT(r.out, HasSubstr("1 of 2 scenarios passed"));
  const std::string x = slurp(junit);
  EXPECT_THAT(x, HasSubstr("tests=\"2\" failures=\"1\" errors=\"0\""));
  EXPECT_THAT(x, HasSubstr("<failure message=\"expect.verdict: expected hang, got booted\""));
}

TEST(RunCli, JsonCarriesStepsStatusesAndIsByteIdenticalAcrossRuns) {
  const std::string a = xipsim::test::write_temp("r2a.json", "");
  const std::string b = xipsim::test::write_temp("r2b.json", "");
  const std::string s = scenario("f07_flashloader_after_warm_reset");
  ASSERT_EQ(sh(std::string(XIPSIM_BIN) + " run " + s + " --json " + a).code, 0);
  ASSERT_EQ(sh(std::string(XIPSIM_BIN) + " run " + s + " --json " + b).code, 0);
  EXPECT_EQ(slurp(a), slurp(b));
  const auto j = nlohmann::json::parse(slurp(a));
  EXPECT_EQ(j["schema"], "xipsim-run/2");
  const auto& steps = j["scenarios"][0]["steps"];
  // configure-memory after the warm reset: kStatus_FLEXSPINOR_SFDP_NotFound (boot-reference §9.1)
  EXPECT_EQ(steps[2]["status"], 20107);
  EXPECT_EQ(steps[3]["status"], 0);
}

TEST(RunCli, UnreadableScenarioIsAnErrorWithExitTwo) {
  const std::string bad = xipsim::test::write_temp("bad.yaml", "board: {chip: RT1060}\n");
  const CliRun r = sh(std::string(XIPSIM_BIN) + " run " + bad);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("field 'board.flash'"));
}

TEST(RunCli, HtmlReportRendersInHeadlessChromium) {
  std::string browser;
  for (const char* c : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (fs::exists(c)) browser = c;
  const std::string dir = fs::temp_directory_path() / "xipsim_html";
  const CliRun r = sh(std::string(XIPSIM_BIN) + " run " + scenario("f04_dqs_pad_loaded_133mhz") +
                      " --html " + dir);
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string html = dir + "/f04_dqs_pad_loaded_133mhz.html";
  ASSERT_TRUE(fs::exists(html));
  ASSERT_FALSE(browser.empty())
      << "chromium is missing: run scripts/deps (apt-get install chromium)";
  const CliRun dom =
      sh(browser + " --headless --no-sandbox --disable-gpu --dump-dom file://" + html);
  ASSERT_EQ(dom.code, 0) << dom.out;
  // The page's script ran to the end and built what the report promises.
  EXPECT_THAT(dom.out, HasSubstr("data-rendered=\"yes\""));
  EXPECT_THAT(dom.out, HasSubstr("<svg class=\"wave\""));
  EXPECT_THAT(dom.out, HasSubstr("boot: ivt"));              // timeline row of the failed step
  EXPECT_THAT(dom.out, HasSubstr("command EBh"));            // a waveform of the quad read
  EXPECT_THAT(dom.out, HasSubstr("loopback from DQS pad"));  // decoded FCB
  EXPECT_THAT(dom.out, HasSubstr("Hint:"));
  // The transaction filter starts on the boot step (power_on is step 1, the boot step 2).
  EXPECT_THAT(dom.out, HasSubstr("<option value=\"2\">step 2 (boot)</option>"));
  EXPECT_THAT(dom.out, ::testing::Not(HasSubstr("data-rows=\"0\"")));
}

TEST(RunCli, StepNumbersAgreeInLogJsonAndExpectationsAndABootReportsItsOwnTime) {
  // Three steps: power_on, a blhost command, then the boot. Step 3 expects a failure it will
  // not get, so its check is named "step 3" as the log numbers it.
  const std::string evkb = xipsim::test::corpus_dir() +
                           "/mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/"
                           "led_blinky_0x60002000_fdcb.hex";
  const std::string y =
      "name: numbering\n"
      "board: {chip: RT1060, flash: {part: W25Q64JV-IQ}}\n"
      "images: [{file: " +
      evkb +
      "}]\n"
      "steps:\n"
      "  - power_on\n"
      "  - flashloader: \"get-property 1\"\n"
      "  - boot:\n"
      "    expect: {ok: false}\n";
  const std::string file = xipsim::test::write_temp("numbering.yaml", y);
  const std::string json = xipsim::test::write_temp("numbering.json", "");
  const CliRun r = sh(std::string(XIPSIM_BIN) + " run " + file + " --log --json " + json);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_THAT(r.out, HasSubstr(" ms  [3] boot"));
  EXPECT_THAT(r.out, HasSubstr("FAIL  step 3.ok"));
  const auto j = nlohmann::json::parse(slurp(json))["scenarios"][0];
  EXPECT_EQ(j["steps"][2]["index"], 3);
  EXPECT_EQ(j["steps"][2]["kind"], "boot");
  const auto& boot = j["steps"][2]["boot"];
  // The boot starts when its step starts and reports only its own duration.
  EXPECT_EQ(boot["start_ns"], j["steps"][2]["start_ns"]);
  EXPECT_EQ(boot["start_ns"].get<std::uint64_t>() + boot["boot_time_ns"].get<std::uint64_t>(),
            j["steps"][2]["end_ns"].get<std::uint64_t>());
}

TEST(RunCli, VcdAndRecorderDefaultToTheBootSteps) {
  // f07's flashloader session erases and programs through the FlexSPI and never boots: with the
  // default window its VCD holds the header only; with "all" it holds every frame.
  const std::string s = scenario("f07_flashloader_after_warm_reset");
  const fs::path dir = fs::temp_directory_path() / "xipsim_vcd_window";
  fs::remove_all(dir);
  const std::string bin = std::string(XIPSIM_BIN);
  ASSERT_EQ(sh(bin + " run " + s + " --vcd " + (dir / "boot").string()).code, 0);
  ASSERT_EQ(sh(bin + " run " + s + " --vcd " + (dir / "all").string() + " --vcd-window all").code,
            0);
  const auto small = fs::file_size(dir / "boot" / "f07_flashloader_after_warm_reset.vcd");
  const auto big = fs::file_size(dir / "all" / "f07_flashloader_after_warm_reset.vcd");
  EXPECT_LT(small, 4096u);
  EXPECT_GT(big, 1000000u);
  // A bad window is one clear error naming the option, exit 2.
  const CliRun bad = sh(bin + " run " + s + " --vcd-window 2..1");
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_THAT(bad.out, HasSubstr("--vcd-window '2..1'"));
}

TEST(RunCli, HtmlTransactionsHoldTheBootFramesAndTheirStep) {
  // f08's fixed twin: power_on, program the flash (step 2, thousands of frames), power_on, boot
  // (step 4).
  const fs::path dir = fs::temp_directory_path() / "xipsim_html_steps";
  fs::remove_all(dir);
  ASSERT_EQ(sh(std::string(XIPSIM_BIN) + " run " + scenario("f08_fixed_qspi_algorithm") +
               " --vcd-window all --html " + dir.string())
                .code,
            0);
  const std::string html = slurp((dir / "f08_fixed_qspi_algorithm.html").string());
  const auto at = html.find("<script type=\"application/json\" id=\"frames\">");
  ASSERT_NE(at, std::string::npos);
  const auto begin = html.find('>', at) + 1;
  const auto frames =
      nlohmann::json::parse(html.substr(begin, html.find("</script>", begin) - begin));
  std::size_t boot = 0, program = 0;
  for (const auto& t : frames["transactions"]) {
    if (t[9] == 4) ++boot;
    if (t[9] == 2) ++program;
  }
  EXPECT_GT(boot, 10u);      // the ROM's FCB, configuration and initial-load frames
  EXPECT_GT(program, 100u);  // the algorithm's erase/program/verify frames
  EXPECT_THAT(html, HasSubstr("id=\"txstep\""));
}
