// Where xipsim's data files live (models/chips/*.yaml, flash_models/parts, ...): the source tree
// the build was configured from, or the XIPSIM_DATA_DIR environment variable when it is set.
#pragma once

#include <string>

namespace xipsim {

std::string data_dir();

}  // namespace xipsim
