// The MCU bootloader framing against serial-protocols.md §1b: CRC-16/XMODEM's check value, the
// ping response bytes for P1.2.0 as the document gives them, frames decoded byte by byte, and
// garbage, a bad CRC and an oversized length refused with a reason.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "xipsim/serial/mboot_frame.h"

namespace xipsim::test {
namespace {

using serial::MbootDecoder;
using serial::MbootPacket;
using Bytes = std::vector<std::uint8_t>;

std::vector<MbootPacket> decode(const Bytes& bytes) {
  MbootDecoder d;
  std::vector<MbootPacket> out;
  for (std::uint8_t b : bytes) {
    MbootPacket p = d.push(b);
    if (p.kind != MbootPacket::Kind::kNone) out.push_back(p);
  }
  return out;
}

TEST(MbootFrame, Crc16XmodemCheckValue) {
  const std::string s = "123456789";
  EXPECT_EQ(serial::crc16_xmodem(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()),
            0x31C3);
}

TEST(MbootFrame, PingResponseForP120) {
  EXPECT_EQ(serial::mboot_ping_response(0x50010200, 0),
            (Bytes{0x5A, 0xA7, 0x00, 0x02, 0x01, 0x50, 0x00, 0x00, 0xAA, 0xEA}));
}

// get-property 1 as blhost sends it: tag 07, flags 0, reserved 0, 2 parameters (1, 0). The CRC
// covers 5A A4 0C 00 and the 12 payload bytes (computed with the check-value-verified CRC above
// and by hand-assembling the frame).
TEST(MbootFrame, CommandFrameRoundTripsAndSplitsFromNoise) {
  const Bytes payload{0x07, 0x00, 0x00, 0x02, 0x01, 0, 0, 0, 0, 0, 0, 0};
  Bytes wire{0x00, 0x13, 0x37};  // noise before the start byte is skipped
  const Bytes frame = serial::mboot_frame(0xA4, payload);
  ASSERT_EQ(frame.size(), 6u + payload.size());
  EXPECT_EQ(Bytes(frame.begin(), frame.begin() + 4), (Bytes{0x5A, 0xA4, 0x0C, 0x00}));
  wire.insert(wire.end(), frame.begin(), frame.end());
  wire.insert(wire.end(), {0x5A, 0xA1, 0x5A, 0xA6});
  const auto packets = decode(wire);
  ASSERT_EQ(packets.size(), 3u);
  EXPECT_EQ(packets[0].kind, MbootPacket::Kind::kCommand);
  EXPECT_EQ(packets[0].payload, payload);
  EXPECT_EQ(packets[1].kind, MbootPacket::Kind::kAck);
  EXPECT_EQ(packets[2].kind, MbootPacket::Kind::kPing);
}

TEST(MbootFrame, BadCrcAndOversizedLengthAreErrors) {
  Bytes frame = serial::mboot_frame(0xA5, {1, 2, 3});
  frame.back() ^= 0xFF;  // a flipped payload byte
  auto packets = decode(frame);
  ASSERT_EQ(packets.size(), 1u);
  EXPECT_EQ(packets[0].kind, MbootPacket::Kind::kError);
  EXPECT_NE(packets[0].error.find("bad CRC"), std::string::npos) << packets[0].error;
  packets = decode({0x5A, 0xA5, 0x01, 0x10, 0, 0});  // length 0x1001
  ASSERT_EQ(packets.size(), 1u);
  EXPECT_NE(packets[0].error.find("4097"), std::string::npos) << packets[0].error;
  packets = decode({0x5A, 0x42});
  ASSERT_EQ(packets.size(), 1u);
  EXPECT_NE(packets[0].error.find("0x42"), std::string::npos) << packets[0].error;
}

}  // namespace
}  // namespace xipsim::test
