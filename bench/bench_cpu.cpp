// Speed of the application side (docs/cpu-model.md): instructions per second and simulated
// seconds per wall second of real images run through `xipsim boot --run` (XIP through the
// FlexSPI model, caches as the firmware sets them), the wall time to the first LED toggle, and
// the bare Unicorn core on an ALU loop in RAM for scale. Counters come from the JSON report.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "xipsim/cpu/cortex_m7.h"

namespace {

nlohmann::json run_json(const std::string& args) {
  const std::string cmd = std::string(XIPSIM_BIN) + " boot " + args + " --json 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  while (p && std::fgets(buf.data(), static_cast<int>(buf.size()), p))
    out += buf.data();
  if (p) pclose(p);
  return nlohmann::json::parse(out, nullptr, false);
}

std::string corpus(const char* rel) {
  return std::string(XIPSIM_CORPUS_DEFAULT) + "/" + rel;
}

void report(benchmark::State& state, const std::string& args) {
  double instructions = 0, skipped = 0, wall = 0, sim = 0;
  for (auto _ : state) {
    const auto j = run_json(args);
    if (j.is_discarded() || !j["execution"].is_object()) {
      state.SkipWithError("no execution report");
      return;
    }
    const auto& e = j["execution"];
    instructions = e["instructions"].get<double>();
    skipped = e["skipped_instructions"].get<double>();
    wall = e["wall_seconds"].get<double>();
    sim = (e["stop_ns"].get<double>() - e["start_ns"].get<double>()) / 1e9;
  }
  state.counters["MIPS"] = instructions / wall / 1e6;  // simulated instructions, skipped or not
  state.counters["executed_MIPS"] = (instructions - skipped) / wall / 1e6;
  state.counters["sim_s_per_wall_s"] = sim / wall;
  state.counters["run_wall_s"] = wall;
}

// MCUBootUtility's RT1060-EVKB blinky: SDK startup (I- and D-cache on), a SysTick wait loop that
// loads a literal from flash every iteration (a D-cache hit), jumped over to each SysTick.
void BM_Rt1060Blinky1s(benchmark::State& state) {
  report(state, corpus("mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/"
                       "led_blinky_0x60002000_fdcb.bin") +
                    " --chip RT1060 --flash W25Q64JV-IQ --run 1s");
}
BENCHMARK(BM_Rt1060Blinky1s)->Unit(benchmark::kMillisecond)->Iterations(1);

// The same with every iteration of the SysTick wait loop executed (no fast forward).
void BM_Rt1060Blinky1sEveryIteration(benchmark::State& state) {
  report(state, corpus("mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/"
                       "led_blinky_0x60002000_fdcb.bin") +
                    " --chip RT1060 --flash W25Q64JV-IQ --run 1s --no-fast-forward");
}
BENCHMARK(BM_Rt1060Blinky1sEveryIteration)->Unit(benchmark::kMillisecond)->Iterations(1);

// Wall time from the start of the process to the first LED toggle (at 202 ms simulated).
void BM_Rt1060BlinkyFirstToggle(benchmark::State& state) {
  report(state, corpus("mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/"
                       "led_blinky_0x60002000_fdcb.bin") +
                    " --chip RT1060 --flash W25Q64JV-IQ --run 203ms");
}
BENCHMARK(BM_Rt1060BlinkyFirstToggle)->Unit(benchmark::kMillisecond)->Iterations(3);

// The test firmware's SysTick blink with the I-cache off: every block's fetch is an AHB read
// through the FlexSPI model (RX buffer hits).
void BM_UncachedXipBlink(benchmark::State& state) {
  report(state, std::string(XIPSIM_FIRMWARE_DIR) +
                    "/systick_blink.bin --chip RT1060 --flash W25Q64JV-IQ --run 100ms");
}
BENCHMARK(BM_UncachedXipBlink)->Unit(benchmark::kMillisecond)->Iterations(1);

// tests/firmware/loops.c through the whole model: an ALU loop (20 M iterations) or a load/store
// loop over DTCM (5 M), from ITCM, or XIP with the I-cache on or off. XIP cached against ITCM
// is the cost of keeping the window honest (line fills through the FlexSPI model, block checks)
// against plain memory; uncached XIP puts every fetch through the model.
void BM_Loop(benchmark::State& state, const char* name) {
  report(state, std::string(XIPSIM_FIRMWARE_DIR) + "/loops_" + name +
                    ".bin --chip RT1060 --flash W25Q64JV-IQ --run 10s");
}
BENCHMARK_CAPTURE(BM_Loop, alu_itcm, "alu_itcm")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_Loop, alu_xip_cached, "alu_xip_cached")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_Loop, alu_xip_uncached, "alu_xip_uncached")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_Loop, ldst_itcm, "ldst_itcm")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_Loop, ldst_xip_cached, "ldst_xip_cached")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_Loop, ldst_xip_uncached, "ldst_xip_uncached")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// The RT1170-EVK blinky at 996 MHz (XIP, SDK startup), 1.3 s simulated.
void BM_Rt1170Blinky(benchmark::State& state) {
  report(state, corpus("mcubootutility/apps/NXP_MIMXRT1170-EVK_Rev.A/cm7/"
                       "led_blinky_0x30002000_fdcb_vec-ivt_iar.elf") +
                    " --chip RT1170 --flash IS25WP128 --qe --run 1.3s");
}
BENCHMARK(BM_Rt1170Blinky)->Unit(benchmark::kMillisecond)->Iterations(1);

// The bare core: adds/eor/subs/bne (4 instructions) in RAM, no hooks (Unicorn 2.0.1 alone).
void BM_CoreAluLoopRam(benchmark::State& state) {
  std::vector<std::uint8_t> ram(0x10000, 0);
  // 0x40: adds r0,r0,r1 (1840) | eors r3,r0 (4043) | subs r2,#1 (3A01) | bne 0x40 (D1FB) | bkpt
  const std::uint16_t code[] = {0x1840, 0x4043, 0x3A01, 0xD1FB, 0xBE00};
  std::memcpy(ram.data() + 0x40, code, sizeof code);
  xipsim::cpu::CortexM7 core;
  core.map_memory(0x20000000, ram.size(), ram.data(), true);
  const std::uint32_t loops = 50'000'000;
  for (auto _ : state) {
    core.set_reg(2, loops);
    core.set_reg(15, 0x20000040);
    const auto r = core.run();
    benchmark::DoNotOptimize(r.pc);
  }
  state.counters["MIPS"] = benchmark::Counter(
      4.0 * loops * static_cast<double>(state.iterations()) / 1e6, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CoreAluLoopRam)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
