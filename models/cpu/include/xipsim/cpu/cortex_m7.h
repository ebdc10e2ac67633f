// The Cortex-M7 core as an instruction-set simulator (Unicorn 2.0.1, UC_MODE_THUMB with the
// Cortex-M7 CPU model: the one setting that gives the M7 with its double-precision FPU; MCLASS
// silently selects a Cortex-M33, ../shared/docs/toolchain-notes.md §5). Memory the platform owns
// is mapped by pointer (one buffer, shared with whoever else writes it); peripherals are mapped
// as MMIO regions whose accesses go to a handler, never through global memory hooks. This first
// step runs code until a breakpoint, an instruction budget, an exception the core cannot take yet
// (no exception model: SVC, faults and interrupts stop the run) or a bus error.
// See docs/cpu-model.md for what is modelled and what is not.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "xipsim/core/timed_note.h"

namespace xipsim::cpu {

// A peripheral region: 1-, 2- and 4-byte accesses at `offset` from the region's base.
class MmioHandler {
 public:
  virtual ~MmioHandler() = default;
  virtual std::uint32_t read(std::uint64_t offset, unsigned size) = 0;
  virtual void write(std::uint64_t offset, unsigned size, std::uint32_t value) = 0;
};

enum class StopReason {
  kBreakpoint,        // BKPT #imm: `breakpoint` holds imm, pc the BKPT's address
  kInstructionLimit,  // the budget given to run() was used up
  kException,         // an exception the core does not take yet (`exception` = Unicorn intno)
  kBusError,          // an access to unmapped memory or a fetch from a non-executable region
};
const char* stop_reason_name(StopReason r);

struct RunResult {
  StopReason reason = StopReason::kInstructionLimit;
  std::uint32_t pc = 0;
  unsigned breakpoint = 0;
  unsigned exception = 0;
  std::string error;  // kBusError: Unicorn's message
};

class CortexM7 {
 public:
  CortexM7();  // throws InputError if Unicorn does not give a Cortex-M7
  ~CortexM7();
  CortexM7(const CortexM7&) = delete;
  CortexM7& operator=(const CortexM7&) = delete;

  // `host` backs [base, base + size) (4 KiB multiples); the caller keeps it alive.
  void map_memory(std::uint64_t base, std::uint64_t size, std::uint8_t* host, bool executable);
  void map_mmio(std::uint64_t base, std::uint64_t size, MmioHandler& handler);

  // Loads SP and the reset handler from the vector table at `vtor` (as the ROM hands over).
  void start_from_vector_table(std::uint32_t vtor);
  // Runs at most `max_instructions` from the current PC.
  RunResult run(std::uint64_t max_instructions);

  std::uint32_t reg(unsigned n) const;  // r0..r15
  std::uint32_t pc() const { return reg(15); }
  std::uint32_t sp() const { return reg(13); }
  unsigned cpu_model() const;  // Unicorn's CPU model number (UC_CPU_ARM_CORTEX_M7)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xipsim::cpu
