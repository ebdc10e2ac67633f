#include "xipsim/core/duration.h"

#include <cmath>
#include <cstdlib>

namespace xipsim {

std::optional<Picoseconds> parse_duration(const std::string& text) {
  const char* begin = text.c_str();
  char* end = nullptr;
  const double value = std::strtod(begin, &end);
  if (end == begin || !std::isfinite(value) || value < 0) return std::nullopt;
  std::string unit(end);
  while (!unit.empty() && unit.front() == ' ')
    unit.erase(unit.begin());
  double scale;
  if (unit == "ps") {
    scale = 1;
  } else if (unit == "ns") {
    scale = 1e3;
  } else if (unit == "us") {
    scale = 1e6;
  } else if (unit == "ms") {
    scale = 1e9;
  } else if (unit == "s") {
    scale = 1e12;
  } else {
    return std::nullopt;
  }
  return static_cast<Picoseconds>(std::llround(value * scale));
}

}  // namespace xipsim
