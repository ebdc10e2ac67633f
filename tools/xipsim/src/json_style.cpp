#include "json_style.h"

#include <fmt/format.h>

namespace xipsim::tools {

std::string hex_text(std::uint64_t v) {
  return fmt::format("0x{:08X}", v);
}

void put_address(Json& obj, const std::string& key, std::optional<std::uint64_t> v) {
  obj[key] = v ? Json(*v) : Json(nullptr);
  obj[key + "_hex"] = v ? Json(hex_text(*v)) : Json(nullptr);
}

Json text_or_null(const std::string& s) {
  return s.empty() ? Json(nullptr) : Json(s);
}

Json range_json(std::uint64_t begin, std::uint64_t end) {
  Json j = Json::object();
  put_address(j, "begin", begin);
  put_address(j, "end", end);
  return j;
}

namespace {

Json lut_json(const image::Fcb& f) {
  Json seqs = Json::array();
  for (unsigned s = 0; s < 16; ++s) {
    const auto seq = f.sequence(s);
    if (seq[0].opcode == flexspi::lut_op::kStop) continue;
    Json instrs = Json::array();
    for (const auto& i : flexspi::executed_part(seq))
      instrs.push_back({{"op", i.name()}, {"pads", i.pads()}, {"operand", i.operand}});
    seqs.push_back({{"index", s}, {"text", flexspi::disassemble(seq)}, {"instructions", instrs}});
  }
  return seqs;
}

Json seq_json(const image::FcbSeq& s) {
  return Json{{"seq_num", s.seq_num}, {"seq_id", s.seq_id}};
}

}  // namespace

Json fcb_json(const image::Fcb& f, const chips::ChipProfile* chip) {
  const std::optional<double> mhz = chip ? chip->clock_mhz(f.serial_clk_freq) : std::nullopt;
  Json cfg = Json::array(), args = Json::array();
  for (unsigned i = 0; i < 3; ++i) {
    cfg.push_back(seq_json(f.config_cmd_seqs[i]));
    args.push_back(f.config_cmd_args[i]);
  }
  Json j{
      {"tag", f.tag},
      {"version", f.version},
      {"version_hex", hex_text(f.version)},
      {"read_sample_clk_src", f.read_sample_clk_src},
      {"read_sample_clk", image::sample_clk_src_name(f.read_sample_clk_src)},
      {"cs_hold_time", f.cs_hold_time},
      {"cs_setup_time", f.cs_setup_time},
      {"column_address_width", f.column_address_width},
      {"device_mode_cfg_enable", f.device_mode_cfg_enable},
      {"device_mode_type", f.device_mode_type},
      {"wait_time_cfg_commands", f.wait_time_cfg_commands},
      {"device_mode_seq", seq_json(f.device_mode_seq)},
      {"device_mode_arg", f.device_mode_arg},
      {"config_cmd_enable", f.config_cmd_enable},
      {"config_mode_type", {f.config_mode_type[0], f.config_mode_type[1], f.config_mode_type[2]}},
      {"config_cmd_seqs", cfg},
      {"config_cmd_args", args},
      {"controller_misc_option", f.controller_misc_option},
      {"controller_misc_option_hex", hex_text(f.controller_misc_option)},
      {"device_type", f.device_type},
      {"sflash_pad_type", f.sflash_pad_type},
      {"serial_clk_freq", f.serial_clk_freq},
      {"serial_clk_mhz", mhz ? Json(*mhz) : Json(nullptr)},
      {"lut_custom_seq_enable", f.lut_custom_seq_enable},
      {"sflash_a1_size", f.sflash_a1_size},
      {"sflash_a2_size", f.sflash_a2_size},
      {"sflash_b1_size", f.sflash_b1_size},
      {"sflash_b2_size", f.sflash_b2_size},
      {"timeout_in_ms", f.timeout_in_ms},
      {"command_interval", f.command_interval},
      {"data_valid_time", {f.data_valid_time[0], f.data_valid_time[1]}},
      {"busy_offset", f.busy_offset},
      {"busy_bit_polarity", f.busy_bit_polarity},
      {"page_size", f.page_size},
      {"sector_size", f.sector_size},
      {"ipcmd_serial_clk_freq", f.ipcmd_serial_clk_freq},
      {"is_uniform_block_size", f.is_uniform_block_size},
      {"serial_nor_type", f.serial_nor_type},
      {"need_exit_no_cmd_mode", f.need_exit_no_cmd_mode},
      {"half_clk_for_non_read_cmd", f.half_clk_for_non_read_cmd},
      {"need_restore_no_cmd_mode", f.need_restore_no_cmd_mode},
      {"block_size", f.block_size},
      {"lut", lut_json(f)}};
  return j;
}

Json ivt_pointers_json(const image::Ivt& v) {
  Json j = Json::object();
  put_address(j, "entry", v.entry);
  put_address(j, "dcd", v.dcd);
  put_address(j, "boot_data", v.boot_data);
  put_address(j, "self", v.self);
  put_address(j, "csf", v.csf);
  return j;
}

Json boot_data_json(const std::optional<image::BootData>& bd) {
  if (!bd) return nullptr;
  Json j = Json::object();
  put_address(j, "start", bd->start);
  j["size"] = bd->size;
  j["plugin"] = bd->plugin;
  return j;
}

}  // namespace xipsim::tools
