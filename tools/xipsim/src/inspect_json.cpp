#include <fmt/format.h>

#include "inspect_writers.h"

namespace xipsim::tools {

namespace {
using J = nlohmann::ordered_json;
std::string hx(std::uint64_t v) {
  return fmt::format("0x{:08X}", v);
}

J fcb_json(const image::InspectReport& r) {
  const image::Fcb& f = *r.fcb;
  J seqs = J::array();
  for (unsigned s = 0; s < 16; ++s) {
    const auto seq = f.sequence(s);
    if (seq[0].opcode == image::lut_op::kStop) continue;
    J instrs = J::array();
    for (const auto& i : image::executed_part(seq)) {
      instrs.push_back({{"op", i.name()}, {"pads", i.pads()}, {"operand", i.operand}});
    }
    seqs.push_back({{"index", s}, {"text", image::disassemble(seq)}, {"instructions", instrs}});
  }
  return J{{"flash_offset", *r.fcb_offset},
           {"version", hx(f.version)},
           {"readSampleClkSrc", f.read_sample_clk_src},
           {"csHoldTime", f.cs_hold_time},
           {"csSetupTime", f.cs_setup_time},
           {"columnAddressWidth", f.column_address_width},
           {"deviceModeCfgEnable", f.device_mode_cfg_enable},
           {"deviceModeType", f.device_mode_type},
           {"waitTimeCfgCommands", f.wait_time_cfg_commands},
           {"deviceModeSeq",
            {{"seqNum", f.device_mode_seq.seq_num}, {"seqId", f.device_mode_seq.seq_id}}},
           {"deviceModeArg", hx(f.device_mode_arg)},
           {"configCmdEnable", f.config_cmd_enable},
           {"controllerMiscOption", hx(f.controller_misc_option)},
           {"deviceType", f.device_type},
           {"sflashPadType", f.sflash_pad_type},
           {"serialClkFreq", f.serial_clk_freq},
           {"lutCustomSeqEnable", f.lut_custom_seq_enable},
           {"sflashA1Size", f.sflash_a1_size},
           {"sflashA2Size", f.sflash_a2_size},
           {"sflashB1Size", f.sflash_b1_size},
           {"sflashB2Size", f.sflash_b2_size},
           {"timeoutInMs", f.timeout_in_ms},
           {"commandInterval", f.command_interval},
           {"dataValidTime", {f.data_valid_time[0], f.data_valid_time[1]}},
           {"busyOffset", f.busy_offset},
           {"busyBitPolarity", f.busy_bit_polarity},
           {"pageSize", f.page_size},
           {"sectorSize", f.sector_size},
           {"ipcmdSerialClkFreq", f.ipcmd_serial_clk_freq},
           {"isUniformBlockSize", f.is_uniform_block_size},
           {"serialNorType", f.serial_nor_type},
           {"needExitNoCmdMode", f.need_exit_no_cmd_mode},
           {"halfClkForNonReadCmd", f.half_clk_for_non_read_cmd},
           {"needRestoreNoCmdMode", f.need_restore_no_cmd_mode},
           {"blockSize", f.block_size},
           {"lut", seqs}};
}

J ivt_json(const image::InspectReport& r) {
  const image::Ivt& v = *r.ivt;
  J j{{"flash_offset", *r.ivt_offset},
      {"version", v.header.param},
      {"entry", hx(v.entry)},
      {"dcd", hx(v.dcd)},
      {"boot_data", hx(v.boot_data)},
      {"self", hx(v.self)},
      {"csf", hx(v.csf)},
      {"entry_kind", r.entry_kind.empty() ? J() : J(r.entry_kind)}};
  if (r.entry_sp)
    j["entry_vector_table"] = {{"sp", hx(*r.entry_sp)}, {"reset", hx(*r.entry_reset)}};
  return j;
}

J dcd_json(const image::InspectReport& r) {
  J cmds = J::array();
  for (const auto& c : r.dcd->commands) {
    J cj{{"offset", c.offset}, {"tag", c.header.tag}, {"param", c.header.param}, {"name", c.name}};
    if (!c.writes.empty()) {
      J w = J::array();
      for (const auto& x : c.writes)
        w.push_back({hx(x.address), hx(x.value)});
      cj["writes"] = w;
    }
    if (c.header.tag == image::hab_tag::kCheckData) {
      cj["address"] = hx(c.check_address);
      cj["mask"] = hx(c.check_mask);
      cj["count"] = c.check_count ? J(*c.check_count) : J();
    }
    cmds.push_back(cj);
  }
  return J{{"flash_offset", *r.dcd_offset},
           {"length", r.dcd->header.length},
           {"version", r.dcd->header.param},
           {"commands", cmds},
           {"problems", r.dcd->problems}};
}

}  // namespace

nlohmann::ordered_json inspect_json(const image::InspectReport& r) {
  J ranges = J::array();
  for (const auto& x : r.file_ranges)
    ranges.push_back({hx(x.begin), hx(x.end)});
  J outside = J::array();
  for (const auto& x : r.outside_ranges)
    outside.push_back({hx(x.begin), hx(x.end)});
  J findings = J::array();
  for (const auto& f : r.findings) {
    J item = {{"id", f.id},
              {"severity", image::severity_name(f.severity)},
              {"message", f.message},
              {"count", f.count}};
    if (f.first_address) {
      item["first_address"] = *f.first_address;
      item["last_address"] = *f.last_address;
    }
    findings.push_back(item);
  }
  J j;
  j["schema"] = "xipsim.inspect/1";
  j["file"] = {{"path", r.path},
               {"format", image::format_name(r.format)},
               {"size", r.file_size},
               {"ranges", ranges},
               {"entry", r.file_entry ? J(hx(*r.file_entry)) : J()},
               {"notes", r.loader_notes}};
  j["chip"] = {{"name", r.chip.empty() ? J() : J(r.chip)},
               {"given", r.chip_given},
               {"candidates", r.chip_candidates},
               {"reasoning", r.chip_reasoning},
               {"unsupported_family", r.family_unsupported}};
  j["placement"] = {{"flexspi", r.flexspi_instance.empty() ? J() : J(r.flexspi_instance)},
                    {"window_base", hx(r.window_base)},
                    {"file_start_offset", r.file_start_offset ? J(*r.file_start_offset) : J()},
                    {"inferred", r.file_start_inferred},
                    {"reasoning", r.placement_reasoning},
                    {"outside_windows", outside}};
  j["fcb"] = r.fcb ? fcb_json(r) : J();
  j["ivt"] = r.ivt ? ivt_json(r) : J();
  j["boot_data"] = r.boot_data ? J{{"start", hx(r.boot_data->start)},
                                   {"size", r.boot_data->size},
                                   {"plugin", r.boot_data->plugin}}
                               : J();
  j["xip"] = r.xip ? J(*r.xip) : J();
  j["dcd"] = r.dcd ? dcd_json(r) : J();
  j["csf_present"] = r.csf_present;
  j["xmcd"] = r.xmcd ? J{{"raw", hx(r.xmcd->raw)},
                         {"interface", r.xmcd->interface},
                         {"type", r.xmcd->type},
                         {"size", r.xmcd->block_size}}
                     : J();
  J slots = J::array();
  for (const auto& m : r.mcuboot_slots)
    slots.push_back({{"flash_offset", m.flash_offset},
                     {"load_addr", m.image.load_addr},
                     {"img_size", m.image.img_size},
                     {"version", fmt::format("{}.{}.{}+{}", m.image.ver_major, m.image.ver_minor,
                                             m.image.ver_revision, m.image.ver_build)}});
  j["mcuboot_slots"] = slots;
  j["mcuboot"] =
      r.mcuboot
          ? J{{"load_addr", hx(r.mcuboot->load_addr)},
              {"img_size", r.mcuboot->img_size},
              {"version", fmt::format("{}.{}.{}+{}", r.mcuboot->ver_major, r.mcuboot->ver_minor,
                                      r.mcuboot->ver_revision, r.mcuboot->ver_build)}}
          : J();
  if (r.ahab) {
    J imgs = J::array();
    for (const auto& i : r.ahab->images) {
      imgs.push_back({{"offset", hx(i.offset)},
                      {"size", i.size},
                      {"load", hx(i.load)},
                      {"entry", hx(i.entry)}});
    }
    j["ahab"] = {
        {"flash_offset", *r.ahab_offset}, {"num_images", r.ahab->num_images}, {"images", imgs}};
  } else {
    j["ahab"] = J();
  }
  j["findings"] = findings;
  j["valid"] = !r.has_errors();
  return j;
}

}  // namespace xipsim::tools
