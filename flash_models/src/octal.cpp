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

const char* bus_mode_name(std::optional<OpiRate> rate) {
  if (!rate) return "SPI (1-pad)";
  return *rate == OpiRate::kDtr ? "DTR OPI (8D-8D-8D)" : "STR OPI (8S-8S-8S)";
}

// Walks the samples an OPI part takes in one window without storing them: every slot in DTR (an
// SDR slot twice, as the controller holds its value for the whole clock), rising edges in STR.
class NorDevice::OpiCursor {
 public:
  OpiCursor(const SerialFrame& f, bool dtr) : f_(f), dtr_(dtr) {}
  // Moves to the next sample; false at the end of the window.
  bool next() {
    if (pending_second_) {
      pending_second_ = false;
      second_ = true;
      return true;
    }
    while (next_ < f_.size()) {
      const std::size_t i = next_++;
      if (!dtr_ && (f_[i].flags & kSlotFalling)) continue;
      slot_ = i;
      second_ = false;
      pending_second_ = dtr_ && !(f_[i].flags & kSlotDdr);
      return true;
    }
    return false;
  }
  bool skip(std::size_t n) {
    for (std::size_t k = 0; k < n; ++k)
      if (!next()) return false;
    return true;
  }
  // Samples after the current one.
  std::size_t remaining() const {
    OpiCursor c = *this;
    std::size_t n = 0;
    while (c.next())
      ++n;
    return n;
  }
  std::uint8_t value() const { return static_cast<std::uint8_t>(f_.level(slot_)); }
  std::size_t slot() const { return slot_; }
  bool second() const { return second_; }  // the held second half of an SDR slot

 private:
  const SerialFrame& f_;
  bool dtr_;
  std::size_t next_ = 0, slot_ = 0;
  bool second_ = false, pending_second_ = false;
};

void NorDevice::consume_opi(SerialFrame& f, OpiRate rate) {
  const bool dtr = rate == OpiRate::kDtr;
  data_in_.clear();
  OpiCursor cur(f, dtr);
  Window w;
  if (!opi_header(w, f, cur, rate)) return;
  const CommandKind k = w.cmd->kind;
  if (shifts_out(k)) {
    w.phase = Phase::kDataOut;
    if (cur.skip(dummy_cycles(*w.cmd) * (dtr ? 2u : 1u))) opi_drive(w, f, cur, dtr);
  } else if (takes_data(k)) {
    w.phase = Phase::kDataIn;
    while (cur.next())
      data_in_.push_back(cur.value());
  } else {
    w.phase = Phase::kTrailing;
    w.extra_bits = static_cast<unsigned>(8 * cur.remaining());
  }
  end_window(w, f);
}

// Opcode, extension and address; false when the part ignores the window.
bool NorDevice::opi_header(Window& w, const SerialFrame& f, OpiCursor& cur, OpiRate rate) {
  const bool dtr = rate == OpiRate::kDtr;
  const char* mode = bus_mode_name(rate);
  if (!cur.next()) return false;
  const Picoseconds t = f.slot_time(cur.slot());
  const std::uint8_t op = cur.value();
  if (!cur.next()) return false;  // chip select rose before a whole command
  const std::uint8_t ext = cur.value();
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
  if (c->address == AddressMode::kNone) return true;
  std::uint32_t a = 0;
  for (unsigned i = 0; i < 4; ++i) {
    if (!cur.next()) return false;  // an incomplete address: nothing happens
    a = a << 8 | cur.value();
  }
  w.address = a;
  w.addr_bits = 32;
  return true;
}

// Data out from the sample after `cur` on: one byte per sample; in DTR the part drives DQS with
// it (high with the rising-edge byte, low with the falling-edge byte).
void NorDevice::opi_drive(Window& w, SerialFrame& f, OpiCursor cur, bool dtr) {
  const std::size_t count = cur.remaining();
  if (count == 0) return;
  const bool hold = dtr && part_->octal.dtr_registers_repeat && w.cmd->kind != CommandKind::kRead &&
                    w.cmd->kind != CommandKind::kReadSfdp;
  const std::size_t bytes = hold ? (count + 1) / 2 : count;
  if (w.cmd->kind == CommandKind::kRead) {
    fill_array(w, bytes);
  } else {
    OpiCursor first = cur;
    first.next();
    fill_bytes(w, f, first.slot(), bytes, hold ? 2 : 1);
  }
  const std::uint16_t drive = dtr ? line::kAllIo | line::kDqs : line::kAllIo;
  for (std::size_t k = 0; cur.next(); ++k) {
    if (cur.second()) continue;  // an SDR slot keeps the byte of its first edge
    FrameSlot& s = f[cur.slot()];
    const bool rising = !(s.flags & kSlotFalling);
    s.flash_value =
        static_cast<std::uint16_t>(scratch_[hold ? k / 2 : k] | (dtr && rising ? line::kDqs : 0));
    s.flash_drive = drive;
  }
}

}  // namespace xipsim::flash
