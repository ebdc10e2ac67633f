// A GDB session on the application's run (`--gdb tcp::PORT`, the run step's `gdb:`): the GDB
// remote stub (models/gdb) served against the Cortex-M7, the run driven by what the debugger
// asks (continue, step, Ctrl-C, detach, kill). Internal to rom_sim/boot; docs/gdb.md.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "xipsim/board/frame_summary.h"
#include "xipsim/cpu/cpu.h"
#include "xipsim/gdb/gdb_server.h"
#include "xipsim/gdb/tcp_channel.h"

namespace xipsim::boot {

class DebugSession : public gdb::Target {
 public:
  static constexpr std::size_t kFramesKept = 16;
  // `reset(power)` resets the SoC and boots again, returning what happened in words.
  // `board`: the boot instance's, whose last frames `monitor frames` lists.
  DebugSession(cpu::Cpu& cpu, board::Board& board, unsigned port,
               std::function<std::string(bool power)> reset);
  ~DebugSession() override;
  // One part of the run (up to the next reset the application causes), as the debugger drives
  // it; after a detach or when no debugger connects, a plain run.
  cpu::RunOutcome run(cpu::RunLimits limits);

  std::uint64_t read_register(unsigned n) override;
  void write_register(unsigned n, std::uint64_t value) override;
  bool read_memory(std::uint32_t address, std::uint8_t* out, std::size_t len) override;
  bool write_memory(std::uint32_t address, const std::uint8_t* data, std::size_t len) override;
  bool breakpoint(gdb::BreakKind kind, std::uint32_t address, std::uint32_t len, bool on) override;
  std::string monitor(const std::string& command) override;

 private:
  bool connect(double wall_seconds);
  void release();  // breakpoints and watchpoints removed, the run goes on without the debugger
  // Reports how a part ended; false when the run is over for the debugger.
  bool report(const cpu::RunOutcome& part);
  std::string frames() const;

  cpu::Cpu& cpu_;
  board::Board& board_;
  board::FrameObserver* board_observer_;  // the board's observer before the session
  board::FrameHistory history_{kFramesKept};
  board::FrameTee tee_;
  gdb::TcpListener listener_;
  std::function<std::string(bool)> reset_;
  std::unique_ptr<gdb::Channel> channel_;
  std::unique_ptr<gdb::Server> server_;
  bool detached_ = false;
  bool reset_to_report_ = false;  // a reset ended the last part: the next one tells GDB first
};

}  // namespace xipsim::boot
