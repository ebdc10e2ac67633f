// Report writers for `xipsim inspect`: human text and JSON (schema in docs/inspect.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "xipsim/image/inspect.h"

namespace xipsim::tools {

std::string inspect_text(const image::InspectReport& r);
nlohmann::ordered_json inspect_json(const image::InspectReport& r);  // xipsim-inspect/2

}  // namespace xipsim::tools
