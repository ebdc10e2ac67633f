#include "xipsim/cpu/disassembly.h"

#include <capstone/capstone.h>

namespace xipsim::cpu {

std::vector<Instruction> disassemble(const std::vector<std::uint8_t>& code, std::uint32_t address,
                                     unsigned max) {
  std::vector<Instruction> out;
  csh handle = 0;
  const auto mode = static_cast<cs_mode>(CS_MODE_THUMB | CS_MODE_MCLASS);
  if (cs_open(CS_ARCH_ARM, mode, &handle) != CS_ERR_OK) return out;
  cs_insn* insn = nullptr;
  const std::size_t n = cs_disasm(handle, code.data(), code.size(), address, max, &insn);
  for (std::size_t i = 0; i < n; ++i)
    out.push_back(
        {static_cast<std::uint32_t>(insn[i].address), insn[i].size,
         std::string(insn[i].mnemonic) + (insn[i].op_str[0] ? " " : "") + insn[i].op_str});
  if (n) cs_free(insn, n);
  cs_close(&handle);
  return out;
}

bool reads_only(const std::vector<Instruction>& code) {
  // Mnemonic prefixes (Capstone's spelling, with condition and width suffixes after them).
  static const char* const kPure[] = {
      "ldr", "ldm", "pop", "cmp", "cmn", "tst", "teq",  "mov",  "mvn", "add", "adc", "sub",
      "sbc", "rsb", "and", "orr", "orn", "eor", "bic",  "lsl",  "lsr", "asr", "ror", "uxt",
      "sxt", "ubf", "sbf", "bfi", "bfc", "clz", "rev",  "rbit", "mul", "mla", "mls", "it",
      "adr", "nop", "dmb", "dsb", "isb", "cbz", "cbnz", "bl",   "bx"};
  static const std::string kConditions = "eqnecsccmiplvsvchilsgeltgtlehslo";
  if (code.empty()) return false;
  for (const Instruction& i : code) {
    const std::string m = i.text.substr(0, i.text.find_first_of(" ."));
    if (m.rfind("ldrex", 0) == 0) return false;
    bool pure =
        m == "b" || (m.size() == 3 && m[0] == 'b' && kConditions.find(m.substr(1)) % 2 == 0);
    for (const char* p : kPure)
      pure = pure || m.rfind(p, 0) == 0;
    if (!pure) return false;
  }
  return true;
}

namespace {
// Capstone's register id as r0..r15, -1 for others.
int core_register(unsigned id) {
  if (id >= ARM_REG_R0 && id <= ARM_REG_R12) return static_cast<int>(id - ARM_REG_R0);
  if (id == ARM_REG_SP) return 13;
  if (id == ARM_REG_LR) return 14;
  if (id == ARM_REG_PC) return 15;
  return -1;
}

std::optional<std::uint32_t> effective_address(const cs_insn& insn,
                                               const std::function<std::uint32_t(unsigned)>& reg) {
  const cs_arm& arm = insn.detail->arm;
  for (unsigned i = 0; i < arm.op_count; ++i) {
    const cs_arm_op& op = arm.operands[i];
    if (op.type != ARM_OP_MEM) continue;
    const int base = core_register(op.mem.base);
    if (base < 0) return std::nullopt;
    // PC-relative: Align(PC, 4) with PC = the instruction + 4 (ARMv7-M A5.1.2)
    std::uint32_t ea = base == 15 ? ((static_cast<std::uint32_t>(insn.address) + 4) & ~3u)
                                  : reg(static_cast<unsigned>(base));
    if (const int index = core_register(op.mem.index); index >= 0)
      ea += reg(static_cast<unsigned>(index))
            << (op.shift.type == ARM_SFT_LSL ? op.shift.value : 0);
    return ea + static_cast<std::uint32_t>(op.mem.disp);
  }
  return std::nullopt;
}
}  // namespace

std::optional<Instruction> find_access(const std::vector<std::uint8_t>& code, std::uint32_t address,
                                       std::uint32_t fault_address,
                                       const std::function<std::uint32_t(unsigned)>& reg) {
  csh handle = 0;
  const auto mode = static_cast<cs_mode>(CS_MODE_THUMB | CS_MODE_MCLASS);
  if (cs_open(CS_ARCH_ARM, mode, &handle) != CS_ERR_OK) return std::nullopt;
  cs_option(handle, CS_OPT_DETAIL, CS_OPT_ON);
  cs_insn* insn = nullptr;
  const std::size_t n = cs_disasm(handle, code.data(), code.size(), address, 0, &insn);
  // The instruction whose address is the faulting one; failing that, the first whose access
  // covers it (a multi-word access within 16 bytes).
  std::optional<Instruction> found;
  bool exact = false;
  for (std::size_t i = 0; i < n && !exact; ++i) {
    const auto ea = effective_address(insn[i], reg);
    if (!ea || fault_address - *ea >= 16 || (found && *ea != fault_address)) continue;
    exact = *ea == fault_address;
    found = Instruction{static_cast<std::uint32_t>(insn[i].address), insn[i].size,
                        std::string(insn[i].mnemonic) + " " + insn[i].op_str};
  }
  if (n) cs_free(insn, n);
  cs_close(&handle);
  return found;
}

}  // namespace xipsim::cpu
