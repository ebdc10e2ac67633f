#include "xipsim/soc/router.h"

#include <algorithm>
#include <stdexcept>

namespace xipsim::soc {

Router::Router(sc_core::sc_module_name name)
    : sc_core::sc_module(name), in("in"), host_in("host_in"), cpu_in("cpu_in") {
  for (auto* socket : {&in, &host_in, &cpu_in}) {
    socket->register_b_transport(this, &Router::transport);
    socket->register_transport_dbg(this, &Router::debug);
  }
}

void Router::add_region(const std::string& name, std::uint64_t base, std::uint64_t size,
                        unsigned port) {
  for (const auto& r : regions_) {
    if (base < r.base + r.size && r.base < base + size)
      throw std::logic_error("bus map: " + name + " overlaps " + r.name);
  }
  regions_.push_back({name, base, size, port});
  std::sort(regions_.begin(), regions_.end(),
            [](const MappedRegion& a, const MappedRegion& b) { return a.base < b.base; });
  last_ = nullptr;
}

const MappedRegion* Router::region_at(std::uint64_t address) const {
  if (last_ && address - last_->base < last_->size) return last_;
  auto it = std::upper_bound(regions_.begin(), regions_.end(), address,
                             [](std::uint64_t a, const MappedRegion& r) { return a < r.base; });
  if (it != regions_.begin() && address - (it - 1)->base < (it - 1)->size) {
    last_ = &*(it - 1);
    return last_;
  }
  if (fallback_ && address - fallback_->base < fallback_->size) return &*fallback_;
  return nullptr;
}

void Router::transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  const std::uint64_t address = trans.get_address();
  const MappedRegion* r = region_at(address);
  if (!r || trans.get_data_length() > r->size - (address - r->base)) {
    trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  trans.set_address(address - r->base);
  (*out_[r->port])->b_transport(trans, delay);
  trans.set_address(address);
}

unsigned Router::debug(tlm::tlm_generic_payload& trans) {
  const std::uint64_t address = trans.get_address();
  const MappedRegion* r = region_at(address);
  if (!r || trans.get_data_length() > r->size - (address - r->base)) return 0;
  trans.set_address(address - r->base);
  const unsigned n = (*out_[r->port])->transport_dbg(trans);
  trans.set_address(address);
  return n;
}

}  // namespace xipsim::soc
