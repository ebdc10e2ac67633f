// The Cortex-M7 exception model that Unicorn does not have (cpu-execution-notes.md §1): which
// exceptions are enabled, pending and active with their priorities (ExceptionState, what the
// NVIC and SCB registers show), and entry and return on the core (ExceptionEngine): the 8-word
// or FP frame on the stack the mode selects, EXC_RETURN in LR, IPSR, the vector from VTOR.
// ARMv7-M Architecture Reference Manual B1.5 (PushStack, ExceptionReturn, priorities).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xipsim/cpu/cortex_m7.h"

namespace xipsim::cpu {

// Exception numbers (ARMv7-M B1.5.2); external interrupt n is kIrq0 + n.
namespace exc {
constexpr unsigned kReset = 1, kNmi = 2, kHardFault = 3, kMemManage = 4, kBusFault = 5,
                   kUsageFault = 6, kSvcall = 11, kDebugMonitor = 12, kPendsv = 14, kSystick = 15,
                   kIrq0 = 16;
}
std::string exception_name(unsigned n);  // "HardFault", "SysTick", "IRQ 20"

class ExceptionState {
 public:
  // `irqs` external interrupts, priorities with `priority_bits` implemented bits (the
  // high-order bits of each 8-bit field; 4 on i.MX RT, SDK __NVIC_PRIO_BITS).
  ExceptionState(unsigned irqs, unsigned priority_bits);
  void reset();

  unsigned count() const { return static_cast<unsigned>(flags_.size()); }
  unsigned irqs() const { return count() - exc::kIrq0; }
  bool enabled(unsigned n) const;  // system exceptions: always, or as SHCSR enables them
  void set_enabled(unsigned n, bool on);
  bool pending(unsigned n) const { return n < count() && (flags_[n] & kPending); }
  void set_pending(unsigned n, bool on);
  bool active(unsigned n) const { return n < count() && (flags_[n] & kActive); }
  void activate(unsigned n);
  void deactivate(unsigned n);
  bool any_active() const { return active_count_ != 0; }

  // The 8-bit priority field as software wrote it (unimplemented low bits read as zero);
  // Reset, NMI and HardFault have the fixed priorities -3, -2, -1.
  std::uint8_t priority_field(unsigned n) const { return n < count() ? priority_[n] : 0; }
  void set_priority_field(unsigned n, std::uint8_t value);
  int priority(unsigned n) const;
  void set_prigroup(unsigned g) { prigroup_ = g & 7u; }
  unsigned prigroup() const { return prigroup_; }

  // The priority the core runs at: the highest-priority active exception (group priority),
  // lowered by PRIMASK (0), FAULTMASK (-1) and BASEPRI; 256 when nothing boosts it.
  int execution_priority(std::uint32_t primask, std::uint32_t basepri,
                         std::uint32_t faultmask) const;
  // The pending, enabled exception that would preempt at `execution_priority`.
  std::optional<unsigned> preempting(int execution_priority) const;
  std::optional<unsigned> highest_pending() const;  // VECTPENDING
  bool any_pending() const { return pending_count_ != 0; }

 private:
  static constexpr std::uint8_t kEnabled = 1, kPending = 2, kActive = 4;
  int group_priority(int p) const;
  std::vector<std::uint8_t> flags_;
  std::vector<std::uint8_t> priority_;
  std::uint8_t implemented_mask_;
  unsigned prigroup_ = 0;
  unsigned active_count_ = 0, pending_count_ = 0;
};

// EXC_RETURN values (ARMv7-M B1.5.8), with bit 4 clear when the frame holds FP state.
namespace exc_return {
constexpr std::uint32_t kHandler = 0xFFFFFFF1, kThreadMsp = 0xFFFFFFF9, kThreadPsp = 0xFFFFFFFD;
constexpr std::uint32_t kNoFpFrame = 1u << 4;
}  // namespace exc_return

class ExceptionEngine {
 public:
  ExceptionEngine(CortexM7& core, ExceptionState& state);

  // Whether the core is at a point where an asynchronous exception can be taken (outside an
  // IT block: Unicorn cannot stop inside one, cpu-execution-notes.md §1).
  bool can_interrupt() const;
  int execution_priority() const;
  // Stacks the context (return address `return_address`), enters exception `n` through the
  // vector table at `vtor`. kNoStack: the frame cannot be written (the stack is not in memory);
  // kNoVector: the vector is in no memory (a table in a window reports its bus error itself).
  // The caller escalates.
  enum class Entry { kEntered, kNoStack, kNoVector };
  Entry enter(unsigned n, std::uint32_t return_address, std::uint32_t vtor);
  // Returns from the current exception with `exc_return`; "" on success, else why not.
  std::string leave(std::uint32_t exc_return);
  unsigned current() const;  // IPSR

 private:
  CortexM7& core_;
  ExceptionState& state_;
};

}  // namespace xipsim::cpu
