// One JSON style for every command (docs/schema/README.md): snake_case keys, numbers as JSON
// numbers, every address also as a "<key>_hex" string for the person reading it, null for what
// is absent. The decoded FCB is written here once for `inspect` and `boot`.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "xipsim/chips/chip_profile.h"
#include "xipsim/image/fcb.h"
#include "xipsim/image/hab.h"

namespace xipsim::tools {

using Json = nlohmann::ordered_json;

std::string hex_text(std::uint64_t v);  // "0x60002000" (at least 8 digits)
// obj[key] = v, obj[key + "_hex"] = hex_text(v); both null when v is absent.
void put_address(Json& obj, const std::string& key, std::optional<std::uint64_t> v);
Json text_or_null(const std::string& s);  // null for ""
// {begin, begin_hex, end, end_hex}: a [begin, end) range
Json range_json(std::uint64_t begin, std::uint64_t end);

// Every field of the FCB by its reference-manual name in snake_case; serial_clk_mhz is the
// index's frequency on `chip` (null: keeps the clock, or no chip).
Json fcb_json(const image::Fcb& f, const chips::ChipProfile* chip);
// The IVT's pointers {entry, dcd, boot_data, self, csf} (each with _hex) and boot data {start,
// size, plugin}, or null; shared by inspect and boot.
Json ivt_pointers_json(const image::Ivt& v);
Json boot_data_json(const std::optional<image::BootData>& bd);

}  // namespace xipsim::tools
