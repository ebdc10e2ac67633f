#include "xipsim/serial/mboot_server.h"

#include <fmt/format.h>

namespace xipsim::serial {

namespace {
namespace tag {
constexpr std::uint8_t kEraseAll = 0x01, kEraseRegion = 0x02, kReadMemory = 0x03,
                       kWriteMemory = 0x04, kFillMemory = 0x05, kGetProperty = 0x07, kReset = 0x0B,
                       kConfigureMemory = 0x11;
constexpr std::uint8_t kGenericResponse = 0xA0, kReadMemoryResponse = 0xA3,
                       kGetPropertyResponse = 0xA7;
}  // namespace tag
// The host's ACK after a response, and its next frame in a data phase: blhost's 5 s timeout.
constexpr Picoseconds kHostTimeout = 5'000'000'000'000ull;
constexpr Picoseconds kForever = ~Picoseconds{0} / 2;
// The ping response: protocol version P1.2.0 (bytes bugfix, minor, major, 'P'), options 0, as
// serial-protocols.md §1b shows it.
constexpr std::uint32_t kProtocolVersion = 0x50010200;

std::uint32_t le32(const std::uint8_t* p) {
  return p[0] | p[1] << 8 | p[2] << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}
std::string hex(std::uint32_t v) {
  return fmt::format("0x{:X}", v);
}
std::vector<std::uint8_t> response_payload(std::uint8_t t, const std::vector<std::uint32_t>& p) {
  std::vector<std::uint8_t> out{t, 0, 0, static_cast<std::uint8_t>(p.size())};
  for (std::uint32_t v : p)
    for (int i = 0; i < 4; ++i)
      out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  return out;
}
}  // namespace

MbootServer::MbootServer(ByteLink& link, host::Flashloader& loader)
    : link_(link), loader_(loader) {}

void MbootServer::say(std::string line) {
  if (on_log_) on_log_(line);
  log_.push_back(std::move(line));
}

std::optional<MbootPacket> MbootServer::next_packet(Picoseconds timeout) {
  for (;;) {
    const std::optional<std::uint8_t> b = link_.read(timeout);
    if (!b) return std::nullopt;
    MbootPacket p = decoder_.push(*b);
    if (p.kind != MbootPacket::Kind::kNone) return p;
  }
}

bool MbootServer::serve() {
  while (!link_.closed()) {
    const std::optional<MbootPacket> p = next_packet(kForever);
    if (!p) continue;
    switch (p->kind) {
      case MbootPacket::Kind::kPing:
        link_.write(mboot_ping_response(kProtocolVersion, 0));
        say("ping: answered P1.2.0");
        break;
      case MbootPacket::Kind::kCommand:
        link_.write(mboot_sync(mboot::kAck));
        if (on_command(p->payload)) return true;
        break;
      case MbootPacket::Kind::kError:
        link_.write(mboot_sync(mboot::kNak));
        say("NAK: " + p->error);
        break;
      default:
        say("ignored: a packet the host sends only in answer to the target");
        break;
    }
  }
  return false;
}

bool MbootServer::wait_ack() {
  const std::optional<MbootPacket> p = next_packet(kHostTimeout);
  return p && p->kind == MbootPacket::Kind::kAck;
}

void MbootServer::respond(std::uint8_t t, const std::vector<std::uint32_t>& params) {
  link_.write(mboot_frame(mboot::kCommand, response_payload(t, params)));
  if (!wait_ack()) say("the host did not ACK the response");
}

void MbootServer::note(const std::string& what, nor_driver::Status status,
                       const std::string& detail) {
  say(fmt::format("{} -> {}{}", what, nor_driver::status_name(status),
                  detail.empty() ? "" : ": " + detail));
}

// A command frame: tag, flags, reserved, parameter count, parameters.
bool MbootServer::on_command(const std::vector<std::uint8_t>& payload) {
  Command c;
  if (payload.size() < 4 || payload.size() < 4u + 4u * payload[3]) {
    respond(tag::kGenericResponse, {nor_driver::status::kInvalidArgument, 0});
    say(fmt::format("a command frame of {} bytes, too short for its parameters", payload.size()));
    return false;
  }
  c.tag = payload[0];
  c.flags = payload[1];
  for (unsigned i = 0; i < payload[3]; ++i)
    c.params.push_back(le32(&payload[4 + 4 * i]));
  const auto arg = [&](std::size_t i) { return i < c.params.size() ? hex(c.params[i]) : "0"; };
  switch (c.tag) {
    case tag::kConfigureMemory:
      run(c, "configure-memory", {arg(0), arg(1)});
      return false;
    case tag::kEraseRegion:
      run(c, "flash-erase-region", {arg(0), arg(1), arg(2)});
      return false;
    case tag::kEraseAll:
      run(c, "flash-erase-all", {arg(0)});
      return false;
    case tag::kFillMemory:
      run(c, "fill-memory", {arg(0), arg(1), arg(2)});
      return false;
    case tag::kGetProperty:
      get_property(c);
      return false;
    case tag::kWriteMemory:
      write_memory(c);
      return false;
    case tag::kReadMemory:
      read_memory(c);
      return false;
    case tag::kReset:
      respond(tag::kGenericResponse, {0, c.tag});
      note("reset", 0, "the chip resets");
      return true;
    default:
      respond(tag::kGenericResponse, {host::fl_status::kUnknownCommand, c.tag});
      note(fmt::format("command tag 0x{:02X}", c.tag), host::fl_status::kUnknownCommand, "");
      return false;
  }
}

void MbootServer::run(const Command& c, const std::string& name,
                      const std::vector<std::string>& args) {
  host::BlhostCommand b{name, args, {}, name};
  for (const std::string& a : args)
    b.text += " " + a;
  const host::CommandResult r = loader_.run(b);
  respond(tag::kGenericResponse, {static_cast<std::uint32_t>(r.status), c.tag});
  note(b.text, r.status, r.text);
}

void MbootServer::get_property(const Command& c) {
  const std::string id = c.params.empty() ? "0" : hex(c.params[0]);
  const std::string mem = c.params.size() > 1 ? hex(c.params[1]) : "0";
  const host::CommandResult r = loader_.run({"get-property", {id, mem}, {}, ""});
  std::vector<std::uint32_t> p{static_cast<std::uint32_t>(r.status)};
  p.insert(p.end(), r.values.begin(), r.values.end());
  respond(tag::kGetPropertyResponse, p);
  note("get-property " + id, r.status, r.text);
}

// Generic(0) to start the data phase, the host's data frames (each ACKed) up to the length,
// then the write and its Generic response.
void MbootServer::write_memory(const Command& c) {
  const std::uint32_t address = c.params.size() > 0 ? c.params[0] : 0;
  const std::uint32_t len = c.params.size() > 1 ? c.params[1] : 0;
  respond(tag::kGenericResponse, {0, c.tag});
  std::vector<std::uint8_t> data;
  while (data.size() < len) {
    const std::optional<MbootPacket> p = next_packet(kHostTimeout);
    if (!p || p->kind != MbootPacket::Kind::kData) {
      note(fmt::format("write-memory {} {}", hex(address), len),
           p ? nor_driver::status::kFail : nor_driver::status::kTimeout,
           fmt::format("the data phase ended after {} of {} bytes", data.size(), len));
      if (p && p->kind == MbootPacket::Kind::kError) link_.write(mboot_sync(mboot::kNak));
      return;
    }
    link_.write(mboot_sync(mboot::kAck));
    data.insert(data.end(), p->payload.begin(), p->payload.end());
  }
  data.resize(len);
  host::BlhostCommand b{"write-memory", {hex(address)}, data, ""};
  const host::CommandResult r = loader_.run(b);
  respond(tag::kGenericResponse, {static_cast<std::uint32_t>(r.status), c.tag});
  note(fmt::format("write-memory {} {} bytes", hex(address), len), r.status, r.text);
}

// ReadMemory(status, length), then (when it succeeded) data frames of up to 512 bytes, each
// ACKed by the host, then Generic.
void MbootServer::read_memory(const Command& c) {
  const std::string address = c.params.empty() ? "0" : hex(c.params[0]);
  const std::uint32_t len = c.params.size() > 1 ? c.params[1] : 0;
  const host::CommandResult r =
      loader_.run({"read-memory", {address, std::to_string(len), "0"}, {}, ""});
  const bool ok = r.status == nor_driver::status::kSuccess;
  respond(tag::kReadMemoryResponse, {static_cast<std::uint32_t>(r.status), ok ? len : 0});
  for (std::size_t off = 0; ok && off < r.data.size(); off += mboot::kMaxPayload) {
    const std::size_t n = std::min(mboot::kMaxPayload, r.data.size() - off);
    link_.write(mboot_frame(mboot::kData, {r.data.begin() + static_cast<std::ptrdiff_t>(off),
                                           r.data.begin() + static_cast<std::ptrdiff_t>(off + n)}));
    if (!wait_ack()) break;
  }
  respond(tag::kGenericResponse, {static_cast<std::uint32_t>(r.status), c.tag});
  note(fmt::format("read-memory {} {}", address, len), r.status, r.text);
}

}  // namespace xipsim::serial
