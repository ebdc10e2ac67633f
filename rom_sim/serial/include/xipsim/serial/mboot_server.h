// The flashloader model's side of the MCU bootloader protocol (serial-protocols.md §1b) on a
// byte link: ping answered with the version, every frame ACKed (a bad one NAKed), commands run on
// the C++ flashloader model (host::Flashloader) and answered with their response frames,
// write-memory's and read-memory's data phases, reset. Each command is logged in words with its
// status. Explicit states: waiting for a packet, then per command the response and, for data
// commands, the data phase.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "xipsim/host/flashloader.h"
#include "xipsim/serial/byte_link.h"
#include "xipsim/serial/mboot_frame.h"

namespace xipsim::serial {

class MbootServer {
 public:
  MbootServer(ByteLink& link, host::Flashloader& loader);
  // Serves until the host sends reset (true) or goes away (false).
  bool serve();
  const std::vector<std::string>& log() const { return log_; }
  // Called with each log line as it is made (a live narration).
  void on_log(std::function<void(const std::string&)> f) { on_log_ = std::move(f); }

 private:
  struct Command {
    std::uint8_t tag = 0, flags = 0;
    std::vector<std::uint32_t> params;
  };
  bool on_command(const std::vector<std::uint8_t>& payload);  // true: reset
  void run(const Command& c, const std::string& name, const std::vector<std::string>& args);
  void write_memory(const Command& c);
  void read_memory(const Command& c);
  void get_property(const Command& c);
  void respond(std::uint8_t tag, const std::vector<std::uint32_t>& params);  // then the host's ACK
  bool wait_ack();
  std::optional<MbootPacket> next_packet(Picoseconds timeout);
  void note(const std::string& what, nor_driver::Status status, const std::string& detail);

  ByteLink& link_;
  host::Flashloader& loader_;
  MbootDecoder decoder_;
  std::vector<std::string> log_;
  std::function<void(const std::string&)> on_log_;
  void say(std::string line);
};

}  // namespace xipsim::serial
