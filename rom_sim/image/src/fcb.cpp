#include "xipsim/image/fcb.h"

#include "xipsim/image/bytes.h"

namespace xipsim::image {

bool has_fcb_tag(const std::uint8_t* p, std::size_t available) {
  return available >= 4 && le32(p) == kFcbTag;
}

namespace {
FcbSeq seq_at(const std::uint8_t* p) {
  return FcbSeq{p[0], p[1]};
}
}  // namespace

std::optional<Fcb> decode_fcb(const std::uint8_t* p, std::size_t available) {
  if (available < kFcbSize || !has_fcb_tag(p, available)) return std::nullopt;
  Fcb f;  // offsets from boot-reference §2.1 / §2.2
  f.tag = le32(p + 0x000);
  f.version = le32(p + 0x004);
  f.read_sample_clk_src = p[0x00C];
  f.cs_hold_time = p[0x00D];
  f.cs_setup_time = p[0x00E];
  f.column_address_width = p[0x00F];
  f.device_mode_cfg_enable = p[0x010];
  f.device_mode_type = p[0x011];
  f.wait_time_cfg_commands = le16(p + 0x012);
  f.device_mode_seq = seq_at(p + 0x014);
  f.device_mode_arg = le32(p + 0x018);
  f.config_cmd_enable = p[0x01C];
  for (int i = 0; i < 3; ++i) {
    f.config_mode_type[i] = p[0x01D + i];
    f.config_cmd_seqs[i] = seq_at(p + 0x020 + 4 * i);
    f.config_cmd_args[i] = le32(p + 0x030 + 4 * i);
  }
  f.controller_misc_option = le32(p + 0x040);
  f.device_type = p[0x044];
  f.sflash_pad_type = p[0x045];
  f.serial_clk_freq = p[0x046];
  f.lut_custom_seq_enable = p[0x047];
  f.sflash_a1_size = le32(p + 0x050);
  f.sflash_a2_size = le32(p + 0x054);
  f.sflash_b1_size = le32(p + 0x058);
  f.sflash_b2_size = le32(p + 0x05C);
  f.cs_pad_setting_override = le32(p + 0x060);
  f.sclk_pad_setting_override = le32(p + 0x064);
  f.data_pad_setting_override = le32(p + 0x068);
  f.dqs_pad_setting_override = le32(p + 0x06C);
  f.timeout_in_ms = le32(p + 0x070);
  f.command_interval = le32(p + 0x074);
  f.data_valid_time[0] = le16(p + 0x078);
  f.data_valid_time[1] = le16(p + 0x07A);
  f.busy_offset = le16(p + 0x07C);
  f.busy_bit_polarity = le16(p + 0x07E);
  for (int i = 0; i < 64; ++i)
    f.lookup_table[i] = le32(p + 0x080 + 4 * i);
  for (int i = 0; i < 12; ++i)
    f.lut_custom_seq[i] = seq_at(p + 0x180 + 4 * i);
  f.page_size = le32(p + 0x1C0);
  f.sector_size = le32(p + 0x1C4);
  f.ipcmd_serial_clk_freq = p[0x1C8];
  f.is_uniform_block_size = p[0x1C9];
  f.is_data_order_swapped = p[0x1CA];
  f.serial_nor_type = p[0x1CC];
  f.need_exit_no_cmd_mode = p[0x1CD];
  f.half_clk_for_non_read_cmd = p[0x1CE];
  f.need_restore_no_cmd_mode = p[0x1CF];
  f.block_size = le32(p + 0x1D0);
  f.flash_state_ctx = le32(p + 0x1D4);
  return f;
}

LutSequence Fcb::sequence(unsigned index) const {
  std::array<std::uint32_t, 4> w{};
  for (unsigned i = 0; i < 4; ++i)
    w[i] = lookup_table[(index & 15) * 4 + i];
  return decode_lut_sequence(w);
}

const char* sample_clk_src_name(unsigned src) {
  switch (src) {
    case 0:
      return "internal loopback";
    case 1:
      return "loopback from DQS pad";
    case 2:
      return "loopback from SCK pad";
    case 3:
      return "flash-provided DQS";
    default:
      return "invalid";
  }
}

const char* device_mode_type_name(unsigned type) {
  switch (type) {
    case 0:
      return "Generic";
    case 1:
      return "QuadEnable";
    case 2:
      return "Spi2Xpi";
    case 3:
      return "Xpi2Spi";
    case 4:
      return "Spi2NoCmd";
    case 5:
      return "Reset";
    default:
      return "unknown";
  }
}

}  // namespace xipsim::image
