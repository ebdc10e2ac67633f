#include "step_runner.h"

#include <fmt/format.h>

#include "diagnose.h"
#include "rom_api.h"
#include "xipsim/core/hex.h"
#include "xipsim/soc/tlm_target.h"

namespace xipsim::boot {

Runner::Runner(sc_core::sc_module_name name, soc::Platform& platform, BootRom& rom, HostPort& host,
               const BootRequest& request, std::vector<std::string> part_names,
               std::vector<std::string>& notes, FrameGate* gate)
    : sc_core::sc_module(name),
      part_names_(std::move(part_names)),
      platform_(platform),
      rom_(rom),
      host_(host),
      request_(request),
      notes_(notes),
      gate_(gate) {
  SC_THREAD(run);
}

void Runner::run() {
  TlmBus bus(host_.socket);
  bus_ = &bus;
  platform_.power_on_reset(0);
  install_rom_api(platform_);  // the ROM's API for code the ROM hands over to
  if (request_.leftover.any()) {
    if (flash::NorDevice* d = boot_device()) {
      for (const std::string& s : soc::leave_flash_in(*d, request_.leftover, 0))
        notes_.push_back("previous application: " + s);
    }
  }
  std::vector<SessionStep> steps = request_.steps;
  if (steps.empty()) {
    SessionStep reset;
    reset.kind = request_.reset == ResetKind::kWarm ? SessionStep::Kind::kWarmReset
                                                    : SessionStep::Kind::kPowerOn;
    SessionStep boot;
    boot.kind = SessionStep::Kind::kBoot;
    steps = {reset, boot};
    if (request_.run) {
      SessionStep run;
      run.kind = SessionStep::Kind::kRun;
      run.run = *request_.run;
      steps.push_back(run);
    }
  }
  for (const SessionStep& step : steps) {
    if (gate_) gate_->begin_step(report_.steps.size() + 1, step.kind);
    StepOutcome o;
    o.kind = step.kind;
    o.label = step.label.empty() ? step_kind_name(step.kind) : step.label;
    o.start = now();
    execute(step, o);
    bus.sync();
    o.end = now();
    report_.steps.push_back(std::move(o));
  }
  report_.end = now();
  bus_ = nullptr;
}

Picoseconds Runner::now() const {
  return soc::to_ps(sc_core::sc_time_stamp());
}

void Runner::execute(const SessionStep& step, StepOutcome& o) {
  switch (step.kind) {
    case SessionStep::Kind::kPowerOn:
      reset_chip(ResetKind::kPower);
      o.text = "Power-on reset: the flash parts are power-cycled and the SoC starts from reset.";
      return;
    case SessionStep::Kind::kWarmReset:
      reset_chip(ResetKind::kWarm);
      o.text = "Warm reset: the SoC resets; the flash parts keep their power and their modes.";
      return;
    case SessionStep::Kind::kLeaveFlash:
      leave_flash(step, o);
      return;
    case SessionStep::Kind::kBoot:
      boot(o);
      return;
    case SessionStep::Kind::kProgram:
      program(step, o);
      return;
    case SessionStep::Kind::kFlashloader:
      flashloader(step, o);
      return;
    case SessionStep::Kind::kIap:
      iap(step, o);
      return;
    case SessionStep::Kind::kRun:
      run_application(step, o);
      return;
    case SessionStep::Kind::kServe:
      serve(step, o);
      return;
    case SessionStep::Kind::kRead:
      o.data.resize(static_cast<std::size_t>(step.read_size));
      o.ok = bus_->read(step.read_address, o.data.data(), o.data.size());
      o.text = fmt::format("The application reads {} bytes at {}{}.", step.read_size,
                           hex32(static_cast<std::uint32_t>(step.read_address)),
                           o.ok ? "" : ": bus error");
      return;
  }
}

// A power-on reset power-cycles the flash parts too; a warm one resets the SoC only. Whatever
// ran (the flashloader model, the application) is gone; the next boot follows this reset.
void Runner::reset_chip(ResetKind kind) {
  if (kind == ResetKind::kPower)
    platform_.power_on_reset(now());
  else
    platform_.warm_reset(now());
  flashloader_.reset();
  last_reset_ = kind;
  handed_over_ = false;
}

void Runner::boot(StepOutcome& o) {
  const flash::NorDevice* d = boot_device();
  const soc::FlashLeftover modes = d ? soc::modes_of(*d) : soc::FlashLeftover{};
  const std::size_t index = boot_index();
  const auto before = platform_.flexspi(index).controller().stats();
  BootOptions opt;
  opt.reset_kind = last_reset_;
  if (platform_.cpu()) opt.run_plugin = [this](const PluginCall& c) { return call_plugin(c); };
  BootReport r = rom_.boot(opt);
  if (modes.any()) r.flash_modes_at_reset = soc::describe(modes);
  const auto& after = platform_.flexspi(index).controller().stats();
  r.frames = after.frames - before.frames;
  r.flash_bytes_read = after.bytes_read - before.bytes_read;
  if (!part_names_.empty()) r.flash_part = part_names_.front();
  if (r.verdict != Verdict::kBooted) {
    r.causes = diagnose(r, platform_);
    r.hint = hint_of(r.causes);
  }
  o.ok = r.verdict == Verdict::kBooted;
  o.text = o.ok ? "The ROM booted the image." : "The ROM did not boot: " + r.reason;
  handed_over_ = o.ok && hand_over(r);
  o.boot = std::move(r);
}

nor_driver::FlexspiNorDriver Runner::driver_for(const std::string& instance) {
  const std::size_t i = instance_of(instance);
  return nor_driver::FlexspiNorDriver(
      *bus_, nor_driver::driver_target(platform_.chip(), i, soc::kClockControlBase));
}

void Runner::program(const SessionStep& step, StepOutcome& o) {
  nor_driver::FlexspiNorDriver d = driver_for(step.instance);
  const host::ProgramOutcome p = host::program_flash(d, step.program);
  o.ok = p.ok;
  o.status = p.status;
  o.text = "Debug probe, " + std::string(host::algorithm_name(step.program.algorithm)) +
           " algorithm: " + p.text;
  o.log = p.log;
}

void Runner::flashloader(const SessionStep& step, StepOutcome& o) {
  if (!flashloader_)
    flashloader_ = std::make_unique<host::Flashloader>(*bus_, platform_.chip(), boot_index(),
                                                       soc::kClockControlBase);
  const host::CommandResult r = flashloader_->run(step.command);
  o.status = r.status;
  o.ok = r.status == nor_driver::status::kSuccess;
  o.text = fmt::format("blhost {} -> {}: {}", step.command.text, nor_driver::status_name(r.status),
                       r.text);
  o.log = r.log;
  o.data = r.data;
  o.values = r.values;
}

void Runner::iap(const SessionStep& step, StepOutcome& o) {
  nor_driver::FlexspiNorDriver d = driver_for(step.instance);
  host::IapRequest req = step.iap;
  req.fcb_offset = platform_.chip().fcb_offset;
  const host::IapOutcome r = host::run_iap(d, req);
  o.ok = r.ok;
  o.status = r.status;
  o.text = "Application update: " + r.text;
  o.log = r.log;
}

void Runner::leave_flash(const SessionStep& step, StepOutcome& o) {
  flash::NorDevice* d = boot_device();
  if (!d) {
    o.ok = false;
    o.text = "no flash part on the boot FlexSPI's port A1";
    return;
  }
  for (const std::string& s : soc::leave_flash_in(*d, step.leftover, now()))
    o.log.push_back(s);
  o.text = "The running application leaves the flash in " + soc::describe(step.leftover) + ".";
}

std::size_t Runner::instance_of(const std::string& name) const {
  return name.empty() ? boot_index() : static_cast<std::size_t>(platform_.instance_index(name));
}

std::size_t Runner::boot_index() const {
  return static_cast<std::size_t>(platform_.instance_index(platform_.chip().boot_instance()->name));
}

flash::NorDevice* Runner::boot_device() {
  return platform_.flash(boot_index(), 0);
}

}  // namespace xipsim::boot
