#include "xipsim/board/sample_model.h"

#include <cmath>

#include "xipsim/core/names.h"

namespace xipsim::board {

const char* to_string(DqsPadUse use) {
  switch (use) {
    case DqsPadUse::kFloating:
      return "floating";
    case DqsPadUse::kLoaded:
      return "loaded";
    case DqsPadUse::kDriven:
      return "driven";
  }
  return "?";
}

std::optional<DqsPadUse> parse_dqs_pad_use(const std::string& text) {
  for (DqsPadUse u : {DqsPadUse::kFloating, DqsPadUse::kLoaded, DqsPadUse::kDriven})
    if (same_name(text, to_string(u))) return u;
  return std::nullopt;
}

namespace {

using I = std::int64_t;

// RC delay to the 50 % point of a pad driving `pf` picofarads: 0.69 R C.
I rc_delay_ps(double ohms, double pf) {
  return static_cast<I>(std::llround(0.69 * ohms * pf));
}

}  // namespace

namespace {

// Where the configured sample source puts the strobe (ps from the launching edge, `a` the start
// of the flash's data-valid window); false with `no_strobe_reason` set when none reaches the
// sampler.
bool place_strobe(const BoardTiming& board, const FlashOutputTiming& flash,
                  const SampleSetup& setup, I a, SamplePoint& p) {
  const PadTiming& pads = board.pads;
  const I dll = static_cast<I>(setup.dll_delay);
  switch (setup.source) {
    case SampleSource::kInternalLoopback:
      p.strobe_ps = static_cast<I>(pads.internal_strobe) + dll;
      return true;
    case SampleSource::kDqsPadLoopback:
      if (!board.dqs_pad_function.empty()) {
        p.no_strobe_reason = "RXCLKSRC 1 loops the read strobe back through the DQS pad, and " +
                             board.dqs_pad_function + " is not the FlexSPI DQS function";
        return false;
      }
      p.strobe_ps = static_cast<I>(pads.internal_strobe + pads.dqs_pad_out + pads.dqs_pad_in) + dll;
      if (board.dqs == DqsPadUse::kLoaded)
        p.strobe_ps += rc_delay_ps(pads.dqs_pad_drive_ohms, board.dqs_load_pf);
      if (board.dqs == DqsPadUse::kDriven) p.corrupted = true;
      return true;
    case SampleSource::kSckPadLoopback:
      if (!board.sck_pad_loopback_allowed) {
        p.no_strobe_reason = "RXCLKSRC 2 (SCK pad loopback) does not exist on this chip";
        return false;
      }
      // The strobe is SCLK itself, taken back from the SCLK pad's input: it carries the same
      // pad-out delay as the clock the flash sees, and the DQS pad plays no part.
      p.strobe_ps =
          static_cast<I>(pads.internal_strobe + pads.sclk_pad_out + pads.sck_pad_in) + dll;
      return true;
    case SampleSource::kFlashDqs:
      if (!flash.drives_dqs) {
        p.no_strobe_reason =
            "RXCLKSRC 3 samples with the flash's DQS strobe, and the flash drove none during the "
            "read";
        return false;
      }
      // The strobe travels with the data: it opens the window, the DLL centres the sample in it.
      p.strobe_ps = a + dll;
      return true;
  }
  return true;
}

// Window k: [valid_from + kP, valid_to + kP]. Finds the k with the strobe inside (the margin to
// the nearer edge), or the pair of windows it falls between (a negative margin).
void place_in_window(I period, SamplePoint& p) {
  const I s = p.strobe_ps;
  const I k_low = static_cast<I>(std::floor(static_cast<double>(s - p.valid_from_ps) / period));
  const I from = p.valid_from_ps + k_low * period;
  const I to = p.valid_to_ps + k_low * period;
  p.shift = static_cast<int>(k_low);
  if (s <= to) {
    p.margin_ps = std::min(s - from, to - s);
  } else {
    p.transition = true;
    p.margin_ps = -std::min(s - to, from + period - s);
  }
}

}  // namespace

SamplePoint sample_point(const BoardTiming& board, const FlashOutputTiming& flash,
                         const SampleSetup& setup, Picoseconds slot_period) {
  SamplePoint p;
  const PadTiming& pads = board.pads;
  const I period = static_cast<I>(slot_period);
  const I d =
      static_cast<I>(pads.sclk_pad_out + board.trace_sclk + board.trace_data + pads.data_pad_in);
  const I a = -period / 2 + d + static_cast<I>(flash.tclqv);
  const I b = period / 2 + d + static_cast<I>(flash.tclqx);
  if (!place_strobe(board, flash, setup, a, p)) {
    p.strobe = false;
    return p;
  }
  p.valid_from_ps = a + static_cast<I>(pads.setup);
  p.valid_to_ps = b - static_cast<I>(pads.hold);
  if (p.corrupted) {
    p.transition = true;
    p.margin_ps = 0;
    return p;
  }
  place_in_window(period, p);
  return p;
}

std::string outcome_name(const SamplePoint& p) {
  if (!p.strobe) return "no strobe";
  if (p.corrupted) return "corrupted";
  if (p.transition) return "transition";
  if (p.shift == 0) return "ok";
  return p.shift < 0 ? "early" : "late";
}

}  // namespace xipsim::board
