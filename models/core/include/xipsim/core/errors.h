// Error types shared by every xipsim component.
#pragma once

#include <stdexcept>
#include <string>

namespace xipsim {

// Bad user input (a file, a YAML field, a command-line value). The message is complete and
// ready to print: it names the file (and line or field where known) and what was expected.
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

// Formats "file:line: message" (line 0 omitted) for loaders that report positions.
std::string at_line(const std::string& file, std::size_t line, const std::string& message);

}  // namespace xipsim
