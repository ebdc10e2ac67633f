// Helpers shared by the line-oriented record loaders (Intel HEX, Motorola S-record).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace xipsim::image::detail {

// Splits text into lines (LF or CRLF); trailing whitespace is removed from each line.
std::vector<std::string_view> split_lines(std::string_view text);

// Decodes an even-length run of hex digits; returns false on any non-hex character.
bool decode_hex(std::string_view hex, std::vector<std::uint8_t>& out);

}  // namespace xipsim::image::detail
