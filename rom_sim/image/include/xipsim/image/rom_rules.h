// The boot ROM's rule book: every decision that makes the FlexSPI NOR boot stop or change path,
// written once as functions over the decoded boot structures and the chip profile. The ROM model
// (rom_sim/boot) acts on them while it boots; `xipsim inspect` reports them, so an inspect
// `error` is exactly a refusal the ROM would make. A few rules predict what the hardware does
// with a setting the ROM takes as it is (a LUT the FlexSPI rejects, a read strobe that never
// arrives); the ROM model does not call those, the FlexSPI and board models produce the same
// outcome, and tests/boot/test_rule_agreement.cpp holds both sides to it.
// Sources: boot-reference §2, §4.1, §5, §6, §7.3; guesses are open conflicts, named at the rule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xipsim/chips/chip_profile.h"
#include "xipsim/image/fcb.h"
#include "xipsim/image/hab.h"

namespace xipsim::image::rom_rules {

// What a refusal does to the boot.
enum class Effect {
  kStop,         // the ROM gives up on this image (secondary image, then serial downloader)
  kHabEvent,     // logged as a HAB event: the boot goes on while HAB is open, stops when closed
  kHang,         // the ROM hands the CPU something it cannot run and never decides
  kNotModelled,  // a real ROM goes on here; xipsim cannot follow it (plugin code, external RAM)
};

struct Refusal {
  std::string id;    // finding id (docs/inspect.md), e.g. "FCB-DEVICE-TYPE"
  std::string step;  // boot step the ROM stops at: fcb, flexspi_config, initial_load, ivt, ...
  Effect effect = Effect::kStop;
  std::string message;  // one sentence
  bool stops_boot(bool hab_closed) const { return effect != Effect::kHabEvent || hab_closed; }
};
using Decision = std::optional<Refusal>;  // nullopt: accepted

// ---- The ROM's first read (§7.2 FLASH_TYPE): how it reads the FCB ----
// FLASH_TYPE from the boot configuration (BOOT_CFG pins, or fuse 0x450 with BT_FUSE_SEL), 0 on
// chips without the field.
unsigned flash_type(const chips::ChipProfile& chip, std::uint32_t boot_cfg);
struct SafeRead {
  enum class Protocol { kSpi, kHyperBus, kNotModelled } protocol = Protocol::kSpi;
  std::uint8_t opcode = 0x03;  // kSpi: 1-pad read command and its address width
  unsigned address_bits = 24;
};
// 000 the chip's rom_initial_read; 001 13h 32-bit; 010/011 HyperBus; 100 Macronix octal DDR:
// 13h 32-bit (open conflict, docs/boot-rom.md "FLASH_TYPE 100"); 101/110 not modelled; 111
// (QuadSPI on the secondary pin group) as 000.
SafeRead safe_read(const chips::ChipProfile& chip, unsigned flash_type);
// Prediction (inspect --flash): does the part answer that read? `part_decodes` says whether the
// part has the SPI read with that address width at power-on (ignored for HyperBus).
Decision safe_read_reaches_part(const SafeRead& read, unsigned flash_type, bool hyperbus_part,
                                bool part_decodes, const std::string& part_name);

// ---- FCB (512 bytes read by IP command from port A1 at the chip's FCB offset) ----
Decision fcb_tag(const std::uint8_t* raw, std::size_t available, const chips::ChipProfile& chip);
// The decoded FCB's fields in the order the ROM uses them: device type, sample source,
// clock index. The first refusal is where the ROM stops.
Decision fcb_fields(const Fcb& fcb, const chips::ChipProfile& chip);
Decision fcb_sample_source(unsigned read_sample_clk_src);  // the value range (FL rejects > 3)

// ---- Hardware outcome of the read configuration (predictions; see the header comment) ----
// The read sequence the AHB path runs: FLSHA1CR2.ARDSEQID, which the ROM takes from
// lutCustomSeq[0] when lutCustomSeqEnable is set (§2.1), else sequence 0.
unsigned read_sequence_index(const Fcb& fcb);
// The read sequence against the FlexSPI's own checks.
Decision read_sequence(const Fcb& fcb);
// Whether a read strobe reaches the sampler. `part_drives_dqs` is the part's strobe when
// known (inspect --flash); unknown parts are given the benefit of the doubt.
Decision read_strobe(const Fcb& fcb, const chips::ChipProfile& chip,
                     std::optional<bool> part_drives_dqs);
// The ROM's AHB reads of [offset, offset + size) must fall inside FLSHA1CR0..FLSHB2CR0.
Decision ahb_range(const Fcb& fcb, std::uint64_t offset, std::uint64_t size, const char* what,
                   const char* step);

// ---- IVT and boot data (from the initial load at the image's flash offset) ----
Decision ivt_header(const std::uint8_t* ivt, std::size_t available, std::uint64_t flash_offset);
// Where boot data sits in the initial load: its offset there, or the refusal.
struct BootDataAt {
  Decision refusal;
  std::uint64_t offset = 0;  // in the initial load
};
BootDataAt boot_data_offset(const Ivt& ivt, const chips::ChipProfile& chip,
                            std::size_t initial_load_size);
// The boot data itself: self/start agreement, XIP address or the copy destination.
struct BootDataDecision {
  Decision refusal;
  bool xip = true;
};
BootDataDecision boot_data(const Ivt& ivt, const BootData& bd, const chips::ChipProfile& chip,
                           const chips::FlexspiInstance& instance, std::uint64_t image_address);

// ---- Plugin images (§6.3, §7.3 step 9; open conflict 10) ----
// The plugin flag: 0 a normal image, 1 a plugin the ROM calls; anything else is not known.
Decision plugin_flag(const BootData& bd);
// The image a plugin returned (start, bytes, ivt_offset): its IVT at start + ivt_offset, inside
// the image, whose self is that address. `ivt`: its 32 bytes, nullptr when not readable.
Decision next_image_ivt(const std::uint8_t* ivt, std::uint32_t start, std::uint32_t bytes,
                        std::uint32_t ivt_offset);
// Its boot data (nullptr: not readable): a normal image, not a second plugin.
Decision next_image_boot_data(const Ivt& ivt, const BootData* bd);

// ---- DCD (§6.4) ----
// Where the ROM reads the DCD from: the initial load, or for an XIP image the flash window.
enum class DcdSource { kInitialLoad, kWindow };
struct DcdAt {
  Decision refusal;  // a stop: the ROM cannot read the DCD at all
  DcdSource source = DcdSource::kInitialLoad;
  std::uint64_t offset = 0;  // in the initial load (kInitialLoad)
};
DcdAt dcd_location(const Ivt& ivt, const BootData& bd, bool xip, std::size_t initial_load_size,
                   const chips::FlexspiInstance& instance);
// The rest are HAB events.
// The DCD header: tag D2, version 0x4x, and the chip's size limit.
Decision dcd_header(const std::uint8_t* p, std::size_t available, std::uint32_t address,
                    const chips::ChipProfile& chip);
Decision dcd_content(const Dcd& dcd);  // the decoder's first problem
// One write of a write-data command: inside the ranges the ROM allows DCD writes to.
Decision dcd_write_target(const chips::ChipProfile& chip, std::uint32_t address, unsigned width,
                          std::uint32_t dcd_offset);

// ---- HAB (§6.6): `csf_header` is the 4 bytes at IVT.csf (nullptr: not readable) ----
Decision csf(const Ivt& ivt, const std::uint8_t* csf_header);

// ---- Entry (§7.3, open conflict 3) ----
// True when the ROM takes IVT.entry as a vector table (SP, reset handler) on this chip.
// `words`: the 8 bytes at the entry (nullptr when unknown).
bool entry_is_vector_table(std::uint32_t entry, const std::uint8_t* words,
                           const chips::ChipProfile& chip);
// An initial SP inside (or at the end of) a RAM region of the chip, word aligned, and a Thumb
// reset address.
bool looks_like_vector_table(std::uint32_t sp, std::uint32_t reset, const chips::ChipProfile& chip);
Decision entry_target(std::uint32_t entry, const BootData& bd, const chips::ChipProfile& chip,
                      const chips::FlexspiInstance& instance);
// The reset handler read from a vector table must be a Thumb address.
Decision reset_vector(std::uint32_t entry, std::uint32_t reset_handler);

}  // namespace xipsim::image::rom_rules
