// Writers for a boot report: the narrated text and JSON (schema: docs/boot.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "xipsim/boot/boot_report.h"
#include "xipsim/boot/execution.h"

namespace xipsim::tools {

// `run`: what the application did after the boot (`--run`), or nullptr.
std::string boot_text(const boot::BootReport& r, const std::vector<std::string>& notes,
                      const boot::Execution* run = nullptr);
nlohmann::ordered_json boot_json(const boot::BootReport& r, const std::vector<std::string>& notes,
                                 const boot::Execution* run = nullptr);
std::string execution_text(const boot::Execution& e);
nlohmann::ordered_json execution_json(const boot::Execution& e);

}  // namespace xipsim::tools
