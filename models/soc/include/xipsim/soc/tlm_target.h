// Shared plumbing for the platform's simple memory-mapped TLM-2.0 targets: one socket, a fixed
// access latency, 1/2/4-byte register accesses or byte blocks, and a debug path.
#pragma once

#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <string>
#include <systemc>
#include <tlm>

#include "xipsim/core/serial_frame.h"

namespace xipsim::soc {

sc_core::sc_time ps_time(Picoseconds ps);
Picoseconds to_ps(const sc_core::sc_time& t);

// A target whose accesses are plain reads and writes of `size` bytes at `offset`.
class SimpleTarget : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<SimpleTarget> socket;

  SimpleTarget(sc_core::sc_module_name name, std::uint64_t size, Picoseconds latency);
  std::uint64_t size() const { return size_; }

 protected:
  // Returns false for an access the block rejects (bus error).
  virtual bool read(std::uint64_t offset, std::uint8_t* data, unsigned len, Picoseconds now) = 0;
  virtual bool write(std::uint64_t offset, const std::uint8_t* data, unsigned len,
                     Picoseconds now) = 0;

 private:
  void transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  unsigned debug(tlm::tlm_generic_payload& trans);
  std::uint64_t size_;
  Picoseconds latency_;
};

}  // namespace xipsim::soc
