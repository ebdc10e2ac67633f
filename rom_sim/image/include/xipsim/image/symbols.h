// The function and object symbols of an application's ELF file (.symtab), for narration and for
// stopping a run at a function: "reached main", "a bus fault at 0x6000_4012 (main+0x12)".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xipsim::image {

struct Symbol {
  std::string name;
  std::uint32_t address = 0;  // functions without the Thumb bit
  std::uint32_t size = 0;
  bool function = false;
};

class SymbolTable {
 public:
  SymbolTable() = default;
  explicit SymbolTable(std::string source, std::vector<Symbol> symbols);
  const std::string& source() const { return source_; }  // the ELF file they came from
  bool empty() const { return symbols_.empty(); }
  std::size_t size() const { return symbols_.size(); }
  std::optional<std::uint32_t> find(const std::string& name) const;  // the first of that name
  // "main+0x12" for an address inside a symbol (or at it: "main"); "" when none holds it.
  std::string describe(std::uint32_t address) const;

 private:
  std::string source_;
  std::vector<Symbol> symbols_;  // by address
};

// The symbols of the ELF file at `path`. Throws InputError when it is not an ELF file or cannot
// be read; an ELF without .symtab gives an empty table.
SymbolTable load_symbols(const std::string& path);
// True when the file starts with the ELF magic (no error when it does not exist: false).
bool is_elf_file(const std::string& path);

}  // namespace xipsim::image
