#include "xipsim/core/frame_builder.h"

namespace xipsim {

std::size_t FrameBuilder::slots(std::size_t count) {
  if (!ddr_) {
    falling_next_ = false;
    return frame_.append(count, 0, tag_);
  }
  const std::size_t first = frame_.append(count, kSlotDdr, tag_);
  for (std::size_t i = 0; i < count; ++i) {
    if (falling_next_) frame_[first + i].flags |= kSlotFalling;
    falling_next_ = !falling_next_;
  }
  return first;
}

FrameBuilder& FrameBuilder::bits(std::uint64_t value, unsigned nbits, unsigned pads) {
  const std::uint16_t mask = line::io_mask(pads);
  const unsigned cycles = (nbits + pads - 1) / pads;
  const std::size_t first = slots(cycles);
  for (unsigned c = 0; c < cycles; ++c) {
    const int shift = static_cast<int>(nbits) - static_cast<int>((c + 1) * pads);
    const std::uint64_t chunk = shift >= 0 ? (value >> shift) : (value << -shift);
    FrameSlot& s = frame_[first + c];
    s.ctrl_value = static_cast<std::uint16_t>(chunk & mask);
    s.ctrl_drive = mask;
  }
  return *this;
}

FrameBuilder& FrameBuilder::dummy(unsigned count) {
  slots(count);
  return *this;
}

FrameBuilder& FrameBuilder::write(const std::uint8_t* data, std::size_t count, unsigned pads) {
  for (std::size_t i = 0; i < count; ++i)
    bits(data[i], 8, pads);
  return *this;
}

std::size_t FrameBuilder::read(std::size_t count, unsigned pads) {
  return slots(cycles_for_bytes(count, pads));
}

namespace {

// Resolved level of one slot (SerialFrame::level without the bounds of the frame object).
inline std::uint16_t resolve(const FrameSlot& s, std::uint16_t pull_up) {
  const std::uint16_t undriven = static_cast<std::uint16_t>(~(s.ctrl_drive | s.flash_drive));
  return static_cast<std::uint16_t>((s.ctrl_value & s.ctrl_drive) |
                                    (s.flash_value & s.flash_drive & ~s.ctrl_drive) |
                                    (pull_up & undriven));
}

template <unsigned kPads>
void capture_fixed(const FrameSlot* slots, std::size_t n, std::uint16_t pull_up, std::size_t slot,
                   std::uint8_t* out, std::size_t count) {
  constexpr unsigned kPerByte = 8 / kPads;
  constexpr std::uint16_t kMask = kPads == 1 ? line::kSingleInput : line::io_mask(kPads);
  for (std::size_t b = 0; b < count; ++b) {
    unsigned byte = 0;
    for (unsigned c = 0; c < kPerByte; ++c, ++slot) {
      const std::uint16_t lv = slot < n ? resolve(slots[slot], pull_up) : pull_up;
      const unsigned chunk = kPads == 1 ? ((lv & kMask) ? 1u : 0u) : (lv & kMask);
      byte = (byte << kPads) | chunk;
    }
    out[b] = static_cast<std::uint8_t>(byte);
  }
}

}  // namespace

void capture_ideal(const SerialFrame& frame, std::size_t first_slot, unsigned pads,
                   std::uint8_t* out, std::size_t count) {
  const FrameSlot* s = frame.data();
  const std::size_t n = frame.size();
  const std::uint16_t pull = frame.pull_up();
  switch (pads) {
    case 1:
      capture_fixed<1>(s, n, pull, first_slot, out, count);
      break;
    case 2:
      capture_fixed<2>(s, n, pull, first_slot, out, count);
      break;
    case 4:
      capture_fixed<4>(s, n, pull, first_slot, out, count);
      break;
    default:
      capture_fixed<8>(s, n, pull, first_slot, out, count);
      break;
  }
}

}  // namespace xipsim
