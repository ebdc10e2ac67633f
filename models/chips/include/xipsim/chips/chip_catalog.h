// The set of chip profiles shipped in models/chips/.
#pragma once

#include <string>
#include <vector>

#include "xipsim/chips/chip_profile.h"

namespace xipsim::chips {

class ChipCatalog {
 public:
  // Loads every *.yaml in `dir` (sorted by file name, so the order is deterministic).
  static ChipCatalog load_dir(const std::string& dir);
  // The catalog in the data directory (XIPSIM_DATA_DIR environment variable, else the build's).
  static const ChipCatalog& builtin();

  // Finds a chip by name or alias; throws InputError listing the known names when absent.
  const ChipProfile& get(const std::string& name) const;
  const ChipProfile* find(const std::string& name) const;
  const std::vector<ChipProfile>& all() const { return chips_; }
  std::vector<std::string> names() const;

 private:
  std::vector<ChipProfile> chips_;
};

}  // namespace xipsim::chips
