// FlexSPI NOR Configuration Block (flexspi_nor_config_t, 512 bytes; boot-reference §2).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "xipsim/flexspi/lut.h"

namespace xipsim::image {

// The FCB's lookup table holds FlexSPI LUT instructions (models/flexspi/lut.h).
using flexspi::decode_lut_sequence;
using flexspi::disassemble;
using flexspi::executed_part;
using flexspi::LutInstr;
using flexspi::LutSequence;
namespace lut_op = flexspi::lut_op;

constexpr std::uint32_t kFcbTag = 0x42464346;  // bytes "FCFB"
constexpr std::size_t kFcbSize = 512;

struct FcbSeq {  // deviceModeSeq / configCmdSeqs / lutCustomSeq entry
  std::uint8_t seq_num = 0;
  std::uint8_t seq_id = 0;
};

// controllerMiscOption bits (boot-reference §2.1, kFlexSpiMiscOffset_* in the SDK).
enum class Misc : unsigned {
  kDiffClk = 0,
  kCk2 = 1,
  kParallelMode = 2,
  kWordAddressable = 3,
  kSafeConfigFreq = 4,
  kPadSettingOverride = 5,
  kDdrMode = 6,
  kUseValidTimeForAllFreq = 7,
};

struct Fcb {
  // common part (flexspi_mem_config_t)
  std::uint32_t tag = 0, version = 0;
  std::uint8_t read_sample_clk_src = 0, cs_hold_time = 0, cs_setup_time = 0,
               column_address_width = 0;
  std::uint8_t device_mode_cfg_enable = 0, device_mode_type = 0;
  std::uint16_t wait_time_cfg_commands = 0;
  FcbSeq device_mode_seq;
  std::uint32_t device_mode_arg = 0;
  std::uint8_t config_cmd_enable = 0;
  std::array<std::uint8_t, 3> config_mode_type{};
  std::array<FcbSeq, 3> config_cmd_seqs{};
  std::array<std::uint32_t, 3> config_cmd_args{};
  std::uint32_t controller_misc_option = 0;
  std::uint8_t device_type = 0, sflash_pad_type = 0, serial_clk_freq = 0, lut_custom_seq_enable = 0;
  std::uint32_t sflash_a1_size = 0, sflash_a2_size = 0, sflash_b1_size = 0, sflash_b2_size = 0;
  std::uint32_t cs_pad_setting_override = 0, sclk_pad_setting_override = 0;
  std::uint32_t data_pad_setting_override = 0, dqs_pad_setting_override = 0;
  std::uint32_t timeout_in_ms = 0, command_interval = 0;
  std::array<std::uint16_t, 2> data_valid_time{};
  std::uint16_t busy_offset = 0, busy_bit_polarity = 0;
  std::array<std::uint32_t, 64> lookup_table{};
  std::array<FcbSeq, 12> lut_custom_seq{};
  // NOR tail
  std::uint32_t page_size = 0, sector_size = 0;
  std::uint8_t ipcmd_serial_clk_freq = 0, is_uniform_block_size = 0, is_data_order_swapped = 0;
  std::uint8_t serial_nor_type = 0, need_exit_no_cmd_mode = 0, half_clk_for_non_read_cmd = 0;
  std::uint8_t need_restore_no_cmd_mode = 0;
  std::uint32_t block_size = 0, flash_state_ctx = 0;

  LutSequence sequence(unsigned index) const;  // index 0..15
  bool misc(Misc bit) const { return (controller_misc_option >> static_cast<unsigned>(bit)) & 1u; }
  bool ddr_enabled() const { return misc(Misc::kDdrMode); }
};

bool has_fcb_tag(const std::uint8_t* p, std::size_t available);
// Decodes 512 bytes; nullopt when fewer are available or the tag is wrong.
std::optional<Fcb> decode_fcb(const std::uint8_t* p, std::size_t available);

const char* sample_clk_src_name(unsigned src);     // "internal loopback", ...
const char* device_mode_type_name(unsigned type);  // "Generic", "QuadEnable", ...

}  // namespace xipsim::image
