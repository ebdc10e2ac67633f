// UF2 loader: 512-byte blocks, each carrying up to 476 payload bytes for one target address.
// Format: Microsoft UF2 specification (magic numbers, flags 0x1 not-main-flash, 0x2000 family id).
#include <fmt/format.h>

#include "loaders.h"
#include "segment_builder.h"
#include "xipsim/core/errors.h"
#include "xipsim/image/bytes.h"

namespace xipsim::image::detail {

namespace {
constexpr std::uint32_t kMagicStart0 = 0x0A324655;  // "UF2\n"
constexpr std::uint32_t kMagicStart1 = 0x9E5D5157;
constexpr std::uint32_t kMagicEnd = 0x0AB16F30;
constexpr std::uint32_t kFlagNotMainFlash = 0x00000001;
constexpr std::uint32_t kFlagFamilyId = 0x00002000;
}  // namespace

LoadedFile load_uf2(const std::string& name, const std::vector<std::uint8_t>& bytes) {
  if (bytes.size() % 512 != 0) {
    throw InputError(at_line(
        name, 0,
        fmt::format("UF2 file size {} is not a multiple of 512-byte blocks", bytes.size())));
  }
  LoadedFile f;
  f.format = Format::kUf2;
  f.has_addresses = true;
  SegmentBuilder segs(name);
  const std::size_t blocks = bytes.size() / 512;
  std::size_t skipped = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::uint8_t* p = bytes.data() + b * 512;
    auto fail = [&](const std::string& what) {
      throw InputError(
          at_line(name, 0, fmt::format("UF2 block {} (file offset {:#x}): {}", b, b * 512, what)));
    };
    if (le32(p) != kMagicStart0 || le32(p + 4) != kMagicStart1 || le32(p + 508) != kMagicEnd) {
      fail("bad magic numbers (expected 0x0A324655, 0x9E5D5157 ... 0x0AB16F30)");
    }
    const std::uint32_t flags = le32(p + 8), addr = le32(p + 12), size = le32(p + 16);
    const std::uint32_t blockno = le32(p + 20), nblocks = le32(p + 24), family = le32(p + 28);
    if (size > 476) fail(fmt::format("payload size {} exceeds 476 bytes", size));
    if (nblocks == 0 || blockno >= nblocks)
      fail(fmt::format("block number {} of {} is inconsistent", blockno, nblocks));
    if (flags & kFlagFamilyId) {
      if (f.uf2_family && *f.uf2_family != family) {
        f.notes.push_back(
            fmt::format("UF2: block {} has family id {:#010x}, earlier blocks {:#010x}", b, family,
                        *f.uf2_family));
      }
      if (!f.uf2_family) f.uf2_family = family;
    }
    if (flags & kFlagNotMainFlash) {
      ++skipped;
      continue;
    }
    segs.add(addr, p + 32, size, 0, fmt::format("UF2 block {}", b));
  }
  if (skipped)
    f.notes.push_back(fmt::format("UF2: {} block(s) flagged 'not main flash' skipped", skipped));
  f.segments = segs.finish();
  if (f.segments.empty()) throw InputError(at_line(name, 0, "UF2 file holds no main-flash blocks"));
  return f;
}

}  // namespace xipsim::image::detail
