// Collects address/data records from a loader and turns them into sorted, merged segments.
// Overlapping records are an error naming both ranges and where each came from.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "xipsim/image/loaded_file.h"

namespace xipsim::image {

class SegmentBuilder {
 public:
  explicit SegmentBuilder(std::string file) : file_(std::move(file)) {}
  // `origin` describes where the record came from ("line 12", "PT_LOAD 2", "block 7").
  void add(std::uint64_t address, const std::uint8_t* data, std::size_t size, std::size_t line,
           const std::string& origin);
  std::vector<Segment> finish();

 private:
  struct Piece {
    std::vector<std::uint8_t> data;
    std::size_t line;
    std::string origin;
  };
  std::string file_;
  std::map<std::uint64_t, Piece> pieces_;  // keyed by start address
};

}  // namespace xipsim::image
