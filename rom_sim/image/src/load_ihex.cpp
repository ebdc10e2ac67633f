// Intel HEX loader: record types 00-05, checksum checked on every record.
#include <fmt/format.h>

#include "loaders.h"
#include "segment_builder.h"
#include "text_records.h"
#include "xipsim/core/errors.h"

namespace xipsim::image::detail {

namespace {

// One record's bytes (length, address, type, data, checksum) from a line, or the error in words.
std::string check_record(std::string_view line, std::vector<std::uint8_t>& rec) {
  if (line[0] != ':') return "expected an Intel HEX record starting with ':'";
  if (!decode_hex(line.substr(1), rec))
    return "record contains non-hex characters or an odd number of digits";
  if (rec.size() < 5) return "record too short (needs length, address, type and checksum)";
  const std::size_t len = rec[0];
  if (rec.size() != len + 5)
    return fmt::format("record length field says {} data bytes but the line holds {}", len,
                       rec.size() - 5);
  unsigned sum = 0;
  for (auto b : rec)
    sum += b;
  if ((sum & 0xFF) == 0) return "";
  const unsigned partial = sum - rec.back();
  return fmt::format("checksum mismatch: record has {:02X}, expected {:02X}", rec.back(),
                     (0x100 - (partial & 0xFF)) & 0xFF);
}

struct IhexState {
  LoadedFile& file;
  SegmentBuilder& segs;
  std::uint64_t upper = 0;  // from type 02 (segment << 4) or 04 (linear << 16)
  bool eof = false;
};

// Applies one checked record; returns the error in words, or "".
std::string apply_record(const std::vector<std::uint8_t>& rec, std::size_t lineno, IhexState& st) {
  const std::size_t len = rec[0];
  const std::uint32_t addr16 = (rec[1] << 8) | rec[2];
  const std::uint8_t type = rec[3];
  const std::uint8_t* data = rec.data() + 4;
  switch (type) {
    case 0x00:
      st.segs.add(st.upper + addr16, data, len, lineno, fmt::format("line {}", lineno));
      return "";
    case 0x01:
      st.eof = true;
      return "";
    case 0x02:
      if (len != 2) return "type 02 (extended segment address) needs 2 data bytes";
      st.upper = static_cast<std::uint64_t>((data[0] << 8) | data[1]) << 4;
      return "";
    case 0x03:
      if (len != 4) return "type 03 (start segment address) needs 4 data bytes";
      st.file.entry = (((data[0] << 8) | data[1]) << 4) + ((data[2] << 8) | data[3]);
      return "";
    case 0x04:
      if (len != 2) return "type 04 (extended linear address) needs 2 data bytes";
      st.upper = static_cast<std::uint64_t>((data[0] << 8) | data[1]) << 16;
      return "";
    case 0x05:
      if (len != 4) return "type 05 (start linear address) needs 4 data bytes";
      st.file.entry =
          (static_cast<std::uint32_t>(data[0]) << 24) | (data[1] << 16) | (data[2] << 8) | data[3];
      return "";
    default:
      return fmt::format("unknown record type {:02X} (Intel HEX defines 00-05)", type);
  }
}

}  // namespace

LoadedFile load_ihex(const std::string& name, std::string_view text) {
  LoadedFile f;
  f.format = Format::kIntelHex;
  f.has_addresses = true;
  SegmentBuilder segs(name);
  IhexState st{f, segs};
  std::vector<std::uint8_t> rec;
  const auto lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::size_t lineno = i + 1;
    if (lines[i].empty()) continue;
    if (st.eof) {
      f.notes.push_back(
          fmt::format("Intel HEX: content after the end-of-file record (line {}) ignored", lineno));
      break;
    }
    std::string error = check_record(lines[i], rec);
    if (error.empty()) error = apply_record(rec, lineno, st);
    if (!error.empty()) throw InputError(at_line(name, lineno, error));
  }
  if (!st.eof)
    f.notes.push_back("Intel HEX: no end-of-file record (type 01); file may be truncated");
  f.segments = segs.finish();
  if (f.segments.empty())
    throw InputError(at_line(name, 0, "Intel HEX file holds no data records"));
  return f;
}

}  // namespace xipsim::image::detail
