#include <fmt/format.h>

#include "xipsim/core/hex.h"

#include "boot_writers.h"
#include "xipsim/boot/rom_log.h"

namespace xipsim::tools {

namespace {
std::string ms(Picoseconds t) {
  return fmt::format("{:.3f} ms", static_cast<double>(t) / 1e9);
}
// Console text, each line indented, ending with a newline.
std::string indented(const std::string& text) {
  std::string out = "  ";
  for (char c : text) {
    if (c == '\r') continue;
    out += c;
    if (c == '\n') out += "  ";
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n'))
    out.pop_back();
  return out + "\n";
}
}  // namespace

std::string boot_text(const boot::BootReport& r, const std::vector<std::string>& notes,
                      const boot::Execution* run) {
  std::string out = fmt::format("xipsim boot: {} with {} ({} reset)\n", r.chip, r.flash_part,
                                r.reset_kind == boot::ResetKind::kWarm ? "warm" : "power-on");
  for (const std::string& n : notes)
    out += "  " + n + "\n";
  out += "\nWhat the ROM did\n";
  for (const boot::BootStep& s : r.steps)
    out +=
        fmt::format("  {:>10}  {:<17} {}{}\n", ms(s.time), s.step, s.ok ? "" : "FAILED: ", s.text);
  if (r.plugin && !r.plugin->console.empty())
    out += "\nThe plugin printed on the console\n" + indented(r.plugin->console);
  out += "\nROM log\n";
  for (const boot::RomLogEntry& e : r.rom_log)
    out += fmt::format("  0x{:08X}  {}\n", e.code, boot::romlog::name(e.code));
  out += "\n";
  switch (r.verdict) {
    case boot::Verdict::kBooted:
      out += fmt::format("Verdict: BOOTED. ");
      if (r.xip && *r.xip)
        out += "The image executes in place from flash";
      else if (r.load_address)
        out += fmt::format("The image was copied to {} (0x{:X} bytes)", hex32(*r.load_address),
                           r.load_size.value_or(0));
      else if (r.plugin)
        out += fmt::format("The plugin put the image at {}", hex32(r.plugin->start));
      if (r.entry_kind == "vector table" && r.initial_sp)
        out += fmt::format("; the CPU starts at {} with SP {} (vector table at {}).\n",
                           hex32(r.pc.value_or(0)), hex32(*r.initial_sp), hex32(*r.entry));
      else
        out += fmt::format("; the CPU starts at the entry {}.\n", hex32(r.entry.value_or(0)));
      break;
    default: {
      const std::uint32_t last = r.rom_log.empty() ? 0 : r.rom_log.back().code;
      out += fmt::format("Verdict: {}. Failed step: {}.\n  Reason: {}\n",
                         r.verdict == boot::Verdict::kSerialDownloader ? "SERIAL DOWNLOADER"
                         : r.verdict == boot::Verdict::kHang           ? "HANG"
                                                                       : "ERROR",
                         r.failed_step, r.reason);
      if (last)
        out += fmt::format("  Last ROM log code: 0x{:08X} {}\n", last, boot::romlog::name(last));
      if (r.causes.size() == 1) {
        const boot::Cause& c = r.causes.front();
        out += fmt::format("  Cause: {}\n  Fix: {}{}\n", c.text, c.fix,
                           c.option.empty() ? "" : " To check: rerun with " + c.option + ".");
      } else if (!r.causes.empty()) {
        out += fmt::format("  {} causes, in the order they stop the boot:\n", r.causes.size());
        for (std::size_t i = 0; i < r.causes.size(); ++i) {
          const boot::Cause& c = r.causes[i];
          out += fmt::format("  {}. {}\n     Fix: {}{}\n", i + 1, c.text, c.fix,
                             c.option.empty() ? "" : " To check: rerun with " + c.option + ".");
        }
        std::string all;
        for (const boot::Cause& c : r.causes)
          if (!c.option.empty()) all += " " + c.option;
        if (!all.empty()) out += "  To check every fix at once, rerun with" + all + ".\n";
      }
    }
  }
  out += fmt::format("Simulated boot time {}; {} FlexSPI frames, {} bytes read from flash.\n",
                     ms(r.boot_time), r.frames, r.flash_bytes_read);
  if (run) out += "\n" + execution_text(*run);
  return out;
}

}  // namespace xipsim::tools
