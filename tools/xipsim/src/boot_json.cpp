#include <fmt/format.h>

#include "boot_writers.h"
#include "xipsim/boot/rom_log.h"

namespace xipsim::tools {

namespace {
using J = nlohmann::ordered_json;
J hex_or_null(const std::optional<std::uint32_t>& v) {
  return v ? J(fmt::format("0x{:08X}", *v)) : J(nullptr);
}
J str_or_null(const std::string& s) {
  return s.empty() ? J(nullptr) : J(s);
}
std::uint64_t ns(Picoseconds t) {
  return t / 1000;
}
J fcb_json(const std::optional<image::Fcb>& f) {
  if (!f) return nullptr;
  J seq0 = image::disassemble(f->sequence(0));
  return J{{"version", fmt::format("0x{:08X}", f->version)},
           {"read_sample_clk_src", f->read_sample_clk_src},
           {"read_sample_clk", image::sample_clk_src_name(f->read_sample_clk_src)},
           {"serial_clk_freq", f->serial_clk_freq},
           {"device_type", f->device_type},
           {"sflash_pad_type", f->sflash_pad_type},
           {"sflash_a1_size", fmt::format("0x{:X}", f->sflash_a1_size)},
           {"controller_misc_option", fmt::format("0x{:X}", f->controller_misc_option)},
           {"cs_hold_setup", {f->cs_hold_time, f->cs_setup_time}},
           {"device_mode_cfg_enable", f->device_mode_cfg_enable},
           {"lut_read_sequence", seq0},
           {"page_size", f->page_size},
           {"sector_size", f->sector_size},
           {"block_size", f->block_size}};
}
}  // namespace

J boot_json(const boot::BootReport& r, const std::vector<std::string>& notes) {
  J log = J::array();
  for (const boot::RomLogEntry& e : r.rom_log)
    log.push_back({{"code", fmt::format("0x{:08X}", e.code)},
                   {"name", boot::romlog::name(e.code)},
                   {"time_ns", ns(e.time)}});
  J causes = J::array();
  for (const boot::Cause& c : r.causes)
    causes.push_back({{"id", c.id},
                      {"cause", c.text},
                      {"fix", c.fix},
                      {"option", str_or_null(c.option)}});
  J steps = J::array();
  for (const boot::BootStep& s : r.steps)
    steps.push_back({{"time_ns", ns(s.time)}, {"step", s.step}, {"ok", s.ok}, {"text", s.text}});
  return J{{"schema", "xipsim-boot/1"},
           {"chip", r.chip},
           {"flash", r.flash_part},
           {"reset", r.reset_kind},
           {"boot_instance", str_or_null(r.boot_instance)},
           {"verdict", boot::verdict_name(r.verdict)},
           {"entry", hex_or_null(r.entry)},
           {"entry_kind", str_or_null(r.entry_kind)},
           {"initial_sp", hex_or_null(r.initial_sp)},
           {"pc", hex_or_null(r.pc)},
           {"xip", r.xip ? J(*r.xip) : J(nullptr)},
           {"load_address", hex_or_null(r.load_address)},
           {"load_size", r.load_size ? J(*r.load_size) : J(nullptr)},
           {"failed_step", str_or_null(r.failed_step)},
           {"reason", str_or_null(r.reason)},
           {"hint", str_or_null(r.hint)},
           {"causes", causes},
           {"rom_log", log},
           {"boot_time_ns", ns(r.boot_time)},
           {"hab", {{"state", r.hab_state}, {"events", r.hab_events}}},
           {"flexspi",
            {{"sclk_mhz", r.sclk_mhz},
             {"sample_clk_src", r.sample_clk_src},
             {"frames", r.frames},
             {"bytes_read", r.flash_bytes_read}}},
           {"fcb", fcb_json(r.fcb)},
           {"ivt", r.ivt ? J{{"entry", hex_or_null(r.ivt->entry)},
                             {"dcd", hex_or_null(r.ivt->dcd)},
                             {"boot_data", hex_or_null(r.ivt->boot_data)},
                             {"self", hex_or_null(r.ivt->self)},
                             {"csf", hex_or_null(r.ivt->csf)}}
                         : J(nullptr)},
           {"boot_data", r.boot_data ? J{{"start", hex_or_null(r.boot_data->start)},
                                         {"size", hex_or_null(r.boot_data->size)},
                                         {"plugin", r.boot_data->plugin}}
                                     : J(nullptr)},
           {"steps", steps},
           {"notes", notes}};
}

}  // namespace xipsim::tools
