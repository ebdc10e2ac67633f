// Why a target refused a TLM transaction, in words ("FLEXSPI: AHB read while the module is
// disabled (MCR0.MDIS = 1)"): an initiator that wants the reason attaches this extension, the
// target fills it when it answers with an error. Header-only; for components that use TLM.
#pragma once

#include <string>
#include <tlm>

namespace xipsim {

struct BusErrorText : tlm::tlm_extension<BusErrorText> {
  std::string text;
  tlm_extension_base* clone() const override { return new BusErrorText(*this); }
  void copy_from(const tlm_extension_base& other) override {
    text = static_cast<const BusErrorText&>(other).text;
  }
};

}  // namespace xipsim
