// Octal parts in OPI mode (Macronix MX25UM51345G style). The part powers up in SPI and decodes
// frames with the SPI state machine (nor_device.cpp); once its mode register selects OPI (a
// write_config of CR2 at address 0, committed at CS high), every window is decoded here:
//   opcode, extension (the opcode inverted), a 4-byte address where the command has one, the
//   command's dummy clocks, then data, all on IO0..IO7.
// STR OPI samples on rising edges only; DTR OPI takes one byte per edge and drives DQS with the
// data it sends (high with the rising-edge byte, low with the falling-edge byte), which is the
// strobe RXCLKSRC 3 samples with. A controller that sends SDR slots to a DTR part shows every
// byte twice (the part sees the held value on both edges), so the extension check fails: the
// mismatch falls out of the decoding, as on silicon. Sources: docs/flash-model.md "Octal parts".
#include <fmt/format.h>

#include "xipsim/flash/nor_device.h"
#include "xipsim/flash/part_loader.h"

namespace xipsim::flash {

namespace {
bool shifts_out(CommandKind k) {
  return k == CommandKind::kRead || k == CommandKind::kReadSfdp || k == CommandKind::kReadId ||
         k == CommandKind::kReadRegister || k == CommandKind::kReadConfig;
}
bool takes_data(CommandKind k) {
  return k == CommandKind::kProgram || k == CommandKind::kWriteRegister ||
         k == CommandKind::kWriteConfig;
}
}  // namespace

std::optional<OpiRate> NorDevice::opi() const {
  const OctalSpec& o = part_->octal;
  if (!o.valid()) return std::nullopt;
  const std::uint32_t v = field(o.mode);
  if (v == o.dtr_value) return OpiRate::kDtr;
  if (v == o.str_value) return OpiRate::kStr;
  return std::nullopt;
}

void NorDevice::consume_opi(SerialFrame& f, OpiRate rate) {
  const bool dtr = rate == OpiRate::kDtr;
  data_in_.clear();
  opi_points_.clear();
  for (std::size_t i = 0; i < f.size(); ++i) {
    const bool falling = f[i].flags & kSlotFalling;
    if (!dtr && falling) continue;  // STR: rising edges only
    opi_points_.push_back({i, false});
    if (dtr && !(f[i].flags & kSlotDdr)) opi_points_.push_back({i, true});  // held for a clock
  }
  Window w;
  std::size_t next = 0;
  if (!opi_header(w, f, next, dtr)) return;
  const CommandKind k = w.cmd->kind;
  if (shifts_out(k)) {
    next += dummy_cycles(*w.cmd) * (dtr ? 2u : 1u);
    w.phase = Phase::kDataOut;
    if (next < opi_points_.size()) opi_drive(w, f, next, dtr);
  } else if (takes_data(k)) {
    w.phase = Phase::kDataIn;
    for (; next < opi_points_.size(); ++next)
      data_in_.push_back(static_cast<std::uint8_t>(f.level(opi_points_[next].slot)));
  } else {
    w.phase = Phase::kTrailing;
    w.extra_bits = static_cast<unsigned>(8 * (opi_points_.size() - next));
  }
  end_window(w, f);
}

// Opcode, extension and address; false when the part ignores the window.
bool NorDevice::opi_header(Window& w, const SerialFrame& f, std::size_t& next, bool dtr) {
  const char* mode = dtr ? "DTR OPI (8D-8D-8D)" : "STR OPI (8S-8S-8S)";
  if (opi_points_.size() < 2) return false;  // chip select rose before a whole command
  const Picoseconds t = f.slot_time(opi_points_[0].slot);
  const auto op = static_cast<std::uint8_t>(f.level(opi_points_[0].slot));
  const auto ext = static_cast<std::uint8_t>(f.level(opi_points_[1].slot));
  if (ext != static_cast<std::uint8_t>(~op)) {
    note(t, fmt::format("{}: command 0x{:02X} 0x{:02X} ignored: the second byte must be the "
                        "first inverted (0x{:02X})",
                        mode, op, ext, static_cast<std::uint8_t>(~op)));
    return false;
  }
  const CommandSpec* c = part_->lookup_opi(op);
  if (c && c->rate != OpiRate::kAny && (c->rate == OpiRate::kDtr) != dtr) {
    note(t, fmt::format("opcode 0x{:02X} is a {}-only command; the part is in {}: ignored", op,
                        c->rate == OpiRate::kDtr ? "DTR" : "STR", mode));
    return false;
  }
  if (!accept_command(w, c, op, t, mode)) return false;
  next = 2;
  if (c->address == AddressMode::kNone) return true;
  if (opi_points_.size() < next + 4) return false;  // an incomplete address: nothing happens
  std::uint32_t a = 0;
  for (unsigned i = 0; i < 4; ++i)
    a = a << 8 | static_cast<std::uint8_t>(f.level(opi_points_[next++].slot));
  w.address = a;
  w.addr_bits = 32;
  return true;
}

// Data out from sample point `next` on: one byte per point; in DTR the part drives DQS with it.
void NorDevice::opi_drive(Window& w, SerialFrame& f, std::size_t next, bool dtr) {
  const std::size_t count = opi_points_.size() - next;
  const bool hold = dtr && part_->octal.dtr_registers_repeat && w.cmd->kind != CommandKind::kRead &&
                    w.cmd->kind != CommandKind::kReadSfdp;
  const std::size_t bytes = hold ? (count + 1) / 2 : count;
  if (w.cmd->kind == CommandKind::kRead) {
    fill_array(w, bytes);
  } else {
    fill_bytes(w, f, opi_points_[next].slot, bytes, hold ? 2 : 1);
  }
  const std::uint16_t drive = dtr ? line::kAllIo | line::kDqs : line::kAllIo;
  for (std::size_t k = 0; k < count; ++k) {
    const OpiPoint& p = opi_points_[next + k];
    if (p.second) continue;  // an SDR slot keeps the byte of its first edge
    FrameSlot& s = f[p.slot];
    const bool rising = !(s.flags & kSlotFalling);
    s.flash_value =
        static_cast<std::uint16_t>(scratch_[hold ? k / 2 : k] | (dtr && rising ? line::kDqs : 0));
    s.flash_drive = drive;
  }
}

}  // namespace xipsim::flash
