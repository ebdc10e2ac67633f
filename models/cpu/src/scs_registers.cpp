// SystemControlSpace: what each register does when read or written (scs.cpp decodes the
// accesses).
#include "xipsim/cpu/scs.h"

namespace xipsim::cpu {

using namespace scs_field;

namespace {
constexpr unsigned kLine = 32, kIWays = 2, kDWays = 4;  // Cortex-M7 TRM: L1 geometry
constexpr std::uint32_t kCcsidrPolicies = 0xF0000000u;  // WT, WB, RA, WA supported
constexpr std::uint32_t kIcsrVectActive = 0x1FFu, kIcsrRetToBase = 1u << 11,
                        kIcsrIsrPending = 1u << 22;
constexpr Field ICSR_VECTPENDING{12, 9};
}  // namespace

std::uint32_t SystemControlSpace::read_word(std::uint32_t o) {
  std::uint32_t v = 0;
  if (read_nvic(o, &v)) return v;
  switch (o) {
    case scs::DWT_CTRL:
      return dwt_ctrl_;
    case scs::DWT_CYCCNT:
      return (dwt_ctrl_ & DWT_CTRL_CYCCNTENA)
                 ? cyccnt_value_ + static_cast<std::uint32_t>(host_.cycles() - cyccnt_base_)
                 : cyccnt_value_;
    case scs::SYST_CSR:
      return systick_.read_csr(host_.now());
    case scs::SYST_RVR:
      return systick_.read_rvr();
    case scs::SYST_CVR:
      return systick_.read_cvr(host_.now());
    case scs::SYST_CALIB:
      return 0;  // no calibration value (TENMS 0)
    case scs::ICSR:
      return read_icsr();
    case scs::CCSIDR:
      return read_ccsidr();
    case scs::AIRCR:
      return (kAircrKeyRead << 16) | put(AIRCR_PRIGROUP, exceptions_.prigroup());
    default:
      break;
  }
  if (o >= kScsOffset && o < kScsOffset + 0x1000) {
    if (const RegisterDef* def = regs_.find(o - kScsOffset)) return regs_.read(*def);
  }
  const auto it = other_.find(o);
  if (it == other_.end()) unmodelled_.insert(scs::kBase + o);
  return it == other_.end() ? 0 : it->second;
}

void SystemControlSpace::write_word(std::uint32_t o, std::uint32_t value) {
  if (write_nvic(o, value) || cache_maintenance(o, value)) return;
  const Picoseconds now = host_.now();
  switch (o) {
    case scs::DWT_CTRL:
      cyccnt_value_ = read_word(scs::DWT_CYCCNT);
      cyccnt_base_ = host_.cycles();
      dwt_ctrl_ = value;
      return;
    case scs::DWT_CYCCNT:
      cyccnt_value_ = value;
      cyccnt_base_ = host_.cycles();
      return;
    case scs::SYST_CSR:
      systick_.write_csr(now, value);
      host_.timers_changed();
      return;
    case scs::SYST_RVR:
      systick_.write_rvr(now, value);
      host_.timers_changed();
      return;
    case scs::SYST_CVR:
      systick_.write_cvr(now);
      host_.timers_changed();
      return;
    case scs::ICSR:
      write_icsr(value);
      return;
    case scs::AIRCR:
      write_aircr(value);
      return;
    case scs::CCR:
      write_ccr(value);
      return;
    case scs::SHCSR:
      write_shcsr(value);
      return;
    case scs::STIR:
      exceptions_.set_pending(exc::kIrq0 + (value & 0x1FFu), true);
      return;
    default:
      break;
  }
  if (o >= kScsOffset && o < kScsOffset + 0x1000) {
    if (const RegisterDef* def = regs_.find(o - kScsOffset)) {
      regs_.write(*def, value);
      return;
    }
  }
  if (!other_.count(o)) unmodelled_.insert(scs::kBase + o);
  other_[o] = value;
}

// NVIC_ISER/ICER/ISPR/ICPR/IABR: 32 interrupts per word (ARMv7-M B3.4.3).
bool SystemControlSpace::read_nvic(std::uint32_t o, std::uint32_t* value) const {
  if (o < scs::NVIC_ISER || o >= scs::NVIC_IABR + 0x40) return false;
  const std::uint32_t group = o & ~0x7Fu, first = exc::kIrq0 + ((o & 0x3Fu) / 4) * 32;
  std::uint32_t v = 0;
  for (unsigned i = 0; i < 32; ++i) {
    const unsigned n = first + i;
    const bool bit = group == scs::NVIC_IABR ? exceptions_.active(n)
                     : (group == scs::NVIC_ISPR || group == scs::NVIC_ICPR)
                         ? exceptions_.pending(n)
                         : exceptions_.enabled(n);
    if (bit) v |= 1u << i;
  }
  *value = v;
  return true;
}

bool SystemControlSpace::write_nvic(std::uint32_t o, std::uint32_t value) {
  if (o < scs::NVIC_ISER || o >= scs::NVIC_IABR + 0x40) return false;
  const std::uint32_t group = o & ~0x7Fu, first = exc::kIrq0 + ((o & 0x3Fu) / 4) * 32;
  for (unsigned i = 0; i < 32; ++i) {
    if (!(value & (1u << i))) continue;
    const unsigned n = first + i;
    if (group == scs::NVIC_ISER) exceptions_.set_enabled(n, true);
    if (group == scs::NVIC_ICER) exceptions_.set_enabled(n, false);
    if (group == scs::NVIC_ISPR) exceptions_.set_pending(n, true);
    if (group == scs::NVIC_ICPR) exceptions_.set_pending(n, false);
  }
  return true;
}

std::uint32_t SystemControlSpace::read_icsr() const {
  unsigned active = 0, actives = 0;
  for (unsigned n = 1; n < exceptions_.count(); ++n) {
    if (!exceptions_.active(n)) continue;
    ++actives;
    active = n;  // the highest number; firmware reads VECTACTIVE in a handler (IPSR is exact)
  }
  const auto pending = exceptions_.highest_pending();
  std::uint32_t v = (active & kIcsrVectActive) | (actives <= 1 ? kIcsrRetToBase : 0u);
  if (pending) v |= put(ICSR_VECTPENDING, *pending);
  for (unsigned n = exc::kIrq0; n < exceptions_.count(); ++n)
    if (exceptions_.pending(n)) v |= kIcsrIsrPending;
  if (exceptions_.pending(exc::kSystick)) v |= ICSR_PENDSTSET;
  if (exceptions_.pending(exc::kPendsv)) v |= ICSR_PENDSVSET;
  if (exceptions_.pending(exc::kNmi)) v |= ICSR_NMIPENDSET;
  return v;
}

void SystemControlSpace::write_icsr(std::uint32_t value) {
  if (value & ICSR_NMIPENDSET) exceptions_.set_pending(exc::kNmi, true);
  if (value & ICSR_PENDSVSET) exceptions_.set_pending(exc::kPendsv, true);
  if (value & ICSR_PENDSVCLR) exceptions_.set_pending(exc::kPendsv, false);
  if (value & ICSR_PENDSTSET) exceptions_.set_pending(exc::kSystick, true);
  if (value & ICSR_PENDSTCLR) exceptions_.set_pending(exc::kSystick, false);
}

void SystemControlSpace::write_aircr(std::uint32_t value) {
  if (get(value, AIRCR_VECTKEY) != kAircrKey) return;  // writes without the key are ignored
  exceptions_.set_prigroup(get(value, AIRCR_PRIGROUP));
  if (value & AIRCR_SYSRESETREQ)
    host_.reset_request("a write of SCB->AIRCR with VECTKEY and SYSRESETREQ");
}

void SystemControlSpace::write_ccr(std::uint32_t value) {
  const std::uint32_t old = ccr();
  regs_.write(*regs_.find(scs::CCR - kScsOffset), value);
  const std::uint32_t now = ccr();
  if ((old ^ now) & CCR_IC) host_.cache(now & CCR_IC ? CacheOp::kEnableI : CacheOp::kDisableI, 0);
  if ((old ^ now) & CCR_DC) host_.cache(now & CCR_DC ? CacheOp::kEnableD : CacheOp::kDisableD, 0);
}

void SystemControlSpace::write_shcsr(std::uint32_t value) {
  regs_.write(*regs_.find(scs::SHCSR - kScsOffset), value);
  exceptions_.set_enabled(exc::kMemManage, value & SHCSR_MEMFAULTENA);
  exceptions_.set_enabled(exc::kBusFault, value & SHCSR_BUSFAULTENA);
  exceptions_.set_enabled(exc::kUsageFault, value & SHCSR_USGFAULTENA);
}

// Cache maintenance by address or by set/way (ARMv7-M B2.2.7); the D-cache lines of the FlexSPI
// windows are clean (read-only memory), so a clean is nothing and clean+invalidate invalidates.
bool SystemControlSpace::cache_maintenance(std::uint32_t o, std::uint32_t value) {
  switch (o) {
    case scs::ICIALLU:
      host_.cache(CacheOp::kInvalidateIAll, 0);
      return true;
    case scs::ICIMVAU:
      host_.cache(CacheOp::kInvalidateILine, value);
      return true;
    case scs::DCIMVAC:
    case scs::DCCIMVAC:
      host_.cache(CacheOp::kInvalidateDLine, value);
      return true;
    case scs::DCISW:
    case scs::DCCISW:
      host_.cache(CacheOp::kInvalidateDSetWay, value);
      return true;
    case scs::DCCMVAU:
    case scs::DCCMVAC:
    case scs::DCCSW:
    case scs::BPIALL:
      return true;
    default:
      return false;
  }
}

// CCSIDR of the cache CSSELR selects (ARMv7-M B4.8.3): NumSets-1 [27:13], Associativity-1
// [12:3], LineSize = log2(words per line) - 2 [2:0].
std::uint32_t SystemControlSpace::read_ccsidr() const {
  const bool icache = regs_.at(scs::CSSELR - kScsOffset) & 1u;
  const unsigned ways = icache ? kIWays : kDWays;
  const unsigned bytes = icache ? config_.icache_bytes : config_.dcache_bytes;
  const unsigned sets = bytes / ways / kLine;
  return kCcsidrPolicies | ((sets - 1) << 13) | ((ways - 1) << 3) | 1u;
}

}  // namespace xipsim::cpu
