// NorDevice: decoding one chip-select window, cycle by cycle.
#include "xipsim/flash/nor_device.h"

#include <fmt/format.h>

#include <algorithm>

#include "xipsim/flash/part_loader.h"
#include "xipsim/flash/sfdp.h"

namespace xipsim::flash {

NorDevice::NorDevice(std::shared_ptr<const PartSpec> part, DeviceOptions options)
    : part_(std::move(part)),
      options_(options),
      array_(part_->size_bytes),
      sfdp_(build_sfdp(*part_)),
      rng_(options.seed) {
  for (const auto& r : part_->registers) {
    regs_.push_back(r.factory);
    nv_.push_back(r.factory);
  }
}

std::optional<Picoseconds> NorDevice::busy_until() const {
  if (!op_.active || op_.suspended) return std::nullopt;
  return op_.end;
}

void NorDevice::note(Picoseconds t, std::string text) {
  constexpr std::size_t kMaxEvents = 4096;  // a runaway guest must not exhaust memory
  if (notes_.size() < kMaxEvents) notes_.push_back(TimedNote{t, std::move(text)});
}

unsigned NorDevice::dummy_cycles(const CommandSpec& c) const {
  if (!c.dummy.field.valid()) return c.dummy.fixed;
  return c.dummy.table[field(c.dummy.field)];
}

// With QE clear, IO2/IO3 are WP#/HOLD#: the part does not decode commands that need them.
bool NorDevice::quad_blocked(const CommandSpec& c) const {
  if (qpi_ || !part_->has_quad_enable()) return false;
  if (c.addr_pads != 4 && c.data_pads != 4) return false;
  return field(part_->bits.qe) == 0;
}

std::uint32_t NorDevice::full_address(const Window& w) const {
  std::uint64_t a = w.address;
  if (w.addr_bits == 24 && part_->bits.upper_address.valid())
    a |= static_cast<std::uint64_t>(field(part_->bits.upper_address)) << 24;
  return static_cast<std::uint32_t>(a % part_->size_bytes);
}

void NorDevice::start_window(Window& w, const SerialFrame& f) {
  w.wp_level = (f.level(0) & line::kIo2) ? 1 : 0;
  data_in_.clear();
  if (deep_power_down_ || continuous_ < 0) return;
  // Continuous-read mode: the window starts with the address of the read the part continues.
  w.cmd = &part_->commands[static_cast<std::size_t>(continuous_)];
  w.from_continuous = true;
  const Picoseconds t = f.start_ps();
  if (busy_at(t)) {
    note(t, fmt::format("continuous read (0x{:02X}) while busy: the part ignores the window",
                        w.cmd->opcode));
    w.phase = Phase::kIgnore;
    return;
  }
  enter_address_or_next(w, t);
}

void NorDevice::begin_command(Window& w, std::uint8_t opcode, Picoseconds t) {
  if (accept_command(w, part_->lookup(opcode, qpi_), opcode, t,
                     qpi_ ? "QPI (4-4-4)" : "SPI (1-pad)"))
    enter_address_or_next(w, t);
}

// Whether the part decodes `c` (the command `opcode` names in the current bus mode) now.
bool NorDevice::accept_command(Window& w, const CommandSpec* c, std::uint8_t opcode, Picoseconds t,
                               const char* mode) {
  const bool reset_follows = c && c->kind == CommandKind::kReset && reset_armed_;
  if (!reset_follows) reset_armed_ = false;  // any opcode other than 99h disarms 66h
  w.phase = Phase::kIgnore;
  if (!c) {
    note(t, fmt::format("opcode 0x{:02X} is not a {} command of {}; ignored", opcode, mode,
                        part_->name));
    return false;
  }
  if (deep_power_down_ && c->kind != CommandKind::kReleasePowerDown) {
    note(t, fmt::format("opcode 0x{:02X} ignored: deep power-down (release with 0xAB)", opcode));
    return false;
  }
  if (busy_at(t) && std::find(part_->busy_accepts.begin(), part_->busy_accepts.end(), c->kind) ==
                        part_->busy_accepts.end()) {
    note(t, fmt::format("opcode 0x{:02X} ({}) ignored: busy with a program/erase until {} ps",
                        opcode, to_string(c->kind), op_.end));
    return false;
  }
  if (quad_blocked(*c)) {
    note(t, fmt::format("opcode 0x{:02X} ignored: QE is clear, so IO2/IO3 are WP#/HOLD# and the "
                        "part does not decode quad commands",
                        opcode));
    return false;
  }
  w.cmd = c;
  return true;
}

void NorDevice::enter_address_or_next(Window& w, Picoseconds) {
  const CommandSpec& c = *w.cmd;
  w.shift = 0;
  w.bits = 0;
  if (c.address != AddressMode::kNone) {
    const bool four =
        c.address == AddressMode::kFourByte || (c.address == AddressMode::kCurrent && four_byte_);
    w.addr_bits = four ? 32 : 24;
    w.phase = Phase::kAddress;
    return;
  }
  switch (c.kind) {
    case CommandKind::kReadId:
    case CommandKind::kReadRegister:
      w.phase = Phase::kDataOut;
      break;
    case CommandKind::kWriteRegister:
      w.phase = Phase::kDataIn;
      break;
    default:
      w.phase = Phase::kTrailing;
  }
}

void NorDevice::after_address(Window& w) {
  const CommandSpec& c = *w.cmd;
  w.shift = 0;
  w.bits = 0;
  if (c.kind == CommandKind::kProgram || c.kind == CommandKind::kWriteConfig) {
    w.phase = Phase::kDataIn;
    return;
  }
  if (c.kind != CommandKind::kRead && c.kind != CommandKind::kReadSfdp &&
      c.kind != CommandKind::kReadConfig) {
    w.phase = Phase::kTrailing;
    return;
  }
  const unsigned total = dummy_cycles(c);
  const unsigned mode = std::min(total, c.mode_cycles);
  w.dummy_left = total - mode;
  if (mode > 0) {
    w.phase = Phase::kMode;
  } else {
    w.phase = w.dummy_left > 0 ? Phase::kDummy : Phase::kDataOut;
  }
}

void NorDevice::after_mode(Window& w, Picoseconds) {
  const unsigned m = w.mode & 0xFF;
  bool keep = false;
  switch (part_->continuous) {
    case ContinuousRule::kM54Is10:
      keep = ((m >> 4) & 3u) == 2u;
      break;
    case ContinuousRule::kM74IsA:
      keep = (m >> 4) == 0xAu;
      break;
    case ContinuousRule::kComplementNibbles:
      keep = (m >> 4) == (~m & 0xFu);
      break;
    default:
      break;
  }
  w.mode_seen = true;
  w.stay_continuous = keep && w.cmd->continuous;
  w.phase = w.dummy_left > 0 ? Phase::kDummy : Phase::kDataOut;
}

// One rising-edge slot of the command, address, mode, dummy or data-in phase.
void NorDevice::decode_slot(Window& w, const SerialFrame& f, std::size_t i) {
  const unsigned qpi_pads = qpi_ ? 4 : 1;
  const std::uint16_t lv = f.level(i);
  switch (w.phase) {
    case Phase::kCommand:
      w.shift = (w.shift << qpi_pads) | (lv & line::io_mask(qpi_pads));
      w.bits += qpi_pads;
      if (w.bits >= 8) begin_command(w, static_cast<std::uint8_t>(w.shift), f.slot_time(i));
      break;
    case Phase::kAddress: {
      const unsigned pads = w.cmd->addr_pads;
      w.shift = (w.shift << pads) | (lv & line::io_mask(pads));
      w.bits += pads;
      if (w.bits >= w.addr_bits) {
        w.address = static_cast<std::uint32_t>(w.shift);
        after_address(w);
      }
      break;
    }
    case Phase::kMode: {
      const unsigned pads = w.cmd->addr_pads;
      w.mode = (w.mode << pads) | (lv & line::io_mask(pads));
      w.bits += pads;
      if (w.bits >= w.cmd->mode_cycles * pads) after_mode(w, f.slot_time(i));
      break;
    }
    case Phase::kDummy:
      if (part_->continuous == ContinuousRule::kXipBit && !w.mode_seen &&
          w.cmd->kind == CommandKind::kRead) {
        // Micron XIP confirmation bit: DQ0 in the first dummy cycle; 0 keeps XIP.
        const bool enabled =
            w.from_continuous || (part_->xip_enable.valid() && field(part_->xip_enable) == 0);
        w.mode_seen = true;
        w.stay_continuous = enabled && w.cmd->continuous && (lv & line::kIo0) == 0;
      }
      if (--w.dummy_left == 0) w.phase = Phase::kDataOut;
      break;
    case Phase::kDataIn: {
      const unsigned pads = w.cmd->data_pads;
      w.shift = (w.shift << pads) | (lv & line::io_mask(pads));
      w.bits += pads;
      if (w.bits >= 8) {
        data_in_.push_back(static_cast<std::uint8_t>(w.shift));
        w.shift = 0;
        w.bits = 0;
      }
      break;
    }
    case Phase::kTrailing:
      w.extra_bits += qpi_pads;
      break;
    default:
      break;
  }
}

void NorDevice::consume(SerialFrame& f) {
  ++frames_;
  settle(f.start_ps());
  if (!powered_ || f.empty()) return;
  if (part_->protocol == Protocol::kHyperBus) {
    consume_hyperbus(f);
    return;
  }
  if (const auto rate = opi()) {
    consume_opi(f, *rate);
    return;
  }
  Window w;
  start_window(w, f);
  const std::size_t n = f.size();
  std::size_t i = 0;
  while (i < n) {
    if (w.phase == Phase::kDataOut) {
      i = drive_data(w, f, i);
      continue;
    }
    if (w.phase == Phase::kIgnore) break;
    if (f[i].flags & kSlotFalling) {  // an SDR device samples on rising edges only
      ++i;
      continue;
    }
    decode_slot(w, f, i);
    ++i;
  }
  end_window(w, f);
}

std::size_t NorDevice::drive_data(Window& w, SerialFrame& f, std::size_t slot) {
  if (w.cmd->kind == CommandKind::kRead) return drive_array(w, f, slot);
  return drive_bytes(w, f, slot);
}

namespace {
// Puts `count` bytes on the frame from `slot` on `pads` pads, MSB first; in DDR frames the
// device holds each value over both halves of a cycle. Returns the slot after the last one.
std::size_t spread(SerialFrame& f, std::size_t slot, unsigned pads, const std::uint8_t* bytes,
                   std::size_t count) {
  const std::size_t n = f.size();
  FrameSlot* s = f.data();
  if (pads == 4 && !f.has_ddr()) {  // the XIP fast path: two slots per byte
    std::size_t i = slot;
    for (std::size_t b = 0; i + 1 < n && b < count; ++b, i += 2) {
      s[i].flash_value = bytes[b] >> 4;
      s[i].flash_drive = 0xF;
      s[i + 1].flash_value = bytes[b] & 0xF;
      s[i + 1].flash_drive = 0xF;
    }
    if (i < n && (i - slot) / 2 < count) {  // an odd last slot carries a high nibble
      s[i].flash_value = bytes[(i - slot) / 2] >> 4;
      s[i].flash_drive = 0xF;
    }
    return n;
  }
  const std::uint16_t drive = pads == 1 ? line::kSingleInput : line::io_mask(pads);
  const unsigned per_byte = 8 / pads;
  std::size_t i = slot;
  for (std::size_t b = 0; b < count; ++b) {
    for (unsigned k = 0; k < per_byte; ++k) {
      while (i < n && (s[i].flags & kSlotFalling)) {
        s[i].flash_value = s[i - 1].flash_value;
        s[i].flash_drive = s[i - 1].flash_drive;
        ++i;
      }
      if (i >= n) return n;
      const unsigned chunk = (bytes[b] >> (8 - pads * (k + 1))) & line::io_mask(pads);
      s[i].flash_value = static_cast<std::uint16_t>(pads == 1 ? chunk << 1 : chunk);
      s[i].flash_drive = drive;
      ++i;
    }
  }
  return n;
}

std::size_t bytes_for_slots(std::size_t slots, unsigned pads) {
  return (slots * pads + 7) / 8;
}
}  // namespace

void NorDevice::fill_array(const Window& w, std::size_t count) {
  scratch_.resize(count);
  const std::uint32_t a = full_address(w);
  array_.read(a, scratch_.data(), count);
  for (const auto& s : stuck_) {
    const std::uint64_t off = (s.address + part_->size_bytes - a) % part_->size_bytes;
    if (off < count)
      scratch_[off] = static_cast<std::uint8_t>((scratch_[off] & ~s.mask) | (s.value & s.mask));
  }
}

std::size_t NorDevice::drive_array(Window& w, SerialFrame& f, std::size_t slot) {
  const unsigned pads = w.cmd->data_pads;
  fill_array(w, bytes_for_slots(f.size() - slot, pads));
  return spread(f, slot, pads, scratch_.data(), scratch_.size());
}

int NorDevice::config_register(std::uint32_t address) const {
  for (std::size_t i = 0; i < part_->registers.size(); ++i)
    if (part_->registers[i].config_address == address) return static_cast<int>(i);
  return -1;
}

// The bytes a register, ID, SFDP or configuration read shifts out, `slots_per_byte` apart.
void NorDevice::fill_bytes(const Window& w, const SerialFrame& f, std::size_t slot,
                           std::size_t count, unsigned slots_per_byte) {
  const CommandSpec& c = *w.cmd;
  scratch_.resize(count);
  if (c.kind == CommandKind::kReadRegister) {
    // Registers repeat while clocked; the busy bits are evaluated at each byte's own time.
    std::size_t k = 0, reg = 0, byte_in_reg = 0;
    while (k < count) {
      const int idx = c.registers[reg % c.registers.size()];
      const RegisterSpec& spec = part_->registers[static_cast<std::size_t>(idx)];
      const std::uint32_t v = live_register(idx, f.slot_time(slot + k * slots_per_byte));
      scratch_[k++] = static_cast<std::uint8_t>(v >> (8 * byte_in_reg));  // LSB first
      if (++byte_in_reg == spec.bytes) {
        byte_in_reg = 0;
        ++reg;
      }
    }
  } else if (c.kind == CommandKind::kReadId) {
    for (std::size_t k = 0; k < count; ++k)
      scratch_[k] = part_->jedec_id[k % part_->jedec_id.size()];
  } else if (c.kind == CommandKind::kReadConfig) {  // the addressed register, repeated
    const int idx = config_register(w.address);
    const std::uint8_t v =
        idx < 0 ? 0xFF : static_cast<std::uint8_t>(live_register(idx, f.start_ps()));
    std::fill(scratch_.begin(), scratch_.end(), v);
  } else {  // SFDP: bytes past the table read as 0xFF
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t at = (w.address & 0xFFFFFF) + k;
      scratch_[k] = at < sfdp_.size() ? sfdp_[at] : 0xFF;
    }
  }
}

std::size_t NorDevice::drive_bytes(Window& w, SerialFrame& f, std::size_t slot) {
  const unsigned pads = w.cmd->data_pads;
  fill_bytes(w, f, slot, bytes_for_slots(f.size() - slot, pads), 8 / pads);
  return spread(f, slot, pads, scratch_.data(), scratch_.size());
}

void NorDevice::end_window(Window& w, const SerialFrame& f) {
  if (w.cmd && w.cmd->kind == CommandKind::kRead && w.mode_seen) {
    const int idx = static_cast<int>(w.cmd - part_->commands.data());
    if (w.stay_continuous && continuous_ < 0)
      note(f.start_ps(), fmt::format("mode bits 0x{:02X} after 0x{:02X}: the part enters "
                                     "continuous-read mode (next window starts with the address)",
                                     w.mode & 0xFF, w.cmd->opcode));
    if (!w.stay_continuous && continuous_ >= 0)
      note(f.start_ps(), "mode bits end continuous-read mode");
    continuous_ = w.stay_continuous ? idx : -1;
  }
  if (w.phase != Phase::kIgnore && w.cmd) commit(w, f);
}

}  // namespace xipsim::flash
