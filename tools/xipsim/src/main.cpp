// xipsim command-line entry point.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "commands.h"

// SystemC's library refers to sc_main; xipsim elaborates from main() instead.
extern "C" int sc_main(int, char**) {
  return 0;
}

int main(int argc, char** argv) {
  CLI::App app{"xipsim: i.MX RT FlexSPI NOR boot simulator"};
  app.require_subcommand(1);
  int exit_code = 0;
  xipsim::tools::add_inspect_command(app, &exit_code);
  xipsim::tools::add_boot_command(app, &exit_code);
  xipsim::tools::add_run_command(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;  // usage errors exit 2
  } catch (const std::exception& e) {
    std::cerr << "xipsim: internal error: " << e.what() << "\n";
    return 2;
  }
  return exit_code;
}
