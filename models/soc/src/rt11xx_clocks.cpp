#include "xipsim/soc/rt11xx_clocks.h"

#include "xipsim/soc/pfd.h"

#include <cmath>

namespace xipsim::soc {

namespace {
constexpr std::uint64_t kCcmSize = 0x8000, kAnadigSize = 0x4000;
constexpr double kOscHz = 24e6;

// The ANADIG PLLs: where each is powered (a control bit, or CTRL0.POWER_UP behind an AI port),
// and its ENABLE_CLK and GATE bits.
struct PllDef {
  std::uint64_t ctrl;
  std::uint32_t powerup;  // 0: powered through `port`
  AnadigBlock::Port port;
  std::uint32_t enable, gate;
};
constexpr std::array<PllDef, 6> kPlls{{
    {anadig::ARM_PLL_CTRL, anadig::ARM_PLL_CTRL_POWERUP, AnadigBlock::Port::kCount,
     anadig::ARM_PLL_CTRL_ENABLE_CLK, anadig::ARM_PLL_CTRL_ARM_PLL_GATE},
    {anadig::SYS_PLL2_CTRL, anadig::SYS_PLL2_CTRL_POWERUP, AnadigBlock::Port::kCount,
     anadig::PLL_ENABLE_CLK, anadig::SYS_PLL23_GATE},
    {anadig::SYS_PLL3_CTRL, anadig::SYS_PLL3_CTRL_POWERUP, AnadigBlock::Port::kCount,
     anadig::PLL_ENABLE_CLK, anadig::SYS_PLL23_GATE},
    {anadig::SYS_PLL1_CTRL, 0, AnadigBlock::Port::k1g, anadig::PLL_ENABLE_CLK,
     anadig::SYS_PLL1_CTRL_SYS_PLL1_GATE},
    {anadig::PLL_AUDIO_CTRL, 0, AnadigBlock::Port::kAudio, anadig::PLL_ENABLE_CLK, 1u << 14},
    {anadig::PLL_VIDEO_CTRL, 0, AnadigBlock::Port::kVideo, anadig::PLL_ENABLE_CLK, 1u << 14},
}};

const PllDef* pll_def(std::uint64_t ctrl) {
  for (const PllDef& d : kPlls)
    if (d.ctrl == ctrl) return &d;
  return nullptr;
}

// The AI ports' registers in ANADIG_MISC/PMU: control, write data, read data; and where the
// transfer is triggered (the control register's TOGGLE, or a bit elsewhere).
struct PortDef {
  std::uint64_t ctrl, wdata, rdata, trigger;
  std::uint32_t trigger_bit;
};
constexpr std::array<PortDef, 6> kPorts{{
    {anadig::VDDSOC_AI_CTRL, 0x830, 0x840, anadig::PMU_LDO_PLL, anadig::PMU_LDO_PLL_AI_TOGGLE},
    {anadig::VDDSOC2PLL_AI_CTRL_1G, 0x860, 0x870, anadig::VDDSOC2PLL_AI_CTRL_1G,
     anadig::AI_CTRL_TOGGLE},
    {anadig::VDDSOC2PLL_AI_CTRL_AUDIO, 0x890, 0x8A0, anadig::VDDSOC2PLL_AI_CTRL_AUDIO,
     anadig::AI_CTRL_TOGGLE},
    {anadig::VDDSOC2PLL_AI_CTRL_VIDEO, 0x8C0, 0x8D0, anadig::VDDSOC2PLL_AI_CTRL_VIDEO,
     anadig::AI_CTRL_TOGGLE},
    {anadig::VDDLPSR_AI400M_CTRL, 0x930, 0x940, anadig::VDDLPSR_AI400M_CTRL,
     anadig::AI_CTRL_TOGGLE},
    {anadig::VDDLPSR_AI_CTRL, 0x8F0, 0x900, anadig::PMU_REF_CTRL,
     anadig::PMU_REF_CTRL_REF_AI_TOGGLE},
}};

std::vector<RegisterDef> anadig_table() {
  using namespace anadig;
  const std::uint32_t all = 0xFFFFFFFFu, pll = ~PLL_STABLE;
  std::vector<RegisterDef> t{{"OSC_48M_CTRL", OSC_48M_CTRL, 0, all},
                             {"OSC_24M_CTRL", OSC_24M_CTRL, 0, ~OSC_24M_CTRL_OSC_24M_STABLE},
                             {"OSC_400M_CTRL0", OSC_400M_CTRL1 - 0x10, 0, all},
                             {"OSC_400M_CTRL1", OSC_400M_CTRL1, 0, all},
                             {"OSC_400M_CTRL2", OSC_400M_CTRL1 + 0x10, 0, all},
                             {"OSC_16M_CTRL", OSC_16M_CTRL, 0, all},
                             {"ARM_PLL_CTRL", ARM_PLL_CTRL, 0, pll},
                             {"SYS_PLL3_CTRL", SYS_PLL3_CTRL, 0, pll},
                             {"SYS_PLL3_UPDATE", SYS_PLL3_UPDATE, 0, all},
                             {"SYS_PLL3_PFD", SYS_PLL3_PFD, 0, all},
                             {"SYS_PLL2_CTRL", SYS_PLL2_CTRL, 0, pll},
                             {"SYS_PLL2_UPDATE", SYS_PLL2_UPDATE, 0, all},
                             {"SYS_PLL2_SS", SYS_PLL2_PFD - 0x10, 0, all},
                             {"SYS_PLL2_PFD", SYS_PLL2_PFD, 0, all},
                             {"SYS_PLL2_MFD", SYS_PLL2_PFD + 0x30, 0, all},
                             {"SYS_PLL1_CTRL", SYS_PLL1_CTRL, 0, pll},
                             {"PLL_AUDIO_CTRL", PLL_AUDIO_CTRL, 0, pll},
                             {"PLL_VIDEO_CTRL", PLL_VIDEO_CTRL, 0, pll},
                             {"PMU_LDO_PLL", PMU_LDO_PLL, 0, all},
                             {"PMU_LDO_LPSR_ANA", PMU_LDO_PLL + 0x10, 0, all},
                             {"PMU_LDO_LPSR_DIG", PMU_LDO_PLL + 0x30, 0, all},
                             {"PMU_BIAS_CTRL", PMU_BIAS_CTRL2 - 0x10, 0, all},
                             {"PMU_BIAS_CTRL2", PMU_BIAS_CTRL2, 0, ~PMU_BIAS_CTRL2_WB_OK},
                             {"PMU_REF_CTRL", PMU_REF_CTRL, 0, all}};
  const char* names[] = {"VDDSOC_AI",           "VDDSOC2PLL_AI_1G", "VDDSOC2PLL_AI_AUDIO",
                         "VDDSOC2PLL_AI_VIDEO", "VDDLPSR_AI400M",   "VDDLPSR_AI"};
  for (std::size_t i = 0; i < kPorts.size(); ++i) {
    const std::string n = names[i];
    t.push_back({n + "_CTRL", static_cast<std::uint32_t>(kPorts[i].ctrl), 0, all});
    t.push_back({n + "_WDATA", static_cast<std::uint32_t>(kPorts[i].wdata), 0, all});
    t.push_back({n + "_RDATA", static_cast<std::uint32_t>(kPorts[i].rdata), 0, 0});
  }
  return t;
}

std::uint32_t pfd_stable_bits() {
  return (1u << 6) | (1u << 14) | (1u << 22) | (1u << 30);
}
}  // namespace

// ---- CCM ----

Rt11xxCcmBlock::Rt11xxCcmBlock(sc_core::sc_module_name name, std::uint64_t bus_base,
                               Picoseconds latency)
    : RegisterBlock(name, bus_base, kCcmSize, latency) {}

bool Rt11xxCcmBlock::in_gates(std::uint64_t offset) {
  using namespace ccm11;
  return (offset >= OSCPLL && offset < OSCPLL + kOscPlls * kGateStride) ||
         (offset >= LPCG && offset < LPCG + kLpcgs * kGateStride);
}

bool Rt11xxCcmBlock::is_gate_status(std::uint64_t offset) {
  return in_gates(offset) && offset % ccm11::kGateStride == ccm11::GATE_STATUS0;
}

bool Rt11xxCcmBlock::models(std::uint64_t offset) const {
  using namespace ccm11;
  const std::uint64_t o = offset & ~3ull;
  if (o < kRoots * kRootStride) return o % kRootStride < 0x10 || o % kRootStride == STATUS0;
  return is_gate_status(o) || (in_gates(o) && o % kGateStride == DIRECT);
}

std::uint32_t Rt11xxCcmBlock::on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds) {
  using namespace ccm11;
  if (offset < kRoots * kRootStride && offset % kRootStride == STATUS0) {
    // the new setting is applied at once: MUX, DIV and OFF as written, never busy
    const std::uint32_t c = word(offset - STATUS0);
    return c & (CONTROL_DIV.mask() | CONTROL_MUX.mask() | CONTROL_OFF);
  }
  if (is_gate_status(offset)) return word(offset - GATE_STATUS0) & DIRECT_ON;
  return stored;
}

std::uint32_t Rt11xxCcmBlock::on_write(std::uint64_t offset, std::uint32_t, std::uint32_t value,
                                       Picoseconds) {
  using namespace ccm11;
  if (offset >= kRoots * kRootStride) return value;
  const std::uint64_t kind = offset % kRootStride, control = offset - kind;
  if (kind == 0 || kind >= 0x10) return value;
  const std::uint32_t old = word(control);
  set_word(control, kind == 4 ? old | value : kind == 8 ? old & ~value : old ^ value);
  return 0;  // the SET/CLR/TOG aliases read as 0
}

// ---- ANADIG ----

AnadigBlock::AnadigBlock(sc_core::sc_module_name name, std::uint64_t bus_base, Picoseconds latency)
    : RegisterBlock(name, bus_base, kAnadigSize, latency, anadig_table()) {}

void AnadigBlock::on_clear() {
  for (auto& port : ai_)
    port.clear();
  powered_at_.clear();
}

std::uint32_t AnadigBlock::ai_word(Port p, std::uint8_t addr) const {
  const auto& port = ai_[static_cast<std::size_t>(p)];
  const auto it = port.find(addr);
  std::uint32_t v = it == port.end() ? 0 : it->second;
  // the bandgap's reference is up once the chip runs
  if (p == Port::kBandgap && addr == anadig::AI_BANDGAP_STAT0)
    v |= anadig::AI_BANDGAP_STAT0_REFTOP_VBGUP;
  return v;
}

bool AnadigBlock::powered(std::uint64_t ctrl) const {
  const PllDef* d = pll_def(ctrl);
  if (!d) return false;
  if (d->powerup) return (word(ctrl) & d->powerup) != 0;
  return (ai_word(d->port, anadig::AI_PLL_CTRL0) & anadig::AI_PLL_CTRL0_POWER_UP) != 0;
}

bool AnadigBlock::pll_running(std::uint64_t ctrl) const {
  const PllDef* d = pll_def(ctrl);
  const std::uint32_t v = word(ctrl);
  return d && powered(ctrl) && (v & d->enable) && !(v & d->gate);
}

void AnadigBlock::follow_power(Picoseconds now) {
  for (const PllDef& d : kPlls) {
    if (!powered(d.ctrl))
      powered_at_.erase(d.ctrl);
    else if (!powered_at_.count(d.ctrl))
      powered_at_[d.ctrl] = now;
  }
}

void AnadigBlock::set_by_rom(std::uint64_t offset, std::uint32_t value, Picoseconds now) {
  set_word(offset, value);
  follow_power(now);
}

std::uint32_t AnadigBlock::on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) {
  using namespace anadig;
  if (offset == OSC_24M_CTRL)
    return stored & OSC_24M_CTRL_OSC_EN ? stored | OSC_24M_CTRL_OSC_24M_STABLE : stored;
  if (offset == PMU_BIAS_CTRL2)
    return stored & PMU_BIAS_CTRL2_WB_EN ? stored | PMU_BIAS_CTRL2_WB_OK : stored;
  if (pll_def(offset)) {
    const auto it = powered_at_.find(offset);
    const bool stable = it != powered_at_.end() && now >= it->second + kLockTime;
    return stable ? stored | PLL_STABLE : stored & ~PLL_STABLE;
  }
  return stored;
}

void AnadigBlock::pfd_updates(std::uint64_t update, std::uint32_t old_value,
                              std::uint32_t new_value) {
  // PFDn_UPDATE (bit n + 1) toggled: PFDn settles on its new fraction and STABLE flips
  const std::uint64_t pfd =
      update == anadig::SYS_PLL2_UPDATE ? anadig::SYS_PLL2_PFD : anadig::SYS_PLL3_PFD;
  std::uint32_t v = word(pfd);
  for (unsigned n = 0; n < 4; ++n)
    if ((old_value ^ new_value) & (1u << (n + 1))) v ^= 1u << (8 * n + 6);
  set_word(pfd, v);
}

void AnadigBlock::ai_transfer(Port p) {
  const PortDef& d = kPorts[static_cast<std::size_t>(p)];
  const std::uint32_t ctrl = word(d.ctrl);
  const std::uint8_t addr = static_cast<std::uint8_t>(get(ctrl, anadig::AI_CTRL_ADDR));
  if (ctrl & anadig::AI_CTRL_RWB) {
    set_word(d.rdata, ai_word(p, addr));
    return;
  }
  // analog registers sit on 16-byte steps with SET/CLR/TOG at +4/+8/+C (fsl_anatop_ai.h)
  const std::uint8_t base = addr & 0xF0, kind = addr & 0x0F;
  const std::uint32_t data = word(d.wdata);
  std::uint32_t& r = ai_reg(p, base);
  r = kind == 4 ? r | data : kind == 8 ? r & ~data : kind == 0xC ? r ^ data : data;
}

std::uint32_t AnadigBlock::on_write(std::uint64_t offset, std::uint32_t old_value,
                                    std::uint32_t new_value, Picoseconds now) {
  using namespace anadig;
  if (offset == SYS_PLL2_UPDATE || offset == SYS_PLL3_UPDATE)
    pfd_updates(offset, old_value, new_value);
  if (offset == SYS_PLL2_PFD || offset == SYS_PLL3_PFD)  // STABLE bits are status
    new_value = (new_value & ~pfd_stable_bits()) | (old_value & pfd_stable_bits());
  for (std::size_t i = 0; i < kPorts.size(); ++i) {
    const PortDef& d = kPorts[i];
    if (offset == d.ctrl && d.trigger == d.ctrl)  // TOGGLE_DONE is status
      new_value = (new_value & ~AI_CTRL_TOGGLE_DONE) | (old_value & AI_CTRL_TOGGLE_DONE);
    if (offset != d.trigger || !((old_value ^ new_value) & d.trigger_bit)) continue;
    set_word(offset, new_value);
    ai_transfer(static_cast<Port>(i));
    if (d.trigger == d.ctrl) new_value ^= AI_CTRL_TOGGLE_DONE;
  }
  set_word(offset, new_value);
  follow_power(now);
  return new_value;
}

// ---- frequencies ----

namespace {
enum class Source {
  kRc48Div2,
  kOsc24M,
  kRc400M,
  kRc16M,
  kArmPll,
  kSysPll1,
  kSysPll1Div5,
  kSysPll2,
  kSysPll2Pfd2,
  kSysPll2Pfd3,
  kSysPll3,
  kSysPll3Div2,
  kSysPll3Pfd0,
  kSysPll3Pfd3,
  kVideoPll,
};

// CLOCK_ROOTn_CONTROL.MUX 0..7 of the roots the model follows (SDK fsl_clock.h clock root mux
// enums): one entry per root or range of roots with the same table; other roots are not
// computed.
struct RootMux {
  unsigned first, last;
  std::array<Source, 8> mux;
};
using S = Source;
constexpr std::array<RootMux, 6> kRootMuxes{{
    {ccm11::kM7,
     ccm11::kM7,
     {S::kRc48Div2, S::kOsc24M, S::kRc400M, S::kRc16M, S::kArmPll, S::kSysPll1, S::kSysPll3,
      S::kVideoPll}},
    {ccm11::kBus,
     ccm11::kBus,
     {S::kRc48Div2, S::kOsc24M, S::kRc400M, S::kRc16M, S::kSysPll3, S::kSysPll1Div5, S::kSysPll2,
      S::kSysPll2Pfd3}},
    {ccm11::kFlexspi1,
     ccm11::kFlexspi1,
     {S::kRc48Div2, S::kOsc24M, S::kRc400M, S::kRc16M, S::kSysPll3Pfd0, S::kSysPll2,
      S::kSysPll2Pfd2, S::kSysPll3}},
    {ccm11::kFlexspi2,
     ccm11::kFlexspi2,
     {S::kRc48Div2, S::kOsc24M, S::kRc400M, S::kRc16M, S::kSysPll3Pfd0, S::kSysPll2,
      S::kSysPll2Pfd2, S::kSysPll3}},
    {ccm11::kLpuart1,
     ccm11::kLpuart1 + 9,  // LPUART1-10
     {S::kRc48Div2, S::kOsc24M, S::kRc400M, S::kRc16M, S::kSysPll3Div2, S::kSysPll1Div5,
      S::kSysPll2, S::kSysPll2Pfd3}},
    {ccm11::kLpuart1 + 10,
     ccm11::kLpuart1 + 11,  // LPUART11-12 (LPSR domain)
     {S::kRc48Div2, S::kOsc24M, S::kRc400M, S::kRc16M, S::kSysPll3Pfd3, S::kSysPll3,
      S::kSysPll2Pfd3, S::kSysPll1Div5}},
}};

double pfd_hz(const AnadigBlock& a, std::uint64_t pfd_reg, double pll, Field frac) {
  return pfd_output_hz(pll, a.word(pfd_reg), frac);
}

double arm_pll_hz(const AnadigBlock& a) {
  const std::uint32_t v = a.word(anadig::ARM_PLL_CTRL);
  if (v & anadig::ARM_PLL_CTRL_BYPASS) return kOscHz;
  if (!a.pll_running(anadig::ARM_PLL_CTRL)) return 0.0;
  // POST_DIV_SEL 0, 1, 2, 3: divide by 2, 4, 8, 1 (SDK CLOCK_GetPllFreq)
  const unsigned post = get(v, anadig::ARM_PLL_CTRL_POST_DIV_SEL);
  const double div = post == 3 ? 1.0 : static_cast<double>(2u << post);
  return kOscHz * get(v, anadig::ARM_PLL_CTRL_DIV_SELECT) / (2.0 * div);
}

// SYS_PLL1 1 GHz, SYS_PLL2 528 MHz, SYS_PLL3 480 MHz (SDK SYS_PLLn_FREQ; their fractional
// settings are not modelled); 24 MHz while bypassed.
double sys_pll_hz(const AnadigBlock& a, std::uint64_t ctrl, double hz) {
  if (a.word(ctrl) & anadig::SYS_PLL_CTRL_BYPASS) return kOscHz;
  return a.pll_running(ctrl) ? hz : 0.0;
}

double source_hz(const AnadigBlock& a, Source s) {
  using namespace anadig;
  // each PLL read only when the selected source needs it
  const auto pll1 = [&] { return sys_pll_hz(a, SYS_PLL1_CTRL, 1000e6); };
  const auto pll2 = [&] { return sys_pll_hz(a, SYS_PLL2_CTRL, 528e6); };
  const auto pll3 = [&] { return sys_pll_hz(a, SYS_PLL3_CTRL, 480e6); };
  switch (s) {
    case S::kRc48Div2:
    case S::kOsc24M:
      return kOscHz;
    case S::kRc400M:
      return 400e6;
    case S::kRc16M:
      return 16e6;
    case S::kArmPll:
      return arm_pll_hz(a);
    case S::kSysPll1:
      return pll1();
    case S::kSysPll1Div5:
      return a.word(SYS_PLL1_CTRL) & SYS_PLL1_CTRL_SYS_PLL1_DIV5 ? pll1() / 5 : 0.0;
    case S::kSysPll2:
      return pll2();
    case S::kSysPll2Pfd2:
      return pfd_hz(a, SYS_PLL2_PFD, pll2(), PFD2_FRAC);
    case S::kSysPll2Pfd3:
      return pfd_hz(a, SYS_PLL2_PFD, pll2(), PFD3_FRAC);
    case S::kSysPll3:
      return pll3();
    case S::kSysPll3Div2:
      return a.word(SYS_PLL3_CTRL) & SYS_PLL3_CTRL_SYS_PLL3_DIV2 ? pll3() / 2 : 0.0;
    case S::kSysPll3Pfd0:
      return pfd_hz(a, SYS_PLL3_PFD, pll3(), PFD0_FRAC);
    case S::kSysPll3Pfd3:
      return pfd_hz(a, SYS_PLL3_PFD, pll3(), PFD3_FRAC);
    case S::kVideoPll:  // its fractional divider is behind the AI port: not computed
      return 0.0;
  }
  return 0.0;
}
}  // namespace

double rt11xx_root_hz(const Rt11xxCcmBlock& c, const AnadigBlock& a, unsigned root) {
  const std::uint32_t control = c.root_control(root);
  if (control & ccm11::CONTROL_OFF) return 0.0;
  for (const RootMux& m : kRootMuxes)
    if (root >= m.first && root <= m.last)
      return source_hz(a, m.mux[get(control, ccm11::CONTROL_MUX)]) /
             (get(control, ccm11::CONTROL_DIV) + 1);
  return 0.0;
}

void program_rt11xx_flexspi_clock(Rt11xxCcmBlock& c, AnadigBlock& a, double hz, Picoseconds now) {
  using namespace anadig;
  constexpr std::uint32_t kPllRegEn = 1u << 3;  // SYS_PLL2_CTRL.PLL_REG_EN
  a.set_by_rom(SYS_PLL2_CTRL, SYS_PLL2_CTRL_POWERUP | PLL_ENABLE_CLK | kPllRegEn, now);
  const unsigned div = std::max(1u, static_cast<unsigned>(std::ceil(528e6 / hz - 1e-9)));
  const std::uint32_t control = with(0, ccm11::CONTROL_MUX, 5);  // SYS_PLL2_OUT
  c.set_root_control(ccm11::kFlexspi1, with(control, ccm11::CONTROL_DIV, std::min(div, 256u) - 1));
}

}  // namespace xipsim::soc
