// Field failures from ../shared/docs/field-failures.md, each reproduced through the platform and
// the ROM, and each fixed twin booting. Images are real corpus files, patched byte by byte where a
// failure needs a different FCB or IVT (offsets from boot-reference §2.1, §6.2, §6.3).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "boot_helpers.h"
#include "test_support.h"
#include "xipsim/flexspi/lut.h"

namespace xipsim::test {
namespace {

using boot::Verdict;
using ::testing::HasSubstr;

std::vector<std::uint8_t> evkb() {
  return read_file_bytes(corpus_path(kRt1060Evkb));
}
boot::BootReport boot_bytes(const std::string& name, const std::vector<std::uint8_t>& image,
                            const std::string& chip, const std::string& part,
                            void (*tweak)(boot::BootRequest&) = nullptr) {
  boot::BootRequest r = request(chip, part, {write_temp(name, image)});
  if (tweak) tweak(r);
  return run_boot(r);
}

// ---- F01: no FCB / IVT at the start of flash ----
TEST(F01, ApplicationWithoutBootHeaderEntersSerialDownloader) {
  // blhost test app for RT1060, linked at 0x6000_2000 with no FCB/IVT (MANIFEST: application-only).
  const auto rep = run_boot(request(
      "RT1060", "W25Q64JV-IQ", {corpus_path("spsdk/mboot/blhost/data/iled_blinky_ide_1060.hex")}));
  EXPECT_EQ(rep.verdict, Verdict::kSerialDownloader) << describe(rep);
  EXPECT_EQ(rep.failed_step, "fcb");
  EXPECT_TRUE(logged(rep, boot::romlog::kDeviceInitFail));
  EXPECT_TRUE(logged(rep, boot::romlog::kSdpEntry));
  EXPECT_THAT(rep.reason, HasSubstr("0xFFFFFFFF"));
  EXPECT_THAT(rep.hint, HasSubstr("no boot header"));
}

TEST(F01, VectorTableAtFlashStartIsNamedInTheHint) {
  FlashBuilder f(0x400);
  f.vectors(0, 0x20020000, 0x60000401);  // an app linked at the FlexSPI base
  const auto rep = boot_bytes("f01_vt.bin", f.bytes, "RT1060", "W25Q64JV-IQ");
  EXPECT_EQ(rep.failed_step, "fcb");
  EXPECT_THAT(rep.hint,
              HasSubstr("vector table (initial SP 0x20020000, reset handler 0x60000401)"));
}

TEST(F01, FixedTwinWithBootHeaderBoots) {
  const auto rep = run_boot(request("RT1060", "W25Q64JV-IQ", {corpus_path(kRt1060Evkb)}));
  EXPECT_EQ(rep.verdict, Verdict::kBooted) << describe(rep);
  EXPECT_EQ(rep.entry, 0x60002000u);  // MANIFEST ivt.entry
}

// ---- F02: FCB at the offset another chip uses ----
TEST(F02, FcbAt0x400OnRt1060IsMissedAndTheHintNamesTheOtherOffset) {
  auto b = evkb();
  std::copy(b.begin(), b.begin() + 512, b.begin() + 0x400);  // FCB moved to 0x400 (RT1010 layout)
  std::fill(b.begin(), b.begin() + 512, 0xFF);
  const auto rep = boot_bytes("f02.bin", b, "RT1060", "W25Q64JV-IQ");
  EXPECT_EQ(rep.verdict, Verdict::kSerialDownloader);
  EXPECT_EQ(rep.failed_step, "fcb");
  EXPECT_THAT(rep.hint, HasSubstr("flash offset 0x400"));
  EXPECT_THAT(rep.hint, HasSubstr("RT1010"));
  EXPECT_THAT(rep.hint, HasSubstr("RT1170"));
}

// ---- F03: file written at the wrong address ----
TEST(F03, BinWrittenAt0x1000IsMissed) {
  boot::BootRequest r = request("RT1060", "W25Q64JV-IQ", {});
  r.images.push_back({corpus_path(kRt1060Evkb), 0x60001000});
  const auto rep = run_boot(r);
  EXPECT_EQ(rep.failed_step, "fcb");
  EXPECT_THAT(rep.hint, HasSubstr("flash offset 0x1000"));
  EXPECT_THAT(rep.hint, HasSubstr("0x1000 bytes too far"));
}

TEST(F03, FixedTwinAtTheFlexspiBaseBoots) {
  boot::BootRequest r = request("RT1060", "W25Q64JV-IQ", {});
  r.images.push_back({corpus_path(kRt1060Evkb), 0x60000000});
  EXPECT_EQ(run_boot(r).verdict, Verdict::kBooted);
}

TEST(F03, Rt1170BinStartingAt0x400WrittenAtOffset0) {
  // objcopy output of an RT1170 image starts at the FCB (0x3000_0400); written at offset 0 the
  // FCB lands where RT1015-RT1064 expect it.
  boot::BootRequest r = request("RT1170", "W25Q64JV-IQ", {});
  r.images.push_back(
      {corpus_path(
           "mcubootutility/apps/NXP_MIMXRT1170-EVK_Rev.A/cm7/led_blinky_0x30002000_fdcb_ivt.bin"),
       0x0});
  const auto rep = run_boot(r);
  EXPECT_EQ(rep.failed_step, "fcb");
  EXPECT_THAT(rep.hint, HasSubstr("flash offset 0x000"));
  EXPECT_THAT(rep.hint, HasSubstr("RT1060"));
}

// ---- F04: DQS pad loaded at 133 MHz with loopback from the DQS pad ----
std::vector<std::uint8_t> evkb_at(std::uint8_t clk_index, std::uint8_t sample_src) {
  auto b = evkb();
  b[0x46] = clk_index;  // serialClkFreq (RT1060 table: 3 = 60 MHz, 8 = 133 MHz)
  b[0x0C] = sample_src;
  return b;
}
void loaded(boot::BootRequest& r) {
  r.dqs = board::DqsPadUse::kLoaded;
}

TEST(F04, FloatingDqsPadBootsAt133MHz) {
  const auto rep = boot_bytes("f04a.bin", evkb_at(8, 1), "RT1060", "IS25LP256E");
  EXPECT_EQ(rep.verdict, Verdict::kBooted) << describe(rep);
  EXPECT_DOUBLE_EQ(rep.sclk_mhz, 133);
}

TEST(F04, LoadedDqsPadFailsAfterReconfiguration) {
  const auto rep = boot_bytes("f04b.bin", evkb_at(8, 1), "RT1060", "IS25LP256E", loaded);
  EXPECT_EQ(rep.verdict, Verdict::kSerialDownloader) << describe(rep);
  // The FCB read at 30 MHz with internal loopback works; the IVT read after reconfiguration not.
  EXPECT_TRUE(logged(rep, boot::romlog::kDeviceInitPass));
  EXPECT_EQ(rep.failed_step, "ivt");
  EXPECT_THAT(rep.hint, HasSubstr("DQS pad"));
}

TEST(F04, InternalLoopbackAt60MHzBootsWithTheLoadedPad) {
  const auto rep = boot_bytes("f04c.bin", evkb_at(3, 0), "RT1060", "IS25LP256E", loaded);
  EXPECT_EQ(rep.verdict, Verdict::kBooted) << describe(rep);
  EXPECT_DOUBLE_EQ(rep.sclk_mhz, 60);
}

// ---- F05: read sequence does not match the part ----
void no_qe(boot::BootRequest& r) {
  r.quad_enable = false;
}

TEST(F05, QuadReadWithQeClearFails) {
  const auto rep = boot_bytes("f05a.bin", evkb(), "RT1060", "IS25WP064A", no_qe);
  EXPECT_EQ(rep.failed_step, "ivt") << describe(rep);
  EXPECT_THAT(rep.reason, HasSubstr("FF FF FF FF"));  // IO2/IO3 undriven read the pull-ups
  EXPECT_THAT(rep.hint, HasSubstr("QE bit"));
}

TEST(F05, FcbDeviceModeQuadEnableFixesIt) {
  auto b = evkb();
  b[0x10] = 1;           // deviceModeCfgEnable
  b[0x11] = 1;           // deviceModeType QuadEnable
  b[0x14] = 1;           // deviceModeSeq.seqNum
  b[0x15] = 4;           // deviceModeSeq.seqId
  put32(b, 0x18, 0x40);  // deviceModeArg: ISSI status register, QE = bit 6
  // LUT seq 4: CMD_SDR 1pad 01h (write status), WRITE_SDR 1pad 1 byte.
  put32(b, 0x80 + 16 * 4,
        flexspi::encode_lut_word(flexspi::encode_lut_instr(0x01, 0, 0x01),
                                 flexspi::encode_lut_instr(0x08, 0, 1)));
  for (int w = 1; w < 4; ++w)
    put32(b, 0x80 + 16 * 4 + 4 * w, 0);
  const auto rep = boot_bytes("f05b.bin", b, "RT1060", "IS25WP064A", no_qe);
  EXPECT_EQ(rep.verdict, Verdict::kBooted) << describe(rep);
}

TEST(F05, DummyCycleMismatchShiftsTheData) {
  auto b = evkb();
  b[0x84] = 8;  // LUT seq 0 word 1 low byte: DUMMY_SDR operand 6 -> 8
  const auto rep = boot_bytes("f05c.bin", b, "RT1060", "W25Q64JV-IQ");
  EXPECT_EQ(rep.failed_step, "ivt") << describe(rep);
  EXPECT_THAT(rep.hint, HasSubstr("waits 8 cycles"));
  EXPECT_THAT(rep.hint, HasSubstr("waits 6"));
}

// ---- F07: flash left in a mode by the application, warm reset ----
void warm_qpi(boot::BootRequest& r) {
  r.reset = boot::ResetKind::kWarm;
  r.leftover.qpi = true;
}
void power_qpi(boot::BootRequest& r) {
  r.reset = boot::ResetKind::kPower;
  r.leftover.qpi = true;
}
void warm_continuous(boot::BootRequest& r) {
  r.reset = boot::ResetKind::kWarm;
  r.leftover.continuous_read = true;
}

// IS25WP064A has QPI (35h); W25Q64JV has none. MX25L25645G has a 4-byte mode.
TEST(F07, QpiLeftOverWarmResetFails) {
  const auto rep = boot_bytes("f07a.bin", evkb(), "RT1060", "IS25WP064A", warm_qpi);
  EXPECT_EQ(rep.verdict, Verdict::kSerialDownloader) << describe(rep);
  EXPECT_EQ(rep.failed_step, "fcb");
  EXPECT_THAT(rep.hint, HasSubstr("QPI mode"));
  EXPECT_THAT(rep.hint, HasSubstr("power cycle"));
}

TEST(F07, ContinuousReadLeftOverWarmResetFails) {
  const auto rep = boot_bytes("f07b.bin", evkb(), "RT1060", "W25Q64JV-IQ", warm_continuous);
  EXPECT_EQ(rep.failed_step, "fcb") << describe(rep);
  EXPECT_THAT(rep.hint, HasSubstr("continuous-read mode"));
}

void warm_4byte(boot::BootRequest& r) {
  r.reset = boot::ResetKind::kWarm;
  r.leftover.four_byte = true;
}

TEST(F07, FourByteModeLeftOverWarmResetFails) {
  const auto rep = boot_bytes("f07d.bin", evkb(), "RT1060", "MX25L25645G", warm_4byte);
  EXPECT_EQ(rep.failed_step, "fcb") << describe(rep);
  EXPECT_THAT(rep.hint, HasSubstr("4-byte address mode"));
}

TEST(F07, PowerCycleBoots) {
  const auto rep = boot_bytes("f07c.bin", evkb(), "RT1060", "IS25WP064A", power_qpi);
  EXPECT_EQ(rep.verdict, Verdict::kBooted) << describe(rep);
  EXPECT_STREQ(boot::reset_name(rep.reset_kind), "power");
}

// ---- F11: HAB closed ----
void closed(boot::BootRequest& r) {
  r.fuses[0x460] = 0x2;  // SEC_CONFIG[1]
}
void open(boot::BootRequest& r) {
  r.fuses[0x440] = 0x2;  // SEC_CONFIG[0]
}

TEST(F11, ClosedRefusesAnUnsignedImage) {
  const auto rep = boot_bytes("f11a.bin", evkb(), "RT1060", "W25Q64JV-IQ", closed);
  EXPECT_EQ(rep.verdict, Verdict::kSerialDownloader);
  EXPECT_EQ(rep.failed_step, "hab");
  EXPECT_TRUE(logged(rep, boot::romlog::kSecConfigClosed));
  EXPECT_TRUE(logged(rep, boot::romlog::kAuthenticationStatus));
}

TEST(F11, OpenWithABadCsfBootsAndLogsTheEvent) {
  auto b = evkb();
  put32(b, 0x1018, 0x60003000);  // IVT csf -> application code, no CSF header there
  const auto rep = boot_bytes("f11b.bin", b, "RT1060", "W25Q64JV-IQ", open);
  EXPECT_EQ(rep.verdict, Verdict::kBooted) << describe(rep);
  EXPECT_TRUE(logged(rep, boot::romlog::kSecConfigOpen));
  ASSERT_EQ(rep.hab_events.size(), 1u);
  EXPECT_THAT(rep.hab_events[0], HasSubstr("does not point at a CSF header"));
}

// ---- F14: flash on port B ----
TEST(F14, FlashOnPortB1NeverBoots) {
  boot::BootRequest r = request("RT1060", "W25Q64JV-IQ", {corpus_path(kRt1060Evkb)});
  r.flashes[0].port = 2;  // B1
  const auto rep = run_boot(r);
  EXPECT_EQ(rep.failed_step, "fcb");
  EXPECT_THAT(rep.hint, HasSubstr("port A1"));
  EXPECT_THAT(rep.hint, HasSubstr("port B1"));
}

// ---- F15: RT1064 boots only from FlexSPI2 ----
TEST(F15, ExternalFlashOnFlexspi1IsNotBooted) {
  boot::BootRequest r = request(
      "RT1064", "W25Q32JV",
      {corpus_path("spsdk/nxpimage/data/bootable_image/mimxrt1064/flexspi_nor/merged_image.bin")});
  r.images[0].at = 0x60000000;
  r.flashes.push_back({"W25Q64JV-IQ", "FLEXSPI", 0});
  const auto rep = run_boot(r);
  EXPECT_EQ(rep.boot_instance, "FLEXSPI2");
  EXPECT_EQ(rep.failed_step, "fcb");
  EXPECT_THAT(rep.hint, HasSubstr("FLEXSPI2"));
}

TEST(F15, ImageInTheInPackageFlashBoots) {
  const auto rep = run_boot(request(
      "RT1064", "W25Q32JV",
      {corpus_path("mcubootutility/apps/NXP_MIMXRT106X-EVK_Rev.A1/led_blinky_0x70002000.bin")}));
  EXPECT_EQ(rep.verdict, Verdict::kBooted) << describe(rep);
  EXPECT_EQ(rep.entry, 0x70002000u);  // MANIFEST ivt.entry
}

}  // namespace
}  // namespace xipsim::test
