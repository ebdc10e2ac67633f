#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "xipsim/core/errors.h"
#include "xipsim/core/yaml_reader.h"
#include "xipsim/host/flashloader.h"

namespace xipsim::host {

const std::vector<std::string>& blhost_commands() {
  static const std::vector<std::string> kNames = {
      "configure-memory", "flash-erase-region", "flash-erase-all", "write-memory",
      "read-memory",      "fill-memory",        "get-property"};
  return kNames;
}

namespace {

// The words of a blhost command line; a {{hex bytes}} group becomes the word "{{}}" and its bytes
// go to `data`.
std::vector<std::string> split_words(const std::string& line, std::vector<std::uint8_t>& data) {
  std::size_t i = 0;
  auto skip = [&] {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
      ++i;
  };
  std::vector<std::string> words;
  for (skip(); i < line.size(); skip()) {
    if (line.compare(i, 2, "{{") == 0) {
      const std::size_t end = line.find("}}", i);
      if (end == std::string::npos)
        throw InputError(fmt::format("blhost command '{}': '{{{{' without '}}}}'", line));
      std::istringstream hex(line.substr(i + 2, end - i - 2));
      std::string byte;
      while (hex >> byte) {
        const auto v = parse_unsigned("0x" + byte);
        if (!v || *v > 0xFF || byte.size() > 2)
          throw InputError(fmt::format("blhost command '{}': '{}' in {{{{...}}}} is not a hex byte",
                                       line, byte));
        data.push_back(static_cast<std::uint8_t>(*v));
      }
      words.push_back("{{}}");
      i = end + 2;
      continue;
    }
    const std::size_t start = i;
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])))
      ++i;
    words.push_back(line.substr(start, i - start));
  }
  return words;
}

// Argument counts and which arguments must be numbers (blhost's own syntax).
void check_arguments(const BlhostCommand& c, const std::string& line) {
  struct Shape {
    const char* name;
    std::size_t min, max;
    unsigned numeric;  // bit i: argument i is a number
    const char* usage;
  };
  static constexpr Shape kShapes[] = {
      {"configure-memory", 2, 2, 0b11, "configure-memory <memory_id> <address>"},
      {"flash-erase-region", 2, 3, 0b111, "flash-erase-region <address> <byte_count> [memory_id]"},
      {"flash-erase-all", 0, 1, 0b1, "flash-erase-all [memory_id]"},
      {"write-memory", 2, 3, 0b101, "write-memory <address> <file[,byte_count]> | {{hex bytes}}"},
      {"read-memory", 2, 3, 0b111, "read-memory <address> <byte_count> [memory_id]"},
      {"fill-memory", 3, 4, 0b111,
       "fill-memory <address> <byte_count> <pattern> [word|short|byte]"},
      {"get-property", 1, 2, 0b11, "get-property <tag> [memory_id]"},
  };
  for (const Shape& sh : kShapes) {
    if (c.name != sh.name) continue;
    if (c.args.size() < sh.min || c.args.size() > sh.max)
      throw InputError(fmt::format("blhost command '{}': expected {}", line, sh.usage));
    for (std::size_t a = 0; a < c.args.size(); ++a)
      if ((sh.numeric >> a & 1u) && !parse_unsigned(c.args[a]))
        throw InputError(fmt::format("blhost command '{}': argument '{}' must be a number ({})",
                                     line, c.args[a], sh.usage));
  }
  if (c.name == "fill-memory" && c.args.size() == 4 && c.args[3] != "word" &&
      c.args[3] != "short" && c.args[3] != "byte")
    throw InputError(
        fmt::format("blhost command '{}': the unit must be word, short or byte", line));
}

}  // namespace

BlhostCommand parse_blhost(const std::string& line) {
  BlhostCommand c;
  c.text = line;
  const std::vector<std::string> words = split_words(line, c.data);
  if (words.empty()) throw InputError("empty blhost command");
  c.name = words.front();
  c.args.assign(words.begin() + 1, words.end());
  const auto& known = blhost_commands();
  if (std::find(known.begin(), known.end(), c.name) == known.end()) {
    const std::string near = closest_match(c.name, known);
    throw InputError(
        fmt::format("blhost command '{}' is not modelled{}; known: "
                    "configure-memory, flash-erase-region, write-memory, "
                    "read-memory, fill-memory, get-property",
                    c.name, near.empty() ? "" : " (did you mean '" + near + "'?)"));
  }
  check_arguments(c, line);
  return c;
}

std::uint64_t blhost_number(const std::string& text) {
  return parse_unsigned(text).value_or(0);
}

}  // namespace xipsim::host
