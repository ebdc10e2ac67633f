// Where the FlexSPI samples read data, relative to where the data is valid.
//
// All times are relative to the internal SCLK edge that opens a data slot (the rising edge for
// SDR). The flash launches the slot's data half a slot earlier (on the falling edge for SDR), so
// at the controller's input flop the data of slot d is valid from
//   A = -P/2 + D + tCLQV      to      B = +P/2 + D + tCLQX
// where P is the slot period and D = SCLK pad out + SCLK trace + data trace + data pad in. The
// read strobe samples at S, which depends on MCR0.RXCLKSRC (see strobe_delay). A sample inside
// [A + k*P + setup, B + k*P - hold] captures the data of slot d+k (k = 0 correct, -1 one cycle
// early, +1 late); anywhere else it lands in a transition and bits come out at random (seeded).
// Parameters and their calibration: docs/board-model.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "xipsim/core/serial_bus.h"

namespace xipsim::board {

// Silicon-side delays (chip pads and the FlexSPI sampler). Defaults are calibrated so that the
// documented limits come out (boot-reference §5): internal loopback to about 60 MHz, DQS-pad
// loopback at 133 MHz with a floating pad. They are not measured values.
struct PadTiming {
  Picoseconds sclk_pad_out = 2200;     // SCLK output buffer + pad
  Picoseconds data_pad_in = 2200;      // IO input pad + buffer
  Picoseconds dqs_pad_out = 2200;      // dummy strobe out through the DQS pad (RXCLKSRC 1)
  Picoseconds dqs_pad_in = 2200;       // ... and back in
  Picoseconds sck_pad_in = 2200;       // SCLK pad input buffer (RXCLKSRC 2 loops SCLK back here)
  Picoseconds internal_strobe = 3750;  // dummy read strobe path inside the controller
  Picoseconds setup = 150;             // input flop setup
  Picoseconds hold = 150;              // input flop hold
  double dqs_pad_drive_ohms = 150;     // DQS pad output driver (RC delay into an external load)
};

// What the FlexSPI DQS pad is connected to on the board.
enum class DqsPadUse : std::uint8_t {
  kFloating,  // muxed to FlexSPI DQS and left unconnected (what RXCLKSRC 1 needs)
  kLoaded,    // wired to another net (an ADC input, a second device): extra capacitance
  kDriven,    // wired to a net another device drives: the looped-back strobe is corrupted
};
const char* to_string(DqsPadUse use);
std::optional<DqsPadUse> parse_dqs_pad_use(const std::string& text);

struct BoardTiming {
  PadTiming pads;
  Picoseconds trace_sclk = 200;  // SCLK trace, controller to flash (about 30 mm)
  Picoseconds trace_data = 200;  // data trace, flash to controller
  DqsPadUse dqs = DqsPadUse::kFloating;
  // The chip's pad mux: empty while the DQS pad is muxed to the FlexSPI DQS function (as the ROM
  // leaves it); else the pad and what it is muxed to ("GPIO_SD_B1_05 as ALT5"): the dummy strobe
  // of RXCLKSRC 1 then cannot loop back through it.
  std::string dqs_pad_function;
  double dqs_load_pf = 30;  // external load on the DQS net when kLoaded
  // RXCLKSRC 2 exists on the chip (the platform sets it from the chip profile, docs/chips.md).
  bool sck_pad_loopback_allowed = false;
};

// The part's output timing (from its YAML).
struct FlashOutputTiming {
  Picoseconds tclqv = 0;    // clock low to output valid
  Picoseconds tclqx = 0;    // output hold after clock low
  bool drives_dqs = false;  // the flash drove DQS during the read (board: read from the frame)
};

// The computed sample point for one configuration.
struct SamplePoint {
  bool strobe = true;  // false: no strobe edges reach the sampler
  std::string no_strobe_reason;
  bool corrupted = false;      // the strobe itself is corrupted (driven pad): every bit at random
  std::int64_t strobe_ps = 0;  // S
  std::int64_t valid_from_ps = 0;  // A + setup (k = 0 window)
  std::int64_t valid_to_ps = 0;    // B - hold
  int shift = 0;                   // window k the strobe lands in (or the lower neighbour)
  bool transition = false;         // S is in no window
  std::int64_t margin_ps = 0;      // distance to the nearest window edge (negative: outside)
};

// Delay of the read strobe S for the sample source (without the window arithmetic).
SamplePoint sample_point(const BoardTiming& board, const FlashOutputTiming& flash,
                         const SampleSetup& setup, Picoseconds slot_period);

// Outcome name for reports and the sample-window table: "ok", "early", "late", "transition",
// "corrupted", "no strobe".
std::string outcome_name(const SamplePoint& p);

}  // namespace xipsim::board
