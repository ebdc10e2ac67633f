// Driving register blocks through TLM in the model tests: one 32-bit access on a socket, and a
// SystemC thread with one socket whose `program` runs as the simulation starts.
#pragma once

#include <tlm_utils/simple_initiator_socket.h>

#include <cstdint>
#include <functional>
#include <systemc>
#include <tlm>

namespace xipsim::test {

// Reads (returns the word) or writes `value` at `offset`; the target's delay is left to the
// caller (nullptr: dropped).
template <typename Socket>
std::uint32_t tlm_word(Socket& s, bool write, std::uint64_t offset, std::uint32_t value = 0,
                       sc_core::sc_time* delay_out = nullptr) {
  tlm::tlm_generic_payload t;
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  t.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  t.set_address(offset);
  t.set_data_ptr(reinterpret_cast<unsigned char*>(&value));
  t.set_data_length(4);
  t.set_streaming_width(4);
  t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  s->b_transport(t, delay);
  if (delay_out) *delay_out = delay;
  return value;
}

struct TlmHost : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<TlmHost> socket{"socket"};
  std::function<void(TlmHost&)> program;
  explicit TlmHost(sc_core::sc_module_name n) : sc_module(n) {
    SC_HAS_PROCESS(TlmHost);
    SC_THREAD(run);
  }
  void run() { program(*this); }
  std::uint32_t access(bool write, std::uint64_t offset, std::uint32_t value = 0) {
    return tlm_word(socket, write, offset, value);
  }
};

}  // namespace xipsim::test
