// `xipsim serve`: the board answers a host on its console UART in real time. The bridge keeps
// simulated time from running ahead of the host's clock (a host's timeouts are in wall time),
// puts what the host wrote on the RX pad's line at the host's baud rate, and passes what the
// LPUART transmitted back. Behind the UART: the C++ flashloader model speaking the MCU
// bootloader protocol, or the application the ROM booted, running on the CPU (docs/serial.md).
#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "step_runner.h"
#include "xipsim/image/rom_rules.h"
#include "xipsim/serial/lpuart_port.h"
#include "xipsim/serial/mboot_server.h"
#include "xipsim/serial/sdp_server.h"

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
  // Called after the host's bytes went on the line (the CPU then looks at its timers again).
  void on_input(std::function<void()> f) { on_input_ = std::move(f); }
  void set_clock(std::function<Picoseconds()> clock) {
    const Picoseconds before = clock_(), after = clock();
    clock_ = std::move(clock);
    sim0_ += after - before;  // the new clock's origin keeps the same pace
  }
  bool gone() const { return gone_; }  // the host went away (or a signal)
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
    if (!gone_ && !host_.receive(in)) gone_ = true;
    // What the host sent before it went away is still on the wire: the board takes it in
    // before the session ends.
    if (gone_ && in.empty()) return uart_.rx_line().free_at() > clock_();
    if (!in.empty()) {
      uart_.rx_line().send(clock_(), in, host_.baud());
      if (on_input_) on_input_();
    }
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
  bool gone_ = false;
  std::function<void()> on_input_;
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
  // The ROM's serial downloader until JUMP_ADDRESS (there the model stands in for the image
  // when asked to); then what runs on the CPU until the host goes away, or until it resets the
  // chip and the ROM does not boot: then the serial downloader again.
  for (;;) {
    if (!handed_over_ && !serve_until_jump(req, bridge, o)) return;
    if (handed_over_ && !run_connected(req, bridge, o)) return;
  }
}

bool Runner::serve_until_jump(const ServeRequest& req, HostBridge& bridge, StepOutcome& o) {
  while (!handed_over_) {
    narrate(req, o,
            "The ROM is in its serial downloader: SDP on " + console_of(platform_)->port() +
                " at 115200 baud.");
    bridge.set_clock([this] { return bus_->now(); });
    const std::optional<serial::SdpJump> jump = serve_serial_downloader(req, bridge, o);
    if (!jump) {
      o.text = "The host went away; the ROM's serial downloader served it until then.";
      return false;
    }
    if (!req.flashloader_model) {
      start_jumped(*jump);
    } else if (!serve_flashloader_model(req, bridge, o)) {
      return false;
    }
  }
  return true;
}

// The CPU runs with the UART connected; false when the host went away (true: the chip reset and
// the ROM is in its serial downloader again).
bool Runner::run_connected(const ServeRequest& req, HostBridge& bridge, StepOutcome& o) {
  narrate(req, o,
          fmt::format("The application runs; {} is the host's serial port.",
                      console_of(platform_)->port()));
  RunRequest run;
  run.duration = ~Picoseconds{0} / 4;
  run.wall_seconds = 1e12;
  run.keep_going = [&] { return bridge.pump(); };
  bus_->sync();
  bridge.set_clock([this] { return platform_.cpu()->now(); });
  bridge.on_input([this] { platform_.cpu()->sources_changed(); });
  StepOutcome app;
  SessionStep s;
  s.run = run;
  run_application(s, app);
  bridge.on_input(nullptr);
  o.execution = std::move(app.execution);
  if (bridge.gone()) {
    o.text = "The host went away; the application ran until then.";
    return false;
  }
  if (!handed_over_) return true;
  o.text = "The application's run ended: " + app.text;
  return false;
}

void Runner::narrate(const ServeRequest& req, StepOutcome& o, const std::string& s) {
  o.log.push_back(s);
  if (req.narrate) req.narrate(s);
}

// The ROM's SDP on the UART at 115200 baud (decision: the ROM's UART rate; sdphost's and spsdk's
// default) until JUMP_ADDRESS or the host goes away.
std::optional<serial::SdpJump> Runner::serve_serial_downloader(const ServeRequest& req,
                                                               HostBridge& bridge, StepOutcome& o) {
  soc::LpuartBlock* uart = console_of(platform_);
  serial::LpuartPort port(*bus_, uart->bus_base(), [&] { return bridge.pump(); });
  port.configure(115200, uart->uart_clock_hz());
  bool closed = false;
  for (const StepOutcome& s : report_.steps)
    if (s.boot) closed = s.boot->hab_state == "closed";
  serial::SdpServer server(port, *bus_, platform_.chip(), closed);
  server.on_log(req.narrate);
  server.on_baud([&](double baud) { port.configure(baud, uart->uart_clock_hz()); });
  const std::optional<serial::SdpJump> jump = server.serve();
  o.log.insert(o.log.end(), server.log().begin(), server.log().end());
  return jump;
}

// The CPU starts the image JUMP_ADDRESS named, as the ROM enters a booted one: a vector table
// (SP, reset handler, VTOR) or a Thumb function on the ROM's stack (open conflict 3).
void Runner::start_jumped(const serial::SdpJump& jump) {
  std::uint8_t v[8] = {};
  const bool readable = bus_->read(jump.entry & ~1u, v, sizeof v);
  const auto le32 = [](const std::uint8_t* p) {
    return p[0] | p[1] << 8 | p[2] << 16 | static_cast<std::uint32_t>(p[3]) << 24;
  };
  cpu::Cpu* c = platform_.cpu();
  if (!c) return;
  if (image::rom_rules::entry_is_vector_table(jump.entry, readable ? v : nullptr, platform_.chip()))
    c->handover(le32(v), le32(v + 4), jump.entry);
  else
    c->handover(rom_stack_top(platform_.chip()), jump.entry | 1u, 0);
  handed_over_ = true;
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
  reset_chip(ResetKind::kWarm);
  StepOutcome b;
  boot(b);
  o.boot = b.boot;
  if (req.narrate) req.narrate("reset: " + b.text);
  return true;
}

}  // namespace xipsim::boot
