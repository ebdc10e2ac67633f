// A serial NOR part as read from flash_models/parts/<PART>.yaml (and the family files it
// builds on): identity, geometry, registers, command table, mode rules, timing, SFDP.
// The device state machine (nor_device.h) is generic; everything vendor-specific is here.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xipsim/core/serial_frame.h"

namespace xipsim::flash {

// A bit field of a named register: "SR2[1]", "RR[6:3]".
struct FieldRef {
  int reg = -1;  // index into PartSpec::registers; -1 = the part has no such field
  std::uint8_t lsb = 0;
  std::uint8_t width = 0;
  bool valid() const { return reg >= 0; }
  std::uint32_t mask() const { return ((1u << width) - 1u) << lsb; }
};

enum class RegisterStorage : std::uint8_t {
  kVolatile,     // power-on value = factory value
  kNonVolatile,  // a non-volatile copy loaded into the working copy at power-on and reset
};

struct RegisterSpec {
  std::string name;
  unsigned bytes = 1;          // transferred MSB-first byte order as the part sends it
  std::uint32_t factory = 0;   // non-volatile value as shipped (volatile: power-on value)
  std::uint32_t writable = 0;  // bits a register write may change
  RegisterStorage storage = RegisterStorage::kNonVolatile;
  // Address-mapped configuration registers (Macronix octal CR2): the 32-bit address the
  // read_config / write_config commands select it with.
  std::optional<std::uint32_t> config_address;
};

// Bits with a meaning the device acts on. Unset fields mean the part has no such bit.
struct StatusBits {
  FieldRef wip, wel, qe, srp, bp, tb, sec, cmp, sus;
  FieldRef four_byte;      // mirrors the 4-byte addressing mode (ISSI BAR[7], MX CR[5], ...)
  FieldRef ready;          // Micron FSR[7]: 1 = ready (inverse of WIP)
  FieldRef program_error;  // latched until cleared (Micron FSR[4])
  FieldRef erase_error;    // (Micron FSR[5])
  FieldRef protect_error;  // (Micron FSR[1])
  FieldRef upper_address;  // extended/bank address bits above A23 for 3-byte commands
};

enum class CommandKind : std::uint8_t {
  kRead,                 // array read
  kReadSfdp,             // SFDP space
  kReadId,               // JEDEC ID
  kReadRegister,         // one or more registers, repeated while clocked
  kWriteRegister,        // one or more registers, needs WEL (or volatile write enable)
  kWriteEnable,          // 06h
  kWriteDisable,         // 04h
  kVolatileWriteEnable,  // Winbond 50h: next status write goes to the volatile copy
  kProgram,              // page program
  kErase,                // sector/block erase
  kEraseChip,            // 60h/C7h
  kResetEnable,          // 66h
  kReset,                // 99h after 66h
  kPowerDown,            // B9h
  kReleasePowerDown,     // ABh
  kEnter4Byte,           // B7h
  kExit4Byte,            // E9h (ISSI 29h)
  kEnterQpi,             // 35h/38h
  kExitQpi,              // F5h/FFh
  kSuspend,              // 75h/B0h
  kResume,               // 7Ah/30h
  kClearFlagStatus,      // Micron 50h
  kReadConfig,           // Macronix 71h: an address-mapped configuration register (CR2)
  kWriteConfig,          // Macronix 72h: needs WEL, takes effect at CS high
};

// Octal (OPI) commands: which transfer rate a command is decoded in.
enum class OpiRate : std::uint8_t { kAny, kStr, kDtr };

// Where the address width comes from.
enum class AddressMode : std::uint8_t { kNone, kCurrent, kThreeByte, kFourByte };

// Dummy cycles of a read: a fixed count, or a register field indexing a table.
struct DummyRule {
  unsigned fixed = 0;
  FieldRef field;
  std::vector<std::uint8_t> table;  // cycles per field value
};

struct CommandSpec {
  std::uint8_t opcode = 0;
  CommandKind kind = CommandKind::kWriteEnable;
  std::uint8_t cmd_pads = 1, addr_pads = 1, data_pads = 1;  // "1-4-4"
  AddressMode address = AddressMode::kNone;
  DummyRule dummy;           // all cycles between the address and the first data bit
  unsigned mode_cycles = 0;  // the first cycles of the dummy window carry mode bits
  bool continuous = false;   // the mode bits may keep the part in continuous-read mode
  bool needs_wren = false;
  bool volatile_write = false;      // register write to the volatile copy only
  bool short_write_clears = false;  // fewer bytes than registers: the rest -> 0
  OpiRate rate = OpiRate::kAny;     // octal commands: STR only, DTR only or both
  std::vector<int> registers;       // register read/write targets
  std::uint32_t erase_bytes = 0;    // kErase
  int timing = -1;                  // index into PartSpec::timings (busy time)
  std::string source_line;          // "file:line" the entry came from
};

// Rule deciding, from the mode bits, whether the part stays in continuous-read mode.
enum class ContinuousRule : std::uint8_t {
  kNone,
  kM54Is10,            // Winbond/GigaDevice/Adesto: M5-4 = 10b
  kM74IsA,             // ISSI: M7-4 = 1010b (Axh)
  kComplementNibbles,  // Macronix performance enhance: M7-4 = ~M3-0
  kXipBit,             // Micron: XIP confirmation bit (DQ0 in the first dummy cycle) = 0
};

// What a quad command does while QE is clear.
enum class QeClearBehaviour : std::uint8_t {
  kIgnored,  // the part does not decode quad commands: it drives nothing
};

// What a soft reset (66h/99h) or the reset pin returns to its power-on state.
struct ResetScope {
  bool qpi = true, four_byte = true, continuous = true, volatile_registers = true;
};

struct Timing {
  std::string name;  // page_program, erase_4k, erase_32k, erase_64k, erase_chip, write_status
  Picoseconds typ = 0, max = 0;
};

struct ProtectionSpec {
  std::uint32_t unit_bytes = 0;  // protected size at BP = 1; doubles per step
  unsigned all_at = 0;           // BP value (and above) protecting the whole array
  std::uint32_t sec_unit_bytes = 4096;
  std::uint32_t sec_max_bytes = 32768;
};

struct SfdpSpec {
  enum class Revision : std::uint8_t {
    kJesd216,
    kJesd216A,
    kJesd216B
  } revision = Revision::kJesd216B;
  unsigned qer = 0;               // BFPT DWORD15[22:20]
  bool three_byte_only = false;   // advertise 3-byte-only addressing (IS25LP256 quirk)
  std::vector<std::uint8_t> raw;  // when set, served as-is instead of generating
};

// How the part talks on the bus.
enum class Protocol : std::uint8_t {
  kSpi,       // serial NOR: opcode, address, mode, dummy, data (SPI/QPI, SDR)
  kHyperBus,  // HyperFlash: 8-pad DDR command-address words, CFI-style command cycles, RWDS strobe
};

// HyperBus parts (Protocol::kHyperBus).
struct HyperBusSpec {
  unsigned read_latency_clocks = 0;  // clocks from the end of command-address to the first data
  std::uint32_t sector_bytes = 0;    // uniform erase sector
  std::uint32_t buffer_bytes = 0;    // write buffer (one buffer program at most this much)
};

// Octal parts that power up in SPI and switch to OPI by a configuration register (Macronix
// MX25UM: CR2 at address 0, 1 = STR 8S-8S-8S, 2 = DTR 8D-8D-8D).
struct OctalSpec {
  FieldRef mode;                      // the field selecting the bus mode; invalid = no octal mode
  std::uint32_t str_value = 1;        // mode value selecting STR OPI
  std::uint32_t dtr_value = 2;        // mode value selecting DTR OPI
  bool dtr_registers_repeat = false;  // in DTR, register and ID bytes are held for a whole clock
  bool valid() const { return mode.valid(); }
};

struct PartSpec {
  std::string name;
  Protocol protocol = Protocol::kSpi;
  HyperBusSpec hyperbus;
  OctalSpec octal;
  std::string vendor;
  std::string file;  // the part file
  std::vector<std::uint8_t> jedec_id;
  std::uint64_t size_bytes = 0;
  std::uint32_t page_bytes = 256;
  double max_sclk_mhz = 0;
  std::vector<RegisterSpec> registers;
  StatusBits bits;
  // power-on copies between fields: VCR[7:4] <- NVCR[15:12]
  struct Copy {
    FieldRef to, from;
  };
  std::vector<Copy> power_on_copies;
  QeClearBehaviour qe_clear = QeClearBehaviour::kIgnored;
  unsigned power_on_address_bytes = 3;
  FieldRef four_byte_at_power_on;  // with four_byte_when: the field value selecting 4-byte
  std::uint32_t four_byte_when = 0;
  ContinuousRule continuous = ContinuousRule::kNone;
  FieldRef xip_enable;  // Micron: the field enabling XIP (active low VCR[3])
  ResetScope soft_reset;
  std::vector<CommandKind> busy_accepts;
  std::vector<CommandSpec> commands;
  std::array<std::int16_t, 256> spi_index{}, qpi_index{}, opi_index{};  // opcode -> index or -1
  std::vector<Timing> timings;
  Picoseconds tclqv = 0, tclqx = 0;
  Picoseconds reset_recovery = 0;
  ProtectionSpec protection;
  SfdpSpec sfdp;
  std::vector<std::string> unconfirmed;  // dotted keys whose values are not confirmed

  const CommandSpec* lookup(std::uint8_t opcode, bool qpi) const {
    const std::int16_t i = qpi ? qpi_index[opcode] : spi_index[opcode];
    return i < 0 ? nullptr : &commands[static_cast<std::size_t>(i)];
  }
  const CommandSpec* lookup_opi(std::uint8_t opcode) const {
    const std::int16_t i = opi_index[opcode];
    return i < 0 ? nullptr : &commands[static_cast<std::size_t>(i)];
  }
  const CommandSpec* find_kind(CommandKind kind, bool qpi = false) const;
  int register_index(const std::string& name) const;
  // Dummy cycles of a read at the factory register values (fixed count or table entry).
  unsigned power_on_dummy(const CommandSpec& c) const;
  bool has_quad_enable() const { return bits.qe.valid(); }
};

}  // namespace xipsim::flash
