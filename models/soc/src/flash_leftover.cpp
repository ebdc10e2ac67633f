#include "xipsim/soc/flash_leftover.h"

#include <fmt/format.h>

#include <sstream>

#include "xipsim/core/errors.h"
#include "xipsim/core/frame_builder.h"
#include "xipsim/core/names.h"

namespace xipsim::soc {

namespace {
constexpr Picoseconds kSclk = 10'000;  // 100 MHz, the application's clock
constexpr Picoseconds kGap = 100'000;

// Mode bits that keep each vendor's part in continuous-read mode (flash-parts.md).
std::optional<std::uint8_t> continuous_mode_bits(flash::ContinuousRule rule) {
  switch (rule) {
    case flash::ContinuousRule::kM54Is10:
      return 0x20;
    case flash::ContinuousRule::kM74IsA:
      return 0xA0;
    case flash::ContinuousRule::kComplementNibbles:
      return 0xA5;
    default:
      return std::nullopt;
  }
}
}  // namespace

FlashLeftover parse_flash_leftover(const std::string& text) {
  FlashLeftover l;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    const std::size_t i =
        choose_name("flash state", item,
                    {"qpi", "4byte", "four_byte", "continuous", "continuous_read", "none"});
    if (i == 0) l.qpi = true;
    if (i == 1 || i == 2) l.four_byte = true;
    if (i == 3 || i == 4) l.continuous_read = true;
  }
  return l;
}

std::string describe(const FlashLeftover& l) {
  std::string s;
  auto add = [&](const char* w) { s += s.empty() ? w : std::string(", ") + w; };
  if (l.four_byte) add("4-byte address mode");
  if (l.continuous_read) add("continuous-read mode");
  if (l.qpi) add("QPI mode");
  if (l.opi) add("octal (OPI) mode");
  return s.empty() ? "none" : s;
}

FlashLeftover modes_of(const flash::NorDevice& device) {
  FlashLeftover l;
  // A part that powers up in 4-byte mode was not left in it.
  l.four_byte = device.four_byte() && device.part().power_on_address_bytes != 4;
  l.continuous_read = device.continuous_read();
  l.qpi = device.qpi();
  l.opi = device.opi().has_value();
  return l;
}

std::vector<std::string> leave_flash_in(flash::NorDevice& device, const FlashLeftover& l,
                                        Picoseconds t) {
  std::vector<std::string> out;
  SerialFrame frame;
  const flash::PartSpec& part = device.part();
  auto send = [&](const char* what, auto&& build) {
    frame.begin(t, kSclk);
    FrameBuilder b(frame);
    build(b);
    device.consume(frame);
    t = frame.end_ps() + kGap;
    out.push_back(what);
  };
  if (l.four_byte) {
    if (const auto* c = part.find_kind(flash::CommandKind::kEnter4Byte))
      send("enter 4-byte address mode", [&](FrameBuilder& b) { b.command(c->opcode, 1); });
    else
      out.push_back(part.name + " has no enter-4-byte command");
  }
  if (l.continuous_read) {
    const auto bits = continuous_mode_bits(part.continuous);
    const flash::CommandSpec* eb = part.lookup(0xEB, false);
    if (bits && eb) {
      const unsigned addr_bits = device.four_byte() ? 32 : 24;
      send("quad I/O read with continuous-read mode bits", [&](FrameBuilder& b) {
        b.command(0xEB, 1).address(0, addr_bits, 4).mode(*bits, 8, 4);
        b.dummy(4);
        b.read(4, 4);
      });
    } else {
      out.push_back(part.name + ": continuous-read entry is not modelled for this part");
    }
  }
  if (l.qpi) {
    if (const auto* c = part.find_kind(flash::CommandKind::kEnterQpi))
      send("enter QPI mode", [&](FrameBuilder& b) { b.command(c->opcode, 1); });
    else
      out.push_back(part.name + " has no QPI mode");
  }
  return out;
}

}  // namespace xipsim::soc
