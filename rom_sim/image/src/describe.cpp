#include "describe.h"

#include <fmt/format.h>

#include "inspect_internal.h"
#include "xipsim/image/bytes.h"

namespace xipsim::image::detail {

std::string describe_location(const FlashContents& flash, std::uint64_t offset, std::size_t size,
                              const chips::ChipProfile& chip) {
  if (!flash.touches(offset, size))
    return "nothing (the file has no data there; erased flash reads 0xFF)";
  const auto b = flash.read(offset, size);
  bool all_ff = true, all_00 = true;
  for (auto x : b) {
    all_ff = all_ff && x == 0xFF;
    all_00 = all_00 && x == 0x00;
  }
  if (all_ff) return "blank flash (all 0xFF)";
  if (all_00) return "all zero bytes";
  const std::uint32_t w0 = le32(b.data()), w1 = le32(b.data() + 4);
  if (looks_like_vector_table(w0, w1, chip)) {
    return fmt::format(
        "an application vector table (initial SP {}, reset handler {}): the image is linked to "
        "start where the boot header must be",
        hex32(w0), hex32(w1));
  }
  if (is_ivt(b.data(), b.size())) return "an IVT";
  std::string s = "bytes";
  for (std::size_t i = 0; i < 8 && i < b.size(); ++i)
    s += fmt::format(" {:02X}", b[i]);
  return s + " ...";
}

}  // namespace xipsim::image::detail
