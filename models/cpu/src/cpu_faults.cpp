// Cpu: faults as the M7 takes them. Unicorn ends the run on a bus error or an undefined
// instruction; here the fault status registers are set (CFSR, BFAR, HFSR) and the core enters
// the fault's handler, or HardFault when that handler is disabled or cannot preempt, or locks up
// when the fault happens in the HardFault or NMI handler (ARMv7-M B1.5.15, B1.5.16).
#include <fmt/format.h>

#include "xipsim/cpu/cpu.h"

namespace xipsim::cpu {

using namespace scs_field;

namespace {
struct FaultKind {
  unsigned target = exc::kHardFault;
  std::uint32_t cfsr = 0;
  std::string kind;
  bool has_address = false;
};

FaultKind classify(const RunResult& r) {
  if (r.reason == StopReason::kInvalidInstruction ||
      (r.reason == StopReason::kException && r.exception == excp::kUndefined))
    return {exc::kUsageFault, CFSR_UNDEFINSTR, "undefined instruction", false};
  if (r.reason == StopReason::kException && r.exception == excp::kPrefetchAbort)
    return {exc::kUsageFault, CFSR_INVPC, "a branch to an exception-return address", false};
  if (r.reason == StopReason::kBusError && r.fault_access == Access::kFetch)
    return {exc::kBusFault, CFSR_IBUSERR, "bus fault on an instruction fetch", true};
  if (r.reason == StopReason::kBusError || r.exception == excp::kDataAbort) {
    const bool write = r.fault_access == Access::kWrite;
    return {exc::kBusFault, CFSR_PRECISERR | CFSR_BFARVALID,
            write ? "bus fault on a write" : "bus fault on a read", true};
  }
  return {exc::kHardFault, 0, fmt::format("CPU exception {} the model cannot take", r.exception),
          false};
}
}  // namespace

bool Cpu::inject_fault(const RunResult& r) {
  const FaultKind k = classify(r);
  FaultRecord f;
  f.time = now();
  f.kind = k.kind;
  f.block = f.pc = r.pc;
  f.address = r.fault_address;
  f.has_address = k.has_address;
  f.cause = r.cause;
  const unsigned span = r.pc == last_block_ && last_block_size_ ? last_block_size_ : 32;
  const std::vector<std::uint8_t> code = code_bytes(r.pc, span);
  f.code = disassemble(code, r.pc, 16);
  if (k.has_address && r.fault_access != Access::kFetch) {
    const auto at =
        find_access(code, r.pc, r.fault_address, [this](unsigned n) { return core_->reg(n); });
    if (at) {
      f.pc = at->address;  // the stacked PC: a precise fault returns to the instruction
      f.precise = true;
    }
  }
  ExceptionState& st = scs_->exceptions();
  if (st.active(exc::kHardFault) || st.active(exc::kNmi)) {
    f.exception = 0;
    out_->faults.push_back(f);
    end_ = RunEnd::kLockup;
    end_text_ = fmt::format("lockup: {} at 0x{:08X} while in the {} handler", k.kind, r.pc,
                            st.active(exc::kNmi) ? "NMI" : "HardFault");
    return false;
  }
  unsigned target = k.target;
  const bool own = target != exc::kHardFault && st.enabled(target) &&
                   st.priority(target) < engine_->execution_priority();
  f.escalated = !own && target != exc::kHardFault;
  if (!own) target = exc::kHardFault;
  scs_->record_fault(k.cfsr, f.escalated ? HFSR_FORCED : 0, r.fault_address);
  f.cfsr = scs_->cfsr();
  f.hfsr = scs_->hfsr();
  return fault_entry(target, f);
}

// The bytes of the code at `address` as the core saw them: what a FlexSPI window handed out (no
// new read through the model), or RAM.
std::vector<std::uint8_t> Cpu::code_bytes(std::uint32_t address, unsigned len) const {
  std::vector<std::uint8_t> out;
  for (unsigned i = 0; i < len; ++i) {
    std::uint8_t b = 0;
    bool ok = false;
    bool in_window = false;
    for (const auto& w : windows_) {
      if (!w->contains(address + i)) continue;
      in_window = true;
      ok = w->seen(address + i, &b, 1);
    }
    if (!in_window) ok = core_->read(address + i, &b, 1);
    if (!ok) break;
    out.push_back(b);
  }
  return out;
}

// Why exception `target` found no room for its frame; names the RAM when SP is not in any.
std::string Cpu::stack_overflow_text(unsigned target) const {
  const std::uint32_t sp = core_->sp();
  std::string text = fmt::format("the stack (SP 0x{:08X}) cannot hold the frame for {}", sp,
                                 exception_name(target));
  const std::uint32_t frame = sp - 32;
  std::string ram;
  for (const MemoryRegion& r : config_.ram) {
    if (frame >= r.base && sp <= r.base + r.size) return text;
    if (r.size == 0) continue;  // SDRAM the SEMC has not opened
    ram += fmt::format("{}{} 0x{:08X}..0x{:08X}", ram.empty() ? "" : ", ", r.name, r.base,
                       r.base + r.size - 1);
  }
  return text + fmt::format(
                    ": the 32 bytes below SP are in no RAM ({}); the stack pointer (the "
                    "vector table's initial SP, or one set later) is past its RAM",
                    ram);
}

bool Cpu::fault_entry(unsigned target, FaultRecord f) {
  f.exception = target;
  out_->faults.push_back(f);
  if (!enter_exception(target, f.pc)) return false;
  ++out_->exceptions_taken[target];
  return true;
}

// Exception entry: the frame pushed, the handler's address read from the vector table (through
// the FlexSPI model when the table is in flash). When either fails the core locks up. ARMv7-M
// first escalates a failed vector read to HardFault (HFSR.VECTTBL), whose entry sits in the same
// table; the model locks up at once and says so.
bool Cpu::enter_exception(unsigned n, std::uint32_t return_address) {
  const std::uint32_t entry = scs_->vtor() + 4 * n;
  const ExceptionEngine::Entry e = engine_->enter(n, return_address, scs_->vtor());
  const bool vector_failed =
      e == ExceptionEngine::Entry::kNoVector ||
      (e == ExceptionEngine::Entry::kEntered && bus_fault_ && bus_fault_->first == entry);
  if (e == ExceptionEngine::Entry::kEntered && !vector_failed) return true;
  end_ = RunEnd::kLockup;
  if (e == ExceptionEngine::Entry::kNoStack) {
    end_text_ = "lockup: " + stack_overflow_text(n);
  } else {
    bus_fault_.reset();
    scs_->record_fault(0, HFSR_VECTTBL, 0);
    const std::string why = e == ExceptionEngine::Entry::kNoVector ? ": no memory there"
                            : bus_fault_text_.empty()              ? ""
                                                                   : ": " + bus_fault_text_;
    end_text_ = fmt::format(
        "lockup: the vector table entry for {} at 0x{:08X} cannot be read "
        "(bus fault on the vector fetch{}, HFSR.VECTTBL)",
        exception_name(n), entry, why);
  }
  core_->request_stop();
  return false;
}

}  // namespace xipsim::cpu
