// Text forms of the boot inputs (fuses, flash parts with their ports, BOOT_MODE pins), shared by
// the command line (tools/xipsim) and the scenario loader; `what` names the caller's option or
// field in the error.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "xipsim/boot/boot_session.h"

namespace xipsim::boot {

// Parses a fuse name or address: "0x450", "BOOT_CFG0" (0x450), "BOOT_CFG1" (0x460),
// "MISC_CONF1" (0x6E0), "SEC_CONFIG" (sets 0x460 bit 1 when VALUE is 1; closed).
std::pair<std::uint32_t, std::uint32_t> parse_fuse(const std::string& text,
                                                   const std::string& what);
// PART, PART@PORT or PART@INSTANCE:PORT (PORT = A1, A2, B1, B2); `what` names the option or
// field in the error.
FlashArg parse_flash_arg(const std::string& text, const std::string& what);
// BOOT_MODE pins by name: internal (2), serial (1), fuses (0).
unsigned parse_boot_mode(const std::string& text, const std::string& what);
// Where a run stops early: a code address ("0x60002345"; the Thumb bit is dropped), a function
// name ("main", resolved from the image's symbols) or "uart:TEXT" (console text); sets
// run.until, run.until_symbol or run.until_uart.
void parse_run_until(const std::string& text, const std::string& what, RunRequest& run);
// Console input "AT:TEXT": TEXT (with the escapes \r \n \t \\ \xNN) sent to the console
// UART starting AT (a duration) into the run; appended to run.console_input.
void parse_console_input(const std::string& text, const std::string& what, RunRequest& run);
// "A1", "A2", "B1", "B2" for ports 0..3.
const char* port_name(unsigned port);

}  // namespace xipsim::boot
