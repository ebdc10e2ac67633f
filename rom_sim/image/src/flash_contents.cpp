#include "xipsim/image/flash_contents.h"

#include <algorithm>
#include <cstring>

#include "xipsim/image/bytes.h"

namespace xipsim::image {

void FlashContents::add(std::uint64_t offset, const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  Segment s{offset, std::vector<std::uint8_t>(data, data + size)};
  auto it = std::lower_bound(segments_.begin(), segments_.end(), offset,
                             [](const Segment& a, std::uint64_t o) { return a.address < o; });
  segments_.insert(it, std::move(s));
}

void FlashContents::read(std::uint64_t offset, std::size_t size, std::uint8_t* out) const {
  std::memset(out, 0xFF, size);
  const std::uint64_t end = offset + size;
  auto it = std::upper_bound(segments_.begin(), segments_.end(), offset,
                             [](std::uint64_t o, const Segment& a) { return o < a.address; });
  if (it != segments_.begin()) --it;
  for (; it != segments_.end() && it->address < end; ++it) {
    const std::uint64_t a = std::max(offset, it->address), b = std::min(end, it->end());
    if (a < b) std::memcpy(out + (a - offset), it->data.data() + (a - it->address), b - a);
  }
}

std::vector<std::uint8_t> FlashContents::read(std::uint64_t offset, std::size_t size) const {
  std::vector<std::uint8_t> v(size);
  read(offset, size, v.data());
  return v;
}

std::uint32_t FlashContents::u32(std::uint64_t offset) const {
  std::uint8_t b[4];
  read(offset, 4, b);
  return le32(b);
}

bool FlashContents::covered(std::uint64_t offset, std::size_t size) const {
  std::uint64_t pos = offset;
  const std::uint64_t end = offset + size;
  for (const auto& s : segments_) {
    if (s.end() <= pos) continue;
    if (s.address > pos) return false;
    pos = s.end();
    if (pos >= end) return true;
  }
  return pos >= end;
}

bool FlashContents::touches(std::uint64_t offset, std::size_t size) const {
  for (const auto& s : segments_) {
    if (s.address < offset + size && offset < s.end()) return true;
  }
  return false;
}

}  // namespace xipsim::image
