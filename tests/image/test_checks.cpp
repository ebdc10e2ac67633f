// Checks on synthetic images built byte by byte; each test sets one thing wrong (or right).
#include <gtest/gtest.h>

#include "test_support.h"

using namespace xipsim::test;

namespace {
// A good RT1060 XIP image: FCB at 0 (DQS-pad loopback, index 7 = 120 MHz, 8 MiB, quad read EBh with
// 6 dummy cycles), IVT at 0x1000, vector table at 0x2000 (SP top of DTCM, reset 0x6000_2101).
FlashBuilder good_rt1060() {
  FlashBuilder b;
  b.fcb(0, 1, 7, 0x800000, 0x0A1804EB, 0x26043206);
  b.ivt(0x1000, 0x60002000, 0x60001000, 0x60000000, 0x3000);
  b.vectors(0x2000, 0x20020000, 0x60002101);
  return b;
}
}  // namespace

TEST(Checks, GoodImageHasNoErrors) {
  const auto r = inspect_bytes(good_rt1060().bytes, "RT1060");
  for (const auto& f : r.findings)
    EXPECT_NE(f.severity, xipsim::image::Severity::kError) << f.id << ": " << f.message;
  ASSERT_TRUE(r.xip.has_value());
  EXPECT_TRUE(*r.xip);
  EXPECT_EQ(r.entry_kind, "vector table");
}

TEST(Checks, FcbAtOtherFamilyOffset) {
  FlashBuilder b = good_rt1060();
  std::copy(b.bytes.begin(), b.bytes.begin() + 512, b.bytes.begin() + 0x400);
  std::fill(b.bytes.begin(), b.bytes.begin() + 512, 0xFF);
  const auto r = inspect_bytes(b.bytes, "RT1060");
  ASSERT_TRUE(has_finding(r, "FCB-WRONG-OFFSET"));
  EXPECT_NE(finding_text(r, "FCB-WRONG-OFFSET").find("RT1010"), std::string::npos);
  EXPECT_NE(finding_text(r, "FCB-WRONG-OFFSET").find("RT1170"), std::string::npos);
}

TEST(Checks, MissingFcbDescribesVectorTable) {
  FlashBuilder b;
  b.vectors(0, 0x20020000, 0x6000269D);
  const auto r = inspect_bytes(b.bytes, "RT1060");
  EXPECT_NE(finding_text(r, "FCB-MISSING").find("vector table"), std::string::npos)
      << finding_text(r, "FCB-MISSING");
  EXPECT_TRUE(r.has_errors());
}

TEST(Checks, InternalLoopbackAbove60MHz) {
  FlashBuilder b = good_rt1060();
  b.bytes[0x0C] = 0;  // internal loopback at index 7 = 120 MHz on RT1060
  EXPECT_TRUE(has_finding(inspect_bytes(b.bytes, "RT1060"), "FCB-SAMPLE-CLK-LIMIT"));
  b.bytes[0x46] = 3;  // 60 MHz: within the limit
  EXPECT_FALSE(has_finding(inspect_bytes(b.bytes, "RT1060"), "FCB-SAMPLE-CLK-LIMIT"));
}

TEST(Checks, FlashDqsWithQuadPart) {
  FlashBuilder b = good_rt1060();
  b.bytes[0x0C] = 3;
  EXPECT_TRUE(has_finding(inspect_bytes(b.bytes, "RT1060"), "FCB-MODE3-QSPI"));
}

TEST(Checks, ThreeByteAddressOn32MiB) {
  FlashBuilder b = good_rt1060();
  put32(b.bytes, 0x50, 32u << 20);
  EXPECT_TRUE(has_finding(inspect_bytes(b.bytes, "RT1060"), "FCB-READ-3BYTE-LARGE"));
}

TEST(Checks, FourByteOpcodeWith24BitAddress) {
  FlashBuilder b = good_rt1060();
  put32(b.bytes, 0x80, 0x0A1804EC);  // ECh is the 4-byte quad I/O read
  EXPECT_TRUE(has_finding(inspect_bytes(b.bytes, "RT1060"), "FCB-READ-OPCODE-WIDTH"));
}

TEST(Checks, PortBOnly) {
  FlashBuilder b = good_rt1060();
  put32(b.bytes, 0x50, 0);
  put32(b.bytes, 0x58, 0x800000);
  const auto r = inspect_bytes(b.bytes, "RT1060");
  EXPECT_NE(finding_text(r, "FCB-A1-ZERO").find("port A1"), std::string::npos);
}

TEST(Checks, IvtSelfMismatch) {
  FlashBuilder b = good_rt1060();
  put32(b.bytes, 0x1014, 0x60000400);  // self (boot_data pointer stays 0x6000_1020)
  put32(b.bytes, 0x1010, 0x60000420);
  const auto r = inspect_bytes(b.bytes, "RT1060");
  EXPECT_TRUE(has_finding(r, "IVT-SELF")) << finding_text(r, "BD-MISSING");
}

TEST(Checks, NonXipIntoDtcmIsValid) {
  FlashBuilder b;
  b.fcb(0, 1, 7, 0x800000, 0x0A1804EB, 0x26043206);
  b.ivt(0x1000, 0x20002000, 0x20001000, 0x20000000, 0x3000);
  b.vectors(0x2000, 0x20020000, 0x20002101);
  const auto r = inspect_bytes(b.bytes, "RT1060");
  EXPECT_FALSE(r.has_errors());
  EXPECT_FALSE(*r.xip);
}

TEST(Checks, NonXipOverRomReservedOcram) {
  FlashBuilder b;
  b.fcb(0, 1, 7, 0x800000, 0x0A1804EB, 0x26043206);
  b.ivt(0x1000, 0x20202000, 0x20201000, 0x20200000, 0x3000);
  b.vectors(0x2000, 0x20020000, 0x20202101);
  EXPECT_TRUE(has_finding(inspect_bytes(b.bytes, "RT1060"), "BD-DEST-ROM-RESERVED"));
}

TEST(Checks, NonXipTooLargeForDtcm) {
  FlashBuilder b;
  b.fcb(0, 1, 7, 0x800000, 0x0A1804EB, 0x26043206);
  b.ivt(0x1000, 0x20002000, 0x20001000, 0x20000000, 0x30000);  // 192 KiB into 128 KiB DTCM
  b.vectors(0x2000, 0x20020000, 0x20002101);
  EXPECT_TRUE(has_finding(inspect_bytes(b.bytes, "RT1060"), "BD-DEST-TOO-SMALL"));
}

TEST(Checks, AbsurdBootDataSize) {
  FlashBuilder b = good_rt1060();
  put32(b.bytes, 0x1024, 0xFFFFFFFF);
  EXPECT_TRUE(has_finding(inspect_bytes(b.bytes, "RT1060"), "BD-SIZE"));
}

TEST(Checks, EntryOutsideImageButInTheWindowIsOnlyAWarning) {
  // 0x6080_0001 is past the image but inside the FlexSPI window: the ROM jumps there (the CPU
  // can execute from the window), so the boot goes on; what runs there is not the image.
  FlashBuilder b = good_rt1060();
  put32(b.bytes, 0x1004, 0x60800001);
  const auto r = inspect_bytes(b.bytes, "RT1060");
  EXPECT_EQ(severity_of(r, "IVT-ENTRY-OUTSIDE-IMAGE"), xipsim::image::Severity::kWarning);
  EXPECT_FALSE(r.has_errors());
}

TEST(Checks, EntryOutsideEveryExecutableMemoryIsAnError) {
  // 0x1000_0001 is neither the image, the FlexSPI window nor RAM of RT1060 (§1.2): the ROM
  // refuses to enter it.
  FlashBuilder b = good_rt1060();
  put32(b.bytes, 0x1004, 0x10000001);
  EXPECT_EQ(severity_of(inspect_bytes(b.bytes, "RT1060"), "IVT-ENTRY-OUTSIDE"),
            xipsim::image::Severity::kError);
}

TEST(Checks, DcdPointerWithoutDcd) {
  FlashBuilder b = good_rt1060();
  put32(b.bytes, 0x100C, 0x60001030);
  EXPECT_TRUE(has_finding(inspect_bytes(b.bytes, "RT1060"), "DCD-MISSING"));
}

TEST(Checks, DcdWriteOutsideAllowedRanges) {
  FlashBuilder b = good_rt1060();
  put32(b.bytes, 0x100C, 0x60001030);
  put32be(b.bytes, 0x1030, 0xD2001441);
  put32be(b.bytes, 0x1034, 0xCC000C04);
  put32be(b.bytes, 0x1038, 0x401BC000);  // not IOMUXC/CCM/SEMC
  put32be(b.bytes, 0x103C, 0x00000001);
  put32be(b.bytes, 0x1040, 0xC0000400);
  const auto r = inspect_bytes(b.bytes, "RT1060");
  EXPECT_TRUE(has_finding(r, "DCD-TARGET")) << finding_text(r, "DCD-MALFORMED");
  EXPECT_TRUE(has_finding(r, "DCD-PRESENT"));
}

TEST(Checks, CsfIntoBlankFlash) {
  FlashBuilder b = good_rt1060();
  put32(b.bytes, 0x1018, 0x60002F00);
  EXPECT_TRUE(has_finding(inspect_bytes(b.bytes, "RT1060"), "CSF-BLANK"));
}

TEST(Checks, McubootSlotImage) {
  std::vector<std::uint8_t> m(0x400, 0xFF);
  put32(m, 0, 0x96F3B83D);
  put32(m, 4, 0);
  put32(m, 8, 0x200);
  put32(m, 12, 0x100);
  const auto r = inspect_bytes(m, "RT1060");
  EXPECT_TRUE(has_finding(r, "MCUBOOT-SLOT-IMAGE"));
}

TEST(Checks, TruncatedFcbDoesNotCrash) {
  FlashBuilder b = good_rt1060();
  b.bytes.resize(0x100);
  const auto r = inspect_bytes(b.bytes, "RT1060");
  EXPECT_TRUE(has_finding(r, "FCB-TRUNCATED"));
  EXPECT_TRUE(has_finding(r, "IVT-MISSING"));
}

TEST(Checks, ChipInferredFromRt1064Window) {
  FlashBuilder b;
  b.fcb(0, 1, 7, 0x400000, 0x0A1804EB, 0x26043206);
  b.ivt(0x1000, 0x70002000, 0x70001000, 0x70000000, 0x3000);
  b.vectors(0x2000, 0x20020000, 0x70002101);
  const auto r = inspect_bytes(b.bytes, "", std::nullopt);
  EXPECT_EQ(r.chip, "RT1064");
  EXPECT_EQ(r.chip_candidates.size(), 1u);
  EXPECT_FALSE(r.has_errors());
}

TEST(Checks, RepeatedDcdTargetsAreOneFindingWithACount) {
  // Three 4-byte writes (WRT_DAT, length 4 + 3 x 8 = 0x1C) to 0x401B_C000.. (GPIO1, not in the
  // RT1060 DCD ranges of boot-reference §6.4): one finding, count 3, first and last address.
  FlashBuilder b = good_rt1060();
  put32(b.bytes, 0x100C, 0x60001030);
  put32be(b.bytes, 0x1030, 0xD2002041);  // DCD header, length 0x20
  put32be(b.bytes, 0x1034, 0xCC001C04);
  for (std::uint32_t i = 0; i < 3; ++i) {
    put32be(b.bytes, 0x1038 + 8 * i, 0x401BC000 + 4 * i);
    put32be(b.bytes, 0x103C + 8 * i, i);
  }
  const auto r = inspect_bytes(b.bytes, "RT1060");
  unsigned seen = 0;
  for (const auto& f : r.findings) {
    if (f.id != "DCD-TARGET") continue;
    ++seen;
    EXPECT_EQ(f.count, 3u);
    EXPECT_EQ(f.first_address, 0x401BC000u);
    EXPECT_EQ(f.last_address, 0x401BC008u);
  }
  EXPECT_EQ(seen, 1u);
}

TEST(Checks, AnImageForAnotherChipSaysSoFirst) {
  // The good RT1060 layout moved to the RT1170 window (0x3000_0000) and FCB offset (0x400).
  FlashBuilder b;
  b.fcb(0x400, 1, 7, 0x800000, 0x0A1804EB, 0x26043206);
  b.ivt(0x1000, 0x30002000, 0x30001000, 0x30000000, 0x3000);
  b.vectors(0x2000, 0x20020000, 0x30002101);
  const auto r = inspect_bytes(b.bytes, "RT1060");
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings.front().id, "CHIP-MISMATCH");
  EXPECT_NE(r.findings.front().message.find("RT1170"), std::string::npos)
      << r.findings.front().message;
  EXPECT_TRUE(r.has_errors());  // the RT1060 ROM finds no FCB at 0x000
  // Checked as its own chip it says nothing of the kind.
  EXPECT_FALSE(has_finding(inspect_bytes(b.bytes, "RT1170"), "CHIP-MISMATCH"));
}

TEST(Checks, McubootSlotInsideAMergedImageIsFound) {
  // A bootloader image with FCB/IVT at 0 and an MCUboot slot image merged at 0x2_0000
  // (0x6002_0000): header magic 0x96F3B83D, hdr_size 0x200, img_size 0x100, version 1.2.3+4.
  FlashBuilder b(0x21000);
  FlashBuilder g = good_rt1060();
  std::copy(g.bytes.begin(), g.bytes.end(), b.bytes.begin());
  put32(b.bytes, 0x20000, 0x96F3B83D);
  put32(b.bytes, 0x20004, 0);
  put32(b.bytes, 0x20008, 0x200);
  put32(b.bytes, 0x2000C, 0x100);
  put32(b.bytes, 0x20010, 0);
  put32(b.bytes, 0x20014, 0x00030201);  // major 1, minor 2, revision 3
  put32(b.bytes, 0x20018, 4);
  const auto r = inspect_bytes(b.bytes, "RT1060");
  ASSERT_EQ(r.mcuboot_slots.size(), 1u);
  EXPECT_EQ(r.mcuboot_slots[0].flash_offset, 0x20000u);
  EXPECT_NE(finding_text(r, "MCUBOOT-SLOT").find("0x6002_0000"), std::string::npos)
      << finding_text(r, "MCUBOOT-SLOT");
  EXPECT_NE(finding_text(r, "MCUBOOT-SLOT").find("1.2.3+4"), std::string::npos);
  EXPECT_FALSE(r.has_errors());
}
