// Loading parts from flash_models/parts/<PART>.yaml. A part file may name a `family`
// (flash_models/families/<family>.yaml) whose fields it builds on; families may chain. Every
// error names the file, line, column and field, and what was expected.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "xipsim/flash/part_spec.h"

namespace xipsim::flash {

// Loads a part by name from the data directory (see xipsim::data_dir()).
std::shared_ptr<const PartSpec> load_part(const std::string& name);
// Loads a part file by path; its family is looked up in ../families next to it.
std::shared_ptr<const PartSpec> load_part_file(const std::string& path);
// Names of all parts in the data directory, sorted.
std::vector<std::string> list_parts();

const char* to_string(CommandKind kind);

}  // namespace xipsim::flash
