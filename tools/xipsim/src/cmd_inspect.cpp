// `xipsim inspect FILE`: exit 0 valid boot image, 1 not valid, 2 usage or input error.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "inspect_writers.h"
#include "xipsim/boot/flash_facts.h"
#include "xipsim/core/errors.h"
#include "xipsim/core/names.h"
#include "xipsim/core/yaml_reader.h"
#include "xipsim/flash/part_loader.h"

namespace xipsim::tools {

namespace {
struct InspectArgs {
  std::string file, chip, flash, offset, address, boot_cfg, hab = "open";
  bool json = false;
};

std::uint64_t parse_number(const std::string& opt, const std::string& text) {
  const auto v = parse_unsigned(text);
  if (!v || *v > 0xFFFFFFFFull) {
    throw InputError(
        fmt::format("{} '{}': expected a 32-bit number (decimal or 0x hex)", opt, text));
  }
  return *v;
}
}  // namespace

void add_inspect_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<InspectArgs>();
  CLI::App* cmd =
      app.add_subcommand("inspect", "Check whether a file is a valid FlexSPI NOR boot image");
  cmd->add_option("FILE", args->file, "image file: bin, Intel HEX, S-record, ELF or UF2")
      ->required();
  cmd->add_option("--chip", args->chip,
                  "chip profile (RT1010 ... RT1170); inferred from the layout if absent");
  cmd->add_option("--flash", args->flash,
                  "flash part on the board (flash_models/parts/<PART>.yaml)");
  auto* off =
      cmd->add_option("--offset", args->offset, "raw bin: flash offset of the file's first byte");
  cmd->add_option("--address", args->address, "raw bin: bus address of the file's first byte")
      ->excludes(off);
  cmd->add_option("--boot-cfg", args->boot_cfg,
                  "BOOT_CFG pins as SBMR1 shows them (default 0): FLASH_TYPE decides how the "
                  "ROM reads the FCB");
  cmd->add_option("--hab", args->hab,
                  "HAB state to judge for: open (default: HAB events are warnings) or closed "
                  "(they stop the boot)");
  cmd->add_flag("--json", args->json, "print the report as JSON (schema: docs/inspect.md)");
  cmd->callback([args, exit_code]() {
    try {
      image::InspectOptions opt;
      if (!args->chip.empty()) opt.chip = args->chip;
      if (!args->flash.empty()) opt.flash_part = flash_facts(*flash::load_part(args->flash));
      if (!args->offset.empty()) opt.offset = parse_number("--offset", args->offset);
      if (!args->address.empty()) opt.address = parse_number("--address", args->address);
      if (!args->boot_cfg.empty())
        opt.boot_cfg = static_cast<std::uint32_t>(parse_number("--boot-cfg", args->boot_cfg));
      opt.hab_closed = choose_name("--hab", args->hab, {"open", "closed"}) == 1;
      const image::LoadedFile file = image::load_file(args->file);
      const image::InspectReport report = image::inspect(file, opt, chips::ChipCatalog::builtin());
      if (args->json) {
        std::cout << inspect_json(report).dump(2) << "\n";
      } else {
        std::cout << inspect_text(report);
      }
      *exit_code = report.has_errors() ? 1 : 0;
    } catch (const InputError& e) {
      std::cerr << "xipsim: error: " << e.what() << "\n";
      *exit_code = 2;
    }
  });
}

}  // namespace xipsim::tools
