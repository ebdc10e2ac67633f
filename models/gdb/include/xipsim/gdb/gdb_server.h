// A GDB remote stub: serves the packets a debugger sends (registers, memory, breakpoints and
// watchpoints, qXfer target.xml, monitor commands) against a `Target` until the debugger asks
// to run (continue, step), detaches or kills; the caller runs the target and reports the stop.
// One connection; the target does not run while the server reads packets, so simulated time
// stands still while GDB holds it. docs/gdb.md lists the packets and the stop replies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xipsim/gdb/rsp_packet.h"

namespace xipsim::gdb {

// The byte stream to the debugger (a TCP connection, or a test's script).
class Channel {
 public:
  virtual ~Channel() = default;
  static constexpr int kNone = -1, kClosed = -2;
  // The next byte, kNone when none arrives within `timeout_ms` (0: do not wait; -1: wait), or
  // kClosed when the debugger has gone.
  virtual int read_byte(int timeout_ms) = 0;
  virtual void write(const std::string& bytes) = 0;
};

enum class BreakKind { kSoftware = 0, kHardware = 1, kWrite = 2, kRead = 3, kAccess = 4 };

// What the debugger reads and changes. Register numbers: target_xml.h.
class Target {
 public:
  virtual ~Target() = default;
  virtual std::uint64_t read_register(unsigned n) = 0;
  virtual void write_register(unsigned n, std::uint64_t value) = 0;
  virtual bool read_memory(std::uint32_t address, std::uint8_t* out, std::size_t len) = 0;
  virtual bool write_memory(std::uint32_t address, const std::uint8_t* data, std::size_t len) = 0;
  // false: not supported or not possible there (the reply is an error).
  virtual bool breakpoint(BreakKind kind, std::uint32_t address, std::uint32_t len, bool on) = 0;
  // `monitor CMD`: the text to show the user (ending in a newline).
  virtual std::string monitor(const std::string& command) = 0;
};

struct Resume {
  enum class Kind { kContinue, kStep, kDetach, kKill, kGone } kind = Kind::kContinue;
};

// Why the target stopped, as the stop reply tells GDB.
struct Stop {
  int signal = 5;                          // SIGTRAP; 2 SIGINT (Ctrl-C), 11 SIGSEGV (lockup)
  BreakKind watch = BreakKind::kSoftware;  // kWrite/kRead/kAccess: a watchpoint hit
  std::uint32_t watch_address = 0;
  bool exited = false;  // the run is over (its time limit): "W00"
  std::string console;  // text for GDB's console first ('O' packets)
};

class Server {
 public:
  Server(Target& target, Channel& channel) : target_(target), channel_(channel) {}
  // Serves packets until the debugger resumes, detaches, kills or disconnects.
  Resume next_resume();
  // The stop reply for the last resume.
  void stopped(const Stop& stop);
  // After the last stop reply (the run is over): answers what the debugger still sends until it
  // closes the connection or `timeout_ms` passes, so that its last acknowledgement is read.
  void linger(int timeout_ms);
  // A Ctrl-C arrived while the target runs (looks without waiting).
  bool interrupt_requested();
  // Packets answered so far, for the narration.
  std::size_t packets() const { return packets_; }

 private:
  std::optional<std::string> read_packet();
  void reply(const std::string& payload);
  std::optional<Resume> handle(const std::string& packet);
  std::string query(const std::string& packet);
  std::string read_registers();
  std::string write_registers(const std::string& hex);
  std::string read_memory(const std::string& args);
  std::string write_memory(const std::string& args, bool binary);
  std::string breakpoint(const std::string& packet, bool on);
  std::string single_register(const std::string& args, bool write);
  std::string monitor(const std::string& hex_command);

  Target& target_;
  Channel& channel_;
  PacketReader reader_;
  std::string last_stop_ = "S05";
  std::size_t packets_ = 0;
  bool interrupted_ = false;
};

}  // namespace xipsim::gdb
