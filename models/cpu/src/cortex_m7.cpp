#include "xipsim/cpu/cortex_m7.h"

#include <fmt/format.h>

#include <unicorn/unicorn.h>
#include <map>

#include "xipsim/core/errors.h"

namespace xipsim::cpu {

namespace {
constexpr std::uint64_t kPage = 4096;
// Thumb encodings of the hints that end a run (ARMv7-M A7.7: WFI BF30, WFE BF20, YIELD BF10).
constexpr std::uint16_t kWfi = 0xBF30;

void check(uc_err err, const char* what) {
  if (err != UC_ERR_OK) throw InputError(fmt::format("Cortex-M7: {}: {}", what, uc_strerror(err)));
}

int special_id(Special r) {
  switch (r) {
    case Special::kXpsr:
      return UC_ARM_REG_XPSR;
    case Special::kIpsr:
      return UC_ARM_REG_IPSR;
    case Special::kControl:
      return UC_ARM_REG_CONTROL;
    case Special::kPrimask:
      return UC_ARM_REG_PRIMASK;
    case Special::kBasepri:
      return UC_ARM_REG_BASEPRI;
    case Special::kFaultmask:
      return UC_ARM_REG_FAULTMASK;
    case Special::kMsp:
      return UC_ARM_REG_MSP;
    case Special::kPsp:
      return UC_ARM_REG_PSP;
    case Special::kFpscr:
      return UC_ARM_REG_FPSCR;
  }
  return UC_ARM_REG_XPSR;
}

constexpr int kRegs[16] = {UC_ARM_REG_R0,  UC_ARM_REG_R1, UC_ARM_REG_R2,  UC_ARM_REG_R3,
                           UC_ARM_REG_R4,  UC_ARM_REG_R5, UC_ARM_REG_R6,  UC_ARM_REG_R7,
                           UC_ARM_REG_R8,  UC_ARM_REG_R9, UC_ARM_REG_R10, UC_ARM_REG_R11,
                           UC_ARM_REG_R12, UC_ARM_REG_SP, UC_ARM_REG_LR,  UC_ARM_REG_PC};
}  // namespace

const char* stop_reason_name(StopReason r) {
  switch (r) {
    case StopReason::kBreakpoint:
      return "breakpoint";
    case StopReason::kInstructionLimit:
      return "instruction limit";
    case StopReason::kStopped:
      return "stopped";
    case StopReason::kWaitForInterrupt:
      return "wait for interrupt";
    case StopReason::kWaitForEvent:
      return "wait for event";
    case StopReason::kException:
      return "exception";
    case StopReason::kBusError:
      return "bus error";
    case StopReason::kInvalidInstruction:
      return "invalid instruction";
  }
  return "?";
}

struct CortexM7::Impl {
  struct DebugHook {
    uc_hook handle = 0;
    bool active = true;
    InstructionHook on_instruction;
    AccessHook on_access;
  };
  uc_engine* uc = nullptr;
  std::map<unsigned, std::unique_ptr<DebugHook>> debug_hooks;
  // Removed hooks stay allocated: 2.0.1 was seen calling a deleted code hook from code translated
  // while it existed (its user data must stay valid; `active` makes it do nothing).
  std::vector<std::unique_ptr<DebugHook>> retired_hooks;
  unsigned add_debug_hook(std::unique_ptr<DebugHook> h, int types, void* callback,
                          std::uint32_t begin, std::uint32_t end);
  unsigned next_hook = 1;
  uc_hook intr_hook = 0, invalid_hook = 0, unmapped_hook = 0, block_hook = 0;
  CoreHooks* hooks = nullptr;
  bool ended = false;           // a hook decided how the run ends (result filled)
  bool stop_requested = false;  // request_stop()
  bool wait_for_event = false;  // WFE/YIELD ended the run
  RunResult result;

  std::uint32_t pc() const {
    std::uint32_t v = 0;
    uc_reg_read(uc, UC_ARM_REG_PC, &v);
    return v;
  }
  void end(StopReason reason) {
    ended = true;
    result.reason = reason;
    result.pc = pc();
    uc_emu_stop(uc);
  }

  static void on_interrupt(uc_engine* uc, std::uint32_t intno, void* user) {
    auto* self = static_cast<Impl*>(user);
    if (intno == excp::kBkpt) {
      std::uint16_t insn = 0;
      const std::uint32_t at = self->pc();
      uc_mem_read(uc, at, &insn, sizeof insn);
      self->result.breakpoint = insn & 0xFFu;
      self->end(StopReason::kBreakpoint);
      return;
    }
    if (self->hooks && self->hooks->on_exception(intno)) return;
    self->result.exception = intno;
    self->end(StopReason::kException);
  }
  // WFE and YIELD raise EXCP_YIELD, which 2.0.1 turns into an invalid instruction with the PC
  // already past the hint (measured); taking it here ends the run without an error.
  static bool on_invalid(uc_engine*, void* user) {
    auto* self = static_cast<Impl*>(user);
    std::uint16_t insn = 0;
    const std::uint32_t pc = self->pc();
    uc_mem_read(self->uc, pc - 2, &insn, sizeof insn);
    if (insn != 0xBF20 && insn != 0xBF10) return false;
    self->wait_for_event = true;
    return true;
  }
  static bool on_unmapped(uc_engine*, uc_mem_type type, std::uint64_t address, int size,
                          std::int64_t, void* user) {
    auto* self = static_cast<Impl*>(user);
    self->result.fault_address = static_cast<std::uint32_t>(address);
    self->result.fault_size = static_cast<unsigned>(size);
    const bool fetch = type == UC_MEM_FETCH_UNMAPPED || type == UC_MEM_FETCH_PROT;
    const bool write = type == UC_MEM_WRITE_UNMAPPED || type == UC_MEM_WRITE_PROT;
    self->result.fault_access = fetch ? Access::kFetch : write ? Access::kWrite : Access::kRead;
    return false;
  }
  static void on_block(uc_engine*, std::uint64_t address, std::uint32_t size, void* user) {
    auto* self = static_cast<Impl*>(user);
    if (self->hooks) self->hooks->on_block(static_cast<std::uint32_t>(address), size);
  }
  static void on_debug_code(uc_engine*, std::uint64_t address, std::uint32_t, void* user) {
    auto* h = static_cast<DebugHook*>(user);
    if (h->active && h->on_instruction) h->on_instruction(static_cast<std::uint32_t>(address));
  }
  static void on_debug_access(uc_engine*, uc_mem_type type, std::uint64_t address, int size,
                              std::int64_t, void* user) {
    auto* h = static_cast<DebugHook*>(user);
    if (h->active && h->on_access)
      h->on_access(static_cast<std::uint32_t>(address), static_cast<unsigned>(size),
                   type == UC_MEM_WRITE);
  }
  static std::uint64_t mmio_read(uc_engine*, std::uint64_t offset, unsigned size, void* user) {
    return static_cast<MmioHandler*>(user)->read(offset, size);
  }
  static void mmio_write(uc_engine*, std::uint64_t offset, unsigned size, std::uint64_t value,
                         void* user) {
    static_cast<MmioHandler*>(user)->write(offset, size, static_cast<std::uint32_t>(value));
  }
};

CortexM7::CortexM7() : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  check(uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &m.uc), "uc_open");
  // Must come before any other call; with UC_MODE_MCLASS it would be ignored (an M33).
  check(uc_ctl_set_cpu_model(m.uc, UC_CPU_ARM_CORTEX_M7), "select the Cortex-M7 model");
  if (cpu_model() != UC_CPU_ARM_CORTEX_M7)
    throw InputError(fmt::format("Cortex-M7: Unicorn runs CPU model {}, not the Cortex-M7 ({})",
                                 cpu_model(), static_cast<int>(UC_CPU_ARM_CORTEX_M7)));
  // Without an INTR hook every exception ends uc_emu_start with UC_ERR_EXCEPTION.
  check(uc_hook_add(m.uc, &m.intr_hook, UC_HOOK_INTR, reinterpret_cast<void*>(&Impl::on_interrupt),
                    &m, 1, 0),
        "exception hook");
  check(uc_hook_add(m.uc, &m.invalid_hook, UC_HOOK_INSN_INVALID,
                    reinterpret_cast<void*>(&Impl::on_invalid), &m, 1, 0),
        "invalid-instruction hook");
  // Unmapped and protection hooks run only on the slow path of a failing access.
  check(uc_hook_add(m.uc, &m.unmapped_hook, UC_HOOK_MEM_UNMAPPED | UC_HOOK_MEM_PROT,
                    reinterpret_cast<void*>(&Impl::on_unmapped), &m, 1, 0),
        "bus error hook");
}

CortexM7::~CortexM7() {
  if (impl_->uc) uc_close(impl_->uc);
}

unsigned CortexM7::cpu_model() const {
  int model = -1;
  uc_ctl_get_cpu_model(impl_->uc, &model);
  return static_cast<unsigned>(model);
}

void CortexM7::map_memory(std::uint64_t base, std::uint64_t size, std::uint8_t* host,
                          bool executable, bool writable) {
  if (base % kPage || size % kPage || size == 0)
    throw InputError(
        fmt::format("Cortex-M7: memory at 0x{:08X} (+0x{:X}) is not in whole 4 KiB "
                    "pages",
                    base, size));
  const std::uint32_t perms =
      UC_PROT_READ | (writable ? UC_PROT_WRITE : 0) | (executable ? UC_PROT_EXEC : 0);
  check(uc_mem_map_ptr(impl_->uc, base, size, perms, host),
        fmt::format("map memory at 0x{:08X}", base).c_str());
}

void CortexM7::unmap(std::uint64_t base, std::uint64_t size) {
  check(uc_mem_unmap(impl_->uc, base, size), fmt::format("unmap 0x{:08X}", base).c_str());
}

void CortexM7::map_mmio(std::uint64_t base, std::uint64_t size, MmioHandler& handler,
                        bool executable) {
  void* user = &handler;  // the caller keeps the handler alive as long as the core
  check(uc_mmio_map(impl_->uc, base, size, &Impl::mmio_read, user, &Impl::mmio_write, user),
        fmt::format("map peripherals at 0x{:08X}", base).c_str());
  if (executable)
    check(uc_mem_protect(impl_->uc, base, size, UC_PROT_ALL),
          fmt::format("make 0x{:08X} executable", base).c_str());
}

void CortexM7::set_hooks(CoreHooks* hooks) {
  Impl& m = *impl_;
  m.hooks = hooks;
  if (m.block_hook) {
    uc_hook_del(m.uc, m.block_hook);
    m.block_hook = 0;
  }
  if (hooks)
    check(uc_hook_add(m.uc, &m.block_hook, UC_HOOK_BLOCK, reinterpret_cast<void*>(&Impl::on_block),
                      &m, 1, 0),
          "block hook");
}

// Registers `h` with Unicorn for `types` over [begin, end] and keeps it; returns its id.
unsigned CortexM7::Impl::add_debug_hook(std::unique_ptr<DebugHook> h, int types, void* callback,
                                        std::uint32_t begin, std::uint32_t end) {
  check(uc_hook_add(uc, &h->handle, types, callback, h.get(), begin, end), "debugger hook");
  debug_hooks[next_hook] = std::move(h);
  return next_hook++;
}

unsigned CortexM7::add_instruction_hook(std::uint32_t begin, std::uint32_t end,
                                        InstructionHook fn) {
  auto h = std::make_unique<Impl::DebugHook>();
  h->on_instruction = std::move(fn);
  return impl_->add_debug_hook(std::move(h), UC_HOOK_CODE,
                               reinterpret_cast<void*>(&Impl::on_debug_code), begin, end);
}

unsigned CortexM7::add_access_hook(std::uint32_t begin, std::uint32_t end, bool reads, bool writes,
                                   AccessHook fn) {
  auto h = std::make_unique<Impl::DebugHook>();
  h->on_access = std::move(fn);
  const int types = (reads ? UC_HOOK_MEM_READ : 0) | (writes ? UC_HOOK_MEM_WRITE : 0);
  return impl_->add_debug_hook(std::move(h), types, reinterpret_cast<void*>(&Impl::on_debug_access),
                               begin, end);
}

void CortexM7::remove_hook(unsigned id) {
  Impl& m = *impl_;
  const auto it = m.debug_hooks.find(id);
  if (it == m.debug_hooks.end()) return;
  uc_hook_del(m.uc, it->second->handle);
  it->second->active = false;
  m.retired_hooks.push_back(std::move(it->second));
  m.debug_hooks.erase(it);
}

void CortexM7::start_from_vector_table(std::uint32_t vtor) {
  std::uint32_t vectors[2] = {0, 0};
  check(uc_mem_read(impl_->uc, vtor, vectors, sizeof vectors), "read the vector table");
  check(uc_reg_write(impl_->uc, UC_ARM_REG_SP, &vectors[0]), "set SP");
  set_reg(15, vectors[1]);
}

void CortexM7::request_stop() {
  impl_->stop_requested = true;
  uc_emu_stop(impl_->uc);
}

void CortexM7::flush_translations() {
  // In 2.0.1 this macro sends UC_CTL_TB_FLUSH (from 2.1.0 the TB flush is uc_ctl_flush_tb):
  // the only call that drops blocks translated from an MMIO region (toolchain-notes.md §5).
  uc_ctl_flush_tlb(impl_->uc);
}

void CortexM7::drop_translations(std::uint64_t begin, std::uint64_t end) {
  uc_ctl_remove_cache(impl_->uc, begin, end);
}

RunResult CortexM7::run(std::uint64_t max_instructions) {
  Impl& m = *impl_;
  m.ended = m.stop_requested = m.wait_for_event = false;
  m.result = RunResult{};
  const std::uint32_t begin = pc() | 1u;  // Thumb
  const uc_err err = uc_emu_start(m.uc, begin, 0xFFFFFFFFu, 0, max_instructions);
  if (m.ended) return m.result;
  RunResult r = m.result;
  r.pc = pc();
  if (err == UC_ERR_INSN_INVALID) {
    r.reason = StopReason::kInvalidInstruction;
    r.error = uc_strerror(err);
  } else if (err != UC_ERR_OK) {
    r.reason = StopReason::kBusError;
    r.error = uc_strerror(err);
  } else if (m.stop_requested) {
    r.reason = StopReason::kStopped;
  } else if (m.wait_for_event) {
    r.reason = StopReason::kWaitForEvent;
  } else {
    std::uint16_t before = 0;
    uc_mem_read(m.uc, r.pc - 2, &before, sizeof before);
    r.reason = max_instructions && before != kWfi ? StopReason::kInstructionLimit
                                                  : StopReason::kWaitForInterrupt;
  }
  return r;
}

std::uint32_t CortexM7::reg(unsigned n) const {
  std::uint32_t v = 0;
  if (n < 16) uc_reg_read(impl_->uc, kRegs[n], &v);
  return v;
}

void CortexM7::set_reg(unsigned n, std::uint32_t value) {
  if (n >= 16) return;
  // An even PC write would leave the Thumb state (EPSR.T) and every next instruction faults.
  if (n == 15) value |= 1u;
  uc_reg_write(impl_->uc, kRegs[n], &value);
}

std::uint32_t CortexM7::special(Special r) const {
  std::uint32_t v = 0;
  uc_reg_read(impl_->uc, special_id(r), &v);
  return v;
}

void CortexM7::set_special(Special r, std::uint32_t value) {
  uc_reg_write(impl_->uc, special_id(r), &value);
}

std::uint32_t CortexM7::fp_single(unsigned n) const {
  std::uint32_t v = 0;
  if (n < 32) uc_reg_read(impl_->uc, UC_ARM_REG_S0 + static_cast<int>(n), &v);
  return v;
}

void CortexM7::set_fp_single(unsigned n, std::uint32_t value) {
  if (n < 32) uc_reg_write(impl_->uc, UC_ARM_REG_S0 + static_cast<int>(n), &value);
}

bool CortexM7::read(std::uint32_t address, void* out, std::size_t len) const {
  return uc_mem_read(impl_->uc, address, out, len) == UC_ERR_OK;
}

bool CortexM7::write(std::uint32_t address, const void* data, std::size_t len) {
  return uc_mem_write(impl_->uc, address, data, len) == UC_ERR_OK;
}

}  // namespace xipsim::cpu
