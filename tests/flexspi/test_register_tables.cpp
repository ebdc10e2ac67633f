// The FlexSPI model's register map (models/flexspi/registers.h) and the NOR driver's own header
// (rom_sim/nor_driver/flexspi_hw.h) were written separately; both must match the reference
// manual's register list, copied here by hand from ../shared/docs/boot-reference.md §4.1. A wrong
// offset or field on either side fails here even where the two sides would agree with each other.
#include <gtest/gtest.h>

#include "xipsim/flexspi/registers.h"
#include "xipsim/nor_driver/flexspi_hw.h"

namespace xipsim::test {
namespace {

namespace reg = flexspi::reg;
namespace fld = flexspi::field;
namespace hw = nor_driver::hw;

struct Offset {
  const char* name;
  std::uint32_t reference, model, driver;
};

TEST(RegisterTables, OffsetsMatchTheReference) {
  const Offset rows[] = {{"MCR0", 0x00, reg::MCR0, hw::MCR0},
                         {"MCR1", 0x04, reg::MCR1, hw::MCR1},
                         {"MCR2", 0x08, reg::MCR2, hw::MCR2},
                         {"AHBCR", 0x0C, reg::AHBCR, hw::AHBCR},
                         {"INTR", 0x14, reg::INTR, hw::INTR},
                         {"LUTKEY", 0x18, reg::LUTKEY, hw::LUTKEY},
                         {"LUTCR", 0x1C, reg::LUTCR, hw::LUTCR},
                         {"AHBRXBUF0CR0", 0x20, reg::AHBRXBUF0CR0, hw::AHBRXBUF0CR0},
                         {"FLSHA1CR0", 0x60, reg::FLSHA1CR0, hw::FLSHA1CR0},
                         {"FLSHA1CR1", 0x70, reg::FLSHA1CR1, hw::FLSHA1CR1},
                         {"FLSHA1CR2", 0x80, reg::FLSHA1CR2, hw::FLSHA1CR2},
                         {"IPCR0", 0xA0, reg::IPCR0, hw::IPCR0},
                         {"IPCR1", 0xA4, reg::IPCR1, hw::IPCR1},
                         {"IPCMD", 0xB0, reg::IPCMD, hw::IPCMD},
                         {"IPRXFCR", 0xB8, reg::IPRXFCR, hw::IPRXFCR},
                         {"IPTXFCR", 0xBC, reg::IPTXFCR, hw::IPTXFCR},
                         {"DLLCRA", 0xC0, reg::DLLCRA, hw::DLLCRA},
                         {"DLLCRB", 0xC4, reg::DLLCRB, hw::DLLCRB},
                         {"STS0", 0xE0, reg::STS0, hw::STS0},
                         {"STS1", 0xE4, reg::STS1, hw::STS1},
                         {"STS2", 0xE8, reg::STS2, hw::STS2},
                         {"IPRXFSTS", 0xF0, reg::IPRXFSTS, hw::IPRXFSTS},
                         {"RFDR0", 0x100, reg::RFDR0, hw::RFDR0},
                         {"TFDR0", 0x180, reg::TFDR0, hw::TFDR0},
                         {"LUT0", 0x200, reg::LUT0, hw::LUT0}};
  for (const Offset& r : rows) {
    EXPECT_EQ(r.model, r.reference) << "model " << r.name;
    EXPECT_EQ(r.driver, r.reference) << "driver " << r.name;
  }
  EXPECT_EQ(reg::kLutKey, 0x5AF05AF0u);  // LUTKEY reset value = the key
  EXPECT_EQ(hw::kLutKeyValue, 0x5AF05AF0u);
}

// [msb:lsb] from the reference as lsb and width.
struct FieldRow {
  const char* name;
  unsigned msb, lsb;
  Field model, driver;
};

void expect_field(const FieldRow& r) {
  EXPECT_EQ(r.model.lsb, r.lsb) << "model " << r.name;
  EXPECT_EQ(r.model.width, r.msb - r.lsb + 1) << "model " << r.name;
  EXPECT_EQ(r.driver.lsb, r.lsb) << "driver " << r.name;
  EXPECT_EQ(r.driver.width, r.msb - r.lsb + 1) << "driver " << r.name;
}

TEST(RegisterTables, FieldsMatchTheReference) {
  const FieldRow rows[] = {
      {"MCR0.RXCLKSRC", 5, 4, fld::MCR0_RXCLKSRC, hw::MCR0_RXCLKSRC},
      {"MCR0.IPGRANTWAIT", 23, 16, fld::MCR0_IPGRANTWAIT, hw::MCR0_IPGRANTWAIT},
      {"MCR0.AHBGRANTWAIT", 31, 24, fld::MCR0_AHBGRANTWAIT, hw::MCR0_AHBGRANTWAIT},
      {"MCR1.AHBBUSWAIT", 15, 0, fld::MCR1_AHBBUSWAIT, hw::MCR1_AHBBUSWAIT},
      {"MCR1.SEQWAIT", 31, 16, fld::MCR1_SEQWAIT, hw::MCR1_SEQWAIT},
      {"AHBRXBUFCR0.BUFSZ", 7, 0, fld::AHBRXBUFCR0_BUFSZ, hw::AHBRXBUFCR0_BUFSZ},
      {"AHBRXBUFCR0.MSTRID", 19, 16, fld::AHBRXBUFCR0_MSTRID, hw::AHBRXBUFCR0_MSTRID},
      {"FLSHCR1.TCSS", 4, 0, fld::FLSHCR1_TCSS, hw::FLSHCR1_TCSS},
      {"FLSHCR1.TCSH", 9, 5, fld::FLSHCR1_TCSH, hw::FLSHCR1_TCSH},
      {"FLSHCR1.WA", 10, 10, fld::FLSHCR1_WA, hw::FLSHCR1_WA},
      {"FLSHCR1.CAS", 14, 11, fld::FLSHCR1_CAS, hw::FLSHCR1_CAS},
      {"FLSHCR1.CSINTERVALUNIT", 15, 15, fld::FLSHCR1_CSINTERVALUNIT, hw::FLSHCR1_CSINTERVALUNIT},
      {"FLSHCR1.CSINTERVAL", 31, 16, fld::FLSHCR1_CSINTERVAL, hw::FLSHCR1_CSINTERVAL},
      {"FLSHCR2.ARDSEQID", 3, 0, fld::FLSHCR2_ARDSEQID, hw::FLSHCR2_ARDSEQID},
      {"FLSHCR2.ARDSEQNUM", 7, 5, fld::FLSHCR2_ARDSEQNUM, hw::FLSHCR2_ARDSEQNUM},
      {"FLSHCR2.AWRSEQID", 11, 8, fld::FLSHCR2_AWRSEQID, hw::FLSHCR2_AWRSEQID},
      {"FLSHCR2.AWRSEQNUM", 15, 13, fld::FLSHCR2_AWRSEQNUM, hw::FLSHCR2_AWRSEQNUM},
      {"IPCR1.IDATSZ", 15, 0, fld::IPCR1_IDATSZ, hw::IPCR1_IDATSZ},
      {"IPCR1.ISEQID", 19, 16, fld::IPCR1_ISEQID, hw::IPCR1_ISEQID},
      {"IPCR1.ISEQNUM", 26, 24, fld::IPCR1_ISEQNUM, hw::IPCR1_ISEQNUM},
      {"IPRXFCR.RXWMRK", 5, 2, fld::IPRXFCR_RXWMRK, hw::IPRXFCR_RXWMRK},
      {"IPTXFCR.TXWMRK", 5, 2, fld::IPTXFCR_TXWMRK, hw::IPTXFCR_TXWMRK},
      {"DLLCR.SLVDLYTARGET", 6, 3, fld::DLLCR_SLVDLYTARGET, hw::DLLCR_SLVDLYTARGET},
      {"DLLCR.OVRDVAL", 14, 9, fld::DLLCR_OVRDVAL, hw::DLLCR_OVRDVAL},
      {"STS1.IPCMDERRID", 19, 16, fld::STS1_IPCMDERRID, hw::STS1_IPCMDERRID},
      {"STS1.IPCMDERRCODE", 27, 24, fld::STS1_IPCMDERRCODE, hw::STS1_IPCMDERRCODE},
      {"IPRXFSTS.FILL", 7, 0, fld::IPRXFSTS_FILL, hw::IPRXFSTS_FILL}};
  for (const FieldRow& r : rows)
    expect_field(r);
  // Fields only the model uses.
  const Field model_only[][2] = {
      {fld::MCR0_SERCLKDIV, Field{8, 3}},        {fld::FLSHCR0_FLSHSZ, Field{0, 23}},
      {fld::AHBRXBUFCR0_PRIORITY, Field{24, 2}}, {fld::STS1_AHBCMDERRID, Field{0, 4}},
      {fld::STS1_AHBCMDERRCODE, Field{8, 4}},    {fld::IPRXFSTS_RDCNTR, Field{16, 16}},
      {fld::IPTXFSTS_WRCNTR, Field{16, 16}}};
  for (const auto& m : model_only) {
    EXPECT_EQ(m[0].lsb, m[1].lsb);
    EXPECT_EQ(m[0].width, m[1].width);
  }
}

TEST(RegisterTables, SingleBitsMatchTheReference) {
  // INTR (W1C) and the control bits the driver writes, positions from §4.1.
  EXPECT_EQ(hw::INTR_IPCMDDONE, 1u << 0);
  EXPECT_EQ(hw::INTR_IPCMDERR, 1u << 3);
  EXPECT_EQ(hw::INTR_AHBCMDERR, 1u << 4);
  EXPECT_EQ(hw::INTR_IPRXWA, 1u << 5);
  EXPECT_EQ(hw::INTR_IPTXWE, 1u << 6);
  EXPECT_EQ(hw::INTR_SEQTIMEOUT, 1u << 11);
  EXPECT_EQ(flexspi::bits::INTR_SEQTIMEOUT, 1u << 11);
  EXPECT_EQ(flexspi::bits::INTR_AHBBUSTIMEOUT, 1u << 10);
  EXPECT_EQ(hw::MCR0_MDIS, 1u << 1);
  EXPECT_EQ(hw::MCR0_HSEN, 1u << 11);
  EXPECT_EQ(flexspi::bits::MCR0_HSEN, 1u << 11);
  EXPECT_EQ(hw::MCR2_SAMEDEVICEEN, 1u << 15);
  EXPECT_EQ(hw::AHBCR_PREFETCHEN, 1u << 5);
  EXPECT_EQ(flexspi::bits::AHBCR_PREFETCHEN, 1u << 5);
  EXPECT_EQ(hw::AHBCR_READADDROPT, 1u << 6);
  EXPECT_EQ(hw::FLSHCR2_CLRINSTRPTR, 1u << 31);
  EXPECT_EQ(hw::DLLCR_OVRDEN, 1u << 8);
  EXPECT_EQ(flexspi::bits::DLLCR_OVRDEN, 1u << 8);
  EXPECT_EQ(hw::STS2_BREFLOCK, 1u << 17);
  EXPECT_EQ(flexspi::bits::AHBRXBUF_PREFETCHEN, 1u << 31);
}

}  // namespace
}  // namespace xipsim::test
