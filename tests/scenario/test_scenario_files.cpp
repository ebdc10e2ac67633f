// Scenario files read strictly (rom_sim/scenario): errors carry file:line:column, the field and a
// suggestion; blhost command lines are checked the way blhost checks them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.h"
#include "xipsim/core/errors.h"
#include "xipsim/host/flashloader.h"
#include "xipsim/scenario/scenario.h"

namespace xipsim::test {
namespace {

using ::testing::HasSubstr;

std::string load_error(const std::string& name, const std::string& yaml) {
  const std::string path = write_temp(name, yaml);
  try {
    scenario::load_scenario(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

constexpr const char* kBoard = "board:\n  chip: RT1060\n  flash: {part: W25Q64JV-IQ}\n";

TEST(ScenarioFile, UnknownTopLevelKeyNamesLineColumnAndTheClosestKey) {
  const std::string e = load_error("s1.yaml", std::string(kBoard) + "expcet:\n  verdict: booted\n");
  EXPECT_THAT(e, HasSubstr("s1.yaml:4:1"));  // line 4, column 1 (hand-counted)
  EXPECT_THAT(e, HasSubstr("unknown key 'expcet'"));
  EXPECT_THAT(e, HasSubstr("did you mean 'expect'"));
}

TEST(ScenarioFile, UnknownStepSuggestsTheClosestStep) {
  const std::string e =
      load_error("s2.yaml", std::string(kBoard) + "steps:\n  - power_on\n  - bot\n");
  EXPECT_THAT(e, HasSubstr("s2.yaml:6:5"));
  EXPECT_THAT(e, HasSubstr("'bot' is not a step"));
  EXPECT_THAT(e, HasSubstr("did you mean 'boot'"));
}

TEST(ScenarioFile, UnknownPartAndChipAreSuggested) {
  EXPECT_THAT(load_error("s3.yaml", "board:\n  chip: RT1060\n  flash: {part: W25Q64JV-Q}\n"),
              HasSubstr("did you mean 'W25Q64JV-IQ'"));
  EXPECT_THAT(load_error("s4.yaml", "board:\n  chip: RT1600\n  flash: {part: W25Q64JV-IQ}\n"),
              HasSubstr("field 'board.chip'"));
}

TEST(ScenarioFile, BadVerdictAndBadRomLogNameAreRejected) {
  EXPECT_THAT(load_error("s5.yaml", std::string(kBoard) + "expect: {verdict: boots}\n"),
              HasSubstr("booted, serial_downloader, hang or error"));
  const std::string e =
      load_error("s6.yaml", std::string(kBoard) + "expect: {rom_log: [DEVICE_INIT_PAS]}\n");
  EXPECT_THAT(e, HasSubstr("did you mean 'DEVICE_INIT_PASS'"));
}

TEST(ScenarioFile, RunStepGdbPortMustBeATcpPort) {
  const std::string e = load_error(
      "s9.yaml", std::string(kBoard) + "steps:\n  - boot\n  - run: {for: 10ms, gdb: usb0}\n");
  EXPECT_THAT(e, HasSubstr("s9.yaml:6"));  // the run step's line (hand-counted)
  EXPECT_THAT(e, HasSubstr("gdb"));
  EXPECT_THAT(e, HasSubstr("tcp::PORT"));
}

TEST(ScenarioFile, MissingImageFileNamesTheFieldAndThePathTried) {
  const std::string e =
      load_error("s7.yaml",
                 "board:\n  chip: RT1060\n"
                 "  flash:\n    part: W25Q64JV-IQ\n    contents:\n      - {offset: 0, file: "
                 "nope.bin}\n");
  EXPECT_THAT(e, HasSubstr("board.flash.contents[0].file"));
  EXPECT_THAT(e, HasSubstr("nope.bin"));
}

TEST(ScenarioFile, ContentsWordsAreLittleEndianAndStepsKeepTheirOrder) {
  const std::string path = write_temp("s8.yaml",
                                      "board:\n  chip: RT1060\n"
                                      "  flash:\n    part: W25Q64JV-IQ\n    contents:\n"
                                      "      - {offset: 0x1000, words: [0x412000D1]}\n"
                                      "steps:\n  - power_on\n  - flashloader: get-property 25 9\n"
                                      "    expect: {status: 10205}\n  - boot\n");
  const scenario::Scenario s = scenario::load_scenario(path);
  ASSERT_EQ(s.request.patches.size(), 1u);
  EXPECT_EQ(s.request.patches[0].data, (std::vector<std::uint8_t>{0xD1, 0x00, 0x20, 0x41}));
  ASSERT_EQ(s.request.steps.size(), 3u);
  EXPECT_EQ(s.request.steps[1].command.name, "get-property");
  ASSERT_TRUE(s.step_expects[1].status);
  EXPECT_EQ(*s.step_expects[1].status, 10205);
}

TEST(Blhost, CommandsAreCheckedLikeBlhost) {
  EXPECT_THROW(host::parse_blhost("flash-erase-regoin 0x60000000 0x1000"), InputError);
  try {
    host::parse_blhost("flash-erase-regoin 0x60000000 0x1000");
  } catch (const InputError& e) {
    EXPECT_THAT(std::string(e.what()), HasSubstr("did you mean 'flash-erase-region'"));
  }
  EXPECT_THROW(host::parse_blhost("configure-memory 9"), InputError);
  EXPECT_THROW(host::parse_blhost("fill-memory 0x2000 4 0xC0000007 dword"), InputError);
  const host::BlhostCommand c = host::parse_blhost("write-memory 0x2000 {{C0 00 00 07}}");
  EXPECT_EQ(c.data, (std::vector<std::uint8_t>{0xC0, 0x00, 0x00, 0x07}));
}

}  // namespace
}  // namespace xipsim::test
