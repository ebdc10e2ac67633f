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

FrameBuilder& FrameBuilder::strobe_wait(std::size_t count) {
  const std::size_t first = slots(count);
  for (std::size_t i = 0; i < count; ++i)
    frame_[first + i].flags |= kSlotStrobeWait;
  return *this;
}

void capture_ideal(const SerialFrame& frame, std::size_t first_slot, unsigned pads,
                   std::uint8_t* out, std::size_t count) {
  const FrameSlot* slots = frame.data() + first_slot;
  const std::size_t inside = frame.size() > first_slot ? frame.size() - first_slot : 0;
  const std::uint16_t pull = frame.pull_up();
  if (cycles_for_bytes(count, pads) <= inside) {  // the usual case: no bound check per slot
    assemble_bytes(pads, out, count, [&](std::size_t k) { return resolve_level(slots[k], pull); });
    return;
  }
  assemble_bytes(pads, out, count,
                 [&](std::size_t k) { return k < inside ? resolve_level(slots[k], pull) : pull; });
}

}  // namespace xipsim
