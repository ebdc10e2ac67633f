// Motorola S-record loader: S0-S9 (S4 reserved), checksum checked on every record.
#include <fmt/format.h>

#include "loaders.h"
#include "segment_builder.h"
#include "text_records.h"
#include "xipsim/core/errors.h"

namespace xipsim::image::detail {

namespace {

// One record's type and bytes (count, address, data, checksum) from a line, or the error in words.
std::string check_record(std::string_view line, int* type, std::vector<std::uint8_t>& rec) {
  if (line.size() < 4 || line[0] != 'S' || line[1] < '0' || line[1] > '9')
    return "expected an S-record ('S' followed by a type digit 0-9)";
  *type = line[1] - '0';
  if (*type == 4) return "S4 is a reserved record type";
  if (!decode_hex(line.substr(2), rec))
    return "record contains non-hex characters or an odd number of digits";
  if (rec.empty() || rec[0] + 1u != rec.size())
    return fmt::format("byte count field says {} but the line holds {}", rec.empty() ? 0 : rec[0],
                       rec.empty() ? 0 : rec.size() - 1);
  unsigned sum = 0;
  for (std::size_t k = 0; k + 1 < rec.size(); ++k)
    sum += rec[k];
  const std::uint8_t expect = static_cast<std::uint8_t>(~sum & 0xFF);
  if (rec.back() != expect)
    return fmt::format("checksum mismatch: record has {:02X}, expected {:02X}", rec.back(), expect);
  return "";
}

}  // namespace

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
    if (lines[i].empty()) continue;
    int type = 0;
    const std::string error = check_record(lines[i], &type, rec);
    if (!error.empty()) throw InputError(at_line(name, lineno, error));
    static const int kAddrBytes[10] = {2, 2, 3, 4, 0, 2, 3, 4, 3, 2};
    const std::size_t ab = static_cast<std::size_t>(kAddrBytes[type]);
    if (rec.size() < 2 + ab)
      throw InputError(at_line(
          name, lineno, fmt::format("S{} record too short for its {}-byte address", type, ab)));
    std::uint64_t addr = 0;
    for (std::size_t k = 0; k < ab; ++k)
      addr = (addr << 8) | rec[1 + k];
    if (type >= 1 && type <= 3) {
      segs.add(addr, rec.data() + 1 + ab, rec.size() - 2 - ab, lineno,
               fmt::format("line {}", lineno));
      ++data_records;
    } else if (type >= 7) {
      f.entry = static_cast<std::uint32_t>(addr);
    }  // S0 header, S5/S6 record counts: nothing to place
  }
  f.segments = segs.finish();
  if (data_records == 0)
    throw InputError(at_line(name, 0, "S-record file holds no data records (S1/S2/S3)"));
  return f;
}

}  // namespace xipsim::image::detail
