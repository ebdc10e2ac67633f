#include "xipsim/flexspi/flexspi_module.h"

#include "xipsim/core/bus_answer.h"

#include <cstring>

namespace xipsim::flexspi {

namespace {
Picoseconds to_ps(const sc_core::sc_time& t) {
  return static_cast<Picoseconds>(t.to_seconds() * 1e12 + 0.5);
}
sc_core::sc_time from_ps(Picoseconds ps) {
  return sc_core::sc_time(static_cast<double>(ps), sc_core::SC_PS);
}
}  // namespace

FlexspiModule::FlexspiModule(sc_core::sc_module_name name, FlexspiFeatures features, SerialBus& bus)
    : sc_core::sc_module(name),
      registers("registers"),
      ahb("ahb"),
      controller_(std::string(this->name()), features, bus) {
  registers.register_b_transport(this, &FlexspiModule::register_transport);
  ahb.register_b_transport(this, &FlexspiModule::ahb_transport);
  ahb.register_transport_dbg(this, &FlexspiModule::debug_ahb);
}

void FlexspiModule::register_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  const std::uint64_t offset = trans.get_address();
  if (trans.get_data_length() != 4 || offset % 4 != 0 || offset >= reg::kSpan) {
    trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  const Picoseconds now = to_ps(sc_core::sc_time_stamp() + delay);
  std::uint32_t value = 0;
  if (trans.is_read()) {
    value = controller_.read_register(static_cast<std::uint32_t>(offset), now);
    std::memcpy(trans.get_data_ptr(), &value, 4);
  } else if (trans.is_write()) {
    std::memcpy(&value, trans.get_data_ptr(), 4);
    controller_.write_register(static_cast<std::uint32_t>(offset), value, now);
  }
  delay += from_ps(Flexspi::kRegisterAccessClocks * controller_.ahb_period());
  trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

void FlexspiModule::ahb_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  const Picoseconds now = to_ps(sc_core::sc_time_stamp() + delay);
  AhbMasterExtension* ext = nullptr;
  trans.get_extension(ext);
  const unsigned master = ext ? ext->master : 0;
  AhbResponse r;
  if (trans.is_read())
    r = controller_.ahb_read(trans.get_address(), trans.get_data_ptr(), trans.get_data_length(),
                             master, now);
  else if (trans.is_write())
    r = controller_.ahb_write(trans.get_address(), trans.get_data_ptr(), trans.get_data_length(),
                              master, now);
  else
    r.done = now;
  delay += from_ps(r.done > now ? r.done - now : 0);
  trans.set_response_status(r.ok ? tlm::TLM_OK_RESPONSE : tlm::TLM_GENERIC_ERROR_RESPONSE);
  BusAnswer* answer = nullptr;
  trans.get_extension(answer);
  if (answer) {
    answer->error = r.ok ? "" : r.error;
    answer->buffered = r.buffered;
  }
}

unsigned FlexspiModule::debug_ahb(tlm::tlm_generic_payload&) {
  return 0;  // no backdoor through the controller: reads have side effects on the bus
}

}  // namespace xipsim::flexspi
