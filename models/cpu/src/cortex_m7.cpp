#include "xipsim/cpu/cortex_m7.h"

#include <fmt/format.h>
#include <unicorn/unicorn.h>

#include "xipsim/core/errors.h"

namespace xipsim::cpu {

namespace {
// Unicorn's exception numbers in the INTR hook (QEMU's EXCP_*): toolchain-notes.md §5.
constexpr std::uint32_t kExcpBkpt = 7;
constexpr std::uint64_t kPage = 4096;

void check(uc_err err, const char* what) {
  if (err != UC_ERR_OK) throw InputError(fmt::format("Cortex-M7: {}: {}", what, uc_strerror(err)));
}
}  // namespace

const char* stop_reason_name(StopReason r) {
  switch (r) {
    case StopReason::kBreakpoint:
      return "breakpoint";
    case StopReason::kInstructionLimit:
      return "instruction limit";
    case StopReason::kException:
      return "exception";
    case StopReason::kBusError:
      return "bus error";
  }
  return "?";
}

struct CortexM7::Impl {
  uc_engine* uc = nullptr;
  uc_hook intr_hook = 0;
  bool stopped = false;
  RunResult result;

  static void on_interrupt(uc_engine* uc, std::uint32_t intno, void* user) {
    auto* self = static_cast<Impl*>(user);
    std::uint32_t pc = 0;
    uc_reg_read(uc, UC_ARM_REG_PC, &pc);
    self->stopped = true;
    self->result.pc = pc;
    if (intno == kExcpBkpt) {
      std::uint16_t insn = 0;
      uc_mem_read(uc, pc, &insn, sizeof insn);
      self->result.reason = StopReason::kBreakpoint;
      self->result.breakpoint = insn & 0xFFu;
    } else {
      self->result.reason = StopReason::kException;
      self->result.exception = intno;
    }
    uc_emu_stop(uc);
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
  check(uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &impl_->uc), "uc_open");
  // Must come before any other call; with UC_MODE_MCLASS it would be ignored (an M33).
  check(uc_ctl_set_cpu_model(impl_->uc, UC_CPU_ARM_CORTEX_M7), "select the Cortex-M7 model");
  if (cpu_model() != UC_CPU_ARM_CORTEX_M7)
    throw InputError(fmt::format("Cortex-M7: Unicorn runs CPU model {}, not the Cortex-M7 ({})",
                                 cpu_model(), static_cast<int>(UC_CPU_ARM_CORTEX_M7)));
  // Without an INTR hook every exception ends uc_emu_start with UC_ERR_EXCEPTION.
  check(uc_hook_add(impl_->uc, &impl_->intr_hook, UC_HOOK_INTR,
                    reinterpret_cast<void*>(&Impl::on_interrupt), impl_.get(), 1, 0),
        "exception hook");
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
                          bool executable) {
  if (base % kPage || size % kPage || size == 0)
    throw InputError(fmt::format("Cortex-M7: memory at 0x{:08X} (+0x{:X}) is not in whole 4 KiB "
                                 "pages",
                                 base, size));
  const std::uint32_t perms = UC_PROT_READ | UC_PROT_WRITE | (executable ? UC_PROT_EXEC : 0);
  check(uc_mem_map_ptr(impl_->uc, base, size, perms, host),
        fmt::format("map memory at 0x{:08X}", base).c_str());
}

void CortexM7::map_mmio(std::uint64_t base, std::uint64_t size, MmioHandler& handler) {
  void* user = &handler;  // the caller keeps the handler alive as long as the core
  check(uc_mmio_map(impl_->uc, base, size, &Impl::mmio_read, user, &Impl::mmio_write, user),
        fmt::format("map peripherals at 0x{:08X}", base).c_str());
}

void CortexM7::start_from_vector_table(std::uint32_t vtor) {
  std::uint32_t vectors[2] = {0, 0};
  check(uc_mem_read(impl_->uc, vtor, vectors, sizeof vectors), "read the vector table");
  check(uc_reg_write(impl_->uc, UC_ARM_REG_SP, &vectors[0]), "set SP");
  const std::uint32_t pc = vectors[1] & ~1u;  // the Thumb bit is the execution state, not the PC
  check(uc_reg_write(impl_->uc, UC_ARM_REG_PC, &pc), "set PC");
}

RunResult CortexM7::run(std::uint64_t max_instructions) {
  Impl& m = *impl_;
  m.stopped = false;
  m.result = RunResult{};
  const std::uint32_t begin = pc() | 1u;  // Thumb
  const uc_err err = uc_emu_start(m.uc, begin, 0xFFFFFFFFu, 0, max_instructions);
  if (m.stopped) return m.result;
  RunResult r;
  r.pc = pc();
  if (err != UC_ERR_OK) {
    r.reason = StopReason::kBusError;
    r.error = uc_strerror(err);
  }
  return r;
}

std::uint32_t CortexM7::reg(unsigned n) const {
  static const int kRegs[16] = {UC_ARM_REG_R0,  UC_ARM_REG_R1,  UC_ARM_REG_R2,  UC_ARM_REG_R3,
                                UC_ARM_REG_R4,  UC_ARM_REG_R5,  UC_ARM_REG_R6,  UC_ARM_REG_R7,
                                UC_ARM_REG_R8,  UC_ARM_REG_R9,  UC_ARM_REG_R10, UC_ARM_REG_R11,
                                UC_ARM_REG_R12, UC_ARM_REG_SP,  UC_ARM_REG_LR,  UC_ARM_REG_PC};
  std::uint32_t v = 0;
  if (n < 16) uc_reg_read(impl_->uc, kRegs[n], &v);
  return v;
}

}  // namespace xipsim::cpu
