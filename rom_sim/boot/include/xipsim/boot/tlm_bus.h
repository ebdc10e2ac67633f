// BusAccess over a TLM-2.0 initiator socket, loosely timed: each transaction's annotated delay
// moves the initiator's local time; the quantum keeper hands control back to the SystemC kernel
// once a quantum has passed.
#pragma once

// clang-format off
#include <systemc>
#include <tlm>
#include <tlm_utils/tlm_quantumkeeper.h>  // needs <systemc> first
// clang-format on

#include "xipsim/nor_driver/bus_access.h"

namespace xipsim::boot {

class TlmBus : public nor_driver::BusAccess {
 public:
  explicit TlmBus(tlm::tlm_initiator_socket<>& socket);

  bool read(std::uint64_t address, std::uint8_t* out, std::size_t len) override;
  bool write(std::uint64_t address, const std::uint8_t* data, std::size_t len) override;
  Picoseconds now() const override;
  void wait(Picoseconds duration) override;
  void sync() { keeper_.sync(); }

 private:
  bool transport(tlm::tlm_command cmd, std::uint64_t address, std::uint8_t* data, std::size_t len);
  tlm::tlm_initiator_socket<>& socket_;
  tlm_utils::tlm_quantumkeeper keeper_;
  tlm::tlm_generic_payload payload_;
};

}  // namespace xipsim::boot
