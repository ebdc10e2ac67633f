// A register-level FlexSPI NOR driver with the ROM API's shape (boot-reference §9.2): init from
// an FCB, IP read, generic transfer, LUT update, write enable, busy wait, erase, page program,
// cache clear. It touches the controller only through its registers and AHB window (§4.3
// sequence), so the boot ROM, a flashloader and a debugger's flash algorithm can share it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "xipsim/chips/chip_profile.h"
#include "xipsim/core/timed_note.h"
#include "xipsim/image/fcb.h"
#include "xipsim/nor_driver/bus_access.h"
#include "xipsim/nor_driver/status.h"

namespace xipsim::nor_driver {

// Where one FlexSPI instance sits and how its clock is requested.
struct DriverTarget {
  std::string name;                                    // "FLEXSPI"
  std::uint64_t register_base = 0;                     // FlexSPI registers
  std::uint64_t ahb_base = 0;                          // AHB (XIP) window
  std::uint64_t clock_request = 0;                     // word taking the serial root clock in kHz
  std::vector<std::optional<double>> clock_table_mhz;  // serialClkFreq index -> MHz
  unsigned status_group = 201;                         // open conflict 5
  unsigned ahb_rx_buffers = 4;
};

// The target for FlexSPI instance `index` of `chip`; the serial root clock is requested at
// clock_base + 4 * index (the platform's clock service).
DriverTarget driver_target(const chips::ChipProfile& chip, std::size_t index,
                           std::uint64_t clock_base);

enum class XferOp { kCommand, kConfig, kWrite, kRead };

struct Xfer {
  XferOp op = XferOp::kCommand;
  std::uint32_t address = 0;  // flash address (FlexSPI port address space)
  unsigned seq_id = 0;        // hardware LUT sequence
  unsigned seq_num = 1;
  const std::uint8_t* tx = nullptr;
  std::uint8_t* rx = nullptr;
  std::size_t size = 0;
};

class FlexspiNorDriver {
 public:
  // The IP command slot the driver copies FCB sequences into (NOR_CMD_LUT_FOR_IP_CMD, §2.3).
  static constexpr unsigned kIpSeq = 1;
  // Cap on busy waits when the FCB's timeoutInMs is 0 ("wait forever"): 10 s simulated.
  static constexpr Picoseconds kForever = 10'000'000'000'000ull;

  FlexspiNorDriver(BusAccess& bus, DriverTarget target);

  // The ROM's first configuration (boot-reference §7.3 step 2, open conflict 2): `read` in LUT
  // seq 0, A1 16 MiB, csHold = csSetup = 3, at read.clock_mhz.
  Status init_safe(const chips::RomInitialRead& read);
  // ROM API init: program the controller from `fcb` (§4.3 steps 1-9), run device-mode and
  // config commands, load LUT seq 0.
  Status init(const image::Fcb& fcb);

  Status read(std::uint32_t address, std::uint8_t* out, std::size_t len);  // IP, seq 0
  Status xfer(const Xfer& x);
  Status update_lut(unsigned seq_index, const std::uint32_t* words, unsigned seq_count);
  Status write_enable(std::uint32_t address);
  Status wait_busy(std::uint32_t address);
  Status erase(std::uint32_t address, std::uint32_t length);
  Status page_program(std::uint32_t address, const std::uint8_t* data, std::size_t len);
  void clear_cache();  // MCR0.SWRESET: flushes the AHB RX buffers
  // CPU reads through the AHB window; false on a bus error.
  bool ahb_read(std::uint64_t offset, std::uint8_t* out, std::size_t len);

  const std::optional<image::Fcb>& config() const { return fcb_; }
  double sclk_mhz() const { return sclk_mhz_; }
  const DriverTarget& target() const { return target_; }
  const std::vector<TimedNote>& notes() const { return notes_; }
  BusAccess& bus() { return bus_; }

 private:
  std::uint32_t rd(std::uint32_t offset) { return bus_.read32(target_.register_base + offset); }
  void wr(std::uint32_t offset, std::uint32_t v) {
    bus_.write32(target_.register_base + offset, v);
  }
  void note(std::string text);
  Status nor(status::NorCode code) const {
    return static_cast<Status>(target_.status_group * 100) + code;
  }

  void set_clock(unsigned index, bool ddr);
  void software_reset();
  void configure_controller(const image::Fcb& fcb);
  void configure_dll(const image::Fcb& fcb);
  Status run_device_config(const image::Fcb& fcb);
  Status config_command(const image::FcbSeq& seq, std::uint32_t arg, unsigned type);
  Status send_write_enable(unsigned seq, std::uint32_t address);
  Status copy_fcb_sequence(unsigned fcb_seq, unsigned seq_num);
  bool wait_idle(Picoseconds limit);
  Status finish(std::uint32_t intr);
  Status drain_rx(std::uint8_t* out, std::size_t len);
  Status fill_tx(const std::uint8_t* data, std::size_t len);
  Picoseconds timeout() const;

  BusAccess& bus_;
  DriverTarget target_;
  std::optional<image::Fcb> fcb_;
  double sclk_mhz_ = 0;
  double root_mhz_ = 0;
  std::vector<TimedNote> notes_;
};

}  // namespace xipsim::nor_driver
