// The boot ROM's FlexSPI NOR boot flow (boot-reference §7) as a TLM-2.0 initiator: it reads the
// SRC and OCOTP for boot mode and configuration, drives the FlexSPI only through its registers
// and AHB window (via the shared NOR driver), runs the DCD through the bus, copies non-XIP images
// into RAM and decides where the CPU would start. See docs/boot-rom.md.
#pragma once

#include <tlm_utils/simple_initiator_socket.h>

#include <functional>
#include <string>
#include <systemc>

#include "xipsim/boot/boot_report.h"
#include "xipsim/chips/chip_profile.h"

namespace xipsim::boot {

// The ROM's call of a plugin image (boot data plugin flag 1, boot-reference §7.3 step 9): the
// CPU runs `entry` as the function BOOL plugin(void **start, size_t *bytes, uint32_t *ivt_offset)
// with the ROM's stack and vector table, r0-r2 pointing at the three words, until it returns to
// `return_address` in the ROM (open conflict 10, docs/boot-rom.md "Plugin images").
struct PluginCall {
  std::uint32_t entry = 0;  // Thumb address
  std::uint32_t sp = 0, vtor = 0;
  std::uint32_t args[3] = {0, 0, 0};
  std::uint32_t return_address = 0;
  Picoseconds time_limit = 0;  // how long the ROM's boot may still take
};
struct PluginReturn {
  bool returned = false;  // the plugin came back to the ROM
  std::uint32_t r0 = 0;
  std::string text;  // how the call ended, when it did not return ("a bus fault at ...")
  std::uint64_t instructions = 0;
  std::string console;  // what the plugin printed on the console UART
};
// Runs a plugin on the application processor; empty on a chip whose code xipsim cannot run.
using PluginRunner = std::function<PluginReturn(const PluginCall&)>;

struct BootOptions {
  ResetKind reset_kind = ResetKind::kPower;  // recorded in the report; the platform did the reset
  // Simulated time from the ROM's start after which a ROM that has not decided is reported as
  // hung (a DCD check without a poll count waits forever on silicon).
  Picoseconds time_limit = 5'000'000'000'000ull;  // 5 s
  PluginRunner run_plugin;
};

// Where the ROM's own stack ends when it calls code (a function entry, IVT v0x43 style, or a
// plugin): the top of the ROM-reserved OCRAM (an assumption, docs/boot-rom.md; the reference
// manuals do not say).
std::uint32_t rom_stack_top(const chips::ChipProfile& chip);

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
