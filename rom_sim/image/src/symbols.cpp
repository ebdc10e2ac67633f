#include "xipsim/image/symbols.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <memory>

#include "xipsim/core/errors.h"

namespace xipsim::image {

SymbolTable::SymbolTable(std::string source, std::vector<Symbol> symbols)
    : source_(std::move(source)), symbols_(std::move(symbols)) {
  std::stable_sort(symbols_.begin(), symbols_.end(),
                   [](const Symbol& a, const Symbol& b) { return a.address < b.address; });
}

std::optional<std::uint32_t> SymbolTable::find(const std::string& name) const {
  for (const Symbol& s : symbols_)
    if (s.name == name) return s.address;
  return std::nullopt;
}

std::string SymbolTable::describe(std::uint32_t address) const {
  const Symbol* best = nullptr;
  for (const Symbol& s : symbols_) {
    if (s.address > address) break;
    const bool inside = address < s.address + std::max<std::uint32_t>(s.size, 1);
    if (inside && (!best || s.function || !best->function)) best = &s;
  }
  if (!best) return "";
  return address == best->address ? best->name
                                  : fmt::format("{}+0x{:X}", best->name, address - best->address);
}

bool is_elf_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && magic[0] == 0x7F && magic[1] == 'E' && magic[2] == 'L' &&
         magic[3] == 'F';
}

namespace {
std::vector<Symbol> read_symtab(Elf* elf) {
  std::vector<Symbol> out;
  for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn; scn = elf_nextscn(elf, scn)) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    const std::size_t n = data ? sh.sh_size / sh.sh_entsize : 0;
    for (std::size_t i = 0; i < n; ++i) {
      GElf_Sym sym;
      if (!gelf_getsym(data, static_cast<int>(i), &sym)) continue;
      const int type = GELF_ST_TYPE(sym.st_info);
      if ((type != STT_FUNC && type != STT_OBJECT) || sym.st_shndx == SHN_UNDEF) continue;
      const char* name = elf_strptr(elf, sh.sh_link, sym.st_name);
      if (!name || !*name) continue;
      const bool function = type == STT_FUNC;
      out.push_back({name, static_cast<std::uint32_t>(sym.st_value) & (function ? ~1u : ~0u),
                     static_cast<std::uint32_t>(sym.st_size), function});
    }
  }
  return out;
}
}  // namespace

SymbolTable load_symbols(const std::string& path) {
  if (elf_version(EV_CURRENT) == EV_NONE) throw InputError("libelf initialisation failed");
  if (!is_elf_file(path))
    throw InputError(
        fmt::format("{}: not an ELF file (symbols come from the ELF the build "
                    "produced)",
                    path));
  const int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) throw InputError(fmt::format("{}: cannot open the file", path));
  std::unique_ptr<Elf, decltype(&elf_end)> elf(elf_begin(fd, ELF_C_READ, nullptr), &elf_end);
  if (!elf || elf_kind(elf.get()) != ELF_K_ELF) {
    close(fd);
    throw InputError(fmt::format("{}: not a valid ELF file: {}", path, elf_errmsg(-1)));
  }
  std::vector<Symbol> symbols = read_symtab(elf.get());
  elf.reset();
  close(fd);
  return SymbolTable(path, std::move(symbols));
}

}  // namespace xipsim::image
