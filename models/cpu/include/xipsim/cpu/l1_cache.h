// An L1 cache of the Cortex-M7 (set-associative, LRU within a set) for the lines of the FlexSPI
// windows: which lines it holds and, for the D-cache, their bytes. Whether an access hits is
// what decides if an AHB read goes through the FlexSPI model (docs/cpu-model.md).
#pragma once

#include <cstdint>
#include <vector>

namespace xipsim::cpu {

class L1Cache {
 public:
  L1Cache(unsigned size_bytes, unsigned ways, unsigned line_bytes);

  unsigned line_bytes() const { return line_; }
  unsigned ways() const { return ways_; }
  unsigned sets() const { return sets_; }
  std::uint32_t line_of(std::uint32_t address) const { return address & ~(line_ - 1); }

  // The slot holding `address`'s line, -1 when absent. A hit makes it the most recent.
  int lookup(std::uint32_t address);
  // The slot holding `address`'s line, -1 when absent, without counting an access (for the
  // model's own bookkeeping: no LRU update, no hit or miss).
  int find(std::uint32_t address) const;
  // Allocates the line (evicting the least recently used of its set); returns the slot.
  int allocate(std::uint32_t address);
  std::uint8_t* data(int slot) { return &data_[static_cast<std::size_t>(slot) * line_]; }
  void invalidate(std::uint32_t address);
  void invalidate_all();
  void invalidate_slot(unsigned set, unsigned way);  // DCISW/DCCISW by set and way
  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }

 private:
  unsigned set_of(std::uint32_t address) const { return (address / line_) % sets_; }
  unsigned line_, ways_, sets_;
  std::vector<std::uint32_t> tags_;  // line address | 1 when valid (slot = set * ways + way)
  std::vector<std::uint64_t> used_;  // last use, for LRU
  std::vector<std::uint8_t> data_;
  std::uint64_t clock_ = 0, hits_ = 0, misses_ = 0;
};

}  // namespace xipsim::cpu
