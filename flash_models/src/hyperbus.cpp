// HyperBus parts (HyperFlash): every window starts with a 48-bit command-address word on 8 pads
// DDR (6 half cycles), then data on both edges. Reads start `read_latency_clocks` after the
// command-address and toggle RWDS (the DQS line) with every byte as the read strobe; writes carry
// 16-bit words right after it, which memory writes interpret as CFI-style command cycles
// (unlock AAh/55h at 555h/2AAh, sector erase 80h..30h, write buffer 25h..29h, status 70h).
// Sources: ../shared/docs/flash-parts.md "S26KS512S HyperFlash" (the RT1052 mflash command set)
// and the HyperBus command-address layout: CA[47] R/W# (1 read), CA[46] address space (1 register),
// CA[45] burst type, CA[44:16] row = word address [31:3], CA[2:0] = word address [2:0].
// Byte order: a 16-bit word travels high byte first; the array stores bytes in that bus order, so
// the FlexSPI's AHB reads see the bytes as they were programmed (an assumption; see
// docs/flash-model.md).
#include <fmt/format.h>

#include <algorithm>

#include "xipsim/flash/nor_device.h"
#include "xipsim/flash/part_loader.h"

namespace xipsim::flash {

namespace {
constexpr std::size_t kCaSlots = 6;        // 48 bits on 8 pads, DDR
constexpr std::uint8_t kStatusReady = 0x80;  // status register DRB: device ready
bool is(std::uint64_t word, unsigned low12) {
  return (word & 0xFFF) == low12;  // command cycles decode A11-A0 only
}
}  // namespace

void NorDevice::consume_hyperbus(SerialFrame& f) {
  if (f.size() < kCaSlots) return;  // not a HyperBus transaction: nothing decoded
  std::uint8_t ca[kCaSlots];
  for (std::size_t i = 0; i < kCaSlots; ++i)
    ca[i] = static_cast<std::uint8_t>(f[i].ctrl_value & f[i].ctrl_drive & 0xFF);
  const bool read = ca[0] & 0x80, registers = ca[0] & 0x40;
  const std::uint64_t row = std::uint64_t{ca[0] & 0x1Fu} << 24 | std::uint64_t{ca[1]} << 16 |
                            std::uint64_t{ca[2]} << 8 | ca[3];
  const std::uint64_t word = row << 3 | (ca[5] & 7u);
  if (read) {
    hyper_read(f, word, registers, kCaSlots + 2 * part_->hyperbus.read_latency_clocks);
    return;
  }
  for (std::size_t i = kCaSlots; i + 1 < f.size(); i += 2) {
    const std::uint16_t value = static_cast<std::uint16_t>((f[i].ctrl_value & 0xFF) << 8 |
                                                           (f[i + 1].ctrl_value & 0xFF));
    hyper_write_cycle(word + (i - kCaSlots) / 2, value, f.start_ps());
  }
}

void NorDevice::hyper_read(SerialFrame& f, std::uint64_t word, bool registers, std::size_t first) {
  const bool busy = busy_at(f.start_ps());
  const bool status = hyper_status_ || busy;
  hyper_status_ = false;
  if (registers) note(f.start_ps(), "HyperBus register-space read: not modelled, reads 0");
  const std::uint64_t size = part_->size_bytes;
  for (std::size_t i = first, k = 0; i < f.size(); ++i, ++k) {
    std::uint8_t b = 0;
    if (status) {
      b = (k & 1) ? static_cast<std::uint8_t>(busy ? 0 : kStatusReady) : 0;
    } else if (!registers) {
      array_.read((word * 2 + k) % size, &b, 1);
    }
    f[i].flash_value = static_cast<std::uint16_t>(b | ((k & 1) ? 0 : line::kDqs));
    f[i].flash_drive = static_cast<std::uint16_t>(line::kAllIo | line::kDqs);  // RWDS toggles
  }
}

void NorDevice::hyper_write_cycle(std::uint64_t word, std::uint16_t value, Picoseconds t) {
  const std::uint8_t v = static_cast<std::uint8_t>(value);
  if (busy_at(t)) {
    if (is(word, 0x555) && v == 0x70) hyper_status_ = true;
    else note(t, fmt::format("HyperBus write {:04X}h at word 0x{:X} ignored: busy", value, word));
    return;
  }
  const HyperState s = hyper_;
  hyper_ = HyperState::kIdle;
  switch (s) {
    case HyperState::kIdle:
      if (is(word, 0x555) && v == 0xAA) hyper_ = HyperState::kUnlock1;
      if (is(word, 0x555) && v == 0x70) hyper_status_ = true;
      if (v == 0xF0) hyper_status_ = false;  // reset / back to array read
      return;
    case HyperState::kUnlock1:
      if (is(word, 0x2AA) && v == 0x55) hyper_ = HyperState::kUnlock2;
      return;
    case HyperState::kUnlock2:
      if (is(word, 0x555) && v == 0x80) hyper_ = HyperState::kErase1;
      if (is(word, 0x555) && v == 0xA0) hyper_ = HyperState::kWordProgram;
      if (v == 0x25) {
        hyper_sector_ = word * 2 / part_->hyperbus.sector_bytes;
        hyper_ = HyperState::kBufferCount;
      }
      return;
    case HyperState::kErase1:
      if (is(word, 0x555) && v == 0xAA) hyper_ = HyperState::kErase2;
      return;
    case HyperState::kErase2:
      if (is(word, 0x2AA) && v == 0x55) hyper_ = HyperState::kErase3;
      return;
    case HyperState::kErase3: {
      const std::uint64_t sector = part_->hyperbus.sector_bytes;
      if (v == 0x30) hyper_start(CommandKind::kErase, word * 2 / sector * sector, sector,
                                 "sector_erase", t);
      if (is(word, 0x555) && v == 0x10)
        hyper_start(CommandKind::kEraseChip, 0, part_->size_bytes, "erase_chip", t);
      return;
    }
    default:
      hyper_ = s;
      hyper_buffer_word(word, value, t);
      return;
  }
}

// Word program, and the write buffer: count, data words, 29h at the sector.
void NorDevice::hyper_buffer_word(std::uint64_t word, std::uint16_t value, Picoseconds t) {
  const std::uint64_t byte = word * 2;
  switch (hyper_) {
    case HyperState::kWordProgram:
      op_.page = {static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)};
      hyper_start(CommandKind::kProgram, byte, 2, "page_program", t);
      hyper_ = HyperState::kIdle;
      return;
    case HyperState::kBufferCount:
      hyper_words_left_ = (value & 0x1FFu) + 1u;
      if (hyper_words_left_ * 2 > part_->hyperbus.buffer_bytes) {
        note(t, fmt::format("write buffer count {} words is more than the {}-byte buffer: "
                            "aborted",
                            hyper_words_left_, part_->hyperbus.buffer_bytes));
        hyper_ = HyperState::kIdle;
        return;
      }
      op_.address = 0;
      op_.page.clear();
      hyper_ = HyperState::kBufferData;
      return;
    case HyperState::kBufferData:
      if (op_.page.empty()) op_.address = byte;
      if (byte != op_.address + op_.page.size()) {
        note(t, "write buffer data not in consecutive words: aborted");
        hyper_ = HyperState::kIdle;
        return;
      }
      op_.page.push_back(static_cast<std::uint8_t>(value >> 8));
      op_.page.push_back(static_cast<std::uint8_t>(value));
      if (--hyper_words_left_ == 0) hyper_ = HyperState::kBufferConfirm;
      return;
    case HyperState::kBufferConfirm:
      hyper_ = HyperState::kIdle;
      if ((value & 0xFF) == 0x29 && byte / part_->hyperbus.sector_bytes == hyper_sector_) {
        const std::uint64_t at = op_.address;
        hyper_start(CommandKind::kProgram, at, op_.page.size(), "page_program", t);
      } else {
        note(t, "write buffer not confirmed with 29h at its sector: aborted");
      }
      return;
    default:
      hyper_ = HyperState::kIdle;
      return;
  }
}

void NorDevice::hyper_start(CommandKind kind, std::uint64_t address, std::uint64_t size,
                            const char* timing, Picoseconds t) {
  const auto it = std::find_if(part_->timings.begin(), part_->timings.end(),
                               [&](const Timing& x) { return x.name == timing; });
  op_.active = true;
  op_.kind = kind;
  op_.fail = false;
  op_.suspended = false;
  op_.address = address;
  op_.size = size;
  op_.start = t;
  op_.end = t + (it != part_->timings.end() ? duration_of(*it) : 0);
  note(t, fmt::format("{} at 0x{:X} ({} bytes) started", to_string(kind), address, size));
}

}  // namespace xipsim::flash
