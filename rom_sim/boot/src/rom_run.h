// One boot run of the ROM: the state and the steps (internal to rom_sim/boot).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "xipsim/boot/boot_rom.h"
#include "xipsim/boot/tlm_bus.h"
#include "xipsim/image/rom_rules.h"
#include "xipsim/nor_driver/flexspi_nor_driver.h"

namespace xipsim::boot {

// Thrown by a step that ends the attempt; `hang` for a ROM that never decides.
struct StepFailure {
  std::string step, reason;
  bool hang = false;
  bool not_modelled = false;  // a real ROM goes on here; the verdict is "error", not SDP
};

class RomRun {
 public:
  RomRun(tlm::tlm_initiator_socket<>& socket, const chips::ChipProfile& chip,
         const BootOptions& options);
  BootReport run();

 private:
  // boot_inputs.cpp: SRC and OCOTP
  bool read_boot_inputs();
  void read_boot_mode(bool* from_fuses, std::string* how);
  void read_probe_fuses();  // FLASH_TYPE, FLASH_AUTO_PROBE_EN and its probe fields
  // safe_read.cpp: the first, safe configuration the FCB is read with, by FLASH_TYPE
  std::string init_safe_read();
  std::uint32_t fuse(std::uint32_t word);
  // rom_run.cpp: FlexSPI bring-up and the attempt loop
  void init_flexspi();
  image::Fcb read_fcb();
  void configure(const image::Fcb& fcb);
  // auto_probe.cpp: FLASH_AUTO_PROBE_EN, the FCB built from the part's SFDP
  image::Fcb probe_fcb();
  void boot_image(std::uint64_t image_offset);
  void enter_serial_downloader();
  // image_steps.cpp: initial load, IVT, boot data, load, entry
  void load_initial(std::uint64_t image_offset);
  void check_ivt();
  void check_boot_data();
  void copy_image();
  void enter_image();
  // plugin_call.cpp: a plugin image runs on the CPU and names the next image
  void run_plugin();
  void plugin_outcome(const PluginReport& p);
  void next_image(PluginReport& p);
  // dcd_runner.cpp
  void run_dcd();
  std::vector<std::uint8_t> dcd_bytes(const image::rom_rules::DcdAt& at);
  // A refused DCD is a HAB event: processing stops (true); a closed chip stops the boot.
  bool dcd_refused(const image::rom_rules::Decision& d);
  bool dcd_write(const image::DcdCommand& c, unsigned* writes);  // false: refused
  bool dcd_check(const image::DcdCommand& c);                    // false: refused
  // hab_check.cpp
  void authenticate();

  void log(std::uint32_t code);
  void step(const std::string& name, const std::string& text, bool ok = true);
  [[noreturn]] void fail(const std::string& name, const std::string& reason);
  // A failure of the device-init phase: DEVICE_INIT_FAIL, then fail().
  [[noreturn]] void init_fail(const std::string& name, const std::string& reason);
  // Acts on a rule-book refusal (image/rom_rules.h) that stops the boot: fail, or hang. HAB
  // events are the caller's (they stop only a closed chip). `init`: log DEVICE_INIT_FAIL first.
  void enforce(const image::rom_rules::Decision& d, bool init = false);
  std::string driver_detail() const;  // the driver's last event ("IP command failed: ...")
  void check_time();
  std::uint32_t image_address() const;  // bus address of flash offset image_offset_
  // Reads from the boot FlexSPI's AHB window (bus address inside it), in cache-line bursts.
  bool read_image(std::uint32_t address, std::uint8_t* out, std::size_t len);

  const chips::ChipProfile& chip_;
  BootOptions options_;
  TlmBus bus_;
  BootReport report_;
  const chips::FlexspiInstance* instance_ = nullptr;
  unsigned instance_index_ = 0;
  std::optional<nor_driver::FlexspiNorDriver> driver_;
  std::uint32_t log_write_ = 0;  // next ROM log slot address
  unsigned sec_config_ = 0;
  bool closed_ = false;
  std::uint32_t boot_cfg_ = 0;
  std::uint64_t secondary_offset_ = 0;
  unsigned flash_type_ = 0;  // FLASH_TYPE: 0/1 QuadSPI 3/4-byte, 2/3 HyperFlash, 4+ octal
  bool auto_probe_ = false;  // FLASH_AUTO_PROBE_EN and its probe fuses
  unsigned probe_type_ = 0, probe_frequency_ = 0, probe_dummy_ = 0;
  std::uint64_t image_offset_ = 0;
  std::vector<std::uint8_t> initial_;  // the initial load
  image::Ivt ivt_;
  image::BootData bd_;
  bool xip_ = true;
};

}  // namespace xipsim::boot
