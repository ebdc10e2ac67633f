#include "xipsim/boot/tlm_bus.h"

#include "xipsim/soc/tlm_target.h"

namespace xipsim::boot {

TlmBus::TlmBus(tlm::tlm_initiator_socket<>& socket) : socket_(socket) {
  // 10 us quantum: the ROM is the only initiator, so this only bounds how far it runs ahead.
  tlm_utils::tlm_quantumkeeper::set_global_quantum(sc_core::sc_time(10, sc_core::SC_US));
  keeper_.reset();
}

bool TlmBus::transport(tlm::tlm_command cmd, std::uint64_t address, std::uint8_t* data,
                       std::size_t len) {
  payload_.set_command(cmd);
  payload_.set_address(address);
  payload_.set_data_ptr(data);
  payload_.set_data_length(static_cast<unsigned>(len));
  payload_.set_streaming_width(static_cast<unsigned>(len));
  payload_.set_byte_enable_ptr(nullptr);
  payload_.set_dmi_allowed(false);
  payload_.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  sc_core::sc_time delay = keeper_.get_local_time();
  socket_->b_transport(payload_, delay);
  keeper_.set(delay);
  if (keeper_.need_sync()) keeper_.sync();
  return payload_.is_response_ok();
}

bool TlmBus::read(std::uint64_t address, std::uint8_t* out, std::size_t len) {
  return transport(tlm::TLM_READ_COMMAND, address, out, len);
}

bool TlmBus::write(std::uint64_t address, const std::uint8_t* data, std::size_t len) {
  return transport(tlm::TLM_WRITE_COMMAND, address, const_cast<std::uint8_t*>(data), len);
}

Picoseconds TlmBus::now() const {
  return soc::to_ps(keeper_.get_current_time());
}

void TlmBus::wait(Picoseconds duration) {
  keeper_.inc(soc::ps_time(duration));
  if (keeper_.need_sync()) keeper_.sync();
}

}  // namespace xipsim::boot
