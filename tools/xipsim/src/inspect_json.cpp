// `xipsim inspect --json`: schema xipsim-inspect/2 (docs/schema/xipsim-inspect-2.schema.json).
#include <fmt/format.h>

#include "inspect_writers.h"
#include "json_style.h"
#include "xipsim/chips/chip_catalog.h"

namespace xipsim::tools {

namespace {

Json ivt_json(const image::InspectReport& r) {
  const image::Ivt& v = *r.ivt;
  Json j = Json::object();
  put_address(j, "flash_offset", *r.ivt_offset);
  j["version"] = v.header.param;
  j.update(ivt_pointers_json(v));
  j["entry_kind"] = text_or_null(r.entry_kind);
  Json vt = nullptr;
  if (r.entry_sp) {
    vt = Json::object();
    put_address(vt, "sp", *r.entry_sp);
    put_address(vt, "reset", *r.entry_reset);
  }
  j["entry_vector_table"] = vt;
  return j;
}

Json dcd_command_json(const image::DcdCommand& c) {
  Json cj{{"offset", c.offset}, {"tag", c.header.tag}, {"param", c.header.param}, {"name", c.name}};
  if (!c.writes.empty()) {
    Json w = Json::array();
    for (const auto& x : c.writes) {
      Json item = Json::object();
      put_address(item, "address", x.address);
      put_address(item, "value", x.value);
      w.push_back(item);
    }
    cj["writes"] = w;
  }
  if (c.header.tag == image::hab_tag::kCheckData) {
    put_address(cj, "address", c.check_address);
    put_address(cj, "mask", c.check_mask);
    cj["count"] = c.check_count ? Json(*c.check_count) : Json();
  }
  return cj;
}

Json dcd_json(const image::InspectReport& r) {
  Json cmds = Json::array();
  for (const auto& c : r.dcd->commands)
    cmds.push_back(dcd_command_json(c));
  Json j = Json::object();
  put_address(j, "flash_offset", *r.dcd_offset);
  j["length"] = r.dcd->header.length;
  j["version"] = r.dcd->header.param;
  j["commands"] = cmds;
  j["problems"] = r.dcd->problems;
  return j;
}

Json mcuboot_json(const image::McubootImage& m) {
  Json j = Json::object();
  put_address(j, "load_addr", m.load_addr);
  j["img_size"] = m.img_size;
  j["version"] = fmt::format("{}.{}.{}+{}", m.ver_major, m.ver_minor, m.ver_revision, m.ver_build);
  return j;
}

Json ahab_json(const image::InspectReport& r) {
  Json imgs = Json::array();
  for (const auto& i : r.ahab->images) {
    Json item = Json::object();
    put_address(item, "offset", i.offset);
    item["size"] = i.size;
    put_address(item, "load", i.load);
    put_address(item, "entry", i.entry);
    imgs.push_back(item);
  }
  Json j = Json::object();
  put_address(j, "flash_offset", *r.ahab_offset);
  j["num_images"] = r.ahab->num_images;
  j["images"] = imgs;
  return j;
}

Json findings_json(const image::InspectReport& r) {
  Json findings = Json::array();
  for (const auto& f : r.findings) {
    Json item = {{"id", f.id},
                 {"severity", image::severity_name(f.severity)},
                 {"message", f.message},
                 {"count", f.count}};
    put_address(item, "first_address", f.first_address);
    put_address(item, "last_address", f.last_address);
    findings.push_back(item);
  }
  return findings;
}

Json file_json(const image::InspectReport& r) {
  Json ranges = Json::array();
  for (const auto& x : r.file_ranges)
    ranges.push_back(range_json(x.begin, x.end));
  Json j{{"path", r.path},
         {"format", image::format_name(r.format)},
         {"size", r.file_size},
         {"ranges", ranges}};
  put_address(j, "entry", r.file_entry);
  j["notes"] = r.loader_notes;
  return j;
}

Json placement_json(const image::InspectReport& r) {
  Json outside = Json::array();
  for (const auto& x : r.outside_ranges)
    outside.push_back(range_json(x.begin, x.end));
  Json j{{"flexspi", text_or_null(r.flexspi_instance)}};
  put_address(j, "window_base", r.window_base);
  put_address(j, "file_start_offset", r.file_start_offset);
  j["inferred"] = r.file_start_inferred;
  j["reasoning"] = r.placement_reasoning;
  j["outside_windows"] = outside;
  return j;
}

}  // namespace

Json inspect_json(const image::InspectReport& r) {
  const chips::ChipProfile* chip =
      r.chip.empty() ? nullptr : chips::ChipCatalog::builtin().find(r.chip);
  Json j;
  j["schema"] = "xipsim-inspect/2";
  j["file"] = file_json(r);
  j["chip"] = {{"name", text_or_null(r.chip)},
               {"given", r.chip_given},
               {"candidates", r.chip_candidates},
               {"reasoning", r.chip_reasoning},
               {"unsupported_family", r.family_unsupported}};
  j["placement"] = placement_json(r);
  Json fcb = nullptr;
  if (r.fcb) {
    fcb = Json::object();
    put_address(fcb, "flash_offset", *r.fcb_offset);
    fcb.update(fcb_json(*r.fcb, chip));
  }
  j["fcb"] = fcb;
  j["ivt"] = r.ivt ? ivt_json(r) : Json();
  j["boot_data"] = boot_data_json(r.boot_data);
  j["xip"] = r.xip ? Json(*r.xip) : Json();
  j["hab_closed"] = r.hab_closed;
  j["dcd"] = r.dcd ? dcd_json(r) : Json();
  j["csf_present"] = r.csf_present;
  j["xmcd"] = r.xmcd ? Json{{"raw", r.xmcd->raw},
                            {"raw_hex", hex_text(r.xmcd->raw)},
                            {"interface", r.xmcd->interface},
                            {"type", r.xmcd->type},
                            {"size", r.xmcd->block_size}}
                     : Json();
  Json slots = Json::array();
  for (const auto& m : r.mcuboot_slots) {
    Json s = Json::object();
    put_address(s, "flash_offset", m.flash_offset);
    s.update(mcuboot_json(m.image));
    slots.push_back(s);
  }
  j["mcuboot_slots"] = slots;
  j["mcuboot"] = r.mcuboot ? mcuboot_json(*r.mcuboot) : Json();
  j["ahab"] = r.ahab ? ahab_json(r) : Json();
  j["findings"] = findings_json(r);
  j["valid"] = !r.has_errors();
  return j;
}

}  // namespace xipsim::tools
