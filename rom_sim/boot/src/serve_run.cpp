// `xipsim serve`: the board answers a host on its console UART in real time. The bridge keeps
// simulated time from running ahead of the host's clock (a host's timeouts are in wall time),
// puts what the host wrote on the RX pad's line at the host's baud rate, and passes what the
// LPUART transmitted back. Behind the UART: the C++ flashloader model speaking the MCU
// bootloader protocol, or the application the ROM booted, running on the CPU (docs/serial.md).
#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "step_runner.h"
#include "xipsim/serial/lpuart_port.h"
#include "xipsim/serial/mboot_server.h"

namespace xipsim::boot {

class HostBridge {
 public:
  HostBridge(HostSerial& host, soc::LpuartBlock& uart, std::function<Picoseconds()> clock)
      : host_(host),
        uart_(uart),
        clock_(std::move(clock)),
        sim0_(clock_()),
        wall0_(std::chrono::steady_clock::now()),
        sent_(uart.sent().size()) {}
  void set_clock(std::function<Picoseconds()> clock) {
    const Picoseconds before = clock_(), after = clock();
    clock_ = std::move(clock);
    sim0_ += after - before;  // the new clock's origin keeps the same pace
  }
  // Paces, then exchanges bytes; false when the session must end.
  bool pump() {
    pace();
    const auto& sent = uart_.sent();
    if (sent.size() < sent_) sent_ = 0;  // the port was reset
    std::string out;
    for (; sent_ < sent.size(); ++sent_)
      out += static_cast<char>(sent[sent_].value);
    if (!out.empty()) host_.send(out);
    std::string in;
    if (!host_.receive(in)) return false;
    if (!in.empty()) uart_.rx_line().send(clock_(), in, host_.baud());
    return true;
  }

 private:
  // While the host's bytes are still arriving the simulation runs as fast as it can (faster
  // than a board: nothing waits on a timeout then); once the line is quiet, simulated time is
  // held to the host's clock from that moment on, so the target's timeouts last as long as
  // the host's.
  void pace() {
    if (uart_.rx_line().free_at() > clock_()) {
      catching_up_ = true;
      return;
    }
    if (catching_up_) {
      catching_up_ = false;
      sim0_ = clock_();
      wall0_ = std::chrono::steady_clock::now();
    }
    const auto wall = std::chrono::steady_clock::now() - wall0_;
    const auto wall_ps = std::chrono::duration_cast<std::chrono::nanoseconds>(wall).count() * 1000;
    const auto sim = static_cast<std::int64_t>(clock_() - sim0_);
    constexpr std::int64_t kSlack = 1'000'000'000;  // 1 ms ahead at most
    if (sim > wall_ps + kSlack)
      std::this_thread::sleep_for(std::chrono::nanoseconds((sim - wall_ps) / 1000));
  }
  HostSerial& host_;
  soc::LpuartBlock& uart_;
  std::function<Picoseconds()> clock_;
  Picoseconds sim0_;
  std::chrono::steady_clock::time_point wall0_;
  std::size_t sent_;
  bool catching_up_ = false;
};

void Runner::serve(const SessionStep& step, StepOutcome& o) {
  const ServeRequest& req = step.serve;
  soc::LpuartBlock* uart = console_of(platform_);
  if (!uart || !req.host) {
    o.ok = false;
    o.text = "The chip profile names no console UART to serve on.";
    return;
  }
  HostBridge bridge(*req.host, *uart, [this] { return bus_->now(); });
  const auto say = [&](const std::string& s) {
    o.log.push_back(s);
    if (req.narrate) req.narrate(s);
  };
  if (req.flashloader_model && !serve_flashloader_model(req, bridge, o)) return;
  if (!handed_over_) {
    say("The ROM did not hand over to an application (its serial downloader does not answer "
        "on the UART yet, issue 17): the session ends.");
    o.text = "Nothing runs behind the UART.";
    return;
  }
  say(fmt::format("The application runs; {} is the host's serial port.", uart->port()));
  RunRequest run;
  run.duration = ~Picoseconds{0} / 4;
  run.wall_seconds = 1e12;
  run.keep_going = [&] { return bridge.pump(); };
  bus_->sync();
  bridge.set_clock([this] { return platform_.cpu()->now(); });
  StepOutcome app;
  SessionStep s;
  s.run = run;
  run_application(s, app);
  o.execution = std::move(app.execution);
  o.text = "The host went away; the application ran until then.";
}

// The C++ flashloader on the UART until the host sends reset (the chip resets and the ROM
// boots; true) or goes away (false).
bool Runner::serve_flashloader_model(const ServeRequest& req, HostBridge& bridge, StepOutcome& o) {
  soc::LpuartBlock* uart = console_of(platform_);
  serial::LpuartPort port(*bus_, uart->bus_base(), [&] { return bridge.pump(); });
  // The model listens at the host's rate: it does not time the ping's edges as the real
  // flashloader's autobaud does (docs/serial.md).
  port.configure(req.host->baud(), uart->uart_clock_hz());
  if (!flashloader_)
    flashloader_ = std::make_unique<host::Flashloader>(*bus_, platform_.chip(), boot_index(),
                                                       soc::kClockControlBase);
  serial::MbootServer server(port, *flashloader_);
  server.on_log(req.narrate);
  const bool reset = server.serve();
  o.log.insert(o.log.end(), server.log().begin(), server.log().end());
  if (!reset) {
    o.text = "The host went away; the flashloader model served it until then.";
    return false;
  }
  platform_.warm_reset(now());
  flashloader_.reset();
  last_reset_ = ResetKind::kWarm;
  handed_over_ = false;
  StepOutcome b;
  boot(b);
  o.boot = b.boot;
  if (req.narrate) req.narrate("reset: " + b.text);
  return true;
}

}  // namespace xipsim::boot
