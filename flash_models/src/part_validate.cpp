// Part files: what a part needs once every layer is read (identity, the protocol's own section, a
// busy bit for SPI parts, an octal section for OPI commands). Value ranges are checked where each
// key is read (part_layers.cpp, part_schema.cpp).
#include <fmt/format.h>

#include "part_draft.h"
#include "xipsim/core/errors.h"

namespace xipsim::flash::detail {

void validate(const Draft& d, const std::string& file) {
  const PartSpec& p = d.part;
  if (!d.have_name || !d.have_id || !d.have_size)
    throw InputError(fmt::format("{}: missing field '{}' (needed in the part file or its family)",
                                 file,
                                 !d.have_name ? "name"
                                 : !d.have_id ? "jedec_id"
                                              : "size_bytes"));
  if (p.protocol == Protocol::kHyperBus) {
    if (p.hyperbus.sector_bytes == 0)
      throw InputError(
          fmt::format("{}: field 'hyperbus' missing: a HyperBus part needs its "
                      "latency, sector and buffer sizes",
                      file));
    return;  // HyperBus parts have no SPI command table
  }
  if (d.bits.count("wip") == 0)
    throw InputError(
        fmt::format("{}: field 'bits.wip' missing: every part needs a busy bit", file));
  for (const auto& dc : d.commands) {
    if (dc.spec.cmd_pads == 8 && !d.octal_mode)
      throw InputError(
          fmt::format("{}: an opi_commands entry needs an 'octal' section (the "
                      "register field that switches the part to OPI)",
                      dc.spec.source_line));
  }
}

}  // namespace xipsim::flash::detail
