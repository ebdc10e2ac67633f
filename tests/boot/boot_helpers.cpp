#include "boot_helpers.h"

#include <fstream>
#include <iterator>

#include "test_support.h"

namespace xipsim::test {

const char* const kRt1060Evkb =
    "mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/led_blinky_0x60002000_fdcb.bin";

std::vector<std::uint8_t> read_file_bytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

std::string corpus_path(const std::string& rel) {
  return corpus_dir() + "/" + rel;
}

boot::BootRequest request(const std::string& chip, const std::string& part,
                          const std::vector<std::string>& images, bool qe) {
  boot::BootRequest r;
  r.chip = chip;
  r.flashes.push_back({part, "", 0});
  for (const auto& i : images)
    r.images.push_back({i, std::nullopt});
  r.quad_enable = qe;
  return r;
}

boot::BootReport run_boot(const boot::BootRequest& r) {
  boot::BootSession s(r);
  return s.run();
}

bool logged(const boot::BootReport& r, std::uint32_t code) {
  for (const auto& e : r.rom_log)
    if (e.code == code) return true;
  return false;
}

std::string describe(const boot::BootReport& r) {
  std::string s = std::string("verdict ") + boot::verdict_name(r.verdict) + "\n";
  for (const auto& st : r.steps)
    s += "  " + st.step + ": " + st.text + "\n";
  return s + "  hint: " + r.hint + "\n";
}

}  // namespace xipsim::test
