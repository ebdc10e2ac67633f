// The host ends `xipsim serve` offers (docs/serial.md): a pseudo-terminal whose path the host
// tools open as a serial port, or a TCP socket on loopback (for socat, or a client of one's own).
// Both end the session on SIGINT or SIGTERM; a socket also when its client disconnects. A pty
// stays open across host tools (sdphost, then blhost, each opening and closing it).
#pragma once

#include <memory>
#include <string>

#include "xipsim/boot/host_serial.h"

namespace xipsim::tools {

// "pty" or "tcp:PORT"; throws InputError naming --uart otherwise. `host_baud` is the rate a
// socket's bytes are sent at (a pty's is what the host sets on it).
std::unique_ptr<boot::HostSerial> open_host_port(const std::string& spec, double host_baud);
std::string host_port_name(const boot::HostSerial& port);  // "/dev/pts/5" or "127.0.0.1:4444"
void stop_on_signals();  // SIGINT, SIGTERM end the session with its report

}  // namespace xipsim::tools
