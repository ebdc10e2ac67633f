// The system bus: a target socket for the boot ROM and one for the other initiators (debug
// probe, flashloader, application code), one initiator socket per mapped region. Addresses are
// translated to region offsets; an address no region claims answers TLM_ADDRESS_ERROR_RESPONSE (a
// bus fault on silicon).
#pragma once

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>

namespace xipsim::soc {

struct MappedRegion {
  std::string name;
  std::uint64_t base = 0, size = 0;
  unsigned port = 0;
};

class Router : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<Router> in;       // the boot ROM
  tlm_utils::simple_target_socket<Router> host_in;  // debugger, flashloader, host software
  tlm_utils::simple_target_socket<Router> cpu_in;   // the Cortex-M7 running the application

  explicit Router(sc_core::sc_module_name name);

  // Maps [base, base + size) to `target`; regions must not overlap (throws std::logic_error).
  template <typename Socket>
  void map(const std::string& name, std::uint64_t base, std::uint64_t size, Socket& target) {
    out_.push_back(std::make_unique<tlm_utils::simple_initiator_socket<Router>>(
        sc_core::sc_gen_unique_name("out")));
    out_.back()->bind(target);
    add_region(name, base, size, static_cast<unsigned>(out_.size() - 1));
  }

  // A region that answers for every address in [base, base + size) that no other region
  // claims (the unmodelled part of the peripheral space).
  template <typename Socket>
  void map_fallback(const std::string& name, std::uint64_t base, std::uint64_t size,
                    Socket& target) {
    out_.push_back(std::make_unique<tlm_utils::simple_initiator_socket<Router>>(
        sc_core::sc_gen_unique_name("out")));
    out_.back()->bind(target);
    fallback_ = MappedRegion{name, base, size, static_cast<unsigned>(out_.size() - 1)};
  }

  const MappedRegion* region_at(std::uint64_t address) const;

 private:
  void add_region(const std::string& name, std::uint64_t base, std::uint64_t size, unsigned port);
  void transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  unsigned debug(tlm::tlm_generic_payload& trans);

  std::vector<std::unique_ptr<tlm_utils::simple_initiator_socket<Router>>> out_;
  std::vector<MappedRegion> regions_;  // sorted by base
  mutable const MappedRegion* last_ = nullptr;
  std::optional<MappedRegion> fallback_;
};

}  // namespace xipsim::soc
