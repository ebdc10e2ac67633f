// Loader tests: golden values are the record contents written out by hand (checksums computed
// by hand in the comments), never values taken from the loader.
#include <gtest/gtest.h>

#include <vector>

#include "test_support.h"
#include "xipsim/core/errors.h"
#include "xipsim/image/loaded_file.h"

using namespace xipsim;
using namespace xipsim::image;
using xipsim::test::write_temp;

namespace {
std::string load_error(const std::string& name, const std::string& content) {
  try {
    load_file(write_temp(name, content));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(IntelHex, DataRecordAndEof) {
  // Classic example record: 16 bytes at 0x0100, checksum 0x40.
  const auto f =
      load_file(write_temp("a.hex", ":10010000214601360121470136007EFE09D2190140\n:00000001FF\n"));
  EXPECT_EQ(f.format, Format::kIntelHex);
  ASSERT_EQ(f.segments.size(), 1u);
  EXPECT_EQ(f.segments[0].address, 0x100u);
  ASSERT_EQ(f.segments[0].data.size(), 16u);
  EXPECT_EQ(f.segments[0].data[0], 0x21);
  EXPECT_EQ(f.segments[0].data[15], 0x01);
}

TEST(IntelHex, ExtendedLinearAddressPlacesDataAndStartLinearGivesEntry) {
  // 04: upper 16 bits 0x6000: 02+00+00+04+60+00 = 0x66 -> checksum 0x9A
  // 00: 01 02 03 04 at 0x0000: 04+00+00+00+01+02+03+04 = 0x0E -> checksum 0xF2
  // 05: entry 0x60002101: 04+00+00+05+60+00+21+01 = 0x8B -> checksum 0x75
  const auto f = load_file(write_temp(
      "c.hex", ":0200000460009A\n:0400000001020304F2\n:040000056000210175\n:00000001FF\n"));
  ASSERT_TRUE(f.entry.has_value());
  EXPECT_EQ(*f.entry, 0x60002101u);
  ASSERT_EQ(f.segments.size(), 1u);
  EXPECT_EQ(f.segments[0].address, 0x60000000u);
  EXPECT_EQ(f.segments[0].data, (std::vector<std::uint8_t>{1, 2, 3, 4}));
}

TEST(IntelHex, BadChecksumNamesFileAndLine) {
  const std::string msg = load_error("bad.hex", ":0400000001020304F2\n:0400000001020304F3\n");
  EXPECT_NE(msg.find("bad.hex:2:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("checksum"), std::string::npos) << msg;
  EXPECT_NE(msg.find("expected F2"), std::string::npos) << msg;
}

TEST(IntelHex, OverlappingRecordsNameBothRanges) {
  // Two records both covering 0x0002-0x0003.
  const std::string msg =
      load_error("ovl.hex", ":0400000001020304F2\n:0400020001020304F0\n:00000001FF\n");
  EXPECT_NE(msg.find("ovl.hex:2:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("0x00000002-0x00000005"), std::string::npos) << msg;
  EXPECT_NE(msg.find("0x00000000-0x00000003"), std::string::npos) << msg;
}

TEST(IntelHex, UnknownRecordTypeRejected) {
  // type 06: 00+00+00+06 = 0x06 -> cs 0xFA
  const std::string msg = load_error("t6.hex", ":00000006FA\n");
  EXPECT_NE(msg.find("unknown record type 06"), std::string::npos) << msg;
}

TEST(Srec, S1RecordAndS9) {
  // Classic S1 record (28 data bytes at 0x0000, checksum 0x26) and S9 entry 0x0000 (cs 0xFC).
  const auto f =
      load_file(write_temp("a.srec",
                           "S00F000068656C6C6F202020202000003C\n"
                           "S11F00007C0802A6900100049421FFF07C6C1B787C8C23783C6000003863000026\n"
                           "S9030000FC\n"));
  EXPECT_EQ(f.format, Format::kSrec);
  ASSERT_EQ(f.segments.size(), 1u);
  EXPECT_EQ(f.segments[0].address, 0u);
  EXPECT_EQ(f.segments[0].data.size(), 28u);
  EXPECT_EQ(f.segments[0].data[0], 0x7C);
  ASSERT_TRUE(f.entry.has_value());
  EXPECT_EQ(*f.entry, 0u);
}

TEST(Srec, S3RecordAt32BitAddress) {
  // S3, count 9, address 0x60000000, DE AD BE EF: sum 0x3A1 -> checksum ~0xA1 = 0x5E
  const auto f = load_file(write_temp("b.srec", "S30960000000DEADBEEF5E\nS7056000210178\n"));
  ASSERT_EQ(f.segments.size(), 1u);
  EXPECT_EQ(f.segments[0].address, 0x60000000u);
  EXPECT_EQ(f.segments[0].data, (std::vector<std::uint8_t>{0xDE, 0xAD, 0xBE, 0xEF}));
  // S7 count 5 addr 0x60002101: 05+60+00+21+01 = 0x87 -> cs 0x78
}

TEST(Srec, BadChecksumNamesLine) {
  const std::string msg = load_error("bad.srec", "S30960000000DEADBEEF5F\n");
  EXPECT_NE(msg.find("bad.srec:1:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("expected 5E"), std::string::npos) << msg;
}

TEST(Elf, PtLoadPlacedByPhysicalAddress) {
  // Hand-built ELF32: header (52 B) + 2 program headers (2 x 32 B) + 8 data bytes at offset 116.
  std::vector<std::uint8_t> e(124, 0);
  const std::uint8_t ident[16] = {0x7F, 'E', 'L', 'F', 1, 1, 1};
  std::copy(ident, ident + 16, e.begin());
  auto p16 = [&](std::size_t o, std::uint16_t v) {
    e[o] = v & 0xFF;
    e[o + 1] = v >> 8;
  };
  p16(16, 2);   // ET_EXEC
  p16(18, 40);  // EM_ARM
  test::put32(e, 20, 1);
  test::put32(e, 24, 0x60002101);  // e_entry
  test::put32(e, 28, 52);          // e_phoff
  p16(40, 52);
  p16(42, 32);
  p16(44, 2);
  // PH0: PT_LOAD, offset 116, vaddr 0x20000000 (run address), paddr 0x60003000 (load address)
  test::put32(e, 52, 1);
  test::put32(e, 56, 116);
  test::put32(e, 60, 0x20000000);
  test::put32(e, 64, 0x60003000);
  test::put32(e, 68, 4);
  test::put32(e, 72, 8);
  // PH1: PT_LOAD, offset 120, paddr 0x60000000
  test::put32(e, 84, 1);
  test::put32(e, 88, 120);
  test::put32(e, 92, 0x60000000);
  test::put32(e, 96, 0x60000000);
  test::put32(e, 100, 4);
  test::put32(e, 104, 4);
  test::put32(e, 116, 0x11223344);
  test::put32(e, 120, 0x42464346);
  const auto f = load_file(write_temp("a.elf", e));
  EXPECT_EQ(f.format, Format::kElf);
  ASSERT_EQ(f.segments.size(), 2u);
  EXPECT_EQ(f.segments[0].address, 0x60000000u);
  EXPECT_EQ(f.segments[0].data[0], 0x46);  // 'F' of "FCFB"
  EXPECT_EQ(f.segments[1].address, 0x60003000u);
  EXPECT_EQ(f.segments[1].data[0], 0x44);
  EXPECT_EQ(*f.entry, 0x60002101u);
}

// MCUXpresso's RT1060 ITCM axf: `readelf -lS` shows one PT_LOAD from file offset 0 (paddr 0,
// 0x4114 bytes: the ELF header and padding, then .text at 0x2000, 0x2110 bytes, and .data at
// 0x4110, 4 bytes). The loader keeps what the sections hold, as `objcopy -O binary` does: 0x2114
// bytes from 0x2000, starting with the vector table (SP 0x0002_2000, reset 0x0000_2309).
TEST(Elf, PtLoadCutToItsSections) {
  const auto f = load_file(test::corpus_dir() +
                           "/mcubootutility/apps/NXP_MIMXRT1060-EVK_Rev.A1/"
                           "led_blinky_0x00002000_mcux.axf");
  ASSERT_EQ(f.segments.size(), 1u);
  EXPECT_EQ(f.segments[0].address, 0x2000u);
  ASSERT_EQ(f.segments[0].data.size(), 0x2114u);
  const std::vector<std::uint8_t> head(f.segments[0].data.begin(), f.segments[0].data.begin() + 8);
  EXPECT_EQ(head, (std::vector<std::uint8_t>{0x00, 0x20, 0x02, 0x00, 0x09, 0x23, 0x00, 0x00}));
}

TEST(Elf, Elf64Rejected) {
  std::vector<std::uint8_t> e(64, 0);
  const std::uint8_t ident[7] = {0x7F, 'E', 'L', 'F', 2, 1, 1};
  std::copy(ident, ident + 7, e.begin());
  try {
    load_file(write_temp("a64.elf", e));
    FAIL() << "ELF64 accepted";
  } catch (const InputError& err) {
    EXPECT_NE(std::string(err.what()).find("ELF64"), std::string::npos) << err.what();
  }
}

namespace {
std::vector<std::uint8_t> uf2_block(std::uint32_t addr, std::uint32_t blockno,
                                    std::uint32_t nblocks, std::uint8_t fill) {
  std::vector<std::uint8_t> b(512, 0);
  test::put32(b, 0, 0x0A324655);
  test::put32(b, 4, 0x9E5D5157);
  test::put32(b, 8, 0x00002000);  // family id present
  test::put32(b, 12, addr);
  test::put32(b, 16, 256);
  test::put32(b, 20, blockno);
  test::put32(b, 24, nblocks);
  test::put32(b, 28, 0x4FB2D5BD);  // MIMXRT10XX family id
  std::fill(b.begin() + 32, b.begin() + 32 + 256, fill);
  test::put32(b, 508, 0x0AB16F30);
  return b;
}
}  // namespace

TEST(Uf2, BlocksMergeAndFamilyRecorded) {
  auto a = uf2_block(0x60000000, 0, 2, 0xAA), b = uf2_block(0x60000100, 1, 2, 0xBB);
  a.insert(a.end(), b.begin(), b.end());
  const auto f = load_file(write_temp("a.uf2", a));
  EXPECT_EQ(f.format, Format::kUf2);
  ASSERT_EQ(f.segments.size(), 1u);
  EXPECT_EQ(f.segments[0].address, 0x60000000u);
  ASSERT_EQ(f.segments[0].data.size(), 512u);
  EXPECT_EQ(f.segments[0].data[255], 0xAA);
  EXPECT_EQ(f.segments[0].data[256], 0xBB);
  EXPECT_EQ(*f.uf2_family, 0x4FB2D5BDu);
}

TEST(Uf2, TruncatedFileRejected) {
  auto a = uf2_block(0x60000000, 0, 1, 0xAA);
  a.resize(300);
  const std::string msg = load_error("t.uf2", std::string(a.begin(), a.end()));
  EXPECT_NE(msg.find("not a multiple of 512"), std::string::npos) << msg;
}

TEST(Bin, RawBytesKeptWithoutAddress) {
  const auto f =
      load_file(write_temp("a.bin", std::vector<std::uint8_t>{0x46, 0x43, 0x46, 0x42, 0, 1}));
  EXPECT_EQ(f.format, Format::kBin);
  EXPECT_FALSE(f.has_addresses);
  EXPECT_EQ(f.segments[0].data.size(), 6u);
}

TEST(BadInput, EmptyAndMissingFiles) {
  EXPECT_NE(load_error("empty.bin", "").find("file is empty"), std::string::npos);
  try {
    load_file("/nonexistent/xipsim/none.bin");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/xipsim/none.bin: cannot open"),
              std::string::npos)
        << e.what();
  }
}
