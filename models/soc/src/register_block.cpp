#include "xipsim/soc/register_block.h"

#include <algorithm>

namespace xipsim::soc {

namespace {
bool aligned_access(std::uint64_t offset, unsigned len) {
  return (len == 1 || len == 2 || len == 4) && offset % len == 0;
}
}  // namespace

RegisterBlock::RegisterBlock(sc_core::sc_module_name name, std::uint64_t bus_base,
                             std::uint64_t size, Picoseconds latency,
                             std::vector<RegisterDef> table, Others others)
    : SimpleTarget(name, size, latency), bus_base_(bus_base), others_(others) {
  for (RegisterDef& d : table) {
    words_[d.offset] = d.reset;
    table_.emplace(d.offset, std::move(d));
  }
}

// The stored value after software writes `data` over `old` (before the behaviour hook).
std::uint32_t RegisterBlock::stored_after(std::uint64_t offset, std::uint32_t old,
                                          std::uint32_t data) const {
  const auto it = table_.find(offset);
  return it == table_.end() ? data : apply_write(it->second, old, data);
}

std::uint32_t RegisterBlock::word(std::uint64_t offset) const {
  const auto it = words_.find(offset & ~3ull);
  return it == words_.end() ? 0 : it->second;
}

void RegisterBlock::clear() {
  words_.clear();
  for (const auto& [offset, def] : table_)
    words_[offset] = def.reset;
  writes_.clear();
  on_clear();
}

void RegisterBlock::report_misuse(Picoseconds now, const std::string& text) {
  if (std::find(reported_.begin(), reported_.end(), text) != reported_.end()) return;
  reported_.push_back(text);
  if (misuse_) misuse_(now, text);
}

bool RegisterBlock::read(std::uint64_t offset, std::uint8_t* data, unsigned len, Picoseconds now) {
  if (!aligned_access(offset, len)) return false;
  const std::uint64_t at = offset & ~3ull;
  const std::uint32_t v = on_read(at, word(at), now);
  const unsigned shift = static_cast<unsigned>(offset - at) * 8;
  for (unsigned i = 0; i < len; ++i)
    data[i] = static_cast<std::uint8_t>(v >> (shift + 8 * i));
  return true;
}

bool RegisterBlock::write(std::uint64_t offset, const std::uint8_t* data, unsigned len,
                          Picoseconds now) {
  if (!aligned_access(offset, len)) return false;
  if (others_ == Others::kReadOnly && !table_.count(offset & ~3ull)) return false;
  const std::uint64_t at = offset & ~3ull;
  before_write(now);
  const std::uint32_t old = word(at);
  std::uint32_t merged = old;
  const unsigned shift = static_cast<unsigned>(offset - at) * 8;
  for (unsigned i = 0; i < len; ++i) {
    const unsigned s = shift + 8 * i;
    merged = (merged & ~(0xFFu << s)) | (static_cast<std::uint32_t>(data[i]) << s);
  }
  const std::uint32_t stored = on_write(at, old, stored_after(at, old, merged), now);
  words_[at] = stored;
  writes_.push_back({now, bus_base_ + offset, stored, len});
  if (listener_) listener_(at, now);
  return true;
}

}  // namespace xipsim::soc
