#include "xipsim/serial/mboot_frame.h"

#include <fmt/format.h>

namespace xipsim::serial {

std::uint16_t crc16_xmodem(const std::uint8_t* data, std::size_t len, std::uint16_t crc) {
  for (std::size_t i = 0; i < len; ++i) {
    crc = static_cast<std::uint16_t>(crc ^ (data[i] << 8));
    for (int b = 0; b < 8; ++b)
      crc = static_cast<std::uint16_t>(crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1);
  }
  return crc;
}

std::vector<std::uint8_t> mboot_sync(std::uint8_t type) {
  return {mboot::kStart, type};
}

std::vector<std::uint8_t> mboot_frame(std::uint8_t type, const std::vector<std::uint8_t>& payload) {
  const auto len = static_cast<std::uint16_t>(payload.size());
  std::vector<std::uint8_t> f{mboot::kStart, type, static_cast<std::uint8_t>(len),
                              static_cast<std::uint8_t>(len >> 8)};
  std::uint16_t crc = crc16_xmodem(f.data(), f.size());
  crc = crc16_xmodem(payload.data(), payload.size(), crc);
  f.push_back(static_cast<std::uint8_t>(crc));
  f.push_back(static_cast<std::uint8_t>(crc >> 8));
  f.insert(f.end(), payload.begin(), payload.end());
  return f;
}

std::vector<std::uint8_t> mboot_ping_response(std::uint32_t version, std::uint16_t options) {
  std::vector<std::uint8_t> r{mboot::kStart,
                              mboot::kPingResponse,
                              static_cast<std::uint8_t>(version),
                              static_cast<std::uint8_t>(version >> 8),
                              static_cast<std::uint8_t>(version >> 16),
                              static_cast<std::uint8_t>(version >> 24),
                              static_cast<std::uint8_t>(options),
                              static_cast<std::uint8_t>(options >> 8)};
  const std::uint16_t crc = crc16_xmodem(r.data(), r.size());
  r.push_back(static_cast<std::uint8_t>(crc));
  r.push_back(static_cast<std::uint8_t>(crc >> 8));
  return r;
}

// Explicit states: kIdle (waiting for 5A), kType, then for a frame kLength (2 bytes), kCrc (2)
// and kPayload (length bytes); for a ping response the 8 bytes after the type. Every byte of the
// packet is kept in header_ (so the payload starts at index 6).
MbootPacket MbootDecoder::push(std::uint8_t byte) {
  if (state_ == State::kIdle) {
    if (byte == mboot::kStart) {
      header_.assign(1, byte);
      state_ = State::kType;
    } else {
      ++skipped_;
    }
    return {};
  }
  header_.push_back(byte);
  if (state_ == State::kType) return after_type(byte);
  if (--need_ > 0) return {};
  switch (state_) {
    case State::kLength:
      need_ = header_[2] | header_[3] << 8;
      if (need_ > mboot::kMaxPayload) {
        state_ = State::kIdle;
        return {MbootPacket::Kind::kError,
                {},
                fmt::format("frame length {} is more than the {}-byte maximum", need_,
                            mboot::kMaxPayload)};
      }
      state_ = State::kCrc;
      need_ = 2;
      return {};
    case State::kCrc:
      need_ = header_[2] | header_[3] << 8;
      state_ = State::kPayload;
      if (need_ > 0) return {};
      break;
    default:
      break;
  }
  state_ = State::kIdle;
  return complete();
}

MbootPacket MbootDecoder::after_type(std::uint8_t type) {
  if (type == mboot::kCommand || type == mboot::kData) {
    state_ = State::kLength;
    need_ = 2;
    return {};
  }
  if (type == mboot::kPingResponse) {
    state_ = State::kPingResponse;
    need_ = 8;
    return {};
  }
  state_ = State::kIdle;
  return complete();
}

MbootPacket MbootDecoder::complete() {
  using K = MbootPacket::Kind;
  switch (header_[1]) {
    case mboot::kAck:
      return {K::kAck, {}, ""};
    case mboot::kNak:
      return {K::kNak, {}, ""};
    case mboot::kAckAbort:
      return {K::kAckAbort, {}, ""};
    case mboot::kPing:
      return {K::kPing, {}, ""};
    case mboot::kPingResponse:
      return {K::kPingResponse, {header_.begin() + 2, header_.end()}, ""};
    default:
      break;
  }
  if (header_[1] != mboot::kCommand && header_[1] != mboot::kData)
    return {K::kError, {}, fmt::format("unknown packet type 0x{:02X} after 5A", header_[1])};
  std::vector<std::uint8_t> payload(header_.begin() + 6, header_.end());
  const std::uint16_t sent = static_cast<std::uint16_t>(header_[4] | header_[5] << 8);
  std::uint16_t crc = crc16_xmodem(header_.data(), 4);
  crc = crc16_xmodem(payload.data(), payload.size(), crc);
  if (crc != sent)
    return {K::kError,
            {},
            fmt::format("bad CRC: the frame says 0x{:04X}, its bytes give 0x{:04X}", sent, crc)};
  return {header_[1] == mboot::kCommand ? K::kCommand : K::kData, std::move(payload), ""};
}

}  // namespace xipsim::serial
