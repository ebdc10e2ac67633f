// Text forms of the boot inputs, shared by the command line and the scenario loader: each caller
// names its option or field (`what`) for the error.
#include "xipsim/boot/boot_args.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include <map>

#include "xipsim/core/duration.h"
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

namespace {
// \r \n \t \\ and \xNN; anything else after a backslash is an error naming `what`.
std::string unescape(const std::string& text, const std::string& what, const std::string& whole) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    const char c = i + 1 < text.size() ? text[++i] : '\0';
    const auto hex = [&](std::size_t at) {
      return at < text.size() && std::isxdigit(static_cast<unsigned char>(text[at]));
    };
    if (c == 'r' || c == 'n' || c == 't' || c == '\\') {
      out += c == 'r' ? '\r' : c == 'n' ? '\n' : c == 't' ? '\t' : '\\';
    } else if (c == 'x' && hex(i + 1) && hex(i + 2)) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      throw InputError(
          fmt::format("{} '{}': unknown escape at character {} of the text (expected \\r, "
                      "\\n, \\t, \\\\ or \\xNN)",
                      what, whole, i));
    }
  }
  return out;
}
}  // namespace

void parse_console_input(const std::string& text, const std::string& what, RunRequest& run) {
  const auto colon = text.find(':');
  const std::optional<Picoseconds> at =
      colon == std::string::npos ? std::nullopt : parse_duration(text.substr(0, colon));
  if (!at)
    throw InputError(
        fmt::format("{} '{}': expected AT:TEXT, AT a time into the run such as 20ms", what, text));
  const std::string bytes = unescape(text.substr(colon + 1), what, text);
  if (bytes.empty())
    throw InputError(fmt::format("{} '{}': the text after the colon is empty", what, text));
  run.console_input.push_back(ConsoleInput{*at, bytes});
}

}  // namespace xipsim::boot
