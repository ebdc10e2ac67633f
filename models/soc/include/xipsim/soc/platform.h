// The SystemC platform of one chip, built from its profile (models/chips/<chip>.yaml): bus
// router, RAM regions, FlexSPI instances each with a board and the flash parts on its ports,
// OCOTP fuse shadows, SRC boot-mode registers, register blocks for the DCD-writable peripherals
// and the ROM's clock service. See docs/soc-model.md.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "xipsim/board/board.h"
#include "xipsim/chips/chip_profile.h"
#include "xipsim/cpu/cpu.h"
#include "xipsim/flash/nor_device.h"
#include "xipsim/flexspi/flexspi_module.h"
#include "xipsim/soc/blocks.h"
#include "xipsim/soc/clock_model.h"
#include "xipsim/soc/gpio.h"
#include "xipsim/soc/gpt.h"
#include "xipsim/soc/lpuart.h"
#include "xipsim/soc/memory.h"
#include "xipsim/soc/pit.h"
#include "xipsim/soc/router.h"
#include "xipsim/soc/rtwdog.h"
#include "xipsim/soc/sdram.h"
#include "xipsim/soc/snvs.h"
#include "xipsim/soc/src_block.h"
#include "xipsim/soc/wdog.h"

namespace xipsim::soc {

// SRC boot-mode registers: src_block.h (SBMR2 SEC_CONFIG[1:0], BT_FUSE_SEL bit 4, BMOD[1:0]
// bits 25:24).
// Simulator-only ROM clock service (ClockControl), outside every chip's memory map.
constexpr std::uint64_t kClockControlBase = 0xF000'0000;

struct FlashAttachment {
  std::string instance;  // FlexSPI instance name from the chip profile ("" = boot instance)
  unsigned port = 0;     // 0 A1, 1 A2, 2 B1, 3 B2
  std::shared_ptr<const flash::PartSpec> part;
};

struct PlatformConfig {
  const chips::ChipProfile* chip = nullptr;
  std::vector<FlashAttachment> flashes;
  board::BoardTiming board;                      // every FlexSPI instance's board
  std::map<std::uint32_t, std::uint32_t> fuses;  // fuse word address (0x450 ...) -> value
  unsigned boot_mode = 2;                        // BOOT_MODE[1:0] pins (2 = internal boot)
  std::uint32_t boot_cfg_pins = 0;               // BOOT_CFG pins, as SBMR1 shows them
  std::uint64_t seed = 1;
  flash::DeviceOptions device;
};

class Platform : public sc_core::sc_module {
 public:
  Router bus;  // initiators bind to bus.in

  Platform(sc_core::sc_module_name name, const PlatformConfig& config);
  ~Platform() override;

  const chips::ChipProfile& chip() const { return *config_.chip; }
  const PlatformConfig& config() const { return config_; }

  // Power-on reset: flash parts power-cycled (volatile state from non-volatile bits), RAM
  // cleared, FlexSPI and peripheral registers reset. Warm reset: the same except that the flash
  // parts are not power-cycled and keep QPI, 4-byte and continuous-read state.
  void power_on_reset(Picoseconds t);
  void warm_reset(Picoseconds t);
  // A reset the application caused (a watchdog, AIRCR.SYSRESETREQ): a warm reset with the
  // reason recorded in SRC_SRSR (and the watchdog's own WRSR). Returns SRSR after it.
  std::uint32_t system_reset(Picoseconds t, const cpu::ResetRequest& why);

  std::size_t flexspi_count() const { return flexspi_.size(); }
  flexspi::FlexspiModule& flexspi(std::size_t i) { return *flexspi_[i]; }
  board::Board& board(std::size_t i) { return *boards_[i]; }
  board::Board& boot_board();  // the board of the instance the ROM boots from
  int instance_index(const std::string& name) const;  // -1 when the chip has no such instance
  flash::NorDevice* flash(std::size_t instance, unsigned port);

  // Backdoor access through the bus's debug path (no time, no side effects on the flash).
  bool debug_read(std::uint64_t address, std::uint8_t* out, std::size_t len);
  // Every write to a peripheral register block, in time order.
  std::vector<RegisterWrite> peripheral_writes() const;

  // The application side (chips whose profile has an `application` section, docs/soc-model.md):
  // the Cortex-M7 on the bus, the GPIO ports and LPUARTs, the core clock the CCM selects.
  cpu::Cpu* cpu() { return cpu_.get(); }
  const std::vector<GpioBlock*>& gpio() const { return gpio_; }
  const std::vector<LpuartBlock*>& uarts() const { return uarts_; }
  double core_clock_hz() const;
  double ipg_clock_hz() const;
  const ClockModel* clocks() const { return clocks_.get(); }  // nullptr: no application side
  // The bus region's name when `address` is a register no model gives behaviour or a reference
  // definition to (it only stores what is written), else "".
  std::string unmodelled_register(std::uint32_t address) const;

 private:
  void build_flexspi();
  void build_memories();
  void build_registers();
  void build_application();
  void build_clocks();
  void build_timers();
  std::uint64_t ram_capacity(const chips::RamRegion& r) const;
  void flexram(const struct FlexRamSizes& s);
  void build_cpu();
  void set_clock(unsigned instance, std::uint32_t khz, Picoseconds now);
  void follow_flexspi_clock(Picoseconds now);
  void build_pad_watch();
  void build_console_rx();
  void build_sdram(const RegisterBlock& semc);
  void follow_sdram(Picoseconds now);
  void follow_dqs_pad(const chips::DqsPadMux& d, std::size_t instance, std::uint32_t value,
                      Picoseconds now);
  std::vector<std::pair<RegisterBlock*, chips::DqsPadMux>> pad_blocks_;
  double ccm_flexspi_hz_ = 0;  // FLEXSPI_CLK_ROOT as the CCM registers last gave it
  int ccm_flexspi_ = -1;       // the instance it clocks

  PlatformConfig config_;
  std::vector<std::unique_ptr<board::Board>> boards_;
  std::vector<std::unique_ptr<flexspi::FlexspiModule>> flexspi_;
  std::vector<std::unique_ptr<flash::NorDevice>> devices_;  // owned; attached to boards
  std::vector<std::unique_ptr<Memory>> memories_;
  std::vector<std::unique_ptr<RegisterBlock>> blocks_;  // peripherals (DCD targets), reset
  std::vector<std::unique_ptr<RegisterBlock>> fixed_;   // OCOTP, SRC, clock service
  std::vector<GpioBlock*> gpio_;                        // owned by blocks_
  std::vector<LpuartBlock*> uarts_;                     // owned by blocks_
  std::unique_ptr<ClockModel> clocks_;                  // over blocks in blocks_
  std::vector<WdogBlock*> wdogs_;                       // owned by blocks_
  std::vector<RtwdogBlock*> rtwdogs_;                   // owned by blocks_
  // Peripherals with their own time and an interrupt line (PIT, GPT, LPUART), owned by
  // blocks_, with their IRQ (-1: the profile gives none, the line is not connected).
  struct IrqTimer {
    cpu::TimedSource* timer;  // nullptr: a second line of a block listed before
    InterruptLine* line;
    int irq;
  };
  std::vector<IrqTimer> irq_timers_;
  SrcBlock* src_ = nullptr;            // owned by fixed_
  SnvsBlock* snvs_ = nullptr;          // owned by fixed_ (kept over warm resets)
  std::unique_ptr<SdramBlock> sdram_;  // behind the SEMC, when the chip has one
  std::uint64_t sdram_open_ = 0;       // SDRAM bytes the CPU has mapped
  std::unique_ptr<cpu::Cpu> cpu_;
  // Binds the bus's CPU port on chips whose application side is not modelled.
  std::unique_ptr<tlm_utils::simple_initiator_socket<Platform>> no_cpu_;
};

std::uint32_t sbmr2_value(unsigned boot_mode, bool bt_fuse_sel, unsigned sec_config);

}  // namespace xipsim::soc
