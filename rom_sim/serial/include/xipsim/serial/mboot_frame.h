// The MCU bootloader's UART framing (../shared/docs/serial-protocols.md §1b): sync packets
// 5A A1 (ACK), 5A A2 (NAK), 5A A3 (ACK abort), 5A A6 (ping), the ping response 5A A7, and frames
// 5A type(A4 command | A5 data) u16 length u16 crc payload, CRC-16/XMODEM over the frame without
// its crc field. The decoder takes bytes one by one, as a receiver does, and says what arrived.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace xipsim::serial {

namespace mboot {
constexpr std::uint8_t kStart = 0x5A, kAck = 0xA1, kNak = 0xA2, kAckAbort = 0xA3, kCommand = 0xA4,
                       kData = 0xA5, kPing = 0xA6, kPingResponse = 0xA7;
// The RT flashloader's largest payload (MCB targets/MIMXRT1062 bootloader_config.h).
constexpr std::size_t kMaxPayload = 512;
}  // namespace mboot

// CRC-16/XMODEM: polynomial 0x1021, initial 0, no reflection, no final xor ("123456789" -> 31C3).
std::uint16_t crc16_xmodem(const std::uint8_t* data, std::size_t len, std::uint16_t crc = 0);

std::vector<std::uint8_t> mboot_sync(std::uint8_t type);  // 5A type
std::vector<std::uint8_t> mboot_frame(std::uint8_t type, const std::vector<std::uint8_t>& payload);
// 5A A7, version bytes (bugfix, minor, major, 'P'), u16 options, u16 crc over the first 8 bytes.
std::vector<std::uint8_t> mboot_ping_response(std::uint32_t version, std::uint16_t options);

// What the decoder has seen once a packet is complete.
struct MbootPacket {
  enum class Kind { kNone, kAck, kNak, kAckAbort, kPing, kPingResponse, kCommand, kData, kError };
  Kind kind = Kind::kNone;
  std::vector<std::uint8_t> payload;  // kCommand, kData
  std::string error;                  // kError: what was wrong ("bad CRC ...")
};

class MbootDecoder {
 public:
  // One received byte; returns a packet when this byte completes one (kNone otherwise). Bytes
  // before a 5A are skipped, as the hosts and the bootloader do.
  MbootPacket push(std::uint8_t byte);
  void reset() { state_ = State::kIdle; }
  std::size_t skipped() const { return skipped_; }

 private:
  enum class State { kIdle, kType, kLength, kCrc, kPayload, kPingResponse };
  MbootPacket after_type(std::uint8_t type);
  MbootPacket complete();
  State state_ = State::kIdle;
  std::vector<std::uint8_t> header_;  // 5A type len len crc crc as received
  std::size_t need_ = 0;
  std::size_t skipped_ = 0;
};

}  // namespace xipsim::serial
