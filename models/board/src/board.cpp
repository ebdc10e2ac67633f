#include "xipsim/board/board.h"

#include "xipsim/core/frame_builder.h"

namespace xipsim::board {

Board::Board(BoardTiming timing, std::uint64_t seed) : timing_(timing), rng_(seed) {}

void Board::attach(unsigned port, flash::NorDevice* device) {
  ports_.at(port).device = device;
}

SamplePoint Board::sample_for(unsigned port, const SampleSetup& setup,
                              Picoseconds slot_period) const {
  FlashOutputTiming out;
  if (const flash::NorDevice* d = ports_.at(port).device) {
    out.tclqv = d->part().tclqv;
    out.tclqx = d->part().tclqx;
  }
  return sample_point(timing_, out, setup, slot_period);
}

void Board::exchange(unsigned port, SerialFrame& frame) {
  Port& p = ports_.at(port);
  frame.set_pull_up(p.pull_up);
  if (p.device) p.device->consume(frame);
  if (observer_) observer_->on_frame(port, frame);
}

CaptureResult Board::capture(unsigned port, const SerialFrame& frame, std::size_t first_slot,
                             unsigned pads, const SampleSetup& setup, std::uint8_t* out,
                             std::size_t count) {
  const bool ddr = first_slot < frame.size() && (frame[first_slot].flags & kSlotDdr);
  const Picoseconds slot_period = ddr ? frame.sclk_period_ps() / 2 : frame.sclk_period_ps();
  last_ = sample_for(port, setup, slot_period);
  CaptureResult r;
  r.strobe = last_.strobe;
  r.shift = last_.shift;
  r.transition = last_.transition;
  r.margin_ps = last_.margin_ps;
  if (!last_.strobe) return r;
  if (!last_.transition && last_.shift == 0) {  // the common case: every slot sampled in its eye
    capture_ideal(frame, first_slot, pads, out, count);
    return r;
  }
  const std::uint16_t data_lines = pads == 1 ? line::kSingleInput : line::io_mask(pads);
  auto level_at = [&](std::int64_t i) -> std::uint16_t {
    if (i < 0 || i >= static_cast<std::int64_t>(frame.size())) return frame.pull_up();
    return frame.level(static_cast<std::size_t>(i));
  };
  const unsigned per_byte = 8 / pads;
  std::int64_t slot = static_cast<std::int64_t>(first_slot) + last_.shift;
  for (std::size_t b = 0; b < count; ++b) {
    unsigned byte = 0;
    for (unsigned c = 0; c < per_byte; ++c, ++slot) {
      std::uint16_t v = level_at(slot);
      if (last_.corrupted) {
        v = static_cast<std::uint16_t>(rng_.next());
      } else if (last_.transition) {  // between this slot's data and the next one's
        const std::uint16_t next = level_at(slot + 1);
        const std::uint16_t pick = static_cast<std::uint16_t>(rng_.next()) & (v ^ next);
        v = static_cast<std::uint16_t>(v ^ pick);
      }
      v &= data_lines;
      const unsigned chunk = pads == 1 ? (v ? 1u : 0u) : v;
      byte = (byte << pads) | chunk;
    }
    out[b] = static_cast<std::uint8_t>(byte);
  }
  return r;
}

}  // namespace xipsim::board
