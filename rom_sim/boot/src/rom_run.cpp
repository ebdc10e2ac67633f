#include "rom_run.h"

#include <fmt/format.h>

#include "xipsim/boot/rom_log.h"
#include "xipsim/soc/platform.h"

namespace xipsim::boot {

namespace {
// A rule's message as a sentence of the narration: capital first letter, full stop.
std::string sentence(const std::string& text) {
  std::string s = text;
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s + ".";
}
}  // namespace

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kBooted:
      return "booted";
    case Verdict::kSerialDownloader:
      return "serial_downloader";
    case Verdict::kHang:
      return "hang";
    case Verdict::kError:
      return "error";
  }
  return "error";
}

std::uint32_t rom_stack_top(const chips::ChipProfile& chip) {
  if (chip.rom_reserved.empty()) return 0x20200000;
  const chips::AddressRange& r = chip.rom_reserved.front();
  return static_cast<std::uint32_t>(r.base + r.size);
}

BootRom::BootRom(sc_core::sc_module_name name, const chips::ChipProfile& chip)
    : sc_core::sc_module(name), socket("socket"), chip_(chip) {}

BootReport BootRom::boot(const BootOptions& options) {
  RomRun run(socket, chip_, options);
  return run.run();
}

RomRun::RomRun(tlm::tlm_initiator_socket<>& socket, const chips::ChipProfile& chip,
               const BootOptions& options)
    : chip_(chip), options_(options), bus_(socket) {
  report_.chip = chip.name;
  report_.reset_kind = options.reset_kind;
  report_.start_time = bus_.now();
}

void RomRun::log(std::uint32_t code) {
  report_.rom_log.push_back({code, bus_.now()});
  // The RT10xx ROM appends 32-bit codes to its log in OCRAM; the RT11xx format (count word and
  // state/substate/status entries) is not modelled, so there the codes stay in the report only.
  if (!chip_.rom_log || chip_.rom_log_format != "rt10xx") return;
  if (log_write_ == 0) log_write_ = static_cast<std::uint32_t>(chip_.rom_log->base);
  if (log_write_ + 4 > chip_.rom_log->end()) return;
  bus_.write32(log_write_, code);
  log_write_ += 4;
}

void RomRun::step(const std::string& name, const std::string& text, bool ok) {
  report_.steps.push_back({bus_.now(), name, text, ok});
}

void RomRun::fail(const std::string& name, const std::string& reason) {
  step(name, reason, false);
  throw StepFailure{name, reason, false};
}

void RomRun::init_fail(const std::string& name, const std::string& reason) {
  log(romlog::kDeviceInitFail);
  fail(name, reason);
}

void RomRun::enforce(const image::rom_rules::Decision& d, bool init) {
  if (!d) return;
  const std::string text = sentence(d->message);
  if (d->effect == image::rom_rules::Effect::kHang ||
      d->effect == image::rom_rules::Effect::kNotModelled) {
    step(d->step, text, false);
    const bool hang = d->effect == image::rom_rules::Effect::kHang;
    throw StepFailure{d->step, text, hang, !hang};
  }
  if (init) log(romlog::kDeviceInitFail);
  fail(d->step, text);
}

std::string RomRun::driver_detail() const {
  // Only a controller error explains a failed driver call; other events are progress notes.
  const auto& events = driver_->notes();
  if (events.empty() || events.back().text.rfind("IP command failed", 0) != 0) return "";
  return ": " + events.back().text;
}

void RomRun::check_time() {
  if (bus_.now() - report_.start_time > options_.time_limit)
    throw StepFailure{"time_limit",
                      fmt::format("the ROM had not decided after {} ms of simulated time",
                                  options_.time_limit / 1'000'000'000ull),
                      true};
}

std::uint32_t RomRun::image_address() const {
  return static_cast<std::uint32_t>(instance_->ahb.base + image_offset_);
}

BootReport RomRun::run() {
  try {
    if (read_boot_inputs()) {
      init_flexspi();
      try {
        boot_image(0);
      } catch (const StepFailure& first) {
        if (first.hang || first.not_modelled || secondary_offset_ == 0 || !report_.fcb) throw;
        log(romlog::kSecondaryImage);
        step("image_select",
             fmt::format("The primary image failed; the fuses name a secondary image at flash "
                         "offset 0x{:X}, so the ROM tries that one.",
                         secondary_offset_));
        boot_image(secondary_offset_);
      }
    }
  } catch (const StepFailure& f) {
    report_.failed_step = f.step;
    report_.reason = f.reason;
    if (f.hang) {
      report_.verdict = Verdict::kHang;
    } else if (f.not_modelled) {
      report_.verdict = Verdict::kError;
    } else {
      enter_serial_downloader();
    }
  } catch (const nor_driver::BusFault& e) {
    report_.verdict = Verdict::kHang;
    report_.failed_step = report_.steps.empty() ? "boot_mode" : report_.steps.back().step;
    report_.reason = fmt::format("{}: the ROM takes a bus fault and does not recover", e.what());
    step(report_.failed_step, report_.reason, false);
  }
  report_.boot_time = bus_.now() - report_.start_time;
  bus_.sync();
  return std::move(report_);
}

void RomRun::enter_serial_downloader() {
  log(romlog::kSdpEntry);
  report_.verdict = Verdict::kSerialDownloader;
  step("serial_downloader",
       "The ROM gives up on the boot device and enters the serial downloader (USB HID / UART), "
       "waiting for a host tool such as blhost or MCUXpresso Secure Provisioning.");
}

// ---- FlexSPI bring-up: safe read, FCB, reconfiguration (§7.3 steps 2-5) ----

void RomRun::init_flexspi() {
  instance_ = chip_.boot_instance();
  if (!instance_) fail("flexspi_init", "the chip profile names no boot FlexSPI instance");
  for (std::size_t i = 0; i < chip_.flexspi.size(); ++i)
    if (&chip_.flexspi[i] == instance_) instance_index_ = static_cast<unsigned>(i);
  report_.boot_instance = instance_->name;
  driver_.emplace(bus_, nor_driver::driver_target(chip_, instance_index_, soc::kClockControlBase));

  log(romlog::kDeviceInitCall);
  const std::string safe = init_safe_read();
  static constexpr unsigned kHoldUs[4] = {500, 1000, 3000, 10000};
  const unsigned hold =
      chip_.boot_control.hold_time
          ? chip_.boot_control.hold_time->from(fuse(chip_.boot_control.hold_time->word))
          : 0;
  bus_.wait(Picoseconds{kHoldUs[hold]} * 1'000'000ull);
  step("flexspi_init", fmt::format("The ROM sets up {} at the safe configuration: {}, then waits "
                                   "the flash hold time of {} us.",
                                   instance_->name, safe, kHoldUs[hold]));

  const image::Fcb fcb = auto_probe_ ? probe_fcb() : read_fcb();
  report_.fcb = fcb;
  configure(fcb);
}

image::Fcb RomRun::read_fcb() {
  std::vector<std::uint8_t> raw(image::kFcbSize);
  const nor_driver::Status s = driver_->read(chip_.fcb_offset, raw.data(), raw.size());
  if (s != nor_driver::status::kSuccess) {
    init_fail("fcb", fmt::format("Reading the FCB at flash offset 0x{:03X} failed with {}{}.",
                                 chip_.fcb_offset, nor_driver::status_name(s), driver_detail()));
  }
  enforce(image::rom_rules::fcb_tag(raw.data(), raw.size(), chip_), true);
  const auto fcb = image::decode_fcb(raw.data(), raw.size());
  step("fcb", fmt::format("Found the FCB at flash offset 0x{:03X} (version 0x{:08X}): read "
                          "sequence {}, serialClkFreq index {}, readSampleClkSrc {} ({}).",
                          chip_.fcb_offset, fcb->version, flexspi::disassemble(fcb->sequence(0)),
                          fcb->serial_clk_freq, fcb->read_sample_clk_src,
                          image::sample_clk_src_name(fcb->read_sample_clk_src)));
  return *fcb;
}

void RomRun::configure(const image::Fcb& fcb) {
  enforce(image::rom_rules::fcb_fields(fcb, chip_), true);
  const nor_driver::Status c = driver_->init(fcb);
  report_.sclk_mhz = driver_->sclk_mhz();
  report_.sample_clk_src = fcb.read_sample_clk_src;
  if (c != nor_driver::status::kSuccess) {
    init_fail("flexspi_config", fmt::format("Configuring the flash from the FCB failed with {}{}.",
                                            nor_driver::status_name(c), driver_detail()));
  }
  log(romlog::kDeviceInitPass);
  const bool config = fcb.device_mode_cfg_enable || fcb.config_cmd_enable;
  step("flexspi_config",
       fmt::format("The ROM reconfigures {} from the FCB: SCLK {:.0f} MHz, sample clock {} "
                   "(RXCLKSRC {}), LUT sequence 0 loaded{}.",
                   instance_->name, driver_->sclk_mhz(),
                   image::sample_clk_src_name(fcb.read_sample_clk_src), fcb.read_sample_clk_src,
                   config ? ", device-mode/config commands sent" : ""));
  check_time();
}

void RomRun::boot_image(std::uint64_t image_offset) {
  image_offset_ = image_offset;
  report_.image_offset = image_offset;
  load_initial(image_offset);
  check_ivt();
  check_boot_data();
  run_dcd();
  copy_image();
  authenticate();
  if (bd_.plugin) run_plugin();  // from here on ivt_ and bd_ are the next image's
  enter_image();
}

}  // namespace xipsim::boot
