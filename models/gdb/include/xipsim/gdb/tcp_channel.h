// The debugger's connection: a TCP listener on the loopback interface (GDB's `target remote
// :PORT`) and the accepted connection as a Channel.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "xipsim/gdb/gdb_server.h"

namespace xipsim::gdb {

// "tcp::3333", "tcp:3333", ":3333" or "3333" (0: any free port); nullopt when not one of these.
std::optional<unsigned> parse_listen_address(const std::string& spec);

class TcpListener {
 public:
  explicit TcpListener(unsigned port);  // throws std::runtime_error naming the port on failure
  ~TcpListener();
  TcpListener(const TcpListener&) = delete;
  TcpListener& operator=(const TcpListener&) = delete;
  unsigned port() const { return port_; }  // the bound port (the chosen one for port 0)
  // Waits up to `timeout_ms` for the debugger; nullptr when none came.
  std::unique_ptr<Channel> accept(int timeout_ms);

 private:
  int fd_ = -1;
  unsigned port_ = 0;
};

}  // namespace xipsim::gdb
