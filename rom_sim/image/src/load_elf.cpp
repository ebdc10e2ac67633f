// ELF32 loader: every PT_LOAD with file bytes is placed at its physical address (p_paddr),
// which is where a programmer writes it (the load address, not the run address).
#include <fmt/format.h>
#include <gelf.h>
#include <libelf.h>

#include <memory>

#include "loaders.h"
#include "segment_builder.h"
#include "xipsim/core/errors.h"

namespace xipsim::image::detail {

LoadedFile load_elf(const std::string& name, const std::vector<std::uint8_t>& bytes) {
  auto fail = [&](const std::string& what) -> void { throw InputError(at_line(name, 0, what)); };
  if (elf_version(EV_CURRENT) == EV_NONE) fail("libelf initialisation failed");
  // elf_memory wants a mutable buffer; it does not write to it for ELF_C_READ_MMAP-like reads.
  std::vector<char> buf(bytes.begin(), bytes.end());
  std::unique_ptr<Elf, decltype(&elf_end)> elf(elf_memory(buf.data(), buf.size()), &elf_end);
  if (!elf || elf_kind(elf.get()) != ELF_K_ELF) fail("not a valid ELF file");
  if (gelf_getclass(elf.get()) != ELFCLASS32) {
    fail("ELF64 file: i.MX RT boot images are 32-bit ELF (ELFCLASS32) files");
  }
  Elf32_Ehdr* eh = elf32_getehdr(elf.get());
  if (!eh) fail(fmt::format("cannot read the ELF header: {}", elf_errmsg(-1)));
  LoadedFile f;
  f.format = Format::kElf;
  f.has_addresses = true;
  f.entry = eh->e_entry;
  if (eh->e_machine != EM_ARM)
    f.notes.push_back(fmt::format("ELF machine is {} (not ARM)", eh->e_machine));
  std::size_t nph = 0;
  if (elf_getphdrnum(elf.get(), &nph) != 0) fail("cannot read the program header count");
  Elf32_Phdr* ph = elf32_getphdr(elf.get());
  if (nph > 0 && !ph) fail(fmt::format("cannot read the program headers: {}", elf_errmsg(-1)));
  SegmentBuilder segs(name);
  std::size_t loads = 0;
  for (std::size_t i = 0; i < nph; ++i) {
    const Elf32_Phdr& p = ph[i];
    if (p.p_type != PT_LOAD || p.p_filesz == 0) continue;
    if (static_cast<std::uint64_t>(p.p_offset) + p.p_filesz > bytes.size()) {
      fail(fmt::format(
          "program header {} points past the end of the file (offset {:#x} + size {:#x} > {:#x})",
          i, p.p_offset, p.p_filesz, bytes.size()));
    }
    segs.add(p.p_paddr, bytes.data() + p.p_offset, p.p_filesz, 0,
             fmt::format("PT_LOAD {} (paddr {:#010x})", i, p.p_paddr));
    ++loads;
  }
  if (loads == 0) fail("ELF file has no PT_LOAD segment with file contents");
  f.segments = segs.finish();
  return f;
}

}  // namespace xipsim::image::detail
