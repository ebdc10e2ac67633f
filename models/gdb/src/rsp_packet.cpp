#include "xipsim/gdb/rsp_packet.h"

#include <fmt/format.h>

#include "xipsim/core/hex.h"

namespace xipsim::gdb {

std::optional<Received> PacketReader::feed(std::uint8_t byte) {
  const char c = static_cast<char>(byte);
  switch (state_) {
    case State::kIdle:
      if (c == '$') {
        body_.clear();
        sum_ = 0;
        state_ = State::kBody;
      } else if (byte == 0x03) {
        return Received{Received::Kind::kInterrupt, {}};
      } else if (c == '+') {
        return Received{Received::Kind::kAck, {}};
      } else if (c == '-') {
        return Received{Received::Kind::kNack, {}};
      }
      return std::nullopt;  // noise between packets is ignored
    case State::kBody:
      if (c == '#') {
        state_ = State::kSum1;
        return std::nullopt;
      }
      sum_ = static_cast<std::uint8_t>(sum_ + byte);
      if (c == '}') {
        state_ = State::kEscape;
      } else if (body_.size() < kMaxPacket) {
        body_ += c;
      }
      return std::nullopt;
    case State::kEscape:
      sum_ = static_cast<std::uint8_t>(sum_ + byte);
      if (body_.size() < kMaxPacket) body_ += static_cast<char>(byte ^ 0x20);
      state_ = State::kBody;
      return std::nullopt;
    case State::kSum1:
      sent_sum_ = hex_nibble(c) << 4;
      state_ = hex_nibble(c) < 0 ? State::kIdle : State::kSum2;
      if (state_ == State::kIdle) return Received{Received::Kind::kBadChecksum, {}};
      return std::nullopt;
    case State::kSum2: {
      state_ = State::kIdle;
      const int low = hex_nibble(c);
      if (low < 0 || (sent_sum_ | low) != sum_) return Received{Received::Kind::kBadChecksum, {}};
      if (body_.size() >= kMaxPacket) return Received{Received::Kind::kBadChecksum, {}};
      return Received{Received::Kind::kPacket, body_};
    }
  }
  return std::nullopt;
}

std::string frame(const std::string& payload) {
  std::string out = "$";
  std::uint8_t sum = 0;
  for (const char c : payload) {
    const bool special = c == '$' || c == '#' || c == '}' || c == '*';
    const std::string part =
        special ? std::string{'}', static_cast<char>(c ^ 0x20)} : std::string{c};
    for (const char p : part)
      sum = static_cast<std::uint8_t>(sum + static_cast<std::uint8_t>(p));
    out += part;
  }
  return out + fmt::format("#{:02x}", sum);
}

std::string to_hex(const std::uint8_t* data, std::size_t len) {
  std::string out;
  out.reserve(2 * len);
  for (std::size_t i = 0; i < len; ++i)
    out += fmt::format("{:02x}", data[i]);
  return out;
}

std::string to_hex(const std::string& text) {
  return to_hex(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

std::optional<std::vector<std::uint8_t>> from_hex(const std::string& hex) {
  if (hex.size() % 2) return std::nullopt;
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_nibble(hex[i]), lo = hex_nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }
  return out;
}

std::optional<std::uint64_t> parse_hex(const std::string& s) {
  if (s.empty() || s.size() > 16) return std::nullopt;
  std::uint64_t v = 0;
  for (const char c : s) {
    const int d = hex_nibble(c);
    if (d < 0) return std::nullopt;
    v = v << 4 | static_cast<std::uint64_t>(d);
  }
  return v;
}

std::string le_hex(std::uint64_t value, unsigned bytes) {
  std::string out;
  for (unsigned i = 0; i < bytes; ++i)
    out += fmt::format("{:02x}", static_cast<unsigned>((value >> (8 * i)) & 0xFF));
  return out;
}

}  // namespace xipsim::gdb
