#include "xipsim/image/loaded_file.h"

#include <fmt/format.h>

#include <fstream>
#include <iterator>

#include "loaders.h"
#include "xipsim/core/errors.h"
#include "xipsim/image/bytes.h"

namespace xipsim::image {

const char* format_name(Format f) {
  switch (f) {
    case Format::kBin:
      return "bin";
    case Format::kIntelHex:
      return "ihex";
    case Format::kSrec:
      return "srec";
    case Format::kElf:
      return "elf";
    case Format::kUf2:
      return "uf2";
  }
  return "?";
}

std::uint64_t LoadedFile::byte_count() const {
  std::uint64_t n = 0;
  for (const auto& s : segments)
    n += s.data.size();
  return n;
}

namespace {

// True when the first line is printable text that starts with `lead` (after blank lines).
bool looks_like_text_records(const std::vector<std::uint8_t>& b, char lead, bool need_digit) {
  std::size_t i = 0;
  while (i < b.size() && (b[i] == '\r' || b[i] == '\n' || b[i] == ' ' || b[i] == '\t'))
    ++i;
  if (i >= b.size() || b[i] != static_cast<std::uint8_t>(lead)) return false;
  if (need_digit && (i + 1 >= b.size() || b[i + 1] < '0' || b[i + 1] > '9')) return false;
  for (std::size_t k = i; k < b.size() && k < i + 80 && b[k] != '\n'; ++k) {
    if (b[k] != '\r' && (b[k] < 0x20 || b[k] > 0x7E)) return false;
  }
  return true;
}

}  // namespace

LoadedFile load_bytes(const std::string& name, const std::vector<std::uint8_t>& bytes) {
  if (bytes.empty()) throw InputError(at_line(name, 0, "file is empty"));
  LoadedFile f;
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (bytes.size() >= 4 && bytes[0] == 0x7F && bytes[1] == 'E' && bytes[2] == 'L' &&
      bytes[3] == 'F') {
    f = detail::load_elf(name, bytes);
  } else if (bytes.size() >= 8 && le32(bytes.data()) == 0x0A324655 &&
             le32(bytes.data() + 4) == 0x9E5D5157) {
    f = detail::load_uf2(name, bytes);
  } else if (looks_like_text_records(bytes, ':', false)) {
    f = detail::load_ihex(name, text);
  } else if (looks_like_text_records(bytes, 'S', true)) {
    f = detail::load_srec(name, text);
  } else {
    f.format = Format::kBin;
    f.has_addresses = false;
    f.segments.push_back(Segment{0, bytes});
  }
  f.path = name;
  f.file_size = bytes.size();
  return f;
}

LoadedFile load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(at_line(path, 0, "cannot open file (does it exist and is it readable?)"));
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw InputError(at_line(path, 0, "cannot read file (is it a directory?)"));
  constexpr std::streamoff kMaxFile = 512LL << 20;
  if (size > kMaxFile) {
    throw InputError(
        at_line(path, 0,
                fmt::format("file is {} bytes; larger than any i.MX RT boot flash image "
                            "xipsim accepts (512 MiB)",
                            size)));
  }
  in.seekg(0);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), size)) {
    throw InputError(at_line(path, 0, "read error"));
  }
  return load_bytes(path, bytes);
}

}  // namespace xipsim::image
