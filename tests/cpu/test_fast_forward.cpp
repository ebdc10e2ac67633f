// Fast forward over loops that only an interrupt can end (docs/cpu-model.md): each image runs
// twice, once jumping over such loops and once executing every iteration (--no-fast-forward),
// and everything observable must be the same: every GPIO edge to the nanosecond, the number of
// instructions and cycles, the exceptions taken, where and when the run stopped.
// How much is skipped is worked out by hand:
// - the SDK led_blinky waits in `while (g_systickCounter != 0U)` (a load, a compare and a branch
//   in one block, cached in the I-cache) between 1 ms SysTicks of 600000 core clocks; the
//   handler and the loop's bookkeeping are a few dozen instructions per tick, so more than 99 %
//   of the instructions are skipped;
// - tests/firmware/systick_blink runs with the I-cache off: every iteration of its wait loop is
//   a line fill through the FlexSPI model, which is not quiet, so nothing is skipped.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "test_support.h"

namespace xipsim::test {
namespace {

nlohmann::json run(const std::string& image, const std::string& options, bool fast) {
  const std::string cmd = std::string(XIPSIM_BIN) + " boot " + image + " " + options +
                          (fast ? "" : " --no-fast-forward") + " --json";
  const CommandRun r = run_command(cmd);
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << cmd << "\n" << r.out;
  if (j.is_discarded() || !j.contains("execution")) return nlohmann::json::object();
  return j["execution"];
}

// The observables of a run, without host time and the skip count.
nlohmann::json observable(nlohmann::json e) {
  for (const char* host : {"wall_seconds", "skipped_instructions", "story"})
    e.erase(host);
  return e;
}

void expect_same_run(const std::string& image, const std::string& options, double skipped_min,
                     double skipped_max) {
  const auto fast = run(image, options, true);
  const auto slow = run(image, options, false);
  ASSERT_TRUE(fast.contains("pins")) << fast.dump();
  ASSERT_FALSE(fast["pins"].empty()) << fast.dump();
  EXPECT_EQ(observable(fast), observable(slow));
  EXPECT_EQ(fast["pins"], slow["pins"]);  // said again: the edges are the point
  EXPECT_EQ(slow["skipped_instructions"], 0);
  const double share = fast["skipped_instructions"].get<double>() /
                       std::max(1.0, fast["instructions"].get<double>());
  EXPECT_GE(share, skipped_min);
  EXPECT_LE(share, skipped_max);
  std::cout << image << ": " << fast["instructions"] << " instructions, " << share * 100
            << " % skipped; " << fast["wall_seconds"] << " s against " << slow["wall_seconds"]
            << " s\n";
}

TEST(FastForward, Rt1060EvkbBlinkyHasTheSameEdgesWithAndWithout) {
  expect_same_run(corpus_dir() +
                      "/mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/"
                      "led_blinky_0x60002000_fdcb.bin",
                  "--chip RT1060 --flash W25Q64JV-IQ --run 1.1s", 0.99, 1.0);
}

TEST(FastForward, Rt1050HyperFlashBlinkyHasTheSameEdgesWithAndWithout) {
  expect_same_run(corpus_dir() +
                      "/spsdk/mcu_examples/data/rt105x/output/"
                      "evkbimxrt1050_iled_blinky_ext_FLASH_unsigned_fcb.bin",
                  "--chip RT1050 --flash S26KS512S --boot-cfg 0x200 --run 2.1s", 0.99, 1.0);
}

#ifdef XIPSIM_FIRMWARE_DIR
TEST(FastForward, UncachedXipLoopIsNotSkipped) {
  expect_same_run(std::string(XIPSIM_FIRMWARE_DIR) + "/systick_blink.bin",
                  "--chip RT1060 --flash W25Q64JV-IQ --run 70ms", 0.0, 0.0);
}
#endif

}  // namespace
}  // namespace xipsim::test
