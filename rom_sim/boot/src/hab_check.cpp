// HAB decision (§6.6): open (or field-return/fab) logs events and goes on; closed refuses an
// image without a CSF. Signature verification itself is out of scope and reported as such.
#include <fmt/format.h>

#include "rom_run.h"
#include "xipsim/boot/rom_log.h"

namespace xipsim::boot {

void RomRun::authenticate() {
  log(romlog::kAuthenticationStatus);
  if (ivt_.csf == 0) {
    if (closed_)
      fail("hab",
           "HAB is closed (SEC_CONFIG[1] = 1) and the IVT has no CSF: the ROM refuses "
           "to run an unsigned image.");
    report_.hab_events.push_back("no CSF: image not authenticated");
    step("hab", fmt::format("HAB is {}: the image has no CSF, which is recorded as a HAB event; "
                            "the boot continues.",
                            report_.hab_state));
    return;
  }
  std::uint8_t h[4] = {0, 0, 0, 0};
  const bool readable = bus_.read(ivt_.csf, h, 4);
  if (!readable || !image::is_csf_header(h, 4)) {
    const std::string what =
        fmt::format("IVT csf 0x{:08X} does not point at a CSF header (tag D4)", ivt_.csf);
    if (closed_) fail("hab", what + ": HAB is closed, so the image is refused.");
    report_.hab_events.push_back(what);
    step("hab", what + fmt::format("; HAB is {}, so this is logged as an event and the boot "
                                   "continues.",
                                   report_.hab_state));
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
