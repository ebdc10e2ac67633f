// `inspect` and `boot` give the same verdict: an inspect error exactly when the ROM does not boot
// the image on that chip with that part. Each case inspects a file (in this process, no SystemC)
// and boots it on the simulated board, then compares. The cases are every full flash image of
// ../shared/corpus/MANIFEST.json with the part its board carries, and single-field changes of a
// good RT1060 image whose expected outcome is written down from boot-reference.md beside each.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "boot_helpers.h"
#include "corpus_boards.h"
#include "test_support.h"
#include "xipsim/boot/flash_facts.h"
#include "xipsim/chips/chip_catalog.h"
#include "xipsim/flash/part_loader.h"
#include "xipsim/image/loaded_file.h"

namespace xipsim::test {
namespace {

struct Case {
  std::string name, path, chip, part;
  std::string extra_instance;  // a second flash (W25Q64JV-IQ) on this instance, "" for none
  // Expected outcome for the synthetic cases (from the reference, not from either model):
  // "" = boots, else the boot step where the ROM stops. Corpus cases only compare.
  std::optional<std::string> expect_step;
  std::uint32_t boot_cfg_pins = 0;  // the board's boot switches
};

struct Outcome {
  bool inspect_valid = false, booted = false;
  std::string errors, failed_step, reason;
};

Outcome judge(const Case& c) {
  Outcome o;
  image::InspectOptions opt;
  opt.chip = c.chip;
  opt.flash_part = flash_facts(*flash::load_part(c.part));
  opt.boot_cfg = c.boot_cfg_pins;
  const image::InspectReport r =
      image::inspect(image::load_file(c.path), opt, chips::ChipCatalog::builtin());
  o.inspect_valid = !r.has_errors();
  for (const auto& f : r.findings)
    if (f.severity == image::Severity::kError) o.errors += f.id + ": " + f.message + "\n";
  boot::BootRequest req = request(c.chip, c.part, {c.path});
  req.boot_cfg_pins = c.boot_cfg_pins;
  if (!c.extra_instance.empty()) req.flashes.push_back({"W25Q64JV-IQ", c.extra_instance, 0});
  const boot::BootReport rep = run_boot(req);
  o.booted = rep.verdict == boot::Verdict::kBooted;
  o.failed_step = rep.failed_step;
  o.reason = rep.reason;
  return o;
}

std::vector<Case> corpus_cases() {
  std::ifstream f(corpus_dir() + "/MANIFEST.json");
  std::vector<Case> out;
  if (!f) return out;
  for (const auto& e : nlohmann::json::parse(f)) {
    if (!is_full_flash_image(e)) continue;
    const CorpusBoard board = corpus_board(e);
    Case c{e["rel"], corpus_dir() + "/" + e["rel"].get<std::string>(), board.chip, board.part};
    c.boot_cfg_pins = board.boot_cfg_pins;
    // Images linked for the FlexSPI the ROM does not boot from get a flash there too, so the
    // placement succeeds and the ROM finds its own instance's flash empty.
    const auto self = std::stoul(e["ivt"]["self"].get<std::string>(), nullptr, 16);
    if (c.chip == "RT1064" && self < 0x70000000) c.extra_instance = "FLEXSPI";
    if (c.chip == "RT1170" && self >= 0x60000000) c.extra_instance = "FLEXSPI2";
    out.push_back(c);
  }
  return out;
}

class CorpusAgreement : public ::testing::TestWithParam<Case> {};

TEST_P(CorpusAgreement, InspectErrorsExactlyWhenTheRomDoesNotBoot) {
  const Outcome o = judge(GetParam());
  EXPECT_EQ(o.inspect_valid, o.booted)
      << "inspect errors:\n"
      << o.errors << "boot: " << (o.booted ? "booted" : o.failed_step + ": " + o.reason);
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  return corpus_test_name(info.index, info.param.name);
}

INSTANTIATE_TEST_SUITE_P(Manifest, CorpusAgreement, ::testing::ValuesIn(corpus_cases()), case_name);

TEST(CorpusAgreementList, CoversEveryFullFlashImage) {
  EXPECT_EQ(corpus_cases().size(), 47u);  // MANIFEST.json "full flash image (FCB+IVT)" entries
}

// ---- single-field changes of a good RT1060 XIP image ----

// FCB at 0: DQS-pad loopback, index 7 (120 MHz), 8 MiB, EBh 1-4-4 with 6 dummy cycles (the
// W25Q64JV-IQ's 2 mode + 4 dummy at power-on, flash-parts.md); IVT at 0x1000, vectors at 0x2000.
FlashBuilder good() {
  FlashBuilder b(0x4000);
  b.fcb(0, 1, 7, 0x800000, 0x0A1804EB, 0x26043206);
  b.ivt(0x1000, 0x60002000, 0x60001000, 0x60000000, 0x4000);
  b.vectors(0x2000, 0x20020000, 0x60002101);
  return b;
}

struct Mutation {
  const char* name;
  const char* expect_step;  // "" = boots
  void (*apply)(FlashBuilder&);
  const char* extra_instance = "";  // a second flash there (the image is linked for it)
};

// Expected outcomes, each from the reference:
const Mutation kMutations[] = {
    {"good", "", [](FlashBuilder&) {}},
    // §2.1: a wrong tag aborts the ROM's FlexSPI init.
    {"fcb_tag", "fcb", [](FlashBuilder& b) { b.bytes[0] = 0x00; }},
    // §2.1 deviceType: 1 serial NOR; 0 boots on EVKs (MCUBootUtility images); 2 is NAND.
    {"device_type_0", "", [](FlashBuilder& b) { b.bytes[0x44] = 0; }},
    {"device_type_nand", "flexspi_config", [](FlashBuilder& b) { b.bytes[0x44] = 2; }},
    // §2.4: RT1060's table has indices 0-9.
    {"clock_index_10", "flexspi_config", [](FlashBuilder& b) { b.bytes[0x46] = 10; }},
    {"clock_index_0_keeps_safe_clock", "", [](FlashBuilder& b) { b.bytes[0x46] = 0; }},
    // readSampleClkSrc: > 3 is refused by FlexSPI init (flashloader); 2 is SCK-pad loopback on
    // RT10xx (docs/chips.md); 3 needs a strobe the QSPI part never drives (§5).
    {"sample_src_5", "flexspi_config", [](FlashBuilder& b) { b.bytes[0x0C] = 5; }},
    {"sample_src_2_sck_pad", "", [](FlashBuilder& b) { b.bytes[0x0C] = 2; }},
    {"sample_src_3_qspi", "initial_load", [](FlashBuilder& b) { b.bytes[0x0C] = 3; }},
    // §4.1 STS1: an unknown opcode (0x15) is rejected before the read runs.
    {"lut_unknown_opcode", "initial_load", [](FlashBuilder& b) { put32(b.bytes, 0x84, 0x5604); }},
    // §3.1: a read sequence that is only STOP sends nothing and samples nothing.
    {"lut_empty", "initial_load",
     [](FlashBuilder& b) { put32(b.bytes, 0x80, 0), put32(b.bytes, 0x84, 0); }},
    // W25Q64JV EBh: 2 mode + 4 dummy clocks; a LUT with 8 shifts the data by 2 cycles.
    {"lut_dummy_8", "ivt", [](FlashBuilder& b) { put32(b.bytes, 0x84, 0x26043208); }},
    // A read opcode the part does not have (0xE7 is not in the W25Q64JV table).
    {"lut_opcode_e7", "ivt", [](FlashBuilder& b) { put32(b.bytes, 0x80, 0x0A1804E7); }},
    // §4.1: with A1 size 0 and nothing elsewhere every AHB read is outside the flash.
    {"a1_size_0", "initial_load", [](FlashBuilder& b) { put32(b.bytes, 0x50, 0); }},
    // FCB truncated: the ROM takes the bytes the flash holds; version words are not checked.
    {"fcb_version_0", "", [](FlashBuilder& b) { put32(b.bytes, 0x04, 0); }},
    // §6.2: IVT tag, boot data inside the initial load, self - 0x1000 == boot_data.start.
    {"ivt_tag", "ivt", [](FlashBuilder& b) { b.bytes[0x1000] = 0xD0; }},
    {"boot_data_pointer_far", "boot_data",
     [](FlashBuilder& b) { put32(b.bytes, 0x1010, 0x60008000); }},
    {"ivt_self_wrong", "boot_data", [](FlashBuilder& b) { put32(b.bytes, 0x1014, 0x60001400); }},
    // Linked for FlexSPI2 (0x7000_0000), which the RT1060 ROM does not boot from (§1.1): the
    // boot FlexSPI's flash is empty.
    {"bd_start_other_window", "fcb",
     [](FlashBuilder& b) {
       put32(b.bytes, 0x1014, 0x70001000), put32(b.bytes, 0x1010, 0x70001020),
           put32(b.bytes, 0x1020, 0x70000000);
     },
     "FLEXSPI2"},
    // §6.3 non-XIP copy to DTCM (self/start moved to RAM): boots; into ROM-reserved OCRAM: not.
    {"non_xip_dtcm", "",
     [](FlashBuilder& b) {
       put32(b.bytes, 0x1014, 0x20001000), put32(b.bytes, 0x1010, 0x20001020),
           put32(b.bytes, 0x1020, 0x20000000), put32(b.bytes, 0x1004, 0x20002000),
           put32(b.bytes, 0x2004, 0x20002101);
     }},
    {"non_xip_rom_ocram", "boot_data",
     [](FlashBuilder& b) {
       put32(b.bytes, 0x1014, 0x20201000), put32(b.bytes, 0x1010, 0x20201020),
           put32(b.bytes, 0x1020, 0x20200000), put32(b.bytes, 0x1004, 0x20202000);
     }},
    // §6.3: plugin flag 2 is neither a normal image (0) nor a plugin (1): no source says what
    // the ROM does with it, so both sides stop there (not modelled).
    {"plugin_flag_2", "plugin", [](FlashBuilder& b) { put32(b.bytes, 0x1028, 2); }},
    // §6.4: a DCD pointer at no DCD is a HAB event; an open chip boots.
    {"dcd_pointer_no_dcd", "", [](FlashBuilder& b) { put32(b.bytes, 0x100C, 0x60001030); }},
    // §6.6: a CSF pointer at blank flash: HAB event, open chip boots.
    {"csf_blank", "", [](FlashBuilder& b) { put32(b.bytes, 0x1018, 0x60003000); }},
    // Entry outside the image, window and RAM: the ROM refuses to enter it.
    {"entry_nowhere", "entry", [](FlashBuilder& b) { put32(b.bytes, 0x1004, 0x10000001); }},
    // Entry past the image but inside the window: the ROM jumps there.
    {"entry_in_window", "", [](FlashBuilder& b) { put32(b.bytes, 0x1004, 0x60100001); }},
    // Open conflict 3 (docs/chips.md): an aligned entry whose second word is even is not a
    // vector table, so the ROM enters it as code.
    {"reset_even_taken_as_code", "", [](FlashBuilder& b) { put32(b.bytes, 0x2004, 0x60002100); }},
};

class MutationAgreement : public ::testing::TestWithParam<Mutation> {};

TEST_P(MutationAgreement, BothSideAsTheReferenceSays) {
  const Mutation& m = GetParam();
  FlashBuilder b = good();
  m.apply(b);
  const Case c{m.name,           write_temp(std::string("agree_") + m.name + ".bin", b.bytes),
               "RT1060",         "W25Q64JV-IQ",
               m.extra_instance, m.expect_step};
  const Outcome o = judge(c);
  const std::string boot = o.booted ? "booted" : o.failed_step + ": " + o.reason;
  EXPECT_EQ(o.inspect_valid, o.booted) << "inspect errors:\n" << o.errors << "boot: " << boot;
  if (c.expect_step->empty()) {
    EXPECT_TRUE(o.booted) << boot;
  } else {
    EXPECT_FALSE(o.booted);
    EXPECT_EQ(o.failed_step, *c.expect_step) << boot;
  }
}

INSTANTIATE_TEST_SUITE_P(Rt1060, MutationAgreement, ::testing::ValuesIn(kMutations),
                         [](const ::testing::TestParamInfo<Mutation>& i) {
                           return std::string(i.param.name);
                         });

}  // namespace
}  // namespace xipsim::test

namespace xipsim::test {
namespace {

// RT1170 has no SCK-pad loopback (docs/chips.md): the EVK image with readSampleClkSrc 2 gets no
// read strobe after the reconfiguration, and inspect says so before the boot does.
TEST(Rt1170Agreement, SckPadLoopbackIsRefusedByBoth) {
  // MANIFEST: padding_vec-ivt.bin starts at flash offset 0 with the FCB at 0x400.
  auto bin =
      read_file_bytes(corpus_path("mcubootutility/apps/NXP_MIMXRT1170-EVK_Rev.A/cm7/"
                                  "led_blinky_0x30002000_fdcb_padding_vec-ivt.bin"));
  ASSERT_GT(bin.size(), 0x40Du);
  bin[0x40C] = 2;
  const Case c{"rt1170_sck_pad", write_temp("rt1170_sck_pad.bin", bin), "RT1170", "W25Q64JV-IQ", "",
               "initial_load"};
  const Outcome o = judge(c);
  EXPECT_FALSE(o.inspect_valid);
  EXPECT_NE(o.errors.find("FCB-SAMPLE-CLK"), std::string::npos) << o.errors;
  EXPECT_FALSE(o.booted);
  EXPECT_EQ(o.failed_step, "initial_load") << o.reason;
}

}  // namespace
}  // namespace xipsim::test

namespace xipsim::test {
namespace {

// The RT1060 EVK blinky with the octal DDR FCB of scenarios/data (described in its README) on an
// MX25UM51345G. Reference: FLASH_TYPE 100 reads the FCB with 13h (boot-reference §7.2 and the
// open conflict in docs/boot-rom.md); 000 uses 03h with 24 bits, which a part taking 4-byte
// addresses in SPI misreads, so the ROM stops at the FCB; without the CR2 write the part stays in
// SPI, drives no DQS, and the RXCLKSRC 3 read after reconfiguration times out (initial_load).
struct OctalCase {
  const char* name;
  std::uint32_t boot_cfg;
  bool switch_to_opi;
  const char* expect_step;  // "" = boots
};

class OctalAgreement : public ::testing::TestWithParam<OctalCase> {};

TEST_P(OctalAgreement, BothSideAsTheReferenceSays) {
  const OctalCase& oc = GetParam();
  auto bin = read_file_bytes(corpus_path(
      "mcubootutility/apps/NXP_MIMXRT1060-EVK_Rev.A1/led_blinky_0x60005000_fdcb_ivt.bin"));
  const auto fcb =
      read_file_bytes(std::string(XIPSIM_SOURCE_DIR) + "/scenarios/data/mx25um51345g_dtr_fcb.bin");
  ASSERT_EQ(fcb.size(), 512u);
  ASSERT_GT(bin.size(), 0x2000u);
  std::copy(fcb.begin(), fcb.end(), bin.begin());
  if (!oc.switch_to_opi) bin[0x010] = 0;  // deviceModeCfgEnable
  Case c{oc.name, write_temp(std::string("octal_") + oc.name + ".bin", bin), "RT1060",
         "MX25UM51345G"};
  c.boot_cfg_pins = oc.boot_cfg;
  const Outcome o = judge(c);
  const std::string boot = o.booted ? "booted" : o.failed_step + ": " + o.reason;
  EXPECT_EQ(o.inspect_valid, o.booted) << "inspect errors:\n" << o.errors << "boot: " << boot;
  if (*oc.expect_step == 0) {
    EXPECT_TRUE(o.booted) << boot;
  } else {
    EXPECT_EQ(o.failed_step, oc.expect_step) << boot;
  }
}

const OctalCase kOctalCases[] = {
    {"flash_type_100_boots", 0x400, true, ""},
    {"flash_type_001_boots", 0x100, true, ""},
    {"flash_type_000_stops_at_fcb", 0, true, "fcb"},
    {"no_cr2_write_times_out", 0x400, false, "initial_load"},
};

INSTANTIATE_TEST_SUITE_P(Mx25um, OctalAgreement, ::testing::ValuesIn(kOctalCases),
                         [](const ::testing::TestParamInfo<OctalCase>& i) {
                           return std::string(i.param.name);
                         });

}  // namespace
}  // namespace xipsim::test
