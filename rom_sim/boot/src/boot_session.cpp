#include "xipsim/boot/boot_session.h"

#include <fmt/format.h>

#include <algorithm>

#include "diagnose.h"
#include "xipsim/board/vcd_writer.h"
#include "xipsim/boot/boot_rom.h"
#include "xipsim/chips/chip_catalog.h"
#include "xipsim/core/errors.h"
#include "xipsim/core/yaml_reader.h"
#include "xipsim/flash/part_loader.h"
#include "xipsim/image/inspect.h"

namespace xipsim::boot {

namespace {
// Runs the reset and the ROM in a SystemC thread.
class Runner : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(Runner);
  Runner(sc_core::sc_module_name name, soc::Platform& platform, BootRom& rom,
         const BootRequest& request, std::vector<std::string>& notes)
      : sc_core::sc_module(name), platform_(platform), rom_(rom), request_(request), notes_(notes) {
    SC_THREAD(run);
  }
  BootReport report;

 private:
  void run() {
    platform_.power_on_reset(0);
    const bool warm = request_.reset == "warm";
    if (request_.leftover.any()) {
      flash::NorDevice* boot_flash = boot_device();
      if (boot_flash) {
        for (const std::string& s : soc::leave_flash_in(*boot_flash, request_.leftover, 0))
          notes_.push_back("previous application: " + s);
      }
    }
    if (warm)
      platform_.warm_reset(0);
    else
      platform_.power_on_reset(0);
    const flash::NorDevice* d = boot_device();
    const soc::FlashLeftover modes = d ? soc::modes_of(*d) : soc::FlashLeftover{};
    BootOptions o;
    o.reset_kind = warm ? "warm" : "power";
    report = rom_.boot(o);
    if (modes.any()) report.flash_modes_at_reset = soc::describe(modes);
  }
  flash::NorDevice* boot_device() {
    const auto* inst = platform_.chip().boot_instance();
    const int i = inst ? platform_.instance_index(inst->name) : -1;
    return i < 0 ? nullptr : platform_.flash(static_cast<std::size_t>(i), 0);
  }
  soc::Platform& platform_;
  BootRom& rom_;
  const BootRequest& request_;
  std::vector<std::string>& notes_;
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

struct BootSession::Impl {
  const chips::ChipProfile* chip = nullptr;
  soc::PlatformConfig config;
  std::unique_ptr<soc::Platform> platform;
  std::unique_ptr<BootRom> rom;
  std::unique_ptr<Runner> runner;
  std::unique_ptr<board::VcdWriter> vcd;
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
  m.config.board.dqs = request.dqs;
  m.config.fuses = request.fuses;
  m.config.boot_mode = request.boot_mode;
  m.config.boot_cfg_pins = request.boot_cfg_pins;
  m.config.seed = request.seed;
  m.config.device.seed = request.seed;
  m.platform = std::make_unique<soc::Platform>("soc", m.config);
  m.rom = std::make_unique<BootRom>("rom", *m.chip);
  m.rom->socket.bind(m.platform->bus.in);

  set_flash_registers(request, *m.platform, notes_);
  for (const ImageArg& a : request.images) {
    const image::LoadedFile file = image::load_file(a.path);
    image::InspectOptions opt;
    opt.chip = m.chip->name;
    if (a.at) {
      if (file.has_addresses)
        throw InputError(
            fmt::format("{}: @ADDR is only for raw binaries; this {} file carries "
                        "its own addresses",
                        a.path, image::format_name(file.format)));
      if (m.chip->instance_at(*a.at))
        opt.address = *a.at;
      else
        opt.offset = *a.at;
    }
    const image::InspectReport placed = image::inspect(file, opt, chips::ChipCatalog::builtin());
    if (!placed.file_start_offset || placed.flash.empty())
      throw InputError(
          fmt::format("{}: cannot tell where this file goes in flash ({}); give "
                      "FILE@ADDR",
                      a.path, placed.placement_reasoning));
    const int index = m.platform->instance_index(placed.flexspi_instance);
    flash::NorDevice* dev = nullptr;
    unsigned port = 0;
    for (unsigned p = 0; p < 4 && index >= 0 && !dev; ++p) {
      dev = m.platform->flash(static_cast<std::size_t>(index), p);
      port = p;
    }
    if (!dev)
      throw InputError(
          fmt::format("{}: the image belongs to {} (window 0x{:08X}), where no flash "
                      "part is attached",
                      a.path, placed.flexspi_instance, placed.window_base));
    for (const image::Segment& s : placed.flash.segments()) {
      if (s.end() > dev->part().size_bytes)
        throw InputError(
            fmt::format("{}: bytes up to flash offset 0x{:X} do not fit in {} ({} "
                        "bytes)",
                        a.path, s.end(), dev->part().name, dev->part().size_bytes));
      dev->array().write(s.address, s.data.data(), s.data.size());
    }
    notes_.push_back(
        fmt::format("{}: {} bytes written at flash offset 0x{:X} of the {} part on "
                    "{} port {}",
                    a.path, file.byte_count(), *placed.file_start_offset, dev->part().name,
                    placed.flexspi_instance, kPortNames[port]));
  }
  if (!request.vcd_path.empty()) {
    m.vcd = std::make_unique<board::VcdWriter>(request.vcd_path);
    const auto* inst = m.chip->boot_instance();
    m.platform->board(static_cast<std::size_t>(m.platform->instance_index(inst->name)))
        .set_observer(m.vcd.get());
  }
  m.runner = std::make_unique<Runner>("runner", *m.platform, *m.rom, m.request, notes_);
}

BootSession::~BootSession() = default;

soc::Platform& BootSession::platform() {
  return *impl_->platform;
}

BootReport BootSession::run() {
  Impl& m = *impl_;
  sc_core::sc_start();
  BootReport r = std::move(m.runner->report);
  r.flash_part = m.part_names.front();
  const auto* inst = m.chip->boot_instance();
  const int i = m.platform->instance_index(inst->name);
  const auto& stats = m.platform->flexspi(static_cast<std::size_t>(i)).controller().stats();
  r.frames = stats.frames;
  r.flash_bytes_read = stats.bytes_read;
  if (r.verdict != Verdict::kBooted) r.hint = diagnose(r, *m.platform);
  return r;
}

}  // namespace xipsim::boot
