#include "xipsim/boot/boot_session.h"

#include <fmt/format.h>

#include <algorithm>

#include "diagnose.h"
#include "frame_gate.h"
#include "xipsim/board/vcd_writer.h"
#include "xipsim/boot/boot_rom.h"
#include "xipsim/boot/tlm_bus.h"
#include "xipsim/chips/chip_catalog.h"
#include "xipsim/core/errors.h"
#include "xipsim/core/hex.h"
#include "xipsim/core/names.h"
#include "xipsim/core/yaml_reader.h"
#include "xipsim/flash/part_loader.h"
#include "xipsim/image/inspect.h"
#include "xipsim/soc/tlm_target.h"

namespace xipsim::boot {

namespace {

class HostPort : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<HostPort> socket;
  explicit HostPort(sc_core::sc_module_name name) : sc_core::sc_module(name), socket("socket") {}
};

// Runs the steps in one SystemC thread: the ROM on its own socket, every other piece of software
// (debug probe, flashloader, application) through the host socket.
class Runner : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(Runner);
  Runner(sc_core::sc_module_name name, soc::Platform& platform, BootRom& rom, HostPort& host,
         const BootRequest& request, std::vector<std::string>& notes, FrameGate* gate)
      : sc_core::sc_module(name),
        platform_(platform),
        rom_(rom),
        host_(host),
        request_(request),
        notes_(notes),
        gate_(gate) {
    SC_THREAD(run);
  }
  SessionReport report;

 private:
  void run() {
    TlmBus bus(host_.socket);
    bus_ = &bus;
    platform_.power_on_reset(0);
    if (request_.leftover.any()) {
      if (flash::NorDevice* d = boot_device()) {
        for (const std::string& s : soc::leave_flash_in(*d, request_.leftover, 0))
          notes_.push_back("previous application: " + s);
      }
    }
    std::vector<SessionStep> steps = request_.steps;
    if (steps.empty()) {
      SessionStep reset;
      reset.kind =
          request_.reset == "warm" ? SessionStep::Kind::kWarmReset : SessionStep::Kind::kPowerOn;
      SessionStep boot;
      boot.kind = SessionStep::Kind::kBoot;
      steps = {reset, boot};
    }
    for (const SessionStep& step : steps) {
      if (gate_) gate_->begin_step(report.steps.size() + 1, step.kind);
      StepOutcome o;
      o.kind = step.kind;
      o.label = step.label.empty() ? step_kind_name(step.kind) : step.label;
      o.start = now();
      execute(step, o);
      bus.sync();
      o.end = now();
      report.steps.push_back(std::move(o));
    }
    report.end = now();
    bus_ = nullptr;
  }

  Picoseconds now() const { return soc::to_ps(sc_core::sc_time_stamp()); }

  void execute(const SessionStep& step, StepOutcome& o) {
    switch (step.kind) {
      case SessionStep::Kind::kPowerOn:
        platform_.power_on_reset(now());
        flashloader_.reset();
        warm_ = false;
        o.text = "Power-on reset: the flash parts are power-cycled and the SoC starts from reset.";
        return;
      case SessionStep::Kind::kWarmReset:
        platform_.warm_reset(now());
        flashloader_.reset();
        warm_ = true;
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
      case SessionStep::Kind::kRead:
        o.data.resize(static_cast<std::size_t>(step.read_size));
        o.ok = bus_->read(step.read_address, o.data.data(), o.data.size());
        o.text = fmt::format("The application reads {} bytes at {}{}.", step.read_size,
                             hex32(static_cast<std::uint32_t>(step.read_address)),
                             o.ok ? "" : ": bus error");
        return;
    }
  }

  void boot(StepOutcome& o) {
    const flash::NorDevice* d = boot_device();
    const soc::FlashLeftover modes = d ? soc::modes_of(*d) : soc::FlashLeftover{};
    const std::size_t index = boot_index();
    const auto before = platform_.flexspi(index).controller().stats();
    BootOptions opt;
    opt.reset_kind = warm_ ? "warm" : "power";
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
    o.boot = std::move(r);
  }

  nor_driver::FlexspiNorDriver driver_for(const std::string& instance) {
    const std::size_t i = instance_of(instance);
    return nor_driver::FlexspiNorDriver(
        *bus_, nor_driver::driver_target(platform_.chip(), i, soc::kClockControlBase));
  }

  void program(const SessionStep& step, StepOutcome& o) {
    nor_driver::FlexspiNorDriver d = driver_for(step.instance);
    const host::ProgramOutcome p = host::program_flash(d, step.program);
    o.ok = p.ok;
    o.status = p.status;
    o.text = "Debug probe, " + std::string(host::algorithm_name(step.program.algorithm)) +
             " algorithm: " + p.text;
    o.log = p.log;
  }

  void flashloader(const SessionStep& step, StepOutcome& o) {
    if (!flashloader_)
      flashloader_ = std::make_unique<host::Flashloader>(*bus_, platform_.chip(), boot_index(),
                                                         soc::kClockControlBase);
    const host::CommandResult r = flashloader_->run(step.command);
    o.status = r.status;
    o.ok = r.status == nor_driver::status::kSuccess;
    o.text = fmt::format("blhost {} -> {}: {}", step.command.text,
                         nor_driver::status_name(r.status), r.text);
    o.log = r.log;
    o.data = r.data;
    o.values = r.values;
  }

  void iap(const SessionStep& step, StepOutcome& o) {
    nor_driver::FlexspiNorDriver d = driver_for(step.instance);
    host::IapRequest req = step.iap;
    req.fcb_offset = platform_.chip().fcb_offset;
    const host::IapOutcome r = host::run_iap(d, req);
    o.ok = r.ok;
    o.status = r.status;
    o.text = "Application update: " + r.text;
    o.log = r.log;
  }

  void leave_flash(const SessionStep& step, StepOutcome& o) {
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

  std::size_t instance_of(const std::string& name) const {
    return name.empty() ? boot_index() : static_cast<std::size_t>(platform_.instance_index(name));
  }
  std::size_t boot_index() const {
    return static_cast<std::size_t>(
        platform_.instance_index(platform_.chip().boot_instance()->name));
  }
  flash::NorDevice* boot_device() { return platform_.flash(boot_index(), 0); }

 public:
  std::vector<std::string> part_names_;

 private:
  soc::Platform& platform_;
  BootRom& rom_;
  HostPort& host_;
  const BootRequest& request_;
  std::vector<std::string>& notes_;
  FrameGate* gate_ = nullptr;  // the record window, or none when nothing records frames
  TlmBus* bus_ = nullptr;
  std::unique_ptr<host::Flashloader> flashloader_;
  bool warm_ = false;
};

constexpr const char* kPortNames[4] = {"A1", "A2", "B1", "B2"};

void set_flash_registers(const BootRequest& r, soc::Platform& p, std::vector<std::string>& notes) {
  if (!r.quad_enable && r.flash_registers.empty()) return;
  const FlashArg& f = r.flashes.front();
  const int i = f.instance.empty() ? p.instance_index(p.chip().boot_instance()->name)
                                   : p.instance_index(f.instance);
  flash::NorDevice* d = p.flash(static_cast<std::size_t>(i), f.port);
  const flash::PartSpec& part = d->part();
  for (const auto& [name, value] : r.flash_registers) {
    if (part.register_index(name) < 0) {
      std::string known;
      for (const auto& reg : part.registers)
        known += (known.empty() ? "" : ", ") + reg.name;
      throw InputError(fmt::format("--flash-reg {}: {} has no register '{}' (it has {})", name,
                                   part.name, name, known));
    }
    d->set_register(name, value);
    notes.push_back(
        fmt::format("{} register {} set to 0x{:X} before power-on", part.name, name, value));
  }
  if (r.quad_enable) {
    if (!part.has_quad_enable()) {
      notes.push_back(part.name + " has no QE bit (quad I/O always available)");
      return;
    }
    const auto& reg = part.registers[static_cast<std::size_t>(part.bits.qe.reg)];
    d->set_register(reg.name, d->nonvolatile_register(reg.name) | part.bits.qe.mask());
    notes.push_back(
        fmt::format("{}: QE bit set in {} (non-volatile) before power-on", part.name, reg.name));
  }
}
}  // namespace

std::pair<std::uint32_t, std::uint32_t> parse_fuse(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos)
    throw InputError(fmt::format("--fuse '{}': expected NAME=VALUE (e.g. 0x460=0x10)", text));
  const std::string name = text.substr(0, eq);
  static const std::map<std::string, std::uint32_t> kNames = {
      {"BOOT_CFG0", 0x450}, {"BOOT_CFG1", 0x460}, {"MISC_CONF0", 0x6D0}, {"MISC_CONF1", 0x6E0}};
  std::uint32_t word = 0;
  if (const auto it = kNames.find(name); it != kNames.end()) {
    word = it->second;
  } else if (const auto v = parse_unsigned(name);
             v && *v >= 0x400 && *v <= 0xFF0 && *v % 0x10 == 0) {
    word = static_cast<std::uint32_t>(*v);
  } else {
    throw InputError(
        fmt::format("--fuse '{}': '{}' is not a fuse word (0x400..0xFF0, multiple of "
                    "0x10) or one of BOOT_CFG0, BOOT_CFG1, MISC_CONF0, MISC_CONF1",
                    text, name));
  }
  const auto value = parse_unsigned(text.substr(eq + 1));
  if (!value || *value > 0xFFFFFFFFull)
    throw InputError(fmt::format("--fuse '{}': the value must be a 32-bit number", text));
  return {word, static_cast<std::uint32_t>(*value)};
}

FlashArg parse_flash_arg(const std::string& text, const std::string& what) {
  FlashArg f;
  const auto at = text.find('@');
  f.part = text.substr(0, at);
  if (at == std::string::npos) return f;
  std::string where = text.substr(at + 1);
  const auto colon = where.find(':');
  if (colon != std::string::npos) {
    f.instance = where.substr(0, colon);
    where = where.substr(colon + 1);
  }
  for (unsigned p = 0; p < 4; ++p)
    if (same_name(where, kPortNames[p])) {
      f.port = p;
      return f;
    }
  throw InputError(
      fmt::format("{} '{}': expected PART, PART@PORT or PART@INSTANCE:PORT with "
                  "PORT one of A1, A2, B1, B2",
                  what, text));
}

unsigned parse_boot_mode(const std::string& text, const std::string& what) {
  static const unsigned kPins[] = {2, 0, 1};
  return kPins[choose_name(what, text, {"internal", "fuses", "serial"})];
}

namespace {

constexpr std::uint64_t kVcdWarnBytes = 64ull << 20;  // a waveform viewer struggles beyond this

void note_vcd_size(board::VcdWriter& vcd, const FrameGate& gate, const std::string& path,
                   std::vector<std::string>& notes) {
  const std::uint64_t bytes = vcd.bytes_written();
  notes.push_back(
      fmt::format("VCD {}: {} frames, {:.1f} MB; {} frames outside the record window "
                  "(--vcd-window) left out",
                  path, vcd.frames_written(), static_cast<double>(bytes) / 1e6, gate.dropped()));
  if (bytes > kVcdWarnBytes)
    notes.push_back(
        fmt::format("warning: the VCD {} is {:.0f} MB; narrow it with --vcd-window "
                    "(a step list or a time range)",
                    path, static_cast<double>(bytes) / 1e6));
}

// One file's bytes in one flash part, for the overlap check.
struct PlacedRange {
  std::string path, instance;
  std::uint64_t begin = 0, end = 0;  // flash offsets [begin, end)
};

image::InspectReport place_file(const ImageArg& a, const chips::ChipProfile& chip) {
  const image::LoadedFile file = image::load_file(a.path);
  image::InspectOptions opt;
  opt.chip = chip.name;
  if (a.at) {
    if (file.has_addresses)
      throw InputError(
          fmt::format("{}: @ADDR/--offset/--address are only for raw binaries; this "
                      "{} file carries its own addresses",
                      a.path, image::format_name(file.format)));
    const bool address = a.at_kind == ImageArg::At::kEither ? chip.instance_at(*a.at) != nullptr
                                                            : a.at_kind == ImageArg::At::kAddress;
    (address ? opt.address : opt.offset) = *a.at;
  }
  image::InspectReport placed = image::inspect(file, opt, chips::ChipCatalog::builtin());
  if (!placed.file_start_offset || placed.flash.empty())
    throw InputError(
        fmt::format("{}: cannot tell where this file goes in flash ({}); give "
                    "FILE@ADDR or --offset/--address",
                    a.path, placed.placement_reasoning));
  return placed;
}

// Writes every image into the flash part of the FlexSPI instance its addresses name, as a
// factory programmer would; two files writing the same bytes are an input error.
void place_images(const BootRequest& request, const chips::ChipProfile& chip,
                  soc::Platform& platform, std::vector<std::string>& notes) {
  std::vector<PlacedRange> done;
  for (const ImageArg& a : request.images) {
    const image::InspectReport placed = place_file(a, chip);
    const int index = platform.instance_index(placed.flexspi_instance);
    flash::NorDevice* dev = nullptr;
    unsigned port = 0;
    for (unsigned p = 0; p < 4 && index >= 0 && !dev; ++p) {
      dev = platform.flash(static_cast<std::size_t>(index), p);
      port = p;
    }
    if (!dev)
      throw InputError(
          fmt::format("{}: the image belongs to {} (window 0x{:08X}), where no "
                      "flash part is attached",
                      a.path, placed.flexspi_instance, placed.window_base));
    std::uint64_t bytes = 0;
    for (const image::Segment& s : placed.flash.segments()) {
      bytes += s.data.size();
      if (s.end() > dev->part().size_bytes)
        throw InputError(
            fmt::format("{}: bytes up to flash offset 0x{:X} do not fit in {} ({} "
                        "bytes)",
                        a.path, s.end(), dev->part().name, dev->part().size_bytes));
      const PlacedRange r{a.path, placed.flexspi_instance, s.address, s.end()};
      for (const PlacedRange& o : done)
        if (o.instance == r.instance && o.path != r.path && r.begin < o.end && o.begin < r.end)
          throw InputError(fmt::format(
              "{} (flash offset 0x{:X}-0x{:X}) overlaps {} (0x{:X}-0x{:X}) on {}: two images "
              "would write the same flash bytes",
              r.path, r.begin, r.end - 1, o.path, o.begin, o.end - 1, r.instance));
      done.push_back(r);
      dev->array().write(s.address, s.data.data(), s.data.size());
    }
    notes.push_back(
        fmt::format("{}: {} bytes written at flash offset 0x{:X} of the {} part on "
                    "{} port {}",
                    a.path, bytes, *placed.file_start_offset, dev->part().name,
                    placed.flexspi_instance, kPortNames[port]));
  }
}

}  // namespace

struct BootSession::Impl {
  const chips::ChipProfile* chip = nullptr;
  soc::PlatformConfig config;
  std::unique_ptr<soc::Platform> platform;
  std::unique_ptr<BootRom> rom;
  std::unique_ptr<HostPort> host;
  std::unique_ptr<Runner> runner;
  std::unique_ptr<board::VcdWriter> vcd;
  board::FrameTee tee;
  std::unique_ptr<FrameGate> gate;
  BootRequest request;
  std::vector<std::string> part_names;
};

BootSession::BootSession(const BootRequest& request) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.request = request;
  m.chip = &chips::ChipCatalog::builtin().get(request.chip);
  if (!m.chip->supported)
    throw InputError(fmt::format("chip {}: {}", m.chip->name, m.chip->unsupported_reason));
  if (request.flashes.empty()) throw InputError("no flash part given (--flash PART)");
  if (request.reset != "power" && request.reset != "warm")
    throw InputError(fmt::format("--reset '{}': expected power or warm", request.reset));
  if (request.boot_mode > 3) throw InputError("boot mode must be 0..3");
  m.config.chip = m.chip;
  for (const FlashArg& f : request.flashes) {
    m.config.flashes.push_back({f.instance, f.port, flash::load_part(f.part)});
    m.part_names.push_back(f.part);
  }
  m.config.board = request.board;
  m.config.board.dqs = request.dqs;
  m.config.fuses = request.fuses;
  m.config.boot_mode = request.boot_mode;
  m.config.boot_cfg_pins = request.boot_cfg_pins;
  m.config.seed = request.seed;
  m.config.device.seed = request.seed;
  m.platform = std::make_unique<soc::Platform>("soc", m.config);
  m.rom = std::make_unique<BootRom>("rom", *m.chip);
  m.rom->socket.bind(m.platform->bus.in);
  m.host = std::make_unique<HostPort>("host");
  m.host->socket.bind(m.platform->bus.host_in);
  if (request.pull_up) {
    for (std::size_t i = 0; i < m.platform->flexspi_count(); ++i)
      for (unsigned p = 0; p < board::Board::kPorts; ++p)
        m.platform->board(i).set_pull_up(p, *request.pull_up);
  }

  set_flash_registers(request, *m.platform, notes_);
  place_images(request, *m.chip, *m.platform, notes_);
  for (const FlashPatch& patch : request.patches) {
    const FlashArg& f = request.flashes.at(patch.flash);
    const int i = f.instance.empty() ? m.platform->instance_index(m.chip->boot_instance()->name)
                                     : m.platform->instance_index(f.instance);
    flash::NorDevice* dev = m.platform->flash(static_cast<std::size_t>(i), f.port);
    if (patch.offset + patch.data.size() > dev->part().size_bytes)
      throw InputError(fmt::format("{}: bytes up to offset 0x{:X} do not fit in {} ({} bytes)",
                                   patch.source, patch.offset + patch.data.size(), dev->part().name,
                                   dev->part().size_bytes));
    dev->array().write(patch.offset, patch.data.data(), patch.data.size());
    notes_.push_back(fmt::format("{}: {} bytes written at flash offset 0x{:X} of {}", patch.source,
                                 patch.data.size(), patch.offset, dev->part().name));
  }
  const auto* inst = m.chip->boot_instance();
  board::Board& boot_board =
      m.platform->board(static_cast<std::size_t>(m.platform->instance_index(inst->name)));
  if (!request.vcd_path.empty()) {
    m.vcd = std::make_unique<board::VcdWriter>(request.vcd_path);
    m.tee.add(m.vcd.get());
  }
  if (request.observer) m.tee.add(request.observer);
  if (!m.tee.empty()) {
    m.gate = std::make_unique<FrameGate>(m.tee, request.record);
    boot_board.set_observer(m.gate.get());
  }
  m.runner = std::make_unique<Runner>("runner", *m.platform, *m.rom, *m.host, m.request, notes_,
                                      m.gate.get());
  m.runner->part_names_ = m.part_names;
}

BootSession::~BootSession() = default;

soc::Platform& BootSession::platform() {
  return *impl_->platform;
}

SessionReport BootSession::run_steps() {
  sc_core::sc_start();
  if (impl_->vcd) note_vcd_size(*impl_->vcd, *impl_->gate, impl_->request.vcd_path, notes_);
  return std::move(impl_->runner->report);
}

BootReport BootSession::run() {
  SessionReport r = run_steps();
  for (auto it = r.steps.rbegin(); it != r.steps.rend(); ++it)
    if (it->boot) return std::move(*it->boot);
  throw InputError("the session ran no boot step");
}

const BootReport* SessionReport::last_boot() const {
  for (auto it = steps.rbegin(); it != steps.rend(); ++it)
    if (it->boot) return &*it->boot;
  return nullptr;
}

const char* step_kind_name(SessionStep::Kind k) {
  switch (k) {
    case SessionStep::Kind::kPowerOn:
      return "power_on";
    case SessionStep::Kind::kWarmReset:
      return "warm_reset";
    case SessionStep::Kind::kLeaveFlash:
      return "leave_flash";
    case SessionStep::Kind::kBoot:
      return "boot";
    case SessionStep::Kind::kProgram:
      return "program";
    case SessionStep::Kind::kFlashloader:
      return "flashloader";
    case SessionStep::Kind::kIap:
      return "iap";
    case SessionStep::Kind::kRead:
      return "read";
  }
  return "boot";
}

}  // namespace xipsim::boot
