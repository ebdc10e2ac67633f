// Non-HAB containers xipsim recognises: MCUboot slot images and AHAB containers (RT118x).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xipsim::image {

// MCUboot image header (bootutil image.h layout: magic 0x96F3B83D, 32 bytes) and TLV area.
struct McubootImage {
  std::uint32_t load_addr = 0;
  std::uint16_t hdr_size = 0, protect_tlv_size = 0;
  std::uint32_t img_size = 0, flags = 0;
  std::uint8_t ver_major = 0, ver_minor = 0;
  std::uint16_t ver_revision = 0;
  std::uint32_t ver_build = 0;
  struct Tlv {
    std::uint8_t type;
    std::uint16_t length;
    std::string name;
  };
  std::vector<Tlv> tlvs;
  bool tlv_area_found = false;
};
constexpr std::uint32_t kMcubootMagic = 0x96F3B83D;
std::optional<McubootImage> decode_mcuboot(const std::uint8_t* p, std::size_t available);

// AHAB container header (tag 0x87, version 0) and its image array.
struct AhabContainer {
  std::uint16_t length = 0;
  std::uint32_t flags = 0;
  std::uint8_t num_images = 0;
  struct Image {
    std::uint32_t offset, size;
    std::uint64_t load, entry;
    std::uint32_t flags;
  };
  std::vector<Image> images;
};
std::optional<AhabContainer> decode_ahab(const std::uint8_t* p, std::size_t available);

}  // namespace xipsim::image
