#include "xipsim/core/errors.h"

#include <fmt/format.h>

namespace xipsim {

std::string at_line(const std::string& file, std::size_t line, const std::string& message) {
  if (line == 0) return fmt::format("{}: {}", file, message);
  return fmt::format("{}:{}: {}", file, line, message);
}

}  // namespace xipsim
