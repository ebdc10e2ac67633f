// NorDevice: commands committed when chip select rises, busy operations on simulated time,
// power and reset, fault injection.
#include <fmt/format.h>

#include <algorithm>

#include "xipsim/flash/nor_device.h"
#include "xipsim/flash/part_loader.h"

namespace xipsim::flash {

Picoseconds NorDevice::duration_of(const Timing& t) {
  switch (options_.timing) {
    case TimingMode::kMaximum:
      return t.max;
    case TimingMode::kJitter:
      return t.typ + (t.max - t.typ) * (rng_.next() % 1001) / 1000;
    default:
      return t.typ;
  }
}

void NorDevice::load_volatile_state() {
  for (std::size_t i = 0; i < regs_.size(); ++i) {
    regs_[i] = part_->registers[i].storage == RegisterStorage::kNonVolatile
                   ? nv_[i]
                   : part_->registers[i].factory;
  }
  for (const auto& c : part_->power_on_copies)
    set_field(c.to, field(c.from));
  four_byte_ = part_->power_on_address_bytes == 4;
  if (part_->four_byte_at_power_on.valid())
    four_byte_ = field(part_->four_byte_at_power_on) == part_->four_byte_when;
  const FieldRef& fb = part_->bits.four_byte;
  if (fb.valid() && (part_->registers[static_cast<std::size_t>(fb.reg)].writable & fb.mask()))
    four_byte_ = four_byte_ || field(fb) != 0;  // ISSI: a non-volatile BAR[7] = 1
}

void NorDevice::power_on(Picoseconds t) {
  if (op_.active) apply_partial(t);
  load_volatile_state();
  qpi_ = wel_ = volatile_we_ = reset_armed_ = deep_power_down_ = false;
  continuous_ = -1;
  hyper_ = HyperState::kIdle;
  hyper_status_ = false;
  powered_ = true;
  note(t, fmt::format("power on: {}-byte addressing, SPI mode", four_byte_ ? 4 : 3));
}

void NorDevice::power_off(Picoseconds t) {
  settle(t);
  if (op_.active) {
    note(t, fmt::format("power lost during {}: partial result", to_string(op_.kind)));
    apply_partial(t);
  }
  powered_ = false;
}

void NorDevice::hardware_reset(Picoseconds t) {
  settle(t);
  note(t, "hardware reset (RESET# pin)");
  soft_reset(t, ResetScope{});
  deep_power_down_ = false;
}

void NorDevice::soft_reset(Picoseconds t, const ResetScope& scope) {
  if (op_.active) {
    note(t, fmt::format("reset during {}: operation aborted, partial result", to_string(op_.kind)));
    apply_partial(t);
  }
  const bool keep_four = !scope.four_byte && four_byte_;
  if (scope.volatile_registers) load_volatile_state();
  if (scope.four_byte) {
    // load_volatile_state() set the power-on addressing mode
    if (!scope.volatile_registers) four_byte_ = part_->power_on_address_bytes == 4;
  } else {
    four_byte_ = keep_four;
  }
  if (scope.qpi) qpi_ = false;
  if (scope.continuous) continuous_ = -1;
  wel_ = volatile_we_ = reset_armed_ = false;
}

// The protected range from BP/TB/SEC/CMP overlaps [address, address + size).
bool NorDevice::is_protected(std::uint64_t address, std::uint64_t size) const {
  const StatusBits& b = part_->bits;
  const ProtectionSpec& pr = part_->protection;
  if (!b.bp.valid() || pr.unit_bytes == 0) return false;
  const std::uint64_t total = part_->size_bytes;
  const unsigned bp = field(b.bp);
  std::uint64_t len = 0;
  if (bp >= pr.all_at) {
    len = total;
  } else if (bp > 0 && b.sec.valid() && field(b.sec)) {
    len = std::min<std::uint64_t>(std::uint64_t{pr.sec_unit_bytes} << (bp - 1), pr.sec_max_bytes);
  } else if (bp > 0) {
    len = std::min<std::uint64_t>(std::uint64_t{pr.unit_bytes} << (bp - 1), total);
  }
  const bool bottom = b.tb.valid() && field(b.tb);
  std::uint64_t lo = bottom ? 0 : total - len, hi = bottom ? len : total;
  const bool complement = b.cmp.valid() && field(b.cmp);
  const bool overlaps = address < hi && address + size > lo && len > 0;
  if (!complement) return overlaps;
  const bool inside = address >= lo && address + size <= hi && len > 0;
  return !inside;  // the complement of [lo, hi) is protected
}

void NorDevice::start_operation(CommandKind kind, std::uint64_t address, std::uint64_t size,
                                const CommandSpec& cmd, Picoseconds t) {
  op_ = Operation{};
  op_.active = true;
  op_.kind = kind;
  op_.start = t;
  op_.address = address;
  op_.size = size;
  const Timing* timing =
      cmd.timing >= 0 ? &part_->timings[static_cast<std::size_t>(cmd.timing)] : nullptr;
  op_.end = t + (timing ? duration_of(*timing) : 0);
  if (kind == CommandKind::kProgram) {
    op_.fail = fail_program_;
    fail_program_ = false;
  } else if (kind == CommandKind::kErase || kind == CommandKind::kEraseChip) {
    op_.fail = fail_erase_;
    fail_erase_ = false;
  }
}

void NorDevice::settle(Picoseconds t) {
  if (!op_.active || op_.suspended || t < op_.end) return;
  if (op_.fail) {
    const FieldRef& err =
        op_.kind == CommandKind::kProgram ? part_->bits.program_error : part_->bits.erase_error;
    if (err.valid()) set_field(err, 1);
    note(op_.end, fmt::format("{} at 0x{:X} failed (injected fault): array unchanged",
                              to_string(op_.kind), op_.address));
  } else if (op_.kind == CommandKind::kProgram) {
    array_.program(op_.address, op_.page.data(), op_.page.size());
  } else if (op_.kind == CommandKind::kErase || op_.kind == CommandKind::kEraseChip) {
    array_.erase(op_.address, op_.size);
  }
  op_.active = false;
  wel_ = false;
}

// Power loss or reset in the middle of an operation: program lands byte by byte in order,
// erase raises each cell towards 1 with probability equal to the elapsed fraction (seeded).
void NorDevice::apply_partial(Picoseconds t) {
  if (!op_.active) return;
  const Picoseconds span = op_.end > op_.start ? op_.end - op_.start : 1;
  const Picoseconds done = t > op_.start ? std::min(t - op_.start, span) : 0;
  const double frac = static_cast<double>(done) / static_cast<double>(span);
  const auto threshold = static_cast<std::uint64_t>(frac * 256.0);
  if (op_.kind == CommandKind::kProgram && !op_.fail) {
    std::size_t to_program = 0;
    for (std::uint8_t b : op_.page)
      to_program += b != 0xFF;
    const auto full = static_cast<std::size_t>(frac * static_cast<double>(to_program));
    std::size_t seen = 0;
    for (std::size_t i = 0; i < op_.page.size(); ++i) {
      if (op_.page[i] == 0xFF) continue;
      std::uint8_t value = op_.page[i];
      if (seen == full) {  // the byte being programmed: a random subset of its 0 bits
        value = static_cast<std::uint8_t>(value | (rng_.next() & 0xFF));
      } else if (seen > full) {
        break;
      }
      array_.program(op_.address + i, &value, 1);
      ++seen;
    }
  } else if ((op_.kind == CommandKind::kErase || op_.kind == CommandKind::kEraseChip) &&
             !op_.fail) {
    for (std::uint64_t a = op_.address; a < op_.address + op_.size; a += SparseArray::kPageBytes) {
      if (!array_.page(a)) continue;
      for (std::uint64_t i = 0; i < SparseArray::kPageBytes && a + i < op_.address + op_.size;
           ++i) {
        const std::uint64_t r = rng_.next();
        std::uint8_t raise = 0;
        for (int bit = 0; bit < 8; ++bit) {
          if (((r >> (8 * bit)) & 0xFF) < threshold) raise |= static_cast<std::uint8_t>(1u << bit);
        }
        const std::uint8_t v = static_cast<std::uint8_t>(array_.read(a + i) | raise);
        array_.write(a + i, &v, 1);
      }
    }
  }
  op_.active = false;
  wel_ = false;
}

void NorDevice::commit_register_write(const Window& w, Picoseconds t) {
  const CommandSpec& c = *w.cmd;
  const bool vol = c.volatile_write || volatile_we_;
  if (c.needs_wren && !wel_ && !volatile_we_) {
    note(t, fmt::format("register write 0x{:02X} ignored: write enable latch clear", c.opcode));
    return;
  }
  const StatusBits& b = part_->bits;
  if (b.srp.valid() && field(b.srp) && part_->has_quad_enable() && field(b.qe) == 0 &&
      w.wp_level == 0) {
    note(t, "register write ignored: SRP = 1 and WP# (IO2) is low");
    wel_ = volatile_we_ = false;
    return;
  }
  std::size_t pos = 0;
  for (int idx : c.registers) {
    const RegisterSpec& spec = part_->registers[static_cast<std::size_t>(idx)];
    if (pos + spec.bytes > data_in_.size()) {
      if (!c.short_write_clears) break;  // a short write leaves the remaining registers
      write_register_value(idx, 0, !vol);
      continue;
    }
    std::uint32_t v = 0;
    for (unsigned k = 0; k < spec.bytes; ++k)
      v |= static_cast<std::uint32_t>(data_in_[pos + k]) << (8 * k);  // LSB first
    pos += spec.bytes;
    write_register_value(idx, v, !vol);
    if (b.four_byte.reg == idx && (spec.writable & b.four_byte.mask()))
      four_byte_ = field(b.four_byte);
  }
  volatile_we_ = false;
  if (!vol && c.timing >= 0) {
    start_operation(CommandKind::kWriteRegister, 0, 0, c, t);
  } else {
    wel_ = false;
  }
}

// 72h: the first data byte goes to the configuration register the address selects (volatile);
// a new bus mode (MX25UM CR2 at 0) applies from the next window.
void NorDevice::commit_config_write(const Window& w, Picoseconds t) {
  wel_ = false;
  const int idx = config_register(w.address);
  if (idx < 0) {
    note(t, fmt::format("configuration write to address 0x{:08X}: {} has no register there; "
                        "ignored",
                        w.address, part_->name));
    return;
  }
  const auto before = opi();
  write_register_value(idx, data_in_[0], false);
  const auto after = opi();
  if (before != after)
    note(t, fmt::format("{} = 0x{:02X}: the part now decodes {}",
                        part_->registers[static_cast<std::size_t>(idx)].name, data_in_[0],
                        bus_mode_name(after)));
}

bool NorDevice::wel_or_note(const CommandSpec& c, Picoseconds t) {
  if (!c.needs_wren || wel_) return true;
  note(t, fmt::format("opcode 0x{:02X} ({}) ignored: write enable latch clear (06h first)",
                      c.opcode, to_string(c.kind)));
  return false;
}

// Page program: data wraps inside the page; more than a page keeps the last page's worth.
void NorDevice::commit_program(const Window& w, const CommandSpec& c, Picoseconds t) {
  const std::uint64_t a = full_address(w);
  const std::uint64_t page = part_->page_bytes;
  const std::uint64_t base = a - a % page;
  if (is_protected(base, page)) {
    note(t, fmt::format("program at 0x{:X} skipped: block protected", a));
    if (part_->bits.protect_error.valid()) set_field(part_->bits.protect_error, 1);
    wel_ = false;
    return;
  }
  start_operation(CommandKind::kProgram, base, page, c, t);
  op_.page.assign(page, 0xFF);
  for (std::size_t k = 0; k < data_in_.size(); ++k)
    op_.page[(a % page + k) % page] = data_in_[k];
}

void NorDevice::commit_erase(const Window& w, const CommandSpec& c, Picoseconds t) {
  const bool chip = c.kind == CommandKind::kEraseChip;
  const std::uint64_t size = chip ? part_->size_bytes : c.erase_bytes;
  const std::uint64_t a = chip ? 0 : full_address(w) - full_address(w) % size;
  if (is_protected(a, size)) {
    note(t, fmt::format("erase of 0x{:X}+0x{:X} skipped: block protected", a, size));
    if (part_->bits.protect_error.valid()) set_field(part_->bits.protect_error, 1);
    wel_ = false;
    return;
  }
  start_operation(c.kind, a, size, c, t);
}

// Commands without address or data that act when CS rises right after their opcode.
void NorDevice::commit_bare(const CommandSpec& c, Picoseconds t) {
  switch (c.kind) {
    case CommandKind::kWriteEnable:
      wel_ = true;
      break;
    case CommandKind::kWriteDisable:
      wel_ = volatile_we_ = false;
      break;
    case CommandKind::kVolatileWriteEnable:
      volatile_we_ = true;
      break;
    case CommandKind::kResetEnable:
      reset_armed_ = true;
      break;
    case CommandKind::kReset:
      if (!reset_armed_) break;
      note(t, "software reset (66h/99h)");
      soft_reset(t, part_->soft_reset);
      break;
    case CommandKind::kPowerDown:
      deep_power_down_ = true;
      break;
    case CommandKind::kEnterQpi:
    case CommandKind::kExitQpi:
      qpi_ = c.kind == CommandKind::kEnterQpi;
      break;
    case CommandKind::kSuspend:
    case CommandKind::kResume:
      suspend_or_resume(c.kind == CommandKind::kSuspend, t);
      break;
    case CommandKind::kClearFlagStatus:
      for (const FieldRef* e :
           {&part_->bits.program_error, &part_->bits.erase_error, &part_->bits.protect_error}) {
        if (e->valid()) set_field(*e, 0);
      }
      break;
    default:
      break;  // reads have no effect at CS high
  }
}

void NorDevice::suspend_or_resume(bool suspend, Picoseconds t) {
  if (suspend && op_.active && !op_.suspended && op_.kind != CommandKind::kWriteRegister) {
    op_.suspended = true;
    op_.suspended_left = op_.end > t ? op_.end - t : 0;
  } else if (!suspend && op_.active && op_.suspended) {
    op_.suspended = false;
    op_.end = t + op_.suspended_left;
  }
}

void NorDevice::commit(Window& w, const SerialFrame& f) {
  const CommandSpec& c = *w.cmd;
  const Picoseconds t = f.end_ps();
  const bool clean_end = (w.phase == Phase::kTrailing && w.extra_bits == 0);
  const bool bytes_in = w.phase == Phase::kDataIn && !data_in_.empty() && w.bits == 0;
  switch (c.kind) {
    case CommandKind::kWriteRegister:
      if (bytes_in) commit_register_write(w, t);
      break;
    case CommandKind::kWriteConfig:
      if (bytes_in && wel_or_note(c, t)) commit_config_write(w, t);
      break;
    case CommandKind::kProgram:
      if (bytes_in && wel_or_note(c, t)) commit_program(w, c, t);
      break;
    case CommandKind::kErase:
    case CommandKind::kEraseChip:
      if (clean_end && wel_or_note(c, t)) commit_erase(w, c, t);
      break;
    case CommandKind::kEnter4Byte:
    case CommandKind::kExit4Byte:
      if (!clean_end || !wel_or_note(c, t)) break;
      four_byte_ = c.kind == CommandKind::kEnter4Byte;
      if (c.needs_wren) wel_ = false;
      break;
    case CommandKind::kReleasePowerDown:
      deep_power_down_ = false;  // ABh wakes the part whatever follows it
      break;
    default:
      if (clean_end) commit_bare(c, t);
  }
  if (!clean_end && w.phase == Phase::kTrailing && w.extra_bits > 0)
    note(t, fmt::format("opcode 0x{:02X} ignored: chip select rose {} bits after the command",
                        c.opcode, w.extra_bits));
}

}  // namespace xipsim::flash
