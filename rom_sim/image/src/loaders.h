// The per-format loaders behind load_file(); each throws InputError on malformed input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "xipsim/image/loaded_file.h"

namespace xipsim::image::detail {

LoadedFile load_ihex(const std::string& name, std::string_view text);
LoadedFile load_srec(const std::string& name, std::string_view text);
LoadedFile load_elf(const std::string& name, const std::vector<std::uint8_t>& bytes);
LoadedFile load_uf2(const std::string& name, const std::vector<std::uint8_t>& bytes);

}  // namespace xipsim::image::detail
