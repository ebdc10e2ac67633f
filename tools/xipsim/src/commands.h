// Subcommands of the xipsim command-line tool.
#pragma once

#include <CLI/CLI.hpp>

namespace xipsim::tools {

// Registers `inspect`; the callback stores its exit code in *exit_code.
void add_inspect_command(CLI::App& app, int* exit_code);
// Registers `boot` (docs/boot.md).
void add_boot_command(CLI::App& app, int* exit_code);
// Registers `run` (docs/run.md).
void add_run_command(CLI::App& app, int* exit_code);
// Registers `serve` (docs/serial.md).
void add_serve_command(CLI::App& app, int* exit_code);

}  // namespace xipsim::tools
