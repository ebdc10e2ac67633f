// `xipsim inspect`: is this file a valid FlexSPI NOR boot image for this chip, and if not, why.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xipsim/chips/chip_catalog.h"
#include "xipsim/image/containers.h"
#include "xipsim/image/fcb.h"
#include "xipsim/image/flash_contents.h"
#include "xipsim/image/hab.h"
#include "xipsim/image/loaded_file.h"

namespace xipsim::image {

enum class Severity { kInfo, kWarning, kError };
const char* severity_name(Severity s);

// One check result. `id` is stable (documented in docs/inspect.md); `message` is one line a
// firmware engineer understands.
struct Finding {
  std::string id;
  Severity severity = Severity::kInfo;
  std::string message;  // of the first occurrence
  // A finding that repeats per address (a DCD write, a check) is kept once: `count`
  // occurrences from `first_address` to `last_address`.
  unsigned count = 1;
  std::optional<std::uint64_t> first_address, last_address;
};

// Facts about the flash part given with --flash, as far as inspect needs them.
struct FlashPartFacts {
  std::string name;
  std::uint64_t size_bytes = 0;
  bool has_dqs = false;   // drives a read strobe (octal/HyperBus parts)
  bool hyperbus = false;  // a HyperBus part: no SPI read table to check the LUT against
  bool supports_4byte_opcodes = false;
  struct Read {
    std::uint8_t opcode;
    unsigned addr_bits;
    unsigned mode_cycles;
    unsigned dummy_cycles;
    unsigned data_pads;
    unsigned addr_pads;
    unsigned cmd_pads = 1;  // 8: an octal (OPI) read, opcode + inverse
    bool dtr = false;       // OPI DTR (its dummy counts clocks, DUMMY_DDR half cycles)
  };
  std::vector<Read> reads;  // default (power-on) dummy cycles
  // An octal part that powers up in SPI: its OPI reads work only after the FCB switches it.
  bool octal_powers_up_in_spi = false;
  // Whether the part answers a 1-pad read `opcode` with no wait cycles and an address of
  // `address_bits` at power-on (the ROM's FCB read, rom_rules::safe_read).
  bool answers_spi_read(std::uint8_t opcode, unsigned address_bits) const;
  // The part has a QE bit and ships with it clear: quad reads fail until something sets it.
  bool qe_clear_at_power_on = false;
};

struct InspectOptions {
  std::optional<std::string> chip;
  std::optional<FlashPartFacts> flash_part;  // built by the caller from flash_models/parts
  std::optional<std::uint64_t> offset;       // raw bin: flash offset of the file's first byte
  std::optional<std::uint64_t> address;      // raw bin: bus address of the file's first byte
  bool hab_closed = false;                   // judge as a HAB-closed chip: HAB events stop the boot
  std::uint32_t boot_cfg = 0;                // BOOT_CFG pins as SBMR1 shows them (FLASH_TYPE)
};

struct Range {
  std::uint64_t begin = 0, end = 0;  // [begin, end)
};

struct InspectReport {
  // input
  std::string path;
  Format format = Format::kBin;
  std::uint64_t file_size = 0;
  std::vector<Range> file_ranges;  // address ranges as the file gives them (bin: file offsets)
  std::optional<std::uint32_t> file_entry;
  std::vector<std::string> loader_notes;

  // chip
  std::string chip;  // profile used for the checks ("" if none)
  bool chip_given = false;
  std::vector<std::string> chip_candidates;  // when inferred
  std::string chip_reasoning;
  bool family_unsupported = false;

  // placement in the boot flash
  std::string flexspi_instance;
  std::uint64_t window_base = 0;
  std::optional<std::uint64_t> file_start_offset;  // flash offset of the file's first byte
  bool file_start_inferred = false;
  std::string placement_reasoning;
  std::vector<Range> outside_ranges;  // file ranges outside every FlexSPI window of the chip
  FlashContents flash;                // by flash offset

  // structures found
  std::optional<std::uint32_t> fcb_offset;  // flash offset where an FCB tag was found
  std::optional<Fcb> fcb;
  std::optional<std::uint32_t> ivt_offset;
  std::optional<Ivt> ivt;
  std::optional<BootData> boot_data;
  std::optional<std::uint32_t> dcd_offset;
  std::optional<Dcd> dcd;
  bool csf_present = false;
  std::optional<XmcdHeader> xmcd;
  std::optional<McubootImage> mcuboot;  // the file itself is an MCUboot slot image
  struct McubootSlot {
    std::uint64_t flash_offset = 0;
    McubootImage image;
  };
  std::vector<McubootSlot> mcuboot_slots;  // MCUboot image headers inside the flash image
  std::optional<AhabContainer> ahab;
  std::optional<std::uint32_t> ahab_offset;
  std::optional<bool> xip;
  std::string entry_kind;  // "vector table", "function", "" when unknown
  std::optional<std::uint32_t> entry_sp, entry_reset;  // from the vector table when known

  bool hab_closed = false;  // judged as a HAB-closed chip
  std::vector<Finding> findings;

  bool has_errors() const;
  void add(const std::string& id, Severity sev, const std::string& message);
  // As add(), but a second finding with the same id and severity is counted into the first.
  void add_at(const std::string& id, Severity sev, const std::string& message,
              std::uint64_t address);
};

// Inspects a loaded file. Throws InputError only for impossible options (unknown chip or
// part, --offset with a file that has addresses); everything about the image is a finding.
InspectReport inspect(const LoadedFile& file, const InspectOptions& options,
                      const chips::ChipCatalog& catalog);

// Loads facts for --flash PART from flash_models/parts/<PART>.yaml (InputError if unknown).

}  // namespace xipsim::image
