// A block of 32-bit registers behind a TLM target: 1-, 2- and 4-byte accesses on their natural
// alignment, every write recorded with its time. Subclasses give registers behaviour; the base
// class stores what was written and reads it back.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "xipsim/soc/tlm_target.h"

namespace xipsim::soc {

struct RegisterWrite {
  Picoseconds time = 0;
  std::uint64_t address = 0;  // bus address
  std::uint32_t value = 0;    // the value stored in the 32-bit register after the write
  unsigned width = 4;
};

class RegisterBlock : public SimpleTarget {
 public:
  RegisterBlock(sc_core::sc_module_name name, std::uint64_t bus_base, std::uint64_t size,
                Picoseconds latency);

  std::uint64_t bus_base() const { return bus_base_; }
  std::uint32_t word(std::uint64_t offset) const;
  void set_word(std::uint64_t offset, std::uint32_t value) { words_[offset & ~3ull] = value; }
  const std::vector<RegisterWrite>& writes() const { return writes_; }
  void clear();

 protected:
  // Hooks on whole-register values (after merging a narrow access into the word).
  virtual std::uint32_t on_read(std::uint64_t /*offset*/, std::uint32_t stored) { return stored; }
  virtual std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value,
                                 std::uint32_t new_value) {
    (void)offset, (void)old_value;
    return new_value;
  }
  virtual bool writable(std::uint64_t offset) const {
    (void)offset;
    return true;
  }

 private:
  bool read(std::uint64_t offset, std::uint8_t* data, unsigned len, Picoseconds now) override;
  bool write(std::uint64_t offset, const std::uint8_t* data, unsigned len,
             Picoseconds now) override;
  std::uint64_t bus_base_;
  std::map<std::uint64_t, std::uint32_t> words_;
  std::vector<RegisterWrite> writes_;
};

}  // namespace xipsim::soc
