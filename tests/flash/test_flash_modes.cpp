// Addressing modes, continuous read, QPI, resets: the cases of flash-parts.md behaviours 5 and 6,
// each checked through frames only (plus the backdoor to place data).
#include <gtest/gtest.h>

#include "spi_host.h"

namespace xipsim::test {
namespace {

const ReadShape k03_24{0x03, 1, 24, 1, 0, 0, 0, 1};
const ReadShape k03_32{0x03, 1, 32, 1, 0, 0, 0, 1};
const ReadShape k13_32{0x13, 1, 32, 1, 0, 0, 0, 1};
using Bytes = std::vector<std::uint8_t>;

void low_and_high(SpiHost& h) {
  const std::uint8_t low[] = {0x10, 0x11}, high[] = {0x20, 0x21};
  h.device.array().write(0x0000'1000, low, 2);
  h.device.array().write(0x0100'1000, high, 2);
}

class LargePart : public ::testing::TestWithParam<const char*> {};

TEST_P(LargePart, ThreeByteReadAbove16MiBWrapsToTheBottom) {
  SpiHost h(GetParam());
  low_and_high(h);
  // A 24-bit RADDR cannot carry A24: address 0x0100_1000 arrives as 0x00_1000.
  EXPECT_EQ(h.read(k03_24, 0x0100'1000 & 0xFFFFFF, 2), (Bytes{0x10, 0x11}));
}

TEST_P(LargePart, FourByteOpcodeReachesTheTop) {
  SpiHost h(GetParam());
  low_and_high(h);
  EXPECT_EQ(h.read(k13_32, 0x0100'1000, 2), (Bytes{0x20, 0x21}));
  EXPECT_FALSE(h.device.four_byte());  // the dedicated opcode does not change the mode
}

TEST_P(LargePart, FourByteModeMakes03hTakeFourAddressBytes) {
  SpiHost h(GetParam());
  low_and_high(h);
  h.write_enable();  // MT25Q needs WREN before B7h (FR FEATURE_4BA_WREN); others ignore it
  h.command(0xB7);
  ASSERT_TRUE(h.device.four_byte());
  EXPECT_EQ(h.read(k03_32, 0x0100'1000, 2), (Bytes{0x20, 0x21}));
  // A ROM-style 24-bit 03h now misses the last address byte: the part reads 8 more address
  // bits from the idle (pulled-up) IO0, so it reads 0x00_1000_FF, and its data starts 8 cycles
  // after the host began sampling: the host's first byte is the idle bus.
  const std::uint8_t marker = 0x5C;
  h.device.array().write(0x0010'00FF, &marker, 1);
  EXPECT_EQ(h.read(k03_24, 0x00'1000, 2), (Bytes{0xFF, 0x5C}));
}

INSTANTIATE_TEST_SUITE_P(Parts, LargePart,
                         ::testing::Values("IS25LP256E", "MX25L25645G", "MT25QL256"),
                         [](const auto& p) { return std::string(p.param); });

TEST(Addressing, IssiBankRegisterSuppliesA24ForThreeByteReads) {
  SpiHost h("IS25LP256E");
  low_and_high(h);
  h.command(0x17, {0x01});  // BAR volatile write, no WREN (flash-parts.md IS25LP256E)
  EXPECT_EQ(h.read(k03_24, 0x00'1000, 2), (Bytes{0x20, 0x21}));
  h.command(0x17, {0x80});  // EXTADD: 4-byte mode through the bank register
  EXPECT_TRUE(h.device.four_byte());
}

TEST(Addressing, MicronNonVolatileConfigSelectsFourByteAtPowerUp) {
  SpiHost h("MT25QL256");
  h.write_enable();
  h.command(0xB1, {0xFE, 0xFF});  // NVCR = FFFEh (LSB first): bit0 = 0 -> 4-byte at power-up
  h.wait_ready();
  EXPECT_FALSE(h.device.four_byte());  // takes effect at the next power-up
  h.device.power_off(h.now);
  h.device.power_on(h.now + 1'000'000);
  h.now += 2'000'000;
  EXPECT_TRUE(h.device.four_byte());
  EXPECT_EQ(h.query(0x70, 1)[0] & 0x81, 0x81);  // FSR: ready, 4-byte addressing
}

// --- continuous read ----------------------------------------------------------------------
struct Continuous {
  const char* part;
  std::uint8_t keep;  // a mode byte that keeps continuous mode (flash-parts.md behaviour 4)
  unsigned dummy_after_mode;
};

class ContinuousRead : public ::testing::TestWithParam<Continuous> {};

TEST_P(ContinuousRead, ModeBitsEnterAndLeaveIt) {
  const Continuous& c = GetParam();
  SpiHost h(c.part);
  h.write_enable();
  if (std::string(c.part).rfind("IS25", 0) == 0) {
    h.command(0x01, {0x40});  // ISSI QE = SR1 bit 6
  } else {
    h.command(0x31, {0x02});  // Winbond-style QE = SR2 bit 1
  }
  h.wait_ready();
  put_pattern(h.device, 0x2000);
  const ReadShape enter{0xEB, 1, 24, 4, 8, c.keep, c.dummy_after_mode, 4};
  EXPECT_EQ(h.read(enter, 0x2000, 2), (Bytes{0x12, 0x34}));
  EXPECT_TRUE(h.device.continuous_read());
  // Next window: no opcode, straight to the address.
  const ReadShape again{0, 0, 24, 4, 8, c.keep, c.dummy_after_mode, 4};
  EXPECT_EQ(h.read(again, 0x2002, 2), (Bytes{0x56, 0x78}));
  // A read with mode bits FFh returns its data and ends the mode.
  const ReadShape leave{0, 0, 24, 4, 8, 0xFF, c.dummy_after_mode, 4};
  EXPECT_EQ(h.read(leave, 0x2000, 2), (Bytes{0x12, 0x34}));
  EXPECT_FALSE(h.device.continuous_read());
  EXPECT_EQ(h.query(0x9F, 1)[0], h.device.part().jedec_id[0]);
}

TEST_P(ContinuousRead, SinglePadCommandsAreTakenAsAddressThenTheIdleBusEndsTheMode) {
  // F07: after a warm reset the ROM's first 1-pad command lands in continuous mode. The part
  // reads the first 6 cycles as address and cycles 7-8 as mode bits; IO1..IO3 are idle (pulled
  // up), so the mode bits are 1s and the part leaves the mode: the command is lost, the next
  // one works ("fails intermittently and then fixes itself", field-failures.md).
  const Continuous& c = GetParam();
  SpiHost h(c.part);
  h.device.set_register(std::string(c.part).rfind("IS25", 0) == 0 ? "SR1" : "SR2",
                        std::string(c.part).rfind("IS25", 0) == 0 ? 0x40 : 0x02);
  h.read({0xEB, 1, 24, 4, 8, c.keep, c.dummy_after_mode, 4}, 0, 1);
  ASSERT_TRUE(h.device.continuous_read());
  h.command(0x66);  // address bits, not a reset-enable
  EXPECT_FALSE(h.device.continuous_read());
  h.command(0x99);  // a 99h without an armed 66h: no reset
  for (const auto& e : h.device.notes())
    EXPECT_EQ(e.text.find("software reset"), std::string::npos) << e.text;
  const auto& id = h.device.part().jedec_id;
  EXPECT_EQ(h.query(0x9F, 3), (Bytes{id[0], id[1], id[2]}));
}

TEST(ContinuousRead, PulledDownIdleLinesKeepWinbondInTheMode) {
  // With IO0..IO3 pulled low instead, the mode bits of a 1-pad command read 0000 0000 or
  // 0000 0001 (M5-4 = 00): a Winbond part leaves the mode too. Only a board whose idle lines
  // produce M5-4 = 10 would keep it; the decision is the board's pulls, not a special case.
  SpiHost h("W25Q32JV");
  h.read({0xEB, 1, 24, 4, 8, 0x20, 4, 4}, 0, 1);
  ASSERT_TRUE(h.device.continuous_read());
  h.frame.set_pull_up(0x00);  // mode nibbles of 9Fh: IO0 = 1, IO1..3 = 0 -> 0x11, M5-4 = 01
  h.window([](FrameBuilder& b) { b.command(0x9F, 1).read(3, 1); });
  EXPECT_FALSE(h.device.continuous_read());
}

INSTANTIATE_TEST_SUITE_P(
    Parts, ContinuousRead,
    ::testing::Values(Continuous{"W25Q64JV-IM", 0x20, 4},  // M5-4 = 10 (PICO, TEENSY 0x20)
                      Continuous{"AT25SF128A", 0x20, 4},   // PICO MODE_CONTINUOUS_READ 0x20
                      Continuous{"GD25Q64C", 0xA0, 4},     // M5-4 = 10
                      Continuous{"IS25WP064A", 0xA0, 4},   // Axh (PICO is25lp080)
                      Continuous{"IS25LP064A", 0xA5, 4}),
    [](const auto& p) {
      std::string n = p.param.part;
      for (char& ch : n) {
        if (ch == '-') ch = '_';
      }
      return n;
    });

TEST(ContinuousRead, FcbStyleDummyLeavesTheBusIdleAndDoesNotEnterIt) {
  // NXP FCBs send DUMMY 6 without driving the mode byte: with pull-ups the part sees FFh.
  SpiHost h("W25Q32JV");
  put_pattern(h.device, 0);
  EXPECT_EQ(h.read({0xEB, 1, 24, 4, 0, 0, 6, 4}, 0, 2), (Bytes{0x12, 0x34}));
  EXPECT_FALSE(h.device.continuous_read());
}

TEST(ContinuousRead, WinbondModeA5DoesNotMatchM54) {
  SpiHost h("W25Q32JV");  // A5h = 1010 0101: M5-4 = 10 -> continuous; 0xF0: M5-4 = 11 -> not
  h.read({0xEB, 1, 24, 4, 8, 0xF0, 4, 4}, 0, 1);
  EXPECT_FALSE(h.device.continuous_read());
  h.read({0xEB, 1, 24, 4, 8, 0xA5, 4, 4}, 0, 1);
  EXPECT_TRUE(h.device.continuous_read());
}

TEST(ContinuousRead, MacronixNeedsComplementaryNibbles) {
  SpiHost h("MX25L25645G");
  h.write_enable();
  h.command(0x01, {0x40});
  h.wait_ready();
  h.read({0xEB, 1, 24, 4, 8, 0xA0, 4, 4}, 0, 1);
  EXPECT_FALSE(h.device.continuous_read());
  h.read({0xEB, 1, 24, 4, 8, 0xA5, 4, 4}, 0, 1);
  EXPECT_TRUE(h.device.continuous_read());
}

TEST(ContinuousRead, MicronXipConfirmationBit) {
  SpiHost h("MT25QL256");
  put_pattern(h.device, 0x100);
  h.write_enable();
  h.command(0x81, {0xF3});  // VCR bit 3 = 0: XIP enabled
  // EBh, 10 dummy: the host drives 0 on DQ0 in the first dummy cycle (confirmation bit 0).
  auto xip_read = [&](bool with_opcode, unsigned confirm) {
    std::size_t at = 0;
    h.window([&](FrameBuilder& b) {
      if (with_opcode) b.command(0xEB, 1);
      b.address(0x100, 24, 4);
      b.bits(confirm, 1, 1);
      b.dummy(9);
      at = b.read(2, 4);
    });
    Bytes out(2);
    capture_ideal(h.frame, at, 4, out.data(), 2);
    return out;
  };
  EXPECT_EQ(xip_read(true, 0), (Bytes{0x12, 0x34}));
  EXPECT_TRUE(h.device.continuous_read());
  EXPECT_EQ(xip_read(false, 1), (Bytes{0x12, 0x34}));  // bit 1: this read, then XIP ends
  EXPECT_FALSE(h.device.continuous_read());
}

// --- QPI ----------------------------------------------------------------------------------
TEST(Qpi, WinbondImEntersWith38hAndIgnoresSinglePadCommands) {
  SpiHost h("W25Q64JV-IM");
  h.write_enable();
  h.command(0x31, {0x02});
  h.wait_ready();
  h.command(0x38);
  ASSERT_TRUE(h.device.qpi());
  // 9Fh on IO0 only: the part reads nibbles 1001/1111 from IO0..3 (IO1..3 idle high)... an
  // opcode it does not know, so the bus stays idle.
  EXPECT_EQ(h.query(0x9F, 3), (Bytes{0xFF, 0xFF, 0xFF}));
  EXPECT_EQ(h.query(0x9F, 3, 4), (Bytes{0xEF, 0x70, 0x17}));
  // Default QPI read parameters: EBh with 2 cycles (mode), 0Bh with 2 (C0h P5-4 = 00).
  put_pattern(h.device, 0x40);
  EXPECT_EQ(h.read({0xEB, 4, 24, 4, 0, 0, 2, 4}, 0x40, 2), (Bytes{0x12, 0x34}));
  h.command(0xC0, {0x30}, 4);  // P5-4 = 11: 8 cycles
  EXPECT_EQ(h.read({0x0B, 4, 24, 4, 0, 0, 8, 4}, 0x40, 2), (Bytes{0x12, 0x34}));
  h.command(0xFF, {}, 4);
  EXPECT_FALSE(h.device.qpi());
  EXPECT_EQ(h.query(0x9F, 3), (Bytes{0xEF, 0x70, 0x17}));
}

TEST(Qpi, IssiEntersWith35hAndLeavesWithF5h) {
  SpiHost h("IS25WP064A");
  h.command(0x35);
  ASSERT_TRUE(h.device.qpi());
  EXPECT_EQ(h.query(0x05, 1)[0], 0xFF);  // 1-pad status read: ignored
  h.command(0xF5, {}, 4);
  EXPECT_FALSE(h.device.qpi());
}

TEST(Qpi, IqPartHasNoQpi) {
  SpiHost h("W25Q64JV-IQ");  // UF: EF40xx read caps have no 4-4-4
  h.command(0x38);
  EXPECT_FALSE(h.device.qpi());
}

// --- resets -------------------------------------------------------------------------------
TEST(Reset, WarmMcuResetKeepsQpiFourByteAndContinuousAPowerCycleClearsThem) {
  SpiHost h("MX25L25645G");
  put_pattern(h.device, 0);
  h.command(0xB7);  // 4-byte mode without WREN (FR)
  h.command(0x35);  // QPI
  ASSERT_TRUE(h.device.four_byte() && h.device.qpi());
  // A warm reset of the MCU sends nothing to the flash: the ROM's 1-pad 03h read fails.
  EXPECT_EQ(h.read03(0, 2), (Bytes{0xFF, 0xFF}));
  h.device.power_off(h.now);
  h.device.power_on(h.now + 1'000'000);
  h.now += 2'000'000;
  EXPECT_FALSE(h.device.four_byte() || h.device.qpi());
  EXPECT_EQ(h.read03(0, 2), (Bytes{0x12, 0x34}));
}

TEST(Reset, SoftResetMustBeSentInTheCurrentBusMode) {
  SpiHost h("IS25WP064A");
  h.command(0x35);
  h.command(0x66);
  h.command(0x99);  // 1-pad: not decoded in QPI
  EXPECT_TRUE(h.device.qpi());
  h.command(0x66, {}, 4);
  h.command(0x99, {}, 4);
  EXPECT_FALSE(h.device.qpi());
}

TEST(Reset, AnyOpcodeBetween66hAnd99hDisarmsTheReset) {
  SpiHost h("MX25L25645G");
  h.command(0xB7);
  h.command(0x66);
  h.status();
  h.command(0x99);
  EXPECT_TRUE(h.device.four_byte());
  h.command(0x66);
  h.command(0x99);
  EXPECT_FALSE(h.device.four_byte());
}

TEST(Reset, ResetPinLeavesContinuousMode) {
  SpiHost h("W25Q16JV");
  h.read({0xEB, 1, 24, 4, 8, 0x20, 4, 4}, 0, 1);
  ASSERT_TRUE(h.device.continuous_read());
  h.device.hardware_reset(h.now);
  EXPECT_FALSE(h.device.continuous_read());
  EXPECT_EQ(h.query(0x9F, 3), (Bytes{0xEF, 0x40, 0x15}));
}

TEST(Reset, VolatileDummySettingIsLostAtPowerCycleNonVolatileIsKept) {
  SpiHost h("IS25WP064A");
  h.write_enable();
  h.command(0x01, {0x40});
  h.wait_ready();
  put_pattern(h.device, 0);
  h.command(0xC0, {0x40});  // RR[6:3] = 8: EBh now needs 8 cycles (volatile)
  EXPECT_EQ(h.read({0xEB, 1, 24, 4, 0, 0, 8, 4}, 0, 2), (Bytes{0x12, 0x34}));
  EXPECT_EQ(h.read({0xEB, 1, 24, 4, 0, 0, 6, 4}, 0, 2), (Bytes{0xFF, 0x12}));  // 2 cycles early
  h.device.power_off(h.now);
  h.device.power_on(h.now + 1'000);
  h.now += 1'000'000;
  EXPECT_EQ(h.read({0xEB, 1, 24, 4, 0, 0, 6, 4}, 0, 2), (Bytes{0x12, 0x34}));
  h.command(0x65, {0x40});  // non-volatile
  h.wait_ready();
  h.device.power_off(h.now);
  h.device.power_on(h.now + 1'000);
  h.now += 1'000'000;
  EXPECT_EQ(h.read({0xEB, 1, 24, 4, 0, 0, 8, 4}, 0, 2), (Bytes{0x12, 0x34}));
}

TEST(PowerDown, OnlyReleaseIsDecoded) {
  SpiHost h("GD25Q64C");
  h.command(0xB9);
  EXPECT_EQ(h.query(0x9F, 3), (Bytes{0xFF, 0xFF, 0xFF}));
  h.command(0xAB);
  EXPECT_EQ(h.query(0x9F, 3), (Bytes{0xC8, 0x40, 0x17}));
}

}  // namespace
}  // namespace xipsim::test
