#include "xipsim/host/sfdp_probe.h"

#include <fmt/format.h>

#include <algorithm>

#include "xipsim/host/lut_builder.h"

namespace xipsim::host {

namespace nd = nor_driver;

namespace {

constexpr std::uint32_t kSfdpSignature = 0x50444653;  // "SFDP"
constexpr unsigned kSafeClockIndex = 1;               // 30 MHz (§8.4 step 1)
// FCB sequence slots the generated block uses (§2.3 conventions).
enum Seq : unsigned {
  kRead = 0,
  kReadStatus = 1,
  kWriteEnable = 3,
  kQuadEnable = 4,
  kSectorErase = 5,
  kBlockErase = 8,
  kPageProgram = 9,
  kChipErase = 11
};

std::uint32_t le32(const std::uint8_t* p) {
  return p[0] | p[1] << 8 | p[2] << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

unsigned pads_of(unsigned code) {
  return code == 2 ? 4 : code == 3 ? 8 : code == 1 ? 2 : 1;
}

class Probe {
 public:
  Probe(nd::FlexspiNorDriver& d, const ConfigOption& o, ProbeResult& r) : d_(d), o_(o), r_(r) {}

  nd::Status run() {
    if (o_.device_type() > 0)
      return fail(nd::status::kInvalidArgument,
                  fmt::format("device type {} (option0[23:20]) is not modelled: only QuadSPI SDR "
                              "(0) is",
                              o_.device_type()));
    if (o_.cmd_pads() != 0)
      return fail(nd::status::kInvalidArgument,
                  "4-4-4 / 8-8-8-only devices (option0[15:12] != 0) are not modelled");
    base_config();
    nd::Status s = d_.init(r_.fcb);
    if (s != nd::status::kSuccess) return fail(s, "the safe 03h configuration failed");
    if ((s = read_tables()) != nd::status::kSuccess) return s;
    layout();
    if ((s = quad_enable()) != nd::status::kSuccess) return s;
    read_command();
    fixed_sequences();
    finish();
    return nd::status::kSuccess;
  }

 private:
  nd::Status nor(unsigned code) const {
    return static_cast<nd::Status>(d_.target().status_group * 100 + code);
  }
  nd::Status fail(nd::Status s, const std::string& text) {
    r_.log.push_back(text);
    return s;
  }

  // §8.4 steps 1-2: safe configuration with a basic 03h read in seq 0.
  void base_config() {
    image::Fcb& f = r_.fcb;
    f = image::Fcb{};
    f.tag = image::kFcbTag;
    f.version = 0x56010400;
    f.cs_hold_time = f.cs_setup_time = 3;
    f.serial_clk_freq = f.ipcmd_serial_clk_freq = kSafeClockIndex;
    f.sflash_pad_type = 4;
    f.device_type = 1;
    (o_.flash_connection() == 2 ? f.sflash_b1_size : f.sflash_a1_size) = 16u << 20;
    lut_.seq(kRead).cmd(0x03).addr(24).read();
    f.lookup_table = lut_.words();
  }

  // Reads `len` SFDP bytes at `address` with 5Ah, 24-bit address, 8 dummy clocks (§10.1).
  nd::Status read_sfdp(std::uint32_t address, std::uint8_t* out, std::size_t len) {
    const unsigned pads = pads_of(o_.query_pads());
    LutBuilder l;
    l.seq(0).cmd(0x5A, pads).addr(24, pads).dummy(8, pads).read(pads);
    nd::Status s = d_.update_lut(nd::FlexspiNorDriver::kIpSeq, l.words().data(), 1);
    if (s == nd::status::kSuccess)
      s = d_.xfer({nd::XferOp::kRead, address, nd::FlexspiNorDriver::kIpSeq, 1, nullptr, out, len});
    return s;
  }

  // §8.4 step 4: header, parameter headers, BFPT.
  nd::Status read_tables() {
    std::uint8_t hdr[8] = {};
    nd::Status s = read_sfdp(0, hdr, sizeof hdr);
    if (s != nd::status::kSuccess) return fail(s, "reading the SFDP header failed");
    const std::uint32_t sig = le32(hdr);
    r_.log.push_back(
        fmt::format("SFDP header: {:02X} {:02X} {:02X} {:02X} {:02X} {:02X} {:02X} "
                    "{:02X}",
                    hdr[0], hdr[1], hdr[2], hdr[3], hdr[4], hdr[5], hdr[6], hdr[7]));
    if (sig != kSfdpSignature)
      return fail(
          nor(nd::status::kSfdpNotFound),
          fmt::format("no SFDP signature: read 0x{:08X}, expected 0x50444653 (\"SFDP\")", sig));
    if (hdr[5] != 1)
      return fail(nor(nd::status::kUnsupportedSfdpVersion),
                  fmt::format("SFDP major revision {} (expected 1)", hdr[5]));
    const unsigned headers = std::min(10u, hdr[6] + 1u);
    std::vector<std::uint8_t> ph(8 * headers);
    if ((s = read_sfdp(8, ph.data(), ph.size())) != nd::status::kSuccess)
      return fail(s, "reading the SFDP parameter headers failed");
    for (unsigned i = 0; i < headers; ++i) {
      const std::uint8_t* p = &ph[8 * i];
      if (p[0] != 0x00 || p[7] != 0xFF) continue;  // BFPT: ID 0xFF00
      bfpt_dwords_ = std::min<unsigned>(p[3], 23);
      const std::uint32_t ptr = p[4] | p[5] << 8 | p[6] << 16;
      std::vector<std::uint8_t> raw(4 * bfpt_dwords_);
      if ((s = read_sfdp(ptr, raw.data(), raw.size())) != nd::status::kSuccess)
        return fail(s, "reading the BFPT failed");
      for (unsigned d = 0; d < bfpt_dwords_; ++d)
        bfpt_[d] = le32(&raw[4 * d]);
      r_.log.push_back(
          fmt::format("BFPT: {} DWORDs at SFDP address 0x{:X}, JESD216 minor "
                      "revision {}",
                      bfpt_dwords_, ptr, hdr[4]));
      return nd::status::kSuccess;
    }
    return fail(nor(nd::status::kSfdpNotFound), "the SFDP has no basic flash parameter table");
  }

  std::uint32_t dw(unsigned one_based) const {
    return one_based <= bfpt_dwords_ ? bfpt_[one_based - 1] : 0;
  }

  // §8.4 step 5: size, address width, page, sector and block erase.
  void layout() {
    const std::uint32_t d2 = dw(2);
    const std::uint64_t bits =
        d2 & 0x80000000u ? 1ull << (d2 & 0x7FFFFFFFu) : static_cast<std::uint64_t>(d2) + 1;
    size_ = bits / 8;
    addr32_ = size_ > (16u << 20);
    page_ = bfpt_dwords_ >= 16 ? 1u << ((dw(11) >> 4) & 0xF) : 256;
    std::uint32_t smallest = 0, largest = 0;
    for (unsigned t = 0; t < 4; ++t) {
      const std::uint32_t half = (t < 2 ? dw(8) : dw(9)) >> (16 * (t % 2));
      const unsigned n = half & 0xFF;
      const std::uint8_t op = static_cast<std::uint8_t>(half >> 8);
      if (n == 0) continue;
      const std::uint32_t bytes = 1u << n;
      if (!smallest || bytes < smallest) smallest = bytes, sector_op_ = op;
      if (bytes < (1u << 20) && bytes > largest) largest = bytes, block_op_ = op;
    }
    sector_ = smallest ? smallest : 4096;
    block_ = largest ? largest : sector_;
    if (!smallest) sector_op_ = 0x20;
    if (!largest) block_op_ = sector_op_;
    if (addr32_) {  // no 4-byte table used: the FL's opcode conversion
      auto four = [](std::uint8_t op) -> std::uint8_t {
        return op == 0x20 ? 0x21 : op == 0xD8 ? 0xDC : op == 0x52 ? 0x5C : op;
      };
      sector_op_ = four(sector_op_);
      block_op_ = four(block_op_);
    }
    r_.log.push_back(
        fmt::format("density {} MiB, {}-bit addresses, page {} B, sector {} KiB "
                    "({:02X}h), block {} KiB ({:02X}h)",
                    size_ >> 20, addr32_ ? 32 : 24, page_, sector_ / 1024, sector_op_,
                    block_ / 1024, block_op_));
  }

  // §8.4 step 6 and §10.3: QE bit from the BFPT (JESD216A+) or the option word.
  nd::Status quad_enable() {
    unsigned qer = 0;
    if (bfpt_dwords_ >= 16) {
      qer = (dw(15) >> 20) & 7;
    } else {
      static constexpr unsigned kFromOption[5] = {0, 2, 4, 3, 6};
      qer = o_.quad_mode_setting() < 5 ? kFromOption[o_.quad_mode_setting()] : 0;
    }
    if (qer == 0 || qer == 7) {
      r_.log.push_back("no quad-enable bit to set (QER 0)");
      return nd::status::kSuccess;
    }
    std::uint8_t sr1 = 0, sr2 = 0;
    nd::Status s = read_register(0x05, sr1);
    const bool sr2_reg = qer != 2;
    const std::uint8_t sr2_read = qer == 3 ? 0x3F : 0x35;
    if (s == nd::status::kSuccess && sr2_reg) s = read_register(sr2_read, sr2);
    if (s != nd::status::kSuccess) return fail(s, "reading the status registers failed");
    const bool qe = qer == 2 ? (sr1 & 0x40) : qer == 3 ? (sr2 & 0x80) : (sr2 & 0x02);
    if (qe) {
      r_.log.push_back(fmt::format("QE already set (QER {})", qer));
      return nd::status::kSuccess;
    }
    image::Fcb& f = r_.fcb;
    std::uint32_t arg = 0;
    unsigned bytes = 1;
    std::uint8_t op = 0x01;
    if (qer == 2) {
      arg = (sr1 | 0x40u) & ~0x3Cu;  // also clears BP bits
    } else if (qer == 3) {
      op = 0x3E;
      arg = sr2 | 0x80u;
    } else if (qer == 6) {
      op = 0x31;
      arg = sr2 | 0x02u;
    } else {
      arg = sr1 | (sr2 | 0x02u) << 8;
      bytes = 2;
    }
    lut_.seq(kQuadEnable).cmd(op).write();
    f.device_mode_cfg_enable = 1;
    f.device_mode_type = 1;  // QuadEnable
    f.device_mode_seq = {1, kQuadEnable};
    f.device_mode_arg = arg;
    r_.log.push_back(
        fmt::format("QE clear: device-mode QuadEnable via {:02X}h writing 0x{:0{}X} "
                    "(QER {})",
                    op, arg, 2 * bytes, qer));
    return nd::status::kSuccess;
  }

  nd::Status read_register(std::uint8_t op, std::uint8_t& out) {
    LutBuilder l;
    l.seq(0).cmd(op).read();
    nd::Status s = d_.update_lut(nd::FlexspiNorDriver::kIpSeq, l.words().data(), 1);
    if (s == nd::status::kSuccess)
      s = d_.xfer({nd::XferOp::kRead, 0, nd::FlexspiNorDriver::kIpSeq, 1, nullptr, &out, 1});
    return s;
  }

  // §8.4 step 7: the fastest read the BFPT offers.
  void read_command() {
    const std::uint32_t d1 = dw(1), d3 = dw(3);
    const unsigned abits = addr32_ ? 32 : 24;
    unsigned dummy = 0;
    std::string what;
    if (d1 & (1u << 21)) {  // 1-4-4
      const std::uint8_t op = addr32_ ? 0xEC : static_cast<std::uint8_t>(d3 >> 8);
      dummy = (d3 & 0x1F) + ((d3 >> 5) & 7);
      if (o_.dummy_cycles()) dummy = o_.dummy_cycles();
      lut_.seq(kRead).cmd(op).addr(abits, 4).dummy(dummy, 4).read(4);
      quad_ = true;
      what = fmt::format("1-4-4 {:02X}h", op);
    } else if (d1 & (1u << 22)) {  // 1-1-4
      const std::uint8_t op = addr32_ ? 0x6C : static_cast<std::uint8_t>(d3 >> 24);
      dummy = ((d3 >> 16) & 0x1F) + ((d3 >> 21) & 7);
      if (o_.dummy_cycles()) dummy = o_.dummy_cycles();
      lut_.seq(kRead).cmd(op).addr(abits).dummy(dummy, 4).read(4);
      quad_ = true;
      what = fmt::format("1-1-4 {:02X}h", op);
    } else {
      const std::uint8_t op = addr32_ ? 0x13 : 0x03;
      lut_.seq(kRead).cmd(op).addr(abits).read();
      what = fmt::format("1-1-1 {:02X}h", op);
    }
    r_.log.push_back(fmt::format("read command {} with {} dummy cycles", what, dummy));
  }

  // §8.4 step 8.
  void fixed_sequences() {
    const unsigned abits = addr32_ ? 32 : 24;
    lut_.seq(kWriteEnable).cmd(0x06);
    lut_.seq(kReadStatus).cmd(0x05).read();
    lut_.seq(kSectorErase).cmd(sector_op_).addr(abits);
    lut_.seq(kBlockErase).cmd(block_op_).addr(abits);
    lut_.seq(kChipErase).cmd(0x60);
    lut_.seq(kPageProgram).cmd(addr32_ ? 0x12 : 0x02).addr(abits).write();
  }

  // §8.4 step 9.
  void finish() {
    image::Fcb& f = r_.fcb;
    f.lookup_table = lut_.words();
    f.read_sample_clk_src = o_.misc_mode() == 5 ? 0 : 1;
    f.controller_misc_option = 1u << 4;  // safe configuration frequency for config commands
    if (o_.max_freq()) f.serial_clk_freq = static_cast<std::uint8_t>(o_.max_freq());
    f.sflash_pad_type = quad_ ? 4 : 1;
    const auto size = static_cast<std::uint32_t>(std::min<std::uint64_t>(size_, 0xFFFFFFFFu));
    (o_.flash_connection() == 2 ? f.sflash_b1_size : f.sflash_a1_size) = size;
    f.page_size = page_;
    f.sector_size = sector_;
    f.block_size = block_;
    f.is_uniform_block_size = sector_ == block_;
    f.busy_offset = 0;
    f.busy_bit_polarity = 0;
    f.serial_nor_type = 0;
    r_.log.push_back(fmt::format("FCB generated: serialClkFreq {}, readSampleClkSrc {}",
                                 f.serial_clk_freq, f.read_sample_clk_src));
  }

  nd::FlexspiNorDriver& d_;
  const ConfigOption& o_;
  ProbeResult& r_;
  LutBuilder lut_;
  std::uint32_t bfpt_[23] = {};
  unsigned bfpt_dwords_ = 0;
  std::uint64_t size_ = 0;
  bool addr32_ = false, quad_ = false;
  std::uint32_t page_ = 256, sector_ = 4096, block_ = 65536;
  std::uint8_t sector_op_ = 0x20, block_op_ = 0xD8;
};

}  // namespace

ProbeResult probe_sfdp(nd::FlexspiNorDriver& driver, const ConfigOption& option) {
  ProbeResult r;
  r.status = Probe(driver, option, r).run();
  return r;
}

}  // namespace xipsim::host
