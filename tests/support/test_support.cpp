#include <sys/wait.h>

#include <array>
#include <cstdio>
#include "test_support.h"

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "xipsim/chips/chip_catalog.h"

namespace xipsim::test {

std::string corpus_dir() {
  const char* env = std::getenv("XIPSIM_CORPUS_DIR");
  return env ? env : XIPSIM_CORPUS_DEFAULT;
}

namespace {
std::string temp_path(const std::string& name) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("xipsim_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}
}  // namespace

std::string write_temp(const std::string& name, const std::string& content) {
  const std::string p = temp_path(name);
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

std::string write_temp(const std::string& name, const std::vector<std::uint8_t>& content) {
  const std::string p = temp_path(name);
  std::ofstream out(p, std::ios::binary);
  out.write(reinterpret_cast<const char*>(content.data()),
            static_cast<std::streamsize>(content.size()));
  return p;
}

void put32(std::vector<std::uint8_t>& b, std::size_t off, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    b[off + i] = static_cast<std::uint8_t>(v >> (8 * i));
}
void put32be(std::vector<std::uint8_t>& b, std::size_t off, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    b[off + i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}

FlashBuilder& FlashBuilder::fcb(std::size_t off, std::uint8_t sample_src, std::uint8_t clk_index,
                                std::uint32_t a1_size, std::uint32_t lut0, std::uint32_t lut1,
                                std::uint8_t pad_type) {
  std::fill(bytes.begin() + static_cast<std::ptrdiff_t>(off),
            bytes.begin() + static_cast<std::ptrdiff_t>(off + 512), 0);
  put32(bytes, off + 0x000, 0x42464346);  // "FCFB"
  put32(bytes, off + 0x004, 0x56010400);
  bytes[off + 0x00C] = sample_src;
  bytes[off + 0x00D] = 3;
  bytes[off + 0x00E] = 3;
  bytes[off + 0x044] = 1;  // serial NOR
  bytes[off + 0x045] = pad_type;
  bytes[off + 0x046] = clk_index;
  put32(bytes, off + 0x050, a1_size);
  put32(bytes, off + 0x080, lut0);
  put32(bytes, off + 0x084, lut1);
  put32(bytes, off + 0x1C0, 256);
  put32(bytes, off + 0x1C4, 4096);
  put32(bytes, off + 0x1D0, 65536);
  return *this;
}

FlashBuilder& FlashBuilder::ivt(std::size_t off, std::uint32_t entry, std::uint32_t self,
                                std::uint32_t bd_start, std::uint32_t bd_size, std::uint32_t dcd,
                                std::uint32_t csf) {
  put32(bytes, off + 0x00, 0x412000D1);
  put32(bytes, off + 0x04, entry);
  put32(bytes, off + 0x08, 0);
  put32(bytes, off + 0x0C, dcd);
  put32(bytes, off + 0x10, self + 0x20);
  put32(bytes, off + 0x14, self);
  put32(bytes, off + 0x18, csf);
  put32(bytes, off + 0x1C, 0);
  put32(bytes, off + 0x20, bd_start);
  put32(bytes, off + 0x24, bd_size);
  put32(bytes, off + 0x28, 0);
  put32(bytes, off + 0x2C, 0xFFFFFFFF);
  return *this;
}

FlashBuilder& FlashBuilder::vectors(std::size_t off, std::uint32_t sp, std::uint32_t reset) {
  put32(bytes, off, sp);
  put32(bytes, off + 4, reset);
  return *this;
}

image::InspectReport inspect_bytes(const std::vector<std::uint8_t>& bytes, const std::string& chip,
                                   std::optional<std::uint64_t> offset) {
  image::LoadedFile f = image::load_bytes("synthetic.bin", bytes);
  image::InspectOptions o;
  if (!chip.empty()) o.chip = chip;
  o.offset = offset;
  return image::inspect(f, o, chips::ChipCatalog::builtin());
}

bool has_finding(const image::InspectReport& r, const std::string& id) {
  for (const auto& f : r.findings) {
    if (f.id == id) return true;
  }
  return false;
}

std::optional<image::Severity> severity_of(const image::InspectReport& r, const std::string& id) {
  for (const auto& f : r.findings) {
    if (f.id == id) return f.severity;
  }
  return std::nullopt;
}

std::string finding_text(const image::InspectReport& r, const std::string& id) {
  for (const auto& f : r.findings) {
    if (f.id == id) return f.message;
  }
  return "";
}

CommandRun run_command(const std::string& command) {
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  while (p && std::fgets(buf.data(), static_cast<int>(buf.size()), p))
    out += buf.data();
  const int st = p ? pclose(p) : -1;
  return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, out};
}

}  // namespace xipsim::test
