#include <fmt/format.h>

#include "boot_writers.h"
#include "json_style.h"
#include "xipsim/boot/rom_log.h"
#include "xipsim/chips/chip_catalog.h"

namespace xipsim::tools {

namespace {
std::uint64_t ns(Picoseconds t) {
  return t / 1000;
}
std::optional<std::uint64_t> opt(const std::optional<std::uint32_t>& v) {
  return v ? std::optional<std::uint64_t>(*v) : std::nullopt;
}

Json causes_json(const boot::BootReport& r) {
  Json causes = Json::array();
  for (const boot::Cause& c : r.causes)
    causes.push_back(
        {{"id", c.id}, {"cause", c.text}, {"fix", c.fix}, {"option", text_or_null(c.option)}});
  return causes;
}

// The decoded boot structures the ROM read, the same objects inspect writes.
void put_structures(const boot::BootReport& r, Json& j) {
  const chips::ChipProfile* chip = chips::ChipCatalog::builtin().find(r.chip);
  j["fcb"] = r.fcb ? fcb_json(*r.fcb, chip) : Json(nullptr);
  j["ivt"] = r.ivt ? ivt_pointers_json(*r.ivt) : Json(nullptr);
  j["boot_data"] = boot_data_json(r.boot_data);
}

// A plugin image's call: what went in, what came back, and the image it named.
Json plugin_json(const boot::PluginReport& p) {
  Json j;
  put_address(j, "entry", p.entry);
  j["returned"] = p.returned;
  j["result"] = p.result;
  put_address(j, "start", p.start);
  j["bytes"] = p.bytes;
  j["ivt_offset"] = p.ivt_offset;
  j["time_ns"] = ns(p.time);
  j["instructions"] = p.instructions;
  j["text"] = text_or_null(p.text);
  j["console"] = p.console;
  j["ivt"] = p.ivt ? ivt_pointers_json(*p.ivt) : Json(nullptr);
  j["boot_data"] = boot_data_json(p.boot_data);
  return j;
}
}  // namespace

Json boot_json(const boot::BootReport& r, const std::vector<std::string>& notes,
               const boot::Execution* run) {
  Json log = Json::array();
  for (const boot::RomLogEntry& e : r.rom_log) {
    Json item{{"code", e.code}, {"code_hex", hex_text(e.code)}};
    item["name"] = boot::romlog::name(e.code);
    item["time_ns"] = ns(e.time);
    log.push_back(item);
  }
  Json steps = Json::array();
  for (const boot::BootStep& s : r.steps)
    steps.push_back({{"time_ns", ns(s.time)}, {"step", s.step}, {"ok", s.ok}, {"text", s.text}});
  Json j{{"schema", "xipsim-boot/2"},
         {"chip", r.chip},
         {"flash", r.flash_part},
         {"reset", boot::reset_name(r.reset_kind)},
         {"boot_instance", text_or_null(r.boot_instance)},
         {"verdict", boot::verdict_name(r.verdict)}};
  put_address(j, "entry", opt(r.entry));
  j["entry_kind"] = text_or_null(r.entry_kind);
  put_address(j, "initial_sp", opt(r.initial_sp));
  put_address(j, "pc", opt(r.pc));
  j["xip"] = r.xip ? Json(*r.xip) : Json(nullptr);
  put_address(j, "load_address", opt(r.load_address));
  j["load_size"] = r.load_size ? Json(*r.load_size) : Json(nullptr);
  j["failed_step"] = text_or_null(r.failed_step);
  j["reason"] = text_or_null(r.reason);
  j["hint"] = text_or_null(r.hint);
  j["causes"] = causes_json(r);
  j["rom_log"] = log;
  j["start_ns"] = ns(r.start_time);
  j["boot_time_ns"] = ns(r.boot_time);
  j["hab"] = {{"state", r.hab_state}, {"events", r.hab_events}};
  j["flexspi"] = {{"sclk_mhz", r.sclk_mhz},
                  {"sample_clk_src", r.sample_clk_src},
                  {"frames", r.frames},
                  {"bytes_read", r.flash_bytes_read}};
  put_structures(r, j);
  j["plugin"] = r.plugin ? plugin_json(*r.plugin) : Json(nullptr);
  j["steps"] = steps;
  j["notes"] = notes;
  j["execution"] = run ? execution_json(*run) : Json(nullptr);
  return j;
}

}  // namespace xipsim::tools
