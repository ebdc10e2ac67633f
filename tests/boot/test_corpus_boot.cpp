// Every "full flash image" of the corpus booted on its chip. Expected facts come from
// ../shared/corpus/MANIFEST.json: the IVT entry and XIP flag for images that boot; for images the
// manifest marks as not bootable as they stand (synthetic addresses, layout warning, linked for a
// non-boot FlexSPI) the step where the ROM must stop. HyperFlash images boot from the EVK's
// S26KS512S with the boot switches at FLASH_TYPE HyperFlash.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "boot_helpers.h"
#include "corpus_boards.h"
#include "test_support.h"

namespace xipsim::test {
namespace {

struct Case {
  std::string rel, chip, part;
  std::string expect_step;  // "" = boots
  std::uint32_t entry = 0;
  bool xip = true;
  std::string extra_instance, extra_part;  // a second flash where the image's window is
  std::uint32_t boot_cfg_pins = 0;
};

std::vector<Case> cases() {
  std::ifstream f(corpus_dir() + "/MANIFEST.json");
  std::vector<Case> out;
  if (!f) return out;
  const auto m = nlohmann::json::parse(f);
  for (const auto& e : m) {
    if (!is_full_flash_image(e)) continue;
    Case c;
    c.rel = e["rel"];
    const CorpusBoard board = corpus_board(e);
    c.chip = board.chip;
    c.part = board.part;
    const auto& ivt = e["ivt"];
    c.entry = static_cast<std::uint32_t>(std::stoul(ivt["entry"].get<std::string>(), nullptr, 16));
    c.xip = ivt.value("xip", "") == "XIP";
    const auto self = std::stoul(ivt["self"].get<std::string>(), nullptr, 16);
    const std::string note = e.value("note", "");
    c.boot_cfg_pins = board.boot_cfg_pins;
    if (note.find("synthetic") != std::string::npos && c.chip != "RT1170") {
      c.expect_step = "boot_data";  // 0x3000_xxxx addresses on a chip whose window is 0x6000_0000
    } else if (e.contains("layout_warning")) {
      c.expect_step = "boot_data";
    } else if ((c.chip == "RT1064" && self < 0x70000000) ||
               (c.chip == "RT1170" && self >= 0x60000000 &&
                c.rel.find(".bin") == std::string::npos)) {
      // Linked for the FlexSPI the ROM does not boot from: flash attached there too; the boot
      // instance's flash is empty.
      c.expect_step = "fcb";
      c.extra_instance = c.chip == "RT1064" ? "FLEXSPI" : "FLEXSPI2";
      c.extra_part = "W25Q64JV-IQ";
    }
    out.push_back(c);
  }
  return out;
}

class CorpusBoot : public ::testing::TestWithParam<Case> {};

TEST_P(CorpusBoot, BootsAsTheManifestSays) {
  const Case& c = GetParam();
  boot::BootRequest r = request(c.chip, c.part, {corpus_path(c.rel)});
  r.boot_cfg_pins = c.boot_cfg_pins;
  if (!c.extra_instance.empty()) r.flashes.push_back({c.extra_part, c.extra_instance, 0});
  const boot::BootReport rep = run_boot(r);
  if (c.expect_step.empty()) {
    ASSERT_EQ(rep.verdict, boot::Verdict::kBooted) << describe(rep);
    EXPECT_EQ(rep.entry, c.entry);
    EXPECT_EQ(rep.xip, c.xip);
    EXPECT_TRUE(logged(rep, boot::romlog::kProgramImageCall));
  } else {
    EXPECT_EQ(rep.verdict, boot::Verdict::kSerialDownloader) << describe(rep);
    EXPECT_EQ(rep.failed_step, c.expect_step) << describe(rep);
    EXPECT_TRUE(logged(rep, boot::romlog::kSdpEntry));
    EXPECT_FALSE(rep.hint.empty() && c.expect_step != "initial_load") << describe(rep);
  }
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  return corpus_test_name(info.index, info.param.rel);
}

INSTANTIATE_TEST_SUITE_P(Manifest, CorpusBoot, ::testing::ValuesIn(cases()), case_name);

TEST(CorpusBootList, ManifestHasTheFullImages) {
  // 47 "full flash image (FCB+IVT)" entries in MANIFEST.json at the corpus snapshot.
  EXPECT_EQ(cases().size(), 47u);
}

}  // namespace
}  // namespace xipsim::test
