#include "xipsim/chips/chip_profile.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "xipsim/core/names.h"
#include "xipsim/core/yaml_reader.h"

namespace xipsim::chips {

namespace {

AddressRange read_range(const YamlMap& m) {
  m.allow_only({"name", "base", "size"});
  AddressRange r;
  r.name = m.opt_str("name").value_or("");
  r.base = m.u64("base");
  r.size = m.u64("size");
  if (r.size == 0) m.fail("size", "a non-zero size in bytes");
  if (r.base + r.size > (1ULL << 32))
    m.fail("size", "a range that ends inside the 32-bit address space");
  return r;
}

std::vector<AddressRange> read_ranges(const YamlMap& m, const std::string& key) {
  std::vector<AddressRange> out;
  for (const auto& e : m.map_list(key))
    out.push_back(read_range(e));
  return out;
}

FlexspiInstance read_instance(const YamlMap& m) {
  m.allow_only({"name", "register_base", "ahb_base", "ahb_size", "aliases", "boot", "boot_by_fuse",
                "boot_note"});
  FlexspiInstance f;
  f.name = m.str("name");
  f.register_base = static_cast<std::uint32_t>(m.u64("register_base"));
  f.ahb = AddressRange{f.name, m.u64("ahb_base"), m.u64("ahb_size")};
  if (f.ahb.size == 0) m.fail("ahb_size", "a non-zero window size");
  f.aliases = read_ranges(m, "aliases");
  f.boot = m.boolean("boot", false);
  f.boot_by_fuse = m.boolean("boot_by_fuse", false);
  f.boot_note = m.opt_str("boot_note").value_or("");
  return f;
}

SampleClockLimits read_sample_limits(const YamlMap& m) {
  m.allow_only({"internal_loopback", "dqs_pad_loopback", "sck_pad_loopback",
                "sck_pad_loopback_note", "flash_dqs"});
  SampleClockLimits s;
  s.internal_loopback_mhz = m.number("internal_loopback");
  s.dqs_pad_loopback_mhz = m.number("dqs_pad_loopback");
  s.sck_pad_loopback_mhz = m.opt_number("sck_pad_loopback");
  s.sck_pad_loopback_note = m.str("sck_pad_loopback_note");
  s.flash_dqs_mhz = m.number("flash_dqs");
  return s;
}

RomInitialRead read_initial_read(const YamlMap& m) {
  m.allow_only({"clock_mhz", "opcode", "address_bits", "pads", "sample_clk_src"});
  RomInitialRead r;
  r.clock_mhz = m.number("clock_mhz");
  r.opcode = static_cast<std::uint8_t>(m.u64("opcode"));
  r.address_bits = static_cast<unsigned>(m.u64("address_bits"));
  r.pads = static_cast<unsigned>(m.u64("pads"));
  r.sample_clk_src = static_cast<unsigned>(m.u64("sample_clk_src"));
  return r;
}

void read_dcd(const YamlMap& m, ChipProfile& c) {
  m.allow_only({"max_size", "writable", "check_encoding"});
  if (m.has("max_size")) c.dcd_max_size = static_cast<std::uint32_t>(m.u64("max_size"));
  if (m.has("writable")) {
    c.dcd_ranges_known = true;
    c.dcd_writable = read_ranges(m, "writable");
  }
  const std::string enc = m.opt_str("check_encoding").value_or("spsdk");
  if (enc == "spsdk") {
    c.dcd_check_encoding = DcdCheckEncoding::kSpsdk;
  } else if (enc == "imxrt-dcd") {
    c.dcd_check_encoding = DcdCheckEncoding::kImxrtDcd;
  } else if (enc == "uboot") {
    c.dcd_check_encoding = DcdCheckEncoding::kUboot;
  } else {
    m.fail("check_encoding", "one of spsdk, imxrt-dcd, uboot");
  }
}

std::optional<FuseField> read_fuse_field(const YamlMap& m, const char* key, unsigned bits) {
  const auto f = m.opt_map(key);
  if (!f) return std::nullopt;
  f->allow_only({"word", "shift"});
  FuseField out;
  out.word = static_cast<std::uint32_t>(f->u64("word"));
  out.shift = static_cast<unsigned>(f->u64("shift"));
  out.bits = bits;
  if (out.word % 0x10 != 0 || out.word < 0x400 || out.word > 0xFF0)
    f->fail("word", "a fuse word address 0x400..0xFF0, multiple of 0x10");
  if (out.shift + bits > 32) f->fail("shift", "a bit position that fits the field in 32 bits");
  return out;
}

void read_boot_control(const YamlMap& m, BootControl& b) {
  m.allow_only({"src", "ocotp", "hold_time", "secondary_image", "flash_auto_probe",
                "flash_probe_type", "probe_frequency", "probe_dummy", "flash_type"});
  b.src_base = m.u64("src");
  b.ocotp_base = m.u64("ocotp");
  b.hold_time = read_fuse_field(m, "hold_time", 2);
  b.secondary_image = read_fuse_field(m, "secondary_image", 8);
  b.flash_auto_probe = read_fuse_field(m, "flash_auto_probe", 1);
  b.flash_probe_type = read_fuse_field(m, "flash_probe_type", 2);
  b.probe_frequency = read_fuse_field(m, "probe_frequency", 3);
  b.probe_dummy = read_fuse_field(m, "probe_dummy", 4);
  b.flash_type = read_fuse_field(m, "flash_type", 3);
}

void read_boot_layout(const YamlMap& top, ChipProfile& c) {
  const YamlMap layout = top.map("boot_layout");
  layout.allow_only({"fcb_offset", "ivt_offset", "initial_load_size", "regions"});
  c.fcb_offset = static_cast<std::uint32_t>(layout.u64("fcb_offset"));
  if (c.fcb_offset != 0 && c.fcb_offset != 0x400) layout.fail("fcb_offset", "0x000 or 0x400");
  c.ivt_offset = static_cast<std::uint32_t>(layout.u64("ivt_offset"));
  c.initial_load_size = static_cast<std::uint32_t>(layout.u64("initial_load_size"));
  if (c.ivt_offset + 0x20 > c.initial_load_size) {
    layout.fail("initial_load_size", "a size that covers the IVT (ivt_offset + 0x20)");
  }
  c.boot_area_regions = read_ranges(layout, "regions");
}

// RAM regions, the ROM's reserved ranges and its log.
void read_memory_map(const YamlMap& top, ChipProfile& c) {
  for (const auto& r : top.map_list("ram")) {
    r.allow_only({"name", "base", "size", "needs_init"});
    RamRegion reg;
    reg.range = AddressRange{r.str("name"), r.u64("base"), r.u64("size")};
    reg.needs_init = r.boolean("needs_init", false);
    c.ram.push_back(reg);
  }
  c.rom_reserved = read_ranges(top, "rom_reserved");
  if (auto log = top.opt_map("rom_log")) {
    log->allow_only({"address", "size", "format"});
    c.rom_log = AddressRange{"ROM log", log->u64("address"), log->u64("size")};
    c.rom_log_format = log->str("format");
  }
}

// The IVT entry convention and the FlexSPI NOR status group (open conflicts, docs/chips.md).
void read_rom_conventions(const YamlMap& top, ChipProfile& c) {
  const std::string entry = top.opt_str("ivt_entry_convention").value_or("auto");
  if (entry == "auto") {
    c.entry_convention = EntryConvention::kAuto;
  } else if (entry == "vector_table") {
    c.entry_convention = EntryConvention::kVectorTable;
  } else if (entry == "function") {
    c.entry_convention = EntryConvention::kFunction;
  } else {
    top.fail("ivt_entry_convention", "one of auto, vector_table, function");
  }
  c.flexspi_nor_status_group =
      static_cast<unsigned>(top.opt_u64("flexspi_nor_status_group").value_or(201));
  if (c.flexspi_nor_status_group != 200 && c.flexspi_nor_status_group != 201) {
    top.fail("flexspi_nor_status_group", "200 or 201");
  }
}

std::vector<NamedBlock> read_blocks(const YamlMap& m, const std::string& key) {
  std::vector<NamedBlock> out;
  for (const auto& b : m.map_list(key)) {
    b.allow_only({"name", "base", "irq"});
    out.push_back({b.str("name"), b.u64("base")});
    if (b.has("irq")) {
      const std::uint64_t irq = b.u64("irq");
      if (irq > 239) b.fail("irq", "an external interrupt number 0..239");
      out.back().irq = static_cast<int>(irq);
    }
  }
  return out;
}

ConsoleRxPad read_console_rx(const YamlMap& rx, const ApplicationMap& a) {
  rx.allow_only({"pad", "mux", "gpio", "pin", "gpio_alt"});
  ConsoleRxPad c{rx.str("pad"), rx.u64("mux"), rx.str("gpio"), static_cast<unsigned>(rx.u64("pin")),
                 static_cast<unsigned>(rx.u64("gpio_alt"))};
  if (c.pin > 31) rx.fail("pin", "a GPIO pin 0..31");
  if (c.gpio_alt > 9) rx.fail("gpio_alt", "a MUX_MODE 0..9");
  bool known = false;
  for (const NamedBlock& g : a.gpio)
    known = known || g.name == c.gpio;
  if (!known) rx.fail("gpio", "a GPIO port of the `gpio` list");
  return c;
}

void read_application(const YamlMap& m, ApplicationMap& a) {
  m.allow_only({"clock_tree", "irqs",      "gpio",       "lpuart",  "ccm",  "ccm_analog", "dcdc",
                "user_led",   "console",   "iomuxc_gpr", "flexram", "adc",  "wdog",       "rtwdog",
                "dqs_pads",   "dcdc_reg0", "pit",        "gpt",     "snvs", "console_rx"});
  a.present = true;
  a.clock_tree = m.str("clock_tree");
  if (a.clock_tree != "rt1060" && a.clock_tree != "rt1020" && a.clock_tree != "rt1170")
    m.fail("clock_tree",
           "rt1060 (ARM PLL: RT1040/1050/1060/1064), rt1020 (no ARM PLL: RT1010/1015/1020/1024) "
           "or rt1170 (clock roots and ANADIG: RT1160/1170)");
  a.irqs = static_cast<unsigned>(m.u64("irqs"));
  if (a.irqs == 0 || a.irqs > 240) m.fail("irqs", "1..240 external interrupts");
  a.gpio = read_blocks(m, "gpio");
  a.lpuart = read_blocks(m, "lpuart");
  a.adc = read_blocks(m, "adc");
  if (m.has("wdog")) a.wdog = read_blocks(m, "wdog");
  if (m.has("rtwdog")) a.rtwdog = read_blocks(m, "rtwdog");
  if (m.has("pit")) a.pit = read_blocks(m, "pit");
  if (m.has("gpt")) a.gpt = read_blocks(m, "gpt");
  // Timers need their interrupt; an LPUART may go without (its line is then not connected).
  const auto check_irqs = [&](const char* key, const std::vector<NamedBlock>& list, bool needed) {
    for (const NamedBlock& t : list)
      if ((needed && t.irq < 0) || t.irq >= static_cast<int>(a.irqs))
        m.fail(key, fmt::format("{}: an `irq` below the chip's {} interrupts", t.name, a.irqs));
  };
  check_irqs("pit", a.pit, true);
  check_irqs("gpt", a.gpt, true);
  check_irqs("lpuart", a.lpuart, false);
  // A GPIO port's irq is its combined 0-15 interrupt; 16-31 is the next one (SDK IRQn_Type).
  for (const NamedBlock& g : a.gpio)
    if (g.irq + 1 >= static_cast<int>(a.irqs))
      m.fail("gpio", fmt::format("{}: an `irq` whose next one is below the chip's {} interrupts",
                                 g.name, a.irqs));
  if (auto rx = m.opt_map("console_rx")) a.console_rx = read_console_rx(*rx, a);
  if (m.has("dqs_pads"))
    for (const auto& d : m.map_list("dqs_pads")) {
      d.allow_only({"instance", "pad", "mux", "alt"});
      a.dqs_pads.push_back(
          {d.str("instance"), d.str("pad"), d.u64("mux"), static_cast<unsigned>(d.u64("alt"))});
      if (a.dqs_pads.back().alt > 9) d.fail("alt", "a MUX_MODE 0..9");
    }
  a.ccm = m.u64("ccm");
  a.ccm_analog = m.u64("ccm_analog");
  a.dcdc = m.u64("dcdc");
  if (m.has("dcdc_reg0")) a.dcdc_reg0 = m.u64("dcdc_reg0");
  if (m.has("snvs")) a.snvs = m.u64("snvs");
  a.user_led = m.str("user_led");
  a.console = m.str("console");
  if (auto f = m.opt_map("flexram")) {
    f->allow_only({"banks", "bank_size"});
    a.flexram_banks = static_cast<unsigned>(f->u64("banks"));
    a.flexram_bank_size = f->u64("bank_size");
    if (a.flexram_banks == 0 || a.flexram_banks > 16) f->fail("banks", "1..16 banks");
    if (a.flexram_bank_size == 0 || a.flexram_bank_size % 4096)
      f->fail("bank_size", "whole 4 KiB pages");
    a.iomuxc_gpr = m.u64("iomuxc_gpr");
  }
}

void read_flexspi_features(const YamlMap& top, ChipProfile& c) {
  const YamlMap features = top.map("flexspi_features");
  features.allow_only({"ahb_rx_buffers", "ahb_rx_buffer_ram", "ip_fifo_bytes"});
  c.flexspi_features.ahb_rx_buffers = static_cast<unsigned>(features.u64("ahb_rx_buffers"));
  c.flexspi_features.ahb_rx_buffer_ram = static_cast<unsigned>(features.u64("ahb_rx_buffer_ram"));
  c.flexspi_features.ip_fifo_bytes = static_cast<unsigned>(features.u64("ip_fifo_bytes"));
  if (c.flexspi_features.ahb_rx_buffers != 4 && c.flexspi_features.ahb_rx_buffers != 8)
    features.fail("ahb_rx_buffers", "4 (RT10xx) or 8 (RT1170)");
  if (c.flexspi_features.ip_fifo_bytes != 128) features.fail("ip_fifo_bytes", "128");
}

void read_supported_body(const YamlMap& top, ChipProfile& c) {
  for (const auto& f : top.map_list("flexspi"))
    c.flexspi.push_back(read_instance(f));
  if (c.flexspi.empty()) top.fail("flexspi", "at least one FlexSPI instance");

  read_boot_layout(top, c);
  c.serial_clk_mhz.clear();
  for (const auto& v : top.opt_u64_list("serial_clk_freq_mhz")) {
    c.serial_clk_mhz.push_back(v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt);
  }
  if (c.serial_clk_mhz.size() < 2) top.fail("serial_clk_freq_mhz", "a table of at least 2 entries");
  c.sample_clock = read_sample_limits(top.map("sample_clock_max_mhz"));
  c.rom_initial_read = read_initial_read(top.map("rom_initial_read"));

  read_memory_map(top, c);
  if (auto dcd = top.opt_map("dcd")) read_dcd(*dcd, c);
  read_rom_conventions(top, c);
  c.peripherals = read_ranges(top, "peripherals");
  c.has_xmcd = top.boolean("xmcd", false);
  read_flexspi_features(top, c);
  read_boot_control(top.map("boot_control"), c.boot_control);
  if (auto app = top.opt_map("application")) read_application(*app, c.application);
}

}  // namespace

ChipProfile load_chip_profile(const std::string& path) {
  const YamlMap top(load_yaml_file(path), path, "");
  ChipProfile c;
  c.source_file = path;
  c.name = top.str("name");
  c.aliases = top.str_list("aliases");
  c.family = top.str("family");
  c.supported = top.boolean("supported", true);
  if (!c.supported) {
    top.allow_only(
        {"name", "aliases", "family", "supported", "unsupported_reason", "flexspi", "boot_layout"});
    c.unsupported_reason = top.str("unsupported_reason");
    for (const auto& f : top.map_list("flexspi"))
      c.flexspi.push_back(read_instance(f));
    if (auto layout = top.opt_map("boot_layout")) {
      layout->allow_only({"fcb_offset", "ivt_offset", "initial_load_size", "regions"});
      c.fcb_offset = static_cast<std::uint32_t>(layout->u64("fcb_offset"));
    }
    return c;
  }
  top.allow_only({"name",
                  "aliases",
                  "family",
                  "supported",
                  "flexspi",
                  "boot_layout",
                  "serial_clk_freq_mhz",
                  "sample_clock_max_mhz",
                  "rom_initial_read",
                  "ram",
                  "rom_reserved",
                  "rom_log",
                  "dcd",
                  "ivt_entry_convention",
                  "flexspi_nor_status_group",
                  "peripherals",
                  "xmcd",
                  "flexspi_features",
                  "boot_control",
                  "application"});
  read_supported_body(top, c);
  return c;
}

const FlexspiInstance* ChipProfile::boot_instance() const {
  for (const auto& f : flexspi) {
    if (f.boot) return &f;
  }
  return nullptr;
}

const FlexspiInstance* ChipProfile::instance_at(std::uint64_t address, std::uint64_t* base) const {
  for (const auto& f : flexspi) {
    if (f.ahb.contains(address)) {
      if (base) *base = f.ahb.base;
      return &f;
    }
    for (const auto& a : f.aliases) {
      if (a.contains(address)) {
        if (base) *base = a.base;
        return &f;
      }
    }
  }
  return nullptr;
}

std::optional<double> ChipProfile::clock_mhz(unsigned index) const {
  if (index >= serial_clk_mhz.size()) return std::nullopt;
  return serial_clk_mhz[index];
}

const RamRegion* ChipProfile::ram_at(std::uint64_t address) const {
  for (const auto& r : ram) {
    if (r.range.contains(address)) return &r;
  }
  return nullptr;
}

bool ChipProfile::in_tcm_space(std::uint64_t address) const {
  const std::uint64_t most = application.flexram_banks * application.flexram_bank_size;
  return std::any_of(ram.begin(), ram.end(), [&](const RamRegion& r) {
    const bool tcm = r.range.name == "ITCM" || r.range.name == "DTCM";
    return tcm && most > 0 && address >= r.range.base && address <= r.range.base + most;
  });
}

const AddressRange* ChipProfile::peripheral_at(std::uint64_t address) const {
  for (const auto& p : peripherals) {
    if (p.contains(address)) return &p;
  }
  return nullptr;
}

bool ChipProfile::matches(const std::string& chip_name) const {
  if (same_name(name, chip_name)) return true;
  return std::any_of(aliases.begin(), aliases.end(),
                     [&](const std::string& a) { return same_name(a, chip_name); });
}

}  // namespace xipsim::chips
