#include "xipsim/core/register_table.h"

#include <stdexcept>

namespace xipsim {

RegisterFile::RegisterFile(std::vector<RegisterDef> defs, std::uint32_t span)
    : defs_(std::move(defs)), index_(span / 4, -1), values_(span / 4, 0) {
  for (std::size_t i = 0; i < defs_.size(); ++i) {
    const RegisterDef& d = defs_[i];
    if (d.offset % 4 != 0 || d.offset >= span || index_[d.offset / 4] != -1)
      throw std::logic_error("register table: bad or duplicate offset for " + d.name);
    index_[d.offset / 4] = static_cast<int>(i);
  }
  reset();
}

void RegisterFile::reset() {
  for (const RegisterDef& d : defs_)
    values_[d.offset / 4] = d.reset;
}

const RegisterDef* RegisterFile::find(std::uint32_t offset) const {
  if (offset % 4 != 0 || offset / 4 >= index_.size()) return nullptr;
  const int i = index_[offset / 4];
  return i < 0 ? nullptr : &defs_[static_cast<std::size_t>(i)];
}

std::uint32_t apply_write(const RegisterDef& def, std::uint32_t value, std::uint32_t data,
                          std::uint32_t* triggers) {
  if (triggers) *triggers = data & def.sc;
  value = (value & ~def.rw) | (data & def.rw);
  return value & ~(data & def.w1c);
}

std::uint32_t RegisterFile::write(const RegisterDef& def, std::uint32_t data) {
  std::uint32_t triggers = 0;
  values_[def.offset / 4] = apply_write(def, values_[def.offset / 4], data, &triggers);
  return triggers;
}

}  // namespace xipsim
