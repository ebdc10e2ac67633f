// SystemC/TLM-2.0 wrapper of the FlexSPI controller: a target socket for the register block and
// one for the AHB window (both addressed by offset; the platform's router subtracts the bases
// from the chip profile). Loosely timed: each b_transport adds the exact completion time the
// controller computes to the annotated delay; there are no per-cycle events.
#pragma once

#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "xipsim/flexspi/flexspi.h"

namespace xipsim::flexspi {

// Identifies the AHB master of a transaction (selects the AHB RX buffer by MSTRID).
struct AhbMasterExtension : tlm::tlm_extension<AhbMasterExtension> {
  unsigned master = 0;
  explicit AhbMasterExtension(unsigned m = 0) : master(m) {}
  tlm_extension_base* clone() const override { return new AhbMasterExtension(master); }
  void copy_from(const tlm_extension_base& other) override {
    master = static_cast<const AhbMasterExtension&>(other).master;
  }
};

class FlexspiModule : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<FlexspiModule> registers;
  tlm_utils::simple_target_socket<FlexspiModule> ahb;

  FlexspiModule(sc_core::sc_module_name name, FlexspiFeatures features, SerialBus& bus);

  Flexspi& controller() { return controller_; }

 private:
  void register_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  void ahb_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  unsigned debug_ahb(tlm::tlm_generic_payload& trans);

  Flexspi controller_;
};

}  // namespace xipsim::flexspi
