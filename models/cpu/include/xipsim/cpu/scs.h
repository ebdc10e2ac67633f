// The Cortex-M7's private peripheral bus as the core sees it at 0xE000_0000: the system control
// space (NVIC, SysTick, SCB with VTOR/ICSR/AIRCR/CCR/SHPR/SHCSR/fault status, CPACR, MPU
// registers, cache maintenance operations, FPU control) and the DWT cycle counter. Register
// names, offsets and reset values from the ARMv7-M Architecture Reference Manual (B3.2, B3.3,
// B3.4, C1.8) and the Cortex-M7 TRM (CPUID r1p2, cache identification).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "xipsim/core/register_table.h"
#include "xipsim/core/serial_frame.h"
#include "xipsim/cpu/cortex_m7.h"
#include "xipsim/cpu/exceptions.h"
#include "xipsim/cpu/systick.h"

namespace xipsim::cpu {

// Offsets from the PPB base 0xE000_0000 (ARMv7-M B3.2.2, C1.8.1).
namespace scs {
constexpr std::uint32_t kBase = 0xE0000000, kSize = 0x00100000;
constexpr std::uint32_t DWT_CTRL = 0x1000, DWT_CYCCNT = 0x1004;
constexpr std::uint32_t ICTR = 0xE004, SYST_CSR = 0xE010, SYST_RVR = 0xE014, SYST_CVR = 0xE018,
                        SYST_CALIB = 0xE01C;
constexpr std::uint32_t NVIC_ISER = 0xE100, NVIC_ICER = 0xE180, NVIC_ISPR = 0xE200,
                        NVIC_ICPR = 0xE280, NVIC_IABR = 0xE300, NVIC_IPR = 0xE400,
                        NVIC_IPR_END = 0xE5F0;
constexpr std::uint32_t CPUID = 0xED00, ICSR = 0xED04, VTOR = 0xED08, AIRCR = 0xED0C, SCR = 0xED10,
                        CCR = 0xED14, SHPR1 = 0xED18, SHPR3 = 0xED20, SHCSR = 0xED24, CFSR = 0xED28,
                        HFSR = 0xED2C, DFSR = 0xED30, MMFAR = 0xED34, BFAR = 0xED38, AFSR = 0xED3C,
                        CLIDR = 0xED78, CTR = 0xED7C, CCSIDR = 0xED80, CSSELR = 0xED84,
                        CPACR = 0xED88, MPU_TYPE = 0xED90, MPU_CTRL = 0xED94, MPU_RNR = 0xED98,
                        MPU_RBAR = 0xED9C, MPU_RASR = 0xEDA0, DEMCR = 0xEDFC, STIR = 0xEF00,
                        FPCCR = 0xEF34, FPCAR = 0xEF38, FPDSCR = 0xEF3C, ICIALLU = 0xEF50,
                        ICIMVAU = 0xEF58, DCIMVAC = 0xEF5C, DCISW = 0xEF60, DCCMVAU = 0xEF64,
                        DCCMVAC = 0xEF68, DCCSW = 0xEF6C, DCCIMVAC = 0xEF70, DCCISW = 0xEF74,
                        BPIALL = 0xEF78;
}  // namespace scs

namespace scs_field {
constexpr std::uint32_t CCR_DC = 1u << 16, CCR_IC = 1u << 17;
constexpr std::uint32_t AIRCR_VECTCLRACTIVE = 1u << 1, AIRCR_SYSRESETREQ = 1u << 2;
constexpr Field AIRCR_PRIGROUP{8, 3}, AIRCR_VECTKEY{16, 16};
constexpr std::uint32_t kAircrKey = 0x05FA, kAircrKeyRead = 0xFA05;
constexpr std::uint32_t SHCSR_MEMFAULTENA = 1u << 16, SHCSR_BUSFAULTENA = 1u << 17,
                        SHCSR_USGFAULTENA = 1u << 18;
constexpr std::uint32_t ICSR_PENDSTCLR = 1u << 25, ICSR_PENDSTSET = 1u << 26,
                        ICSR_PENDSVCLR = 1u << 27, ICSR_PENDSVSET = 1u << 28,
                        ICSR_NMIPENDSET = 1u << 31;
// CFSR: MMFSR [7:0], BFSR [15:8], UFSR [31:16].
constexpr std::uint32_t CFSR_IACCVIOL = 1u << 0, CFSR_IBUSERR = 1u << 8, CFSR_PRECISERR = 1u << 9,
                        CFSR_IMPRECISERR = 1u << 10, CFSR_BFARVALID = 1u << 15,
                        CFSR_UNDEFINSTR = 1u << 16, CFSR_INVSTATE = 1u << 17, CFSR_INVPC = 1u << 18,
                        CFSR_NOCP = 1u << 19, CFSR_UNALIGNED = 1u << 24, CFSR_DIVBYZERO = 1u << 25;
constexpr std::uint32_t HFSR_FORCED = 1u << 30, HFSR_VECTTBL = 1u << 1;
constexpr std::uint32_t DWT_CTRL_CYCCNTENA = 1u << 0;
}  // namespace scs_field

enum class CacheOp {
  kEnableI,
  kDisableI,
  kEnableD,
  kDisableD,
  kInvalidateIAll,
  kInvalidateILine,  // by address
  kInvalidateDLine,  // by address (DCIMVAC, DCCIMVAC)
  kInvalidateDSetWay,
};

// What the system control space needs from the CPU around it.
class ScsHost {
 public:
  virtual ~ScsHost() = default;
  virtual Picoseconds now() const = 0;
  virtual std::uint64_t cycles() const = 0;
  virtual void cache(CacheOp op, std::uint32_t operand) = 0;
  virtual void reset_request(const std::string& why) = 0;  // AIRCR.SYSRESETREQ
  virtual void timers_changed() = 0;                       // SysTick reprogrammed
};

class SystemControlSpace : public MmioHandler {
 public:
  struct Config {
    unsigned irqs = 160;         // RT106x: 160 external interrupts (SDK IRQn_Type)
    unsigned priority_bits = 4;  // __NVIC_PRIO_BITS
    unsigned icache_bytes = 32 * 1024, dcache_bytes = 32 * 1024;
  };
  SystemControlSpace(Config config, ScsHost& host);

  void reset(Picoseconds now);
  std::uint32_t read(std::uint64_t offset, unsigned size) override;
  void write(std::uint64_t offset, unsigned size, std::uint32_t value) override;
  std::uint64_t accesses() const { return accesses_; }  // reads and writes so far

  ExceptionState& exceptions() { return exceptions_; }
  SysTick& systick() { return systick_; }
  std::uint32_t vtor() const { return regs_.at(scs::VTOR - kScsOffset); }
  void set_vtor(std::uint32_t v) { regs_.at(scs::VTOR - kScsOffset) = v & ~0x7Fu; }
  std::uint32_t ccr() const { return regs_.at(scs::CCR - kScsOffset); }
  std::uint32_t shcsr() const;
  // Fault status as a fault sets it (CFSR bits, the fault address registers, HFSR).
  void record_fault(std::uint32_t cfsr_bits, std::uint32_t hfsr_bits, std::uint32_t address);
  std::uint32_t cfsr() const { return regs_.at(scs::CFSR - kScsOffset); }
  std::uint32_t hfsr() const { return regs_.at(scs::HFSR - kScsOffset); }
  std::uint32_t bfar() const { return regs_.at(scs::BFAR - kScsOffset); }
  std::uint32_t mmfar() const { return regs_.at(scs::MMFAR - kScsOffset); }
  // PPB addresses software touched that nothing here models (each once, for the report).
  const std::set<std::uint32_t>& unmodelled() const { return unmodelled_; }

 private:
  static constexpr std::uint32_t kScsOffset = 0xE000;  // the register table covers 0xE000..0xEFFF
  std::uint32_t read_word(std::uint32_t offset);
  void write_word(std::uint32_t offset, std::uint32_t value);
  bool read_nvic(std::uint32_t offset, std::uint32_t* value) const;
  bool write_nvic(std::uint32_t offset, std::uint32_t value);
  std::uint32_t read_icsr() const;
  void write_icsr(std::uint32_t value);
  void write_aircr(std::uint32_t value);
  void write_ccr(std::uint32_t value);
  void write_shcsr(std::uint32_t value);
  bool cache_maintenance(std::uint32_t offset, std::uint32_t value);
  std::uint32_t read_ccsidr() const;
  void write_priority_byte(std::uint32_t offset, std::uint8_t value);
  std::uint8_t read_priority_byte(std::uint32_t offset) const;

  Config config_;
  ScsHost& host_;
  ExceptionState exceptions_;
  SysTick systick_;
  RegisterFile regs_;  // 0xE000..0xEFFF
  std::uint32_t dwt_ctrl_ = 0;
  std::uint64_t cyccnt_base_ = 0;  // cycles() when CYCCNT was last written or enabled
  std::uint32_t cyccnt_value_ = 0;
  std::map<std::uint32_t, std::uint32_t> other_;  // the rest of the PPB: stored words
  std::set<std::uint32_t> unmodelled_;
  std::uint64_t accesses_ = 0;
};

}  // namespace xipsim::cpu
