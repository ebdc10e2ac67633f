// A scenario file (scenarios/README.md): the board, the images, the steps and what must come
// out. Read strictly: every error names file:line:column and the field; unknown keys get the
// closest valid key suggested.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "xipsim/boot/boot_session.h"

namespace xipsim::scenario {

// What a boot must show (the last boot for the top-level expect, or the step's own boot).
struct BootExpect {
  std::optional<std::string> verdict, failed_step;
  std::optional<std::uint32_t> entry;
  std::vector<std::uint32_t> rom_log;  // these codes, in this order (others may come between)
  std::vector<std::string> hint_contains, reason_contains;
  bool any() const {
    return verdict || failed_step || entry || !rom_log.empty() || !hint_contains.empty() ||
           !reason_contains.empty();
  }
};

// What a `run` step must show (the application's execution).
struct GpioExpect {
  std::string pin;  // "GPIO1_IO09"; USER_LED in the file names the chip's EVK LED
  std::optional<unsigned> toggles_min;
  std::optional<Picoseconds> interval, tolerance;  // the median time between changes
};
struct RunExpect {
  std::optional<std::string> app_verdict;  // "running", "fault", "hang", ... (docs/boot.md)
  std::vector<std::string> uart_contains;  // console text
  std::vector<GpioExpect> gpio;
  std::optional<std::string> fault;         // the handler the first fault entered ("HardFault")
  std::optional<std::string> reached;       // the run stopped at this function or code address
  std::optional<unsigned> resets;           // resets the application caused during the run
  std::optional<std::string> reset_source;  // what caused every one of them ("WDOG1")
  // The ROM's boot after the last of them, in words ("the ROM did not boot: ...", its hint).
  std::vector<std::string> reboot_contains;
  // Words the run's narration must (or must not) hold ("the L1 D-cache served 0x60040000").
  std::vector<std::string> narration_contains, narration_lacks;
  bool any() const {
    return app_verdict || !uart_contains.empty() || !gpio.empty() || fault || reached || resets ||
           reset_source || !reboot_contains.empty() || !narration_contains.empty() ||
           !narration_lacks.empty();
  }
};

struct StepExpect {
  std::optional<int> status;  // flashloader / program / iap status code
  std::optional<bool> ok;
  std::vector<std::string> text_contains;
  std::optional<std::vector<std::uint8_t>> data;     // read-memory bytes (prefix)
  std::optional<std::vector<std::uint32_t>> values;  // get-property words
  BootExpect boot;
  RunExpect run;
};

struct BytesExpect {
  std::uint64_t address = 0;  // bus address (memory) or flash offset (flash)
  std::size_t flash = 0;      // flash: index into board.flash
  std::vector<std::uint8_t> bytes;
  std::string where;  // file:line:col of the entry
};

struct TimeBound {
  std::optional<Picoseconds> min, max;
};

struct Expect {
  BootExpect boot;
  std::vector<BytesExpect> memory, flash;
  TimeBound time;       // whole session, simulated
  TimeBound boot_time;  // the last boot
};

struct Scenario {
  std::string file, name, description, field_failure, twin;
  boot::BootRequest request;
  std::vector<StepExpect> step_expects;  // one per request.steps entry
  Expect expect;
};

// Reads a scenario file; throws InputError naming file:line:column and the field.
Scenario load_scenario(const std::string& path);

// Where `$CORPUS/...` paths point: XIPSIM_CORPUS_DIR, else <data dir>/../shared/corpus.
std::string corpus_dir();

}  // namespace xipsim::scenario
