#include "xipsim/cpu/l1_cache.h"

#include <algorithm>

#include "xipsim/core/errors.h"

namespace xipsim::cpu {

L1Cache::L1Cache(unsigned size_bytes, unsigned ways, unsigned line_bytes)
    : line_(line_bytes),
      ways_(ways),
      sets_(ways && line_bytes ? size_bytes / ways / line_bytes : 0) {
  if (sets_ == 0 || (line_ & (line_ - 1)) != 0)
    throw InputError(
        "L1 cache: size, ways and a power-of-two line size must give at least one set");
  tags_.assign(static_cast<std::size_t>(sets_) * ways_, 0);
  used_.assign(tags_.size(), 0);
  data_.assign(tags_.size() * line_, 0);
}

int L1Cache::lookup(std::uint32_t address) {
  const int s = find(address);
  if (s < 0) {
    ++misses_;
    return -1;
  }
  used_[static_cast<std::size_t>(s)] = ++clock_;
  ++hits_;
  return s;
}

int L1Cache::find(std::uint32_t address) const {
  const std::uint32_t tag = line_of(address) | 1u;
  const std::size_t first = static_cast<std::size_t>(set_of(address)) * ways_;
  for (std::size_t s = first; s < first + ways_; ++s)
    if (tags_[s] == tag) return static_cast<int>(s);
  return -1;
}

int L1Cache::allocate(std::uint32_t address) {
  const std::size_t first = static_cast<std::size_t>(set_of(address)) * ways_;
  std::size_t victim = first;
  for (std::size_t s = first; s < first + ways_; ++s) {
    if (!(tags_[s] & 1u)) {
      victim = s;
      break;
    }
    if (used_[s] < used_[victim]) victim = s;
  }
  tags_[victim] = line_of(address) | 1u;
  used_[victim] = ++clock_;
  return static_cast<int>(victim);
}

void L1Cache::invalidate(std::uint32_t address) {
  const std::uint32_t tag = line_of(address) | 1u;
  const std::size_t first = static_cast<std::size_t>(set_of(address)) * ways_;
  for (std::size_t s = first; s < first + ways_; ++s)
    if (tags_[s] == tag) tags_[s] = 0;
}

void L1Cache::invalidate_slot(unsigned set, unsigned way) {
  if (set < sets_ && way < ways_) tags_[static_cast<std::size_t>(set) * ways_ + way] = 0;
}

void L1Cache::invalidate_all() {
  std::fill(tags_.begin(), tags_.end(), 0);
}

}  // namespace xipsim::cpu
