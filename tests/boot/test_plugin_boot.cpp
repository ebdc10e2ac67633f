// Plugin boot images by real code (tests/firmware/plugin_boot.c, plugin_app.c) through
// `xipsim boot --json`: the ROM calls the plugin on the Cortex-M7, the plugin copies the
// application to OCRAM and names it, the ROM boots that. Expected values come from the files
// (the IVT words in the plugin image, the application's vector table) and from the firmware's
// layout in common/rt1060_ocram_app.ld (linked at 0x2020_8000, header padded to 0x400, stack at
// the end of DTCM), worked out there, not from the model.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.h"

namespace xipsim::test {
namespace {

const std::string kFw = XIPSIM_FIRMWARE_DIR;

std::vector<std::uint8_t> file_bytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

std::uint32_t le32(const std::vector<std::uint8_t>& b, std::size_t off) {
  return b.at(off) | b.at(off + 1) << 8 | b.at(off + 2) << 16 |
         static_cast<std::uint32_t>(b.at(off + 3)) << 24;
}

nlohmann::json boot(const std::string& plugin_image, const std::string& extra = "") {
  const CommandRun r =
      run_command(std::string(XIPSIM_BIN) + " boot " + plugin_image + "@0x60000000 " + kFw +
                  "/plugin_app.bin@0x60010000 --chip RT1060 --flash W25Q64JV-IQ "
                  "--json " +
                  extra + " 2>/dev/null");
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out;
  return j.is_discarded() ? nlohmann::json::object() : j;
}

std::string fmt_hex8(std::size_t v) {  // as the firmware's uart_hex prints
  char text[16];
  std::snprintf(text, sizeof text, "%08zX", v);
  return text;
}

std::vector<std::string> log_names(const nlohmann::json& j) {
  std::vector<std::string> out;
  for (const auto& e : j["rom_log"])
    out.push_back(e["name"]);
  return out;
}

// The names after AUTHENTICATION_STATUS, the ROM's last step before it calls a plugin.
std::vector<std::string> log_tail(const nlohmann::json& j) {
  std::vector<std::string> all = log_names(j), out;
  bool after = false;
  for (const std::string& n : all) {
    if (after) out.push_back(n);
    after = after || n == "AUTHENTICATION_STATUS";
  }
  return out;
}

TEST(PluginBoot, ThePluginCopiesTheApplicationAndTheRomBootsIt) {
  const auto plugin = file_bytes(kFw + "/plugin_boot.bin");
  const auto app = file_bytes(kFw + "/plugin_app.bin");
  ASSERT_GT(plugin.size(), 0x1030u);
  ASSERT_GT(app.size(), 0x408u);
  const auto j = boot(kFw + "/plugin_boot.bin", "--run 10ms");
  ASSERT_EQ(j["verdict"], "booted") << j.dump(1);
  // The plugin image's own IVT and boot data stay in the report: plugin flag 1.
  EXPECT_EQ(j["boot_data"]["plugin"], 1);
  const auto& p = j["plugin"];
  ASSERT_TRUE(p.is_object()) << j.dump(1);
  EXPECT_EQ(p["entry"], le32(plugin, 0x1004) | 1u);  // the IVT's entry word, Thumb
  EXPECT_TRUE(p["returned"].get<bool>());
  EXPECT_EQ(p["result"], 1);
  // What the plugin wrote back: the application's link address, its size (the whole file: IVT,
  // boot data, vectors, code and data back to back) and the IVT at its start.
  EXPECT_EQ(p["start"], 0x20208000u);
  EXPECT_EQ(p["bytes"], app.size());
  EXPECT_EQ(p["ivt_offset"], 0);
  EXPECT_EQ(p["console"],
            "plugin: looking for the application at 60010000\r\n"
            "plugin: copied " +
                fmt_hex8(app.size()) + " bytes to 20208000\r\n");
  EXPECT_GT(p["instructions"].get<std::uint64_t>(), 0u);
  // The next image: its IVT says self 0x2020_8000 and entry at the vector table (+0x400); the
  // ROM enters it as a vector table: SP the end of DTCM, PC the reset vector in the file.
  EXPECT_EQ(p["ivt"]["self"], 0x20208000u);
  EXPECT_EQ(p["ivt"]["entry"], 0x20208400u);
  EXPECT_EQ(p["boot_data"]["plugin"], 0);
  EXPECT_EQ(j["entry_kind"], "vector table");
  EXPECT_EQ(j["initial_sp"], 0x20020000u);
  EXPECT_EQ(j["pc"], le32(app, 0x404));
  EXPECT_EQ(log_tail(j), (std::vector<std::string>{"PLUGIN_IMAGE_CALL", "PLUGIN_IMAGE_PASS",
                                                   "PROGRAM_IMAGE_CALL"}));
  // The application then runs from OCRAM with VTOR at its table, as plugin_app.c prints.
  EXPECT_EQ(j["execution"]["console"]["text"], "app: running at 20208000, VTOR 20208400\r\n");
  EXPECT_EQ(j["execution"]["verdict"], "halted");
}

TEST(PluginBoot, APluginThatReturnsZeroFailsTheImage) {
  const auto j = boot(kFw + "/plugin_looks_elsewhere.bin");
  EXPECT_EQ(j["verdict"], "serial_downloader");
  EXPECT_EQ(j["failed_step"], "plugin");
  EXPECT_TRUE(j["plugin"]["returned"].get<bool>());
  EXPECT_EQ(j["plugin"]["result"], 0);
  // Erased flash at 0x6002_0000: the plugin's own check finds FF where the IVT tag should be.
  EXPECT_EQ(j["plugin"]["console"],
            "plugin: looking for the application at 60020000\r\nplugin: no IVT there\r\n");
  EXPECT_EQ(log_tail(j),
            (std::vector<std::string>{"PLUGIN_IMAGE_CALL", "PLUGIN_IMAGE_FAIL", "SDP_ENTRY"}));
  ASSERT_EQ(j["causes"].size(), 1u);
  EXPECT_EQ(j["causes"][0]["id"], "PLUGIN-FAILED");
}

TEST(PluginBoot, AWrongIvtOffsetStopsTheRomAtTheNextImagesIvt) {
  const auto app = file_bytes(kFw + "/plugin_app.bin");
  ASSERT_LT(app.size(), 0x1020u);  // the offset below then points past the image
  const auto j = boot(kFw + "/plugin_ivt_offset_0x1000.bin");
  EXPECT_EQ(j["verdict"], "serial_downloader");
  EXPECT_EQ(j["failed_step"], "ivt");
  EXPECT_EQ(j["plugin"]["ivt_offset"], 0x1000);
  EXPECT_TRUE(j["plugin"]["ivt"].is_null());
  EXPECT_NE(j["reason"].get<std::string>().find("IVT offset 0x1000"), std::string::npos)
      << j["reason"];
  EXPECT_EQ(j["causes"][0]["id"], "PLUGIN-NEXT-IMAGE");
}

TEST(PluginBoot, APluginThatFaultsNeverReturnsAndTheRomHangs) {
  // The plugin image with its IVT entry moved to erased flash at 0x6000_3000: FFFF FFFF is an
  // undefined instruction (ARMv7-M A5.3.18, coprocessor 15), a UsageFault escalated to HardFault
  // (UsageFault is disabled after reset, exception 3), whose vector in the ROM's table at
  // 0x0020_000C leads into the ROM's own handler, which is not modelled: the run locks up.
  auto bin = file_bytes(kFw + "/plugin_boot.bin");
  ASSERT_LT(bin.size(), 0x3000u);
  put32(bin, 0x1004, 0x60003001u);
  const auto j = boot(write_temp("plugin_entry_in_erased_flash.bin", bin));
  EXPECT_EQ(j["verdict"], "hang");
  EXPECT_EQ(j["failed_step"], "plugin");
  EXPECT_FALSE(j["plugin"]["returned"].get<bool>());
  const std::string text = j["plugin"]["text"];
  EXPECT_NE(text.find("undefined instruction at 0x6000_3000"), std::string::npos) << text;
  EXPECT_NE(text.find("exception 3 entered the boot ROM's own handler"), std::string::npos) << text;
  EXPECT_EQ(j["causes"][0]["id"], "PLUGIN-NO-RETURN");
}

TEST(PluginBoot, InspectSaysPluginAndLeavesTheVerdictToTheBoot) {
  const CommandRun r = run_command(std::string(XIPSIM_BIN) + " inspect " + kFw +
                                   "/plugin_boot.bin --chip RT1060 --json 2>/dev/null");
  EXPECT_EQ(r.code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  bool plugin_info = false;
  for (const auto& f : j["findings"])
    if (f["id"] == "BD-PLUGIN") plugin_info = f["severity"] == "info";
  EXPECT_TRUE(plugin_info) << j["findings"].dump(1);
}

}  // namespace
}  // namespace xipsim::test
