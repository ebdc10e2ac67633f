// Decoder tests; expected values come from boot-reference.md worked examples or hand encoding.
#include <gtest/gtest.h>

#include "test_support.h"
#include "xipsim/flexspi/lut.h"
#include "xipsim/image/containers.h"
#include "xipsim/image/fcb.h"
#include "xipsim/image/hab.h"

using namespace xipsim::image;
using xipsim::flexspi::decode_lut_instr;

TEST(Lut, WorkedExampleFromReference) {
  // boot-reference §3.1: 0x0A1804EB = CMD_SDR 1 pad 0xEB + RADDR_SDR 4 pads 24 bits
  const LutSequence s = decode_lut_sequence({0x0A1804EB, 0, 0, 0});
  EXPECT_EQ(s[0].name(), "CMD_SDR");
  EXPECT_EQ(s[0].pads(), 1u);
  EXPECT_EQ(s[0].operand, 0xEB);
  EXPECT_EQ(s[1].name(), "RADDR_SDR");
  EXPECT_EQ(s[1].pads(), 4u);
  EXPECT_EQ(s[1].operand, 24);
  EXPECT_EQ(disassemble(s), "CMD_SDR 1pad 0xEB; RADDR_SDR 4pad 24; STOP");
}

TEST(Lut, TeensyContinuousReadSequence) {
  // boot-reference §3.2 example: 0x0A1804EB, 0x32041E20, 0x7C012604
  // 0x1E20 -> opcode 0x07 MODE8_SDR, pads 2 (4), 0x20; 0x3204 -> 0x0C DUMMY_SDR, 4 pads, 4;
  // 0x2604 -> 0x09 READ_SDR, 4 pads, 4; 0x7C01 -> 0x1F JMP_ON_CS, operand 1
  const LutSequence s = decode_lut_sequence({0x0A1804EB, 0x32041E20, 0x7C012604, 0});
  EXPECT_EQ(disassemble(s),
            "CMD_SDR 1pad 0xEB; RADDR_SDR 4pad 24; MODE8_SDR 4pad 0x20; DUMMY_SDR 4pad 4; READ_SDR "
            "4pad 4; "
            "JMP_ON_CS 1");
}

TEST(Lut, OctalDdrInstructions) {
  // 0x87EE: opcode 0x21 (CMD_DDR), pads 3 (8), operand 0xEE
  const LutInstr i = decode_lut_instr(0x87EE);
  EXPECT_EQ(i.name(), "CMD_DDR");
  EXPECT_TRUE(i.is_ddr());
  EXPECT_EQ(i.pads(), 8u);
}

TEST(Lut, UnknownOpcodeNamed) {
  const LutInstr i = decode_lut_instr(0x15 << 10);
  EXPECT_FALSE(i.known());
  EXPECT_EQ(i.name(), "UNKNOWN_0x15");
}

TEST(Fcb, FieldsAtTheirOffsets) {
  xipsim::test::FlashBuilder b(0x400);
  b.fcb(0, 1, 7, 0x800000, 0x0A1804EB, 0x26043206);
  b.bytes[0x1C8] = 1;  // ipcmdSerialClkFreq
  b.bytes[0x1CC] = 0;  // serialNorType
  xipsim::test::put32(b.bytes, 0x040, 0x10);
  const auto f = decode_fcb(b.bytes.data(), b.bytes.size());
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->version, 0x56010400u);
  EXPECT_EQ(f->read_sample_clk_src, 1);
  EXPECT_EQ(f->serial_clk_freq, 7);
  EXPECT_EQ(f->sflash_a1_size, 0x800000u);
  EXPECT_EQ(f->controller_misc_option, 0x10u);
  EXPECT_EQ(f->ipcmd_serial_clk_freq, 1);
  EXPECT_EQ(f->page_size, 256u);
  EXPECT_EQ(f->sector_size, 4096u);
  EXPECT_EQ(f->block_size, 65536u);
  EXPECT_EQ(disassemble(f->sequence(0)),
            "CMD_SDR 1pad 0xEB; RADDR_SDR 4pad 24; DUMMY_SDR 4pad 6; READ_SDR 4pad 4; STOP");
  EXPECT_FALSE(decode_fcb(b.bytes.data(), 511).has_value());  // truncated
}

TEST(Ivt, HeaderAndFields) {
  xipsim::test::FlashBuilder b(0x40);
  b.ivt(0, 0x60002000, 0x60001000, 0x60000000, 0x800000);
  ASSERT_TRUE(is_ivt(b.bytes.data(), b.bytes.size()));
  const Ivt v = decode_ivt(b.bytes.data());
  EXPECT_EQ(v.header.tag, 0xD1);
  EXPECT_EQ(v.header.length, 0x20);  // big-endian 00 20
  EXPECT_EQ(v.header.param, 0x41);
  EXPECT_EQ(v.entry, 0x60002000u);
  EXPECT_EQ(v.boot_data, 0x60001020u);
  const BootData bd = decode_boot_data(b.bytes.data() + 0x20);
  EXPECT_EQ(bd.start, 0x60000000u);
  EXPECT_EQ(bd.size, 0x800000u);
  b.bytes[3] = 0x30;  // version outside 0x40-0x4F
  EXPECT_FALSE(is_ivt(b.bytes.data(), b.bytes.size()));
}

TEST(Dcd, WriteCheckNop) {
  // D2 0020 41 | CC 000C 04 400FC068 FFFFFFFF | CF 000C 1C 402F003C 00000001 | C0 0004 00
  std::vector<std::uint8_t> d(32, 0);
  xipsim::test::put32be(d, 0, 0xD2002041);
  xipsim::test::put32be(d, 4, 0xCC000C04);
  xipsim::test::put32be(d, 8, 0x400FC068);
  xipsim::test::put32be(d, 12, 0xFFFFFFFF);
  xipsim::test::put32be(d, 16, 0xCF000C1C);
  xipsim::test::put32be(d, 20, 0x402F003C);
  xipsim::test::put32be(d, 24, 0x00000001);
  xipsim::test::put32be(d, 28, 0xC0000400);
  const Dcd dcd = decode_dcd(d.data(), d.size(), 0);
  EXPECT_TRUE(dcd.problems.empty());
  ASSERT_EQ(dcd.commands.size(), 3u);
  EXPECT_EQ(dcd.commands[0].name, "write");
  ASSERT_EQ(dcd.commands[0].writes.size(), 1u);
  EXPECT_EQ(dcd.commands[0].writes[0].address, 0x400FC068u);
  EXPECT_EQ(dcd.commands[1].check_kind, DcdCheckKind::kAnySet);
  EXPECT_FALSE(dcd.commands[1].check_count.has_value());
  EXPECT_EQ(dcd.commands[2].name, "nop");
}

TEST(Dcd, DisputedCheckEncodingFollowsSetting) {
  // 0x0C: spsdk reads all-set, imxrt-dcd reads any-clear (boot-reference §11 item 4)
  std::vector<std::uint8_t> d(16, 0);
  xipsim::test::put32be(d, 0, 0xD2001041);
  xipsim::test::put32be(d, 4, 0xCF000C0C);
  xipsim::test::put32be(d, 8, 0x402F003C);
  xipsim::test::put32be(d, 12, 0x00000003);
  EXPECT_EQ(decode_dcd(d.data(), d.size(), 0).commands[0].check_kind, DcdCheckKind::kAllSet);
  EXPECT_EQ(decode_dcd(d.data(), d.size(), 1).commands[0].check_kind, DcdCheckKind::kAnyClear);
}

TEST(Dcd, MalformedLengthReported) {
  std::vector<std::uint8_t> d(12, 0);
  xipsim::test::put32be(d, 0, 0xD2000C41);
  xipsim::test::put32be(d, 4, 0xCC00FF04);  // command length 0xFF beyond the DCD
  const Dcd dcd = decode_dcd(d.data(), d.size(), 0);
  ASSERT_FALSE(dcd.problems.empty());
  EXPECT_NE(dcd.problems[0].find("DCD+0x4"), std::string::npos) << dcd.problems[0];
}

TEST(Mcuboot, HeaderAndTlvs) {
  // 32-byte header: magic, load 0, hdr_size 0x20, protect 0, img_size 8, flags 0, v1.2.3+4
  // image (8 bytes), then TLV info 0x6907 total 4+4+32 = 40, one SHA256 TLV (type 0x10, len 32)
  std::vector<std::uint8_t> m(0x20 + 8 + 40, 0);
  xipsim::test::put32(m, 0, 0x96F3B83D);
  xipsim::test::put32(m, 8, 0x00000020);  // hdr_size 0x20, protect_tlv_size 0
  xipsim::test::put32(m, 12, 8);
  m[20] = 1;
  m[21] = 2;
  m[22] = 3;
  m[24] = 4;
  xipsim::test::put32(m, 0x28, 0x00286907);  // magic 0x6907, total 0x28
  xipsim::test::put32(m, 0x2C, 0x00200010);  // type 0x10, len 0x20
  const auto h = decode_mcuboot(m.data(), m.size());
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->hdr_size, 0x20);
  EXPECT_EQ(h->img_size, 8u);
  EXPECT_EQ(h->ver_minor, 2);
  ASSERT_EQ(h->tlvs.size(), 1u);
  EXPECT_EQ(h->tlvs[0].name, "SHA256");
  EXPECT_EQ(h->tlvs[0].length, 32);
}

TEST(Xmcd, HeaderFields) {
  // 0xC000000C: tag 0xC, version 0, interface 0 (FlexSPI RAM), instance 0, type 0, size 12
  std::vector<std::uint8_t> x(4);
  xipsim::test::put32(x, 0, 0xC000000C);
  const auto h = decode_xmcd_header(x.data(), 4);
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->block_size, 12u);
  EXPECT_EQ(h->interface, 0u);
  xipsim::test::put32(x, 0, 0x1000000C);
  EXPECT_FALSE(decode_xmcd_header(x.data(), 4).has_value());
}
