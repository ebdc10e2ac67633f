#include "xipsim/cpu/scs.h"

namespace xipsim::cpu {

using namespace scs_field;

namespace {
constexpr std::uint32_t kCpuidM7r1p2 = 0x411FC272;  // Cortex-M7 TRM, CPUID r1p2
constexpr std::uint32_t kClidrIandD = 0x09000003;   // L1 I- and D-cache (Cortex-M7 TRM)
constexpr std::uint32_t kCtrM7 = 0x8303C003;        // 32-byte lines (Cortex-M7 TRM)
constexpr std::uint32_t kMpuRegions = 16;           // MPU_TYPE.DREGION on i.MX RT

// Offsets are relative to 0xE000 (the table covers the SCS page 0xE000_E000..0xE000_EFFF).
std::vector<RegisterDef> scs_table(unsigned irqs) {
  const std::uint32_t o = 0xE000;
  return {
      {"ICTR", scs::ICTR - o, (irqs + 31) / 32 - 1},
      {"CPUID", scs::CPUID - o, kCpuidM7r1p2},
      {"VTOR", scs::VTOR - o, 0, 0xFFFFFF80u},
      {"AIRCR", scs::AIRCR - o, kAircrKeyRead << 16},
      {"SCR", scs::SCR - o, 0, 0x16u},
      {"CCR", scs::CCR - o, 0x00040200u, 0x0007031Bu},  // BP and STKALIGN set at reset
      {"SHCSR", scs::SHCSR - o, 0, SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA},
      {"CFSR", scs::CFSR - o, 0, 0, 0xFFFFFFFFu},
      {"HFSR", scs::HFSR - o, 0, 0, 0xC0000002u},
      {"DFSR", scs::DFSR - o, 0, 0, 0x1Fu},
      {"MMFAR", scs::MMFAR - o, 0, 0xFFFFFFFFu},
      {"BFAR", scs::BFAR - o, 0, 0xFFFFFFFFu},
      {"AFSR", scs::AFSR - o, 0, 0xFFFFFFFFu},
      {"CLIDR", scs::CLIDR - o, kClidrIandD},
      {"CTR", scs::CTR - o, kCtrM7},
      {"CSSELR", scs::CSSELR - o, 0, 0x1u},
      {"CPACR", scs::CPACR - o, 0, 0x00F00000u},
      {"MPU_TYPE", scs::MPU_TYPE - o, kMpuRegions << 8},
      {"MPU_CTRL", scs::MPU_CTRL - o, 0, 0x7u},
      {"MPU_RNR", scs::MPU_RNR - o, 0, 0xFFu},
      {"MPU_RBAR", scs::MPU_RBAR - o, 0, 0xFFFFFFFFu},
      {"MPU_RASR", scs::MPU_RASR - o, 0, 0xFFFFFFFFu},
      {"DEMCR", scs::DEMCR - o, 0, 0x010F07F1u},
      {"FPCCR", scs::FPCCR - o, 0xC0000000u, 0xC0000000u},
      {"FPCAR", scs::FPCAR - o, 0, 0xFFFFFFF8u},
      {"FPDSCR", scs::FPDSCR - o, 0, 0x07C00000u},
  };
}
}  // namespace

SystemControlSpace::SystemControlSpace(Config config, ScsHost& host)
    : config_(config),
      host_(host),
      exceptions_(config.irqs, config.priority_bits),
      regs_(scs_table(config.irqs), 0x1000) {
  reset(0);
}

void SystemControlSpace::reset(Picoseconds now) {
  exceptions_.reset();
  systick_.reset(now);
  regs_.reset();
  dwt_ctrl_ = 0;
  cyccnt_base_ = 0;
  cyccnt_value_ = 0;
  other_.clear();
}

std::uint32_t SystemControlSpace::shcsr() const {
  return regs_.at(scs::SHCSR - kScsOffset);
}

void SystemControlSpace::record_fault(std::uint32_t cfsr_bits, std::uint32_t hfsr_bits,
                                      std::uint32_t address) {
  regs_.at(scs::CFSR - kScsOffset) |= cfsr_bits;
  regs_.at(scs::HFSR - kScsOffset) |= hfsr_bits;
  if (cfsr_bits & CFSR_BFARVALID) regs_.at(scs::BFAR - kScsOffset) = address;
  if (cfsr_bits & (1u << 7)) regs_.at(scs::MMFAR - kScsOffset) = address;  // MMARVALID
}

std::uint32_t SystemControlSpace::read(std::uint64_t offset, unsigned size) {
  ++accesses_;
  const auto o = static_cast<std::uint32_t>(offset);
  const bool priority_bytes =
      (o >= scs::NVIC_IPR && o < scs::NVIC_IPR_END) || (o >= scs::SHPR1 && o < scs::SHPR3 + 4);
  if (priority_bytes) {
    std::uint32_t v = 0;
    for (unsigned i = 0; i < size; ++i)
      v |= std::uint32_t{read_priority_byte(o + i)} << (8 * i);
    return v;
  }
  const std::uint32_t word = read_word(o & ~3u);
  const unsigned shift = 8 * (o & 3u);
  return size >= 4 ? word : (word >> shift) & ((1u << (8 * size)) - 1u);
}

void SystemControlSpace::write(std::uint64_t offset, unsigned size, std::uint32_t value) {
  ++accesses_;
  const auto o = static_cast<std::uint32_t>(offset);
  const bool priority_bytes =
      (o >= scs::NVIC_IPR && o < scs::NVIC_IPR_END) || (o >= scs::SHPR1 && o < scs::SHPR3 + 4);
  if (priority_bytes) {
    for (unsigned i = 0; i < size; ++i)
      write_priority_byte(o + i, static_cast<std::uint8_t>(value >> (8 * i)));
    return;
  }
  if (size < 4) {  // a narrow write merges into the word (SCS registers are word registers)
    const unsigned shift = 8 * (o & 3u);
    const std::uint32_t mask = ((1u << (8 * size)) - 1u) << shift;
    value = (read_word(o & ~3u) & ~mask) | ((value << shift) & mask);
  }
  write_word(o & ~3u, value);
}

std::uint8_t SystemControlSpace::read_priority_byte(std::uint32_t offset) const {
  if (offset >= scs::NVIC_IPR && offset < scs::NVIC_IPR_END)
    return exceptions_.priority_field(exc::kIrq0 + (offset - scs::NVIC_IPR));
  return exceptions_.priority_field(4 + (offset - scs::SHPR1));  // SHPR1 byte 0 = MemManage
}

void SystemControlSpace::write_priority_byte(std::uint32_t offset, std::uint8_t value) {
  if (offset >= scs::NVIC_IPR && offset < scs::NVIC_IPR_END)
    exceptions_.set_priority_field(exc::kIrq0 + (offset - scs::NVIC_IPR), value);
  else
    exceptions_.set_priority_field(4 + (offset - scs::SHPR1), value);
}

}  // namespace xipsim::cpu
