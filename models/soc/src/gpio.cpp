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
    : RegisterBlock(name, bus_base, kGpioSize, latency, gpio_table(), Others::kReadOnly),
      port_(std::move(port)) {}

void GpioBlock::reset_port() {
  clear();
  edges_.clear();
}

std::uint32_t GpioBlock::on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds) {
  if (offset == PSR) return word(DR) & word(GDIR);  // outputs read back; inputs are 0
  if (offset == DR_SET || offset == DR_CLEAR || offset == DR_TOGGLE) return 0;
  return stored;
}

std::uint32_t GpioBlock::on_write(std::uint64_t offset, std::uint32_t, std::uint32_t new_value,
                                  Picoseconds now) {
  const std::uint32_t dr = word(DR);
  if (offset == DR) {
    set_dr(new_value, now);
    return word(DR);
  }
  if (offset == DR_SET) set_dr(dr | new_value, now);
  if (offset == DR_CLEAR) set_dr(dr & ~new_value, now);
  if (offset == DR_TOGGLE) set_dr(dr ^ new_value, now);
  return offset == DR_SET || offset == DR_CLEAR || offset == DR_TOGGLE ? 0 : new_value;
}

void GpioBlock::set_dr(std::uint32_t value, Picoseconds now) {
  const std::uint32_t changed = word(DR) ^ value;
  set_word(DR, value);
  for (unsigned pin = 0; pin < 32; ++pin)
    if (changed & (1u << pin)) edges_.push_back({now, pin, ((value >> pin) & 1u) != 0});
}

}  // namespace xipsim::soc
