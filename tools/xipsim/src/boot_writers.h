// Writers for a boot report: the narrated text and JSON (schema: docs/boot.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "xipsim/boot/boot_report.h"

namespace xipsim::tools {

std::string boot_text(const boot::BootReport& r, const std::vector<std::string>& notes);
nlohmann::ordered_json boot_json(const boot::BootReport& r, const std::vector<std::string>& notes);

}  // namespace xipsim::tools
