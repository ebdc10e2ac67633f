// On-chip RAM (ITCM, DTCM, OCRAM) or external RAM after its controller is set up: a byte array
// behind a TLM target socket. Contents start as zeros so runs are reproducible.
#pragma once

#include <vector>

#include "xipsim/soc/tlm_target.h"

namespace xipsim::soc {

class Memory : public SimpleTarget {
 public:
  Memory(sc_core::sc_module_name name, std::uint64_t size, Picoseconds latency);

  std::vector<std::uint8_t>& bytes() { return bytes_; }
  const std::vector<std::uint8_t>& bytes() const { return bytes_; }
  void clear() { std::fill(bytes_.begin(), bytes_.end(), 0); }

 private:
  bool read(std::uint64_t offset, std::uint8_t* data, unsigned len, Picoseconds now) override;
  bool write(std::uint64_t offset, const std::uint8_t* data, unsigned len,
             Picoseconds now) override;
  std::vector<std::uint8_t> bytes_;
};

}  // namespace xipsim::soc
