#include "xipsim/soc/gpio.h"

namespace xipsim::soc {

namespace {
constexpr std::uint64_t kGpioSize = 0x4000;
std::vector<RegisterDef> gpio_table() {
  return {
      {"DR", GpioBlock::DR, 0, 0xFFFFFFFFu},
      {"GDIR", GpioBlock::GDIR, 0, 0xFFFFFFFFu},
      {"PSR", GpioBlock::PSR, 0},
      {"ICR1", GpioBlock::ICR1, 0, 0xFFFFFFFFu},
      {"ICR2", GpioBlock::ICR2, 0, 0xFFFFFFFFu},
      {"IMR", GpioBlock::IMR, 0, 0xFFFFFFFFu},
      {"ISR", GpioBlock::ISR, 0, 0, 0xFFFFFFFFu},
      {"EDGE_SEL", GpioBlock::EDGE_SEL, 0, 0xFFFFFFFFu},
      {"DR_SET", GpioBlock::DR_SET, 0, 0xFFFFFFFFu, 0, 0, true},
      {"DR_CLEAR", GpioBlock::DR_CLEAR, 0, 0xFFFFFFFFu, 0, 0, true},
      {"DR_TOGGLE", GpioBlock::DR_TOGGLE, 0, 0xFFFFFFFFu, 0, 0, true},
  };
}
}  // namespace

GpioBlock::GpioBlock(sc_core::sc_module_name name, std::string port, std::uint64_t bus_base,
                     Picoseconds latency)
    : TimedBlock(name, std::move(port), bus_base, kGpioSize, latency, gpio_table(),
                 Others::kReadOnly, nullptr) {}

void GpioBlock::reset_port() {
  clear();
  edges_.clear();
  drive_irq(false);
  high_.drive_irq(false);
}

void GpioBlock::connect_input(unsigned pin, PinInput input) {
  inputs_.emplace_back(pin, std::move(input));
}

unsigned GpioBlock::mode(unsigned pin) const {
  const std::uint32_t icr = word(pin < 16 ? ICR1 : ICR2);
  return (icr >> (2 * (pin % 16))) & 3u;
}

// Each input's edges since the last look: the ones ICR (or EDGE_SEL: either) asks for set ISR;
// a level mode sets it while the level holds.
void GpioBlock::catch_up(Picoseconds now) {
  std::uint32_t isr = word(ISR);
  for (const auto& [pin, in] : inputs_) {
    const std::uint32_t bit = 1u << pin;
    if (word(GDIR) & bit) continue;  // an output: its input path is not sampled here
    const bool either = word(EDGE_SEL) & bit;
    const unsigned m = mode(pin);
    for (Picoseconds e = in.next_edge(checked_); e <= now && e != kNever; e = in.next_edge(e + 1)) {
      const bool rising = in.level(e);
      if (either || (m == 2 && rising) || (m == 3 && !rising)) isr |= bit;
    }
    if (!either && m < 2 && in.level(now) == (m == 1)) isr |= bit;
  }
  checked_ = now + 1;
  set_word(ISR, isr);
}

void GpioBlock::update_line() {
  const std::uint32_t pending = word(ISR) & word(IMR);
  drive_irq((pending & 0xFFFFu) != 0);
  high_.drive_irq((pending >> 16) != 0);
}

Picoseconds GpioBlock::next_event() const {
  Picoseconds next = kNever;
  for (const auto& [pin, in] : inputs_)
    if ((word(IMR) & (1u << pin)) && !(word(GDIR) & (1u << pin)))
      next = std::min(next, in.next_edge(checked_));
  return next;
}

std::uint32_t GpioBlock::on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds now) {
  catch_up(now);
  update_line();
  if (offset == PSR) {  // outputs read back; connected inputs their wire; other inputs 0
    std::uint32_t v = word(DR) & word(GDIR);
    for (const auto& [pin, in] : inputs_)
      if (!(word(GDIR) & (1u << pin)) && in.level(now)) v |= 1u << pin;
    return v;
  }
  if (offset == DR_SET || offset == DR_CLEAR || offset == DR_TOGGLE) return 0;
  return offset == ISR ? word(ISR) : stored;
}

std::uint32_t GpioBlock::on_write(std::uint64_t offset, std::uint32_t, std::uint32_t new_value,
                                  Picoseconds now) {
  const std::uint32_t dr = word(DR);
  std::uint32_t stored = new_value;
  if (offset == DR) {
    set_dr(new_value, now);
    stored = word(DR);
  }
  if (offset == DR_SET) set_dr(dr | new_value, now);
  if (offset == DR_CLEAR) set_dr(dr & ~new_value, now);
  if (offset == DR_TOGGLE) set_dr(dr ^ new_value, now);
  if (offset == DR_SET || offset == DR_CLEAR || offset == DR_TOGGLE) stored = 0;
  set_word(offset, stored);
  update_line();
  return stored;
}

void GpioBlock::set_dr(std::uint32_t value, Picoseconds now) {
  const std::uint32_t changed = word(DR) ^ value;
  set_word(DR, value);
  for (unsigned pin = 0; pin < 32; ++pin)
    if (changed & (1u << pin)) edges_.push_back({now, pin, ((value >> pin) & 1u) != 0});
}

}  // namespace xipsim::soc
