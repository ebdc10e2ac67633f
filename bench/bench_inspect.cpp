// Load + inspect of the largest corpus images per format (target: < 50 ms for any corpus file).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "xipsim/chips/chip_catalog.h"
#include "xipsim/image/inspect.h"

namespace {
std::string corpus(const char* rel) {
  const char* env = std::getenv("XIPSIM_CORPUS_DIR");
  return std::string(env ? env : XIPSIM_CORPUS_DEFAULT) + "/" + rel;
}

void inspect_file(benchmark::State& state, const char* rel) {
  const std::string path = corpus(rel);
  const auto& catalog = xipsim::chips::ChipCatalog::builtin();
  for (auto _ : state) {
    const auto file = xipsim::image::load_file(path);
    auto report = xipsim::image::inspect(file, {}, catalog);
    benchmark::DoNotOptimize(report);
  }
}
}  // namespace

BENCHMARK_CAPTURE(
    inspect_file, elf_367k_rt1170,
    "mcubootutility/apps/NXP_MIMXRT1170-EVK_Rev.A/cm7/led_blinky_0x30002000_fdcb_vec-ivt_iar.elf")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(inspect_file, bin_321k_encrypted,
                  "spsdk/nxpimage/data/iee/aes_xts512_multiple/encrypted.bin")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(
    inspect_file, bin_86k_rt1176,
    "spsdk/nxpimage/data/bootable_image/mimxrt1176/flexspi_nor/as_yaml/merged_image.bin")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(inspect_file, hex_rt1060_fdcb,
                  "mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/led_blinky_0x60002000_fdcb.hex")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(
    inspect_file, srec_rt1060_dcd,
    "mcubootutility/apps/NXP_MIMXRT1060-EVK_Rev.A1/led_blinky_0x60005000_fdcb_ivt_dcd.srec")
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
