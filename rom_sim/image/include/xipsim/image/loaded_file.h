// A boot-image file as read from disk: its format and its bytes at the addresses the file
// gives (or, for a raw bin, at file offsets with no address yet).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xipsim::image {

enum class Format { kBin, kIntelHex, kSrec, kElf, kUf2 };
const char* format_name(Format f);

struct Segment {
  std::uint64_t address = 0;  // absolute address (raw bin: file offset)
  std::vector<std::uint8_t> data;
  std::uint64_t end() const { return address + data.size(); }
};

struct LoadedFile {
  std::string path;
  Format format = Format::kBin;
  bool has_addresses = false;          // false only for raw bin
  std::vector<Segment> segments;       // sorted, non-overlapping, adjacent ones merged
  std::optional<std::uint32_t> entry;  // ELF e_entry, HEX type 05/03, SREC S7/S8/S9
  std::optional<std::uint32_t> uf2_family;
  std::vector<std::string> notes;  // facts the loader noticed (e.g. "ELF: 2 PT_LOAD skipped")
  std::uint64_t file_size = 0;

  std::uint64_t lowest() const { return segments.empty() ? 0 : segments.front().address; }
  std::uint64_t highest_end() const { return segments.empty() ? 0 : segments.back().end(); }
  std::uint64_t byte_count() const;
};

// Reads `path`, detecting the format from its content (ELF magic, UF2 magic, ':' records,
// 'S' records, else raw bin). Malformed input throws InputError naming file[:line] and what
// was expected. An empty file is an error.
LoadedFile load_file(const std::string& path);

// The same from bytes already in memory (`name` is used in messages).
LoadedFile load_bytes(const std::string& name, const std::vector<std::uint8_t>& bytes);

}  // namespace xipsim::image
