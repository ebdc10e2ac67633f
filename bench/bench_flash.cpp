// Flash model speed: SCLK cycles consumed per wall second on large quad-read frames and on
// command-heavy traffic (issue 3 target: >= 200 M cycles/s on a 4 KiB quad read).
#include <benchmark/benchmark.h>

#include "xipsim/core/frame_builder.h"
#include "xipsim/flash/nor_device.h"
#include "xipsim/flash/part_loader.h"

namespace {
using namespace xipsim;

flash::NorDevice make_device() {
  flash::NorDevice d(flash::load_part("W25Q64JV-IQ"));
  std::vector<std::uint8_t> image(1 << 20);
  for (std::size_t i = 0; i < image.size(); ++i)
    image[i] = static_cast<std::uint8_t>(i * 7);
  d.array().write(0, image.data(), image.size());
  d.power_on(0);
  return d;
}

// The device alone: one prepared EBh frame (8 + 6 + 6 + 8192 cycles) consumed again and again.
void BM_QuadRead4KiB_Device(benchmark::State& state) {
  auto d = make_device();
  SerialFrame f;
  f.begin(1'000'000, 7'500);
  FrameBuilder(f).command(0xEB, 1).address(0x1000, 24, 4).dummy(6).read(4096, 4);
  for (auto _ : state) {
    d.consume(f);
    benchmark::DoNotOptimize(f.data());
  }
  state.counters["sclk_cycles_per_s"] = benchmark::Counter(
      static_cast<double>(f.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_QuadRead4KiB_Device);

// Controller side built every time plus the device: what a LUT engine pays per 4 KiB frame.
void BM_QuadRead4KiB_BuildAndDevice(benchmark::State& state) {
  auto d = make_device();
  SerialFrame f;
  std::uint64_t cycles = 0;
  Picoseconds t = 1'000'000;
  for (auto _ : state) {
    f.begin(t, 7'500);
    FrameBuilder(f).command(0xEB, 1).address(0x1000, 24, 4).dummy(6).read(4096, 4);
    d.consume(f);
    cycles += f.size();
    t = f.end_ps() + 50'000;
    benchmark::DoNotOptimize(f.data());
  }
  state.counters["sclk_cycles_per_s"] =
      benchmark::Counter(static_cast<double>(cycles), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_QuadRead4KiB_BuildAndDevice);

// Command-heavy traffic: WREN, a 2-byte status read, a 3-byte ID read and a 16-byte 03h read
// per iteration (four windows of 8 to 160 cycles).
void BM_CommandHeavy(benchmark::State& state) {
  auto d = make_device();
  SerialFrame f;
  std::uint64_t cycles = 0, windows = 0;
  Picoseconds t = 1'000'000;
  auto one = [&](auto&& build) {
    f.begin(t, 10'000);
    FrameBuilder b(f);
    build(b);
    d.consume(f);
    cycles += f.size();
    ++windows;
    t = f.end_ps() + 50'000;
  };
  for (auto _ : state) {
    one([](FrameBuilder& b) { b.command(0x06, 1); });
    one([](FrameBuilder& b) { b.command(0x05, 1).read(2, 1); });
    one([](FrameBuilder& b) { b.command(0x9F, 1).read(3, 1); });
    one([](FrameBuilder& b) { b.command(0x03, 1).address(0x100, 24, 1).read(16, 1); });
    one([](FrameBuilder& b) { b.command(0x04, 1); });
  }
  state.counters["sclk_cycles_per_s"] =
      benchmark::Counter(static_cast<double>(cycles), benchmark::Counter::kIsRate);
  state.counters["windows_per_s"] =
      benchmark::Counter(static_cast<double>(windows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CommandHeavy);

// XIP-style traffic: 32-byte continuous-read bursts (address + mode + dummy + 64 data cycles).
void BM_ContinuousBurst32B(benchmark::State& state) {
  auto d = make_device();
  SerialFrame f;
  Picoseconds t = 1'000'000;
  f.begin(t, 7'500);
  FrameBuilder(f).command(0xEB, 1).address(0, 24, 4).mode(0x20, 8, 4).dummy(4).read(32, 4);
  d.consume(f);
  std::uint64_t cycles = 0;
  std::uint32_t a = 0;
  for (auto _ : state) {
    t = f.end_ps() + 50'000;
    f.begin(t, 7'500);
    FrameBuilder(f).address(a, 24, 4).mode(0x20, 8, 4).dummy(4).read(32, 4);
    d.consume(f);
    cycles += f.size();
    a = (a + 32) & 0xFFFFF;
  }
  state.counters["sclk_cycles_per_s"] =
      benchmark::Counter(static_cast<double>(cycles), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ContinuousBurst32B);

}  // namespace

BENCHMARK_MAIN();
