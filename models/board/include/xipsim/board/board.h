// The board between a FlexSPI controller and its flash parts: which device sits on which port,
// the pull state of the lines, the DQS pad's use and the trace delays. It routes each frame to
// the device on its port and decides what the controller captures (sample_model.h).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "xipsim/board/sample_model.h"
#include "xipsim/core/random.h"
#include "xipsim/core/serial_bus.h"
#include "xipsim/flash/nor_device.h"

namespace xipsim::board {

// Sees every frame after the devices consumed it (VCD writer, reports). Unset: no cost.
class FrameObserver {
 public:
  virtual ~FrameObserver() = default;
  virtual void on_frame(unsigned port, const SerialFrame& frame) = 0;
  // A session step begins (1-based index, step kind): recorders tag what follows with it.
  virtual void on_step(std::size_t /*index*/, const char* /*kind*/) {}
};

// Hands every frame to several observers in turn (VCD writer and report recorder).
class FrameTee : public FrameObserver {
 public:
  void add(FrameObserver* o) { observers_.push_back(o); }
  bool empty() const { return observers_.empty(); }
  void on_frame(unsigned port, const SerialFrame& frame) override {
    for (FrameObserver* o : observers_)
      o->on_frame(port, frame);
  }
  void on_step(std::size_t index, const char* kind) override {
    for (FrameObserver* o : observers_)
      o->on_step(index, kind);
  }

 private:
  std::vector<FrameObserver*> observers_;
};

class Board : public SerialBus {
 public:
  static constexpr unsigned kPorts = 4;  // A1, A2, B1, B2

  explicit Board(BoardTiming timing = {}, std::uint64_t seed = 1);

  // Puts a device on a port (nullptr: nothing there, the lines read as pulls).
  void attach(unsigned port, flash::NorDevice* device);
  flash::NorDevice* device(unsigned port) const { return ports_[port].device; }
  // Lines that read 1 when nobody drives them (IO0..7; default all pulled up).
  void set_pull_up(unsigned port, std::uint16_t mask) { ports_[port].pull_up = mask; }

  BoardTiming& timing() { return timing_; }
  const BoardTiming& timing() const { return timing_; }
  void set_observer(FrameObserver* observer) { observer_ = observer; }
  FrameObserver* observer() const { return observer_; }

  // The sample point the last capture used (reports, tests).
  const SamplePoint& last_sample() const { return last_; }
  // The sample point for a read on `port` at `slot_period` with `setup`; `flash_strobe`: the
  // flash drives DQS during the read (capture() reads it from the frame).
  SamplePoint sample_for(unsigned port, const SampleSetup& setup, Picoseconds slot_period,
                         bool flash_strobe = false) const;

  void exchange(unsigned port, SerialFrame& frame) override;
  CaptureResult capture(unsigned port, const SerialFrame& frame, std::size_t first_slot,
                        unsigned pads, const SampleSetup& setup, std::uint8_t* out,
                        std::size_t count) override;

 private:
  struct Port {
    flash::NorDevice* device = nullptr;
    std::uint16_t pull_up = line::kAllIo;
  };

  // A read strobed by the flash ends when the strobe has delivered the bytes: cut the
  // controller's strobe-wait slots the read did not need (kSlotStrobeWait).
  static void trim_strobe_wait(SerialFrame& frame);

  BoardTiming timing_;
  std::array<Port, kPorts> ports_{};
  FrameObserver* observer_ = nullptr;
  SplitMix64 rng_;  // seeded, reproducible bit errors
  SamplePoint last_;
};

}  // namespace xipsim::board
