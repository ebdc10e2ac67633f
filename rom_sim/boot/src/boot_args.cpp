// Text forms of the boot inputs, shared by the command line and the scenario loader: each caller
// names its option or field (`what`) for the error.
#include "xipsim/boot/boot_args.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include <map>

#include "xipsim/core/errors.h"
#include "xipsim/core/names.h"
#include "xipsim/core/yaml_reader.h"

namespace xipsim::boot {

namespace {
constexpr const char* kPortNames[4] = {"A1", "A2", "B1", "B2"};
}  // namespace

const char* port_name(unsigned port) {
  return port < 4 ? kPortNames[port] : "?";
}

std::pair<std::uint32_t, std::uint32_t> parse_fuse(const std::string& text,
                                                   const std::string& what) {
  const auto eq = text.find('=');
  if (eq == std::string::npos)
    throw InputError(fmt::format("{} '{}': expected NAME=VALUE (e.g. 0x460=0x10)", what, text));
  const std::string name = text.substr(0, eq);
  static const std::map<std::string, std::uint32_t> kNames = {
      {"BOOT_CFG0", 0x450}, {"BOOT_CFG1", 0x460}, {"MISC_CONF0", 0x6D0}, {"MISC_CONF1", 0x6E0}};
  std::uint32_t word = 0;
  if (const auto it = kNames.find(name); it != kNames.end()) {
    word = it->second;
  } else if (const auto v = parse_unsigned(name);
             v && *v >= 0x400 && *v <= 0xFF0 && *v % 0x10 == 0) {
    word = static_cast<std::uint32_t>(*v);
  } else {
    throw InputError(
        fmt::format("{} '{}': '{}' is not a fuse word (0x400..0xFF0, multiple of "
                    "0x10) or one of BOOT_CFG0, BOOT_CFG1, MISC_CONF0, MISC_CONF1",
                    what, text, name));
  }
  const auto value = parse_unsigned(text.substr(eq + 1));
  if (!value || *value > 0xFFFFFFFFull)
    throw InputError(fmt::format("{} '{}': the value must be a 32-bit number", what, text));
  return {word, static_cast<std::uint32_t>(*value)};
}

FlashArg parse_flash_arg(const std::string& text, const std::string& what) {
  FlashArg f;
  const auto at = text.find('@');
  f.part = text.substr(0, at);
  if (at == std::string::npos) return f;
  std::string where = text.substr(at + 1);
  const auto colon = where.find(':');
  if (colon != std::string::npos) {
    f.instance = where.substr(0, colon);
    where = where.substr(colon + 1);
  }
  for (unsigned p = 0; p < 4; ++p)
    if (same_name(where, kPortNames[p])) {
      f.port = p;
      return f;
    }
  throw InputError(
      fmt::format("{} '{}': expected PART, PART@PORT or PART@INSTANCE:PORT with "
                  "PORT one of A1, A2, B1, B2",
                  what, text));
}

unsigned parse_boot_mode(const std::string& text, const std::string& what) {
  static const unsigned kPins[] = {2, 0, 1};
  return kPins[choose_name(what, text, {"internal", "fuses", "serial"})];
}

void parse_run_until(const std::string& text, const std::string& what, RunRequest& run) {
  if (text.rfind("uart:", 0) == 0) {
    run.until_uart = text.substr(5);
    if (run.until_uart.empty())
      throw InputError(fmt::format("{} '{}': the console text after uart: is empty", what, text));
    return;
  }
  const bool identifier =
      !text.empty() && (std::isalpha(static_cast<unsigned char>(text[0])) || text[0] == '_') &&
      std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '$';
      });
  if (identifier) {
    run.until_symbol = text;
    return;
  }
  const auto a = parse_unsigned(text);
  if (!a || *a > 0xFFFFFFFFull)
    throw InputError(fmt::format(
        "{} '{}': expected a code address (0x...), a function name or uart:TEXT", what, text));
  run.until = static_cast<std::uint32_t>(*a) & ~1u;
}

}  // namespace xipsim::boot
