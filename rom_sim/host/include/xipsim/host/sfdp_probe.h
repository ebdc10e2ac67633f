// The flashloader's configuration from option words (boot-reference §8): reads the part's SFDP
// at the safe clock and generates an FCB (§8.4 steps 1-9) for a QuadSPI SDR part.
#pragma once

#include <string>
#include <vector>

#include "xipsim/image/fcb.h"
#include "xipsim/nor_driver/flexspi_nor_driver.h"

namespace xipsim::host {

struct ConfigOption {
  std::uint32_t option0 = 0;
  std::uint32_t option1 = 0;  // used when option0[27:24] (option_size) is 1

  unsigned tag() const { return option0 >> 28; }
  unsigned option_size() const { return (option0 >> 24) & 0xF; }
  unsigned device_type() const { return (option0 >> 20) & 0xF; }
  unsigned query_pads() const { return (option0 >> 16) & 0xF; }
  unsigned cmd_pads() const { return (option0 >> 12) & 0xF; }
  unsigned quad_mode_setting() const { return (option0 >> 8) & 0xF; }
  unsigned misc_mode() const { return (option0 >> 4) & 0xF; }
  unsigned max_freq() const { return option0 & 0xF; }
  unsigned dummy_cycles() const { return option_size() ? option1 & 0xFF : 0; }
  unsigned flash_connection() const { return option_size() ? option1 >> 28 : 0; }
};

struct ProbeResult {
  nor_driver::Status status = nor_driver::status::kSuccess;
  image::Fcb fcb;                // valid when status is success
  std::vector<std::string> log;  // what the probe read and chose
};

// Probes the part behind `driver`'s FlexSPI and generates its FCB; does not apply it.
ProbeResult probe_sfdp(nor_driver::FlexspiNorDriver& driver, const ConfigOption& option);

}  // namespace xipsim::host
