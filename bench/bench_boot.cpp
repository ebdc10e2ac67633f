// Whole boots as a user runs them: one `xipsim boot` process per boot (SystemC elaborates once
// per process). Reports wall time, the simulated boot time (JSON boot_time_ns) and their ratio.
// Targets (issue 5): non-XIP 1 MiB boot < 0.2 s wall; the whole corpus boot sweep < 10 s.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "corpus_boards.h"

namespace {
std::string corpus(const std::string& rel) {
  const char* env = std::getenv("XIPSIM_CORPUS_DIR");
  return std::string(env ? env : XIPSIM_CORPUS_DEFAULT) + "/" + rel;
}

// Runs xipsim boot --json; returns the simulated boot time in ns (0 on failure to parse).
double boot_ns(const std::string& args) {
  const std::string cmd = std::string(XIPSIM_BIN) + " boot --json " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p))
    out += buf;
  pclose(p);
  const auto j = nlohmann::json::parse(out, nullptr, false);
  return j.is_discarded() ? 0 : j["boot_time_ns"].get<double>();
}

void report(benchmark::State& state, double sim_ns_total) {
  const double sim_s = sim_ns_total / 1e9 / static_cast<double>(state.iterations());
  // Simulated boot time per iteration; the real-time factor is Time / sim_ms.
  state.counters["sim_ms"] = sim_s * 1e3;
}

void xip_largest(benchmark::State& state) {
  // Largest XIP image of the corpus (Teensy 4.1, 63 KB HEX; W25Q64JV-IM with QE set).
  const std::string args = "--chip RT1060 --flash W25Q64JV-IM --qe " +
                           corpus("teensy_loader_cli/blink_slow_Teensy41.hex");
  double sim = 0;
  for (auto _ : state)
    sim += boot_ns(args);
  report(state, sim);
}

std::string make_1mib_non_xip() {
  // RT1170 EVK image turned non-XIP: boot_data.start 0x2024_0000 (OCRAM1, OCRAM2 follows),
  // size 1 MiB, IVT self start + 0x1000 (boot-reference §6.2/§6.3 offsets; bin starts at 0x400).
  const std::string src =
      corpus("mcubootutility/apps/NXP_MIMXRT1170-EVK_Rev.A/cm7/led_blinky_0x30002000_fdcb_ivt.bin");
  std::ifstream f(src, std::ios::binary);
  std::vector<char> b{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
  auto put = [&](std::size_t off, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
      b[off + i] = static_cast<char>(v >> (8 * i));
  };
  const std::uint32_t start = 0x20240000, ivt = 0x1000 - 0x400;
  put(ivt + 0x04, start + 0x2000);
  put(ivt + 0x10, start + 0x1020);
  put(ivt + 0x14, start + 0x1000);
  put(ivt + 0x20, start);
  put(ivt + 0x24, 0x100000);
  const std::string out = "/tmp/xipsim_bench_1mib_non_xip.bin";
  std::ofstream(out, std::ios::binary).write(b.data(), static_cast<std::streamsize>(b.size()));
  return out;
}

void copy_1mib(benchmark::State& state) {
  const std::string args =
      "--chip RT1170 --flash W25Q64JV-IQ " + make_1mib_non_xip() + "@0x30000400";
  double sim = 0;
  for (auto _ : state)
    sim += boot_ns(args);
  report(state, sim);
}

void corpus_sweep(benchmark::State& state) {
  // The 47 full flash images, each with the part of its board (as tests/boot/test_corpus_boot).
  std::ifstream f(corpus("MANIFEST.json"));
  const auto m = nlohmann::json::parse(f);
  std::vector<std::string> runs;
  for (const auto& e : m) {
    if (!xipsim::test::is_full_flash_image(e)) continue;
    const auto board = xipsim::test::corpus_board(e);
    const std::string& chip = board.chip;
    const std::string rel = e["rel"];
    const std::string& part = board.part;
    runs.push_back("--chip " + chip + " --flash " + part + " --flash W25Q64JV-IQ@" +
                   (chip == "RT1064"   ? "FLEXSPI:A1"
                    : chip == "RT1170" ? "FLEXSPI2:A1"
                                       : "B1") +
                   " --qe " + corpus(rel));
  }
  double sim = 0;
  for (auto _ : state)
    for (const auto& r : runs)
      sim += boot_ns(r);
  state.counters["images"] = static_cast<double>(runs.size());
  report(state, sim);
}
}  // namespace

BENCHMARK(xip_largest)->Unit(benchmark::kMillisecond);
BENCHMARK(copy_1mib)->Unit(benchmark::kMillisecond);
BENCHMARK(corpus_sweep)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_MAIN();
