// Plugin images (boot data plugin flag 1, §7.3 step 9): the ROM calls the image's entry on the
// CPU, the plugin returns the next image's start, size and IVT offset, and the ROM boots that
// image instead. The calling convention and what the ROM does after the call are open conflict
// 10 (boot-reference §11); the decisions are in docs/boot-rom.md "Plugin images".
#include <fmt/format.h>

#include "rom_run.h"
#include "xipsim/boot/rom_log.h"
#include "xipsim/core/hex.h"

namespace xipsim::boot {

namespace {
// The boot ROM sits at 0x0020_0000 on every RT10xx and RT11xx (the ROM API tree pointer at
// 0x0020_001C, boot-reference §9.2, is its vector table's eighth word). Its code is not modelled:
// the plugin returns to an address in it, where the CPU stops; a fault during the call finds the
// ROM's vector table unreadable and locks up. Decision (open conflict 10): the return address.
constexpr std::uint32_t kRomBase = 0x00200000;
constexpr std::uint32_t kPluginReturn = kRomBase + 0x100;
constexpr unsigned kArgs = 3;  // start, bytes, ivt_offset: words just below the ROM's stack top

std::string ms(Picoseconds t) {
  return fmt::format("{:.3f} ms", static_cast<double>(t) / 1e9);
}
}  // namespace

void RomRun::run_plugin() {
  if (!options_.run_plugin)
    enforce(image::rom_rules::Refusal{
        "BD-PLUGIN", "plugin", image::rom_rules::Effect::kNotModelled,
        fmt::format("boot data marks the image as a plugin, which the ROM calls as code; running "
                    "code on {} is not modelled yet",
                    chip_.name)});
  const std::uint32_t top = rom_stack_top(chip_);
  const std::uint32_t args = top - 4 * kArgs;
  bus_.write32(args, bd_.start);
  bus_.write32(args + 4, bd_.size);
  bus_.write32(args + 8, chip_.ivt_offset);
  PluginCall call;
  call.entry = ivt_.entry | 1u;
  call.sp = (args - 8) & ~7u;  // AAPCS: 8-byte aligned at a public interface
  call.vtor = kRomBase;
  call.args[0] = args, call.args[1] = args + 4, call.args[2] = args + 8;
  call.return_address = kPluginReturn;
  const Picoseconds used = bus_.now() - report_.start_time;
  call.time_limit = options_.time_limit > used ? options_.time_limit - used : 0;
  log(romlog::kPluginCall);
  bus_.sync();
  const Picoseconds t0 = bus_.now();
  const PluginReturn r = options_.run_plugin(call);
  PluginReport p;
  p.entry = call.entry;
  p.returned = r.returned;
  p.result = r.returned ? r.r0 : 0;
  p.time = bus_.now() - t0;
  p.instructions = r.instructions;
  p.text = r.text;
  p.console = r.console;
  if (r.returned) {
    p.start = bus_.read32(args);
    p.bytes = bus_.read32(args + 4);
    p.ivt_offset = bus_.read32(args + 8);
  }
  report_.plugin = p;
  plugin_outcome(p);
  next_image(p);
}

// What the call came to: a plugin that never returns leaves the ROM waiting (a hang); one that
// returns 0 has failed, and the ROM abandons the image.
void RomRun::plugin_outcome(const PluginReport& p) {
  const std::string call = fmt::format(
      "The ROM calls the plugin at {} (r0-r2 point at start {}, "
      "size 0x{:X}, IVT offset 0x{:X})",
      hex32(p.entry), hex32(bd_.start), bd_.size, chip_.ivt_offset);
  if (!p.returned) {
    const std::string text = fmt::format("{}; it never returns: {} after {} and {} instructions.",
                                         call, p.text, ms(p.time), p.instructions);
    step("plugin", text, false);
    throw StepFailure{"plugin", text, true};
  }
  if (p.result == 0) {
    log(romlog::kPluginFail);
    fail("plugin", fmt::format("{}; it returns 0 (failure) after {}, so the ROM abandons the "
                               "image.",
                               call, ms(p.time)));
  }
  log(romlog::kPluginPass);
  step("plugin", fmt::format("{}; it returns {} after {} and {} instructions, naming the next "
                             "image: start {}, size 0x{:X}, IVT at offset 0x{:X} ({}).",
                             call, p.result, ms(p.time), p.instructions, hex32(p.start), p.bytes,
                             p.ivt_offset, hex32(p.start + p.ivt_offset)));
}

// The next image is where the plugin said: in RAM it loaded, or in a FlexSPI window. The ROM
// reads its IVT and boot data through the bus; the image's DCD is not run (decision, open
// conflict 10: the plugin is the image's device configuration).
void RomRun::next_image(PluginReport& p) {
  const std::uint32_t at = p.start + p.ivt_offset;
  std::uint8_t raw[image::kIvtSize];
  const bool readable = bus_.read(at, raw, sizeof raw);
  enforce(
      image::rom_rules::next_image_ivt(readable ? raw : nullptr, p.start, p.bytes, p.ivt_offset));
  ivt_ = image::decode_ivt(raw);
  std::uint8_t b[image::kBootDataSize];
  const bool bd_readable = bus_.read(ivt_.boot_data, b, sizeof b);
  const image::BootData bd = image::decode_boot_data(b);
  enforce(image::rom_rules::next_image_boot_data(ivt_, bd_readable ? &bd : nullptr));
  bd_ = bd;
  p.ivt = ivt_;
  p.boot_data = bd_;
  report_.plugin = p;
  report_.entry = ivt_.entry;
  xip_ = chip_.instance_at(p.start) != nullptr;
  report_.xip = xip_;
  step("ivt", fmt::format("The next image's IVT at {}: entry {}, boot data {} (start {}, size "
                          "0x{:X}), {}{}.",
                          hex32(at), hex32(ivt_.entry), hex32(ivt_.boot_data), hex32(bd_.start),
                          bd_.size, xip_ ? "in the flash window" : "in RAM the plugin loaded",
                          ivt_.dcd ? fmt::format("; its DCD at {} is not run (the plugin did the "
                                                 "device configuration)",
                                                 hex32(ivt_.dcd))
                                   : ""));
}

}  // namespace xipsim::boot
