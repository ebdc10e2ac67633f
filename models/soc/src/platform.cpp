#include "xipsim/soc/platform.h"

#include <cctype>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "xipsim/core/errors.h"
#include "xipsim/flexspi/registers.h"
#include "xipsim/soc/adc.h"
#include "xipsim/soc/flexram.h"
#include "xipsim/soc/rt10xx_clocks.h"

namespace xipsim::soc {

namespace {
// Bus-side latencies (assumptions, docs/soc-model.md): RAM and peripheral accesses cost two
// clocks of a 132 MHz bus; the FlexSPI module adds its own.
constexpr Picoseconds kBusClockPs = 7576;
constexpr Picoseconds kRamLatency = 2 * kBusClockPs;
constexpr Picoseconds kRegisterLatency = 2 * kBusClockPs;
constexpr std::uint64_t kFlexspiRegisterRegion = 0x4000;
constexpr std::uint64_t kOcotpRegion = 0x1000;
constexpr std::uint64_t kSrcRegion = 0x100;
constexpr std::uint64_t kPeripheralSpace = 0x4000'0000, kPeripheralSpaceSize = 0x2000'0000;
// FlexSPI serial root clock after reset. The CCM is not modelled; 30 MHz is an assumption (the
// ROM and every driver set the clock before using the controller).
constexpr double kFlexspiRootAfterResetHz = 30e6;
// RAM regions larger than this are external memories (SEMC SDRAM) and are not allocated.
constexpr std::uint64_t kLargestOnChipRam = 0x0100'0000;

flexspi::FlexspiFeatures features_of(const chips::ChipProfile& c) {
  return {c.flexspi_features.ahb_rx_buffers, c.flexspi_features.ahb_rx_buffer_ram,
          c.flexspi_features.ip_fifo_bytes};
}

// The instance number in a name such as "LPUART7" (0 when it has none).
unsigned instance_number(const std::string& name) {
  std::size_t i = name.size();
  while (i > 0 && std::isdigit(static_cast<unsigned char>(name[i - 1])))
    --i;
  return i < name.size() ? static_cast<unsigned>(std::stoul(name.substr(i))) : 0;
}
}  // namespace

std::uint32_t sbmr2_value(unsigned boot_mode, bool bt_fuse_sel, unsigned sec_config) {
  return (sec_config & 3u) | (bt_fuse_sel ? 1u << 4 : 0u) | ((boot_mode & 3u) << 24);
}

Platform::Platform(sc_core::sc_module_name name, const PlatformConfig& config)
    : sc_core::sc_module(name), bus("bus"), config_(config) {
  if (!config_.chip) throw std::logic_error("Platform: no chip profile");
  if (!config_.chip->supported)
    throw InputError(
        fmt::format("chip {}: {}", config_.chip->name, config_.chip->unsupported_reason));
  build_flexspi();
  build_memories();
  build_application();
  build_registers();
  build_pad_watch();
  build_console_rx();
  build_cpu();
  for (auto& b : blocks_)  // misuse by the application goes to the run's notes
    b->on_misuse([this](Picoseconds now, const std::string& text) {
      if (cpu_) cpu_->add_note(now, text);
    });
}

// The DQS pads' mux registers: the board follows what the application muxes them to.
void Platform::build_pad_watch() {
  for (const chips::DqsPadMux& d : chip().application.dqs_pads) {
    const int i = instance_index(d.instance);
    if (i < 0)
      throw InputError(fmt::format("{}: application.dqs_pads: no FlexSPI instance '{}'",
                                   chip().source_file, d.instance));
    for (auto& b : blocks_) {
      if (d.mux < b->bus_base() || d.mux - b->bus_base() >= b->size()) continue;
      RegisterBlock* block = b.get();
      block->on_written([this, block, d, i](std::uint64_t offset, Picoseconds now) {
        if (block->bus_base() + offset == d.mux)
          follow_dqs_pad(d, static_cast<std::size_t>(i), block->word(offset), now);
      });
      pad_blocks_.push_back({block, d});
    }
  }
}

// The console's RX pad as a GPIO input (chip profile console_rx): while its mux register says
// the GPIO alternate, the pin reads the host's line into the console LPUART and sees its edges;
// muxed otherwise, the pin reads 0 and has no edges.
void Platform::build_console_rx() {
  const auto& rx = chip().application.console_rx;
  if (!rx) return;
  GpioBlock* gpio = nullptr;
  for (GpioBlock* g : gpio_)
    if (g->port() == rx->gpio) gpio = g;
  LpuartBlock* uart = nullptr;
  for (LpuartBlock* u : uarts_)
    if (u->port() == chip().application.console) uart = u;
  const RegisterBlock* mux = nullptr;  // the smallest block holding it (not a fallback)
  for (const auto& b : blocks_)
    if (rx->mux >= b->bus_base() && rx->mux - b->bus_base() < b->size() &&
        (!mux || b->size() < mux->size()))
      mux = b.get();
  if (!gpio || !uart || !mux) return;
  const std::uint64_t offset = rx->mux - mux->bus_base();
  const unsigned alt = rx->gpio_alt;
  const SerialLine* line = &uart->rx_line();
  const auto as_gpio = [mux, offset, alt] { return (mux->word(offset) & 0xFu) == alt; };
  gpio->connect_input(
      rx->pin,
      {[line, as_gpio](Picoseconds t) { return as_gpio() && line->level(t); },
       [line, as_gpio](Picoseconds t) { return as_gpio() ? line->edge(t) : SerialLine::kNever; }});
}

void Platform::follow_dqs_pad(const chips::DqsPadMux& d, std::size_t instance, std::uint32_t value,
                              Picoseconds now) {
  const unsigned mode = value & 0xFu;  // MUX_MODE (SION is bit 4)
  std::string& function = boards_[instance]->timing().dqs_pad_function;
  const std::string now_function =
      mode == d.alt ? std::string() : fmt::format("{} as ALT{}", d.pad, mode);
  if (now_function == function) return;
  function = now_function;
  if (!cpu_) return;
  cpu_->add_note(
      now, function.empty()
               ? fmt::format("IOMUXC: {} muxed back to {}_DQS (ALT{})", d.pad, d.instance, d.alt)
               : fmt::format("IOMUXC: {} (the {} DQS pad) muxed to ALT{}; reads that "
                             "sample with RXCLKSRC 1 get no strobe through it",
                             d.pad, d.instance, mode));
}

Platform::~Platform() = default;

int Platform::instance_index(const std::string& name) const {
  const auto& list = chip().flexspi;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

void Platform::build_flexspi() {
  const auto& list = chip().flexspi;
  board::BoardTiming timing = config_.board;
  // RXCLKSRC 2 exists where the chip profile gives it a limit (docs/chips.md).
  timing.sck_pad_loopback_allowed = chip().sample_clock.sck_pad_loopback_mhz.has_value();
  for (std::size_t i = 0; i < list.size(); ++i) {
    boards_.push_back(std::make_unique<board::Board>(timing, config_.seed + i));
    flexspi_.push_back(std::make_unique<flexspi::FlexspiModule>(
        list[i].name.c_str(), features_of(chip()), *boards_.back()));
    bus.map(list[i].name, list[i].register_base, kFlexspiRegisterRegion,
            flexspi_.back()->registers);
    bus.map(list[i].name + " AHB", list[i].ahb.base, list[i].ahb.size, flexspi_.back()->ahb);
  }
  for (const FlashAttachment& a : config_.flashes) {
    const int index =
        a.instance.empty()
            ? instance_index(chip().boot_instance() ? chip().boot_instance()->name : std::string())
            : instance_index(a.instance);
    if (index < 0)
      throw InputError(fmt::format("flash attachment: chip {} has no FlexSPI instance '{}'",
                                   chip().name, a.instance));
    if (a.port >= flexspi::Flexspi::kPorts)
      throw InputError(
          fmt::format("flash attachment: port {} (expected 0..3: A1 A2 B1 B2)", a.port));
    devices_.push_back(std::make_unique<flash::NorDevice>(a.part, config_.device));
    boards_[static_cast<std::size_t>(index)]->attach(a.port, devices_.back().get());
  }
}

// The bytes behind a RAM region: a TCM holds room for the whole FlexRAM (its banks can all go
// to it), mapped on the bus at the fuse-default size.
std::uint64_t Platform::ram_capacity(const chips::RamRegion& r) const {
  const chips::ApplicationMap& app = chip().application;
  const bool tcm = r.range.name == "ITCM" || r.range.name == "DTCM";
  return tcm && app.flexram_banks
             ? std::max<std::uint64_t>(r.range.size, app.flexram_banks * app.flexram_bank_size)
             : r.range.size;
}

void Platform::build_memories() {
  for (const chips::RamRegion& r : chip().ram) {
    if (r.needs_init || r.range.size > kLargestOnChipRam) continue;
    memories_.push_back(
        std::make_unique<Memory>(sc_core::sc_gen_unique_name("ram"), ram_capacity(r), kRamLatency));
    bus.map(r.range.name, r.range.base, r.range.size, memories_.back()->socket);
  }
}

void Platform::build_registers() {
  const chips::ChipProfile& c = chip();
  for (const chips::AddressRange& p : c.peripherals) {
    if (bus.region_at(p.base)) continue;  // FlexSPI register blocks are mapped already
    if (p.name == "SEMC") {
      blocks_.push_back(
          std::make_unique<SemcBlock>(p.name.c_str(), p.base, p.size, kRegisterLatency));
      build_sdram(*blocks_.back());
    } else
      blocks_.push_back(
          std::make_unique<RegisterBlock>(p.name.c_str(), p.base, p.size, kRegisterLatency));
    bus.map(p.name, p.base, p.size, blocks_.back()->socket);
  }
  // Peripheral space no block of the profile covers: a recording register block, so that a DCD
  // writing to an unlisted peripheral (e.g. the RT1170 CCM) reaches something, as on silicon.
  blocks_.push_back(std::make_unique<RegisterBlock>("PERIPHERALS", kPeripheralSpace,
                                                    kPeripheralSpaceSize, kRegisterLatency));
  bus.map_fallback("peripheral space", kPeripheralSpace, kPeripheralSpaceSize,
                   blocks_.back()->socket);

  auto ocotp = std::make_unique<ReadOnlyBlock>("OCOTP", c.boot_control.ocotp_base, kOcotpRegion,
                                               kRegisterLatency);
  for (const auto& [address, value] : config_.fuses)
    ocotp->set_word(address, value);
  bus.map("OCOTP", c.boot_control.ocotp_base, kOcotpRegion, ocotp->socket);
  fixed_.push_back(std::move(ocotp));

  const auto fuse = [&](std::uint32_t a) {
    const auto it = config_.fuses.find(a);
    return it == config_.fuses.end() ? 0u : it->second;
  };
  const bool bt_fuse_sel = (fuse(0x460) >> 4) & 1u;
  const unsigned sec_config = ((fuse(0x440) >> 1) & 1u) | (((fuse(0x460) >> 1) & 1u) << 1);
  auto src =
      std::make_unique<SrcBlock>("SRC", c.boot_control.src_base, kSrcRegion, kRegisterLatency);
  src_ = src.get();
  src->set_word(src_reg::SBMR1, config_.boot_cfg_pins);
  src->set_word(src_reg::SBMR2, sbmr2_value(config_.boot_mode, bt_fuse_sel, sec_config));
  bus.map("SRC", c.boot_control.src_base, kSrcRegion, src->socket);
  fixed_.push_back(std::move(src));

  auto clocks = std::make_unique<ClockControl>(
      "CLOCKS", kClockControlBase, static_cast<unsigned>(flexspi_.size()),
      [this](unsigned i, std::uint32_t khz, Picoseconds now) { set_clock(i, khz, now); });
  bus.map("CLOCKS", kClockControlBase, clocks->size(), clocks->socket);
  fixed_.push_back(std::move(clocks));
}

void Platform::build_application() {
  const chips::ApplicationMap& app = chip().application;
  if (!app.present) return;
  const auto add = [this](std::unique_ptr<RegisterBlock> b, const std::string& name) {
    bus.map(name, b->bus_base(), b->size(), b->socket);
    blocks_.push_back(std::move(b));
    return blocks_.back().get();
  };
  build_clocks();
  if (app.flexram_banks)
    add(std::make_unique<FlexRamGpr>("IOMUXC_GPR", app.iomuxc_gpr, kRegisterLatency,
                                     app.flexram_banks, app.flexram_bank_size,
                                     [this](const FlexRamSizes& s, Picoseconds) { flexram(s); }),
        "IOMUXC_GPR");
  for (const chips::NamedBlock& g : app.gpio) {
    gpio_.push_back(static_cast<GpioBlock*>(add(
        std::make_unique<GpioBlock>(g.name.c_str(), g.name, g.base, kRegisterLatency), g.name)));
    irq_timers_.push_back({gpio_.back(), gpio_.back(), g.irq});
    if (g.irq >= 0) irq_timers_.push_back({nullptr, &gpio_.back()->line_16_31(), g.irq + 1});
  }
  for (const chips::NamedBlock& a : app.adc)
    add(std::make_unique<AdcBlock>(a.name.c_str(), a.base, kRegisterLatency), a.name);
  for (const chips::NamedBlock& w : app.wdog)
    wdogs_.push_back(static_cast<WdogBlock*>(add(
        // wdog_rst_b for WDOG1 and, assumed, WDOG2 (the RT1060 SRSR names one watchdog bit)
        std::make_unique<WdogBlock>(w.name.c_str(), w.name, w.base, kRegisterLatency,
                                    SrcBlock::WDOG_RST_B),
        w.name)));
  for (const chips::NamedBlock& w : app.rtwdog)
    rtwdogs_.push_back(
        static_cast<RtwdogBlock*>(add(std::make_unique<RtwdogBlock>(
                                          w.name.c_str(), w.name, w.base, kRegisterLatency,
                                          [this] { return ipg_clock_hz(); }, SrcBlock::WDOG3_RST_B),
                                      w.name)));
  build_timers();
  if (app.snvs) {  // in fixed_: a warm reset keeps it
    auto snvs = std::make_unique<SnvsBlock>("SNVS", app.snvs, kRegisterLatency);
    snvs_ = snvs.get();
    bus.map("SNVS", app.snvs, snvs->size(), snvs->socket);
    fixed_.push_back(std::move(snvs));
  }
  for (const chips::NamedBlock& u : app.lpuart) {
    uarts_.push_back(static_cast<LpuartBlock*>(
        add(std::make_unique<LpuartBlock>(
                u.name.c_str(), u.name, u.base, kRegisterLatency,
                [this, n = instance_number(u.name)] { return clocks_->uart_hz(n); }),
            u.name)));
    irq_timers_.push_back({uarts_.back(), uarts_.back(), u.irq});
  }
}

// The PITs and GPTs of the chip profile, clocked by PERCLK_CLK_ROOT, each with its interrupt.
void Platform::build_timers() {
  const chips::ApplicationMap& app = chip().application;
  const auto perclk = [this] { return clocks_->perclk_hz(); };
  const auto place = [this](auto block, const chips::NamedBlock& b) {
    auto* raw = block.get();
    bus.map(b.name, raw->bus_base(), raw->size(), raw->socket);
    blocks_.push_back(std::move(block));
    irq_timers_.push_back({raw, raw, b.irq});
  };
  for (const chips::NamedBlock& p : app.pit)
    place(std::make_unique<PitBlock>(p.name.c_str(), p.name, p.base, kRegisterLatency, perclk), p);
  for (const chips::NamedBlock& g : app.gpt)
    place(std::make_unique<GptBlock>(g.name.c_str(), g.name, g.base, kRegisterLatency, perclk), g);
}

// The SDRAM region of the profile behind the SEMC; the CPU maps what the SEMC opens.
void Platform::build_sdram(const RegisterBlock& semc) {
  for (const chips::RamRegion& r : chip().ram) {
    if (!r.needs_init) continue;
    sdram_ = std::make_unique<SdramBlock>("sdram", r.range.base, r.range.size, kRamLatency, semc);
    bus.map(r.range.name, r.range.base, r.range.size, sdram_->socket);
    blocks_.back()->on_written([this](std::uint64_t, Picoseconds now) { follow_sdram(now); });
    return;
  }
}

// The SEMC was written (a DCD or the application): the CPU maps the SDRAM it opens now.
void Platform::follow_sdram(Picoseconds) {
  const std::uint64_t open = sdram_ ? sdram_->usable() : 0;
  if (!cpu_ || !sdram_ || open == sdram_open_) return;
  sdram_open_ = open;
  cpu_->resize_ram(static_cast<std::uint32_t>(sdram_->bus_base()), static_cast<std::uint32_t>(open),
                   open ? fmt::format("SEMC BR0 opens {} KiB of SDRAM at 0x{:08X}", open >> 10,
                                      sdram_->bus_base())
                        : std::string("SEMC BR0 closed the SDRAM window"));
}

// The chip's clock blocks and the model that reads frequencies off them; writes to them are
// followed (the FlexSPI root clock).
void Platform::build_clocks() {
  const chips::ApplicationMap& app = chip().application;
  const auto add = [this](auto block, const std::string& name) {
    auto* raw = block.get();
    bus.map(name, raw->bus_base(), raw->size(), raw->socket);
    raw->on_written([this](std::uint64_t, Picoseconds now) { follow_flexspi_clock(now); });
    blocks_.push_back(std::move(block));
    return raw;
  };
  if (app.clock_tree == "rt1170") {
    auto* c = add(std::make_unique<Rt11xxCcmBlock>("CCM", app.ccm, kRegisterLatency), "CCM");
    auto* a =
        add(std::make_unique<AnadigBlock>("ANADIG", app.ccm_analog, kRegisterLatency), "ANADIG");
    clocks_ = rt11xx_clock_model(*c, *a);
  } else {
    auto* c = add(std::make_unique<CcmBlock>("CCM", app.ccm, kRegisterLatency), "CCM");
    auto* a = add(std::make_unique<CcmAnalogBlock>("CCM_ANALOG", app.ccm_analog, kRegisterLatency),
                  "CCM_ANALOG");
    clocks_ = rt10xx_clock_model(
        *c, *a, app.clock_tree == "rt1020" ? ClockTree::kEnetPll : ClockTree::kArmPll);
  }
  // the boot instance's root clock is followed; FLEXSPI2's (CBCMR, CLOCK_ROOT21) is not
  ccm_flexspi_ = instance_index(clocks_->flexspi_instance());
  add(std::make_unique<DcdcBlock>("DCDC", app.dcdc, app.dcdc_reg0, kRegisterLatency), "DCDC");
}

// The Cortex-M7: on-chip RAM by pointer, the peripheral space through the bus, the FlexSPI
// windows through the FlexSPI model.
void Platform::build_cpu() {
  const chips::ApplicationMap& app = chip().application;
  if (!app.present) {
    no_cpu_ = std::make_unique<tlm_utils::simple_initiator_socket<Platform>>("no_cpu");
    no_cpu_->bind(bus.cpu_in);
    return;
  }
  cpu::CpuConfig c;
  for (std::size_t i = 0, m = 0; i < chip().ram.size(); ++i) {
    const chips::RamRegion& r = chip().ram[i];
    if (r.needs_init || r.range.size > kLargestOnChipRam) continue;
    c.ram.push_back({r.range.name, static_cast<std::uint32_t>(r.range.base),
                     static_cast<std::uint32_t>(r.range.size), memories_[m++]->bytes().data(),
                     static_cast<std::uint32_t>(ram_capacity(r))});
  }
  if (sdram_)  // mapped once the SEMC opens it (follow_sdram)
    c.ram.push_back({"SEMC SDRAM", static_cast<std::uint32_t>(sdram_->bus_base()), 0,
                     sdram_->host(), static_cast<std::uint32_t>(SdramBlock::kCapacity)});
  c.peripherals.push_back({"peripherals", static_cast<std::uint32_t>(kPeripheralSpace),
                           static_cast<std::uint32_t>(kPeripheralSpaceSize), nullptr});
  for (const chips::FlexspiInstance& f : chip().flexspi)
    c.windows.push_back({f.name, static_cast<std::uint32_t>(f.ahb.base),
                         static_cast<std::uint32_t>(f.ahb.size), nullptr});
  c.scs.irqs = app.irqs;
  c.unmodelled = [this](std::uint32_t a) { return unmodelled_register(a); };
  // The flash behind a window, byte for byte as the part on port A1 holds it (a single part
  // mapped from the window's base; other layouts: unknown).
  c.window_backdoor = [this](std::uint32_t a, std::uint8_t* out, unsigned len) {
    for (std::size_t i = 0; i < chip().flexspi.size(); ++i) {
      const auto& w = chip().flexspi[i].ahb;
      flash::NorDevice* d = w.contains(a, len) ? flash(i, 0) : nullptr;
      if (!d || a - w.base + len > d->part().size_bytes) continue;
      d->array().read(a - w.base, out, len);
      return true;
    }
    return false;
  };
  cpu_ = std::make_unique<cpu::Cpu>("cpu", c, [this] { return core_clock_hz(); });
  cpu_->socket.bind(bus.cpu_in);
  for (WdogBlock* w : wdogs_)
    cpu_->add_timed_source(w);
  for (RtwdogBlock* w : rtwdogs_)
    cpu_->add_timed_source(w);
  for (const IrqTimer& t : irq_timers_) {
    if (t.timer) cpu_->add_timed_source(t.timer);
    if (t.irq >= 0)
      t.line->on_irq([this, irq = static_cast<unsigned>(t.irq)](bool level) {
        cpu_->set_irq_line(irq, level);
      });
  }
}

// FlexRAM reassigned by the application: the CPU's ITCM and DTCM follow (the OCRAM region keeps
// its size: the chip profile merges the FlexRAM OCRAM with the dedicated OCRAM2).
void Platform::flexram(const FlexRamSizes& s) {
  if (!cpu_) return;
  const std::string why = fmt::format(
      "FlexRAM reconfigured (IOMUXC_GPR17 0x{:08X}): ITCM {} KiB, DTCM {} KiB, OCRAM {} KiB",
      s.gpr17, s.itcm / 1024, s.dtcm / 1024, s.ocram / 1024);
  for (const chips::RamRegion& r : chip().ram) {
    if (r.range.name == "ITCM")
      cpu_->resize_ram(static_cast<std::uint32_t>(r.range.base), static_cast<std::uint32_t>(s.itcm),
                       why);
    if (r.range.name == "DTCM")
      cpu_->resize_ram(static_cast<std::uint32_t>(r.range.base), static_cast<std::uint32_t>(s.dtcm),
                       why);
  }
}

std::string Platform::unmodelled_register(std::uint32_t address) const {
  const MappedRegion* region = bus.region_at(address);
  if (!region) return "";
  // the block that answers: the smallest one holding the address (the peripheral-space
  // fallback holds them all)
  const RegisterBlock* owner = nullptr;
  for (const auto* list : {&blocks_, &fixed_})
    for (const auto& b : *list)
      if (address - b->bus_base() < b->size() && (!owner || b->size() < owner->size()))
        owner = b.get();
  // A region smaller than that block is another model's (the FlexSPI controller's registers).
  if (!owner || owner->size() > region->size) return "";
  return !owner->models(address - owner->bus_base()) ? region->name : "";
}

double Platform::core_clock_hz() const {
  return clocks_ ? clocks_->core_hz() : 0.0;
}

double Platform::ipg_clock_hz() const {
  return clocks_ ? clocks_->bus_hz() : 0.0;
}

void Platform::set_clock(unsigned instance, std::uint32_t khz, Picoseconds now) {
  flexspi_.at(instance)->controller().set_root_clock_hz(khz * 1000.0);
  if (clocks_ && static_cast<int>(instance) == ccm_flexspi_) {
    clocks_->program_flexspi(khz * 1000.0, now);
    ccm_flexspi_hz_ = clocks_->flexspi_hz();
  }
}

// The application wrote the CCM or CCM_ANALOG: when FLEXSPI_CLK_ROOT changes, the FlexSPI
// controller's root clock follows (SCLK, sample timing, DLL), as on silicon.
void Platform::follow_flexspi_clock(Picoseconds now) {
  const int i = ccm_flexspi_;
  if (i < 0 || !clocks_) return;
  const double hz = clocks_->flexspi_hz();
  if (hz == ccm_flexspi_hz_) return;
  ccm_flexspi_hz_ = hz;
  flexspi::Flexspi& f = flexspi_[static_cast<std::size_t>(i)]->controller();
  std::string what;
  f.set_root_clock_stopped(hz <= 0, now);
  if (hz > 0) {
    f.set_root_clock_hz(hz);
    what = fmt::format("FLEXSPI_CLK_ROOT changed to {:.1f} MHz ({})", hz / 1e6,
                       clocks_->flexspi_registers());
  } else {
    what = fmt::format(
        "FLEXSPI_CLK_ROOT stopped (its gate or its PLL off; {}): {} runs no "
        "sequence until it comes back",
        clocks_->flexspi_registers(), f.name());
  }
  if (cpu_) cpu_->add_note(now, what);
}

board::Board& Platform::boot_board() {
  return board(static_cast<std::size_t>(instance_index(chip().boot_instance()->name)));
}

flash::NorDevice* Platform::flash(std::size_t instance, unsigned port) {
  return instance < boards_.size() ? boards_[instance]->device(port) : nullptr;
}

void Platform::power_on_reset(Picoseconds t) {
  for (auto& d : devices_) {
    if (d->powered()) d->power_off(t);
    d->power_on(t);
  }
  for (auto& m : memories_)
    m->clear();
  for (WdogBlock* w : wdogs_)
    w->power_on();
  if (src_) src_->power_on();
  if (snvs_) snvs_->power_on();
  if (sdram_) sdram_->power_on();
  warm_reset(t);
}

std::uint32_t Platform::system_reset(Picoseconds t, const cpu::ResetRequest& why) {
  warm_reset(t);
  if (!src_) return 0;
  // AIRCR.SYSRESETREQ (the core's own request) shows as lockup_sysresetreq
  src_->record_reset(why.cause ? why.cause : SrcBlock::LOCKUP_SYSRESETREQ);
  return src_->word(src_reg::SRSR);
}

void Platform::warm_reset(Picoseconds t) {
  for (auto& f : flexspi_) {
    f->controller().hardware_reset(t);
    f->controller().set_root_clock_hz(kFlexspiRootAfterResetHz);
    f->controller().set_root_clock_stopped(false, t);  // the CCM's gates are open after reset
  }
  for (auto& b : blocks_)
    b->clear();
  // The ROM muxes the boot FlexSPI's pads to their FlexSPI functions (its own IOMUXC writes are
  // not modelled): the DQS pads start there after every reset.
  for (auto& [block, d] : pad_blocks_)
    block->set_word(d.mux - block->bus_base(), d.alt);
  for (auto& board : boards_)
    board->timing().dqs_pad_function.clear();
  for (GpioBlock* g : gpio_)
    g->reset_port();
  for (LpuartBlock* u : uarts_)
    u->reset_port();
  if (clocks_) ccm_flexspi_hz_ = clocks_->flexspi_hz();
  if (cpu_) cpu_->reset();
  follow_sdram(t);  // the SEMC is back at reset: the SDRAM window closes
}

bool Platform::debug_read(std::uint64_t address, std::uint8_t* out, std::size_t len) {
  tlm::tlm_generic_payload p;
  p.set_command(tlm::TLM_READ_COMMAND);
  p.set_address(address);
  p.set_data_ptr(out);
  p.set_data_length(static_cast<unsigned>(len));
  return bus.in.get_base_interface().transport_dbg(p) == len;
}

std::vector<RegisterWrite> Platform::peripheral_writes() const {
  std::vector<RegisterWrite> all;
  for (const auto& b : blocks_) {
    all.insert(all.end(), b->writes().begin(), b->writes().end());
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const RegisterWrite& a, const RegisterWrite& b) { return a.time < b.time; });
  return all;
}

}  // namespace xipsim::soc
