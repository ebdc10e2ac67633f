#include "xipsim/soc/flexram.h"

namespace xipsim::soc {

FlexRamGpr::FlexRamGpr(sc_core::sc_module_name name, std::uint64_t bus_base, Picoseconds latency,
                       unsigned banks, std::uint64_t bank_size, Listener listener)
    : RegisterBlock(name, bus_base, 0x4000, latency),
      banks_(banks),
      bank_size_(bank_size),
      listener_(std::move(listener)) {}

FlexRamSizes FlexRamGpr::decode(std::uint32_t gpr17, unsigned banks, std::uint64_t bank_size) {
  FlexRamSizes s;
  s.gpr17 = gpr17;
  for (unsigned b = 0; b < banks; ++b) {
    const unsigned use = (gpr17 >> (2 * b)) & 3u;
    if (use == 1) s.ocram += bank_size;
    if (use == 2) s.dtcm += bank_size;
    if (use == 3) s.itcm += bank_size;
  }
  return s;
}

std::uint32_t FlexRamGpr::on_write(std::uint64_t offset, std::uint32_t, std::uint32_t new_value,
                                   Picoseconds now) {
  if (offset != GPR16 && offset != GPR17) return new_value;
  const std::uint32_t gpr16 = offset == GPR16 ? new_value : word(GPR16);
  const std::uint32_t gpr17 = offset == GPR17 ? new_value : word(GPR17);
  if ((gpr16 & GPR16_FLEXRAM_BANK_CFG_SEL) && listener_)
    listener_(decode(gpr17, banks_, bank_size_), now);
  return new_value;
}

}  // namespace xipsim::soc
