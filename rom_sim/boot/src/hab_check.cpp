// HAB decision (§6.6): open (or field-return/fab) logs events and goes on; closed refuses an
// image without a CSF. Signature verification itself is out of scope and reported as such.
#include <fmt/format.h>

#include "rom_run.h"
#include "xipsim/boot/rom_log.h"

namespace xipsim::boot {

void RomRun::authenticate() {
  log(romlog::kAuthenticationStatus);
  std::uint8_t h[4] = {0, 0, 0, 0};
  const bool readable = ivt_.csf && bus_.read(ivt_.csf, h, 4);
  if (const auto d = image::rom_rules::csf(ivt_, readable ? h : nullptr)) {
    if (d->stops_boot(closed_))
      fail("hab", fmt::format("HAB is closed (SEC_CONFIG[1] = 1): {}. The ROM refuses the image.",
                              d->message));
    report_.hab_events.push_back(d->message);
    step("hab", fmt::format("HAB is {}: {}. This is recorded as a HAB event and the boot "
                            "continues.",
                            report_.hab_state, d->message));
    return;
  }
  report_.hab_events.push_back("CSF present: signature verification is not modelled");
  step("hab",
       fmt::format("The image carries a CSF at 0x{:08X}. xipsim does not verify HAB signatures "
                   "(out of scope): {}.",
                   ivt_.csf,
                   closed_ ? "with HAB closed a real chip boots only if the signature is valid; "
                             "xipsim assumes it is"
                           : "HAB is open, so the image boots either way"));
}

}  // namespace xipsim::boot
