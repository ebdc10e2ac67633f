// `xipsim boot FILE [FILE@ADDR ...] --chip CHIP --flash PART ...`: exit 0 booted, 1 did not
// boot, 2 usage or input error.
#include <fmt/format.h>

#include <iostream>

#include "board_args.h"
#include "boot_writers.h"
#include "commands.h"
#include "xipsim/core/errors.h"

namespace xipsim::tools {

void add_boot_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<BootArgs>();
  CLI::App* cmd = app.add_subcommand(
      "boot", "Boot images on a simulated chip, board and flash; narrate what the ROM does");
  add_board_options(cmd, *args, true);
  add_run_options(cmd, *args);
  cmd->add_flag("--json", args->json, "print the report as JSON (schema: docs/boot.md)");
  cmd->callback([args, exit_code]() {
    try {
      boot::BootSession session(make_request(*args));
      const boot::SessionReport steps = session.run_steps();
      const boot::BootReport* report = steps.last_boot();
      if (!report) throw InputError("the session ran no boot step");
      const boot::Execution* run = steps.last_execution();
      if (args->json)
        std::cout << boot_json(*report, session.notes(), run).dump(2) << "\n";
      else
        std::cout << boot_text(*report, session.notes(), run);
      const bool ran = !run || run->verdict == "running" || run->verdict == "reached";
      *exit_code = report->verdict == boot::Verdict::kBooted && ran ? 0 : 1;
    } catch (const InputError& e) {
      std::cerr << "xipsim: error: " << e.what() << "\n";
      *exit_code = 2;
    }
  });
}

}  // namespace xipsim::tools
