// NorDevice: register file (working and non-volatile copies, live status bits).
#include <fmt/format.h>

#include "xipsim/core/errors.h"
#include "xipsim/flash/nor_device.h"

namespace xipsim::flash {

std::uint32_t NorDevice::field(const FieldRef& f) const {
  return (regs_[static_cast<std::size_t>(f.reg)] & f.mask()) >> f.lsb;
}

void NorDevice::set_field(const FieldRef& f, std::uint32_t v) {
  auto& r = regs_[static_cast<std::size_t>(f.reg)];
  r = (r & ~f.mask()) | ((v << f.lsb) & f.mask());
}

// The register as the part shifts it out at time t: stored bits plus the live state bits
// (WIP, WEL, suspend, 4-byte mode, Micron's ready bit) that mirror the device state.
std::uint32_t NorDevice::live_register(int index, Picoseconds t) const {
  std::uint32_t v = regs_[static_cast<std::size_t>(index)];
  const StatusBits& b = part_->bits;
  auto overlay = [&](const FieldRef& f, bool on) {
    if (f.reg == index) v = on ? (v | f.mask()) : (v & ~f.mask());
  };
  const bool busy = busy_at(t);
  overlay(b.wip, busy);
  overlay(b.ready, !busy);
  overlay(b.wel, wel_);
  overlay(b.sus, op_.active && op_.suspended);
  overlay(b.four_byte, four_byte_);
  return v;
}

void NorDevice::write_register_value(int index, std::uint32_t value, bool nonvolatile) {
  const auto i = static_cast<std::size_t>(index);
  const RegisterSpec& spec = part_->registers[i];
  regs_[i] = (regs_[i] & ~spec.writable) | (value & spec.writable);
  if (nonvolatile && spec.storage == RegisterStorage::kNonVolatile)
    nv_[i] = (nv_[i] & ~spec.writable) | (value & spec.writable);
}

namespace {
int index_or_throw(const PartSpec& p, const std::string& name) {
  const int i = p.register_index(name);
  if (i < 0) throw InputError(fmt::format("part {} has no register '{}'", p.name, name));
  return i;
}
}  // namespace

std::uint32_t NorDevice::read_register(const std::string& name, Picoseconds t) const {
  return live_register(index_or_throw(*part_, name), t);
}

std::uint32_t NorDevice::nonvolatile_register(const std::string& name) const {
  return nv_[static_cast<std::size_t>(index_or_throw(*part_, name))];
}

void NorDevice::set_register(const std::string& name, std::uint32_t value) {
  const auto i = static_cast<std::size_t>(index_or_throw(*part_, name));
  regs_[i] = value;
  nv_[i] = value;
}

}  // namespace xipsim::flash
