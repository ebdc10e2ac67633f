// Which chip profile and flash part boot a corpus "full flash image": the chip from the
// MANIFEST (RT1062 -> RT1060, RT1166/RT1176 -> RT1170), the part the board carries
// (../shared/docs/flash-parts.md board table). Shared by the corpus boot test and bench_boot.
#pragma once

#include <cctype>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace xipsim::test {

struct CorpusBoard {
  std::string chip, part;
  std::uint32_t boot_cfg_pins = 0;  // the EVK's boot switches (SBMR1)
};

inline CorpusBoard corpus_board(const nlohmann::json& entry) {
  CorpusBoard b;
  b.chip = entry["chip"].get<std::string>();
  if (b.chip == "RT1062") b.chip = "RT1060";
  if (b.chip == "RT1166" || b.chip == "RT1176") b.chip = "RT1170";
  const std::string rel = entry["rel"];
  if (rel.find("Teensy40") != std::string::npos)
    b.part = "W25Q16JV";
  else if (rel.find("Teensy41") != std::string::npos || rel.find("TeensyMM") != std::string::npos)
    b.part = "W25Q64JV-IM";
  else if (b.chip == "RT1064")
    b.part = "W25Q32JV";  // the in-package SiP flash
  else if (entry["fcb"].value("readCmd", "") == "0xA0") {
    // HyperFlash FCB (A0h, 8-pad DDR, RWDS): the RT1050 EVK's S26KS512S, with the boot switches
    // at FLASH_TYPE 010 (HyperFlash 1.8 V, BOOT_CFG [10:8], boot-reference §7.2).
    b.part = "S26KS512S";
    b.boot_cfg_pins = 2u << 8;
  } else if (entry["fcb"].value("readCmd", "") == "0xEC")
    b.part = "MX25L25645G";  // 4-byte read: a 32 MiB part
  else
    b.part = "W25Q64JV-IQ";
  return b;
}

// A test name for the corpus file `rel`: "<index>_<file name with non-alphanumerics as _>".
inline std::string corpus_test_name(std::size_t index, const std::string& rel) {
  std::string s = std::to_string(index) + "_";
  for (char ch : rel.substr(rel.rfind('/') + 1))
    s += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return s;
}

inline bool is_full_flash_image(const nlohmann::json& entry) {
  return entry.value("category", "").rfind("full flash image", 0) == 0;
}

}  // namespace xipsim::test
