// Everything one boot run learns: the narrated steps, ROM log, verdict, failure and hint.
// Writers (text, JSON) live in tools/xipsim; the JSON schema is docs/boot.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xipsim/core/serial_frame.h"
#include "xipsim/image/fcb.h"
#include "xipsim/image/hab.h"

namespace xipsim::boot {

// A power-on reset power-cycles the flash parts; a warm reset resets the SoC only.
enum class ResetKind { kPower, kWarm };
inline const char* reset_name(ResetKind k) {
  return k == ResetKind::kWarm ? "warm" : "power";
}

enum class Verdict { kBooted, kSerialDownloader, kHang, kError };
const char* verdict_name(Verdict v);  // "booted", "serial_downloader", "hang", "error"

struct BootStep {
  Picoseconds time = 0;
  std::string step;  // "boot_mode", "flexspi_init", "fcb", ... (docs/boot.md)
  std::string text;  // one plain sentence
  bool ok = true;
};

struct RomLogEntry {
  std::uint32_t code = 0;
  Picoseconds time = 0;
};

// One cause of a failed boot that the diagnosis proves from the model state, and the change
// that would verify the fix.
struct Cause {
  std::string id;      // stable, docs/boot.md: "DQS-PAD-LOADED", "QE-CLEAR", ...
  std::string text;    // what is wrong and why, in a firmware engineer's words
  std::string fix;     // what to change
  std::string option;  // the xipsim option that tries the fix ("--qe"); "" when it is in the image
};

// A plugin image's call (boot data plugin flag 1): what the ROM passed and what came back.
struct PluginReport {
  std::uint32_t entry = 0;
  bool returned = false;     // the plugin came back to the ROM
  std::uint32_t result = 0;  // its return value (r0): nonzero is success
  // The next image as the plugin named it (the words after the call; the values passed in
  // before it: the plugin image's boot data start and size, and the chip's IVT offset).
  std::uint32_t start = 0, bytes = 0, ivt_offset = 0;
  Picoseconds time = 0;  // the call's simulated time
  std::uint64_t instructions = 0;
  std::string text;               // how the call ended, when the plugin did not return
  std::string console;            // what it printed on the console UART
  std::optional<image::Ivt> ivt;  // the next image's, when the ROM got that far
  std::optional<image::BootData> boot_data;
};

struct BootReport {
  std::string chip, flash_part;
  ResetKind reset_kind = ResetKind::kPower;
  std::string boot_instance;  // FlexSPI instance the ROM used
  Verdict verdict = Verdict::kError;
  std::optional<std::uint32_t> entry;           // IVT entry
  std::optional<std::uint32_t> initial_sp, pc;  // what the CPU would load
  std::string entry_kind;                       // "vector table" or "function"
  std::optional<bool> xip;
  std::optional<std::uint32_t> load_address, load_size;  // non-XIP copy
  std::string failed_step, reason, hint;  // hint: the causes' texts, first cause first
  std::vector<Cause> causes;              // ordered by which one stops the boot first
  std::vector<RomLogEntry> rom_log;
  std::vector<BootStep> steps;
  Picoseconds start_time = 0;  // simulated time the ROM started (after the reset)
  Picoseconds boot_time = 0;   // from start_time to the ROM's decision
  std::string hab_state;       // "open", "closed", "fab"
  std::vector<std::string> hab_events;
  std::optional<image::Fcb> fcb;
  std::optional<image::Ivt> ivt;
  std::optional<image::BootData> boot_data;
  std::optional<PluginReport> plugin;  // the image at the IVT offset was a plugin and ran
  unsigned dcd_commands_run = 0;
  double sclk_mhz = 0;
  unsigned sample_clk_src = 0;
  std::uint64_t frames = 0, flash_bytes_read = 0;
  std::uint64_t image_offset = 0;
  bool auto_probe = false;  // FLASH_AUTO_PROBE_EN: the FCB came from the part's SFDP
  unsigned flash_type = 0;  // FLASH_TYPE boot configuration: 0/1 QuadSPI, 2/3 HyperFlash
  // Modes the boot flash was in when the ROM started ("4-byte address mode, QPI mode"),
  // empty when it was in its power-on state.
  std::string flash_modes_at_reset;  // flash offset of the image the ROM booted or tried last
};

}  // namespace xipsim::boot
