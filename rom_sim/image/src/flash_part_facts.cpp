// --flash PART: the few facts of a flash part (flash_models/parts/<PART>.yaml) inspect uses.
#include <fmt/format.h>

#include <filesystem>

#include "xipsim/chips/chip_catalog.h"
#include "xipsim/core/yaml_reader.h"
#include "xipsim/image/inspect.h"

namespace xipsim::image {

FlashPartFacts load_flash_part_facts(const std::string& part) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(chips::data_dir()) / "flash_models" / "parts";
  fs::path file = dir / (part + ".yaml");
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    std::string known;
    if (fs::is_directory(dir, ec)) {
      for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".yaml")
          known += (known.empty() ? "" : ", ") + e.path().stem().string();
      }
    }
    throw InputError(fmt::format("unknown flash part '{}'; known parts: {}", part,
                                 known.empty() ? "none" : known));
  }
  const YamlMap top(load_yaml_file(file.string()), file.string(), "");
  FlashPartFacts f;
  f.name = top.str("name");
  f.size_bytes = top.u64("size_bytes");
  const YamlMap bus = top.map("interface");
  f.has_dqs = bus.boolean("dqs", false);
  f.supports_4byte_opcodes = top.boolean("four_byte_opcodes", false);
  for (const auto& rd : top.map_list("reads")) {
    FlashPartFacts::Read x{};
    x.opcode = static_cast<std::uint8_t>(rd.u64("opcode"));
    x.addr_bits = static_cast<unsigned>(rd.u64("addr_bits"));
    x.addr_pads = static_cast<unsigned>(rd.u64("addr_pads"));
    x.data_pads = static_cast<unsigned>(rd.u64("data_pads"));
    x.mode_cycles = static_cast<unsigned>(rd.opt_u64("mode_cycles").value_or(0));
    x.dummy_cycles = static_cast<unsigned>(rd.u64("dummy_cycles"));
    f.reads.push_back(x);
  }
  return f;
}

}  // namespace xipsim::image
