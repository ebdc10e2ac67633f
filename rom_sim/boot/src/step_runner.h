// The session's SystemC side: the host initiator socket and the thread that runs the steps (the
// ROM on its own socket, every other piece of software through the host socket). Internal to
// rom_sim/boot; BootSession (boot_session.cpp) builds and owns them.
#pragma once

#include <tlm_utils/simple_initiator_socket.h>

#include <memory>
#include <string>
#include <systemc>
#include <vector>

#include "frame_gate.h"
#include "xipsim/boot/boot_rom.h"
#include "xipsim/boot/boot_session.h"
#include "xipsim/boot/tlm_bus.h"
#include "xipsim/host/flashloader.h"
#include "xipsim/image/symbols.h"
#include "xipsim/nor_driver/flexspi_nor_driver.h"
#include "xipsim/serial/sdp_server.h"
#include "xipsim/soc/platform.h"

namespace xipsim::boot {

std::vector<std::string> describe_execution(const Execution& e);  // execution_story.cpp
soc::LpuartBlock* console_of(const soc::Platform& p);  // the chip's console UART (app_run.cpp)

class HostBridge;  // serve_run.cpp: the host's serial port in real time

class HostPort : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<HostPort> socket;
  explicit HostPort(sc_core::sc_module_name name) : sc_core::sc_module(name), socket("socket") {}
};

// Runs the steps in one SystemC thread: the ROM on its own socket, every other piece of software
// (debug probe, flashloader, application) through the host socket.
class Runner : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(Runner);
  Runner(sc_core::sc_module_name name, soc::Platform& platform, BootRom& rom, HostPort& host,
         const BootRequest& request, std::vector<std::string> part_names,
         std::vector<std::string>& notes, FrameGate* gate);
  // What the steps did; valid once sc_start() has returned.
  SessionReport take_report() { return std::move(report_); }
  void set_symbols(const image::SymbolTable* symbols) { symbols_ = symbols; }

 private:
  void run();

  Picoseconds now() const;

  void execute(const SessionStep& step, StepOutcome& o);

  void boot(StepOutcome& o);
  void reset_chip(ResetKind kind);

  nor_driver::FlexspiNorDriver driver_for(const std::string& instance);

  void program(const SessionStep& step, StepOutcome& o);

  void flashloader(const SessionStep& step, StepOutcome& o);

  void iap(const SessionStep& step, StepOutcome& o);

  void leave_flash(const SessionStep& step, StepOutcome& o);

  // The application (app_run.cpp): the CPU starts where the ROM jumped, then runs.
  bool hand_over(const BootReport& r);
  PluginReturn call_plugin(const PluginCall& call);
  void run_application(const SessionStep& step, StepOutcome& o);
  Execution run_parts(const RunRequest& run);
  bool reboot(const cpu::ResetRequest& why, Execution& e);
  // serve_run.cpp: the board answers a host on its console UART in real time.
  void serve(const SessionStep& step, StepOutcome& o);
  bool serve_flashloader_model(const ServeRequest& req, HostBridge& bridge, StepOutcome& o);
  std::optional<serial::SdpJump> serve_serial_downloader(const ServeRequest& req,
                                                         HostBridge& bridge, StepOutcome& o);
  void start_jumped(const serial::SdpJump& jump);
  bool serve_until_jump(const ServeRequest& req, HostBridge& bridge, StepOutcome& o);
  bool run_connected(const ServeRequest& req, HostBridge& bridge, StepOutcome& o);
  static void narrate(const ServeRequest& req, StepOutcome& o, const std::string& s);
  std::string debug_reset(bool power, Execution& e);

  std::size_t instance_of(const std::string& name) const;
  std::size_t boot_index() const;
  flash::NorDevice* boot_device();

  SessionReport report_;
  std::vector<std::string> part_names_;
  soc::Platform& platform_;
  BootRom& rom_;
  HostPort& host_;
  const BootRequest& request_;
  std::vector<std::string>& notes_;
  FrameGate* gate_ = nullptr;  // the record window, or none when nothing records frames
  TlmBus* bus_ = nullptr;
  std::unique_ptr<host::Flashloader> flashloader_;
  ResetKind last_reset_ = ResetKind::kPower;  // the reset the next boot follows
  bool handed_over_ = false;                  // the CPU holds the last boot's entry state
  const image::SymbolTable* symbols_ = nullptr;
};

}  // namespace xipsim::boot
