#include "xipsim/chips/chip_catalog.h"

#include "xipsim/core/data_dir.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "xipsim/core/errors.h"
#include "xipsim/core/yaml_reader.h"

namespace xipsim::chips {

ChipCatalog ChipCatalog::load_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw InputError(fmt::format("{}: chip profile folder not found", dir));
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  ChipCatalog cat;
  for (const auto& f : files)
    cat.chips_.push_back(load_chip_profile(f));
  return cat;
}

const ChipCatalog& ChipCatalog::builtin() {
  static const ChipCatalog cat = load_dir(xipsim::data_dir() + "/models/chips");
  return cat;
}

const ChipProfile* ChipCatalog::find(const std::string& name) const {
  for (const auto& c : chips_) {
    if (c.matches(name)) return &c;
  }
  return nullptr;
}

const ChipProfile& ChipCatalog::get(const std::string& name) const {
  if (const ChipProfile* c = find(name)) return *c;
  std::string known;
  std::vector<std::string> spellings;
  for (const auto& c : chips_) {
    known += (known.empty() ? "" : ", ") + c.name;
    spellings.push_back(c.name);
    spellings.insert(spellings.end(), c.aliases.begin(), c.aliases.end());
  }
  const std::string near = closest_match(name, spellings);
  throw InputError(fmt::format("unknown chip '{}'{}; known chips: {} (aliases: xipsim --help)",
                               name, near.empty() ? "" : " (did you mean '" + near + "'?)", known));
}

std::vector<std::string> ChipCatalog::names() const {
  std::vector<std::string> out;
  for (const auto& c : chips_)
    out.push_back(c.name);
  return out;
}

}  // namespace xipsim::chips
