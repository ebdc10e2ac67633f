#include <fmt/format.h>

#include "inspect_writers.h"

namespace xipsim::tools {

namespace {

std::string h(std::uint64_t v) {
  return fmt::format("0x{:04X}_{:04X}", (v >> 16) & 0xFFFF, v & 0xFFFF);
}

void section(std::string& out, const char* title) {
  out += fmt::format("\n{}\n", title);
}

void fcb_section(const image::InspectReport& r, std::string& out) {
  if (!r.fcb) return;
  const image::Fcb& f = *r.fcb;
  section(out, "FlexSPI NOR configuration block (FCB)");
  out += fmt::format("  at flash offset     {:#05x}\n", *r.fcb_offset);
  out += fmt::format("  version             {:#010x}\n", f.version);
  out += fmt::format("  readSampleClkSrc    {} ({})\n", f.read_sample_clk_src,
                     image::sample_clk_src_name(f.read_sample_clk_src));
  out += fmt::format("  serialClkFreq       index {}\n", f.serial_clk_freq);
  out += fmt::format("  csHold / csSetup    {} / {} clocks\n", f.cs_hold_time, f.cs_setup_time);
  out += fmt::format("  deviceType / pads   {} / {}\n", f.device_type, f.sflash_pad_type);
  out += fmt::format("  sflashA1Size        {:#x} ({} KiB)\n", f.sflash_a1_size,
                     f.sflash_a1_size / 1024);
  if (f.sflash_a2_size || f.sflash_b1_size || f.sflash_b2_size) {
    out += fmt::format("  A2 / B1 / B2        {:#x} / {:#x} / {:#x}\n", f.sflash_a2_size,
                       f.sflash_b1_size, f.sflash_b2_size);
  }
  out += fmt::format("  controllerMisc      {:#010x}\n", f.controller_misc_option);
  if (f.device_mode_cfg_enable) {
    out += fmt::format("  device mode         {} seq {} x{} arg {:#010x}\n",
                       image::device_mode_type_name(f.device_mode_type), f.device_mode_seq.seq_id,
                       f.device_mode_seq.seq_num, f.device_mode_arg);
  }
  if (f.config_cmd_enable) out += "  config commands     enabled\n";
  out += fmt::format("  page/sector/block   {} / {} / {} bytes\n", f.page_size, f.sector_size,
                     f.block_size);
  out += fmt::format("  ipcmdSerialClkFreq  {}   serialNorType {}\n", f.ipcmd_serial_clk_freq,
                     f.serial_nor_type);
  out += "  LUT:\n";
  for (unsigned s = 0; s < 16; ++s) {
    const flexspi::LutSequence seq = f.sequence(s);
    if (seq[0].opcode == flexspi::lut_op::kStop) continue;
    out += fmt::format("    seq {:2}: {}\n", s, flexspi::disassemble(seq));
  }
}

void ivt_section(const image::InspectReport& r, std::string& out) {
  if (!r.ivt) return;
  const image::Ivt& v = *r.ivt;
  section(out, "Image vector table (IVT) and boot data");
  out +=
      fmt::format("  at flash offset     {:#x}   version {:#04x}\n", *r.ivt_offset, v.header.param);
  out += fmt::format("  entry               {}{}\n", h(v.entry),
                     r.entry_kind.empty() ? "" : " (" + r.entry_kind + ")");
  out += fmt::format("  dcd / boot_data     {} / {}\n", h(v.dcd), h(v.boot_data));
  out += fmt::format("  self / csf          {} / {}\n", h(v.self), h(v.csf));
  if (r.boot_data) {
    out += fmt::format("  boot_data           start {}  size {:#x}  plugin {}\n",
                       h(r.boot_data->start), r.boot_data->size, r.boot_data->plugin);
  }
  if (r.xip)
    out += fmt::format("  execution           {}\n",
                       *r.xip ? "XIP (in place from flash)" : "non-XIP (copied to RAM)");
  if (r.dcd) {
    section(out, "Device configuration data (DCD)");
    for (const auto& c : r.dcd->commands) {
      out += fmt::format("  +{:#05x} {}", c.offset, c.name);
      if (!c.writes.empty()) out += fmt::format(" ({} x {}-byte)", c.writes.size(), c.width);
      if (c.header.tag == image::hab_tag::kCheckData) {
        out +=
            fmt::format(" {} mask {:#010x}{}", h(c.check_address), c.check_mask,
                        c.check_count ? fmt::format(" count {}", *c.check_count) : std::string());
      }
      out += "\n";
      std::size_t shown = 0;
      for (const auto& w : c.writes) {
        if (++shown > 4) {
          out += fmt::format("        ... {} more\n", c.writes.size() - 4);
          break;
        }
        out += fmt::format("        {} <- {:#010x}\n", h(w.address), w.value);
      }
    }
  }
}

}  // namespace

std::string inspect_text(const image::InspectReport& r) {
  std::string out;
  out += fmt::format("xipsim inspect: {}\n", r.path);
  out += fmt::format("  format              {} ({} bytes)\n", image::format_name(r.format),
                     r.file_size);
  for (const auto& rg : r.file_ranges)
    out += fmt::format("  {}              {} - {}\n",
                       r.format == image::Format::kBin ? "bytes " : "covers", h(rg.begin),
                       h(rg.end - 1));
  if (r.file_entry) out += fmt::format("  file entry point    {}\n", h(*r.file_entry));
  for (const auto& n : r.loader_notes)
    out += fmt::format("  note: {}\n", n);
  section(out, "Chip and placement");
  out += fmt::format("  chip                {}{}\n", r.chip.empty() ? "(unknown)" : r.chip,
                     r.chip_given ? "" : " (inferred)");
  if (!r.chip_given && !r.chip_candidates.empty()) {
    std::string c;
    for (const auto& x : r.chip_candidates)
      c += (c.empty() ? "" : ", ") + x;
    out += fmt::format("  candidates          {}\n  evidence            {}\n", c, r.chip_reasoning);
  }
  if (!r.flexspi_instance.empty())
    out += fmt::format("  FlexSPI window      {} at {}\n", r.flexspi_instance, h(r.window_base));
  if (r.file_start_offset)
    out += fmt::format("  file starts at      flash offset {:#x}\n", *r.file_start_offset);
  if (!r.placement_reasoning.empty())
    out += fmt::format("  how                 {}\n", r.placement_reasoning);
  fcb_section(r, out);
  ivt_section(r, out);
  section(out, "Findings");
  for (const auto& f : r.findings) {
    out += fmt::format("  [{:<7}] {:<22} {}", image::severity_name(f.severity), f.id, f.message);
    if (f.count > 1)
      out += fmt::format(" [{} times, {} .. {}]", f.count, h(*f.first_address), h(*f.last_address));
    out += "\n";
  }
  out += fmt::format("\nVerdict: {}\n",
                     r.has_errors() ? fmt::format("NOT a valid FlexSPI NOR boot image for {}",
                                                  r.chip.empty() ? "any known chip" : r.chip)
                                    : fmt::format("valid FlexSPI NOR boot image for {}", r.chip));
  return out;
}

}  // namespace xipsim::tools
