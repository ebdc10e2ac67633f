#include "xipsim/core/data_dir.h"

#include <cstdlib>

namespace xipsim {

std::string data_dir() {
  if (const char* env = std::getenv("XIPSIM_DATA_DIR"); env && *env) return env;
  return XIPSIM_DATA_DIR;
}

}  // namespace xipsim
