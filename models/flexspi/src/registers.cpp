// Register table: offsets, reset values and access types from boot-reference §4.1 (SDK header
// field masks of MIMXRT1062.h, reset values from the RT1051/1052 register description, open item
// §11.11). Reserved bits are read-only and keep their reset value.
#include "xipsim/flexspi/registers.h"

#include <string>

namespace xipsim::flexspi {

namespace seqerr {
const char* describe(std::uint8_t code) {
  switch (code) {
    case kNone:
      return "no error";
    case kJumpOnCs:
      return "JMP_ON_CS in an IP command or AHB write sequence";
    case kUnknownOpcode:
      return "unknown LUT opcode";
    case kDummySdrInDdr:
      return "DUMMY_SDR or DUMMY_RWDS_SDR in a DDR sequence";
    case kDummyDdrInSdr:
      return "DUMMY_DDR or DUMMY_RWDS_DDR in an SDR sequence";
    case kAddressOutOfRange:
      return "IP command start address beyond the total flash size";
    case kTimeout:
      return "sequence execution timeout";
    case kBoundaryCrossed:
      return "IP command crosses a flash port boundary";
  }
  return "reserved error code";
}
}  // namespace seqerr

std::vector<RegisterDef> register_table(unsigned ahb_rx_buffers) {
  std::vector<RegisterDef> t = {
      // name, offset, reset, rw, w1c, sc
      {"MCR0", reg::MCR0, 0xFFFF80C2, 0xFFFF7FF2, 0, bits::MCR0_SWRESET},
      {"MCR1", reg::MCR1, 0xFFFFFFFF, 0xFFFFFFFF},
      {"MCR2", reg::MCR2, 0x200081F7, 0xFF088800},
      {"AHBCR", reg::AHBCR, 0x00000018, 0x00000479, 0,
       bits::AHBCR_CLRAHBRXBUF | bits::AHBCR_CLRAHBTXBUF},
      {"INTEN", reg::INTEN, 0x00000000, 0x00000F7F},
      {"INTR", reg::INTR, 0x00000040, 0, 0x00000F7F},
      {"LUTKEY", reg::LUTKEY, reg::kLutKey, 0},  // key writes are handled by the controller
      {"LUTCR", reg::LUTCR, 0x00000002, 0},      // lock/unlock handled by the controller
      {"FLSHCR4", reg::FLSHCR4, 0, 0x0000000D},
      {"IPCR0", reg::IPCR0, 0, 0xFFFFFFFF},
      {"IPCR1", reg::IPCR1, 0, 0x870FFFFF},
      {"IPCMD", reg::IPCMD, 0, 0, 0, bits::IPCMD_TRG},
      {"IPRXFCR", reg::IPRXFCR, 0, 0x0000003E, 0, bits::FIFO_CLR},
      {"IPTXFCR", reg::IPTXFCR, 0, 0x0000003E, 0, bits::FIFO_CLR},
      {"DLLCRA", reg::DLLCRA, 0x00000100, 0x00007F7B},
      {"DLLCRB", reg::DLLCRB, 0x00000100, 0x00007F7B},
      {"STS0", reg::STS0, 0x00000003},
      {"STS1", reg::STS1, 0},
      {"STS2", reg::STS2, 0x01000100},
      {"AHBSPNDSTS", reg::AHBSPNDSTS, 0},
      {"IPRXFSTS", reg::IPRXFSTS, 0},
      {"IPTXFSTS", reg::IPTXFSTS, 0},
  };
  for (unsigned i = 0; i < ahb_rx_buffers; ++i)  // reset: 256 B, master i, prefetch on
    t.push_back({("AHBRXBUF" + std::to_string(i) + "CR0"), reg::AHBRXBUF0CR0 + 4 * i,
                 0x80000020u | (i % 4) << 16, 0xC30F00FF});
  const char* ports[] = {"A1", "A2", "B1", "B2"};
  for (unsigned p = 0; p < 4; ++p) {
    const std::string port = ports[p];  // FLSHA1CR0 ... FLSHB2CR2
    t.push_back({("FLSH" + port + "CR0"), reg::FLSHA1CR0 + 4 * p, 0x00010000, 0x007FFFFF});
    t.push_back({("FLSH" + port + "CR1"), reg::FLSHA1CR1 + 4 * p, 0x00000063, 0xFFFFFFFF});
    t.push_back({("FLSH" + port + "CR2"), reg::FLSHA1CR2 + 4 * p, 0, 0x7FFFEFEF, 0,
                 bits::FLSHCR2_CLRINSTRPTR});
  }
  for (unsigned i = 0; i < 32; ++i) {
    t.push_back({("RFDR" + std::to_string(i)), reg::RFDR0 + 4 * i, 0});
    RegisterDef tfdr{("TFDR" + std::to_string(i)), reg::TFDR0 + 4 * i, 0, 0xFFFFFFFF};
    tfdr.write_only = true;
    t.push_back(tfdr);
  }
  for (unsigned i = 0; i < reg::kLutWords; ++i)
    t.push_back({("LUT" + std::to_string(i)), reg::LUT0 + 4 * i, 0, 0xFFFFFFFF});
  return t;
}

}  // namespace xipsim::flexspi
