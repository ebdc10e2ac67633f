#include "xipsim/cpu/exceptions.h"

#include <fmt/format.h>

#include <algorithm>

namespace xipsim::cpu {

namespace {
constexpr std::uint32_t kXpsrAlignBit = 1u << 9;  // the frame was aligned down by 4 bytes
constexpr std::uint32_t kXpsrIpsrMask = 0x1FFu;
constexpr std::uint32_t kControlSpsel = 1u << 1, kControlFpca = 1u << 2;
// IT/ICI bits of the EPSR as Unicorn reports them in XPSR ([26:25] and [15:10]).
constexpr std::uint32_t kXpsrItMask = 0x0600FC00u;
constexpr std::uint32_t kBasicFrame = 0x20, kFpFrame = 0x68;  // bytes (8 and 26 words)
}  // namespace

std::string exception_name(unsigned n) {
  static const char* const kNames[16] = {
      "thread mode", "Reset", "NMI", "HardFault", "MemManage", "BusFault", "UsageFault", "7",
      "8",           "9",     "10",  "SVCall",    "DebugMon",  "13",       "PendSV",     "SysTick"};
  if (n < 16) return kNames[n];
  return fmt::format("IRQ {}", n - exc::kIrq0);
}

ExceptionState::ExceptionState(unsigned irqs, unsigned priority_bits)
    : flags_(exc::kIrq0 + irqs, 0),
      priority_(exc::kIrq0 + irqs, 0),
      implemented_mask_(static_cast<std::uint8_t>(0xFFu << (8 - std::min(priority_bits, 8u)))) {
  reset();
}

void ExceptionState::reset() {
  std::fill(flags_.begin(), flags_.end(), 0);
  std::fill(priority_.begin(), priority_.end(), 0);
  for (unsigned n :
       {exc::kNmi, exc::kHardFault, exc::kSvcall, exc::kDebugMonitor, exc::kPendsv, exc::kSystick})
    flags_[n] = kEnabled;
  prigroup_ = 0;
  active_count_ = pending_count_ = 0;
}

bool ExceptionState::enabled(unsigned n) const {
  return n < count() && (flags_[n] & kEnabled);
}

void ExceptionState::set_enabled(unsigned n, bool on) {
  if (n >= count()) return;
  flags_[n] = static_cast<std::uint8_t>(on ? flags_[n] | kEnabled : flags_[n] & ~kEnabled);
}

void ExceptionState::set_pending(unsigned n, bool on) {
  if (n >= count() || pending(n) == on) return;
  flags_[n] = static_cast<std::uint8_t>(on ? flags_[n] | kPending : flags_[n] & ~kPending);
  pending_count_ += on ? 1 : -1;
}

void ExceptionState::activate(unsigned n) {
  if (n >= count() || active(n)) return;
  flags_[n] |= kActive;
  ++active_count_;
}

void ExceptionState::deactivate(unsigned n) {
  if (n >= count() || !active(n)) return;
  flags_[n] = static_cast<std::uint8_t>(flags_[n] & ~kActive);
  --active_count_;
}

void ExceptionState::set_priority_field(unsigned n, std::uint8_t value) {
  if (n >= count() || n <= exc::kHardFault) return;  // fixed priorities
  priority_[n] = value & implemented_mask_;
}

int ExceptionState::priority(unsigned n) const {
  if (n == exc::kReset) return -3;
  if (n == exc::kNmi) return -2;
  if (n == exc::kHardFault) return -1;
  return n < count() ? priority_[n] : 256;
}

// Only the group priority preempts (AIRCR.PRIGROUP g: bits [g:0] are the subpriority).
int ExceptionState::group_priority(int p) const {
  if (p < 0) return p;
  const int sub_bits = static_cast<int>(prigroup_) + 1;
  return (p >> sub_bits) << sub_bits;
}

int ExceptionState::execution_priority(std::uint32_t primask, std::uint32_t basepri,
                                       std::uint32_t faultmask) const {
  int prio = 256;
  if (active_count_) {
    for (unsigned n = 1; n < count(); ++n)
      if (active(n)) prio = std::min(prio, group_priority(priority(n)));
  }
  const std::uint32_t base = basepri & implemented_mask_;
  if (base) prio = std::min(prio, group_priority(static_cast<int>(base)));
  if (primask & 1u) prio = std::min(prio, 0);
  if (faultmask & 1u) prio = std::min(prio, -1);
  return prio;
}

std::optional<unsigned> ExceptionState::highest_pending() const {
  if (!pending_count_) return std::nullopt;
  std::optional<unsigned> best;
  int best_prio = 1000;
  for (unsigned n = 1; n < count(); ++n) {
    if (!pending(n) || !enabled(n)) continue;
    const int p = group_priority(priority(n));
    if (p < best_prio) best = n, best_prio = p;  // ties: the lower number wins
  }
  return best;
}

std::optional<unsigned> ExceptionState::preempting(int execution_priority) const {
  const std::optional<unsigned> n = highest_pending();
  if (n && group_priority(priority(*n)) < execution_priority) return n;
  return std::nullopt;
}

ExceptionEngine::ExceptionEngine(CortexM7& core, ExceptionState& state)
    : core_(core), state_(state) {}

unsigned ExceptionEngine::current() const {
  return core_.special(Special::kIpsr) & kXpsrIpsrMask;
}

bool ExceptionEngine::can_interrupt() const {
  return (core_.special(Special::kXpsr) & kXpsrItMask) == 0;
}

int ExceptionEngine::execution_priority() const {
  return state_.execution_priority(core_.special(Special::kPrimask),
                                   core_.special(Special::kBasepri),
                                   core_.special(Special::kFaultmask));
}

ExceptionEngine::Entry ExceptionEngine::enter(unsigned n, std::uint32_t return_address,
                                              std::uint32_t vtor) {
  const std::uint32_t control = core_.special(Special::kControl);
  const bool fp = control & kControlFpca;
  const bool handler = current() != 0;
  const std::uint32_t size = fp ? kFpFrame : kBasicFrame;
  const std::uint32_t sp = core_.sp();  // the live stack: PSP in thread mode with SPSEL
  const bool align = sp & 4u;           // CCR.STKALIGN is 1 on the M7
  const std::uint32_t frame = (sp - size) & ~(align ? 4u : 0u);
  std::uint32_t words[26] = {};
  for (unsigned i = 0; i < 4; ++i)
    words[i] = core_.reg(i);
  words[4] = core_.reg(12);
  words[5] = core_.reg(14);
  words[6] = return_address & ~1u;
  words[7] = (core_.special(Special::kXpsr) & ~kXpsrAlignBit) | (align ? kXpsrAlignBit : 0u) |
             (1u << 24);  // the T bit is set in every stacked xPSR of Thumb code
  if (fp) {
    for (unsigned i = 0; i < 16; ++i)
      words[8 + i] = core_.fp_single(i);
    words[24] = core_.special(Special::kFpscr);
  }
  std::uint32_t vector = 0;
  if (!core_.write(frame, words, size)) return Entry::kNoStack;
  if (!core_.read(vtor + 4 * n, &vector, 4)) return Entry::kNoVector;
  core_.set_reg(13, frame);
  std::uint32_t lr = handler                     ? exc_return::kHandler
                     : (control & kControlSpsel) ? exc_return::kThreadPsp
                                                 : exc_return::kThreadMsp;
  if (fp) lr &= ~exc_return::kNoFpFrame;
  // Handler mode runs on MSP: clearing SPSEL makes Unicorn bank r13 as PSP and load MSP.
  core_.set_special(Special::kControl, control & ~(kControlSpsel | kControlFpca));
  core_.set_special(Special::kIpsr, n);
  core_.set_reg(14, lr);
  core_.set_reg(15, vector);
  state_.set_pending(n, false);
  state_.activate(n);
  return Entry::kEntered;
}

std::string ExceptionEngine::leave(std::uint32_t value) {
  const std::uint32_t base = value | exc_return::kNoFpFrame;
  if (base != exc_return::kHandler && base != exc_return::kThreadMsp &&
      base != exc_return::kThreadPsp)
    return fmt::format("EXC_RETURN 0x{:08X} is not a valid return value", value);
  const bool fp = !(value & exc_return::kNoFpFrame);
  const bool to_psp = base == exc_return::kThreadPsp;
  state_.deactivate(current());
  const std::uint32_t frame = to_psp ? core_.special(Special::kPsp) : core_.sp();
  std::uint32_t words[26] = {};
  if (!core_.read(frame, words, fp ? kFpFrame : kBasicFrame))
    return fmt::format("the exception frame at 0x{:08X} is not in memory", frame);
  const std::uint32_t after =
      frame + (fp ? kFpFrame : kBasicFrame) + ((words[7] & kXpsrAlignBit) ? 4u : 0u);
  std::uint32_t control = core_.special(Special::kControl) & ~(kControlSpsel | kControlFpca);
  if (fp) control |= kControlFpca;
  if (to_psp) {
    core_.set_special(Special::kPsp, after);
    control |= kControlSpsel;  // r13 becomes the PSP again
  } else {
    core_.set_reg(13, after);
  }
  core_.set_special(Special::kIpsr, words[7] & kXpsrIpsrMask);
  core_.set_special(Special::kControl, control);
  for (unsigned i = 0; i < 4; ++i)
    core_.set_reg(i, words[i]);
  core_.set_reg(12, words[4]);
  core_.set_reg(14, words[5]);
  if (fp) {
    for (unsigned i = 0; i < 16; ++i)
      core_.set_fp_single(i, words[8 + i]);
    core_.set_special(Special::kFpscr, words[24]);
  }
  core_.set_special(Special::kXpsr, words[7] & ~kXpsrAlignBit);
  core_.set_reg(15, words[6]);
  return "";
}

}  // namespace xipsim::cpu
