// Part files: the public API (part_loader.h). Reading a part is load_layers (part_layers.cpp),
// validate (part_validate.cpp) and resolve (part_resolve.cpp), over the schema of
// part_schema.cpp.
#include "xipsim/flash/part_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "part_draft.h"
#include "xipsim/core/data_dir.h"
#include "xipsim/core/errors.h"
#include "xipsim/core/names.h"

namespace xipsim::flash {
namespace fs = std::filesystem;

namespace {
fs::path parts_dir() {
  return fs::path(xipsim::data_dir()) / "flash_models" / "parts";
}

}  // namespace

const CommandSpec* PartSpec::find_kind(CommandKind kind, bool qpi) const {
  for (const auto& c : commands) {
    if (c.kind == kind && c.cmd_pads == (qpi ? 4 : 1)) return &c;
  }
  return nullptr;
}

unsigned PartSpec::power_on_dummy(const CommandSpec& c) const {
  if (!c.dummy.field.valid()) return c.dummy.fixed;
  const RegisterSpec& r = registers[static_cast<std::size_t>(c.dummy.field.reg)];
  return c.dummy.table[(r.factory & c.dummy.field.mask()) >> c.dummy.field.lsb];
}

int PartSpec::register_index(const std::string& reg) const {
  for (std::size_t i = 0; i < registers.size(); ++i) {
    if (registers[i].name == reg) return static_cast<int>(i);
  }
  return -1;
}

std::shared_ptr<const PartSpec> load_part_file(const std::string& path) {
  detail::Draft d;
  // Default busy behaviour; families override it with the vendor's list.
  d.part.busy_accepts = {CommandKind::kReadRegister};
  detail::load_layers(d, path, 0);
  detail::validate(d, path);
  detail::resolve(d);
  d.part.file = path;
  return std::make_shared<const PartSpec>(std::move(d.part));
}

std::vector<std::string> list_parts() {
  std::vector<std::string> names;
  std::error_code ec;
  if (fs::is_directory(parts_dir(), ec)) {
    for (const auto& e : fs::directory_iterator(parts_dir())) {
      if (e.path().extension() == ".yaml") names.push_back(e.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::shared_ptr<const PartSpec> load_part(const std::string& name) {
  const auto known = list_parts();
  // Part names are matched without regard to case (w25q64jv-iq is W25Q64JV-IQ).
  const auto index = find_name(name, known);
  const fs::path file = parts_dir() / ((index ? known[*index] : name) + ".yaml");
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    std::string list;
    for (const auto& k : known)
      list += (list.empty() ? "" : ", ") + k;
    const std::string hint = closest_match(name, known);
    throw InputError(fmt::format("unknown flash part '{}'{}; known parts: {}", name,
                                 hint.empty() ? "" : " (did you mean '" + hint + "'?)",
                                 list.empty() ? "none" : list));
  }
  return load_part_file(file.string());
}

}  // namespace xipsim::flash
