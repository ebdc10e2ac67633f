#include "xipsim/boot/flash_facts.h"

#include <algorithm>

namespace xipsim {

image::FlashPartFacts flash_facts(const flash::PartSpec& part) {
  image::FlashPartFacts f;
  f.name = part.name;
  f.size_bytes = part.size_bytes;
  // HyperFlash drives RWDS as its read strobe; the QSPI parts drive none.
  f.hyperbus = part.protocol == flash::Protocol::kHyperBus;
  // An octal part drives DQS in DTR OPI.
  f.has_dqs = f.hyperbus || part.octal.valid();
  f.octal_powers_up_in_spi = part.octal.valid();
  for (const auto& c : part.commands) {
    if (c.kind != flash::CommandKind::kRead || (c.cmd_pads != 1 && c.cmd_pads != 8)) continue;
    if (c.address == flash::AddressMode::kFourByte) f.supports_4byte_opcodes = true;
    const unsigned total = part.power_on_dummy(c);
    const unsigned mode = std::min(total, c.mode_cycles);
    const bool four =
        c.address == flash::AddressMode::kFourByte || part.power_on_address_bytes == 4;
    f.reads.push_back({c.opcode, four ? 32u : 24u, mode, total - mode, c.data_pads, c.addr_pads,
                       c.cmd_pads, c.rate == flash::OpiRate::kDtr});
  }
  if (part.has_quad_enable()) {
    const auto& qe = part.bits.qe;
    const auto& reg = part.registers[static_cast<std::size_t>(qe.reg)];
    f.qe_clear_at_power_on = (reg.factory & qe.mask()) == 0;
  }
  return f;
}

}  // namespace xipsim
