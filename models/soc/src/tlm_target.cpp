#include "xipsim/soc/tlm_target.h"

#include <cmath>

namespace xipsim::soc {

sc_core::sc_time ps_time(Picoseconds ps) {
  return sc_core::sc_time(static_cast<double>(ps), sc_core::SC_PS);
}
Picoseconds to_ps(const sc_core::sc_time& t) {
  return static_cast<Picoseconds>(std::llround(t.to_seconds() * 1e12));
}

SimpleTarget::SimpleTarget(sc_core::sc_module_name name, std::uint64_t size, Picoseconds latency)
    : sc_core::sc_module(name), socket("socket"), size_(size), latency_(latency) {
  socket.register_b_transport(this, &SimpleTarget::transport);
  socket.register_transport_dbg(this, &SimpleTarget::debug);
}

void SimpleTarget::transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  const std::uint64_t offset = trans.get_address();
  const unsigned len = trans.get_data_length();
  if (offset > size_ || len > size_ - offset) {
    trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  const Picoseconds now = to_ps(sc_core::sc_time_stamp() + delay);
  bool ok = true;
  if (trans.is_read())
    ok = read(offset, trans.get_data_ptr(), len, now);
  else if (trans.is_write())
    ok = write(offset, trans.get_data_ptr(), len, now);
  delay += ps_time(latency_);
  trans.set_response_status(ok ? tlm::TLM_OK_RESPONSE : tlm::TLM_GENERIC_ERROR_RESPONSE);
}

unsigned SimpleTarget::debug(tlm::tlm_generic_payload& trans) {
  const std::uint64_t offset = trans.get_address();
  const unsigned len = trans.get_data_length();
  if (offset > size_ || len > size_ - offset) return 0;
  const Picoseconds now = to_ps(sc_core::sc_time_stamp());
  const bool ok = trans.is_read() ? read(offset, trans.get_data_ptr(), len, now)
                                  : write(offset, trans.get_data_ptr(), len, now);
  return ok ? len : 0;
}

}  // namespace xipsim::soc
