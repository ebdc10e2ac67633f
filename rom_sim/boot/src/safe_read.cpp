// The ROM's first FlexSPI configuration, the one it reads the FCB with, chosen by the FLASH_TYPE
// boot configuration field (boot-reference §7.2): QuadSPI parts are read with the chip's
// `rom_initial_read` (open conflict 2: 30 MHz, 1 pad, 03h, 24-bit, internal loopback); FLASH_TYPE
// 001 ("4-byte read default") with 13h and a 32-bit address; HyperFlash (010/011) with HyperBus
// command-address words. Assumption for HyperFlash (no source gives the ROM's values): 30 MHz
// DDR, 8 pads, A0h read with the row/column split of CAS 3, word addressing and the flash's RWDS
// as the read strobe (RXCLKSRC 3) — the RT1052 mflash read sequence at the safe clock.
// Macronix octal DDR (100) is an open conflict (docs/boot-rom.md "FLASH_TYPE 100"): no source
// gives the ROM's first read. Decision: a 1-pad 13h read with a 32-bit address at the safe clock,
// the one read a Macronix octal part (MX25UM51345G) decodes at power-on, where it is in SPI with
// 4-byte addressing; the FCB's device-mode sequence then switches the part to OPI. The
// alternative (the ROM writes CR2 itself and reads the FCB with EEh/11h) would boot the same
// images and differ only for an FCB that never switches the part. Micron octal (101) stays not
// modelled; 111 (QuadSPI on the secondary pin group) reads as 000, pin muxing not being modelled.
#include <fmt/format.h>

#include "rom_run.h"
#include "xipsim/host/lut_builder.h"

namespace xipsim::boot {

std::string RomRun::init_safe_read() {
  chips::RomInitialRead r = chip_.rom_initial_read;
  constexpr unsigned kMacronixOctalDdr = 4, kSecondaryPinGroup = 7;
  if (flash_type_ == 1 || flash_type_ == kMacronixOctalDdr) {
    r.opcode = 0x13;
    r.address_bits = 32;
  }
  if (flash_type_ <= 1 || flash_type_ == kMacronixOctalDdr || flash_type_ == kSecondaryPinGroup) {
    driver_->init_safe(r);
    return fmt::format(
        "{:.0f} MHz, {}-pad {:02X}h read with a {}-bit address, internal loopback "
        "sampling (RXCLKSRC {})",
        r.clock_mhz, r.pads, r.opcode, r.address_bits, r.sample_clk_src);
  }
  if (flash_type_ > 3)
    enforce(
        image::rom_rules::Refusal{
            "FLASH-TYPE-OCTAL", "flexspi_init", image::rom_rules::Effect::kNotModelled,
            fmt::format("FLASH_TYPE {} selects a Micron octal DDR flash (or a reserved value); "
                        "xipsim models QuadSPI, HyperFlash and Macronix octal boot devices",
                        flash_type_)},
        true);
  image::Fcb fcb;
  fcb.tag = image::kFcbTag;
  fcb.cs_hold_time = fcb.cs_setup_time = 3;
  fcb.serial_clk_freq = 1;  // 30 MHz: every chip's index 1 (§2.4)
  fcb.read_sample_clk_src = 3;
  fcb.column_address_width = 3;
  fcb.controller_misc_option = (1u << 6) | (1u << 3);  // DDR, word addressable
  fcb.sflash_pad_type = 8;
  fcb.sflash_a1_size = 16u << 20;
  host::LutBuilder lut;
  lut.seq(0)
      .cmd(0xA0, 8, true)
      .addr(24, 8, true)
      .column(16, 8, true)
      .dummy(6, 8, true)
      .read(8, true);
  fcb.lookup_table = lut.words();
  driver_->init(fcb);
  return fmt::format(
      "30 MHz HyperBus (FLASH_TYPE {}: HyperFlash {} V): 8-pad DDR A0h reads, word "
      "addressing, sampled with the flash's RWDS (RXCLKSRC 3)",
      flash_type_, flash_type_ == 2 ? "1.8" : "3.3");
}

}  // namespace xipsim::boot
