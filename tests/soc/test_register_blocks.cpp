// Memory-mapped register blocks through their TLM socket: table registers follow their access
// type (SEMC INTR is write-1-to-clear, SDK SEMC_Type offsets INTR 0x3C and IPCMD 0x9C), an IP
// command with the key 0xA55A in IPCMD[31:16] sets INTR.IPCMDDONE (bit 0, as a DCD's check
// command expects); offsets outside the table are plain words; a read-only block refuses writes.
#include <gtest/gtest.h>

#include <tlm_utils/simple_initiator_socket.h>
#include <functional>
#include <systemc>
#include <tlm>

#include "xipsim/soc/blocks.h"
#include "xipsim/soc/flexram.h"

namespace xipsim::test {
namespace {

struct Cpu : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Cpu> semc{"semc"}, src{"src"};
  std::function<void(Cpu&)> program;
  explicit Cpu(sc_core::sc_module_name n) : sc_module(n) {
    SC_HAS_PROCESS(Cpu);
    SC_THREAD(run);
  }
  void run() { program(*this); }
  tlm::tlm_response_status access(tlm_utils::simple_initiator_socket<Cpu>& s, bool write,
                                  std::uint64_t offset, std::uint32_t* value) {
    tlm::tlm_generic_payload t;
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    t.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    t.set_address(offset);
    t.set_data_ptr(reinterpret_cast<unsigned char*>(value));
    t.set_data_length(4);
    t.set_streaming_width(4);
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    s->b_transport(t, delay);
    return t.get_response_status();
  }
};

TEST(RegisterBlocks, TableAccessTypesOtherWordsAndReadOnlyBlocks) {
  soc::SemcBlock semc("SEMC", 0x402F0000, 0x1000, 0);
  soc::ReadOnlyBlock src("SRC", 0x400F8000, 0x100, 0);
  Cpu cpu("cpu");
  cpu.semc.bind(semc.socket);
  cpu.src.bind(src.socket);
  std::uint32_t intr_after_cmd = 0, intr_after_clear = 0, intr_after_zero = 0, sdramcr0 = 0;
  tlm::tlm_response_status src_write = tlm::TLM_OK_RESPONSE;
  cpu.program = [&](Cpu& c) {
    std::uint32_t v = 0xA55A0009;  // key + a command code
    c.access(c.semc, true, soc::SemcBlock::kIpCmd, &v);
    c.access(c.semc, false, soc::SemcBlock::kIntr, &intr_after_cmd);
    v = 0x1;  // write 1 to clear IPCMDDONE
    c.access(c.semc, true, soc::SemcBlock::kIntr, &v);
    c.access(c.semc, false, soc::SemcBlock::kIntr, &intr_after_clear);
    v = 0xA55A0009;  // done again; writing 0 to a W1C bit keeps it set
    c.access(c.semc, true, soc::SemcBlock::kIpCmd, &v);
    v = 0;
    c.access(c.semc, true, soc::SemcBlock::kIntr, &v);
    c.access(c.semc, false, soc::SemcBlock::kIntr, &intr_after_zero);
    v = 0x00000B27;  // SDRAMCR0 (0x40), a register outside the table: a plain word
    c.access(c.semc, true, 0x40, &v);
    c.access(c.semc, false, 0x40, &sdramcr0);
    v = 0x12345678;
    src_write = c.access(c.src, true, 0x04, &v);
  };
  sc_core::sc_start();
  EXPECT_EQ(intr_after_cmd & 1u, 1u);
  EXPECT_EQ(intr_after_clear & 1u, 0u);
  EXPECT_EQ(sdramcr0, 0x00000B27u);
  EXPECT_EQ(intr_after_zero & 1u, 1u);
  EXPECT_EQ(src_write, tlm::TLM_GENERIC_ERROR_RESPONSE);
  EXPECT_EQ(src.writes().size(), 0u);
  EXPECT_EQ(semc.writes().size(), 5u);  // IPCMD, INTR, IPCMD, INTR, SDRAMCR0: each recorded
}

// IOMUXC_GPR17 FLEXRAM_BANK_CFG, 2 bits per 32 KiB bank (01 OCRAM, 10 DTCM, 11 ITCM), bank 0 in
// bits [1:0]. 0xAAAAAAAF: banks 0-1 = 11, banks 2-15 = 10: ITCM 64 KiB, DTCM 448 KiB, no OCRAM.
// 0xAAAA5555 (banks 0-7 OCRAM, 8-15 DTCM): OCRAM 256 KiB, DTCM 256 KiB.
TEST(FlexRamGpr, DecodesTheBankAssignment) {
  auto s = soc::FlexRamGpr::decode(0xAAAAAAAFu, 16, 0x8000);
  EXPECT_EQ(s.itcm, 64u * 1024);
  EXPECT_EQ(s.dtcm, 448u * 1024);
  EXPECT_EQ(s.ocram, 0u);
  s = soc::FlexRamGpr::decode(0xAAAA5555u, 16, 0x8000);
  EXPECT_EQ(s.itcm, 0u);
  EXPECT_EQ(s.dtcm, 256u * 1024);
  EXPECT_EQ(s.ocram, 256u * 1024);
}

}  // namespace
}  // namespace xipsim::test
