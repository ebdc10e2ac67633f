// Motorola S-record loader: S0-S9 (S4 reserved), checksum checked on every record.
#include <fmt/format.h>

#include "loaders.h"
#include "segment_builder.h"
#include "text_records.h"
#include "xipsim/core/errors.h"

namespace xipsim::image::detail {

LoadedFile load_srec(const std::string& name, std::string_view text) {
  LoadedFile f;
  f.format = Format::kSrec;
  f.has_addresses = true;
  SegmentBuilder segs(name);
  std::vector<std::uint8_t> rec;
  std::size_t data_records = 0;
  const auto lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::size_t lineno = i + 1;
    const std::string_view line = lines[i];
    if (line.empty()) continue;
    auto fail = [&](const std::string& what) { throw InputError(at_line(name, lineno, what)); };
    if (line.size() < 4 || line[0] != 'S' || line[1] < '0' || line[1] > '9') {
      fail("expected an S-record ('S' followed by a type digit 0-9)");
    }
    const int type = line[1] - '0';
    if (type == 4) fail("S4 is a reserved record type");
    if (!decode_hex(line.substr(2), rec))
      fail("record contains non-hex characters or an odd number of digits");
    if (rec.empty() || rec[0] + 1u != rec.size()) {
      fail(fmt::format("byte count field says {} but the line holds {}", rec.empty() ? 0 : rec[0],
                       rec.empty() ? 0 : rec.size() - 1));
    }
    unsigned sum = 0;
    for (std::size_t k = 0; k + 1 < rec.size(); ++k)
      sum += rec[k];
    const std::uint8_t expect = static_cast<std::uint8_t>(~sum & 0xFF);
    if (rec.back() != expect) {
      fail(
          fmt::format("checksum mismatch: record has {:02X}, expected {:02X}", rec.back(), expect));
    }
    static const int kAddrBytes[10] = {2, 2, 3, 4, 0, 2, 3, 4, 3, 2};
    const std::size_t ab = static_cast<std::size_t>(kAddrBytes[type]);
    if (rec.size() < 2 + ab)
      fail(fmt::format("S{} record too short for its {}-byte address", type, ab));
    std::uint64_t addr = 0;
    for (std::size_t k = 0; k < ab; ++k)
      addr = (addr << 8) | rec[1 + k];
    const std::uint8_t* data = rec.data() + 1 + ab;
    const std::size_t len = rec.size() - 2 - ab;
    switch (type) {
      case 1:
      case 2:
      case 3:
        segs.add(addr, data, len, lineno, fmt::format("line {}", lineno));
        ++data_records;
        break;
      case 7:
      case 8:
      case 9:
        f.entry = static_cast<std::uint32_t>(addr);
        break;
      default:  // S0 header, S5/S6 record counts: nothing to place
        break;
    }
  }
  f.segments = segs.finish();
  if (data_records == 0)
    throw InputError(at_line(name, 0, "S-record file holds no data records (S1/S2/S3)"));
  return f;
}

}  // namespace xipsim::image::detail
