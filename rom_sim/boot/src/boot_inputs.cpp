// Boot mode, security configuration and boot device from the SRC and OCOTP (§7.1, §7.2).
#include <fmt/format.h>

#include "rom_run.h"
#include "xipsim/boot/rom_log.h"
#include "xipsim/soc/platform.h"

namespace xipsim::boot {

namespace {
constexpr std::uint32_t kFuseBootCfg0 = 0x450, kFuseBootCfg1 = 0x460;
constexpr std::uint32_t kForceInternalBoot = 1u << 16;  // fuse 0x460 bit 16
}  // namespace

std::uint32_t RomRun::fuse(std::uint32_t word) {
  return bus_.read32(chip_.boot_control.ocotp_base + word);
}

namespace {
// SRC_SBMR2 and BOOT_CFG fields (boot-reference §7.1).
constexpr Field kSbmr2SecConfig{0, 2}, kSbmr2BtFuseSel{4, 1}, kSbmr2BootMode{24, 2};
constexpr Field kBootCfgDevice{4, 4};  // BOOT_CFG1[7:4]: 0000 = serial NOR on FlexSPI
}  // namespace

// BOOT_MODE, security state and where BOOT_CFG comes from; throws the step failure when the
// boot mode sends the ROM elsewhere. `how` receives the mode in words.
void RomRun::read_boot_mode(bool* from_fuses, std::string* how) {
  const std::uint32_t sbmr2 = bus_.read32(chip_.boot_control.src_base + soc::src_reg::SBMR2);
  unsigned mode = get(sbmr2, kSbmr2BootMode);
  const bool bt_fuse_sel = get(sbmr2, kSbmr2BtFuseSel);
  sec_config_ = get(sbmr2, kSbmr2SecConfig);
  closed_ = (sec_config_ & 2u) != 0;
  const bool forced = fuse(kFuseBootCfg1) & kForceInternalBoot;
  if (forced) mode = 2;

  static constexpr std::uint32_t kModeCodes[4] = {romlog::kBootModeFuse, romlog::kBootModeSerial,
                                                  romlog::kBootModeInternal, romlog::kBootModeTest};
  log(kModeCodes[mode]);
  report_.hab_state = closed_ ? "closed" : sec_config_ == 1 ? "open" : "fab";
  log(closed_            ? romlog::kSecConfigClosed
      : sec_config_ == 1 ? romlog::kSecConfigOpen
                         : romlog::kSecConfigFab);
  log(bt_fuse_sel ? romlog::kBtFuseSel1 : romlog::kBtFuseSel0);

  static constexpr const char* kModeNames[4] = {"boot from fuses", "serial downloader",
                                                "internal boot", "reserved (test)"};
  *how = fmt::format("BOOT_MODE[1:0] = {}{} ({}){}", (mode >> 1) & 1, mode & 1, kModeNames[mode],
                     forced ? ", forced by the FORCE_INTERNAL_BOOT fuse" : "");
  if (mode == 1 || mode == 3) {
    step("boot_mode", "The ROM reads SRC_SBMR2: " + *how + ".");
    throw StepFailure{"boot_mode",
                      mode == 1 ? "The boot mode pins select the serial downloader."
                                : "BOOT_MODE = 11 is reserved; the ROM does not boot a device.",
                      false};
  }
  if (mode == 0 && !bt_fuse_sel) {
    step("boot_mode", "The ROM reads SRC_SBMR2: " + *how + ".");
    throw StepFailure{"boot_mode",
                      "Boot from fuses needs BT_FUSE_SEL = 1 (fuse 0x460 bit 4); it is 0, so "
                      "the ROM goes to the serial downloader.",
                      false};
  }
  *from_fuses = bt_fuse_sel || mode == 0;
}

bool RomRun::read_boot_inputs() {
  bool from_fuses = false;
  std::string how;
  read_boot_mode(&from_fuses, &how);
  boot_cfg_ = from_fuses ? fuse(kFuseBootCfg0)
                         : bus_.read32(chip_.boot_control.src_base + soc::src_reg::SBMR1);
  step("boot_mode",
       fmt::format("The ROM reads SRC_SBMR2: {}; security {} (SEC_CONFIG = {}); boot "
                   "configuration 0x{:08X} from {}.",
                   how, report_.hab_state, sec_config_, boot_cfg_,
                   from_fuses ? "the BOOT_CFG fuses (0x450)" : "the BOOT_CFG pins (SBMR1)"));

  const unsigned device = get(boot_cfg_, kBootCfgDevice);
  if (device != 0) {
    report_.verdict = Verdict::kError;
    report_.failed_step = "boot_device";
    report_.reason = fmt::format(
        "BOOT_CFG1[7:4] = 0x{:X} selects a boot device other than FlexSPI NOR; xipsim models "
        "only the FlexSPI NOR boot path.",
        device);
    step("boot_device", report_.reason, false);
    return false;
  }
  log(romlog::kBootDeviceFlexspiNor);
  step("boot_device", "BOOT_CFG1[7:4] = 0000: the boot device is serial NOR on FlexSPI.");

  const chips::BootControl& bc = chip_.boot_control;
  read_probe_fuses();
  if (bc.secondary_image)
    secondary_offset_ =
        std::uint64_t{bc.secondary_image->from(fuse(bc.secondary_image->word))} * 256 * 1024;
  log(romlog::kPrimaryImage);
  return true;
}

void RomRun::read_probe_fuses() {
  const chips::BootControl& bc = chip_.boot_control;
  // BOOT_CFG fields of word 0x450 come from the fuses or the pins, as boot_cfg_ does (§7.2).
  auto cfg = [&](const chips::FuseField& f) {
    return f.from(f.word == kFuseBootCfg0 ? boot_cfg_ : fuse(f.word));
  };
  flash_type_ = bc.flash_type ? cfg(*bc.flash_type) : 0;
  report_.flash_type = flash_type_;
  auto_probe_ = bc.flash_auto_probe && cfg(*bc.flash_auto_probe);
  report_.auto_probe = auto_probe_;
  if (!auto_probe_) return;
  probe_type_ = bc.flash_probe_type ? cfg(*bc.flash_probe_type) : 0;
  probe_frequency_ = bc.probe_frequency ? cfg(*bc.probe_frequency) : 0;
  probe_dummy_ = bc.probe_dummy ? cfg(*bc.probe_dummy) : 0;
}

}  // namespace xipsim::boot
