// `xipsim serve [FILE ...] --chip CHIP --flash PART --uart pty|tcp:PORT`: the board answers host
// tools on its console UART in real time (docs/serial.md). Prints the port on stdout, narrates on
// stderr (or --log FILE), writes the JSON report at the end (--json FILE). Exit 0 when the session
// ended (host gone or a signal), 2 on a usage or input error.
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "board_args.h"
#include "boot_writers.h"
#include "commands.h"
#include "host_port.h"
#include "json_style.h"
#include "xipsim/core/errors.h"

namespace xipsim::tools {

namespace {
struct ServeArgs {
  BootArgs board;
  std::string uart = "pty", flashloader, log, json;
  double host_baud = 115200;
};

Json serve_json(const boot::SessionReport& r, const std::string& port) {
  Json steps = Json::array();
  for (const boot::StepOutcome& s : r.steps)
    steps.push_back({{"step", boot::step_kind_name(s.kind)},
                     {"ok", s.ok},
                     {"text", s.text},
                     {"log", s.log},
                     {"status", s.status ? Json(*s.status) : Json(nullptr)}});
  Json j{{"schema", "xipsim-serve/1"}, {"port", port}, {"steps", steps}};
  const boot::BootReport* boot = r.last_boot();
  j["boot"] = boot ? boot_json(*boot, {}, nullptr) : Json(nullptr);
  const boot::Execution* run = r.last_execution();
  j["execution"] = run ? execution_json(*run) : Json(nullptr);
  return j;
}

void run_serve(const ServeArgs& a) {
  boot::BootRequest req = make_request(a.board);
  if (!a.flashloader.empty() && a.flashloader != "model")
    throw InputError(
        fmt::format("--flashloader '{}': expected model (the C++ flashloader)", a.flashloader));
  std::unique_ptr<boot::HostSerial> host = open_host_port(a.uart, a.host_baud);
  std::ofstream log_file;
  if (!a.log.empty()) {
    log_file.open(a.log);
    if (!log_file) throw InputError(fmt::format("--log '{}': cannot write that file", a.log));
  }
  std::ostream& log = a.log.empty() ? std::cerr : log_file;
  boot::SessionStep reset, boot_step, serve;
  reset.kind = req.reset == boot::ResetKind::kWarm ? boot::SessionStep::Kind::kWarmReset
                                                   : boot::SessionStep::Kind::kPowerOn;
  boot_step.kind = boot::SessionStep::Kind::kBoot;
  serve.kind = boot::SessionStep::Kind::kServe;
  serve.serve.host = host.get();
  serve.serve.flashloader_model = a.flashloader == "model";
  serve.serve.narrate = [&](const std::string& s) { log << "xipsim serve: " << s << std::endl; };
  req.steps = {reset, boot_step, serve};
  boot::BootSession session(req);
  const std::string port = host_port_name(*host);
  std::cout << port << std::endl;
  stop_on_signals();
  const boot::SessionReport r = session.run_steps();
  if (const boot::BootReport* b = r.last_boot())
    log << "xipsim serve: last boot: " << boot::verdict_name(b->verdict) << std::endl;
  if (a.json.empty()) return;
  std::ofstream out(a.json);
  if (!out) throw InputError(fmt::format("--json '{}': cannot write that file", a.json));
  // Console bytes are binary in a serial protocol: invalid UTF-8 becomes U+FFFD.
  out << serve_json(r, port).dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}
}  // namespace

void add_serve_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Run the board in real time with its console UART on a pseudo-terminal or socket, "
      "for blhost, sdphost and terminals (docs/serial.md)");
  add_board_options(cmd, args->board, false);
  cmd->add_option("--uart", args->uart,
                  "pty (default: prints /dev/pts/N) or tcp:PORT (loopback; tcp:0 picks one)");
  cmd->add_option("--host-baud", args->host_baud,
                  "with tcp: the baud rate the host's bytes arrive at (default 115200)")
      ->check(CLI::Range(300.0, 4e6));
  cmd->add_option("--flashloader", args->flashloader,
                  "model: the C++ flashloader answers blhost on the UART");
  cmd->add_option("--log", args->log, "narrate the session into this file (default stderr)");
  cmd->add_option("--json", args->json, "write the session's JSON report here at the end");
  cmd->callback([args, exit_code]() {
    try {
      run_serve(*args);
      *exit_code = 0;
    } catch (const InputError& e) {
      std::cerr << "xipsim: error: " << e.what() << "\n";
      *exit_code = 2;
    }
  });
}

}  // namespace xipsim::tools
