#include "xipsim/image/containers.h"

#include <fmt/format.h>

#include "xipsim/image/bytes.h"

namespace xipsim::image {

namespace {
std::string tlv_name(std::uint8_t t) {
  switch (t) {
    case 0x01:
      return "KEYHASH";
    case 0x02:
      return "PUBKEY";
    case 0x10:
      return "SHA256";
    case 0x11:
      return "SHA384";
    case 0x20:
      return "RSA2048_PSS";
    case 0x22:
      return "ECDSA_SIG";
    case 0x23:
      return "RSA3072_PSS";
    case 0x24:
      return "ED25519";
    case 0x30:
      return "ENC_RSA2048";
    case 0x40:
      return "DEPENDENCY";
    case 0x50:
      return "SEC_CNT";
    default:
      return fmt::format("TLV_{:#04x}", t);
  }
}
}  // namespace

std::optional<McubootImage> decode_mcuboot(const std::uint8_t* p, std::size_t available) {
  if (available < 32 || le32(p) != kMcubootMagic) return std::nullopt;
  McubootImage m;
  m.load_addr = le32(p + 4);
  m.hdr_size = le16(p + 8);
  m.protect_tlv_size = le16(p + 10);
  m.img_size = le32(p + 12);
  m.flags = le32(p + 16);
  m.ver_major = p[20];
  m.ver_minor = p[21];
  m.ver_revision = le16(p + 22);
  m.ver_build = le32(p + 24);
  std::uint64_t off = static_cast<std::uint64_t>(m.hdr_size) + m.img_size;
  // Optional protected TLV area (magic 0x6908), then the unprotected one (0x6907).
  for (int area = 0; area < 2 && off + 4 <= available; ++area) {
    const std::uint16_t magic = le16(p + off), total = le16(p + off + 2);
    if ((magic != 0x6907 && magic != 0x6908) || total < 4 || off + total > available) break;
    m.tlv_area_found = true;
    std::uint64_t t = off + 4;
    while (t + 4 <= off + total) {
      const std::uint16_t len = le16(p + t + 2);
      m.tlvs.push_back({p[t], len, tlv_name(p[t])});
      t += 4 + static_cast<std::uint64_t>(len);
    }
    off += total;
  }
  return m;
}

std::optional<AhabContainer> decode_ahab(const std::uint8_t* p, std::size_t available) {
  if (available < 16 || p[0] != 0x00 || p[3] != 0x87) return std::nullopt;
  AhabContainer c;
  c.length = le16(p + 1);
  c.flags = le32(p + 4);
  c.num_images = p[11];
  if (c.length < 16) return std::nullopt;
  for (unsigned i = 0; i < c.num_images; ++i) {
    const std::size_t o = 16 + 128 * static_cast<std::size_t>(i);
    if (o + 32 > available) break;
    const std::uint64_t load =
        le32(p + o + 8) | (static_cast<std::uint64_t>(le32(p + o + 12)) << 32);
    const std::uint64_t entry =
        le32(p + o + 16) | (static_cast<std::uint64_t>(le32(p + o + 20)) << 32);
    c.images.push_back({le32(p + o), le32(p + o + 4), load, entry, le32(p + o + 24)});
  }
  return c;
}

}  // namespace xipsim::image
