// The Cortex-M7 core on Unicorn: a vector table and hand-assembled Thumb code in a RAM buffer.
// Encodings from the ARMv7-M ARM, checked with GNU as (arm-none-eabi-as -mcpu=cortex-m7):
//   202A movs r0,#42 | 2101 movs r1,#1 | 0789 lsls r1,r1,#30 (r1 = 0x4000_0000)
//   6008 str r0,[r1] | 684A ldr r2,[r1,#4] | EEB7 0B00 vmov.f64 d0,#1.0 | EC54 3B10 vmov r3,r4,d0
//   BE42 bkpt #0x42
// IEEE 754: 1.0 as a double is 0x3FF0_0000_0000_0000, so r3 = 0 and r4 = 0x3FF0_0000. A
// double-precision VFP instruction runs only on the M7 model (an M33 has a single-precision FPU).
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "xipsim/core/errors.h"
#include "xipsim/cpu/cortex_m7.h"

namespace xipsim::test {
namespace {

struct Recorder : cpu::MmioHandler {
  struct Access {
    std::uint64_t offset;
    unsigned size;
    std::uint32_t value;
  };
  std::vector<Access> writes;
  std::uint32_t read(std::uint64_t offset, unsigned) override { return offset == 4 ? 0x1234u : 0u; }
  void write(std::uint64_t offset, unsigned size, std::uint32_t value) override {
    writes.push_back({offset, size, value});
  }
};

constexpr std::uint32_t kDtcm = 0x20000000;

std::vector<std::uint8_t> program() {
  std::vector<std::uint8_t> ram(0x8000, 0);
  const std::uint32_t vectors[2] = {kDtcm + 0x8000, kDtcm + 0x41};  // SP = top, reset (Thumb)
  std::memcpy(ram.data(), vectors, sizeof vectors);
  const std::uint16_t code[] = {0x202A, 0x2101, 0x0789, 0x6008, 0x684A,
                                0xEEB7, 0x0B00, 0xEC54, 0x3B10, 0xBE42};
  std::memcpy(ram.data() + 0x40, code, sizeof code);
  return ram;
}

TEST(CortexM7, RunsThumbCodeFromRamWithPeripheralsAndTheDoublePrecisionFpu) {
  std::vector<std::uint8_t> ram = program();
  Recorder periph;
  cpu::CortexM7 core;
  core.map_memory(kDtcm, ram.size(), ram.data(), true);
  core.map_mmio(0x40000000, 0x1000, periph);
  core.start_from_vector_table(kDtcm);
  EXPECT_EQ(core.sp(), kDtcm + 0x8000);
  EXPECT_EQ(core.pc(), kDtcm + 0x40);
  const cpu::RunResult r = core.run(1000);
  EXPECT_EQ(r.reason, cpu::StopReason::kBreakpoint) << cpu::stop_reason_name(r.reason) << r.error;
  EXPECT_EQ(r.breakpoint, 0x42u);
  EXPECT_EQ(r.pc, kDtcm + 0x40 + 18);  // the BKPT: 5 halfword + 2 word instructions before it
  EXPECT_EQ(core.reg(0), 42u);
  EXPECT_EQ(core.reg(1), 0x40000000u);
  EXPECT_EQ(core.reg(2), 0x1234u);  // the peripheral's answer at offset 4
  EXPECT_EQ(core.reg(3), 0u);
  EXPECT_EQ(core.reg(4), 0x3FF00000u);
  ASSERT_EQ(periph.writes.size(), 1u);
  EXPECT_EQ(periph.writes[0].offset, 0u);
  EXPECT_EQ(periph.writes[0].size, 4u);
  EXPECT_EQ(periph.writes[0].value, 42u);
}

TEST(CortexM7, StopsAtTheInstructionBudgetAndOnUnmappedMemory) {
  std::vector<std::uint8_t> ram = program();
  cpu::CortexM7 core;
  core.map_memory(kDtcm, ram.size(), ram.data(), true);
  core.start_from_vector_table(kDtcm);
  // Two instructions: movs r0,#42 and movs r1,#1; the next one is the lsls at +4.
  cpu::RunResult r = core.run(2);
  EXPECT_EQ(r.reason, cpu::StopReason::kInstructionLimit);
  EXPECT_EQ(core.reg(0), 42u);
  EXPECT_EQ(core.pc(), kDtcm + 0x44);
  // No peripheral is mapped at 0x4000_0000 here: the store is a bus error.
  r = core.run(1000);
  EXPECT_EQ(r.reason, cpu::StopReason::kBusError);
  EXPECT_FALSE(r.error.empty());
}

TEST(CortexM7, MemoryMustBeWholePages) {
  std::vector<std::uint8_t> ram(100);
  cpu::CortexM7 core;
  EXPECT_THROW(core.map_memory(kDtcm, ram.size(), ram.data(), true), InputError);
}

}  // namespace
}  // namespace xipsim::test
