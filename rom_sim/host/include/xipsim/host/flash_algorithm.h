// A debug probe's flash programming algorithm, as J-Link and LinkServer run them on i.MX RT: the
// algorithm sets the FlexSPI up through its registers with its own LUT and clock, erases the
// sectors the data covers, programs it page by page and verifies it through the memory-mapped
// window. Two command sets: QSPI (1-pad SPI NOR commands, status register busy bit) and
// HyperFlash (HyperBus 8-pad DDR command-address cycles, RWDS-strobed reads, status DQ7).
// Which one the user picked is the point of F08: the wrong one misreads the part.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "xipsim/nor_driver/flexspi_nor_driver.h"

namespace xipsim::host {

enum class Algorithm { kQspi, kHyperFlash };
std::optional<Algorithm> parse_algorithm(const std::string& name);  // "qspi", "hyperflash"
const char* algorithm_name(Algorithm a);

struct ProgramRequest {
  Algorithm algorithm = Algorithm::kQspi;
  std::uint32_t offset = 0;  // flash offset of data[0]
  std::vector<std::uint8_t> data;
  bool verify = true;
};

struct ProgramOutcome {
  bool ok = false;
  std::string phase;  // where it stopped: "init", "erase", "program", "verify", "done"
  std::string text;   // one sentence for the narration
  nor_driver::Status status = nor_driver::status::kSuccess;
  std::optional<std::uint32_t> first_mismatch;  // flash offset, verify failures
  std::vector<std::string> log;                 // what the algorithm did, in order
};

// Runs the algorithm against the FlexSPI instance `driver` targets.
ProgramOutcome program_flash(nor_driver::FlexspiNorDriver& driver, const ProgramRequest& request);

}  // namespace xipsim::host
