// Chip profiles against boot-reference.md (section numbers in each assertion's comment).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "xipsim/chips/chip_catalog.h"
#include "xipsim/core/errors.h"

using namespace xipsim::chips;

namespace {
const ChipProfile& chip(const std::string& n) {
  return ChipCatalog::builtin().get(n);
}
}  // namespace

TEST(ChipProfiles, AllIssueChipsPresent) {
  for (const char* n :
       {"RT1010", "RT1011", "RT1015", "RT1020", "RT1021", "RT1024", "RT1040", "RT1050", "RT1052",
        "RT1060", "RT1062", "RT1064", "RT1160", "RT1170", "RT1166", "RT1176"}) {
    EXPECT_NE(ChipCatalog::builtin().find(n), nullptr) << n;
  }
}

TEST(ChipProfiles, FcbOffsets) {  // §1.3
  EXPECT_EQ(chip("RT1010").fcb_offset, 0x400u);
  EXPECT_EQ(chip("RT1170").fcb_offset, 0x400u);
  for (const char* n : {"RT1015", "RT1020", "RT1024", "RT1040", "RT1050", "RT1060", "RT1064"}) {
    EXPECT_EQ(chip(n).fcb_offset, 0u) << n;
    EXPECT_EQ(chip(n).ivt_offset, 0x1000u) << n;
    EXPECT_EQ(chip(n).initial_load_size, 0x2000u) << n;
  }
}

TEST(ChipProfiles, SerialClockTablesFollowBoardHeaders) {  // §2.4 and conflict 1
  EXPECT_EQ(chip("RT1060").clock_mhz(7), 120.0);
  EXPECT_EQ(chip("RT1060").clock_mhz(8), 133.0);
  EXPECT_EQ(chip("RT1050").clock_mhz(7), 133.0);
  EXPECT_EQ(chip("RT1020").clock_mhz(7), 133.0);
  EXPECT_EQ(chip("RT1010").clock_mhz(7), 120.0);
  EXPECT_EQ(chip("RT1170").clock_mhz(4), 80.0);
  EXPECT_EQ(chip("RT1170").clock_mhz(9), 200.0);
  EXPECT_FALSE(chip("RT1060").clock_mhz(0).has_value());  // 0 = keep current clock
  EXPECT_FALSE(chip("RT1050").clock_mhz(9).has_value());  // not in the RT1050 table
}

TEST(ChipProfiles, BootInstances) {  // §1.1
  EXPECT_EQ(chip("RT1064").boot_instance()->ahb.base, 0x70000000u);
  EXPECT_EQ(chip("RT1064").boot_instance()->register_base, 0x402A4000u);
  EXPECT_EQ(chip("RT1060").boot_instance()->ahb.base, 0x60000000u);
  EXPECT_EQ(chip("RT1010").boot_instance()->register_base, 0x400A0000u);
  EXPECT_EQ(chip("RT1170").boot_instance()->ahb.base, 0x30000000u);
  std::uint64_t base = 0;
  EXPECT_EQ(chip("RT1170").instance_at(0x08002000, &base)->name, "FLEXSPI1");  // CM4 alias
  EXPECT_EQ(base, 0x08000000u);
  const FlexspiInstance* f2 = chip("RT1060").instance_at(0x70000000);
  ASSERT_NE(f2, nullptr);
  EXPECT_FALSE(f2->boot);
  EXPECT_EQ(f2->ahb.size, 0x0F000000u);
}

TEST(ChipProfiles, RomLogAndReservedRam) {  // §7.3 (MBU), §1.2
  EXPECT_EQ(chip("RT1011").rom_log->base, 0x20203D38u);
  EXPECT_EQ(chip("RT1021").rom_log->base, 0x2020515Cu);
  EXPECT_EQ(chip("RT1052").rom_log->base, 0x202051C8u);
  EXPECT_EQ(chip("RT1062").rom_log->base, 0x2020523Cu);
  EXPECT_EQ(chip("RT1176").rom_log->base, 0x2024AD78u);
  EXPECT_EQ(chip("RT1010").rom_reserved[0].end(), 0x20205800u);
  EXPECT_EQ(chip("RT1060").rom_reserved[0].end(), 0x20208000u);
}

TEST(ChipProfiles, DcdLimits) {  // §6.4
  EXPECT_EQ(*chip("RT1060").dcd_max_size, 1768u);
  EXPECT_TRUE(chip("RT1060").dcd_ranges_known);
  EXPECT_FALSE(chip("RT1170").dcd_ranges_known);
  EXPECT_EQ(chip("RT1060").sample_clock.internal_loopback_mhz, 60.0);  // conflict 8
}

TEST(ChipProfiles, UnsupportedFamiliesRecognised) {
  EXPECT_FALSE(chip("RT1189").supported);
  EXPECT_EQ(chip("RT1189").family, "rt118x");
  EXPECT_FALSE(chip("RT595").supported);
}

TEST(ChipProfiles, UnknownChipListsKnownOnes) {
  try {
    ChipCatalog::builtin().get("RT9999");
    FAIL();
  } catch (const xipsim::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown chip 'RT9999'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("known chips: RT1010, RT1015"), std::string::npos)
        << e.what();
  }
}

TEST(ChipProfiles, BadProfileNamesFileLineAndField) {
  namespace fs = std::filesystem;
  const fs::path p = fs::temp_directory_path() / "xipsim_bad_chip.yaml";
  std::ofstream(p)
      << "name: X\nfamily: rt10xx\nflexspi:\n  - {name: F, register_base: 0x1, ahb_base: "
         "0x60000000,"
         " ahb_size: 0x100, boot: true}\nboot_layout: {fcb_offset: 0x200, ivt_offset: 0x1000,"
         " initial_load_size: 0x2000}\n";
  try {
    load_chip_profile(p.string());
    FAIL();
  } catch (const xipsim::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("xipsim_bad_chip.yaml:5:"), std::string::npos) << e.what();
    EXPECT_NE(
        std::string(e.what()).find("boot_layout.fcb_offset': expected 0x000 or 0x400, got '0x200'"),
        std::string::npos)
        << e.what();
  }
}

// The application map's interrupt numbers: a timer needs one below the chip's `irqs` (RT1060:
// 160, SDK MIMXRT1062.h); an out-of-range one names the list and the instance. The profile is
// the built-in rt1060.yaml with its PIT interrupt edited.
TEST(ChipProfiles, TimerInterruptOutsideTheNvicIsAnError) {
  namespace fs = std::filesystem;
  std::ifstream in(std::string(XIPSIM_TEST_DATA) + "/../../models/chips/rt1060.yaml");
  std::string yaml((std::istreambuf_iterator<char>(in)), {});
  const std::string pit = "{name: PIT, base: 0x40084000, irq: 122}";
  ASSERT_NE(yaml.find(pit), std::string::npos);
  const fs::path p = fs::temp_directory_path() / "xipsim_bad_pit.yaml";
  std::ofstream(p) << yaml.replace(yaml.find(pit), pit.size(),
                                   "{name: PIT, base: 0x40084000, irq: 200}");
  try {
    load_chip_profile(p.string());
    FAIL();
  } catch (const xipsim::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("PIT: an `irq` below the chip's 160 interrupts"),
              std::string::npos)
        << e.what();
  }
  std::ofstream(p) << yaml.replace(yaml.find("irq: 200"), 8, "irq: 4000");
  try {
    load_chip_profile(p.string());
    FAIL();
  } catch (const xipsim::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("irq': expected an external interrupt number 0..239"),
              std::string::npos)
        << e.what();
  }
}
