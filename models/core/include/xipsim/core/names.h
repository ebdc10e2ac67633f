// Names a user types (chips, parts, options, step names): matched without regard to case, with
// the closest known name suggested when nothing matches.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace xipsim {

std::string lowercase(std::string text);
bool same_name(const std::string& a, const std::string& b);  // case-insensitive equality

// Index of `word` in `choices` (case-insensitive), or nullopt.
std::optional<std::size_t> find_name(const std::string& word,
                                     const std::vector<std::string>& choices);

// Index of `word` in `choices`; otherwise throws InputError
// "WHAT 'word': expected a, b or c (did you mean 'b'?)".
std::size_t choose_name(const std::string& what, const std::string& word,
                        const std::vector<std::string>& choices);

// "a, b or c"
std::string either_of(const std::vector<std::string>& choices);

}  // namespace xipsim
