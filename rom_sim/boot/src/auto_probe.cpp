// FLASH_AUTO_PROBE_EN (boot-reference §7.2): instead of reading an FCB from the flash, the ROM
// reads the part's SFDP at the safe clock and builds the FCB with the flashloader's generator
// (§8.4), from the probe type, boot frequency and dummy-cycle fuses. The generator is the one
// the flashloader model uses (host::probe_sfdp); that the ROM's is the same is an assumption
// (the reference says "same generator as §8", ⚠ details per chip).
#include <fmt/format.h>

#include "rom_run.h"
#include "xipsim/boot/rom_log.h"
#include "xipsim/host/sfdp_probe.h"

namespace xipsim::boot {

namespace {
// MISC_CONF1 boot frequency code -> MHz (MBU, boot-reference §7.2); 0 = reserved.
constexpr double kBootFrequencyMhz[8] = {100, 120, 133, 166, 0, 80, 60, 0};
}  // namespace

image::Fcb RomRun::probe_fcb() {
  namespace rules = image::rom_rules;
  if (probe_type_ != 0)
    enforce(rules::Refusal{"AUTO-PROBE-OCTAL", "fcb", rules::Effect::kNotModelled,
                           fmt::format("FLASH_PROBE_TYPE {} selects an octal probe; xipsim models "
                                       "the QuadSPI SFDP probe only",
                                       probe_type_)},
            true);
  // The option word the fuses amount to (§8.1): tag C, QuadSPI SDR, 1-pad query, the fused
  // frequency as the chip's serialClkFreq index, and the fused dummy cycles as option1.
  const double mhz = kBootFrequencyMhz[probe_frequency_ & 7];
  unsigned index = 0;
  for (unsigned i = 0; i < chip_.serial_clk_mhz.size(); ++i)
    if (chip_.serial_clk_mhz[i] && *chip_.serial_clk_mhz[i] == mhz) index = i;
  if (index == 0)
    enforce(rules::Refusal{"AUTO-PROBE-FREQUENCY", "fcb", rules::Effect::kStop,
                           fmt::format("the boot frequency fuse (code {}) names {}, which is not "
                                       "in {}'s serialClkFreq table",
                                       probe_frequency_,
                                       mhz ? fmt::format("{:.0f} MHz", mhz) : "a reserved value",
                                       chip_.name)},
            true);
  host::ConfigOption option;
  option.option0 = 0xC0000000u | (probe_dummy_ ? 1u << 24 : 0u) | index;
  option.option1 = probe_dummy_;
  const host::ProbeResult p = host::probe_sfdp(*driver_, option);
  std::string detail;
  for (const std::string& l : p.log)
    detail += (detail.empty() ? "" : "; ") + l;
  if (p.status != nor_driver::status::kSuccess)
    init_fail("fcb",
              fmt::format("FLASH_AUTO_PROBE_EN is fused, and the SFDP probe (option 0x{:08X}) "
                          "failed with {}: {}.",
                          option.option0, nor_driver::status_name(p.status), detail));
  step("fcb", fmt::format("FLASH_AUTO_PROBE_EN is fused: the ROM reads no FCB but probes the "
                          "part's SFDP (option 0x{:08X}) and builds one: read sequence {}, "
                          "serialClkFreq index {} ({:.0f} MHz), readSampleClkSrc {}. Probe: {}.",
                          option.option0, flexspi::disassemble(p.fcb.sequence(0)),
                          p.fcb.serial_clk_freq, mhz, p.fcb.read_sample_clk_src, detail));
  return p.fcb;
}

}  // namespace xipsim::boot
