#include "xipsim/serial/sdp_server.h"

#include <fmt/format.h>

#include "xipsim/image/hab.h"

namespace xipsim::serial {

namespace {
constexpr Picoseconds kForever = ~Picoseconds{0} / 2;
// A command's data phase: the host sends right after the command; a pause this long ends it.
constexpr Picoseconds kDataTimeout = 5'000'000'000'000ull;
std::uint32_t be32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) << 24 | p[1] << 16 | p[2] << 8 | p[3];
}
std::string hex(std::uint32_t v) {
  return fmt::format("0x{:08X}", v);
}
}  // namespace

SdpCommand decode_sdp(const std::uint8_t* p) {
  return {static_cast<std::uint16_t>(p[0] << 8 | p[1]), be32(p + 2), p[6], be32(p + 7),
          be32(p + 11)};
}

SdpServer::SdpServer(ByteLink& link, nor_driver::BusAccess& bus, const chips::ChipProfile& chip,
                     bool hab_closed)
    : link_(link), bus_(bus), chip_(chip), hab_(hab_closed ? sdp::kHabClosed : sdp::kHabOpen) {}

void SdpServer::say(std::string line) {
  if (on_log_) on_log_(line);
  log_.push_back(std::move(line));
}

// The words are palindromes byte-wise except the read data; sent little-endian as the ROM does.
void SdpServer::reply(std::initializer_list<std::uint32_t> words) {
  std::vector<std::uint8_t> out;
  for (std::uint32_t w : words)
    for (int i = 0; i < 4; ++i)
      out.push_back(static_cast<std::uint8_t>(w >> (8 * i)));
  link_.write(out);
}

// Explicit states: collecting a 16-byte command (bytes after a pause longer than a data phase's
// timeout start a new one), then the command's own exchange.
std::optional<SdpJump> SdpServer::serve() {
  std::vector<std::uint8_t> cmd;
  while (!link_.closed()) {
    const std::optional<std::uint8_t> b = link_.read(cmd.empty() ? kForever : kDataTimeout);
    if (!b) {
      if (!cmd.empty()) say(fmt::format("a command cut off after {} of 16 bytes", cmd.size()));
      cmd.clear();
      continue;
    }
    cmd.push_back(*b);
    if (cmd.size() < 16) continue;
    const SdpCommand c = decode_sdp(cmd.data());
    cmd.clear();
    if (auto j = on_command(c)) return j;
  }
  return std::nullopt;
}

std::optional<SdpJump> SdpServer::on_command(const SdpCommand& c) {
  switch (c.type) {
    case sdp::kReadRegister:
      read_register(c);
      return std::nullopt;
    case sdp::kWriteRegister:
      write_register(c);
      return std::nullopt;
    case sdp::kWriteFile:
      write_file(c, sdp::kWriteFileDone, "WRITE_FILE");
      return std::nullopt;
    case sdp::kWriteCsf:
      write_file(c, sdp::kWriteDone, "WRITE_CSF");
      return std::nullopt;
    case sdp::kErrorStatus:
      reply({hab_, status_});
      say(fmt::format("ERROR_STATUS: {}", hex(status_)));
      return std::nullopt;
    case sdp::kSkipDcdHeader:
      reply({hab_, sdp::kSkipDcdDone});
      say("SKIP_DCD_HEADER: acknowledged");
      return std::nullopt;
    case sdp::kSetBaudrate:
      reply({hab_, sdp::kBaudDone});
      say(fmt::format("SET_BAUDRATE: {} baud from now on", c.data));
      if (set_baud_ && c.data) set_baud_(c.data);
      return std::nullopt;
    case sdp::kJumpAddress:
      return jump(c);
    default:
      break;
  }
  status_ = sdp::kFailure;
  reply({hab_, sdp::kFailure});
  say(c.type == sdp::kDcdWrite
          ? std::string("DCD_WRITE: not modelled yet; answered with the failure word")
          : fmt::format("an unknown command type 0x{:04X}: answered with the failure word",
                        c.type));
  return std::nullopt;
}

void SdpServer::read_register(const SdpCommand& c) {
  const std::uint32_t count = c.count ? c.count : c.format / 8;
  std::vector<std::uint8_t> data(count, 0);
  const bool ok = bus_.read(c.address, data.data(), data.size());
  reply({hab_});
  link_.write(data);
  say(fmt::format("READ_REGISTER {} ({} bytes){}", hex(c.address), count,
                  ok ? "" : ": bus error, zeros sent"));
}

void SdpServer::write_register(const SdpCommand& c) {
  const unsigned width = c.format == 8 ? 1 : c.format == 16 ? 2 : 4;
  const std::uint8_t v[4] = {
      static_cast<std::uint8_t>(c.data), static_cast<std::uint8_t>(c.data >> 8),
      static_cast<std::uint8_t>(c.data >> 16), static_cast<std::uint8_t>(c.data >> 24)};
  const bool ok = bus_.write(c.address, v, width);
  if (!ok) status_ = sdp::kFailure;
  reply({hab_, ok ? sdp::kWriteDone : sdp::kFailure});
  say(fmt::format("WRITE_REGISTER {} = {} ({}-bit){}", hex(c.address), hex(c.data), width * 8,
                  ok ? "" : ": bus error"));
}

// Decision (docs/serial.md): files go into internal RAM only, never into the ROM-reserved OCRAM
// the ROM runs from; the reference manuals' exact list is not in ../shared.
std::string SdpServer::writable(std::uint32_t address, std::uint32_t count) const {
  const chips::RamRegion* ram = chip_.ram_at(address);
  const std::uint64_t end = std::uint64_t{address} + count;
  if (!ram || ram->needs_init || end > ram->range.end())
    return fmt::format("{}..{} is not inside the chip's internal RAM", hex(address),
                       hex(static_cast<std::uint32_t>(end - 1)));
  for (const chips::AddressRange& r : chip_.rom_reserved)
    if (address < r.end() && r.base < end) return fmt::format("it overlaps {}", r.name);
  return "";
}

void SdpServer::write_file(const SdpCommand& c, std::uint32_t done_word, const char* what) {
  std::vector<std::uint8_t> data;
  data.reserve(c.count);
  while (data.size() < c.count) {
    const std::optional<std::uint8_t> b = link_.read(kDataTimeout);
    if (!b) {
      say(fmt::format("{} {}: the data stopped after {} of {} bytes", what, hex(c.address),
                      data.size(), c.count));
      status_ = sdp::kFailure;
      return;
    }
    data.push_back(*b);
  }
  const std::string refused = writable(c.address, c.count);
  const bool ok = refused.empty() && bus_.write(c.address, data.data(), data.size());
  status_ = ok ? sdp::kStatusOk : sdp::kFailure;
  reply({hab_, ok ? done_word : sdp::kFailure});
  say(fmt::format("{} {} bytes to {}{}", what, c.count, hex(c.address),
                  ok ? "" : ": refused, " + (refused.empty() ? "bus error" : refused)));
}

std::optional<SdpJump> SdpServer::jump(const SdpCommand& c) {
  reply({hab_});
  std::uint8_t ivt[image::kIvtSize];
  if (!bus_.read(c.address, ivt, sizeof ivt) || !image::is_ivt(ivt, sizeof ivt)) {
    status_ = sdp::kFailure;
    say(
        fmt::format("JUMP_ADDRESS {}: no IVT there (tag D1, length 0x20, version 0x4x); the ROM "
                    "stays in the serial downloader",
                    hex(c.address)));
    return std::nullopt;
  }
  const image::Ivt v = image::decode_ivt(ivt);
  say(fmt::format("JUMP_ADDRESS {}: IVT entry {}", hex(c.address), hex(v.entry)));
  return SdpJump{c.address, v.entry};
}

}  // namespace xipsim::serial
