// The boot ROM's address space and its functions implemented in C++ (cpu.h map_rom, add_native).
#include <fmt/format.h>

#include <cstring>

#include "xipsim/core/errors.h"
#include "xipsim/cpu/cpu.h"

namespace xipsim::cpu {

namespace {
constexpr std::uint32_t kPage = 0x1000;
}

void Cpu::map_rom(std::uint32_t base, std::vector<std::uint8_t> bytes) {
  rom_ = std::move(bytes);
  rom_base_ = base;
  rom_.resize((rom_.size() + kPage - 1) / kPage * kPage, 0xFF);
  core_->map_memory(base, rom_.size(), rom_.data(), true, false);
}

// Natives are found by the block hook (each stub is a one-instruction block: `bx lr` ends it),
// not by Unicorn code hooks: with a bounded code hook installed, Unicorn 2.0.1 translated the
// rest of the program differently and a plugin printed a wrong digit (measured; see
// docs/cpu-model.md).
void Cpu::add_native(std::uint32_t address, std::function<void(NativeCall&)> fn) {
  natives_[address & ~1u] = std::move(fn);
}

bool Cpu::run_native(std::uint32_t address) {
  const auto it = natives_.find(address);
  if (it == natives_.end()) return false;
  NativeCall call(*this);
  it->second(call);
  return true;
}

std::uint32_t NativeCall::arg(unsigned i) const {
  if (i < 4) return cpu_.core().reg(i);
  std::uint32_t v = 0;
  cpu_.core().read(cpu_.core().sp() + 4 * (i - 4), &v, 4);
  return v;
}

void NativeCall::set_result(std::uint32_t value) {
  cpu_.core().set_reg(0, value);
}

std::uint32_t NativeCall::read32(std::uint32_t address) const {
  std::uint8_t b[4] = {0, 0, 0, 0};
  if (const std::uint8_t* ram = cpu_.ram_bytes(address, 4))
    std::memcpy(b, ram, 4);
  else
    cpu_.debug_bus(tlm::TLM_READ_COMMAND, address, b, 4);
  return b[0] | b[1] << 8 | b[2] << 16 | static_cast<std::uint32_t>(b[3]) << 24;
}

bool NativeCall::write32(std::uint32_t address, std::uint32_t value) {
  const std::uint8_t b[4] = {
      static_cast<std::uint8_t>(value), static_cast<std::uint8_t>(value >> 8),
      static_cast<std::uint8_t>(value >> 16), static_cast<std::uint8_t>(value >> 24)};
  return write(address, b, 4);
}

// RAM by its buffer (data: no translation to drop), peripherals through the bus.
bool NativeCall::write(std::uint32_t address, const std::uint8_t* data, std::size_t len) {
  if (std::uint8_t* ram = cpu_.ram_bytes(address, len)) {
    std::memcpy(ram, data, len);
    return true;
  }
  std::vector<std::uint8_t> copy(data, data + len);
  return cpu_.debug_bus(tlm::TLM_WRITE_COMMAND, address, copy.data(), len);
}

Picoseconds NativeCall::now() const {
  return cpu_.now();
}

void NativeCall::note(std::string text) {
  cpu_.add_note(now(), std::move(text));
}

unsigned NativeCall::exception() const {
  return cpu_.core().special(Special::kIpsr) & 0x1FF;
}

void NativeCall::lock_up(std::string text) {
  cpu_.end_ = RunEnd::kLockup;
  cpu_.end_text_ = std::move(text);
  cpu_.core().request_stop();
}

}  // namespace xipsim::cpu
