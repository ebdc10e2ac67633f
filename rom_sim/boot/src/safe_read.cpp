// The ROM's first FlexSPI configuration, the one it reads the FCB with, chosen by the FLASH_TYPE
// boot configuration field (boot-reference §7.2): QuadSPI parts are read with the chip's
// `rom_initial_read` (open conflict 2: 30 MHz, 1 pad, 03h, 24-bit, internal loopback); FLASH_TYPE
// 001 ("4-byte read default") with 13h and a 32-bit address; HyperFlash (010/011) with HyperBus
// command-address words. Assumption for HyperFlash (no source gives the ROM's values): 30 MHz
// DDR, 8 pads, A0h read with the row/column split of CAS 3, word addressing and the flash's RWDS
// as the read strobe (RXCLKSRC 3) — the RT1052 mflash read sequence at the safe clock.
// Which read for which FLASH_TYPE is rom_rules::safe_read (shared with inspect).
#include <fmt/format.h>

#include "rom_run.h"
#include "xipsim/host/lut_builder.h"

namespace xipsim::boot {

std::string RomRun::init_safe_read() {
  namespace rules = image::rom_rules;
  const rules::SafeRead safe = rules::safe_read(chip_, flash_type_);
  if (safe.protocol == rules::SafeRead::Protocol::kSpi) {
    chips::RomInitialRead r = chip_.rom_initial_read;
    r.opcode = safe.opcode;
    r.address_bits = safe.address_bits;
    driver_->init_safe(r);
    return fmt::format(
        "{:.0f} MHz, {}-pad {:02X}h read with a {}-bit address, internal loopback "
        "sampling (RXCLKSRC {})",
        r.clock_mhz, r.pads, r.opcode, r.address_bits, r.sample_clk_src);
  }
  if (safe.protocol == rules::SafeRead::Protocol::kNotModelled)
    enforce(rules::Refusal{"FLASH-TYPE-OCTAL", "flexspi_init", rules::Effect::kNotModelled,
                           fmt::format("FLASH_TYPE {} selects a Micron octal DDR flash (or a "
                                       "reserved value); xipsim models QuadSPI, HyperFlash and "
                                       "Macronix octal boot devices",
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
