// The boot ROM's FlexSPI NOR boot flow (boot-reference §7) as a TLM-2.0 initiator: it reads the
// SRC and OCOTP for boot mode and configuration, drives the FlexSPI only through its registers
// and AHB window (via the shared NOR driver), runs the DCD through the bus, copies non-XIP images
// into RAM and decides where the CPU would start. See docs/boot-rom.md.
#pragma once

#include <tlm_utils/simple_initiator_socket.h>

#include <systemc>

#include "xipsim/boot/boot_report.h"
#include "xipsim/chips/chip_profile.h"

namespace xipsim::boot {

struct BootOptions {
  ResetKind reset_kind = ResetKind::kPower;  // recorded in the report; the platform did the reset
  // Simulated time after which a ROM that has not decided is reported as hung (a DCD check
  // without a poll count waits forever on silicon).
  Picoseconds time_limit = 5'000'000'000'000ull;  // 5 s
};

class BootRom : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<BootRom> socket;

  BootRom(sc_core::sc_module_name name, const chips::ChipProfile& chip);

  // Runs the boot flow from reset; must be called from an SC_THREAD.
  BootReport boot(const BootOptions& options);

 private:
  const chips::ChipProfile& chip_;
};

}  // namespace xipsim::boot
