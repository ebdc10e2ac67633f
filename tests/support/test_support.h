// Helpers for the tests: corpus location, temp files, building synthetic boot images byte by byte.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xipsim/image/inspect.h"

namespace xipsim::test {

std::string corpus_dir();  // ../shared/corpus (XIPSIM_CORPUS_DIR)

// A shell command's exit code and combined stdout + stderr.
struct CommandRun {
  int code;
  std::string out;
};
CommandRun run_command(const std::string& command);
std::string write_temp(const std::string& name, const std::string& content);
std::string write_temp(const std::string& name, const std::vector<std::uint8_t>& content);

void put32(std::vector<std::uint8_t>& b, std::size_t off, std::uint32_t v);    // little-endian
void put32be(std::vector<std::uint8_t>& b, std::size_t off, std::uint32_t v);  // big-endian

// A flash image (offset 0 = FlexSPI base) with the fields the tests set; all else 0xFF.
struct FlashBuilder {
  std::vector<std::uint8_t> bytes;
  explicit FlashBuilder(std::size_t size = 0x3000) : bytes(size, 0xFF) {}
  // Minimal SDK-like FCB at `off`: tag, version 0x56010400, given fields, LUT seq 0 = 4 words.
  FlashBuilder& fcb(std::size_t off, std::uint8_t sample_src, std::uint8_t clk_index,
                    std::uint32_t a1_size, std::uint32_t lut0, std::uint32_t lut1 = 0,
                    std::uint8_t pad_type = 4);
  // IVT at `off` + boot data right after it (SDK layout).
  FlashBuilder& ivt(std::size_t off, std::uint32_t entry, std::uint32_t self,
                    std::uint32_t bd_start, std::uint32_t bd_size, std::uint32_t dcd = 0,
                    std::uint32_t csf = 0);
  FlashBuilder& vectors(std::size_t off, std::uint32_t sp, std::uint32_t reset);
};

image::InspectReport inspect_bytes(const std::vector<std::uint8_t>& bytes, const std::string& chip,
                                   std::optional<std::uint64_t> offset = 0);
bool has_finding(const image::InspectReport& r, const std::string& id);
std::string finding_text(const image::InspectReport& r, const std::string& id);
// Severity of the first finding with this id (nullopt: no such finding).
std::optional<image::Severity> severity_of(const image::InspectReport& r, const std::string& id);

}  // namespace xipsim::test
