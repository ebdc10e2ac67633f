// The flashloader (MCUBoot-style, what blhost talks to) as it runs on the CPU: blhost commands by
// name with blhost's arguments, answering with the real status codes (boot-reference §9.1).
// Memory id 9 is the FlexSPI NOR behind the chip's boot FlexSPI instance. Behaviour follows the
// public flashloader's flexspi_nor_memory.c (erase verify, page-buffered writes with
// memory-mapped verify); see docs/host-software.md for what is and is not modelled.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "xipsim/chips/chip_profile.h"
#include "xipsim/nor_driver/flexspi_nor_driver.h"

namespace xipsim::host {

// Bootloader status codes beyond the FlexSPI NOR group (boot-reference §9.1).
namespace fl_status {
constexpr nor_driver::Status kUnknownCommand = 10000, kMemoryRangeInvalid = 10200,
                             kMemoryNotConfigured = 10205, kUnknownProperty = 10300;
}

struct BlhostCommand {
  std::string name;                // "configure-memory", ...
  std::vector<std::string> args;   // as blhost takes them
  std::vector<std::uint8_t> data;  // write-memory payload (file contents or {{hex}})
  std::string text;                // the command as written, for reports
};

// Splits "write-memory 0x2000 {{C0 00 00 07}}" into name and arguments; throws InputError on an
// unknown command or a malformed argument, naming it.
BlhostCommand parse_blhost(const std::string& line);
// A numeric argument parse_blhost already checked.
std::uint64_t blhost_number(const std::string& text);
// blhost's command names this model answers.
const std::vector<std::string>& blhost_commands();

struct CommandResult {
  nor_driver::Status status = nor_driver::status::kSuccess;
  std::string text;                   // one sentence, blhost-like
  std::vector<std::uint32_t> values;  // get-property response words
  std::vector<std::uint8_t> data;     // read-memory bytes
  std::vector<std::string> log;       // probe details and the like
};

class Flashloader {
 public:
  Flashloader(nor_driver::BusAccess& bus, const chips::ChipProfile& chip, std::size_t instance,
              std::uint64_t clock_base);

  CommandResult run(const BlhostCommand& command);
  bool configured() const { return configured_; }

 private:
  CommandResult configure_memory(const BlhostCommand& c);
  CommandResult erase_region(const BlhostCommand& c);
  CommandResult erase_all(const BlhostCommand& c);
  static std::optional<std::uint32_t> own_property(std::uint64_t tag);
  CommandResult write_memory(std::uint64_t address, const std::vector<std::uint8_t>& data);
  CommandResult read_memory(const BlhostCommand& c);
  CommandResult fill_memory(const BlhostCommand& c);
  CommandResult get_property(const BlhostCommand& c);

  bool in_flash(std::uint64_t address, std::uint64_t len) const;  // inside the configured flash
  bool in_window(std::uint64_t address) const;  // anywhere in the FlexSPI AHB window
  bool in_ram(std::uint64_t address, std::uint64_t len) const;
  nor_driver::Status program_flash(std::uint32_t offset, const std::vector<std::uint8_t>& data);
  nor_driver::Status nor(unsigned code) const;

  nor_driver::BusAccess& bus_;
  const chips::ChipProfile& chip_;
  nor_driver::FlexspiNorDriver driver_;
  bool configured_ = false;
  image::Fcb fcb_;
};

}  // namespace xipsim::host
