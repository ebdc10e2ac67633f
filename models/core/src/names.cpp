#include "xipsim/core/names.h"

#include <fmt/format.h>

#include <cctype>

#include "xipsim/core/errors.h"
#include "xipsim/core/yaml_reader.h"

namespace xipsim {

std::string lowercase(std::string text) {
  for (char& c : text)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool same_name(const std::string& a, const std::string& b) {
  return lowercase(a) == lowercase(b);
}

std::optional<std::size_t> find_name(const std::string& word,
                                     const std::vector<std::string>& choices) {
  for (std::size_t i = 0; i < choices.size(); ++i)
    if (same_name(word, choices[i])) return i;
  return std::nullopt;
}

std::string either_of(const std::vector<std::string>& choices) {
  std::string s;
  for (std::size_t i = 0; i < choices.size(); ++i)
    s += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
  return s;
}

std::size_t choose_name(const std::string& what, const std::string& word,
                        const std::vector<std::string>& choices) {
  if (const auto i = find_name(word, choices)) return *i;
  const std::string near = closest_match(word, choices);
  throw InputError(fmt::format("{} '{}': expected {}{}", what, word, either_of(choices),
                               near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near)));
}

}  // namespace xipsim
