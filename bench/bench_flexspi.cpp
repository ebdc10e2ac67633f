// Streams sequential AHB reads (32-byte lines) through the FlexSPI model, the board and a flash
// model with full cycle accounting: directly on the controller, and through the TLM-2.0 socket
// with loosely-timed annotation. In the same run, the same traffic (1-4-4 EBh reads of 1 KiB
// fills) goes through a naive clocked SystemC reference: sc_clock SCLK, one SC_METHOD for the
// controller on every rising edge and one for the flash on every falling edge, signals per line.
// Counters: SCLK cycles simulated per wall second, and AHB bytes per wall second.
#include <benchmark/benchmark.h>

#include <tlm_utils/simple_initiator_socket.h>
#include <memory>
#include <systemc>
#include <tlm>

#include "xipsim/board/board.h"
#include "xipsim/flash/nor_device.h"
#include "xipsim/flash/part_loader.h"
#include "xipsim/flexspi/flexspi_module.h"
#include "xipsim/flexspi/registers.h"

namespace {

using namespace xipsim;
namespace reg = flexspi::reg;

constexpr std::uint64_t kWindow = 4u << 20;  // stream over the first 4 MiB, then wrap
constexpr unsigned kLine = 32;
constexpr unsigned kFill = 1024;  // AHB RX buffer 0: BUFSZ 0x80 = 1 KiB, prefetch on

struct Initiator : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Initiator> socket{"socket"};
  tlm_utils::simple_initiator_socket<Initiator> regs{"regs"};
  explicit Initiator(sc_core::sc_module_name n) : sc_module(n) {}
};

// What the rigs differ in: the part, its bus mode, the read sequence and the sample source.
struct RigSetup {
  const char* part;
  std::uint32_t lut0, lut1, lut2;
  unsigned rxclksrc;
  bool dtr_opi;  // put the octal part in DTR OPI (CR2) before streaming
};
// W25Q64JV-IQ at 133 MHz, DQS-pad loopback, EBh 1-4-4 with 6 dummy.
constexpr RigSetup kQuad{"W25Q64JV-IQ", 0x0A1804EB, 0x26043206, 0, 1, false};
// MX25UM51345G at 133 MHz DTR OPI sampled with its DQS: EEh/11h, 32-bit address, 20 dummy clocks
// (the FCB of scenarios/data/README.md).
constexpr RigSetup kOctal{"MX25UM51345G", 0x871187EE, 0xB3288B20, 0x0000A704, 3, true};

// Controller + board + one flash part, set up as the ROM leaves it.
struct Rig {
  std::shared_ptr<const flash::PartSpec> spec;
  flash::NorDevice device;
  board::Board board;
  std::unique_ptr<flexspi::FlexspiModule> module;
  std::unique_ptr<Initiator> cpu;
  Picoseconds now = 0;

  explicit Rig(const RigSetup& s, const char* name) : spec(flash::load_part(s.part)), device(spec) {
    device.power_on(0);
    if (s.dtr_opi) device.set_register("CR2_MODE", 2);
    std::vector<std::uint8_t> data(kWindow);
    for (std::size_t i = 0; i < data.size(); ++i)
      data[i] = static_cast<std::uint8_t>(i * 131);
    device.array().write(0, data.data(), data.size());
    board.attach(0, &device);
    module = std::make_unique<flexspi::FlexspiModule>(name, flexspi::FlexspiFeatures{}, board);
    cpu = std::make_unique<Initiator>((std::string(name) + "_cpu").c_str());
    cpu->socket.bind(module->ahb);
    cpu->regs.bind(module->registers);
    flexspi::Flexspi& c = module->controller();
    c.set_root_clock_hz(s.dtr_opi ? 266e6 : 133e6);  // DDR: the root runs at twice SCLK
    c.set_ahb_clock_hz(132e6);
    c.write_register(reg::MCR0, (0xFFFF80C2 & ~flexspi::bits::MCR0_MDIS) | s.rxclksrc << 4, 0);
    c.write_register(reg::FLSHA1CR0, 8192, 0);
    c.write_register(reg::AHBCR, 0x18 | flexspi::bits::AHBCR_PREFETCHEN, 0);
    c.write_register(reg::AHBRXBUF0CR0, 0x80000000u | (kFill / 8), 0);
    for (unsigned i = 1; i < 4; ++i)
      c.write_register(reg::AHBRXBUF0CR0 + 4 * i, 0x000F0000, 0);
    c.write_register(reg::LUTKEY, reg::kLutKey, 0);
    c.write_register(reg::LUTCR, 2, 0);
    c.write_register(reg::LUT0, s.lut0, 0);
    c.write_register(reg::LUT0 + 4, s.lut1, 0);
    c.write_register(reg::LUT0 + 8, s.lut2, 0);
  }
};

Rig& rig() {
  static Rig r(kQuad, "flexspi");
  return r;
}
Rig& octal_rig() {
  static Rig r(kOctal, "flexspi_octal");
  return r;
}

void report(benchmark::State& state, std::uint64_t cycles, std::uint64_t bytes) {
  state.counters["sclk_cycles_per_s"] =
      benchmark::Counter(static_cast<double>(cycles), benchmark::Counter::kIsRate);
  state.counters["ahb_bytes_per_s"] =
      benchmark::Counter(static_cast<double>(bytes), benchmark::Counter::kIsRate);
}

void stream(benchmark::State& state, Rig& r) {
  flexspi::Flexspi& c = r.module->controller();
  std::uint8_t line[kLine];
  std::uint64_t offset = 0, bytes = 0;
  const std::uint64_t cycles0 = c.stats().sclk_cycles;
  std::uint8_t first = 0;
  for (auto _ : state) {
    for (unsigned i = 0; i < 1024; ++i) {
      const flexspi::AhbResponse resp = c.ahb_read(offset, line, kLine, 0, r.now);
      r.now = resp.done;
      if (offset == kLine) first = line[0];
      offset = (offset + kLine) % kWindow;
      bytes += kLine;
    }
    benchmark::DoNotOptimize(line);
  }
  // The data is i * 131: a wrong read configuration would stream other bytes.
  if (first != static_cast<std::uint8_t>(kLine * 131)) state.SkipWithError("wrong data read");
  report(state, c.stats().sclk_cycles - cycles0, bytes);
}

void BM_AhbStreamController(benchmark::State& state) {
  stream(state, rig());
}
BENCHMARK(BM_AhbStreamController)->Unit(benchmark::kMillisecond);

// The same stream from the octal part in DTR OPI, sampled with its DQS (strobe-wait slots).
void BM_AhbStreamOctalDtr(benchmark::State& state) {
  stream(state, octal_rig());
}
BENCHMARK(BM_AhbStreamOctalDtr)->Unit(benchmark::kMillisecond);

void BM_AhbStreamTlm(benchmark::State& state) {
  Rig& r = rig();
  std::uint8_t line[kLine];
  tlm::tlm_generic_payload t;
  t.set_command(tlm::TLM_READ_COMMAND);
  t.set_data_ptr(line);
  t.set_data_length(kLine);
  t.set_streaming_width(kLine);
  std::uint64_t offset = 0, bytes = 0;
  const std::uint64_t cycles0 = r.module->controller().stats().sclk_cycles;
  sc_core::sc_time local = sc_core::sc_time(static_cast<double>(r.now), sc_core::SC_PS);
  for (auto _ : state) {
    for (unsigned i = 0; i < 1024; ++i) {
      t.set_address(offset);
      t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
      r.cpu->socket->b_transport(t, local);  // loosely timed: time kept in the annotation
      offset = (offset + kLine) % kWindow;
      bytes += kLine;
    }
    benchmark::DoNotOptimize(line);
  }
  r.now = static_cast<Picoseconds>(local.to_seconds() * 1e12);
  report(state, r.module->controller().stats().sclk_cycles - cycles0, bytes);
}
BENCHMARK(BM_AhbStreamTlm)->Unit(benchmark::kMillisecond);

// The naive clocked reference: the same 1-4-4 EBh fills, cycle by cycle on sc_signals.
SC_MODULE(NaiveQspi) {
  sc_core::sc_clock sclk{"sclk", sc_core::sc_time(7519, sc_core::SC_PS)};
  sc_core::sc_signal<bool> cs_n{"cs_n", true};
  sc_core::sc_signal<unsigned> io_ctrl{"io_ctrl"}, io_flash{"io_flash"};
  std::vector<std::uint8_t> array = std::vector<std::uint8_t>(kWindow);
  std::uint64_t cycles = 0, bytes = 0;
  // controller state
  unsigned cycle = 0;
  std::uint32_t address = 0;
  std::uint8_t byte = 0;
  // flash state
  unsigned f_cycle = 0;
  std::uint32_t f_cmd = 0, f_addr = 0;

  static constexpr unsigned kCmd = 8, kAddr = 6, kDummy = 6, kData = 2 * kFill;
  static constexpr unsigned kFrame = kCmd + kAddr + kDummy + kData;

  SC_CTOR(NaiveQspi) {
    for (std::size_t i = 0; i < array.size(); ++i)
      array[i] = static_cast<std::uint8_t>(i * 131);
    SC_METHOD(controller);
    sensitive << sclk.posedge_event();
    dont_initialize();
    SC_METHOD(flash);
    sensitive << sclk.negedge_event();
    dont_initialize();
  }
  void controller() {
    ++cycles;
    if (cycle == kFrame) {  // one idle cycle with CS high between fills
      cs_n.write(true);
      cycle = 0;
      address = (address + kFill) % kWindow;
      return;
    }
    cs_n.write(false);
    if (cycle < kCmd) {
      io_ctrl.write((0xEBu >> (7 - cycle)) & 1u);
    } else if (cycle < kCmd + kAddr) {
      io_ctrl.write((address >> (4 * (kCmd + kAddr - 1 - cycle))) & 0xFu);
    } else if (cycle >= kCmd + kAddr + kDummy + 1 || cycle == kCmd + kAddr + kDummy) {
      // sample the nibble the flash drove on the previous falling edge
      if (cycle > kCmd + kAddr + kDummy) {
        const unsigned k = cycle - (kCmd + kAddr + kDummy) - 1;
        byte = static_cast<std::uint8_t>(byte << 4 | (io_flash.read() & 0xFu));
        if (k % 2 == 1) ++bytes;
      }
    }
    ++cycle;
  }
  void flash() {
    if (cs_n.read()) {
      f_cycle = 0;
      f_cmd = f_addr = 0;
      return;
    }
    if (f_cycle < kCmd) {
      f_cmd = f_cmd << 1 | (io_ctrl.read() & 1u);
    } else if (f_cycle < kCmd + kAddr) {
      f_addr = f_addr << 4 | (io_ctrl.read() & 0xFu);
    } else if (f_cycle >= kCmd + kAddr + kDummy - 1 && f_cmd == 0xEB) {
      const unsigned k = f_cycle - (kCmd + kAddr + kDummy - 1);
      const std::uint8_t b = array[(f_addr + k / 2) % kWindow];
      io_flash.write(k % 2 == 0 ? b >> 4 : b & 0xFu);
    }
    ++f_cycle;
  }
};

NaiveQspi& naive() {
  static NaiveQspi* n = new NaiveQspi("naive");
  return *n;
}

void BM_NaiveClockedReference(benchmark::State& state) {
  NaiveQspi& n = naive();
  const std::uint64_t c0 = n.cycles, b0 = n.bytes;
  for (auto _ : state)
    sc_core::sc_start(sc_core::sc_time(7519.0 * 20000, sc_core::SC_PS));
  report(state, n.cycles - c0, n.bytes - b0);
}
BENCHMARK(BM_NaiveClockedReference)->Unit(benchmark::kMillisecond);

}  // namespace

int sc_main(int argc, char** argv) {
  rig();
  naive();  // elaborate before the first sc_start
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
