// A block of 32-bit registers behind a TLM target: 1-, 2- and 4-byte accesses on their natural
// alignment, every write recorded with its time. Registers the block's table names (reference
// names, reset values, access types: core RegisterDef) follow their access rules through
// apply_write(); offsets the table does not name behave as `others` says (plain read/write words
// for register space that is not modelled but that a DCD may program, or read-only words).
// Subclasses give registers behaviour through the hooks.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "xipsim/core/register_table.h"
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
  enum class Others { kReadWrite, kReadOnly };  // offsets outside the table
  RegisterBlock(sc_core::sc_module_name name, std::uint64_t bus_base, std::uint64_t size,
                Picoseconds latency, std::vector<RegisterDef> table = {},
                Others others = Others::kReadWrite);

  std::uint64_t bus_base() const { return bus_base_; }
  std::uint32_t word(std::uint64_t offset) const;
  void set_word(std::uint64_t offset, std::uint32_t value) { words_[offset & ~3ull] = value; }
  const std::vector<RegisterWrite>& writes() const { return writes_; }
  // The register at `offset` has a model (behaviour or at least its reference definition); the
  // rest of the block only stores what is written. Default: the offsets the table names.
  virtual bool models(std::uint64_t offset) const { return table_.count(offset & ~3ull) != 0; }
  void clear();  // registers to their reset values, then on_clear()
  // Called after every software write (the platform follows registers other models depend on).
  void on_written(std::function<void(std::uint64_t offset, Picoseconds now)> listener) {
    listener_ = std::move(listener);
  }
  // Where the block reports software using it against its rules (each text once).
  void on_misuse(std::function<void(Picoseconds now, const std::string& text)> reporter) {
    misuse_ = std::move(reporter);
  }

 protected:
  virtual void on_clear() {}  // after clear(): behaviour state back to reset
  // Before a write takes the register's old value: a timer brings its state up to `now` so that
  // write-1-to-clear and read-modify-write rules apply to the current flags.
  virtual void before_write(Picoseconds /*now*/) {}
  void report_misuse(Picoseconds now, const std::string& text);
  // Hooks on whole-register values (after merging a narrow access into the word), at the
  // access's simulated time.
  virtual std::uint32_t on_read(std::uint64_t /*offset*/, std::uint32_t stored,
                                Picoseconds /*now*/) {
    return stored;
  }
  virtual std::uint32_t on_write(std::uint64_t offset, std::uint32_t old_value,
                                 std::uint32_t new_value, Picoseconds now) {
    (void)offset, (void)old_value, (void)now;
    return new_value;
  }

 private:
  bool read(std::uint64_t offset, std::uint8_t* data, unsigned len, Picoseconds now) override;
  bool write(std::uint64_t offset, const std::uint8_t* data, unsigned len,
             Picoseconds now) override;
  std::uint32_t stored_after(std::uint64_t offset, std::uint32_t old, std::uint32_t data) const;
  std::uint64_t bus_base_;
  std::map<std::uint64_t, RegisterDef> table_;
  Others others_;
  std::map<std::uint64_t, std::uint32_t> words_;
  std::vector<RegisterWrite> writes_;
  std::function<void(std::uint64_t, Picoseconds)> listener_;
  std::function<void(Picoseconds, const std::string&)> misuse_;
  std::vector<std::string> reported_;
};

}  // namespace xipsim::soc
