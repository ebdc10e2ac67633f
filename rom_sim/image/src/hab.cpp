#include "xipsim/image/hab.h"

#include <fmt/format.h>

#include "xipsim/image/bytes.h"

namespace xipsim::image {

HabHeader read_hab_header(const std::uint8_t* p) {
  return HabHeader{p[0], be16(p + 1), p[3]};
}

bool is_ivt(const std::uint8_t* p, std::size_t available) {
  if (available < kIvtSize) return false;
  const HabHeader h = read_hab_header(p);
  return h.tag == hab_tag::kIvt && h.length == kIvtSize && (h.param & 0xF0) == 0x40;
}

Ivt decode_ivt(const std::uint8_t* p) {
  Ivt v;
  v.header = read_hab_header(p);
  v.entry = le32(p + 0x04);
  v.reserved1 = le32(p + 0x08);
  v.dcd = le32(p + 0x0C);
  v.boot_data = le32(p + 0x10);
  v.self = le32(p + 0x14);
  v.csf = le32(p + 0x18);
  v.reserved2 = le32(p + 0x1C);
  return v;
}

std::optional<std::size_t> find_ivt(const std::uint8_t* p, std::size_t size) {
  for (std::size_t f : {std::size_t{0x1000}, std::size_t{0x400}, std::size_t{0}}) {
    if (f < size && is_ivt(p + f, size - f)) return f;
  }
  const std::size_t limit = size < 0x100000 ? size : 0x100000;
  for (std::size_t f = 0x100; f + kIvtSize <= limit; f += 0x100) {
    if (is_ivt(p + f, size - f)) return f;
  }
  return std::nullopt;
}

BootData decode_boot_data(const std::uint8_t* p) {
  return BootData{le32(p), le32(p + 4), le32(p + 8), le32(p + 12)};
}

bool is_dcd_header(const std::uint8_t* p, std::size_t available) {
  return available >= 4 && p[0] == hab_tag::kDcd && (p[3] & 0xF0) == 0x40 && be16(p + 1) >= 4;
}

bool is_csf_header(const std::uint8_t* p, std::size_t available) {
  return available >= 4 && p[0] == hab_tag::kCsf && (p[3] & 0xF0) == 0x40 && be16(p + 1) >= 4;
}

const char* dcd_check_kind_name(DcdCheckKind k) {
  switch (k) {
    case DcdCheckKind::kAllClear:
      return "until all bits clear";
    case DcdCheckKind::kAllSet:
      return "until all bits set";
    case DcdCheckKind::kAnyClear:
      return "until any bit clear";
    case DcdCheckKind::kAnySet:
      return "until any bit set";
    case DcdCheckKind::kAmbiguous:
      return "with a condition the sources disagree on";
  }
  return "?";
}

namespace {

// Check-data condition from parameter bits 3 and 4 (boot-reference §6.4 and §11 item 4).
DcdCheckKind check_kind(std::uint8_t param, std::uint32_t mask, int encoding) {
  const unsigned flags = (param >> 3) & 0x3;  // bit3 -> 1, bit4 -> 2
  const bool one_bit = mask != 0 && (mask & (mask - 1)) == 0;
  if (flags == 0) return DcdCheckKind::kAllClear;  // 0x04: all sources agree
  if (flags == 3) {
    // 0x1C: any-set for spsdk, imxrt-dcd and NXP's SDK DCDs; u-boot's bit layout reads it as
    // all-set. With a one-bit mask (all SDK uses) the two coincide.
    if (encoding == 2 && !one_bit) return DcdCheckKind::kAllSet;
    return DcdCheckKind::kAnySet;
  }
  switch (encoding) {
    case 0:  // spsdk: bit3 = SET, bit4 = ANY -> 0x0C all-set, 0x14 any-clear
      return flags == 1 ? DcdCheckKind::kAllSet : DcdCheckKind::kAnyClear;
    case 1:  // imxrt-dcd: bit3 = ANY, bit4 = SET -> 0x0C any-clear, 0x14 all-set
      return flags == 1 ? DcdCheckKind::kAnyClear : DcdCheckKind::kAllSet;
    default:  // u-boot uses bits 4/5; 0x0C has no meaning there, 0x14 = all-set
      return flags == 2 ? DcdCheckKind::kAllSet : DcdCheckKind::kAmbiguous;
  }
}

std::string write_name(std::uint8_t param) {
  const bool mask = param & 0x08, set = param & 0x10;
  if (!mask && !set) return "write";
  if (mask && !set) return "clear bits";
  if (mask && set) return "set bits";
  return "write (SET without MASK: meaning disputed)";
}

// The body of one DCD command of `len` bytes at `q` (its header already read into `c`).
void decode_command(const std::uint8_t* q, std::size_t len, int encoding, DcdCommand& c,
                    std::vector<std::string>& problems) {
  c.width = c.header.param & 0x7;
  switch (c.header.tag) {
    case hab_tag::kWriteData:
      c.name = write_name(c.header.param);
      if ((len - 4) % 8 != 0 || len == 4) {
        problems.push_back(
            fmt::format("write command at DCD+{:#x}: length {} is not 4 + n*8", c.offset, len));
      }
      for (std::size_t k = 4; k + 8 <= len; k += 8)
        c.writes.push_back({be32(q + k), be32(q + k + 4)});
      break;
    case hab_tag::kCheckData:
      if (len != 12 && len != 16) {
        problems.push_back(fmt::format("check command at DCD+{:#x}: length {} (expected 12 or 16)",
                                       c.offset, len));
        break;
      }
      c.check_address = be32(q + 4);
      c.check_mask = be32(q + 8);
      if (len == 16) c.check_count = be32(q + 12);
      c.check_kind = check_kind(c.header.param, c.check_mask, encoding);
      c.name = std::string("check ") + dcd_check_kind_name(c.check_kind);
      break;
    case hab_tag::kNop:
      c.name = "nop";
      break;
    case hab_tag::kUnlock:
      c.name = "unlock";
      for (std::size_t k = 4; k + 4 <= len; k += 4)
        c.unlock_words.push_back(be32(q + k));
      break;
    default:
      c.name = fmt::format("unknown command {:#04x}", c.header.tag);
      problems.push_back(
          fmt::format("unknown DCD command tag {:#04x} at DCD+{:#x}", c.header.tag, c.offset));
      break;
  }
}

}  // namespace

Dcd decode_dcd(const std::uint8_t* p, std::size_t available, int encoding) {
  Dcd d;
  if (available < 4) {
    d.problems.push_back("DCD header truncated");
    return d;
  }
  d.header = read_hab_header(p);
  std::size_t total = d.header.length;
  if (total > available) {
    d.problems.push_back(fmt::format(
        "DCD length {} runs past the end of the image ({} bytes available)", total, available));
    total = available;
  }
  std::size_t off = 4;
  while (off + 4 <= total) {
    DcdCommand c;
    c.offset = static_cast<std::uint32_t>(off);
    c.header = read_hab_header(p + off);
    const std::size_t len = c.header.length;
    if (len < 4 || off + len > total) {
      d.problems.push_back(
          fmt::format("command at DCD+{:#x} (tag {:#04x}) has length {} that does not fit "
                      "the DCD",
                      off, c.header.tag, len));
      break;
    }
    decode_command(p + off, len, encoding, c, d.problems);
    d.commands.push_back(std::move(c));
    off += len;
  }
  if (off != total && d.problems.empty()) {
    d.problems.push_back(
        fmt::format("{} trailing byte(s) after the last DCD command", total - off));
  }
  return d;
}

std::optional<XmcdHeader> decode_xmcd_header(const std::uint8_t* p, std::size_t available) {
  if (available < 4) return std::nullopt;
  XmcdHeader x;
  x.raw = le32(p);
  x.tag = (x.raw >> 28) & 0xF;
  if (x.tag != 0xC) return std::nullopt;
  x.block_size = x.raw & 0xFFF;
  x.type = (x.raw >> 12) & 0xF;
  x.instance = (x.raw >> 16) & 0xF;
  x.interface = (x.raw >> 20) & 0xF;
  x.version = (x.raw >> 24) & 0xF;
  return x;
}

}  // namespace xipsim::image
