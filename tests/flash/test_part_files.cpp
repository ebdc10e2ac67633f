// Part files: every shipped part loads; a bad part file (unknown key, missing field, impossible
// value, unknown register) is rejected with file, line and field.
#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "xipsim/core/errors.h"
#include "xipsim/flash/part_loader.h"

namespace xipsim::test {
namespace {
namespace fs = std::filesystem;

TEST(PartFiles, TheTwelveQspiPartsTheHyperFlashAndTheOctalPartAreShipped) {
  const std::vector<std::string> expected = {
      "AT25SF128A", "GD25Q64C",  "IS25LP064A",  "IS25LP256E",   "IS25WP064A",
      "IS25WP128",  "MT25QL256", "MX25L25645G", "MX25UM51345G", "S26KS512S",
      "W25Q16JV",   "W25Q32JV",  "W25Q64JV-IM", "W25Q64JV-IQ"};
  EXPECT_EQ(flash::list_parts(), expected);
  for (const auto& p : expected)
    EXPECT_NO_THROW(flash::load_part(p)) << p;
  // S26KS512S (flash-parts.md, datasheet front page): HyperBus, 64 MiB, 256 KiB sectors,
  // 512-byte write buffer.
  const auto hf = flash::load_part("S26KS512S");
  EXPECT_EQ(hf->protocol, flash::Protocol::kHyperBus);
  EXPECT_EQ(hf->size_bytes, 64u << 20);
  EXPECT_EQ(hf->hyperbus.sector_bytes, 256u * 1024);
  EXPECT_EQ(hf->hyperbus.buffer_bytes, 512u);
  // MX25UM51345G (Linux macronix.c): ID C2 81 3A, 64 MiB, SPI at power-on with 4-byte
  // addresses, OPI reads EEh (DTR) and ECh (STR) with 20 dummy clocks at CR2 DC = 0.
  const auto oct = flash::load_part("MX25UM51345G");
  EXPECT_EQ(oct->jedec_id, (std::vector<std::uint8_t>{0xC2, 0x81, 0x3A}));
  EXPECT_EQ(oct->size_bytes, 64u << 20);
  EXPECT_EQ(oct->power_on_address_bytes, 4u);
  ASSERT_TRUE(oct->octal.valid());
  ASSERT_NE(oct->lookup_opi(0xEE), nullptr);
  EXPECT_EQ(oct->lookup_opi(0xEE)->rate, flash::OpiRate::kDtr);
  EXPECT_EQ(oct->power_on_dummy(*oct->lookup_opi(0xEE)), 20u);
  EXPECT_EQ(oct->lookup_opi(0xEC)->rate, flash::OpiRate::kStr);
  EXPECT_EQ(oct->lookup(0xEE, false), nullptr);  // no SPI command EEh
}

TEST(PartFiles, UnknownPartNamesTheClosestOne) {
  try {
    flash::load_part("W25Q32JW");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'W25Q32JV'"), std::string::npos) << e.what();
  }
}

// Writes a part file into a temporary parts/ folder next to the real families/.
class BadPart : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("xipsim_parts_" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "parts");
    fs::create_directories(dir_ / "families");
    const fs::path real = fs::path(XIPSIM_SOURCE_DIR) / "flash_models" / "families";
    for (const auto& e : fs::directory_iterator(real))
      fs::copy_file(e.path(), dir_ / "families" / e.path().filename(),
                    fs::copy_options::overwrite_existing);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string error_for(const std::string& text) {
    const fs::path file = dir_ / "parts" / "BAD.yaml";
    std::ofstream(file) << text;
    try {
      flash::load_part_file(file.string());
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  }
  static constexpr const char* kGood =
      "name: BAD\nfamily: wb_style\njedec_id: [0xEF, 0x40, 0x16]\nsize_bytes: 0x40_0000\n"
      "timing:\n  page_program: {typ: \"0.4 ms\", max: \"3 ms\"}\n"
      "  erase_4k: {typ: \"45 ms\", max: \"400 ms\"}\n"
      "  erase_32k: {typ: \"120 ms\", max: \"1600 ms\"}\n"
      "  erase_64k: {typ: \"150 ms\", max: \"2000 ms\"}\n"
      "  erase_chip: {typ: \"10 s\", max: \"50 s\"}\n"
      "  write_status: {typ: \"10 ms\", max: \"15 ms\"}\n";
  fs::path dir_;
};

TEST_F(BadPart, TheBaselineLoads) {
  EXPECT_EQ(error_for(kGood), "no error");
}

TEST_F(BadPart, UnknownKeySuggestsTheClosest) {
  const std::string e = error_for(std::string(kGood) + "page_byte: 256\n");
  EXPECT_NE(e.find("BAD.yaml:12:1"), std::string::npos) << e;
  EXPECT_NE(e.find("did you mean 'page_bytes'"), std::string::npos) << e;
}

TEST_F(BadPart, MissingIdIsNamed) {
  const std::string e = error_for("name: BAD\nfamily: wb_style\nsize_bytes: 0x40_0000\n");
  EXPECT_NE(e.find("missing field 'jedec_id'"), std::string::npos) << e;
}

TEST_F(BadPart, SizeThatIsNotAPowerOfTwo) {
  std::string text = kGood;
  text.replace(text.find("0x40_0000"), 9, "0x30_0000");
  const std::string e = error_for(text);
  EXPECT_NE(e.find("BAD.yaml:4:"), std::string::npos) << e;
  EXPECT_NE(e.find("size_bytes"), std::string::npos) << e;
  EXPECT_NE(e.find("power of two"), std::string::npos) << e;
}

TEST_F(BadPart, UnknownRegisterInABitField) {
  const std::string e = error_for(std::string(kGood) + "bits:\n  qe: SR9[1]\n");
  EXPECT_NE(e.find("BAD.yaml:13:"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown register 'SR9'"), std::string::npos) << e;
}

TEST_F(BadPart, ImpossibleBusWidth) {
  const std::string e = error_for(std::string(kGood) +
                                  "commands:\n  - {op: 0xEB, kind: read, bus: 1-3-4, dummy: 6}\n");
  EXPECT_NE(e.find("BAD.yaml:13:"), std::string::npos) << e;
  EXPECT_NE(e.find("bus"), std::string::npos) << e;
}

TEST_F(BadPart, DummyTableOfTheWrongLength) {
  const std::string e = error_for(std::string(kGood) +
                                  "commands:\n  - {op: 0x0B, kind: read, bus: 1-1-1,"
                                  " dummy: {field: \"SR2[1:0]\", table: [8, 8]}}\n");
  EXPECT_NE(e.find("needs 4 entries"), std::string::npos) << e;
}

TEST_F(BadPart, UnknownCommandKind) {
  const std::string e =
      error_for(std::string(kGood) + "commands:\n  - {op: 0x06, kind: write_enabel}\n");
  EXPECT_NE(e.find("did you mean 'write_enable'"), std::string::npos) << e;
}

TEST_F(BadPart, TimingWithoutUnit) {
  std::string text = kGood;
  text.replace(text.find("\"0.4 ms\""), 8, "0.4");
  const std::string e = error_for(text);
  EXPECT_NE(e.find("BAD.yaml:6:"), std::string::npos) << e;
  EXPECT_NE(e.find("timing.page_program.typ"), std::string::npos) << e;
}

TEST_F(BadPart, MissingFamily) {
  const std::string e = error_for("name: BAD\nfamily: nonesuch\n");
  EXPECT_NE(e.find("BAD.yaml:2:"), std::string::npos) << e;
  EXPECT_NE(e.find("family"), std::string::npos) << e;
}

TEST_F(BadPart, ErasesNeedATimingThatExists) {
  const std::string e = error_for(
      std::string(kGood) + "commands:\n  - {op: 0xD7, kind: erase, size: 4096, time: erase_4kb}\n");
  EXPECT_NE(e.find("no timing named 'erase_4kb'"), std::string::npos) << e;
}

TEST_F(BadPart, OctalCommandsNeedAnOctalSection) {
  const std::string e =
      error_for(std::string(kGood) + "opi_commands:\n  - {op: 0xEE, kind: read, dummy: 20}\n");
  EXPECT_NE(e.find("BAD.yaml:13"), std::string::npos) << e;  // the entry, after 11 + 1 lines
  EXPECT_NE(e.find("'octal' section"), std::string::npos) << e;
}

TEST_F(BadPart, OctalRateIsStrDtrOrAny) {
  const std::string e =
      error_for(std::string(kGood) +
                "registers:\n  CR2: {bytes: 1, factory: 0, writable: 3, storage: volatile, "
                "address: 0}\noctal: {mode: \"CR2[1:0]\"}\nopi_commands:\n"
                "  - {op: 0xEE, kind: read, rate: ddr}\n");
  EXPECT_NE(e.find("opi_commands[0].rate"), std::string::npos) << e;
  EXPECT_NE(e.find("str, dtr or any"), std::string::npos) << e;
}

TEST_F(BadPart, OctalModeMustNameARegisterField) {
  const std::string e = error_for(std::string(kGood) + "octal: {mode: \"CR9[1:0]\"}\n");
  EXPECT_NE(e.find("octal.mode"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown register 'CR9'"), std::string::npos) << e;
}

}  // namespace
}  // namespace xipsim::test
