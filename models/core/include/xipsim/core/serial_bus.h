// What a serial memory controller sees beyond its pads: the devices on each port and the board
// that decides what the controller captures. The FlexSPI model drives frames into a SerialBus;
// models/board implements it. See docs/board-model.md.
#pragma once

#include <cstddef>
#include <cstdint>

#include "xipsim/core/serial_frame.h"

namespace xipsim {

// FlexSPI MCR0.RXCLKSRC: where the read strobe that samples input data comes from.
enum class SampleSource : std::uint8_t {
  kInternalLoopback = 0,  // dummy read strobe looped back inside the chip
  kDqsPadLoopback = 1,    // dummy read strobe driven out to the DQS pad and read back
  kSckPadLoopback = 2,    // reserved on RT10xx; SCK pad loopback where the chip allows it
  kFlashDqs = 3,          // strobe driven by the flash on DQS
};

struct SampleSetup {
  SampleSource source = SampleSource::kInternalLoopback;
  Picoseconds dll_delay = 0;  // delay the DLL (or its override) adds to the strobe
};

// How one read phase was captured.
struct CaptureResult {
  bool strobe = true;       // false: no strobe edges reached the sampler, nothing was captured
  int shift = 0;            // cycles the sample point lands off the data cycle (-1 early, +1 late)
  bool transition = false;  // sample point inside a data transition: seeded bit errors
  std::int64_t margin_ps = 0;  // distance of the sample point to the nearest window edge
};

class SerialBus {
 public:
  virtual ~SerialBus() = default;
  // The devices on `port` (0 A1, 1 A2, 2 B1, 3 B2) consume the frame and fill its flash side.
  virtual void exchange(unsigned port, SerialFrame& frame) = 0;
  // What the controller captures for `count` bytes read on `pads` pads from `first_slot`.
  virtual CaptureResult capture(unsigned port, const SerialFrame& frame, std::size_t first_slot,
                                unsigned pads, const SampleSetup& setup, std::uint8_t* out,
                                std::size_t count) = 0;
};

}  // namespace xipsim
