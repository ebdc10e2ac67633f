// The one seeded random source of the models (flash jitter and power-loss results, board bit
// errors): splitmix64, which gives the same numbers on every platform and compiler, so a run is
// reproducible from its seed.
#pragma once

#include <cstdint>

namespace xipsim {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

}  // namespace xipsim
