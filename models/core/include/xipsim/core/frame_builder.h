// Writes the controller's side of a serial frame phase by phase (command, address, mode, dummy,
// write data, read data) and captures what the flash drove. The FlexSPI LUT engine builds frames
// with it, one call per LUT instruction; tests use it to talk to flash models directly.
#pragma once

#include <cstddef>
#include <cstdint>

#include "xipsim/core/serial_frame.h"

namespace xipsim {

class FrameBuilder {
 public:
  explicit FrameBuilder(SerialFrame& frame) : frame_(frame) {}

  // Phases appended from now on use DDR (two slots per SCLK cycle, data on both edges) or SDR.
  // DDR slots alternate rising/falling across consecutive DDR phases.
  void set_ddr(bool ddr) { ddr_ = ddr; }
  bool ddr() const { return ddr_; }

  // The `bits` low bits of `value`, MSB first, `pads` bits per slot.
  FrameBuilder& bits(std::uint64_t value, unsigned nbits, unsigned pads);
  FrameBuilder& command(std::uint8_t opcode, unsigned pads) { return bits(opcode, 8, pads); }
  FrameBuilder& address(std::uint32_t address, unsigned nbits, unsigned pads) {
    return bits(address, nbits, pads);
  }
  FrameBuilder& mode(std::uint32_t value, unsigned nbits, unsigned pads) {
    return bits(value, nbits, pads);
  }
  // `slots` slots in which the controller drives nothing (SCLK cycles in SDR, half cycles in
  // DDR: FlexSPI's DUMMY_DDR operand counts half cycles).
  FrameBuilder& dummy(unsigned slots);
  // Bytes MSB first on `pads` pads.
  FrameBuilder& write(const std::uint8_t* data, std::size_t count, unsigned pads);
  // Reserves the cycles for reading `count` bytes on `pads` pads; returns the first slot index.
  std::size_t read(std::size_t count, unsigned pads);
  // After a read whose strobe comes from the flash: `count` more slots in which the controller
  // keeps clocking until the strobe delivers the data (kSlotStrobeWait).
  FrameBuilder& strobe_wait(std::size_t count);
  // Appends `count` slots in the current SDR/DDR form; returns the first slot index.
  std::size_t slots(std::size_t count);

  // Marks the slots appended from now on with a tag (the LUT instruction index).
  void set_tag(std::uint8_t tag) { tag_ = tag; }

 private:
  SerialFrame& frame_;
  std::uint8_t tag_ = kNoTag;
  bool ddr_ = false;
  bool falling_next_ = false;  // DDR phase: the next slot is a falling-edge half
};

// Number of slots to move `count` bytes on `pads` pads (SCLK cycles in SDR, halves in DDR).
constexpr std::size_t cycles_for_bytes(std::size_t count, unsigned pads) {
  return count * 8 / pads;
}

// Assembles `count` bytes, MSB first, from the levels a controller samples in consecutive read
// slots: `level(k)` gives the sampled lines of the k-th slot. 1 pad reads IO1 (SO), 2/4/8 pads
// read IO0 upwards. Both the ideal capture and the board's sample-point capture use it.
template <unsigned kPads, typename LevelFn>
void assemble_bytes(std::uint8_t* out, std::size_t count, LevelFn&& level) {
  constexpr unsigned kPerByte = 8 / kPads;
  constexpr std::uint16_t kMask = kPads == 1 ? line::kSingleInput : line::io_mask(kPads);
  std::size_t k = 0;
  for (std::size_t b = 0; b < count; ++b) {
    unsigned byte = 0;
    for (unsigned c = 0; c < kPerByte; ++c, ++k) {
      const std::uint16_t lv = level(k);
      byte = (byte << kPads) | (kPads == 1 ? ((lv & kMask) ? 1u : 0u) : (lv & kMask));
    }
    out[b] = static_cast<std::uint8_t>(byte);
  }
}
// The same with the pad count chosen at run time (1, 2, 4 or 8).
template <typename LevelFn>
void assemble_bytes(unsigned pads, std::uint8_t* out, std::size_t count, LevelFn&& level) {
  switch (pads) {
    case 1:
      assemble_bytes<1>(out, count, level);
      break;
    case 2:
      assemble_bytes<2>(out, count, level);
      break;
    case 4:
      assemble_bytes<4>(out, count, level);
      break;
    default:
      assemble_bytes<8>(out, count, level);
      break;
  }
}

// Reads `count` bytes from the resolved line levels starting at `first_slot` as a controller
// that samples every slot ideally would (1 pad: IO1; 2/4/8 pads: IO0..). Board effects (sample
// point, delays) are applied by the board model, not here.
void capture_ideal(const SerialFrame& frame, std::size_t first_slot, unsigned pads,
                   std::uint8_t* out, std::size_t count);

}  // namespace xipsim
