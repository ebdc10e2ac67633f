// A phase fractional divider output, the same on RT10xx (PFD_480/PFD_528) and RT11xx
// (SYS_PLLx_PFD): the PLL x 18 / FRAC, 0 while FRAC is 0 or the PFD's clock gate (the bit above
// its 6-bit FRAC and STABLE bits: FRAC lsb + 7) is set.
#pragma once

#include <cstdint>

#include "xipsim/core/register_table.h"

namespace xipsim::soc {

inline double pfd_output_hz(double pll_hz, std::uint32_t reg, Field frac) {
  const bool gated = reg & (1u << (frac.lsb + 7));
  return get(reg, frac) && !gated ? pll_hz * 18.0 / get(reg, frac) : 0.0;
}

}  // namespace xipsim::soc
