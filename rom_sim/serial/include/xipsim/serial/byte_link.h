// A serial byte channel as software on the chip sees it: bytes in with a timeout in simulated
// time, bytes out. The ROM's serial downloader and the flashloader model speak through one.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "xipsim/core/serial_frame.h"

namespace xipsim::serial {

class ByteLink {
 public:
  virtual ~ByteLink() = default;
  // The next byte received within `timeout`; nullopt when none came or the host went away.
  virtual std::optional<std::uint8_t> read(Picoseconds timeout) = 0;
  virtual void write(const std::vector<std::uint8_t>& bytes) = 0;
  virtual bool closed() const = 0;  // the host went away: nothing more will come
};

}  // namespace xipsim::serial
