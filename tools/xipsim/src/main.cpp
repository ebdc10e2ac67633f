// xipsim command-line entry point.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "commands.h"
#include "xipsim/chips/chip_catalog.h"
#include "xipsim/core/names.h"
#include "xipsim/core/yaml_reader.h"
#include "xipsim_git.h"

// SystemC's library refers to sc_main; xipsim elaborates from main() instead.
extern "C" int sc_main(int, char**) {
  return 0;
}

namespace {

std::string version_text() {
  const std::string git = XIPSIM_GIT_DESCRIBE;
  return std::string("xipsim ") + XIPSIM_VERSION + (git.empty() ? "" : " (git " + git + ")");
}

// The chips and the spellings each answers to, for --help.
std::string chip_list() {
  std::string s = "Chips (--chip, any case):\n";
  try {
    for (const auto& c : xipsim::chips::ChipCatalog::builtin().all()) {
      s += "  " + c.name;
      for (std::size_t i = 0; i < c.aliases.size(); ++i)
        s += (i == 0 ? "  = " : ", ") + c.aliases[i];
      s += c.supported ? "\n" : "  (recognised, not modelled)\n";
    }
  } catch (const std::exception& e) {
    s += std::string("  (chip profiles could not be read: ") + e.what() + ")\n";
  }
  return s;
}

// "inspct" -> exit 2 with the closest subcommand, before CLI11 calls it an extra argument.
bool unknown_subcommand(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return false;
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({}))
    names.push_back(sub->get_name());
  if (xipsim::find_name(argv[1], names)) return false;
  const std::string near = xipsim::closest_match(argv[1], names);
  std::cerr << "xipsim: error: unknown subcommand '" << argv[1] << "'"
            << (near.empty() ? "" : " (did you mean '" + near + "'?)")
            << "; subcommands: " << xipsim::either_of(names) << "\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"xipsim: i.MX RT FlexSPI NOR boot simulator"};
  app.require_subcommand(1);
  app.ignore_case();  // subcommands and options in any case, as chip and part names
  app.set_version_flag("--version", version_text(), "print the version and exit");
  app.footer([] { return chip_list(); });  // read the chip profiles only for --help
  int exit_code = 0;
  xipsim::tools::add_inspect_command(app, &exit_code);
  xipsim::tools::add_boot_command(app, &exit_code);
  xipsim::tools::add_run_command(app, &exit_code);
  xipsim::tools::add_serve_command(app, &exit_code);
  if (unknown_subcommand(app, argc, argv)) return 2;
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
