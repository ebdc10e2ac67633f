// The whole scenario library as users run it: `xipsim run scenarios -j N` (one process per
// scenario). Target (issue 6): the library in under 30 s on 2 cores.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

namespace {
void library(benchmark::State& state) {
  const std::string cmd = std::string(XIPSIM_BIN) + " run " + XIPSIM_SOURCE_DIR + "/scenarios -j " +
                          std::to_string(state.range(0)) + " >/dev/null 2>&1";
  for (auto _ : state) {
    if (std::system(cmd.c_str()) != 0) state.SkipWithError("a scenario failed");
  }
}
BENCHMARK(library)->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(3);
}  // namespace

BENCHMARK_MAIN();
