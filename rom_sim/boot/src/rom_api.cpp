#include "rom_api.h"

#include "xipsim/boot/boot_rom.h"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace xipsim::boot {

namespace {
constexpr std::uint32_t kRomBase = 0x00200000;
constexpr std::uint32_t kTreePointer = 0x1C, kTree = 0x100, kCopyright = 0x180, kInterfaces = 0x200,
                        kStubs = 0x1000;
constexpr std::uint32_t kCcgr0 = 0x68;  // CCM_CCGR0; CCGRn at +4n (SDK MIMXRT1062.h)
constexpr std::uint32_t kBxLr = 0x4770;

// A driver table: its version word and its functions by name, in table order.
struct Driver {
  const char* name;
  std::uint32_t version;
  std::vector<const char*> functions;
};

// The function lists of bl_api.h (MCU-boot targets/MIMXRT1062); versions MAKE_VERSION(1, 5, 0)
// for the FlexSPI NOR driver (kFlexSpiNorDriver_Version_1_5), 1.0.0 for the clock driver (an
// assumption: no source gives it). RTWDOG and WDOG tables have no version word.
const std::vector<Driver>& drivers() {
  static const std::vector<Driver> kDrivers = {
      {"flexspi_nor",
       0x010500,
       {"init", "program", "erase_all", "erase", "read", "clear_cache", "xfer", "update_lut",
        "get_config"}},
      {"clock",
       0x010000,
       {"CLOCK_SetMux",
        "CLOCK_GetMux",
        "CLOCK_SetDiv",
        "CLOCK_GetDiv",
        "CLOCK_ControlGate",
        "CLOCK_EnableClock",
        "CLOCK_DisableClock",
        "CLOCK_SetMode",
        "CLOCK_SetPllBypass",
        "CLOCK_GetFreq",
        "CLOCK_GetCpuClkFreq",
        "CLOCK_InitExternalClk",
        "CLOCK_DeinitExternalClk",
        "CLOCK_SwitchOsc",
        "CLOCK_GetRtcFreq",
        "CLOCK_SetXtalFreq",
        "CLOCK_SetRtcXtalFreq",
        "CLOCK_InitRcOsc24M",
        "CLOCK_DeinitRcOsc24M",
        "CLOCK_InitArmPll",
        "CLOCK_DeinitArmPll",
        "CLOCK_InitSysPll",
        "CLOCK_DeinitSysPll",
        "CLOCK_InitUsb1Pll",
        "CLOCK_DeinitUsb1Pll",
        "CLOCK_InitUsb2Pll",
        "CLOCK_DeinitUsb2Pll",
        "CLOCK_InitAudioPll",
        "CLOCK_DeinitAudioPll",
        "CLOCK_InitVideoPll",
        "CLOCK_DeinitVideoPll",
        "CLOCK_InitEnetPll",
        "CLOCK_DeinitEnetPll",
        "CLOCK_GetPllFreq",
        "CLOCK_InitSysPfd",
        "CLOCK_DeinitSysPfd",
        "CLOCK_InitUsb1Pfd",
        "CLOCK_DeinitUsb1Pfd",
        "CLOCK_GetSysPfdFreq",
        "CLOCK_GetUsb1PfdFreq",
        "CLOCK_EnableUsbhs0Clock",
        "CLOCK_EnableUsbhs0PhyPllClock",
        "CLOCK_DisableUsbhs0PhyPllClock",
        "CLOCK_EnableUsbhs1Clock",
        "CLOCK_EnableUsbhs1PhyPllClock",
        "CLOCK_DisableUsbhs1PhyPllClock"}},
      {"rtwdog",
       0,
       {"RTWDOG_GetDefaultConfig", "RTWDOG_Init", "RTWDOG_Deinit", "RTWDOG_Enable",
        "RTWDOG_Disable", "RTWDOG_EnableInterrupts", "RTWDOG_DisableInterrupts",
        "RTWDOG_GetStatusFlags", "RTWDOG_ClearStatusFlags", "RTWDOG_SetTimeoutValue",
        "RTWDOG_SetWindowValue", "RTWDOG_Unlock", "RTWDOG_Refresh", "RTWDOG_GetCounterValue"}},
      {"wdog",
       0,
       {"WDOG_GetDefaultConfig", "WDOG_Init", "WDOG_Deinit", "WDOG_Enable", "WDOG_Disable",
        "WDOG_EnableInterrupts", "WDOG_GetStatusFlags", "WDOG_ClearInterruptStatus",
        "WDOG_SetTimeoutValue", "WDOG_SetInterrputTimeoutValue", "WDOG_DisablePowerDownEnable",
        "WDOG_Refresh"}},
  };
  return kDrivers;
}

void put32(std::vector<std::uint8_t>& rom, std::uint32_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    rom[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

// The CCM's field described by an SDK clock_mux_t / clock_div_t tuple (fsl_clock.h CCM_TUPLE):
// register offset [7:0], shift [12:8], mask [25:13] (shifted down), busy bit [31:26].
struct CcmField {
  std::uint32_t offset, shift, mask;
  explicit CcmField(std::uint32_t t)
      : offset(t & 0xFF), shift((t >> 8) & 0x1F), mask(((t >> 13) & 0x1FFF) << ((t >> 8) & 0x1F)) {}
};
}  // namespace

// The functions the model carries out; the rest only say they are not modelled.
class RomApi {
 public:
  explicit RomApi(soc::Platform& p) : p_(p), ccm_(p.chip().application.ccm) {}
  bool run(const std::string& name, cpu::NativeCall& c) {
    if (name == "CLOCK_SetMux" || name == "CLOCK_SetDiv") {
      const CcmField f(c.arg(0));
      const std::uint32_t v = c.read32(ccm_ + f.offset);
      c.write32(ccm_ + f.offset, (v & ~f.mask) | ((c.arg(1) << f.shift) & f.mask));
    } else if (name == "CLOCK_GetMux" || name == "CLOCK_GetDiv") {
      const CcmField f(c.arg(0));
      c.set_result((c.read32(ccm_ + f.offset) & f.mask) >> f.shift);
    } else if (name == "CLOCK_ControlGate" || name == "CLOCK_EnableClock" ||
               name == "CLOCK_DisableClock") {
      // clock_ip_name_t: (CCGR index << 8) | the gate's shift; 3: on in run and wait modes.
      const std::uint32_t gate = c.arg(0), reg = ccm_ + kCcgr0 + 4 * (gate >> 8);
      const std::uint32_t shift = gate & 0x1F;
      const std::uint32_t value = name == "CLOCK_ControlGate"   ? c.arg(1) & 3
                                  : name == "CLOCK_EnableClock" ? 3u
                                                                : 0u;
      c.write32(reg, (c.read32(reg) & ~(3u << shift)) | (value << shift));
    } else if (name == "CLOCK_GetFreq" || name == "CLOCK_GetCpuClkFreq") {
      return frequency(name == "CLOCK_GetFreq" ? c.arg(0) : 0, c);
    } else if (name == "CLOCK_SetXtalFreq" || name == "CLOCK_SetRtcXtalFreq") {
      // the ROM keeps the crystal frequency for its own calculations: nothing to model
    } else {
      return false;
    }
    return true;
  }

 private:
  // clock_name_t (SDK fsl_clock.h): 0 CPU, 1 AHB, 3 IPG, 4 PER, 5 OSC (24 MHz), 6 RTC (32.768
  // kHz), 0xE the system PLL; the other PLL and PFD outputs are not modelled here.
  bool frequency(std::uint32_t name, cpu::NativeCall& c) {
    const soc::ClockModel* clocks = p_.clocks();
    double hz = -1;
    if (name <= 1) hz = p_.core_clock_hz();
    if (name == 3) hz = p_.ipg_clock_hz();
    if (name == 4 && clocks) hz = clocks->perclk_hz();
    if (name == 5) hz = 24e6;
    if (name == 6) hz = 32768;
    if (name == 0xE) hz = sys_pll_hz(c);
    if (hz < 0) return false;
    c.set_result(static_cast<std::uint32_t>(hz + 0.5));
    return true;
  }
  // kCLOCK_SysPllClk from CCM_ANALOG PLL_SYS (0x30), NUM (0x50), DENOM (0x60) as fsl_clock.c's
  // CLOCK_GetPllFreq: powered down 0, bypassed the 24 MHz reference, else 24 MHz x (20 or 22
  // with DIV_SELECT) + 24 MHz x NUM / DENOM.
  double sys_pll_hz(cpu::NativeCall& c) const {
    const std::uint32_t analog = static_cast<std::uint32_t>(p_.chip().application.ccm_analog);
    const std::uint32_t pll = c.read32(analog + 0x30);
    if (pll & (1u << 12)) return 0;     // POWERDOWN
    if (pll & (1u << 16)) return 24e6;  // BYPASS
    const std::uint32_t num = c.read32(analog + 0x50), denom = c.read32(analog + 0x60);
    return 24e6 * ((pll & 1u) ? 22 : 20) + (denom ? 24e6 * num / denom : 0.0);
  }
  soc::Platform& p_;
  std::uint32_t ccm_;
};

void install_rom_api(soc::Platform& platform) {
  cpu::Cpu* cpu = platform.cpu();
  const std::string& chip = platform.chip().name;
  if (!cpu || (chip != "RT1060" && chip != "RT1064")) return;
  std::vector<std::uint8_t> rom(0x2000, 0xFF);
  put32(rom, kTreePointer, kRomBase + kTree);
  const std::string copyright = "xipsim: a model of the RT1062 ROM API";
  std::copy(copyright.begin(), copyright.end(), rom.begin() + kCopyright);
  rom[kCopyright + copyright.size()] = 0;
  const std::uint32_t tree = kTree;
  put32(rom, tree + 0x00, 0x4B010000);  // 'K' 1.0.0: an assumption, the ROM's own is not known
  put32(rom, tree + 0x04, kRomBase + kCopyright);
  for (unsigned i = 0x08; i < 0x28; i += 4)
    if (i != 0x10 && i < 0x18) put32(rom, tree + i, 0);  // runBootloader below; reserved 0
  put32(rom, tree + 0x24, 0);
  auto api = std::make_shared<RomApi>(platform);
  std::uint32_t table = kInterfaces, stub = kStubs;
  const std::uint32_t slots[] = {0x10, 0x18, 0x1C, 0x20};  // NOR, clock, RTWDOG, WDOG
  for (std::size_t d = 0; d < drivers().size(); ++d) {
    const Driver& drv = drivers()[d];
    put32(rom, tree + slots[d], kRomBase + table);
    std::uint32_t at = table;
    if (drv.version) put32(rom, at, drv.version), at += 4;
    for (const char* fn : drv.functions) {
      put32(rom, at, (kRomBase + stub) | 1u);
      rom[stub] = kBxLr & 0xFF;
      rom[stub + 1] = kBxLr >> 8;
      const std::string name = fn, where = drv.name;
      cpu->add_native(kRomBase + stub, [api, name, where](cpu::NativeCall& c) {
        if (api->run(name, c)) return;
        c.note(
            fmt::format("the ROM API's {}.{}(0x{:X}, 0x{:X}) was called: not modelled, it "
                        "returns 0",
                        where, name, c.arg(0), c.arg(1)));
        c.set_result(0);
      });
      at += 4;
      stub += 2;
    }
    table = at;
  }
  // runBootloader and the ROM's exception vectors: the ROM's own code, not modelled. A fault
  // while the ROM's vector table is VTOR (a plugin's call) ends the run there, saying so.
  rom[stub] = kBxLr & 0xFF, rom[stub + 1] = kBxLr >> 8;
  put32(rom, tree + 0x08, (kRomBase + stub) | 1u);
  cpu->add_native(kRomBase + stub, [](cpu::NativeCall& c) {
    c.note("the ROM API's runBootloader was called: not modelled, it returns");
  });
  stub += 2;
  rom[stub] = kBxLr & 0xFF, rom[stub + 1] = kBxLr >> 8;
  for (std::uint32_t v = 1; v < 16; ++v)
    put32(rom, 4 * v, (kRomBase + stub) | 1u);
  put32(rom, 0, rom_stack_top(platform.chip()));
  put32(rom, kTreePointer, kRomBase + kTree);  // the eighth word: the tree, not a vector
  cpu->add_native(kRomBase + stub, [](cpu::NativeCall& c) {
    c.lock_up(
        fmt::format("lockup: exception {} entered the boot ROM's own handler at the "
                    "ROM's vector table (0x{:08X}), whose code is not modelled",
                    c.exception(), kRomBase));
  });
  cpu->map_rom(kRomBase, std::move(rom));
}

}  // namespace xipsim::boot
