// ELF32 loader: every PT_LOAD with file bytes is placed at its physical address (p_paddr),
// which is where a programmer writes it (the load address, not the run address). A PT_LOAD whose
// file range starts or ends outside every allocated section (MCUXpresso's linker puts the ELF and
// program headers into a segment that starts at file offset 0) is cut to the bytes its sections
// hold, as `objcopy -O binary` and the IDEs' flash programmers write it.
#include <fmt/format.h>
#include <gelf.h>
#include <libelf.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "loaders.h"
#include "segment_builder.h"
#include "xipsim/core/errors.h"

namespace xipsim::image::detail {
namespace {

// File offsets [begin, end) of the allocated sections with contents.
struct FileRange {
  std::uint64_t begin, end;
};
std::vector<FileRange> allocated_section_ranges(Elf* elf) {
  std::vector<FileRange> out;
  for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn; scn = elf_nextscn(elf, scn)) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh)) continue;
    if (!(sh.sh_flags & SHF_ALLOC) || sh.sh_type == SHT_NOBITS || sh.sh_size == 0) continue;
    out.push_back({sh.sh_offset, sh.sh_offset + sh.sh_size});
  }
  return out;
}

// The part of [off, off + size) that sections cover; the whole range when no section lies in it
// (an ELF without section headers).
FileRange trimmed(std::uint64_t off, std::uint64_t size, const std::vector<FileRange>& sections) {
  FileRange r{off + size, off};
  for (const FileRange& s : sections) {
    if (s.begin < off || s.end > off + size) continue;
    r.begin = std::min(r.begin, s.begin);
    r.end = std::max(r.end, s.end);
  }
  if (r.begin >= r.end) return {off, off + size};
  return r;
}

}  // namespace

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
  const std::vector<FileRange> sections = allocated_section_ranges(elf.get());
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
    const FileRange r = trimmed(p.p_offset, p.p_filesz, sections);
    const auto paddr = static_cast<std::uint32_t>(p.p_paddr + (r.begin - p.p_offset));
    segs.add(paddr, bytes.data() + r.begin, r.end - r.begin, 0,
             fmt::format("PT_LOAD {} (paddr {:#010x})", i, paddr));
    ++loads;
  }
  if (loads == 0) fail("ELF file has no PT_LOAD segment with file contents");
  f.segments = segs.finish();
  return f;
}

}  // namespace xipsim::image::detail
