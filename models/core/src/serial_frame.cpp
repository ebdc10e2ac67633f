#include "xipsim/core/serial_frame.h"

#include <algorithm>

namespace xipsim {

void SerialFrame::begin(Picoseconds start, Picoseconds sclk_period) {
  start_ = start;
  period_ = sclk_period;
  size_ = 0;
  ddr_slots_ = 0;
}

std::size_t SerialFrame::append(std::size_t count, std::uint8_t flags, std::uint8_t tag) {
  const std::size_t first = size_;
  if (slots_.size() < size_ + count) slots_.resize(std::max(size_ + count, slots_.size() * 2));
  FrameSlot* p = slots_.data() + first;
  for (std::size_t i = 0; i < count; ++i)
    p[i] = FrameSlot{0, 0, 0, 0, flags, tag};
  size_ += count;
  if (flags & kSlotDdr) ddr_slots_ += count;
  return first;
}

Picoseconds SerialFrame::slot_time(std::size_t i) const {
  if (ddr_slots_ == 0) return start_ + static_cast<Picoseconds>(i) * period_;
  // Mixed SDR/DDR window: SDR slots last a period, DDR slots half a period.
  Picoseconds t = start_;
  for (std::size_t k = 0; k < i && k < size_; ++k)
    t += (slots_[k].flags & kSlotDdr) ? period_ / 2 : period_;
  if (i > size_) t += static_cast<Picoseconds>(i - size_) * period_;
  return t;
}

void SerialFrame::truncate(std::size_t count) {
  for (std::size_t i = count; i < size_; ++i)
    if (slots_[i].flags & kSlotDdr) --ddr_slots_;
  size_ = std::min(size_, count);
}

void SerialFrame::clear_flash_side() {
  for (std::size_t i = 0; i < size_; ++i) {
    slots_[i].flash_value = 0;
    slots_[i].flash_drive = 0;
  }
}

}  // namespace xipsim
