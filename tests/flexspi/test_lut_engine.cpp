// LUT engine: exact cycle counts and times of representative sequences (computed by hand in each
// test from boot-reference §3 and §4.1), address splitting, multi-sequence commands and the STS1
// error codes of §4.1.
#include <gtest/gtest.h>

#include <cstring>

#include "flexspi_rig.h"
#include "xipsim/flexspi/registers.h"

namespace xipsim::test {
namespace {

namespace reg = flexspi::reg;
namespace bits = flexspi::bits;

constexpr Picoseconds kT30 = 33333;  // 30 MHz root clock period, rounded to 1 ps

TEST(LutEngine, SpiRead03hTakesCommandAddressAndDataCyclesPlusCsSetupAndHold) {
  FlexspiRig rig;
  rig.configure(8 << 20);
  load_standard_lut(rig);
  std::uint8_t data[4];
  const Picoseconds t0 = rig.now();
  // Steps of the SDK flow before TRG: wait idle (1 read), CLRINSTRPTR (read+write), clear INTR,
  // IPCR0, IPTXFCR (read+write), IPRXFCR (read+write), IPCR1, IPCMD = 11 accesses.
  ASSERT_TRUE(rig.transfer(0x100, 11, false, data, 4).ok);
  const Picoseconds trg = t0 + 10 * 2 * rig.ctl().ahb_period();
  const SerialFrame& f = rig.ctl().last_frame();
  // CMD 8 cycles + RADDR 24 bits on 1 pad = 24 + READ 4 bytes on 1 pad = 32.
  EXPECT_EQ(f.size(), 8u + 24u + 32u);
  EXPECT_EQ(f.sclk_period_ps(), kT30);
  // FLSHA1CR1 reset 0x63: TCSS = 3, TCSH = 3 serial clocks.
  EXPECT_EQ(f.start_ps(), trg + 3 * kT30);
  EXPECT_EQ(rig.ctl().bus_free_at(), trg + (3 + 64 + 3) * kT30);
}

TEST(LutEngine, IpCommandDoneOnlyAtCsRise) {
  FlexspiRig rig;
  rig.configure(8 << 20);
  load_standard_lut(rig);
  rig.wr(reg::IPCR0, 0);
  rig.wr(reg::IPCR1, 11u << 16 | 4);
  const Picoseconds trg = rig.now();
  rig.wr(reg::IPCMD, 1);
  auto& c = rig.ctl();
  EXPECT_EQ(c.read_register(reg::INTR, trg + 70 * kT30 - 1) & bits::INTR_IPCMDDONE, 0u);
  EXPECT_EQ(c.read_register(reg::STS0, trg + 70 * kT30 - 1) & 3u, 0u);  // busy
  EXPECT_EQ(c.read_register(reg::INTR, trg + 70 * kT30) & bits::INTR_IPCMDDONE,
            bits::INTR_IPCMDDONE);
  EXPECT_EQ(c.read_register(reg::STS0, trg + 70 * kT30) & 3u, 3u);
}

TEST(LutEngine, QuadContinuousReadCyclesAndJumpOnCs) {
  // Teensy 4 FCB (boot-reference §3.2): EBh 1 pad, RADDR 24 on 4 pads, MODE8 0x20 on 4 pads,
  // DUMMY 4, READ on 4 pads, JMP_ON_CS 1.
  FlexspiRig rig("W25Q64JV-IQ", 100);
  rig.configure(8 << 20);
  // As the Teensy FCB asks: DQS-pad loopback (RXCLKSRC 1); prefetch on (AHBCR resets with it off).
  rig.wr(reg::MCR0, (rig.rd(reg::MCR0) & ~0x30u) | 1u << 4);
  rig.wr(reg::AHBCR, rig.rd(reg::AHBCR) | bits::AHBCR_PREFETCHEN);
  rig.load_lut(0, {0x0A1804EB, 0x32041E20, 0x7C012604});
  std::vector<std::uint8_t> pattern(0x2000);
  for (std::size_t i = 0; i < pattern.size(); ++i)
    pattern[i] = static_cast<std::uint8_t>(i * 7 + 3);
  rig.flash().array().write(0, pattern.data(), pattern.size());
  std::uint8_t out[16];
  ASSERT_TRUE(rig.ahb_read(0x100, out, 16).ok);
  // 256-byte prefetch: 8 + 6 + 2 + 4 + 512 = 532 cycles.
  EXPECT_EQ(rig.ctl().last_frame().size(), 532u);
  EXPECT_TRUE(rig.flash().continuous_read());  // mode bits 0x20 keep the part in XIP mode
  EXPECT_EQ(0, std::memcmp(out, &pattern[0x100], 16));
  ASSERT_TRUE(rig.ahb_read(0x1000, out, 16).ok);  // miss: resumes at instruction 1 (RADDR)
  EXPECT_EQ(rig.ctl().last_frame().size(), 6u + 2u + 4u + 512u);
  EXPECT_EQ(0, std::memcmp(out, &pattern[0x1000], 16));
  // CLRINSTRPTR sends the next AHB read through the whole sequence again.
  rig.wr(reg::FLSHA1CR2, bits::FLSHCR2_CLRINSTRPTR);
  rig.wr(reg::AHBCR, rig.rd(reg::AHBCR) | bits::AHBCR_CLRAHBRXBUF);
  ASSERT_TRUE(rig.ahb_read(0x1800, out, 16).ok);
  EXPECT_EQ(rig.ctl().last_frame().size(), 532u);
}

TEST(LutEngine, DdrOctalSequenceCountsHalfCycles) {
  // Corpus octal FCB read (RT1050/1060/1170): CMD_DDR 8pad EE, CMD_DDR 8pad 11, RADDR_DDR 32
  // bits on 8 pads, DUMMY_DDR 4, READ_DDR on 8 pads. Nothing on the port: lines read the pulls.
  FlexspiRig rig("W25Q64JV-IQ", 30);
  rig.board().attach(0, nullptr);
  rig.configure(8 << 20);
  rig.load_lut(0, {lut_word(instr(0x21, kPad8, 0xEE), instr(0x21, kPad8, 0x11)),
                   lut_word(instr(0x22, kPad8, 0x20), instr(0x2C, kPad8, 0x04)),
                   lut_word(instr(0x29, kPad8, 0x04))});
  std::uint8_t out[16];
  ASSERT_TRUE(rig.transfer(0, 0, false, out, 16).ok);
  const SerialFrame& f = rig.ctl().last_frame();
  // Half-cycle slots: 1 + 1 + 32/8 = 4 + 4 + 16 bytes on 8 pads = 16 -> 26 slots = 13 SCLK.
  ASSERT_EQ(f.size(), 26u);
  EXPECT_EQ(f.sclk_period_ps(), 2 * kT30);  // DDR: SCLK = root / 2
  EXPECT_EQ(f[0].flags, kSlotDdr);
  EXPECT_EQ(f[1].flags, kSlotDdr | kSlotFalling);
  EXPECT_EQ(f[0].ctrl_value, 0xEE);
  EXPECT_EQ(f[1].ctrl_value, 0x11);
  for (std::uint8_t b : out)
    EXPECT_EQ(b, 0xFF);  // pulled-up lines, nobody drives
}

TEST(LutEngine, ColumnAddressAndWordAddressingSplitTheAddress) {
  // HyperFlash-style read (corpus RT1050 FCB): CMD_DDR A0, RADDR_DDR 24, CADDR_DDR 16 with
  // FLSHA1CR1.CAS = 3 and WA = 1. Byte address 0x1234 -> word 0x91A -> row 0x123, column 0x2.
  FlexspiRig rig;
  rig.board().attach(0, nullptr);
  rig.configure(8 << 20);
  rig.wr(reg::MCR0, rig.rd(reg::MCR0) | bits::MCR0_MDIS);
  rig.wr(reg::FLSHA1CR1, 0x63 | 3u << 11 | 1u << 10);
  rig.wr(reg::MCR0, rig.rd(reg::MCR0) & ~bits::MCR0_MDIS);
  rig.load_lut(0, {0x8B1887A0, 0xB30C8F10, 0x0000A704});
  std::uint8_t out[4];
  ASSERT_TRUE(rig.transfer(0x1234, 0, false, out, 4).ok);
  const SerialFrame& f = rig.ctl().last_frame();
  ASSERT_GE(f.size(), 6u);
  EXPECT_EQ(f[0].ctrl_value, 0xA0);
  EXPECT_EQ(f[1].ctrl_value, 0x00);  // row 0x000123, MSB first, 8 bits per edge
  EXPECT_EQ(f[2].ctrl_value, 0x01);
  EXPECT_EQ(f[3].ctrl_value, 0x23);
  EXPECT_EQ(f[4].ctrl_value, 0x00);  // column 0x0002
  EXPECT_EQ(f[5].ctrl_value, 0x02);
  EXPECT_EQ(f.size(), 1u + 3u + 2u + 12u + 4u);
}

TEST(LutEngine, SequenceNumberRunsConsecutiveSequencesInSeparateWindows) {
  FlexspiRig rig;
  rig.configure(8 << 20);
  load_standard_lut(rig);
  rig.load_lut(4, {lut_word(instr(0x01, kPad1, 0x05), instr(0x09, kPad1, 4))});  // RDSR
  std::uint8_t status = 0;
  const std::uint64_t frames = rig.flash().frames_consumed();
  // ISEQID 3 (WREN), ISEQNUM 1 -> sequences 3 and 4: the status read sees WEL (bit 1) set.
  ASSERT_TRUE(rig.transfer(0, 3, false, &status, 1, 2).ok);
  EXPECT_EQ(rig.flash().frames_consumed(), frames + 2);
  EXPECT_EQ(status & 0x03, 0x02);
}

TEST(LutEngine, HalfSpeedAndSerialClockDividerStretchSclk) {
  FlexspiRig rig;
  rig.configure(8 << 20);
  load_standard_lut(rig);
  std::uint8_t id[3];
  rig.wr(reg::MCR0, rig.rd(reg::MCR0) | bits::MCR0_HSEN);
  ASSERT_TRUE(rig.transfer(0, 10, false, id, 3).ok);
  EXPECT_EQ(rig.ctl().last_frame().sclk_period_ps(), 2 * kT30);
  rig.wr(reg::MCR0, (rig.rd(reg::MCR0) & ~bits::MCR0_HSEN) | 2u << 8);  // SERCLKDIV = /3
  ASSERT_TRUE(rig.transfer(0, 10, false, id, 3).ok);
  EXPECT_EQ(rig.ctl().last_frame().sclk_period_ps(), 3 * kT30);
  EXPECT_EQ(id[0], 0xEF);  // still reads the Winbond ID: EF 40 17
}

TEST(LutEngine, CsIntervalSeparatesWindows) {
  FlexspiRig rig;
  rig.configure(8 << 20);
  rig.wr(reg::MCR0, rig.rd(reg::MCR0) | bits::MCR0_MDIS);
  rig.wr(reg::FLSHA1CR1, 0x63 | 100u << 16);  // CSINTERVAL 100 serial clocks
  rig.wr(reg::MCR0, rig.rd(reg::MCR0) & ~bits::MCR0_MDIS);
  load_standard_lut(rig);
  rig.wr(reg::IPCR1, 3u << 16);
  rig.wr(reg::IPCMD, 1);  // WREN: 8 cycles
  const Picoseconds first_start = rig.ctl().last_frame().start_ps();
  const std::uint64_t frames = rig.flash().frames_consumed();
  rig.wr(reg::IPCMD, 1);  // the first command is still running: this trigger is ignored
  EXPECT_EQ(rig.flash().frames_consumed(), frames);
  rig.advance_to(first_start + (8 + 3) * kT30);  // CS rise of the first window
  rig.wr(reg::IPCMD, 1);
  // The next CS fall waits CSINTERVAL 100T after CS rise, then TCSS 3T.
  EXPECT_EQ(rig.ctl().last_frame().start_ps(), first_start + (8 + 3 + 100 + 3) * kT30);
}

struct ErrorCase {
  const char* what;
  std::vector<std::uint32_t> lut;  // sequence 6
  std::uint32_t address;
  std::uint32_t size;
  std::uint8_t code;  // STS1 IPCMDERRCODE, boot-reference §4.1
};

class LutErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(LutErrors, CommandIsRefusedWithTheStatusCode) {
  const ErrorCase& c = GetParam();
  FlexspiRig rig;
  rig.configure(8 << 20);
  rig.load_lut(6, c.lut);
  const std::uint64_t frames = rig.flash().frames_consumed();
  rig.wr(reg::IPCR0, c.address);
  rig.wr(reg::IPCR1, 6u << 16 | c.size);
  rig.wr(reg::IPCMD, 1);
  const std::uint32_t intr = rig.rd(reg::INTR);
  EXPECT_TRUE(intr & bits::INTR_IPCMDERR) << c.what;
  EXPECT_TRUE(intr & bits::INTR_IPCMDDONE) << c.what;
  const std::uint32_t sts1 = rig.rd(reg::STS1);
  EXPECT_EQ(sts1 >> 24 & 0xF, c.code) << c.what;
  EXPECT_EQ(sts1 >> 16 & 0xF, 6u) << c.what;  // IPCMDERRID
  EXPECT_EQ(rig.flash().frames_consumed(), frames) << "an erroneous command is not executed";
}

INSTANTIATE_TEST_SUITE_P(
    Sts1, LutErrors,
    ::testing::Values(ErrorCase{"JMP_ON_CS in an IP command",
                                {lut_word(instr(0x01, kPad1, 0x06), instr(0x1F, 0, 1))},
                                0,
                                0,
                                0x2},
                      ErrorCase{
                          "unknown opcode 0x10", {lut_word(instr(0x10, kPad1, 0x06))}, 0, 0, 0x3},
                      ErrorCase{"DUMMY_SDR in a DDR sequence",
                                {lut_word(instr(0x21, kPad8, 0xEE), instr(0x0C, kPad8, 4))},
                                0,
                                0,
                                0x4},
                      ErrorCase{"DUMMY_DDR in an SDR sequence",
                                {lut_word(instr(0x01, kPad1, 0xEB), instr(0x2C, kPad4, 4))},
                                0,
                                0,
                                0x5},
                      ErrorCase{"address beyond the flash sizes",
                                {lut_word(instr(0x01, kPad1, 0x03))},
                                8u << 20,
                                4,
                                0x6},
                      ErrorCase{"crosses the A1 boundary",
                                {lut_word(instr(0x01, kPad1, 0x03))},
                                (8u << 20) - 2,
                                4,
                                0xF}));

TEST(LutEngine, AhbWriteSequenceWithJumpOnCsIsAnAhbCommandError) {
  FlexspiRig rig;
  rig.configure(8 << 20);
  rig.load_lut(9, {lut_word(instr(0x01, kPad1, 0x02), instr(0x1F, 0, 0))});
  rig.wr(reg::FLSHA1CR2, 9u << 8);  // AWRSEQID 9
  const std::uint8_t data[4] = {1, 2, 3, 4};
  const flexspi::AhbResponse r = rig.ctl().ahb_write(0, data, 4, 0, rig.now());
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(rig.rd(reg::INTR) & bits::INTR_AHBCMDERR);
  EXPECT_EQ(rig.rd(reg::STS1) >> 8 & 0xF, 0x2u);
  EXPECT_EQ(rig.rd(reg::STS1) & 0xF, 9u);
}

}  // namespace
}  // namespace xipsim::test
