// A session on a simulated board: builds the platform for a chip, puts the images into the flash
// parts as a factory programmer would, then runs steps in simulated time: resets, ROM boots, a
// debug probe's flash algorithm, flashloader (blhost) commands and application-side updates.
// `xipsim boot` is the two-step session [reset, boot]; scenarios list their own steps.
// SystemC elaborates once per process, so a process runs one session.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "xipsim/board/sample_model.h"
#include "xipsim/boot/boot_report.h"
#include "xipsim/boot/execution.h"
#include "xipsim/boot/host_serial.h"
#include "xipsim/host/flash_algorithm.h"
#include "xipsim/host/flashloader.h"
#include "xipsim/host/iap.h"
#include "xipsim/soc/flash_leftover.h"
#include "xipsim/soc/platform.h"

namespace xipsim::boot {

struct ImageArg {
  std::string path;
  std::optional<std::uint64_t> at;  // FILE@ADDR: bus address in a FlexSPI window, or flash offset
  enum class At { kEither, kOffset, kAddress };
  At at_kind = At::kEither;  // --offset / --address say which `at` is
};

struct FlashArg {
  std::string part;      // flash_models/parts/<part>.yaml
  std::string instance;  // "" = the chip's boot instance
  unsigned port = 0;     // 0 A1, 1 A2, 2 B1, 3 B2
};

// One step of a session.
struct SessionStep {
  enum class Kind {
    kPowerOn,
    kWarmReset,
    kLeaveFlash,
    kBoot,
    kProgram,
    kFlashloader,
    kIap,
    kRead,  // the running application reads memory (through the bus, e.g. the AHB window)
    kRun,   // the Cortex-M7 runs the image the last boot handed over
    kServe  // the board answers a host on its console UART in real time (xipsim serve)
  };
  Kind kind = Kind::kBoot;
  std::string label;            // as the user wrote it, for reports
  std::string instance;         // FlexSPI instance for program / iap ("" = the boot instance)
  soc::FlashLeftover leftover;  // kLeaveFlash: modes the running application leaves
  host::ProgramRequest program;
  host::BlhostCommand command;
  host::IapRequest iap;
  std::uint64_t read_address = 0, read_size = 0;  // kRead
  RunRequest run;                                 // kRun
  ServeRequest serve;                             // kServe
};
const char* step_kind_name(SessionStep::Kind k);  // "power_on", "boot", "flashloader", ...

struct StepOutcome {
  SessionStep::Kind kind = SessionStep::Kind::kBoot;
  std::string label;
  Picoseconds start = 0, end = 0;
  bool ok = true;
  std::optional<int> status;  // flashloader / program / iap status code
  std::string text;           // one sentence
  std::vector<std::string> log;
  std::optional<BootReport> boot;      // kBoot
  std::optional<Execution> execution;  // kRun
  std::vector<std::uint8_t> data;      // read-memory bytes
  std::vector<std::uint32_t> values;   // get-property words
};

struct SessionReport {
  std::vector<StepOutcome> steps;
  Picoseconds end = 0;
  const BootReport* last_boot() const;      // nullptr when no step booted
  const Execution* last_execution() const;  // nullptr when no step ran code
};

// Bytes put into a flash part's array before the first step (after the images).
struct FlashPatch {
  std::size_t flash = 0;  // index into BootRequest::flashes
  std::uint64_t offset = 0;
  std::vector<std::uint8_t> data;
  std::string source;  // for notes: "file x.bin", "bytes", "fill 0xFF"
};

// Which frames reach the VCD writer and the report recorder, so that output stays bounded: by
// default only the boot steps' frames (a flashloader session moves megabytes through the bus).
struct RecordWindow {
  enum class Kind { kBootSteps, kAllSteps, kSteps, kTime };
  Kind kind = Kind::kBootSteps;
  std::vector<std::size_t> steps;  // kSteps: step numbers, from 1 as in the reports
  Picoseconds from = 0, to = 0;    // kTime: frames starting in [from, to]
  bool covers(std::size_t step, SessionStep::Kind step_kind, Picoseconds frame_start) const;
};
// "boot" (default), "all", "2,4" (step numbers) or "1 ms..2.5 ms" (a time range); `what`
// names the option or field in the error.
RecordWindow parse_record_window(const std::string& text, const std::string& what);

struct BootRequest {
  std::string chip;
  std::vector<FlashArg> flashes;
  std::vector<ImageArg> images;
  std::vector<FlashPatch> patches;
  unsigned boot_mode = 2;  // BOOT_MODE pins: 0 fuses, 1 serial, 2 internal
  std::uint32_t boot_cfg_pins = 0;
  std::map<std::uint32_t, std::uint32_t> fuses;
  board::DqsPadUse dqs = board::DqsPadUse::kFloating;
  ResetKind reset = ResetKind::kPower;  // the reset before the default [reset, boot] steps
  soc::FlashLeftover leftover;          // state a previous application left the boot flash in
  // Non-volatile register state of the first flash part, as production left it: the QE bit set,
  // and register values by name (e.g. SR2 = 0x02).
  bool quad_enable = false;
  std::map<std::string, std::uint32_t> flash_registers;
  std::string vcd_path;
  RecordWindow record;  // which steps' frames go to the VCD and the observer
  std::uint64_t seed = 1;
  board::BoardTiming board;  // every FlexSPI instance's board (DQS pad use is `dqs` above)
  std::optional<std::uint16_t> pull_up;  // IO lines pulled up on every port (default all)
  // Steps to run; empty = [`reset`, boot] (and `run` when `run` is set). `leftover` is applied
  // before the first step.
  std::vector<SessionStep> steps;
  std::optional<RunRequest> run;  // `xipsim boot --run`
  // The ELF with the application's symbols (`--symbols`); empty: the first image when it is an
  // ELF. They name code in the run's narration and resolve `--until FUNCTION`.
  std::string symbols;
  board::FrameObserver* observer = nullptr;  // sees the boot instance's frames (reports)
};

class BootSession {
 public:
  explicit BootSession(const BootRequest& request);  // throws InputError on bad input
  ~BootSession();

  SessionReport run_steps();  // once per process
  BootReport run();           // run_steps() and the last boot's report
  soc::Platform& platform();
  const std::vector<std::string>& notes() const { return notes_; }  // placement, leftover

 private:
  struct Impl;
  void attach_observers();
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> notes_;
};

}  // namespace xipsim::boot
