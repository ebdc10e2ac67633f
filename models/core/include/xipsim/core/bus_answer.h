// What a target says about its answer beyond the TLM response status: why it refused, in its
// own words ("FLEXSPI: AHB read while the module is disabled (MCR0.MDIS = 1)"), and whether the
// data came from a buffer holding an earlier copy (a FlexSPI AHB RX buffer) rather than from
// the device. An initiator that wants to know attaches this extension; the target fills it.
// Header-only; for components that use TLM.
#pragma once

#include <string>
#include <tlm>

namespace xipsim {

struct BusAnswer : tlm::tlm_extension<BusAnswer> {
  std::string error;      // set with an error response
  bool buffered = false;  // a read served from a buffer's copy
  tlm_extension_base* clone() const override { return new BusAnswer(*this); }
  void copy_from(const tlm_extension_base& other) override {
    const auto& o = static_cast<const BusAnswer&>(other);
    error = o.error;
    buffered = o.buffered;
  }
};

}  // namespace xipsim
