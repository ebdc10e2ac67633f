// The MX25UM51345G octal part at the frame level: SPI at power-on, the switch to STR or DTR OPI
// by a CR2 write, opcode + inverse commands, 4-byte addresses, CR2 dummy cycles and the DQS it
// drives in DTR. Expected values come from the part's sources (Linux macronix.c ID C2 81 3A;
// CR2 0x0: 01h STR, 02h DTR; EEh/11h and ECh/13h reads with 20 dummy clocks at DC = 0; 05h/FAh
// status with a 4-byte address) and are worked out by hand in each test.
#include <gtest/gtest.h>

#include "spi_host.h"

namespace xipsim::test {
namespace {

// Bytes 0xD1 0x00 0x20 0x41 (an IVT header) at 0x1000.
void put_ivt_header(flash::NorDevice& d) {
  const std::uint8_t p[] = {0xD1, 0x00, 0x20, 0x41};
  d.array().write(0x1000, p, sizeof p);
}

struct OctalHost : SpiHost {
  OctalHost() : SpiHost("MX25UM51345G") {}
  // SPI: 06h, then 72h + 32-bit CR2 address + value (the SDK/Linux octal-enable sequence).
  void write_cr2_spi(std::uint32_t address, std::uint8_t value) {
    write_enable();
    command_addr(0x72, address, 32, {value});
  }
  // An OPI command: opcode and its inverse, an optional 4-byte address, in STR or DTR.
  void header(FrameBuilder& b, std::uint8_t op, bool dtr, const std::uint32_t* address) {
    b.set_ddr(dtr);
    b.command(op, 8);
    b.command(static_cast<std::uint8_t>(~op), 8);
    if (address) b.address(*address, 32, 8);
  }
  // An OPI read: header, `dummy_clocks` (two slots each in DTR), `count` bytes, ideal capture.
  std::vector<std::uint8_t> opi_read(std::uint8_t op, std::uint32_t address, unsigned dummy_clocks,
                                     std::size_t count, bool dtr) {
    std::size_t at = 0;
    window([&](FrameBuilder& b) {
      header(b, op, dtr, &address);
      b.dummy(dtr ? 2 * dummy_clocks : dummy_clocks);
      at = b.read(count, 8);
    });
    std::vector<std::uint8_t> out(count);
    capture_ideal(frame, at, 8, out.data(), count);
    last_read_slot = at;
    return out;
  }
  void opi_command(std::uint8_t op, bool dtr, const std::uint32_t* address = nullptr,
                   std::vector<std::uint8_t> data = {}) {
    window([&](FrameBuilder& b) {
      header(b, op, dtr, address);
      b.write(data.data(), data.size(), 8);
    });
  }
  std::size_t last_read_slot = 0;
};

TEST(Octal, PowersUpInSpiWithFourByteAddresses) {
  OctalHost h;
  EXPECT_FALSE(h.device.opi().has_value());
  EXPECT_EQ(h.query(0x9F, 3), (std::vector<std::uint8_t>{0xC2, 0x81, 0x3A}));
  put_ivt_header(h.device);
  // 13h (READ4B) with a 32-bit address, no dummy.
  EXPECT_EQ(h.read({0x13, 1, 32, 1, 0, 0, 0, 1}, 0x1000, 4),
            (std::vector<std::uint8_t>{0xD1, 0x00, 0x20, 0x41}));
  // 03h takes 4 address bytes too: a 24-bit address leaves the part waiting for 8 more bits, so
  // it sends the byte at 0x10_0000 + (first 8 read clocks as address) = not the IVT.
  EXPECT_NE(h.read03(0x001000, 4), (std::vector<std::uint8_t>{0xD1, 0x00, 0x20, 0x41}));
}

TEST(Octal, Cr2WriteSwitchesToDtrAndEeReadsWithTwentyDummyClocks) {
  OctalHost h;
  put_ivt_header(h.device);
  h.write_cr2_spi(0x00000000, 0x02);
  ASSERT_TRUE(h.device.opi().has_value());
  EXPECT_EQ(*h.device.opi(), flash::OpiRate::kDtr);
  // EEh 11h + address 0x1000 + 20 clocks (40 DDR slots, DUMMY_DDR 0x28) + 4 bytes.
  EXPECT_EQ(h.opi_read(0xEE, 0x1000, 20, 4, true),
            (std::vector<std::uint8_t>{0xD1, 0x00, 0x20, 0x41}));
  // The part drives DQS with its data: high with the rising-edge byte, low with the falling one.
  const FrameSlot& first = h.frame[h.last_read_slot];
  EXPECT_TRUE(first.flash_drive & line::kDqs);
  EXPECT_TRUE(first.flash_value & line::kDqs);
  EXPECT_FALSE(h.frame[h.last_read_slot + 1].flash_value & line::kDqs);
  // One dummy clock short: the controller samples from two edges before the part drives, so it
  // sees the pulled-up idle bus twice, then the first two bytes.
  EXPECT_EQ(h.opi_read(0xEE, 0x1000, 19, 4, true),
            (std::vector<std::uint8_t>{0xFF, 0xFF, 0xD1, 0x00}));
}

TEST(Octal, DtrPartIgnoresSpiCommandsAndSdrFrames) {
  OctalHost h;
  h.write_cr2_spi(0, 0x02);
  // The SPI ID read now means nothing: the part takes 9Fh on IO0..7 with a second byte that is
  // not 60h, and drives no data.
  const auto id = h.query(0x9F, 3);
  EXPECT_NE(id, (std::vector<std::uint8_t>{0xC2, 0x81, 0x3A}));
  ASSERT_FALSE(h.device.notes().empty());
  EXPECT_NE(h.device.notes().back().text.find("inverted"), std::string::npos);
  // An STR (SDR) EC/13 read to a DTR part: each byte is seen twice (EC EC), refused the same way.
  put_ivt_header(h.device);
  EXPECT_NE(h.opi_read(0xEC, 0x1000, 20, 4, false),
            (std::vector<std::uint8_t>{0xD1, 0x00, 0x20, 0x41}));
}

TEST(Octal, StrModeReadsWithEcAndRefusesTheDtrOpcode) {
  OctalHost h;
  put_ivt_header(h.device);
  h.write_cr2_spi(0, 0x01);
  EXPECT_EQ(*h.device.opi(), flash::OpiRate::kStr);
  EXPECT_EQ(h.opi_read(0xEC, 0x1000, 20, 4, false),
            (std::vector<std::uint8_t>{0xD1, 0x00, 0x20, 0x41}));
  // No DQS in STR (CR2_DQS is not modelled): the part drives IO0..7 only.
  EXPECT_FALSE(h.frame[h.last_read_slot].flash_drive & line::kDqs);
  h.opi_read(0xEE, 0x1000, 20, 4, false);
  EXPECT_NE(h.device.notes().back().text.find("DTR-only"), std::string::npos);
}

TEST(Octal, DummyCyclesFollowCr2Dc) {
  OctalHost h;
  put_ivt_header(h.device);
  // CR2 0x300 DC = 7 selects 6 dummy clocks (table 20, 18, ..., 6), then DTR.
  h.write_cr2_spi(0x00000300, 0x07);
  h.write_cr2_spi(0x00000000, 0x02);
  EXPECT_EQ(h.opi_read(0xEE, 0x1000, 6, 4, true),
            (std::vector<std::uint8_t>{0xD1, 0x00, 0x20, 0x41}));
}

TEST(Octal, DtrProgramStatusAndReset) {
  OctalHost h;
  h.write_cr2_spi(0, 0x02);
  // 06h F9h, then 12h EDh + address 0x2000 + 4 bytes.
  h.opi_command(0x06, true);
  const std::uint32_t at = 0x2000;
  h.opi_command(0x12, true, &at, {0xCA, 0xFE, 0xF0, 0x0D});
  ASSERT_TRUE(h.device.busy_at(h.now));
  // 05h FAh + 4-byte address + 4 dummy clocks: SR1 with WIP and WEL set (0x03), each byte held
  // for a whole clock (two DTR edges).
  EXPECT_EQ(h.opi_read(0x05, 0, 4, 2, true), (std::vector<std::uint8_t>{0x03, 0x03}));
  h.now += 1'000'000'000;  // 1 ms > 0.15 ms typical page program
  EXPECT_EQ(h.opi_read(0x05, 0, 4, 2, true), (std::vector<std::uint8_t>{0x00, 0x00}));
  EXPECT_EQ(h.opi_read(0xEE, 0x2000, 20, 4, true),
            (std::vector<std::uint8_t>{0xCA, 0xFE, 0xF0, 0x0D}));
  // 66h 99h in DTR: CR2 is volatile, so the part is back in SPI and answers 9Fh again.
  h.opi_command(0x66, true);
  h.opi_command(0x99, true);
  EXPECT_FALSE(h.device.opi().has_value());
  EXPECT_EQ(h.query(0x9F, 3), (std::vector<std::uint8_t>{0xC2, 0x81, 0x3A}));
}

TEST(Octal, PowerCycleReturnsToSpiAndWarmStateSurvivesOnlyWithoutIt) {
  OctalHost h;
  h.write_cr2_spi(0, 0x02);
  EXPECT_TRUE(h.device.opi().has_value());
  h.device.power_off(h.now);
  h.device.power_on(h.now + 1'000'000);
  h.now += 2'000'000;
  EXPECT_FALSE(h.device.opi().has_value());
}

TEST(Octal, Cr2WriteNeedsWriteEnable) {
  OctalHost h;
  h.command_addr(0x72, 0, 32, {0x02});  // no 06h first
  EXPECT_FALSE(h.device.opi().has_value());
  EXPECT_NE(h.device.notes().back().text.find("write enable"), std::string::npos);
}

}  // namespace
}  // namespace xipsim::test
