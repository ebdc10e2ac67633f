#include "board_args.h"

#include <fmt/format.h>

#include "xipsim/boot/boot_args.h"
#include "xipsim/core/duration.h"
#include "xipsim/core/errors.h"
#include "xipsim/core/names.h"
#include "xipsim/core/yaml_reader.h"
#include "xipsim/gdb/tcp_channel.h"

namespace xipsim::tools {

namespace {
std::uint64_t number(const std::string& what, const std::string& text) {
  const auto v = parse_unsigned(text);
  if (!v || *v > 0xFFFFFFFFull)
    throw InputError(
        fmt::format("{} '{}': expected a 32-bit number (decimal or 0x hex)", what, text));
  return *v;
}

// FILE or FILE@ADDR
boot::ImageArg image_arg(const std::string& text) {
  boot::ImageArg a;
  const auto at = text.rfind('@');
  if (at == std::string::npos) {
    a.path = text;
  } else {
    a.path = text.substr(0, at);
    a.at = number("FILE@ADDR address", text.substr(at + 1));
  }
  return a;
}

// --run DURATION [--until 0xADDR|uart:TEXT]
boot::RunRequest run_request(const BootArgs& a) {
  boot::RunRequest run;
  const auto d = parse_duration(a.run);
  if (!d || *d == 0)
    throw InputError(
        fmt::format("--run '{}': expected a duration such as 100ms, 2s or 500us", a.run));
  run.duration = *d;
  run.wall_seconds = a.wall;
  run.fast_forward = !a.no_fast_forward;
  run.max_resets = a.max_resets;
  run.trace_instructions = a.trace;
  if (!a.until.empty()) boot::parse_run_until(a.until, "--until", run);
  for (const std::string& s : a.send)
    boot::parse_console_input(s, "--send", run);
  if (!a.gdb.empty()) {
    run.gdb_port = gdb::parse_listen_address(a.gdb);
    if (!run.gdb_port)
      throw InputError(fmt::format(
          "--gdb '{}': expected tcp::PORT, a TCP port on this machine (tcp::3333; tcp::0 "
          "picks a free one)",
          a.gdb));
  }
  return run;
}
}  // namespace

boot::BootRequest make_request(const BootArgs& a) {
  boot::BootRequest r;
  r.chip = a.chip;
  for (const auto& f : a.files) {
    boot::ImageArg img = image_arg(f);
    // --offset/--address place every raw bin given without @ADDR, as in `xipsim inspect`.
    if (!img.at && (!a.offset.empty() || !a.address.empty())) {
      const bool address = !a.address.empty();
      img.at = number(address ? "--address" : "--offset", address ? a.address : a.offset);
      img.at_kind = address ? boot::ImageArg::At::kAddress : boot::ImageArg::At::kOffset;
    }
    r.images.push_back(img);
  }
  for (const auto& f : a.flashes)
    r.flashes.push_back(boot::parse_flash_arg(f, "--flash"));
  r.boot_mode = boot::parse_boot_mode(a.boot_mode, "--boot-mode");
  if (!a.boot_cfg.empty())
    r.boot_cfg_pins = static_cast<std::uint32_t>(number("--boot-cfg", a.boot_cfg));
  for (const auto& f : a.fuses) {
    const auto [word, value] = boot::parse_fuse(f, "--fuse");
    r.fuses[word] = value;
  }
  const std::vector<std::string> dqs_uses{"floating", "loaded", "driven"};
  r.dqs = *board::parse_dqs_pad_use(dqs_uses[choose_name("--dqs", a.dqs, dqs_uses)]);
  r.reset = choose_name("--reset", a.reset, {"power", "warm"}) == 1 ? boot::ResetKind::kWarm
                                                                    : boot::ResetKind::kPower;
  r.leftover = soc::parse_flash_leftover(a.flash_state);
  r.quad_enable = a.qe;
  for (const auto& f : a.flash_regs) {
    const auto eq = f.find('=');
    const auto v = eq == std::string::npos ? std::nullopt : parse_unsigned(f.substr(eq + 1));
    if (!v) throw InputError(fmt::format("--flash-reg '{}': expected NAME=VALUE", f));
    r.flash_registers[f.substr(0, eq)] = static_cast<std::uint32_t>(*v);
  }
  r.vcd_path = a.vcd;
  r.record = boot::parse_record_window(a.vcd_window, "--vcd-window");
  r.seed = a.seed;
  r.symbols = a.symbols;
  if (!a.run.empty())
    r.run = run_request(a);
  else if (!a.until.empty())
    throw InputError("--until needs --run DURATION (how long at most)");
  else if (!a.send.empty())
    throw InputError("--send needs --run DURATION (the application receives it)");
  else if (!a.gdb.empty())
    throw InputError("--gdb needs --run DURATION (the debugger holds the application's run)");
  return r;
}
// The options of the application run after the boot (--run and what goes with it).
void add_run_options(CLI::App* cmd, BootArgs& a) {
  cmd->add_option("--run", a.run,
                  "after the boot, run the application on the Cortex-M7 for this long "
                  "(simulated time, e.g. 2s)");
  cmd->add_option("--until", a.until,
                  "with --run: stop early at a code address (0x6000_2345) or when the console "
                  "prints a text (uart:TEXT)");
  cmd->add_option("--send", a.send,
                  "with --run: bytes for the console UART, AT:TEXT (e.g. '20ms:help\\r'; "
                  "escapes \\r \\n \\t \\\\ \\xNN), at the baud rate the firmware "
                  "programs (repeatable)");
  cmd->add_option("--symbols", a.symbols,
                  "with --run: the application's ELF, for function names in the narration and "
                  "--until FUNCTION (default: the image, when it is an ELF)");
  cmd->add_option("--wall-limit", a.wall, "with --run: host seconds at most (default 120)");
  cmd->add_option("--max-resets", a.max_resets,
                  "with --run: resets by the application (watchdog, SYSRESETREQ) followed by a "
                  "new boot before the run stops as a reset loop (default 10; 0: stop at the "
                  "first)");
  cmd->add_option("--gdb", a.gdb,
                  "with --run: serve GDB's remote protocol on tcp::PORT (loopback; tcp::0 "
                  "picks a free port, printed on stderr); the CPU waits at its first "
                  "instruction until GDB connects (docs/gdb.md)");
  cmd->add_option("--trace-instructions", a.trace,
                  "with --run: list the first N instructions the application executes "
                  "(address, bytes, disassembly, function)")
      ->check(CLI::Range(0u, 100000u));
  cmd->add_flag("--no-fast-forward", a.no_fast_forward,
                "with --run: execute every iteration of loops only an interrupt can end "
                "(slower, same result)");
}

void add_board_options(CLI::App* cmd, BootArgs& a, bool files_required) {
  cmd->add_option("FILE", a.files,
                  "images (bin, HEX, SREC, ELF, UF2); FILE@ADDR places a raw bin at a bus address "
                  "or flash offset")
      ->required(files_required);
  cmd->add_option("--chip", a.chip, "chip profile (RT1010 ... RT1170)")->required();
  auto* off = cmd->add_option("--offset", a.offset,
                              "raw bin without @ADDR: flash offset of the file's first byte");
  cmd->add_option("--address", a.address,
                  "raw bin without @ADDR: bus address of the file's first byte")
      ->excludes(off);
  cmd->add_option("--flash", a.flashes,
                  "flash part, optionally where: PART[@[INSTANCE:]A1|A2|B1|B2] (repeatable)")
      ->required()
      ->allow_extra_args(false);  // one value per --flash: the FILEs may follow
  cmd->add_option("--boot-mode", a.boot_mode, "BOOT_MODE pins: internal (default), fuses, serial");
  cmd->add_option("--boot-cfg", a.boot_cfg, "BOOT_CFG pins as SBMR1 shows them (default 0)");
  cmd->add_option("--fuse", a.fuses, "fuse word NAME=VALUE, e.g. 0x460=0x2 (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--dqs", a.dqs, "DQS pad on the board: floating (default), loaded, driven");
  cmd->add_option("--reset", a.reset, "power (default: flash power-cycled) or warm");
  cmd->add_option("--flash-state", a.flash_state,
                  "modes a previous application left the flash in: qpi,4byte,continuous");
  cmd->add_flag("--qe", a.qe,
                "the flash's QE bit was set in production (non-volatile), as EVK flashes are");
  cmd->add_option("--flash-reg", a.flash_regs,
                  "non-volatile flash register before power-on, NAME=VALUE (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--vcd", a.vcd, "write the boot flash's serial frames as a VCD waveform");
  cmd->add_option("--vcd-window", a.vcd_window,
                  "frames the VCD records: boot (default), all, step numbers (1,2) or a time "
                  "range ('0.5 ms..0.8 ms')");
  cmd->add_option("--seed", a.seed, "seed for reproducible bit errors (default 1)");
}

}  // namespace xipsim::tools
