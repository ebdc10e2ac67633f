#include "xipsim/soc/sdram.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstring>
#include <new>

#include "xipsim/core/register_table.h"

namespace xipsim::soc {

namespace {
constexpr std::uint64_t kBr0 = 0x10;
constexpr std::uint32_t kBrVld = 1u << 0;
constexpr Field kBrMs{1, 5};
constexpr std::uint32_t kBrBaMask = 0xFFFFF000u;
}  // namespace

SdramWindow semc_sdram_window(const RegisterBlock& semc) {
  const std::uint32_t br0 = semc.word(kBr0);
  if (!(br0 & kBrVld)) return {};
  return {br0 & kBrBaMask, 4096ull << get(br0, kBrMs)};
}

SdramBlock::SdramBlock(sc_core::sc_module_name name, std::uint64_t bus_base,
                       std::uint64_t region_size, Picoseconds latency, const RegisterBlock& semc)
    : SimpleTarget(name, region_size, latency), bus_base_(bus_base), semc_(semc) {
  void* p = mmap(nullptr, kCapacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  bytes_ = static_cast<std::uint8_t*>(p);
}

SdramBlock::~SdramBlock() {
  munmap(bytes_, kCapacity);
}

std::uint64_t SdramBlock::usable() const {
  const SdramWindow w = semc_sdram_window(semc_);
  return w.base == bus_base_ ? std::min(w.size, kCapacity) : 0;
}

void SdramBlock::power_on() {
  // fresh zero pages without touching them (the address stays: the CPU maps it)
  madvise(bytes_, kCapacity, MADV_DONTNEED);
}

bool SdramBlock::read(std::uint64_t offset, std::uint8_t* data, unsigned len, Picoseconds) {
  if (offset + len > usable()) return false;
  std::memcpy(data, bytes_ + offset, len);
  return true;
}

bool SdramBlock::write(std::uint64_t offset, const std::uint8_t* data, unsigned len, Picoseconds) {
  if (offset + len > usable()) return false;
  std::memcpy(bytes_ + offset, data, len);
  return true;
}

}  // namespace xipsim::soc
