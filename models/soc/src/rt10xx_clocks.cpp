#include "xipsim/soc/rt10xx_clocks.h"

#include "xipsim/soc/pfd.h"

#include <array>

namespace xipsim::soc {

namespace {
constexpr std::uint64_t kBlockSize = 0x4000;
constexpr double kOscHz = 24e6;

std::vector<RegisterDef> ccm_table() {
  using namespace ccm;
  const std::uint32_t all = 0xFFFFFFFFu;
  return {{"CCR", CCR, 0x0401107F, all},
          {"CSR", CSR, 0x00000010},
          {"CCSR", CCSR, 0x00000100, all},
          {"CACRR", CACRR, 0x00000001, all},
          {"CBCDR", CBCDR, 0x000A8300, all},
          {"CBCMR", CBCMR, 0x2DAE8324, all},
          {"CSCMR1", CSCMR1, 0x04900000, all},
          {"CSCMR2", CSCMR2, 0x13192F06, all},
          {"CSCDR1", CSCDR1, 0x06490B00, all},
          {"CS1CDR", CS1CDR, 0x0EC102C1, all},
          {"CS2CDR", CS2CDR, 0x007336C1, all},
          {"CDCDR", CDCDR, 0x33F71F92, all},
          {"CSCDR2", CSCDR2, 0x00029150, all},
          {"CSCDR3", CSCDR3, 0x00030841, all},
          {"CDHIPR", CDHIPR, 0x00000000},
          {"CLPCR", CLPCR, 0x00000079, all},
          {"CISR", CISR, 0, 0, all},
          {"CIMR", CIMR, 0xFFFFFFFF, all},
          {"CCOSR", CCOSR, 0x000A0001, all},
          {"CGPR", CGPR, 0x0000FE62, all},
          {"CCGR0", CCGR0, 0xFFFFFFFF, all},
          {"CCGR1", CCGR0 + 4, 0xFFFFFFFF, all},
          {"CCGR2", CCGR0 + 8, 0xFC3FFFFF, all},
          {"CCGR3", CCGR0 + 12, 0xFFFFFFCF, all},
          {"CCGR4", CCGR0 + 16, 0xFFFFFFFF, all},
          {"CCGR5", CCGR0 + 20, 0xFFFFFFFF, all},
          {"CCGR6", CCGR6, 0xFFFFFFFF, all},
          {"CCGR7", CCGR0 + 28, 0xFFFFFFFF, all},
          {"CMEOR", CMEOR, 0xFFFFFFFF, all}};
}

std::vector<RegisterDef> analog_table() {
  using namespace analog;
  const std::uint32_t all = 0x7FFFFFFFu;  // LOCK (bit 31) is status
  return {{"PLL_ARM", PLL_ARM, 0x00013063, all},
          {"PLL_USB1", PLL_USB1, 0x00012000, all},
          {"PLL_USB2", PLL_USB2, 0x00012000, all},
          {"PLL_SYS", PLL_SYS, 0x00013001, all},
          {"PLL_SYS_SS", PLL_SYS_SS, 0, 0xFFFFFFFF},
          {"PLL_SYS_NUM", PLL_SYS_NUM, 0, 0x3FFFFFFF},
          {"PLL_SYS_DENOM", PLL_SYS_DENOM, 0x12, 0x3FFFFFFF},
          {"PLL_AUDIO", PLL_AUDIO, 0x00011006, all},
          {"PLL_AUDIO_NUM", PLL_AUDIO + 0x10, 0, 0x3FFFFFFF},
          {"PLL_AUDIO_DENOM", PLL_AUDIO + 0x20, 0x12, 0x3FFFFFFF},
          {"PLL_VIDEO", PLL_VIDEO, 0x0001100C, all},
          {"PLL_VIDEO_NUM", PLL_VIDEO + 0x10, 0, 0x3FFFFFFF},
          {"PLL_VIDEO_DENOM", PLL_VIDEO + 0x20, 0x12, 0x3FFFFFFF},
          {"PLL_ENET", PLL_ENET, 0x00011001, all},
          {"PFD_480", PFD_480, 0x1311100C, 0xFFFFFFFF},
          {"PFD_528", PFD_528, 0x1018101B, 0xFFFFFFFF},
          {"MISC0", MISC0, 0x04000000, 0xFFFF7FFF},
          {"MISC1", MISC1, 0, 0xFFFFFFFF},
          {"MISC2", MISC2, 0x00272727, 0xFFFFFFFF},
          {"LOWPWR_CTRL", LOWPWR_CTRL, 0x00004009, 0xFFFEFFFF}};
}

double pll_hz(std::uint32_t reg, double locked_hz, bool powered) {
  if (reg & analog::PLL_BYPASS) return kOscHz;
  return powered ? locked_hz : 0.0;
}
}  // namespace

CcmBlock::CcmBlock(sc_core::sc_module_name name, std::uint64_t bus_base, Picoseconds latency)
    : RegisterBlock(name, bus_base, kBlockSize, latency, ccm_table()) {}

CcmAnalogBlock::CcmAnalogBlock(sc_core::sc_module_name name, std::uint64_t bus_base,
                               Picoseconds latency)
    : RegisterBlock(name, bus_base, kBlockSize, latency, analog_table()) {}

bool CcmAnalogBlock::is_pll(std::uint64_t base) {
  using namespace analog;
  return base == PLL_ARM || base == PLL_USB1 || base == PLL_USB2 || base == PLL_SYS ||
         base == PLL_AUDIO || base == PLL_VIDEO || base == PLL_ENET;
}

bool CcmAnalogBlock::has_aliases(std::uint64_t base) {
  using namespace analog;
  return is_pll(base) || base == PFD_480 || base == PFD_528 || base == MISC0 || base == MISC1 ||
         base == MISC2;
}

bool CcmAnalogBlock::models(std::uint64_t offset) const {
  const std::uint64_t base = offset & ~0xFull;
  return RegisterBlock::models(offset) || (offset != base && has_aliases(base));
}

bool CcmAnalogBlock::powered(std::uint64_t pll) const {
  const std::uint32_t v = word(pll);
  const bool usb = pll == analog::PLL_USB1 || pll == analog::PLL_USB2;
  return usb ? (v & analog::PLL_USB_POWER) != 0 : (v & analog::PLL_POWERDOWN) == 0;
}

std::uint32_t CcmAnalogBlock::on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) {
  const std::uint64_t base = offset & ~0xFull;
  if (offset != base && has_aliases(base)) return on_read(base, word(base), now);
  if (offset == analog::MISC0) return stored | analog::MISC0_OSC_XTALOK;
  if (offset == analog::LOWPWR_CTRL) return stored | analog::LOWPWR_CTRL_XTALOSC_PWRUP_STAT;
  if (!is_pll(offset)) return stored;
  const auto it = powered_at_.find(offset);
  const bool locked = powered(offset) && it != powered_at_.end() && now >= it->second + kLockTime;
  return locked ? stored | analog::PLL_LOCK : stored & ~analog::PLL_LOCK;
}

std::uint32_t CcmAnalogBlock::on_write(std::uint64_t offset, std::uint32_t, std::uint32_t new_value,
                                       Picoseconds now) {
  const std::uint64_t base = offset & ~0xFull;
  if (offset != base && has_aliases(base)) {
    const std::uint32_t old = word(base);
    const std::uint32_t kind = static_cast<std::uint32_t>(offset - base);
    const std::uint32_t value = kind == 4   ? old | new_value
                                : kind == 8 ? old & ~new_value
                                            : old ^ new_value;
    write_base(base, value, now);
    return 0;
  }
  write_base(base, new_value, now);
  return word(base);
}

void CcmAnalogBlock::write_base(std::uint64_t base, std::uint32_t value, Picoseconds now) {
  const bool was = is_pll(base) && powered(base);
  set_word(base, value & ~analog::PLL_LOCK);
  if (is_pll(base) && powered(base) && !was) powered_at_[base] = now;
  if (is_pll(base) && !powered(base)) powered_at_.erase(base);
}

DcdcBlock::DcdcBlock(sc_core::sc_module_name name, std::uint64_t bus_base, std::uint64_t reg0,
                     Picoseconds latency)
    : RegisterBlock(name, bus_base, kBlockSize, latency), reg0_(reg0) {}

std::uint32_t DcdcBlock::on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds) {
  return offset == reg0_ ? stored | REG0_STS_DC_OK : stored;
}

namespace {
// The PLL outputs the CCM_ANALOG registers give (Hz) and their phase fractional dividers.
struct Plls {
  double pll1 = 0, pll2 = 0, pll3 = 0, pll6_500m = 0;
  std::uint32_t pfd528 = 0, pfd480 = 0;
  // PFDn: PLL x 18 / FRAC, 0 while its CLKGATE (the bit above the 6-bit FRAC + 1) is set.
  double pfd(double pll, std::uint32_t reg, Field f) const { return pfd_output_hz(pll, reg, f); }
};

Plls plls_of(const RegisterBlock& a) {
  const auto pll_powered = [&](std::uint64_t r) {
    return (a.word(r) & analog::PLL_POWERDOWN) == 0;
  };
  Plls p;
  const std::uint32_t arm = a.word(analog::PLL_ARM), sys = a.word(analog::PLL_SYS);
  p.pll1 = pll_hz(arm, kOscHz * get(arm, analog::PLL_ARM_DIV_SELECT) / 2.0,
                  pll_powered(analog::PLL_ARM));
  const double denom = a.word(analog::PLL_SYS_DENOM) ? a.word(analog::PLL_SYS_DENOM) : 1;
  p.pll2 = pll_hz(
      sys,
      kOscHz * ((sys & analog::PLL_SYS_DIV_SELECT ? 22 : 20) + a.word(analog::PLL_SYS_NUM) / denom),
      pll_powered(analog::PLL_SYS));
  const std::uint32_t usb = a.word(analog::PLL_USB1);
  p.pll3 = pll_hz(usb, kOscHz * (usb & analog::PLL_USB_DIV_SELECT ? 22 : 20),
                  (usb & analog::PLL_USB_POWER) != 0);
  // PLL6's 500 MHz output: gated by ENET_500M_REF_EN; bypassed (as at reset) it passes the
  // 24 MHz reference whatever the gate, an assumption that keeps the core clocked from the
  // reset values (CBCMR selects this output at reset on these chips).
  const std::uint32_t enet = a.word(analog::PLL_ENET);
  p.pll6_500m = enet & analog::PLL_ENET_500M_REF_EN || enet & analog::PLL_BYPASS
                    ? pll_hz(enet, 500e6, pll_powered(analog::PLL_ENET))
                    : 0.0;
  p.pfd528 = a.word(analog::PFD_528);
  p.pfd480 = a.word(analog::PFD_480);
  return p;
}

// The clock sources the CCM's muxes choose among.
enum class Source {
  kPll2,
  kPll3,
  kPll2Pfd0,
  kPll2Pfd2,
  kPll2Pfd3,
  kPll3Pfd0,
  kPll3Pfd1,
  kPll3Pfd3,
  kArmPodf,
  kPll6_500M
};

double source_hz(Source s, const RegisterBlock& c, const Plls& p) {
  switch (s) {
    case Source::kPll2:
      return p.pll2;
    case Source::kPll3:
      return p.pll3;
    case Source::kPll2Pfd0:
      return p.pfd(p.pll2, p.pfd528, analog::PFD0_FRAC);
    case Source::kPll2Pfd2:
      return p.pfd(p.pll2, p.pfd528, analog::PFD2_FRAC);
    case Source::kPll2Pfd3:
      return p.pfd(p.pll2, p.pfd528, analog::PFD3_FRAC);
    case Source::kPll3Pfd0:
      return p.pfd(p.pll3, p.pfd480, analog::PFD0_FRAC);
    case Source::kPll3Pfd1:
      return p.pfd(p.pll3, p.pfd480, analog::PFD1_FRAC);
    case Source::kPll3Pfd3:
      return p.pfd(p.pll3, p.pfd480, analog::PFD3_FRAC);
    case Source::kArmPodf:
      return p.pll1 / (get(c.word(ccm::CACRR), ccm::CACRR_ARM_PODF) + 1);
    case Source::kPll6_500M:
      return p.pll6_500m;
  }
  return 0.0;
}

// CBCMR.PRE_PERIPH_CLK_SEL 0..3 per clock tree (see ClockTree).
constexpr std::array<std::array<Source, 4>, 2> kPrePeriph{{
    {Source::kPll2, Source::kPll2Pfd2, Source::kPll2Pfd0, Source::kArmPodf},    // kArmPll
    {Source::kPll2, Source::kPll3Pfd3, Source::kPll2Pfd3, Source::kPll6_500M},  // kEnetPll
}};

// PERIPH_CLK: the AHB clock before AHB_PODF.
double periph_hz(const RegisterBlock& c, const Plls& p, ClockTree tree) {
  using namespace ccm;
  const std::uint32_t cbcdr = c.word(CBCDR), cbcmr = c.word(CBCMR);
  if (cbcdr & CBCDR_PERIPH_CLK_SEL) {
    const unsigned sel = get(cbcmr, CBCMR_PERIPH_CLK2_SEL);
    return (sel == 0 ? p.pll3 : kOscHz) / (get(cbcdr, CBCDR_PERIPH_CLK2_PODF) + 1);
  }
  const auto& row = kPrePeriph[tree == ClockTree::kArmPll ? 0 : 1];
  return source_hz(row[get(cbcmr, CBCMR_PRE_PERIPH_CLK_SEL)], c, p);
}
}  // namespace

double rt10xx_core_hz(const RegisterBlock& c, const RegisterBlock& a, ClockTree tree) {
  return periph_hz(c, plls_of(a), tree) / (get(c.word(ccm::CBCDR), ccm::CBCDR_AHB_PODF) + 1);
}

double rt10xx_uart_hz(const RegisterBlock& c, const RegisterBlock& a) {
  const std::uint32_t v = c.word(ccm::CSCDR1);
  const double source = v & ccm::CSCDR1_UART_CLK_SEL ? kOscHz : plls_of(a).pll3 / 6.0;
  return source / (get(v, ccm::CSCDR1_UART_CLK_PODF) + 1);
}

double rt10xx_flexspi_hz(const RegisterBlock& c, const RegisterBlock& a, ClockTree tree) {
  using namespace ccm;
  if (get(c.word(CCGR6), CCGR6_CG5_FLEXSPI) == 0) return 0.0;
  const Plls p = plls_of(a);
  const std::uint32_t cscmr1 = c.word(CSCMR1), cbcdr = c.word(CBCDR);
  // CSCMR1.FLEXSPI_CLK_SEL 1..3; 0 is semc_clk_root_pre: PERIPH_CLK, or the SEMC alternative
  // (PLL3 PFD1 / PLL2 PFD2).
  constexpr std::array<Source, 3> kFlexspi{Source::kPll3, Source::kPll2Pfd2, Source::kPll3Pfd0};
  const unsigned sel = get(cscmr1, CSCMR1_FLEXSPI_CLK_SEL);
  const double source = sel != 0                           ? source_hz(kFlexspi[sel - 1], c, p)
                        : !(cbcdr & CBCDR_SEMC_CLK_SEL)    ? periph_hz(c, p, tree)
                        : (cbcdr & CBCDR_SEMC_ALT_CLK_SEL) ? source_hz(Source::kPll3Pfd1, c, p)
                                                           : source_hz(Source::kPll2Pfd2, c, p);
  return source / (get(cscmr1, CSCMR1_FLEXSPI_PODF) + 1);
}

void program_rt10xx_flexspi_clock(RegisterBlock& c, CcmAnalogBlock& a, double hz, Picoseconds now) {
  unsigned best_frac = 35, best_podf = 8;
  double best = 0;
  for (unsigned frac = 12; frac <= 35; ++frac)
    for (unsigned podf = 1; podf <= 8; ++podf) {
      const double f = 480e6 * 18.0 / frac / podf;
      if (f <= hz * (1 + 1e-9) && f > best) {
        best = f;
        best_frac = frac;
        best_podf = podf;
      }
    }
  a.set_by_rom(analog::PLL_USB1, analog::PLL_ENABLE | analog::PLL_USB_POWER, now);  // 480 MHz
  a.set_by_rom(analog::PFD_480,
               with(a.word(analog::PFD_480), analog::PFD0_FRAC, best_frac) & ~(1u << 7),
               now);  // PFD0 ungated
  std::uint32_t cscmr1 = with(c.word(ccm::CSCMR1), ccm::CSCMR1_FLEXSPI_CLK_SEL, 3);
  c.set_word(ccm::CSCMR1, with(cscmr1, ccm::CSCMR1_FLEXSPI_PODF, best_podf - 1));
}

}  // namespace xipsim::soc
