// In-application programming (F10): the running application erases and programs a region of a
// flash through its own FlexSPI driver (SDK style: its FCB's LUT loaded into the controller, IP
// commands, busy polling), while the CPU keeps fetching its code from `code_address`. Nothing is
// special-cased: a fetch from the busy part goes out as an AHB read the part ignores, and the AHB
// RX buffers keep what they prefetched until someone clears them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "xipsim/nor_driver/flexspi_nor_driver.h"

namespace xipsim::host {

struct IapRequest {
  std::uint32_t fcb_offset = 0;  // where the application's FCB (its LUT) sits in this flash
  std::uint32_t erase_offset = 0, erase_size = 0;  // sectors to erase (flash offsets)
  std::uint32_t program_offset = 0;                // where `data` goes
  std::vector<std::uint8_t> data;
  std::uint64_t code_address = 0;  // bus address the update routine executes from
  bool read_before = true;         // the application read the region before updating it
  bool clear_cache = false;        // software reset of the FlexSPI after programming
};

struct IapOutcome {
  bool ok = false;
  unsigned fetches = 0, bad_fetches = 0;  // code fetches while the part was busy
  std::optional<std::uint64_t> first_bad_fetch;
  std::optional<std::uint32_t> stale_at;  // first offset the AHB read-back got old data from
  nor_driver::Status status = nor_driver::status::kSuccess;
  std::string text;
  std::vector<std::string> log;
};

IapOutcome run_iap(nor_driver::FlexspiNorDriver& driver, const IapRequest& request);

}  // namespace xipsim::host
