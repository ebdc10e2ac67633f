// Per part: JEDEC ID, every supported read at the part's dummy count and one cycle off either
// way, quad reads with QE clear, and SFDP parsed back by an independent parser.
//
// Expected values are written out from ../shared/docs/flash-parts.md (IDs, sizes, default dummy
// cycles, QE location and factory state) and by hand (shifted data), never from the part files.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "spi_host.h"

namespace xipsim::test {
namespace {

struct Read {
  std::uint8_t opcode;
  unsigned addr_pads, data_pads, dummy;  // dummy = all cycles between address and data
  unsigned addr_bits;
};

enum class Qe { kSr1Bit6, kSr2Bit1, kNone };

struct Facts {
  std::string part;
  std::vector<std::uint8_t> id;
  std::uint64_t size;
  std::uint32_t bfpt_density;  // flash-parts.md bfpt_density_values
  Qe qe;
  bool qe_set_at_power_on;
  std::vector<Read> reads;
  unsigned eb_wait, eb_mode;  // BFPT 1-4-4 setting
  int qer;                    // -1: JESD216 table without DWORD15
};

// 3-byte reads of a Winbond-style part: 0Bh/3Bh/6Bh 8 dummy, BBh mode byte (4 clk), EBh mode
// byte (2 clk) + 4 dummy (QEMU MAN_WINBOND, PICO).
const std::vector<Read> kWinbondReads = {{0x03, 1, 1, 0, 24}, {0x0B, 1, 1, 8, 24},
                                         {0x3B, 1, 2, 8, 24}, {0x6B, 1, 4, 8, 24},
                                         {0xBB, 2, 2, 4, 24}, {0xEB, 4, 4, 6, 24}};
// ISSI defaults: 0Bh/3Bh/6Bh 8, BBh 4, EBh 6 = 2 mode + 4 wait (UF is25_dfl_dc_table, QEMU).
const std::vector<Read> kIssiReads = kWinbondReads;
std::vector<Read> with(std::vector<Read> base, const std::vector<Read>& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}
// Dedicated 4-byte opcodes (flash-parts.md four_byte_opcodes), same dummy as their 3-byte twins.
const std::vector<Read> kIssi4b = {{0x13, 1, 1, 0, 32}, {0x0C, 1, 1, 8, 32}, {0x3C, 1, 2, 8, 32},
                                   {0x6C, 1, 4, 8, 32}, {0xBC, 2, 2, 4, 32}, {0xEC, 4, 4, 6, 32}};
// Micron: 10 dummy for EBh/ECh, 8 for the others (QEMU numonyx_extract_cfg_num_dummies).
const std::vector<Read> kMicronReads = {
    {0x03, 1, 1, 0, 24}, {0x0B, 1, 1, 8, 24},  {0x3B, 1, 2, 8, 24}, {0x6B, 1, 4, 8, 24},
    {0xBB, 2, 2, 8, 24}, {0xEB, 4, 4, 10, 24}, {0x13, 1, 1, 0, 32}, {0x0C, 1, 1, 8, 32},
    {0x6C, 1, 4, 8, 32}, {0xEC, 4, 4, 10, 32}};
// Macronix at CR[7:6] = 00: 0Bh/3Bh/6Bh 8, BBh 4, EBh 6 (UF mx25l12845g_dc_table, QEMU).
const std::vector<Read> kMacronixReads = with(kWinbondReads, kIssi4b);

// clang-format off
// part, 9Fh ID, size, BFPT density, QE, QE set at power-on, reads, EBh wait/mode, QER
const std::vector<Facts>& facts() {
  static const std::vector<Facts> f = {
      {"IS25WP064A",  {0x9D, 0x70, 0x17}, 8u << 20,  0x03FFFFFF, Qe::kSr1Bit6, false, kIssiReads, 4, 2, 2},
      {"IS25LP064A",  {0x9D, 0x60, 0x17}, 8u << 20,  0x03FFFFFF, Qe::kSr1Bit6, false, kIssiReads, 4, 2, 2},
      {"IS25WP128",   {0x9D, 0x70, 0x18}, 16u << 20, 0x07FFFFFF, Qe::kSr1Bit6, false, kIssiReads, 4, 2, 2},
      {"IS25LP256E",  {0x9D, 0x60, 0x19}, 32u << 20, 0x0FFFFFFF, Qe::kSr1Bit6, false, with(kIssiReads, kIssi4b), 4, 2, 2},
      {"W25Q16JV",    {0xEF, 0x40, 0x15}, 2u << 20,  0x00FFFFFF, Qe::kSr2Bit1, true,  kWinbondReads, 4, 2, 4},
      {"W25Q32JV",    {0xEF, 0x40, 0x16}, 4u << 20,  0x01FFFFFF, Qe::kSr2Bit1, true,  kWinbondReads, 4, 2, 4},
      {"W25Q64JV-IQ", {0xEF, 0x40, 0x17}, 8u << 20,  0x03FFFFFF, Qe::kSr2Bit1, true,  kWinbondReads, 4, 2, 4},
      {"W25Q64JV-IM", {0xEF, 0x70, 0x17}, 8u << 20,  0x03FFFFFF, Qe::kSr2Bit1, false, kWinbondReads, 4, 2, 4},
      {"AT25SF128A",  {0x1F, 0x89, 0x01}, 16u << 20, 0x07FFFFFF, Qe::kSr2Bit1, false, kWinbondReads, 4, 2, 4},
      {"MX25L25645G", {0xC2, 0x20, 0x19}, 32u << 20, 0x0FFFFFFF, Qe::kSr1Bit6, false, kMacronixReads, 4, 2, 2},
      {"GD25Q64C",    {0xC8, 0x40, 0x17}, 8u << 20,  0x03FFFFFF, Qe::kSr2Bit1, false, kWinbondReads, 4, 2, -1},
      {"MT25QL256",   {0x20, 0xBA, 0x19, 0x10, 0x44, 0x00}, 32u << 20, 0x0FFFFFFF, Qe::kNone, true, kMicronReads, 10, 0, 0},
  };
  return f;
}
// clang-format on

class PartTest : public ::testing::TestWithParam<Facts> {};

std::string name_of(const ::testing::TestParamInfo<Facts>& info) {
  std::string n = info.param.part;
  for (char& c : n) {
    if (c == '-') c = '_';
  }
  return n;
}

// Sets QE the vendor's way: SR1 bit 6 with a 1-byte 01h, or SR2 bit 1 with 31h.
void set_qe(SpiHost& h, Qe qe) {
  h.write_enable();
  if (qe == Qe::kSr1Bit6) h.command(0x01, {0x40});
  if (qe == Qe::kSr2Bit1) h.command(0x31, {0x02});
  h.wait_ready();
}

TEST_P(PartTest, JedecIdMatchesTheReference) {
  SpiHost h(GetParam().part);
  EXPECT_EQ(h.query(0x9F, GetParam().id.size()), GetParam().id);
  EXPECT_EQ(h.device.part().size_bytes, GetParam().size);
}

ReadShape shape(const Read& r, unsigned dummy) {
  return ReadShape{r.opcode, 1, r.addr_bits, r.addr_pads, 0, 0, dummy, r.data_pads};
}

// Hand-shifted copies of 12 34 56 78 9A: one cycle early the host first samples an undriven
// cycle (pull-ups: all ones), one cycle late it loses the first cycle's bits.
std::vector<std::uint8_t> expected(unsigned data_pads, int shift) {
  if (shift == 0) return {0x12, 0x34, 0x56, 0x78};
  if (data_pads == 1)
    return shift < 0 ? std::vector<std::uint8_t>{0x89, 0x1A, 0x2B, 0x3C}
                     : std::vector<std::uint8_t>{0x24, 0x68, 0xAC, 0xF1};
  if (data_pads == 2)
    return shift < 0 ? std::vector<std::uint8_t>{0xC4, 0x8D, 0x15, 0x9E}
                     : std::vector<std::uint8_t>{0x48, 0xD1, 0x59, 0xE2};
  return shift < 0 ? std::vector<std::uint8_t>{0xF1, 0x23, 0x45, 0x67}
                   : std::vector<std::uint8_t>{0x23, 0x45, 0x67, 0x89};
}

TEST_P(PartTest, EveryReadAtTheRightDummyCountAndOneOff) {
  const Facts& f = GetParam();
  SpiHost h(f.part);
  if (f.qe == Qe::kSr1Bit6 || (f.qe == Qe::kSr2Bit1 && !f.qe_set_at_power_on)) set_qe(h, f.qe);
  for (const Read& r : f.reads) {
    const std::uint32_t a = r.addr_bits == 32 ? 0x0180'1000u : 0x0000'1000u;
    put_pattern(h.device, a);
    for (int shift : {-1, 0, 1}) {
      if (r.dummy == 0 && shift < 0) continue;
      const auto got =
          h.read(shape(r, static_cast<unsigned>(static_cast<int>(r.dummy) + shift)), a, 4);
      EXPECT_EQ(got, expected(r.data_pads, shift))
          << f.part << " opcode 0x" << std::hex << int(r.opcode) << " dummy " << std::dec
          << r.dummy + shift;
    }
  }
}

TEST_P(PartTest, TheTestCoversEverySpiReadThePartDeclares) {
  const Facts& f = GetParam();
  SpiHost h(f.part);
  for (const auto& c : h.device.part().commands) {
    if (c.kind != flash::CommandKind::kRead || c.cmd_pads != 1) continue;
    bool listed = false;
    for (const Read& r : f.reads)
      listed = listed || r.opcode == c.opcode;
    EXPECT_TRUE(listed) << f.part << " declares read 0x" << std::hex << int(c.opcode)
                        << " that this test does not check";
  }
}

TEST_P(PartTest, QuadReadWithQeClearReturnsTheIdleBus) {
  const Facts& f = GetParam();
  SpiHost h(f.part);
  put_pattern(h.device, 0x1000);
  if (f.qe == Qe::kNone) {
    // Micron: no QE bit, quad selected by opcode (BFPT QER 000): EBh works at power-on with its
    // 10 dummy cycles.
    EXPECT_EQ(h.read({0xEB, 1, 24, 4, 0, 0, 10, 4}, 0x1000, 4), expected(4, 0));
    return;
  }
  const ReadShape eb{0xEB, 1, 24, 4, 0, 0, 6, 4};
  if (f.qe_set_at_power_on) {
    // -IQ parts: QE is fixed to 1, and a write of 0 to SR2 does not clear it.
    h.write_enable();
    h.command(0x31, {0x00});
    h.wait_ready();
    EXPECT_EQ(h.read(eb, 0x1000, 4), expected(4, 0));
    return;
  }
  EXPECT_EQ(h.read(eb, 0x1000, 4), (std::vector<std::uint8_t>{0xFF, 0xFF, 0xFF, 0xFF}));
  const ReadShape qor{0x6B, 1, 24, 1, 0, 0, 8, 4};
  EXPECT_EQ(h.read(qor, 0x1000, 2), (std::vector<std::uint8_t>{0xFF, 0xFF}));
  set_qe(h, f.qe);
  EXPECT_EQ(h.read(eb, 0x1000, 4), expected(4, 0));
}

TEST(QuadEnable, Sr1Bit6WriteOnWinbondSetsSecAndLeavesQuadReadsOff) {
  // flash-parts.md behaviour 1: the RT1062/1064 mflash drivers write 0x40 to SR1 whatever the
  // vendor; on Winbond that is SEC, and QE (SR2 bit 1) stays clear.
  SpiHost h("W25Q64JV-IM");
  put_pattern(h.device, 0x1000);
  h.write_enable();
  h.command(0x01, {0x40});
  h.wait_ready();
  EXPECT_EQ(h.status() & 0x40, 0x40);
  EXPECT_EQ(h.query(0x35, 1)[0] & 0x02, 0);
  EXPECT_EQ(h.read({0xEB, 1, 24, 4, 0, 0, 6, 4}, 0x1000, 2),
            (std::vector<std::uint8_t>{0xFF, 0xFF}));
}

// --- SFDP, parsed here independently of flash_models/src/sfdp.cpp --------------------------
struct ParsedSfdp {
  bool signature = false;
  std::uint32_t density = 0;
  unsigned eb_opcode = 0, eb_wait = 0, eb_mode = 0;
  unsigned qor_opcode = 0, qor_wait = 0;
  int qer = -1;
  std::vector<std::pair<unsigned, unsigned>> erase;  // (size, opcode)
};

std::uint32_t le32(const std::vector<std::uint8_t>& b, std::size_t at) {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) |
         (static_cast<std::uint32_t>(b[at + 3]) << 24);
}

ParsedSfdp parse_sfdp(const std::vector<std::uint8_t>& b) {
  ParsedSfdp p;
  p.signature = b[0] == 'S' && b[1] == 'F' && b[2] == 'D' && b[3] == 'P';
  const unsigned headers = b[6] + 1u;
  for (unsigned h = 0; h < headers; ++h) {
    const std::size_t at = 8 + 8 * h;
    if (b[at] != 0x00 || b[at + 7] != 0xFF) continue;  // BFPT: ID 0xFF00
    const unsigned dwords = b[at + 3];
    const std::size_t ptr = b[at + 4] | (b[at + 5] << 8) | (b[at + 6] << 16);
    auto dw = [&](unsigned n) { return le32(b, ptr + 4 * (n - 1)); };  // 1-based like JESD216
    p.density = dw(2);
    p.eb_wait = dw(3) & 0x1F;
    p.eb_mode = (dw(3) >> 5) & 7;
    p.eb_opcode = (dw(3) >> 8) & 0xFF;
    p.qor_wait = (dw(3) >> 16) & 0x1F;
    p.qor_opcode = dw(3) >> 24;
    for (unsigned i = 0; i < 4; ++i) {
      const std::uint32_t half = (dw(8 + i / 2) >> (16 * (i % 2))) & 0xFFFF;
      if ((half & 0xFF) != 0) p.erase.emplace_back(1u << (half & 0xFF), half >> 8);
    }
    if (dwords >= 15) p.qer = static_cast<int>((dw(15) >> 20) & 7);
  }
  return p;
}

TEST_P(PartTest, SfdpReadWith5AhParsesToTheReferenceValues) {
  const Facts& f = GetParam();
  SpiHost h(f.part);
  const auto bytes = h.read({0x5A, 1, 24, 1, 0, 0, 8, 1}, 0, 256);
  const ParsedSfdp p = parse_sfdp(bytes);
  ASSERT_TRUE(p.signature);
  EXPECT_EQ(p.density, f.bfpt_density);
  EXPECT_EQ(p.eb_opcode, 0xEBu);
  EXPECT_EQ(p.eb_wait, f.eb_wait);
  EXPECT_EQ(p.eb_mode, f.eb_mode);
  EXPECT_EQ(p.qor_opcode, 0x6Bu);
  EXPECT_EQ(p.qor_wait, 8u);
  EXPECT_EQ(p.qer, f.qer);
  // Every part has 4 KiB 20h, 32 KiB 52h and 64 KiB D8h erases (flash-parts.md erase lines).
  const std::vector<std::pair<unsigned, unsigned>> erases = {
      {4096, 0x20}, {32768, 0x52}, {65536, 0xD8}};
  EXPECT_EQ(p.erase, erases);
}

INSTANTIATE_TEST_SUITE_P(Parts, PartTest, ::testing::ValuesIn(facts()), name_of);

TEST(Sfdp, Is25lp256BfptClaimsThreeByteOnly) {
  // L-issi is25lp256_post_bfpt_fixups: the part's BFPT DWORD1[18:17] says 3-byte only.
  SpiHost h("IS25LP256E");
  const auto b = h.read({0x5A, 1, 24, 1, 0, 0, 8, 1}, 0, 128);
  const std::size_t ptr = b[12] | (b[13] << 8) | (b[14] << 16);
  EXPECT_EQ((le32(b, ptr) >> 17) & 3, 0u);
  SpiHost mx("MX25L25645G");
  const auto m = mx.read({0x5A, 1, 24, 1, 0, 0, 8, 1}, 0, 128);
  const std::size_t mptr = m[12] | (m[13] << 8) | (m[14] << 16);
  EXPECT_EQ((le32(m, mptr) >> 17) & 3, 1u);  // 3- or 4-byte
}

TEST(Sfdp, ReadWithoutTheEightDummyCyclesIsShifted) {
  SpiHost h("W25Q32JV");
  const auto b = h.read({0x5A, 1, 24, 1, 0, 0, 0, 1}, 0, 4);
  EXPECT_NE(b[0], 'S');  // the first eight bits are the undriven bus
  EXPECT_EQ(b[0], 0xFF);
  EXPECT_EQ(b[1], 'S');
}

}  // namespace
}  // namespace xipsim::test
