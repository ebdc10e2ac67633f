// The Cortex-M7 core as an instruction-set simulator (Unicorn 2.0.1, UC_MODE_THUMB with the
// Cortex-M7 CPU model: the one setting that gives the M7 with its double-precision FPU; MCLASS
// silently selects a Cortex-M33, ../shared/docs/toolchain-notes.md §5). Memory the platform owns
// is mapped by pointer (one buffer, shared with whoever else writes it); peripherals are mapped
// as MMIO regions whose accesses go to a handler, never through global memory hooks.
//
// This class is the bare instruction set: Unicorn has no exception model, so exceptions, the
// system control space and time live above it (exception_engine.h, scs.h, cpu.h). A `CoreHooks`
// sees every executed basic block before it runs (and may stop the run or redirect the PC
// there, the block then does not run) and every exception Unicorn raises.
// See docs/cpu-model.md for what is modelled and what is not.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace xipsim::cpu {

// A peripheral region: 1-, 2- and 4-byte accesses at `offset` from the region's base.
class MmioHandler {
 public:
  virtual ~MmioHandler() = default;
  virtual std::uint32_t read(std::uint64_t offset, unsigned size) = 0;
  virtual void write(std::uint64_t offset, unsigned size, std::uint32_t value) = 0;
};

// QEMU's exception numbers as Unicorn's INTR hook reports them (toolchain-notes.md §5,
// cpu-execution-notes.md §1).
namespace excp {
constexpr unsigned kUndefined = 1, kSvc = 2, kPrefetchAbort = 3, kDataAbort = 4, kBkpt = 7,
                   kExceptionExit = 8;
}

class CoreHooks {
 public:
  virtual ~CoreHooks() = default;
  // Before the block at `address` (`size` bytes) runs. The hook may call request_stop() or
  // set the PC; either way the block does not run now.
  virtual void on_block(std::uint32_t address, std::uint32_t size) = 0;
  // Unicorn raised exception `intno` (excp::) with the PC as Unicorn left it. Return true when
  // the hook took it (registers and PC updated, the run goes on), false to end the run.
  virtual bool on_exception(unsigned intno) = 0;
};

enum class StopReason {
  kBreakpoint,          // BKPT #imm: `breakpoint` holds imm, pc the BKPT's address
  kInstructionLimit,    // the budget given to run() was used up
  kStopped,             // a hook called request_stop()
  kWaitForInterrupt,    // WFI: pc is the next instruction
  kWaitForEvent,        // WFE or YIELD: pc is the next instruction
  kException,           // an exception no hook took (`exception` = Unicorn intno)
  kBusError,            // an access to unmapped memory or a fetch from a non-executable region
  kInvalidInstruction,  // an undefined instruction (pc at it)
};
const char* stop_reason_name(StopReason r);

enum class Access { kRead, kWrite, kFetch };

struct RunResult {
  StopReason reason = StopReason::kInstructionLimit;
  std::uint32_t pc = 0;
  unsigned breakpoint = 0;
  unsigned exception = 0;
  std::string error;                // kBusError: Unicorn's message
  std::uint32_t fault_address = 0;  // kBusError: the address accessed
  Access fault_access = Access::kRead;
  unsigned fault_size = 0;
  std::string cause;  // kBusError on a window: why the target refused, in its own words
};

// Special registers (ARMv7-M B1.4) as Unicorn exposes them. Writing kControl switches the live
// stack pointer when SPSEL changes (measured on 2.0.1: r13 follows CONTROL.SPSEL).
enum class Special { kXpsr, kIpsr, kControl, kPrimask, kBasepri, kFaultmask, kMsp, kPsp, kFpscr };

class CortexM7 {
 public:
  CortexM7();  // throws InputError if Unicorn does not give a Cortex-M7
  ~CortexM7();
  CortexM7(const CortexM7&) = delete;
  CortexM7& operator=(const CortexM7&) = delete;

  // `host` backs [base, base + size) (4 KiB multiples); the caller keeps it alive.
  void map_memory(std::uint64_t base, std::uint64_t size, std::uint8_t* host, bool executable,
                  bool writable = true);
  void unmap(std::uint64_t base, std::uint64_t size);  // not from a hook
  // An MMIO region; `executable` lets code run from it (its bytes are read through the handler
  // when Unicorn translates them, and data accesses reach the handler every time).
  void map_mmio(std::uint64_t base, std::uint64_t size, MmioHandler& handler,
                bool executable = false);
  void set_hooks(CoreHooks* hooks);  // nullptr: none (the block hook is removed)

  // Debugger hooks. An instruction hook runs before each instruction in [begin, end] (begin >
  // end: every instruction); request_stop() there stops before that instruction runs. An access
  // hook runs before each data access in [begin, end] (RAM and MMIO alike); stopping there would
  // leave the PC at the accessing instruction, so it only notes the hit. Measured on 2.0.1.
  using InstructionHook = std::function<void(std::uint32_t address)>;
  using AccessHook = std::function<void(std::uint32_t address, unsigned size, bool write)>;
  unsigned add_instruction_hook(std::uint32_t begin, std::uint32_t end, InstructionHook fn);
  unsigned add_access_hook(std::uint32_t begin, std::uint32_t end, bool reads, bool writes,
                           AccessHook fn);
  void remove_hook(unsigned id);

  // Loads SP and the reset handler from the vector table at `vtor` (as the ROM hands over).
  void start_from_vector_table(std::uint32_t vtor);
  // Runs from the current PC until a stop; at most `max_instructions` when not 0.
  RunResult run(std::uint64_t max_instructions = 0);
  void request_stop();  // from a hook: the run ends before the next block
  // Drops every translated block (code changed behind Unicorn's back). Not from a hook.
  void flush_translations();
  // Drops the blocks translated from RAM in [begin, end) (uc_ctl_remove_cache; it does not
  // reach blocks translated from MMIO regions). Not from a hook.
  void drop_translations(std::uint64_t begin, std::uint64_t end);

  std::uint32_t reg(unsigned n) const;            // r0..r15
  void set_reg(unsigned n, std::uint32_t value);  // r15: the Thumb state is kept
  std::uint32_t special(Special r) const;
  void set_special(Special r, std::uint32_t value);
  std::uint32_t fp_single(unsigned n) const;  // s0..s31
  void set_fp_single(unsigned n, std::uint32_t value);
  std::uint32_t pc() const { return reg(15); }
  std::uint32_t sp() const { return reg(13); }
  unsigned cpu_model() const;  // Unicorn's CPU model number (UC_CPU_ARM_CORTEX_M7)

  // Memory as the core sees it (mapped RAM, or MMIO through the handlers); false when unmapped.
  bool read(std::uint32_t address, void* out, std::size_t len) const;
  bool write(std::uint32_t address, const void* data, std::size_t len);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xipsim::cpu
