#include "xipsim/board/board.h"

#include "xipsim/core/frame_builder.h"

#include <algorithm>

namespace xipsim::board {

Board::Board(BoardTiming timing, std::uint64_t seed) : timing_(timing), rng_(seed) {}

void Board::attach(unsigned port, flash::NorDevice* device) {
  ports_.at(port).device = device;
}

SamplePoint Board::sample_for(unsigned port, const SampleSetup& setup, Picoseconds slot_period,
                              bool flash_strobe) const {
  FlashOutputTiming out;
  out.drives_dqs = flash_strobe;
  if (const flash::NorDevice* d = ports_.at(port).device) {
    out.tclqv = d->part().tclqv;
    out.tclqx = d->part().tclqx;
  }
  return sample_point(timing_, out, setup, slot_period);
}

namespace {
// The first slot at or after `from` in which the flash drives DQS, or frame.size().
std::size_t first_strobe(const SerialFrame& frame, std::size_t from) {
  for (std::size_t i = from; i < frame.size(); ++i)
    if (frame[i].flash_drive & line::kDqs) return i;
  return frame.size();
}
}  // namespace

void Board::trim_strobe_wait(SerialFrame& frame) {
  // Only a window that ends in strobe-wait slots can be cut: one look for every other frame.
  if (frame.empty() || !(frame[frame.size() - 1].flags & kSlotStrobeWait)) return;
  std::size_t wait = frame.size();
  while (wait > 0 && (frame[wait - 1].flags & kSlotStrobeWait))
    --wait;
  std::size_t read = wait;  // the READ's own slots carry the same LUT tag
  while (read > 0 && frame[read - 1].tag == frame[wait].tag &&
         !(frame[read - 1].flags & kSlotStrobeWait))
    --read;
  const std::size_t strobe = first_strobe(frame, read);
  if (strobe == frame.size()) return;  // no strobe: the controller clocks on until its timeout
  frame.truncate(std::max(wait, std::min(frame.size(), strobe + (wait - read))));
}

void Board::exchange(unsigned port, SerialFrame& frame) {
  Port& p = ports_.at(port);
  frame.set_pull_up(p.pull_up);
  if (p.device) p.device->consume(frame);
  trim_strobe_wait(frame);
  if (observer_) observer_->on_frame(port, frame);
}

CaptureResult Board::capture(unsigned port, const SerialFrame& frame, std::size_t first_slot,
                             unsigned pads, const SampleSetup& setup, std::uint8_t* out,
                             std::size_t count) {
  const bool ddr = first_slot < frame.size() && (frame[first_slot].flags & kSlotDdr);
  const Picoseconds slot_period = ddr ? frame.sclk_period_ps() / 2 : frame.sclk_period_ps();
  // RXCLKSRC 3 samples with whatever the flash drives on DQS during the read: read it from the
  // frame (a QSPI part never drives it, so there is no strobe).
  // The data is clocked in by the strobe, so the capture starts at its first edge.
  bool flash_strobe = false;
  if (setup.source == SampleSource::kFlashDqs) {
    const std::size_t strobe = first_strobe(frame, first_slot);
    flash_strobe = strobe < frame.size();
    if (flash_strobe) first_slot = strobe;
  }
  last_ = sample_for(port, setup, slot_period, flash_strobe);
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
  // The strobe lands `shift` slots off; in a transition each bit that differs between that slot
  // and the next comes out at random; a corrupted strobe makes every bit random.
  const std::int64_t base = static_cast<std::int64_t>(first_slot) + last_.shift;
  assemble_bytes(pads, out, count, [&](std::size_t k) -> std::uint16_t {
    const std::int64_t slot = base + static_cast<std::int64_t>(k);
    if (last_.corrupted) return static_cast<std::uint16_t>(rng_.next());
    std::uint16_t v = frame.level_or_pull(slot);
    if (last_.transition) {
      const std::uint16_t pick =
          static_cast<std::uint16_t>(rng_.next()) & (v ^ frame.level_or_pull(slot + 1));
      v = static_cast<std::uint16_t>(v ^ pick);
    }
    return v;
  });
  return r;
}

}  // namespace xipsim::board
