// How register-level software (the boot ROM, a flashloader, a debugger's flash algorithm) reaches
// the bus: reads and writes by address, the CPU's notion of time, and busy-waiting.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "xipsim/core/serial_frame.h"

namespace xipsim::nor_driver {

// A transfer the bus answered with an error (unmapped address, refused access, FlexSPI bus error).
class BusFault : public std::runtime_error {
 public:
  BusFault(std::uint64_t address, const std::string& what)
      : std::runtime_error(what), address_(address) {}
  std::uint64_t address() const { return address_; }

 private:
  std::uint64_t address_;
};

class BusAccess {
 public:
  virtual ~BusAccess() = default;
  // false when the bus answered with an error.
  virtual bool read(std::uint64_t address, std::uint8_t* out, std::size_t len) = 0;
  virtual bool write(std::uint64_t address, const std::uint8_t* data, std::size_t len) = 0;
  virtual Picoseconds now() const = 0;
  virtual void wait(Picoseconds duration) = 0;  // software delay loop

  // 32-bit register accesses; a bus error throws BusFault.
  std::uint32_t read32(std::uint64_t address);
  void write32(std::uint64_t address, std::uint32_t value);
};

}  // namespace xipsim::nor_driver
