// A chip profile: the facts about one i.MX RT chip that the boot flow depends on.
// Loaded from models/chips/<chip>.yaml; see docs/chips.md for the schema and the sources.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xipsim::chips {

struct AddressRange {
  std::string name;
  std::uint64_t base = 0;
  std::uint64_t size = 0;
  std::uint64_t end() const { return base + size; }  // exclusive
  bool contains(std::uint64_t a) const { return a >= base && a < end(); }
  bool contains(std::uint64_t a, std::uint64_t len) const {
    return a >= base && len <= size && a - base <= size - len;
  }
};

struct FlexspiInstance {
  std::string name;
  std::uint32_t register_base = 0;
  AddressRange ahb;                   // XIP window
  std::vector<AddressRange> aliases;  // other bus views of the same window (e.g. RT1170 CM4)
  bool boot = false;                  // the ROM boots from this instance by default
  bool boot_by_fuse = false;          // the ROM can boot from it when fuses select it
  std::string boot_note;              // why (not), for reports
};

struct RamRegion {
  AddressRange range;
  bool needs_init = false;  // external memory: usable only after a DCD (or XMCD) set it up
};

// Open conflict 4 (boot-reference §11): how DCD check-data parameter bits 3/4 are read beyond
// the two encodings all sources agree on (0x04 all-clear, 0x1C any-set with one-bit masks).
enum class DcdCheckEncoding { kSpsdk, kImxrtDcd, kUboot };

// Open conflict 3: what the ROM does with IVT.entry.
enum class EntryConvention { kAuto, kVectorTable, kFunction };

struct SampleClockLimits {
  double internal_loopback_mhz = 0;            // RXCLKSRC 0
  double dqs_pad_loopback_mhz = 0;             // RXCLKSRC 1
  std::optional<double> sck_pad_loopback_mhz;  // RXCLKSRC 2; nullopt: the chip has no such mode
  std::string sck_pad_loopback_note;           // what the hardware does and which source says so
  double flash_dqs_mhz = 0;                    // RXCLKSRC 3
};

struct RomInitialRead {  // open conflict 2: the ROM's first FCB read
  double clock_mhz = 30;
  std::uint8_t opcode = 0x03;
  unsigned address_bits = 24;
  unsigned pads = 1;
  unsigned sample_clk_src = 0;
};

// FlexSPI buffer and FIFO sizes (boot-reference §4.2, SDK-HDR feature macros).
struct FlexspiFeatureSizes {
  unsigned ahb_rx_buffers = 4;
  unsigned ahb_rx_buffer_ram = 1024;
  unsigned ip_fifo_bytes = 128;
};

// A fuse field: `bits` wide at `shift` in fuse word `word` (fuse address, e.g. 0x6E0).
struct FuseField {
  std::uint32_t word = 0;
  unsigned shift = 0, bits = 1;
  std::uint32_t from(std::uint32_t value) const { return (value >> shift) & ((1u << bits) - 1); }
};

// Where the boot ROM finds its inputs, and the optional boot features (boot-reference §7).
struct BootControl {
  std::uint64_t src_base = 0;                 // SRC: SBMR1/SBMR2
  std::uint64_t ocotp_base = 0;               // OCOTP: fuse shadow words at base + fuse address
  std::optional<FuseField> hold_time;         // 2 bits: 500 us / 1 ms / 3 ms / 10 ms
  std::optional<FuseField> secondary_image;   // offset of the second image in 256 KiB units
  std::optional<FuseField> flash_auto_probe;  // FLASH_AUTO_PROBE_EN
  // With auto-probe: 2 bits probe type (0 QuadSPI, 1-3 octal), 3 bits boot frequency code
  // (000 100 MHz, 001 120, 010 133, 011 166, 101 80, 110 60), 4 bits probe dummy cycles.
  std::optional<FuseField> flash_probe_type, probe_frequency, probe_dummy;
  // FLASH_TYPE (3 bits, MBU): 000 QuadSPI 3-byte, 001 4-byte, 010 HyperFlash 1.8 V, 011
  // HyperFlash 3.3 V, 100/101 octal DDR: how the ROM reads the FCB.
  std::optional<FuseField> flash_type;
};

// What the application running on the Cortex-M7 finds (chip YAML `application`): the blocks the
// SoC models give behaviour (docs/soc-model.md), the clock tree that derives the core clock, and
// the EVK's user LED and console.
struct NamedBlock {
  std::string name;  // reference-manual instance name: "GPIO1", "LPUART1"
  std::uint64_t base = 0;
  int irq = -1;  // its external interrupt (SDK IRQn_Type), -1 when the list does not give one
};
// The pad a FlexSPI instance's DQS signal leaves the chip on, and its IOMUXC mux register.
struct DqsPadMux {
  std::string instance;   // "FLEXSPI"
  std::string pad;        // "GPIO_SD_B1_05"
  std::uint64_t mux = 0;  // SW_MUX_CTL_PAD_... bus address
  unsigned alt = 1;       // MUX_MODE of the FlexSPI DQS function
};
// The console UART's RX pad, and the GPIO pin it is when muxed as one: the host's line reaches
// that pin's input (the MCU bootloader's autobaud times the host's ping there).
struct ConsoleRxPad {
  std::string pad;        // "GPIO_AD_B0_13"
  std::uint64_t mux = 0;  // its SW_MUX_CTL_PAD register's bus address
  std::string gpio;       // "GPIO1"
  unsigned pin = 0;       // 13
  unsigned gpio_alt = 5;  // the MUX_MODE that makes it the GPIO
};

struct ApplicationMap {
  bool present = false;    // the chip profile describes it (running code needs it)
  std::string clock_tree;  // "rt1060", "rt1020" (soc::ClockTree) or "rt1170" (rt11xx_clocks.h)
  unsigned irqs = 0;       // external interrupts of the NVIC
  std::vector<NamedBlock> gpio, lpuart, adc;
  std::vector<NamedBlock> wdog, rtwdog;  // WDOG1/WDOG2 (i.MX WDOG) and the RTWDOG
  std::vector<NamedBlock> pit, gpt;      // PIT and GPT timers, each with its `irq`
  std::vector<DqsPadMux> dqs_pads;
  std::optional<ConsoleRxPad> console_rx;
  std::uint64_t ccm = 0, ccm_analog = 0, dcdc = 0;  // ccm_analog: ANADIG on rt1170
  std::uint64_t dcdc_reg0 = 0;  // DCDC REG0 offset: 0x00 (RT10xx, the default), 0x08 (RT1170)
  std::uint64_t snvs = 0;       // SNVS base (its LP general-purpose registers); 0: not placed
  std::string user_led;         // "GPIO1_IO09"
  std::string console;          // "LPUART1"
  // FlexRAM: `flexram_banks` banks of `flexram_bank_size` bytes that IOMUXC_GPR17 assigns to
  // ITCM, DTCM or OCRAM once GPR16.FLEXRAM_BANK_CFG_SEL is set (0 banks: not modelled).
  std::uint64_t iomuxc_gpr = 0;
  unsigned flexram_banks = 0;
  std::uint64_t flexram_bank_size = 0;
};

struct ChipProfile {
  std::string name;                  // "RT1060"
  std::vector<std::string> aliases;  // "RT1062", "MIMXRT1062", ...
  std::string family;                // "rt10xx", "rt11xx", "rt118x", "rt5xx_6xx"
  bool supported = true;
  std::string unsupported_reason;
  std::string source_file;

  std::vector<FlexspiInstance> flexspi;
  std::uint32_t fcb_offset = 0;
  std::uint32_t ivt_offset = 0x1000;
  std::uint32_t initial_load_size = 0x2000;
  std::vector<AddressRange> boot_area_regions;  // key blobs, BEE headers, XMCD...

  // serialClkFreq index -> MHz; index 0 means "keep the current clock" (nullopt).
  std::vector<std::optional<double>> serial_clk_mhz;
  SampleClockLimits sample_clock;
  RomInitialRead rom_initial_read;

  std::vector<RamRegion> ram;
  std::vector<AddressRange> rom_reserved;
  std::optional<AddressRange> rom_log;
  std::string rom_log_format;

  std::optional<std::uint32_t> dcd_max_size;
  bool dcd_ranges_known = false;
  std::vector<AddressRange> dcd_writable;
  DcdCheckEncoding dcd_check_encoding = DcdCheckEncoding::kSpsdk;
  EntryConvention entry_convention = EntryConvention::kAuto;
  unsigned flexspi_nor_status_group = 201;  // open conflict 5
  std::vector<AddressRange> peripherals;    // named blocks for readable DCD listings
  bool has_xmcd = false;
  FlexspiFeatureSizes flexspi_features;
  BootControl boot_control;
  ApplicationMap application;

  const FlexspiInstance* boot_instance() const;
  // The instance whose AHB window (or an alias) contains `address`; sets *base to the base of
  // the matching view.
  const FlexspiInstance* instance_at(std::uint64_t address, std::uint64_t* base = nullptr) const;
  std::optional<double> clock_mhz(unsigned index) const;
  const RamRegion* ram_at(std::uint64_t address) const;
  // Inside the address space ITCM or DTCM can grow to when all FlexRAM banks go to it (top
  // included, as an initial SP): the split in `ram` may leave such an address unbacked.
  bool in_tcm_space(std::uint64_t address) const;
  const AddressRange* peripheral_at(std::uint64_t address) const;
  bool matches(const std::string& chip_name) const;  // name or alias, case-insensitive
};

// Loads and validates one profile file; bad content throws InputError naming file:line:field.
ChipProfile load_chip_profile(const std::string& path);

}  // namespace xipsim::chips
