// What the application did after the ROM handed over (a `run` step): how the run ended, the
// output pins that changed and when, what the console printed, faults and hangs, in words and
// as data. Writers (text, JSON `execution`) live in tools/xipsim; schema in docs/boot.md.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "xipsim/core/serial_frame.h"
#include "xipsim/cpu/cpu.h"

namespace xipsim::boot {

// Bytes a host sends to the console UART, starting `at` into the run.
struct ConsoleInput {
  Picoseconds at = 0;
  std::string bytes;
};

// How long to run and where to stop early.
struct RunRequest {
  Picoseconds duration = 0;
  std::optional<std::uint32_t> until;  // a code address (a block starting there)
  std::string until_symbol;            // a function; the session resolves it into `until`
  std::string until_uart;              // text on the console
  double wall_seconds = 120;
  bool fast_forward = true;  // jump over loops only an interrupt can end (cpu.h RunLimits)
  // A GDB server on this loopback TCP port (0: any free one) that the run waits for before its
  // first instruction (docs/gdb.md); unset: no debugger.
  std::optional<unsigned> gdb_port;
  unsigned trace_instructions = 0;  // record the first N instructions the application executes
  // Resets the application causes (watchdog, SYSRESETREQ) that are followed by a new boot; the
  // next one ends the run as a reset loop. 0: the first reset ends the run.
  unsigned max_resets = 10;
  // What the host sends to the console UART during the first boot's run (a reset clears the
  // LPUART, and bytes not arrived by then are lost with it).
  std::vector<ConsoleInput> console_input;
  // Checked at every quantum: false ends the run (xipsim serve: the host went away).
  std::function<bool()> keep_going;
};

// A reset the application caused, and the boot after it.
struct ResetEvent {
  Picoseconds time = 0;
  std::string source, why;  // "WDOG1", "timed out: ..."
  std::uint32_t srsr = 0;   // SRC_SRSR after the reset
  bool booted = false;
  std::string boot_text;  // "the ROM booted the image again in 0.812 ms" / why it did not
};

struct PinActivity {
  std::string pin;  // "GPIO1_IO09"
  bool user_led = false;
  std::vector<Picoseconds> edges;     // times the output changed
  std::vector<bool> levels;           // the level after each change
  std::optional<double> interval_ms;  // median time between consecutive changes
};

// "running" (still running at the end of the time), "reached", "fault", "hang", "lockup",
// "reset", "halted" (BKPT), "sleeping" (WFI with nothing to wake it), "wall_limit", "error".
const char* execution_verdict(const cpu::RunOutcome& r);

struct Execution {
  cpu::RunOutcome run;
  std::string verdict;
  double core_mhz = 0;  // the core clock at the end of the run
  std::vector<PinActivity> pins;
  std::vector<ResetEvent> resets;
  std::string console_port, console;  // what the console UART sent during the run
  std::string console_received;       // what it took in from the run's input
  std::size_t console_lost = 0;       // input bytes lost (receiver off, buffer full)
  std::vector<std::string> notes;     // what the CPU model noticed (FlexRAM changes, unstable code)
  std::vector<std::string> story;     // the run in sentences
};

}  // namespace xipsim::boot
