// The options `boot` and `serve` share: images, chip, flash parts, pins, fuses, board, and the
// application run; parsed into a BootRequest.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "xipsim/boot/boot_session.h"

namespace xipsim::tools {

struct BootArgs {
  std::vector<std::string> files, flashes, fuses, flash_regs;
  bool qe = false;
  std::string chip, boot_mode = "internal", boot_cfg, dqs = "floating", reset = "power";
  std::string flash_state, vcd, offset, address, vcd_window = "boot";
  std::string run, until, gdb;
  std::vector<std::string> send;
  double wall = 120;
  bool no_fast_forward = false;
  unsigned max_resets = 10;
  unsigned trace = 0;
  std::string symbols;
  std::uint64_t seed = 1;
  bool json = false;
};

// Registers the board options (FILE ... --seed); `files_required`: at least one image.
void add_board_options(CLI::App* cmd, BootArgs& a, bool files_required);
// The options of the application run after the boot (--run and what goes with it).
void add_run_options(CLI::App* cmd, BootArgs& a);
boot::BootRequest make_request(const BootArgs& a);

}  // namespace xipsim::tools
