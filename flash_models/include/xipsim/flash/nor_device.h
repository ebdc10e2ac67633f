// A behavioural serial NOR device that consumes serial frames cycle by cycle, as silicon does.
//
// Within one chip-select window the device is an explicit state machine:
//   kCommand -> kAddress -> kMode -> kDummy -> kDataOut | kDataIn,  or kIgnore
// It listens on the lines of its current protocol (IO0 in SPI, IO0..3 in QPI), takes the
// address width of its own addressing mode, counts its own configured dummy cycles and drives
// data from the cycle it would on silicon. Commands that act on CS rising (write enable, program,
// erase, register writes, mode changes) are committed when the window ends. Busy operations run
// on absolute simulated time carried by each frame's start time. See docs/flash-model.md.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "xipsim/core/random.h"
#include "xipsim/core/serial_frame.h"
#include "xipsim/core/timed_note.h"
#include "xipsim/flash/part_spec.h"
#include "xipsim/flash/sparse_array.h"

namespace xipsim::flash {

// How long program/erase/status writes take.
enum class TimingMode : std::uint8_t { kTypical, kMaximum, kJitter };

struct StuckBits {
  std::uint64_t address = 0;
  std::uint8_t mask = 0;   // bits that do not follow the array
  std::uint8_t value = 0;  // what those bits read
};

struct DeviceOptions {
  TimingMode timing = TimingMode::kTypical;
  std::uint64_t seed = 1;  // jitter and power-loss partial results
};

// "SPI (1-pad)", "STR OPI (8S-8S-8S)" or "DTR OPI (8D-8D-8D)": the bus mode an octal part decodes.
const char* bus_mode_name(std::optional<OpiRate> rate);

class NorDevice {
 public:
  explicit NorDevice(std::shared_ptr<const PartSpec> part, DeviceOptions options = {});

  const PartSpec& part() const { return *part_; }

  // Supply: power_on() is a cold start (volatile state from non-volatile registers);
  // power_off() during a program or erase leaves a partial, seeded result.
  void power_on(Picoseconds t);
  void power_off(Picoseconds t);
  // The RESET# pin (or JEDEC hardware reset) pulsed at time t.
  void hardware_reset(Picoseconds t);

  // Consumes one chip-select window: reads the controller's side, fills the flash side.
  void consume(SerialFrame& frame);

  // State a test, a report or a scenario looks at.
  bool powered() const { return powered_; }
  bool qpi() const { return qpi_; }
  // Octal parts: the OPI rate the part decodes now (from its mode register), none in SPI.
  std::optional<OpiRate> opi() const;
  bool four_byte() const { return four_byte_; }
  bool continuous_read() const { return continuous_ >= 0; }
  bool deep_power_down() const { return deep_power_down_; }
  bool write_enabled() const { return wel_; }
  bool busy_at(Picoseconds t) const { return op_.active && !op_.suspended && t < op_.end; }
  std::optional<Picoseconds> busy_until() const;
  // Register values as the part would report them now (live WIP/WEL bits included).
  std::uint32_t read_register(const std::string& name, Picoseconds t) const;
  std::uint32_t nonvolatile_register(const std::string& name) const;
  // Backdoor: set a register's non-volatile and working copies (board state before power-on).
  void set_register(const std::string& name, std::uint32_t value);

  SparseArray& array() { return array_; }
  const SparseArray& array() const { return array_; }
  const std::vector<std::uint8_t>& sfdp() const { return sfdp_; }

  // Fault injection.
  void add_stuck_bits(const StuckBits& s) { stuck_.push_back(s); }
  void fail_next_program() { fail_program_ = true; }
  void fail_next_erase() { fail_erase_ = true; }

  // What the device noticed (ignored opcodes, refused writes, ...), oldest first.
  const std::vector<TimedNote>& notes() const { return notes_; }
  void clear_notes() { notes_.clear(); }
  std::uint64_t frames_consumed() const { return frames_; }

 private:
  enum class Phase : std::uint8_t {
    kCommand,
    kAddress,
    kMode,
    kDummy,
    kDataOut,
    kDataIn,
    kTrailing,  // after a command that takes no address or data: extra clocks void it
    kIgnore,
  };
  // One chip-select window's decoding state.
  struct Window {
    Phase phase = Phase::kCommand;
    const CommandSpec* cmd = nullptr;
    bool from_continuous = false;
    std::uint64_t shift = 0;
    unsigned bits = 0;       // bits collected in the current phase
    unsigned addr_bits = 0;  // address width of this command
    std::uint32_t address = 0;
    unsigned mode = 0;
    unsigned dummy_left = 0;
    bool mode_seen = false;
    bool stay_continuous = false;
    unsigned extra_bits = 0;  // bits clocked after a command that takes none
    std::uint16_t wp_level = 1;
  };
  struct Operation {
    bool active = false;
    CommandKind kind = CommandKind::kProgram;
    Picoseconds start = 0, end = 0;
    std::uint64_t address = 0, size = 0;
    std::vector<std::uint8_t> page;  // program: one page image (0xFF = untouched)
    bool fail = false;
    Picoseconds suspended_left = 0;
    bool suspended = false;
  };

  // frame decoding (nor_device.cpp)
  void start_window(Window& w, const SerialFrame& f);
  void decode_slot(Window& w, const SerialFrame& f, std::size_t i);
  void begin_command(Window& w, std::uint8_t opcode, Picoseconds t);
  bool accept_command(Window& w, const CommandSpec* c, std::uint8_t opcode, Picoseconds t,
                      const char* mode);
  void enter_address_or_next(Window& w, Picoseconds t);
  void after_address(Window& w);
  void after_mode(Window& w, Picoseconds t);
  std::size_t drive_data(Window& w, SerialFrame& f, std::size_t slot);
  std::size_t drive_array(Window& w, SerialFrame& f, std::size_t slot);
  std::size_t drive_bytes(Window& w, SerialFrame& f, std::size_t slot);
  void fill_array(const Window& w, std::size_t count);
  void fill_bytes(const Window& w, const SerialFrame& f, std::size_t slot, std::size_t count,
                  unsigned slots_per_byte);
  int config_register(std::uint32_t address) const;
  void end_window(Window& w, const SerialFrame& f);
  unsigned dummy_cycles(const CommandSpec& c) const;
  bool quad_blocked(const CommandSpec& c) const;
  std::uint32_t full_address(const Window& w) const;

  // HyperBus parts (hyperbus.cpp): command-address words, CFI-style command cycles
  enum class HyperState : std::uint8_t {
    kIdle,
    kUnlock1,
    kUnlock2,
    kErase1,
    kErase2,
    kErase3,
    kWordProgram,
    kBufferCount,
    kBufferData,
    kBufferConfirm
  };
  void consume_hyperbus(SerialFrame& f);
  void hyper_read(SerialFrame& f, std::uint64_t word, bool registers, std::size_t first);
  void hyper_write_cycle(std::uint64_t word, std::uint16_t value, Picoseconds t);
  void hyper_buffer_word(std::uint64_t word, std::uint16_t value, Picoseconds t);
  void hyper_start(CommandKind kind, std::uint64_t address, std::uint64_t size, const char* timing,
                   Picoseconds t);

  // octal parts in OPI mode (octal.cpp): opcode + extension, 4-byte address, 8-pad data
  class OpiCursor;
  void consume_opi(SerialFrame& f, OpiRate rate);
  bool opi_header(Window& w, const SerialFrame& f, OpiCursor& cur, OpiRate rate);
  void opi_drive(Window& w, SerialFrame& f, OpiCursor cur, bool dtr);

  // commands committed at CS high and busy operations (nor_operations.cpp)
  void commit(Window& w, const SerialFrame& f);
  bool wel_or_note(const CommandSpec& c, Picoseconds t);
  void commit_program(const Window& w, const CommandSpec& c, Picoseconds t);
  void commit_erase(const Window& w, const CommandSpec& c, Picoseconds t);
  void commit_bare(const CommandSpec& c, Picoseconds t);
  void suspend_or_resume(bool suspend, Picoseconds t);
  void commit_register_write(const Window& w, Picoseconds t);
  void commit_config_write(const Window& w, Picoseconds t);
  void start_operation(CommandKind kind, std::uint64_t address, std::uint64_t size,
                       const CommandSpec& cmd, Picoseconds t);
  bool is_protected(std::uint64_t address, std::uint64_t size) const;
  void settle(Picoseconds t);
  void apply_partial(Picoseconds t);
  Picoseconds duration_of(const Timing& timing);
  void soft_reset(Picoseconds t, const ResetScope& scope);
  void load_volatile_state();

  // registers (nor_registers.cpp)
  std::uint32_t field(const FieldRef& f) const;
  void set_field(const FieldRef& f, std::uint32_t v);
  std::uint32_t live_register(int index, Picoseconds t) const;
  void write_register_value(int index, std::uint32_t value, bool nonvolatile);

  void note(Picoseconds t, std::string text);

  std::shared_ptr<const PartSpec> part_;
  DeviceOptions options_;
  SparseArray array_;
  std::vector<std::uint8_t> sfdp_;
  std::vector<std::uint32_t> regs_;  // working copies
  std::vector<std::uint32_t> nv_;    // non-volatile copies
  bool powered_ = false;
  bool qpi_ = false, four_byte_ = false, wel_ = false, volatile_we_ = false;
  bool reset_armed_ = false, deep_power_down_ = false;
  int continuous_ = -1;  // commands index of the read the part continues with, -1 = none
  Operation op_;
  std::vector<StuckBits> stuck_;
  bool fail_program_ = false, fail_erase_ = false;
  std::vector<TimedNote> notes_;
  std::uint64_t frames_ = 0;
  SplitMix64 rng_;
  std::vector<std::uint8_t> scratch_;  // data-out bytes of the current window
  std::vector<std::uint8_t> data_in_;  // bytes written in the current window
  HyperState hyper_ = HyperState::kIdle;
  bool hyper_status_ = false;  // the next read returns the status register (70h)
  std::uint64_t hyper_sector_ = 0;
  unsigned hyper_words_left_ = 0;
};

}  // namespace xipsim::flash
