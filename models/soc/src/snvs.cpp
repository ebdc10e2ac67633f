#include "xipsim/soc/snvs.h"

namespace xipsim::soc {

namespace {
constexpr std::uint64_t kBlockSize = 0x4000;

std::vector<RegisterDef> snvs_table() {
  std::vector<RegisterDef> t;
  for (unsigned n = 0; n < SnvsBlock::kLpgprs; ++n)
    t.push_back({"LPGPR" + std::to_string(n), static_cast<std::uint32_t>(SnvsBlock::LPGPR0 + 4 * n),
                 0, 0xFFFFFFFFu});
  return t;
}
}  // namespace

SnvsBlock::SnvsBlock(sc_core::sc_module_name name, std::uint64_t bus_base, Picoseconds latency)
    : RegisterBlock(name, bus_base, kBlockSize, latency, snvs_table()) {}

std::uint64_t SnvsBlock::target(std::uint64_t offset) {
  if (offset == LPGPR0_LEGACY_ALIAS) return LPGPR0;
  if (offset >= LPGPR_ALIAS0 && offset < LPGPR_ALIAS0 + 4 * kAliases)
    return LPGPR0 + (offset - LPGPR_ALIAS0);
  return offset;
}

bool SnvsBlock::models(std::uint64_t offset) const {
  return RegisterBlock::models(target(offset & ~3ull));
}

void SnvsBlock::power_on() {
  clear();
}

std::uint32_t SnvsBlock::on_read(std::uint64_t offset, std::uint32_t stored, Picoseconds) {
  const std::uint64_t t = target(offset);
  return t == offset ? stored : word(t);
}

std::uint32_t SnvsBlock::on_write(std::uint64_t offset, std::uint32_t, std::uint32_t new_value,
                                  Picoseconds) {
  const std::uint64_t t = target(offset);
  if (t != offset) set_word(t, new_value);  // an alias writes its LPGPR
  return new_value;
}

}  // namespace xipsim::soc
