// GDB remote serial protocol framing (GDB manual, "Remote Protocol", Overview): `$payload#cs`
// with a two-digit modulo-256 checksum, '}' escapes (byte ^ 0x20) in binary data, '+'/'-'
// acknowledgements and the bare 0x03 interrupt byte. Pure functions and a byte-by-byte reader, so
// the parser can be tested (and fuzzed) without a socket.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xipsim::gdb {

// What the reader made of the bytes so far.
struct Received {
  enum class Kind { kPacket, kBadChecksum, kInterrupt, kAck, kNack } kind = Kind::kPacket;
  std::string payload;  // kPacket: the unescaped contents between '$' and '#'
};

class PacketReader {
 public:
  // One byte from the debugger; a complete item when this byte ends one.
  std::optional<Received> feed(std::uint8_t byte);

 private:
  enum class State { kIdle, kBody, kEscape, kSum1, kSum2 } state_ = State::kIdle;
  std::string body_;
  std::uint8_t sum_ = 0;  // of the bytes as sent (escapes included)
  int sent_sum_ = 0;
  static constexpr std::size_t kMaxPacket = 0x10000;
};

std::string frame(const std::string& payload);  // "$payload#cs", payload escaped as needed
std::string to_hex(const std::uint8_t* data, std::size_t len);
std::string to_hex(const std::string& text);
// Hex digits to bytes; nullopt on an odd length or a non-hex character.
std::optional<std::vector<std::uint8_t>> from_hex(const std::string& hex);
// A hex number ("6000_2000" without the underscore); nullopt when empty, not hex or > 64 bits.
std::optional<std::uint64_t> parse_hex(const std::string& s);
// `value` as `bytes` little-endian bytes in hex (the register format of a little-endian target).
std::string le_hex(std::uint64_t value, unsigned bytes);

}  // namespace xipsim::gdb
