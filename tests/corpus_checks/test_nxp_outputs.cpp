// Agreement with NXP's own tool outputs in the corpus (spsdk test vectors):
//  - fcb/*/fcb_*_flexspi_nor.yaml: spsdk's field-by-field parse of the sibling fcb.bin;
//  - bootable_image/*/config.yaml + segment bins: spsdk's split of merged_image.bin, which must
//    match the offsets in xipsim's chip profiles;
//  - hab/parse/*: spsdk's ivt.bin / bdt.bin / application.bin cut from hab_container.bin.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"
#include "xipsim/chips/chip_catalog.h"
#include "xipsim/core/yaml_reader.h"
#include "xipsim/image/bytes.h"

using namespace xipsim;
using namespace xipsim::image;
namespace fs = std::filesystem;

namespace {

std::vector<std::uint8_t> read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

std::uint64_t val(const YAML::Node& n) {
  return *parse_unsigned(n.Scalar());
}


// Our decoded value for an spsdk field name (through the Fcb struct, not raw offsets).
std::optional<std::uint64_t> field(const Fcb& f, const std::string& name) {
  const std::map<std::string, std::uint64_t> m{
      {"tag", f.tag},
      {"version", f.version},
      {"readSampleClkSrc", f.read_sample_clk_src},
      {"csHoldTime", f.cs_hold_time},
      {"csSetupTime", f.cs_setup_time},
      {"columnAddressWidth", f.column_address_width},
      {"deviceModeCfgEnable", f.device_mode_cfg_enable},
      {"deviceModeType", f.device_mode_type},
      {"waitTimeCfgCommands", f.wait_time_cfg_commands},
      {"deviceModeArg", f.device_mode_arg},
      {"configCmdEnable", f.config_cmd_enable},
      {"controllerMiscOption", f.controller_misc_option},
      {"deviceType", f.device_type},
      {"sflashPadType", f.sflash_pad_type},
      {"serialClkFreq", f.serial_clk_freq},
      {"lutCustomSeqEnable", f.lut_custom_seq_enable},
      {"sflashA1Size", f.sflash_a1_size},
      {"sflashA2Size", f.sflash_a2_size},
      {"sflashB1Size", f.sflash_b1_size},
      {"sflashB2Size", f.sflash_b2_size},
      {"csPadSettingOverride", f.cs_pad_setting_override},
      {"sclkPadSettingOverride", f.sclk_pad_setting_override},
      {"dataPadSettingOverride", f.data_pad_setting_override},
      {"dqsPadSettingOverride", f.dqs_pad_setting_override},
      {"timeoutInMs", f.timeout_in_ms},
      {"commandInterval", f.command_interval},
      {"dataValidTime_0", f.data_valid_time[0]},
      {"dataValidTime_1", f.data_valid_time[1]},
      {"busyOffset", f.busy_offset},
      {"busyBitPolarity", f.busy_bit_polarity},
      {"pageSize", f.page_size},
      {"sectorSize", f.sector_size},
      {"ipcmdSerialClkFreq", f.ipcmd_serial_clk_freq},
      {"isUniformBlockSize", f.is_uniform_block_size},
      {"serialNorType", f.serial_nor_type},
      {"needExitNoCmdMode", f.need_exit_no_cmd_mode},
      {"halfClkForNonReadCmd", f.half_clk_for_non_read_cmd},
      {"needRestoreNoCmdMode", f.need_restore_no_cmd_mode},
      {"blockSize", f.block_size},
      {"configModeType_0", f.config_mode_type[0]},
      {"configModeType_1", f.config_mode_type[1]},
      {"configModeType_2", f.config_mode_type[2]},
      {"configCmdArgs_0", f.config_cmd_args[0]},
      {"configCmdArgs_1", f.config_cmd_args[1]},
      {"configCmdArgs_2", f.config_cmd_args[2]}};
  auto it = m.find(name);
  if (it == m.end()) return std::nullopt;
  return it->second;
}

class SpsdkFcbDump : public ::testing::TestWithParam<std::string> {};

TEST_P(SpsdkFcbDump, EveryFieldAgrees) {
  const fs::path dir = fs::path(test::corpus_dir()) / "spsdk/nxpimage/data/fcb" / GetParam();
  const auto bin = read_all(dir / "fcb.bin");
  const auto fcb = decode_fcb(bin.data(), bin.size());
  ASSERT_TRUE(fcb.has_value());
  const YAML::Node settings = YAML::LoadFile(
      (dir / fmt::format("fcb_{}_flexspi_nor.yaml", GetParam())).string())["fcb_settings"];
  std::size_t compared = 0;
  for (const auto& kv : settings) {
    const std::string name = kv.first.Scalar();
    const YAML::Node v = kv.second;
    if (v["value"]) {
      if (auto ours = field(*fcb, name)) {
        EXPECT_EQ(*ours, val(v["value"])) << name;
        ++compared;
      }
    } else if (v["OPERATION_CODE"]) {  // lookupTable_seqS_instrI
      unsigned s = 0, i = 0;
      ASSERT_EQ(std::sscanf(name.c_str(), "lookupTable_seq%u_instr%u", &s, &i), 2) << name;
      const LutInstr ins = fcb->sequence(s)[i];
      EXPECT_EQ(ins.name(), v["OPERATION_CODE"].Scalar()) << name;
      EXPECT_EQ(fmt::format("{}PAD", ins.pads()), v["NUM_PADS"].Scalar()) << name;
      EXPECT_EQ(ins.operand, val(v["OPERAND"])) << name;
      ++compared;
    } else if (v["bitfields"]) {
      const YAML::Node b = v["bitfields"];
      FcbSeq ours;
      if (name == "deviceModeSeq")
        ours = fcb->device_mode_seq;
      else if (name.rfind("configCmdSeqs_", 0) == 0)
        ours = fcb->config_cmd_seqs[std::stoul(name.substr(14))];
      else if (name.rfind("lutCustomSeq_", 0) == 0)
        ours = fcb->lut_custom_seq[std::stoul(name.substr(13))];
      else
        continue;
      const YAML::Node num = b.IsSequence() ? b[0] : b;  // spsdk writes both forms
      const std::uint64_t seq_num =
          b.IsSequence() ? b[0]["seqNum"].as<unsigned>() : num["seqNum"].as<unsigned>();
      const std::uint64_t seq_id =
          b.IsSequence() ? b[1]["seqId"].as<unsigned>() : num["seqId"].as<unsigned>();
      EXPECT_EQ(ours.seq_num, seq_num) << name;
      EXPECT_EQ(ours.seq_id, seq_id) << name;
      ++compared;
    }
  }
  EXPECT_GE(compared, 170u) << "too few fields compared";  // 128 LUT instrs + ~45 fields
}

INSTANTIATE_TEST_SUITE_P(Spsdk, SpsdkFcbDump, ::testing::Values("rt105x", "rt106x", "rt117x"));

// spsdk bootable-image directory -> our chip name and where each segment sits per our profile.
struct BootableCase {
  std::string dir, chip;
};
void PrintTo(const BootableCase& c, std::ostream* os) {
  *os << c.dir;
}

class SpsdkBootableImage : public ::testing::TestWithParam<BootableCase> {};

std::optional<std::uint64_t> segment_offset(const chips::ChipProfile& c, const std::string& seg) {
  auto region = [&](const std::string& key) -> std::optional<std::uint64_t> {
    for (const auto& r : c.boot_area_regions) {
      if (r.name.find(key) != std::string::npos) return r.base;
    }
    return std::nullopt;
  };
  if (seg == "fcb") return c.fcb_offset;
  if (seg == "hab_container") return c.ivt_offset;
  if (seg == "ahab_container")
    return 0x1000;  // RT118x container offset (boot-reference §1.3 row RT1160/1170 analogue)
  if (seg == "bee_header_0") return region("EKIB0");
  if (seg == "bee_header_1") return region("EKIB1");
  if (seg == "keyblob") return region("key blob");
  if (seg == "keystore") return region("key store");
  return std::nullopt;
}

TEST_P(SpsdkBootableImage, SegmentsSitAtProfileOffsets) {
  const fs::path dir =
      fs::path(test::corpus_dir()) / "spsdk/nxpimage/data/bootable_image" / GetParam().dir;
  const auto merged = read_all(dir / "merged_image.bin");
  const auto& chip = chips::ChipCatalog::builtin().get(GetParam().chip);
  const YAML::Node cfg = YAML::LoadFile((dir / "config.yaml").string());
  std::size_t checked = 0;
  for (const auto& kv : cfg) {
    const std::string seg = kv.first.Scalar();
    if (!kv.second.IsScalar() || kv.second.Scalar().size() < 5 ||
        kv.second.Scalar().find(".bin") == std::string::npos)
      continue;
    const auto off = segment_offset(chip, seg);
    ASSERT_TRUE(off.has_value()) << "no offset for segment " << seg;
    const auto part = read_all(dir / kv.second.Scalar());
    ASSERT_LE(*off + part.size(), merged.size()) << seg;
    EXPECT_TRUE(
        std::equal(part.begin(), part.end(), merged.begin() + static_cast<std::ptrdiff_t>(*off)))
        << seg << " is not at offset " << *off;
    ++checked;
  }
  EXPECT_GE(checked, 2u);
}

INSTANTIATE_TEST_SUITE_P(
    Spsdk, SpsdkBootableImage,
    ::testing::Values(BootableCase{"mimxrt1010/flexspi_nor", "RT1010"},
                      BootableCase{"mimxrt1015/flexspi_nor", "RT1015"},
                      BootableCase{"mimxrt1024/flexspi_nor", "RT1024"},
                      BootableCase{"mimxrt1040/flexspi_nor", "RT1040"},
                      BootableCase{"mimxrt1050/flexspi_nor/fcb_bee_hab", "RT1050"},
                      BootableCase{"mimxrt1050/flexspi_nor/fcb_hab", "RT1050"},
                      BootableCase{"mimxrt1064/flexspi_nor", "RT1064"},
                      BootableCase{"mimxrt1166/flexspi_nor", "RT1166"},
                      BootableCase{"mimxrt1176/flexspi_nor/0x00_pattern", "RT1176"},
                      BootableCase{"mimxrt1176/flexspi_nor/0xff_pattern", "RT1176"},
                      BootableCase{"mimxrt1189/flexspi_nor/no_xmcd", "RT1189"}),
    [](const ::testing::TestParamInfo<BootableCase>& i) {
      std::string s = i.param.dir;
      for (char& c : s)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return s;
    });

class SpsdkHabParse : public ::testing::TestWithParam<std::string> {};

TEST_P(SpsdkHabParse, IvtBootDataAndApplicationAgree) {
  const fs::path dir = fs::path(test::corpus_dir()) / "spsdk/nxpimage/data/hab/parse" / GetParam();
  const auto container = read_all(dir / "hab_container.bin");
  const auto ivt_bin = read_all(dir / "ivt.bin"), bdt_bin = read_all(dir / "bdt.bin"),
             app = read_all(dir / "application.bin");
  const auto at = find_ivt(container.data(), container.size());
  ASSERT_TRUE(at.has_value());
  EXPECT_TRUE(std::equal(ivt_bin.begin(), ivt_bin.end(),
                         container.begin() + static_cast<std::ptrdiff_t>(*at)));
  const Ivt v = decode_ivt(container.data() + *at);
  const std::size_t bd = *at + (v.boot_data - v.self);
  EXPECT_TRUE(std::equal(bdt_bin.begin(), bdt_bin.end(),
                         container.begin() + static_cast<std::ptrdiff_t>(bd)));
  // spsdk's application segment is what follows the 0x1000-byte HAB header area of the container
  // (the image's initial load region ends at flash offset 0x2000 = container offset 0x1000).
  ASSERT_EQ(container.size() - 0x1000, app.size());
  EXPECT_TRUE(std::equal(app.begin(), app.end(), container.begin() + 0x1000));
}

INSTANTIATE_TEST_SUITE_P(Spsdk, SpsdkHabParse,
                         ::testing::Values("rt1050_ext_xip_unsigned", "rt1170_RAM_unsigned"));

}  // namespace
