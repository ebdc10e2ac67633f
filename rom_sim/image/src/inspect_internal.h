// Steps of inspect(), each in its own file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "xipsim/core/hex.h"
#include "xipsim/image/inspect.h"
#include "xipsim/image/rom_rules.h"

namespace xipsim::image::detail {

struct BinStartGuess {
  std::optional<std::uint64_t> start;  // flash offset of the file's first byte
  std::string reasoning;
  std::optional<std::uint64_t> ivt_self;  // bus addresses seen in the IVT (chip evidence)
  std::optional<std::uint64_t> bd_start;
};
// Where a raw bin belongs in flash, from the FCB/IVT it carries (chip-independent).
BinStartGuess guess_bin_start(const std::vector<std::uint8_t>& bytes);

// Chooses the chip profile when --chip is absent (fills chip_* fields of the report).
const chips::ChipProfile* infer_chip(const LoadedFile& file, const BinStartGuess& guess,
                                     const chips::ChipCatalog& catalog, InspectReport& r);

// Places the file's bytes into r.flash for the chip (fills placement fields and findings).
void place_image(const LoadedFile& file, const BinStartGuess& guess, const InspectOptions& opt,
                 const chips::ChipProfile& chip, InspectReport& r);

// Adds a rule-book refusal as a finding: an error when it stops the boot (a HAB event stops it
// only on a closed chip, `InspectReport::hab_closed`), a warning otherwise. True if it was one.
// With `address`, repeats of the same id are counted into one finding (InspectReport::add_at).
bool report(InspectReport& r, const rom_rules::Decision& d,
            std::optional<std::uint64_t> address = std::nullopt);

// The FlexSPI instance the image is stored in: the boot instance, or the one the placement chose
// (a LAYOUT-NOT-BOOT-INSTANCE finding names it). nullptr when the chip has none.
const chips::FlexspiInstance* image_instance(const chips::ChipProfile& chip,
                                             const InspectReport& r);

void check_fcb(const chips::ChipProfile& chip, const chips::ChipCatalog& catalog,
               const FlashPartFacts* part, std::uint32_t boot_cfg, InspectReport& r);
void check_ivt(const chips::ChipProfile& chip, InspectReport& r);
void check_dcd_csf_xmcd(const chips::ChipProfile& chip, InspectReport& r);
void check_containers(const LoadedFile& file, InspectReport& r);
// MCUboot image headers at sector boundaries inside the placed flash image (merged builds).
void find_mcuboot_slots(InspectReport& r);

using xipsim::hex32;  // "0x6000_2000"

}  // namespace xipsim::image::detail
