#include "segment_builder.h"

#include <fmt/format.h>

#include "xipsim/core/errors.h"

namespace xipsim::image {

void SegmentBuilder::add(std::uint64_t address, const std::uint8_t* data, std::size_t size,
                         std::size_t line, const std::string& origin) {
  if (size == 0) return;
  const std::uint64_t end = address + size;
  if (end > (1ULL << 32)) {
    throw InputError(
        at_line(file_, line,
                fmt::format("{} ends at {:#x}, beyond the 32-bit address space", origin, end)));
  }
  auto next = pieces_.lower_bound(address);
  auto check = [&](std::map<std::uint64_t, Piece>::iterator it) {
    if (it == pieces_.end()) return;
    const std::uint64_t a = it->first, e = a + it->second.data.size();
    if (address < e && a < end) {
      throw InputError(at_line(
          file_, line,
          fmt::format("{} covers {:#010x}-{:#010x}, which overlaps {:#010x}-{:#010x} from {}",
                      origin, address, end - 1, a, e - 1, it->second.origin)));
    }
  };
  check(next);
  if (next != pieces_.begin()) check(std::prev(next));
  pieces_.emplace(address, Piece{std::vector<std::uint8_t>(data, data + size), line, origin});
}

std::vector<Segment> SegmentBuilder::finish() {
  std::vector<Segment> out;
  for (auto& [addr, piece] : pieces_) {
    if (!out.empty() && out.back().end() == addr) {
      auto& d = out.back().data;
      d.insert(d.end(), piece.data.begin(), piece.data.end());
    } else {
      out.push_back(Segment{addr, std::move(piece.data)});
    }
  }
  pieces_.clear();
  return out;
}

}  // namespace xipsim::image
