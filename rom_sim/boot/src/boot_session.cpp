// BootSession: builds the platform for a BootRequest, puts the flash contents in place
// (flash_setup.cpp) and runs the steps in the SystemC runner (step_runner.cpp).
#include "xipsim/boot/boot_session.h"

#include <fmt/format.h>

#include "flash_setup.h"
#include "frame_gate.h"
#include "step_runner.h"
#include "xipsim/board/vcd_writer.h"
#include "xipsim/chips/chip_catalog.h"
#include "xipsim/core/errors.h"
#include "xipsim/flash/part_loader.h"

namespace xipsim::boot {

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
  image::SymbolTable symbols;
};

namespace {

void check_request(const BootRequest& request, const chips::ChipProfile& chip) {
  if (!chip.supported)
    throw InputError(fmt::format("chip {}: {}", chip.name, chip.unsupported_reason));
  if (request.flashes.empty()) throw InputError("no flash part given");
  if (request.boot_mode > 3) throw InputError("boot mode must be 0..3");
}

// The application's symbols: --symbols, else the first image when it is an ELF.
image::SymbolTable load_app_symbols(const BootRequest& request) {
  if (!request.symbols.empty()) return image::load_symbols(request.symbols);
  if (!request.images.empty() && image::is_elf_file(request.images.front().path))
    return image::load_symbols(request.images.front().path);
  return {};
}

// `until: main`: the function's address from the symbols, or one clear error.
void resolve_until(RunRequest& run, const image::SymbolTable& symbols) {
  if (run.until_symbol.empty()) return;
  if (symbols.empty())
    throw InputError(fmt::format(
        "until '{}': no symbols to find it in (the image is not an ELF file with a symbol "
        "table; give the application's ELF with --symbols)",
        run.until_symbol));
  const auto a = symbols.find(run.until_symbol);
  if (!a)
    throw InputError(fmt::format("until '{}': {} has no such symbol ({} symbols)", run.until_symbol,
                                 symbols.source(), symbols.size()));
  run.until = *a;
}

soc::PlatformConfig platform_config(const BootRequest& request, const chips::ChipProfile& chip) {
  soc::PlatformConfig config;
  config.chip = &chip;
  for (const FlashArg& f : request.flashes)
    config.flashes.push_back({f.instance, f.port, flash::load_part(f.part)});
  config.board = request.board;
  config.board.dqs = request.dqs;
  config.fuses = request.fuses;
  config.boot_mode = request.boot_mode;
  config.boot_cfg_pins = request.boot_cfg_pins;
  config.seed = request.seed;
  config.device.seed = request.seed;
  return config;
}

}  // namespace

BootSession::BootSession(const BootRequest& request) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.request = request;
  m.chip = &chips::ChipCatalog::builtin().get(request.chip);
  check_request(request, *m.chip);
  m.symbols = load_app_symbols(request);
  if (m.request.run) resolve_until(*m.request.run, m.symbols);
  for (SessionStep& s : m.request.steps)
    if (s.kind == SessionStep::Kind::kRun) resolve_until(s.run, m.symbols);
  m.config = platform_config(request, *m.chip);
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
  apply_patches(request, *m.platform, notes_);
  attach_observers();
  std::vector<std::string> part_names;
  for (const FlashArg& f : request.flashes)
    part_names.push_back(f.part);
  m.runner = std::make_unique<Runner>("runner", *m.platform, *m.rom, *m.host, m.request,
                                      std::move(part_names), notes_, m.gate.get());
  m.runner->set_symbols(&m.symbols);
}

// The VCD writer and the caller's observer see the boot instance's frames through the gate.
void BootSession::attach_observers() {
  Impl& m = *impl_;
  board::Board& boot_board = m.platform->boot_board();
  if (!m.request.vcd_path.empty()) {
    m.vcd = std::make_unique<board::VcdWriter>(m.request.vcd_path);
    m.tee.add(m.vcd.get());
  }
  if (m.request.observer) m.tee.add(m.request.observer);
  if (!m.tee.empty()) {
    m.gate = std::make_unique<FrameGate>(m.tee, m.request.record);
    boot_board.set_observer(m.gate.get());
  }
}

BootSession::~BootSession() = default;

soc::Platform& BootSession::platform() {
  return *impl_->platform;
}

SessionReport BootSession::run_steps() {
  sc_core::sc_start();
  if (impl_->vcd) note_vcd_size(*impl_->vcd, *impl_->gate, impl_->request.vcd_path, notes_);
  return impl_->runner->take_report();
}

BootReport BootSession::run() {
  SessionReport r = run_steps();
  for (auto it = r.steps.rbegin(); it != r.steps.rend(); ++it)
    if (it->boot) return std::move(*it->boot);
  throw InputError("the session ran no boot step");
}

const Execution* SessionReport::last_execution() const {
  for (auto it = steps.rbegin(); it != steps.rend(); ++it)
    if (it->execution) return &*it->execution;
  return nullptr;
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
    case SessionStep::Kind::kServe:
      return "serve";
    case SessionStep::Kind::kRead:
      return "read";
    case SessionStep::Kind::kRun:
      return "run";
  }
  return "boot";
}

}  // namespace xipsim::boot
