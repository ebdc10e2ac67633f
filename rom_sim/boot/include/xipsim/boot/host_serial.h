// The host's end of the chip's console UART in `xipsim serve`: a pseudo-terminal or a socket the
// host tools (blhost, sdphost, a terminal) use in real time. The session reads what the host
// wrote, puts it on the RX pad's line at the host's baud rate, and passes what the LPUART sends
// back to the host (docs/serial.md).
#pragma once

#include <functional>
#include <string>

#include "xipsim/core/serial_frame.h"

namespace xipsim::boot {

class HostSerial {
 public:
  virtual ~HostSerial() = default;
  // What the host wrote since the last call, without waiting; false when the session must end
  // (the host went away, or a signal).
  virtual bool receive(std::string& bytes) = 0;
  virtual void send(const std::string& bytes) = 0;
  virtual double baud() const = 0;  // the host's line rate now (its port's setting)
};

struct ServeRequest {
  HostSerial* host = nullptr;
  // The C++ flashloader model answers the MCU bootloader protocol on the UART (blhost) instead
  // of the image the ROM booted.
  bool flashloader_model = false;
  std::function<void(const std::string&)> narrate;  // each event as it happens
};

}  // namespace xipsim::boot
