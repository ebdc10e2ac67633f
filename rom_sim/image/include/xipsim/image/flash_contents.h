// The bytes an image puts into the boot flash, by flash offset (sparse; gaps read as 0xFF,
// the erased state of NOR flash).
#pragma once

#include <cstdint>
#include <vector>

#include "xipsim/image/loaded_file.h"

namespace xipsim::image {

class FlashContents {
 public:
  void add(std::uint64_t offset, const std::uint8_t* data, std::size_t size);
  // Copies [offset, offset+size) into out; bytes no segment covers read as 0xFF.
  void read(std::uint64_t offset, std::size_t size, std::uint8_t* out) const;
  std::vector<std::uint8_t> read(std::uint64_t offset, std::size_t size) const;
  std::uint32_t u32(std::uint64_t offset) const;
  // True when every byte of the range comes from the image (no gap).
  bool covered(std::uint64_t offset, std::size_t size) const;
  // True when any byte of the range comes from the image.
  bool touches(std::uint64_t offset, std::size_t size) const;
  bool empty() const { return segments_.empty(); }
  std::uint64_t lowest() const { return segments_.empty() ? 0 : segments_.front().address; }
  std::uint64_t end() const { return segments_.empty() ? 0 : segments_.back().end(); }
  const std::vector<Segment>& segments() const { return segments_; }  // address = flash offset

 private:
  std::vector<Segment> segments_;  // sorted, non-overlapping (the loaders guarantee it)
};

}  // namespace xipsim::image
