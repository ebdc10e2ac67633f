// HAB-format boot structures (boot-reference §6): IVT, boot data, DCD, CSF header, XMCD.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xipsim::image {

namespace hab_tag {  // §6.1
constexpr std::uint8_t kIvt = 0xD1, kDcd = 0xD2, kCsf = 0xD4;
constexpr std::uint8_t kWriteData = 0xCC, kCheckData = 0xCF, kNop = 0xC0, kUnlock = 0xB2;
}  // namespace hab_tag

struct HabHeader {
  std::uint8_t tag = 0;
  std::uint16_t length = 0;  // big-endian on the wire, includes the header
  std::uint8_t param = 0;
};
HabHeader read_hab_header(const std::uint8_t* p);

constexpr std::size_t kIvtSize = 0x20;
constexpr std::size_t kBootDataSize = 0x10;

struct Ivt {
  HabHeader header;
  std::uint32_t entry = 0, reserved1 = 0, dcd = 0, boot_data = 0, self = 0, csf = 0, reserved2 = 0;
};
// True when p holds tag 0xD1, length 0x0020 and version 0x40-0x4F.
bool is_ivt(const std::uint8_t* p, std::size_t available);
Ivt decode_ivt(const std::uint8_t* p);  // caller guarantees kIvtSize bytes

// First IVT in a flat buffer, searched at 0x1000, 0x400, 0, then every 0x100 bytes up to 1 MiB
// (the order the corpus manifest uses). Returns its offset in the buffer.
std::optional<std::size_t> find_ivt(const std::uint8_t* p, std::size_t size);

struct BootData {
  std::uint32_t start = 0, size = 0, plugin = 0, placeholder = 0;
};
BootData decode_boot_data(const std::uint8_t* p);  // caller guarantees kBootDataSize bytes

// ---- DCD (§6.4) ----
enum class DcdCheckKind { kAllClear, kAllSet, kAnyClear, kAnySet, kAmbiguous };

struct DcdCommand {
  std::uint32_t offset = 0;  // from the DCD start
  HabHeader header;
  std::string name;    // "write", "clear bits", "set bits", "check all clear", "nop", "unlock"
  unsigned width = 0;  // bytes 1/2/4 for write/check
  struct Write {
    std::uint32_t address, value;
  };
  std::vector<Write> writes;  // write-data pairs
  std::uint32_t check_address = 0, check_mask = 0;
  std::optional<std::uint32_t> check_count;
  DcdCheckKind check_kind = DcdCheckKind::kAllClear;
  std::vector<std::uint32_t> unlock_words;
};

struct Dcd {
  HabHeader header;
  std::vector<DcdCommand> commands;
  std::vector<std::string> problems;  // malformed content, each with its offset
};
bool is_dcd_header(const std::uint8_t* p, std::size_t available);
// Decodes the DCD at p (`available` bytes readable). Never throws; problems are listed.
// `encoding` picks the reading of check-data bits 3/4 (open conflict 4): 0 spsdk, 1 imxrt-dcd, 2
// u-boot.
Dcd decode_dcd(const std::uint8_t* p, std::size_t available, int encoding);
const char* dcd_check_kind_name(DcdCheckKind k);

// ---- CSF (§6.6): presence only; signature checking is out of scope ----
bool is_csf_header(const std::uint8_t* p, std::size_t available);

// ---- XMCD header (§6.5, RT116x/RT117x) ----
struct XmcdHeader {
  std::uint32_t raw = 0;
  unsigned block_size = 0, type = 0, instance = 0, interface = 0, version = 0, tag = 0;
};
std::optional<XmcdHeader> decode_xmcd_header(const std::uint8_t* p, std::size_t available);

}  // namespace xipsim::image
