#include "xipsim/gdb/gdb_server.h"

#include <fmt/format.h>

#include "xipsim/gdb/target_xml.h"

namespace xipsim::gdb {

namespace {
constexpr std::size_t kMaxMemory = 0x1000;  // bytes per m/M/X packet (PacketSize 0x4000)

bool starts(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

// "ADDR,LEN" (then ':' or the end) into address and length; nullopt when malformed.
std::optional<std::pair<std::uint32_t, std::size_t>> address_length(const std::string& s) {
  const auto comma = s.find(',');
  if (comma == std::string::npos) return std::nullopt;
  const auto end = s.find(':', comma);
  const auto a = parse_hex(s.substr(0, comma));
  const auto n = parse_hex(s.substr(comma + 1, end == std::string::npos ? end : end - comma - 1));
  if (!a || !n || *a > 0xFFFFFFFFu || *n > kMaxMemory) return std::nullopt;
  return std::make_pair(static_cast<std::uint32_t>(*a), static_cast<std::size_t>(*n));
}
}  // namespace

std::optional<std::string> Server::read_packet() {
  for (;;) {
    const int b = channel_.read_byte(-1);
    if (b == Channel::kClosed) return std::nullopt;
    if (b < 0) continue;
    const auto r = reader_.feed(static_cast<std::uint8_t>(b));
    if (!r) continue;
    if (r->kind == Received::Kind::kBadChecksum) {
      channel_.write("-");
    } else if (r->kind == Received::Kind::kPacket) {
      channel_.write("+");
      ++packets_;
      return r->payload;
    }
    // acks and a Ctrl-C while stopped need no answer
  }
}

void Server::reply(const std::string& payload) {
  channel_.write(frame(payload));
}

Resume Server::next_resume() {
  for (;;) {
    const auto packet = read_packet();
    if (!packet) return Resume{Resume::Kind::kGone};
    if (const auto resume = handle(*packet)) return *resume;
  }
}

void Server::stopped(const Stop& stop) {
  if (!stop.console.empty()) reply("O" + to_hex(stop.console));
  if (stop.exited) {
    last_stop_ = "W00";
  } else if (stop.watch != BreakKind::kSoftware && stop.watch != BreakKind::kHardware) {
    const char* kind = stop.watch == BreakKind::kWrite  ? "watch"
                       : stop.watch == BreakKind::kRead ? "rwatch"
                                                        : "awatch";
    last_stop_ = fmt::format("T{:02x}{}:{:x};", stop.signal, kind, stop.watch_address);
  } else {
    last_stop_ = fmt::format("S{:02x}", stop.signal);
  }
  interrupted_ = false;
  reply(last_stop_);
}

void Server::linger(int timeout_ms) {
  for (;;) {
    const int b = channel_.read_byte(timeout_ms);
    if (b < 0) return;  // closed, or quiet for the whole time
    const auto r = reader_.feed(static_cast<std::uint8_t>(b));
    if (r && r->kind == Received::Kind::kPacket) {
      channel_.write("+");
      reply(r->payload[0] == '?' ? last_stop_ : "E01");
    }
  }
}

bool Server::interrupt_requested() {
  while (!interrupted_) {
    const int b = channel_.read_byte(0);
    if (b == Channel::kNone) break;
    if (b == Channel::kClosed || b == 0x03) interrupted_ = true;
  }
  return interrupted_;
}

// One packet; a Resume when the debugger wants the target to run (or has gone).
std::optional<Resume> Server::handle(const std::string& p) {
  if (p.empty()) return reply(""), std::nullopt;
  switch (p[0]) {
    case '?':
      return reply(last_stop_), std::nullopt;
    case 'g':
      return reply(read_registers()), std::nullopt;
    case 'G':
      return reply(write_registers(p.substr(1))), std::nullopt;
    case 'p':
    case 'P':
      return reply(single_register(p.substr(1), p[0] == 'P')), std::nullopt;
    case 'm':
      return reply(read_memory(p.substr(1))), std::nullopt;
    case 'M':
    case 'X':
      return reply(write_memory(p.substr(1), p[0] == 'X')), std::nullopt;
    case 'Z':
    case 'z':
      return reply(breakpoint(p.substr(1), p[0] == 'Z')), std::nullopt;
    case 'c':
      return Resume{Resume::Kind::kContinue};
    case 's':
      return Resume{Resume::Kind::kStep};
    case 'D':
      reply("OK");
      return Resume{Resume::Kind::kDetach};
    case 'k':
      return Resume{Resume::Kind::kKill};
    case 'H':
      return reply("OK"), std::nullopt;  // one thread
    case 'T':
      return reply("OK"), std::nullopt;
    case 'q':
    case 'Q':
      return reply(query(p)), std::nullopt;
    default:
      return reply(""), std::nullopt;  // not supported: GDB falls back or says so
  }
}

std::string Server::query(const std::string& p) {
  if (starts(p, "qSupported")) return "PacketSize=4000;qXfer:features:read+;swbreak+;hwbreak+";
  if (starts(p, "qXfer:features:read:target.xml:")) {
    const auto range = address_length(p.substr(31));
    if (!range) return "E01";
    const std::string& xml = target_xml();
    if (range->first >= xml.size()) return "l";
    const std::string part = xml.substr(range->first, range->second);
    return (range->first + part.size() >= xml.size() ? "l" : "m") + part;
  }
  if (starts(p, "qAttached")) return "1";
  if (starts(p, "qC")) return "QC1";
  if (starts(p, "qfThreadInfo")) return "m1";
  if (starts(p, "qsThreadInfo")) return "l";
  if (starts(p, "qSymbol")) return "OK";
  if (starts(p, "qRcmd,")) return monitor(p.substr(6));
  return "";
}

std::string Server::read_registers() {
  std::string out;
  for (unsigned n = 0; n < reg::kCount; ++n)
    out += le_hex(target_.read_register(n), register_bytes(n));
  return out;
}

std::string Server::write_registers(const std::string& hex) {
  const auto bytes = from_hex(hex);
  if (!bytes) return "E01";
  std::size_t at = 0;
  for (unsigned n = 0; n < reg::kCount && at + register_bytes(n) <= bytes->size(); ++n) {
    std::uint64_t v = 0;
    for (unsigned i = 0; i < register_bytes(n); ++i)
      v |= std::uint64_t{(*bytes)[at + i]} << (8 * i);
    target_.write_register(n, v);
    at += register_bytes(n);
  }
  return "OK";
}

std::string Server::single_register(const std::string& args, bool write) {
  const auto eq = args.find('=');
  const auto n = parse_hex(args.substr(0, eq));
  if (!n || *n >= reg::kCount) return "E01";
  const auto r = static_cast<unsigned>(*n);
  if (!write) return le_hex(target_.read_register(r), register_bytes(r));
  if (eq == std::string::npos) return "E01";
  const auto bytes = from_hex(args.substr(eq + 1));
  if (!bytes || bytes->size() != register_bytes(r)) return "E01";
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < bytes->size(); ++i)
    v |= std::uint64_t{(*bytes)[i]} << (8 * i);
  target_.write_register(r, v);
  return "OK";
}

std::string Server::read_memory(const std::string& args) {
  const auto range = address_length(args);
  if (!range) return "E01";
  std::vector<std::uint8_t> bytes(range->second);
  if (!target_.read_memory(range->first, bytes.data(), bytes.size())) return "E03";
  return to_hex(bytes.data(), bytes.size());
}

std::string Server::write_memory(const std::string& args, bool binary) {
  const auto range = address_length(args);
  const auto colon = args.find(':');
  if (!range || colon == std::string::npos) return "E01";
  std::vector<std::uint8_t> bytes;
  if (binary) {
    bytes.assign(args.begin() + static_cast<std::ptrdiff_t>(colon) + 1, args.end());
  } else {
    const auto decoded = from_hex(args.substr(colon + 1));
    if (!decoded) return "E01";
    bytes = *decoded;
  }
  if (bytes.size() != range->second) return "E01";
  if (bytes.empty()) return "OK";  // GDB's probe for X support
  return target_.write_memory(range->first, bytes.data(), bytes.size()) ? "OK" : "E03";
}

std::string Server::breakpoint(const std::string& args, bool on) {
  if (args.size() < 3 || args[1] != ',' || args[0] < '0' || args[0] > '4') return "";
  const auto range = address_length(args.substr(2));
  if (!range) return "E01";
  const auto kind = static_cast<BreakKind>(args[0] - '0');
  const auto len = static_cast<std::uint32_t>(range->second);
  return target_.breakpoint(kind, range->first, len, on) ? "OK" : "E01";
}

std::string Server::monitor(const std::string& hex_command) {
  const auto bytes = from_hex(hex_command);
  if (!bytes) return "E01";
  const std::string text = target_.monitor(std::string(bytes->begin(), bytes->end()));
  if (!text.empty()) reply("O" + to_hex(text));
  return "OK";
}

}  // namespace xipsim::gdb
