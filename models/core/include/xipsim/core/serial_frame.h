// The serial frame: one chip-select-low window between the FlexSPI controller and a flash part.
//
// A frame is a flat array of slots, one per SCLK cycle (SDR) or per SCLK half-cycle (DDR). For
// each slot it holds what the controller drives, what the flash drives, and on which lines. The
// controller writes its side first (it never depends on what it reads inside one window), the
// flash consumes the frame and fills its side, and the board decides what the controller
// captures. Lines nobody drives read as the board's pull state. See docs/serial-frame.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace xipsim {

using Picoseconds = std::uint64_t;

// Line masks: IO0..IO7 in bits 0..7, DQS in bit 8.
namespace line {
constexpr std::uint16_t kIo0 = 1u << 0;
constexpr std::uint16_t kIo1 = 1u << 1;
constexpr std::uint16_t kIo2 = 1u << 2;
constexpr std::uint16_t kIo3 = 1u << 3;
constexpr std::uint16_t kDqs = 1u << 8;
constexpr std::uint16_t kAllIo = 0x00FF;
// The lines a transfer on `pads` pads uses (1 pad: IO0 for host-to-flash bits; see
// kSingleInput for the other direction).
constexpr std::uint16_t io_mask(unsigned pads) {
  return static_cast<std::uint16_t>((1u << pads) - 1u);
}
// Single-pad data from the flash travels on IO1 (SO), not IO0 (SI).
constexpr std::uint16_t kSingleInput = kIo1;
}  // namespace line

enum SlotFlag : std::uint8_t {
  kSlotDdr = 1,         // the slot is one half of an SCLK cycle
  kSlotFalling = 2,     // ... the second half (falling edge); an SDR device ignores it
  kSlotStrobeWait = 4,  // a read sampled by the flash's strobe: the controller keeps clocking
                        // here until the strobe has delivered the bytes (the board trims the rest)
};

struct FrameSlot {
  std::uint16_t ctrl_value;   // levels the controller drives (only bits in ctrl_drive count)
  std::uint16_t ctrl_drive;   // lines the controller drives
  std::uint16_t flash_value;  // levels the flash drives (only bits in flash_drive count)
  std::uint16_t flash_drive;  // lines the flash drives
  std::uint8_t flags;         // SlotFlag bits
  std::uint8_t tag;           // the controller's LUT instruction index, kNoTag if none
};
constexpr std::uint8_t kNoTag = 0xFF;

// Resolved line levels of a slot: what the controller drives, else what the flash drives, else
// the pull state. Where both drive a line (contention) the controller's level is taken.
inline std::uint16_t resolve_level(const FrameSlot& s, std::uint16_t pull_up) {
  const std::uint16_t undriven = static_cast<std::uint16_t>(~(s.ctrl_drive | s.flash_drive));
  return static_cast<std::uint16_t>((s.ctrl_value & s.ctrl_drive) |
                                    (s.flash_value & s.flash_drive & ~s.ctrl_drive) |
                                    (pull_up & undriven));
}

class SerialFrame {
 public:
  // Starts a new window at `start` with SCLK period `sclk_period`. Keeps the allocation, so a
  // frame object reused across windows costs no allocation once it has grown.
  void begin(Picoseconds start, Picoseconds sclk_period);

  // Appends `count` zeroed slots with `flags` and `tag`; returns the index of the first.
  std::size_t append(std::size_t count, std::uint8_t flags = 0, std::uint8_t tag = kNoTag);

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  bool has_ddr() const { return ddr_slots_ != 0; }
  FrameSlot& operator[](std::size_t i) { return slots_[i]; }
  const FrameSlot& operator[](std::size_t i) const { return slots_[i]; }
  FrameSlot* data() { return slots_.data(); }
  const FrameSlot* data() const { return slots_.data(); }

  Picoseconds start_ps() const { return start_; }
  Picoseconds sclk_period_ps() const { return period_; }
  // Time at which slot i begins, and the time the window ends (CS rises).
  Picoseconds slot_time(std::size_t i) const;
  Picoseconds end_ps() const { return slot_time(size_); }

  // Lines that read 1 when nobody drives them (board pull-ups); the others read 0.
  std::uint16_t pull_up() const { return pull_up_; }
  void set_pull_up(std::uint16_t mask) { pull_up_ = mask; }

  // Resolved line levels of slot i. Where both sides drive a line (contention) the controller's
  // level is taken; contended() reports such slots.
  std::uint16_t level(std::size_t i) const { return resolve_level(slots_[i], pull_up_); }
  // Level of slot i, or the pull state outside the window (before CS fell or after it rose).
  std::uint16_t level_or_pull(std::int64_t i) const {
    return i < 0 || i >= static_cast<std::int64_t>(size_) ? pull_up_
                                                          : level(static_cast<std::size_t>(i));
  }
  bool contended(std::size_t i) const {
    return (slots_[i].ctrl_drive & slots_[i].flash_drive) != 0;
  }
  // Shortens the window to its first `count` slots (CS rises earlier).
  void truncate(std::size_t count);
  // Clears the flash side of every slot (a device re-consuming the same frame).
  void clear_flash_side();

 private:
  std::vector<FrameSlot> slots_;
  std::size_t size_ = 0;
  std::size_t ddr_slots_ = 0;
  Picoseconds start_ = 0;
  Picoseconds period_ = 10000;
  std::uint16_t pull_up_ = line::kAllIo;
};

}  // namespace xipsim
