// FlexSPI register file: reset values and access semantics. Expected reset values are typed from
// ../shared/docs/boot-reference.md §4.1 (and §4.2 for the RT1170 buffer registers).
#include <gtest/gtest.h>

#include "flexspi_rig.h"
#include "xipsim/flexspi/registers.h"

namespace xipsim::test {
namespace {

namespace reg = flexspi::reg;
namespace bits = flexspi::bits;

struct ResetCase {
  const char* name;
  std::uint32_t offset;
  std::uint32_t value;
};

// boot-reference §4.1, "Reset" column.
const ResetCase kResets[] = {
    {"MCR0", 0x00, 0xFFFF80C2},
    {"MCR1", 0x04, 0xFFFFFFFF},
    {"MCR2", 0x08, 0x200081F7},
    {"AHBCR", 0x0C, 0x00000018},
    {"INTEN", 0x10, 0x00000000},
    {"INTR", 0x14, 0x00000040},
    {"LUTKEY", 0x18, 0x5AF05AF0},
    {"LUTCR", 0x1C, 0x00000002},
    {"AHBRXBUF0CR0", 0x20, 0x80000020},
    {"AHBRXBUF1CR0", 0x24, 0x80010020},
    {"AHBRXBUF2CR0", 0x28, 0x80020020},
    {"AHBRXBUF3CR0", 0x2C, 0x80030020},
    {"FLSHA1CR0", 0x60, 0x00010000},
    {"FLSHA2CR0", 0x64, 0x00010000},
    {"FLSHB1CR0", 0x68, 0x00010000},
    {"FLSHB2CR0", 0x6C, 0x00010000},
    {"FLSHA1CR1", 0x70, 0x00000063},
    {"FLSHB2CR1", 0x7C, 0x00000063},
    {"FLSHA1CR2", 0x80, 0x00000000},
    {"FLSHCR4", 0x94, 0x00000000},
    {"IPCR0", 0xA0, 0},
    {"IPCR1", 0xA4, 0},
    {"IPCMD", 0xB0, 0},
    {"IPRXFCR", 0xB8, 0},
    {"IPTXFCR", 0xBC, 0},
    {"DLLCRA", 0xC0, 0x00000100},
    {"DLLCRB", 0xC4, 0x00000100},
    {"STS0", 0xE0, 0x00000003},
    {"STS1", 0xE4, 0},
    {"STS2", 0xE8, 0x01000100},
    {"AHBSPNDSTS", 0xEC, 0},
    {"IPRXFSTS", 0xF0, 0},
    {"IPTXFSTS", 0xF4, 0},
    {"LUT0", 0x200, 0},
    {"LUT63", 0x2FC, 0},
};

TEST(FlexspiRegisters, ResetValuesMatchReference) {
  FlexspiRig rig;
  for (const ResetCase& c : kResets) {
    const RegisterDef* def = rig.ctl().registers().find(c.offset);
    ASSERT_NE(def, nullptr) << c.name;
    EXPECT_STREQ(def->name.c_str(), c.name);
    EXPECT_EQ(rig.rd(c.offset), c.value) << c.name;
  }
}

TEST(FlexspiRegisters, Rt1170HasEightRxBufferRegistersAndKeepsFlashRegistersAt0x60) {
  flexspi::FlexspiFeatures f;
  f.ahb_rx_buffers = 8;
  f.ahb_rx_buffer_ram = 4096;
  FlexspiRig rig("W25Q64JV-IQ", 30, f);
  const RegisterDef* buf7 = rig.ctl().registers().find(0x3C);
  ASSERT_NE(buf7, nullptr);
  EXPECT_STREQ(buf7->name.c_str(), "AHBRXBUF7CR0");
  EXPECT_STREQ(rig.ctl().registers().find(0x60)->name.c_str(), "FLSHA1CR0");
  FlexspiRig rt1060;
  EXPECT_EQ(rt1060.ctl().registers().find(0x3C), nullptr);
}

TEST(FlexspiRegisters, ReservedOffsetReadsZeroAndIsLogged) {
  FlexspiRig rig;
  EXPECT_EQ(rig.rd(0x90), 0u);  // between FLSHB2CR2 (0x8C) and FLSHCR4 (0x94)
  rig.wr(0x90, 0x1234);
  ASSERT_EQ(rig.ctl().notes().size(), 2u);
  EXPECT_NE(rig.ctl().notes()[0].text.find("reserved offset 0x090"), std::string::npos);
}

TEST(FlexspiRegisters, ReadOnlyStatusIgnoresWrites) {
  FlexspiRig rig;
  rig.wr(reg::STS0, 0);
  rig.wr(reg::STS2, 0);
  EXPECT_EQ(rig.rd(reg::STS0), 0x3u);
  EXPECT_EQ(rig.rd(reg::STS2), 0x01000100u);
}

TEST(FlexspiRegisters, ReservedBitsKeepTheirResetValue) {
  FlexspiRig rig;
  rig.wr(reg::MCR0, 0);  // bit 15 is reserved and reads 1 after reset
  EXPECT_EQ(rig.rd(reg::MCR0), 0x00008000u);
  rig.wr(reg::MCR2, 0);  // only CLRAHBBUFOPT, SAMEDEVICEEN, SCKBDIFFOPT, RESUMEWAIT are RW
  EXPECT_EQ(rig.rd(reg::MCR2), 0x200081F7u & ~0xFF088800u);
}

TEST(FlexspiRegisters, SoftwareResetSelfClears) {
  FlexspiRig rig;
  rig.wr(reg::MCR0, rig.rd(reg::MCR0) | bits::MCR0_SWRESET);
  EXPECT_EQ(rig.rd(reg::MCR0) & bits::MCR0_SWRESET, 0u);
  ASSERT_FALSE(rig.ctl().notes().empty());
  EXPECT_NE(rig.ctl().notes().back().text.find("software reset"), std::string::npos);
}

TEST(FlexspiRegisters, InterruptFlagsAreWriteOneToClear) {
  FlexspiRig rig;
  rig.configure(8 << 20);
  rig.wr(reg::IPCR0, 0x01000000);  // beyond 8 MiB: error 0x6, IPCMDERR + IPCMDDONE set
  rig.wr(reg::IPCR1, 0);
  rig.wr(reg::IPCMD, 1);
  ASSERT_EQ(rig.rd(reg::INTR) & (bits::INTR_IPCMDERR | bits::INTR_IPCMDDONE),
            bits::INTR_IPCMDERR | bits::INTR_IPCMDDONE);
  rig.wr(reg::INTR, bits::INTR_IPCMDDONE);  // clears only the bit written as 1
  EXPECT_EQ(rig.rd(reg::INTR) & (bits::INTR_IPCMDERR | bits::INTR_IPCMDDONE), bits::INTR_IPCMDERR);
  rig.wr(reg::INTR, 0);  // writing 0 changes nothing
  EXPECT_TRUE(rig.rd(reg::INTR) & bits::INTR_IPCMDERR);
}

TEST(FlexspiRegisters, LutWritesNeedUnlockWithTheKey) {
  FlexspiRig rig;
  rig.load_lut(2, {0x12345678});  // unlock, write, lock
  EXPECT_EQ(rig.rd(reg::LUT0 + 2 * 16), 0x12345678u);
  EXPECT_EQ(rig.rd(reg::LUTCR), bits::LUTCR_LOCK);
  rig.wr(reg::LUT0 + 2 * 16, 0xDEADBEEF);  // locked: ignored and logged
  EXPECT_EQ(rig.rd(reg::LUT0 + 2 * 16), 0x12345678u);
  EXPECT_NE(rig.ctl().notes().back().text.find("LUT is locked"), std::string::npos);
  rig.wr(reg::LUTCR, bits::LUTCR_UNLOCK);  // no key written first: ignored
  EXPECT_EQ(rig.rd(reg::LUTCR), bits::LUTCR_LOCK);
  rig.wr(reg::LUTKEY, 0x12345678);  // wrong key
  rig.wr(reg::LUTCR, bits::LUTCR_UNLOCK);
  EXPECT_EQ(rig.rd(reg::LUTCR), bits::LUTCR_LOCK);
  rig.wr(reg::LUTKEY, reg::kLutKey);
  rig.wr(reg::LUTCR, bits::LUTCR_UNLOCK);
  EXPECT_EQ(rig.rd(reg::LUTCR), bits::LUTCR_UNLOCK);
  EXPECT_EQ(rig.rd(reg::LUTKEY), reg::kLutKey);
}

TEST(FlexspiRegisters, ModuleDisabledRefusesCommandsAndAhbReads) {
  FlexspiRig rig;
  load_standard_lut(rig);
  rig.wr(reg::MCR0, rig.rd(reg::MCR0) | bits::MCR0_MDIS);  // reset value has MDIS set already
  rig.wr(reg::IPCR1, 10u << 16 | 3);
  rig.wr(reg::IPCMD, 1);
  EXPECT_EQ(rig.flash().frames_consumed(), 0u);
  EXPECT_NE(rig.ctl().notes().back().text.find("MDIS"), std::string::npos);
  std::uint8_t buf[4];
  EXPECT_FALSE(rig.ahb_read(0, buf, 4).ok);
  rig.configure(8 << 20);
  EXPECT_TRUE(rig.ahb_read(0, buf, 4).ok);
}

TEST(FlexspiRegisters, ConfigChangeWhileEnabledIsLogged) {
  FlexspiRig rig;
  rig.configure(8 << 20);
  const std::size_t before = rig.ctl().notes().size();
  rig.wr(reg::DLLCRA, 0x1);
  ASSERT_EQ(rig.ctl().notes().size(), before + 1);
  EXPECT_NE(rig.ctl().notes().back().text.find("MDIS"), std::string::npos);
  EXPECT_EQ(rig.rd(reg::DLLCRA), 0x1u);  // still applied, as the hardware would
}

TEST(FlexspiRegisters, TxWatermarkEmptyIsSetAtReset) {
  FlexspiRig rig;
  EXPECT_TRUE(rig.rd(reg::INTR) & bits::INTR_IPTXWE);
}

TEST(FlexspiRegisters, DllLocksOnlyWhenEnabledAtOrAbove100MHz) {
  FlexspiRig slow("W25Q64JV-IQ", 30);
  slow.wr(reg::DLLCRA, bits::DLLCR_DLLEN | 0xF << 3);
  EXPECT_EQ(slow.rd(reg::STS2) & 0x3u, 0u);
  FlexspiRig fast("W25Q64JV-IQ", 133);
  fast.wr(reg::DLLCRA, bits::DLLCR_DLLEN | 0xF << 3);
  EXPECT_EQ(fast.rd(reg::STS2) & 0x3u, 0x3u);
  // Target 0xF = half a reference period: (15 + 1) / 32 of 7519 ps.
  EXPECT_EQ(fast.ctl().sample_setup(0).dll_delay, 7519u * 16 / 32);
}

}  // namespace
}  // namespace xipsim::test
