// A FlexSPI controller on a board with one flash part on port A1, driven the way firmware drives
// it: register reads and writes at a CPU time cursor that advances by the access cost, so
// polling loops move simulated time. The IP transfer helper follows the MCUXpresso SDK's
// FLEXSPI_TransferBlocking / WriteBlocking / ReadBlocking register flow (fsl_flexspi.c).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "xipsim/board/board.h"
#include "xipsim/chips/chip_catalog.h"
#include "xipsim/flash/nor_device.h"
#include "xipsim/flash/part_loader.h"
#include "xipsim/flexspi/flexspi.h"
#include "xipsim/flexspi/lut.h"

namespace xipsim::test {

// LUT instruction and word encoding (boot-reference §3.1).
constexpr std::uint16_t instr(std::uint8_t opcode, unsigned pads_code, std::uint8_t operand) {
  return flexspi::encode_lut_instr(opcode, pads_code, operand);
}
constexpr std::uint32_t lut_word(std::uint16_t i0, std::uint16_t i1 = 0) {
  return flexspi::encode_lut_word(i0, i1);
}
constexpr unsigned kPad1 = 0, kPad2 = 1, kPad4 = 2, kPad8 = 3;

struct IpResult {
  bool ok = true;
  std::uint32_t intr = 0;
  std::uint32_t sts1 = 0;
};

class FlexspiRig {
 public:
  explicit FlexspiRig(const std::string& part = "W25Q64JV-IQ", double root_mhz = 30,
                      flexspi::FlexspiFeatures features = {})
      : spec_(flash::load_part(part)), device_(spec_), ctl_("FLEXSPI", features, board_) {
    device_.power_on(0);
    board_.attach(0, &device_);
    ctl_.set_root_clock_hz(root_mhz * 1e6);
    ctl_.set_ahb_clock_hz(132e6);
  }

  flexspi::Flexspi& ctl() { return ctl_; }
  flash::NorDevice& flash() { return device_; }
  board::Board& board() { return board_; }
  Picoseconds now() const { return now_; }
  void advance_to(Picoseconds t) {
    if (t > now_) now_ = t;
  }

  std::uint32_t rd(std::uint32_t offset) {
    const std::uint32_t v = ctl_.read_register(offset, now_);
    now_ += flexspi::Flexspi::kRegisterAccessClocks * ctl_.ahb_period();
    return v;
  }
  void wr(std::uint32_t offset, std::uint32_t value) {
    ctl_.write_register(offset, value, now_);
    now_ += flexspi::Flexspi::kRegisterAccessClocks * ctl_.ahb_period();
  }

  // Unlock, write `words` at LUT index seq*4, lock (SDK FLEXSPI_UpdateLUT).
  void load_lut(unsigned seq, const std::vector<std::uint32_t>& words) {
    namespace reg = flexspi::reg;
    wr(reg::LUTKEY, reg::kLutKey);
    wr(reg::LUTCR, 2);
    for (std::size_t i = 0; i < words.size(); ++i)
      wr(reg::LUT0 + 4 * (seq * 4 + static_cast<unsigned>(i)), words[i]);
    wr(reg::LUTKEY, reg::kLutKey);
    wr(reg::LUTCR, 1);
  }

  // Enables the module with A1 = `a1_bytes` (others 0), like FLEXSPI_Init + SetFlashConfig.
  void configure(std::uint32_t a1_bytes) {
    namespace reg = flexspi::reg;
    wr(reg::MCR0, rd(reg::MCR0) | flexspi::bits::MCR0_MDIS);
    wr(reg::FLSHA1CR0, a1_bytes / 1024);
    for (unsigned p = 1; p < 4; ++p)
      wr(reg::FLSHA1CR0 + 4 * p, 0);
    wr(reg::MCR0, rd(reg::MCR0) & ~flexspi::bits::MCR0_MDIS);
  }

  // One IP command as FLEXSPI_TransferBlocking does it. `data` is sent (write) or filled (read).
  IpResult transfer(std::uint32_t address, unsigned seq, bool is_write, std::uint8_t* data,
                    std::size_t size, unsigned seq_count = 1);

  // Reads `len` bytes through the AHB window (no SystemC), advancing the CPU cursor to done.
  flexspi::AhbResponse ahb_read(std::uint64_t offset, std::uint8_t* out, std::size_t len,
                                unsigned master = 0) {
    const flexspi::AhbResponse r = ctl_.ahb_read(offset, out, len, master, now_);
    advance_to(r.done);
    return r;
  }

 private:
  IpResult check_and_clear_error(std::uint32_t intr);
  IpResult write_blocking(const std::uint8_t* data, std::size_t size);
  IpResult read_blocking(std::uint8_t* data, std::size_t size);

  std::shared_ptr<const flash::PartSpec> spec_;
  flash::NorDevice device_;
  board::Board board_;
  flexspi::Flexspi ctl_;
  Picoseconds now_ = 0;
};

// Standard LUT used by the tests: 0 quad read EBh (6 dummy), 1 read status 05h, 3 write enable,
// 5 sector erase 20h, 9 page program 02h, 10 JEDEC ID 9Fh, 11 read 03h.
void load_standard_lut(FlexspiRig& rig);
// Sets QE (Winbond/ISSI/... style) through the flash backdoor, as a board would ship it.
void set_quad_enable(FlexspiRig& rig);

}  // namespace xipsim::test
