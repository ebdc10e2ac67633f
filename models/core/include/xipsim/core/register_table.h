// Memory-mapped registers declared as tables: name (as in the reference manual), offset, reset
// value and per-bit access type. A model owns a RegisterFile built from its table and applies
// software accesses through it; hardware-side updates write the values directly.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace xipsim {

// Per-bit access of one register. Bits in none of the masks are read-only: hardware status, or
// reserved bits that keep their reset value.
struct RegisterDef {
  std::string name;
  std::uint32_t offset;
  std::uint32_t reset;
  std::uint32_t rw = 0;     // read/write
  std::uint32_t w1c = 0;    // write 1 to clear
  std::uint32_t sc = 0;     // self-clearing trigger: write 1 to act, reads back 0 once done
  bool write_only = false;  // reads return 0 (data windows such as TFDR)
};

// A software write of `data` to a register holding `value`, with the definition's access rules:
// rw bits take the data, w1c bits written 1 clear, sc bits are not stored. Returns the new value;
// `triggers` (if given) receives the sc bits written as 1. Every memory-mapped block applies its
// writes through this one rule (RegisterFile below, soc::RegisterBlock).
std::uint32_t apply_write(const RegisterDef& def, std::uint32_t value, std::uint32_t data,
                          std::uint32_t* triggers = nullptr);

class RegisterFile {
 public:
  // `span` is the size of the register block in bytes; offsets outside every definition are
  // reserved.
  RegisterFile(std::vector<RegisterDef> defs, std::uint32_t span);

  void reset();
  const RegisterDef* find(std::uint32_t offset) const;
  const std::vector<RegisterDef>& defs() const { return defs_; }

  // Current value as hardware holds it (no access rules applied).
  std::uint32_t& at(std::uint32_t offset) { return values_[offset / 4]; }
  std::uint32_t at(std::uint32_t offset) const { return values_[offset / 4]; }
  // Consecutive register values from `offset` (a table such as a LUT).
  const std::uint32_t* words(std::uint32_t offset) const { return &values_[offset / 4]; }

  // A software write with the access rules applied. Returns the trigger bits written as 1 (sc
  // mask); those bits are not stored, since self-clearing actions complete inside the model.
  std::uint32_t write(const RegisterDef& def, std::uint32_t data);
  // A software read: the stored value, or 0 for write-only registers.
  std::uint32_t read(const RegisterDef& def) const {
    return def.write_only ? 0 : values_[def.offset / 4];
  }

 private:
  std::vector<RegisterDef> defs_;
  std::vector<int> index_;  // offset/4 -> definition index, -1 reserved
  std::vector<std::uint32_t> values_;
};

// A multi-bit register field, declared once by its reference-manual name (e.g.
// `constexpr Field FLSHCR1_TCSH{5, 5}`) and used by name: get(cr1, FLSHCR1_TCSH).
struct Field {
  unsigned lsb = 0, width = 1;
  constexpr std::uint32_t mask() const {
    return static_cast<std::uint32_t>(((width >= 32) ? 0xFFFFFFFFull : ((1ull << width) - 1))
                                      << lsb);
  }
};
constexpr std::uint32_t get(std::uint32_t reg, Field f) {
  return (reg & f.mask()) >> f.lsb;
}
// `value` placed in the field (bits outside the field are dropped): for building a register.
constexpr std::uint32_t put(Field f, std::uint32_t value) {
  return (value << f.lsb) & f.mask();
}
// `reg` with the field replaced by `value`.
constexpr std::uint32_t with(std::uint32_t reg, Field f, std::uint32_t value) {
  return (reg & ~f.mask()) | put(f, value);
}

}  // namespace xipsim
