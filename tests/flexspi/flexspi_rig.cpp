#include "flexspi_rig.h"

#include "xipsim/flexspi/registers.h"

namespace xipsim::test {

namespace reg = flexspi::reg;
namespace bits = flexspi::bits;

IpResult FlexspiRig::check_and_clear_error(std::uint32_t intr) {
  IpResult r;
  r.intr = intr;
  const std::uint32_t errors = bits::INTR_SEQTIMEOUT | bits::INTR_IPCMDERR | bits::INTR_IPCMDGE;
  if (intr & errors) {
    r.ok = false;
    r.sts1 = rd(reg::STS1);
    wr(reg::INTR, intr & errors);
  }
  return r;
}

IpResult FlexspiRig::write_blocking(const std::uint8_t* data, std::size_t size) {
  const std::size_t wm = ((rd(reg::IPTXFCR) >> 2 & 0xF) + 1) * 8;
  while (size) {
    std::uint32_t intr;
    while (!((intr = rd(reg::INTR)) & bits::INTR_IPTXWE)) {
    }
    IpResult r = check_and_clear_error(intr);
    if (!r.ok) return r;
    const std::size_t n = size >= wm ? wm : size;
    for (std::size_t i = 0; i < n; i += 4) {
      std::uint32_t w = 0;
      for (std::size_t b = 0; b < 4 && i + b < n; ++b)
        w |= std::uint32_t{data[i + b]} << (8 * b);
      wr(reg::TFDR0 + static_cast<std::uint32_t>(i), w);
    }
    data += n;
    size -= n;
    wr(reg::INTR, bits::INTR_IPTXWE);  // push one watermark level
  }
  return {};
}

IpResult FlexspiRig::read_blocking(std::uint8_t* data, std::size_t size) {
  const std::size_t wm = ((rd(reg::IPRXFCR) >> 2 & 0xF) + 1) * 8;
  while (size) {
    std::uint32_t intr = 0;
    if (size >= wm) {
      while (!((intr = rd(reg::INTR)) & bits::INTR_IPRXWA)) {
        IpResult r = check_and_clear_error(intr);
        if (!r.ok) return r;
      }
    } else {
      while (size > (rd(reg::IPRXFSTS) & 0xFF) * 8) {
        IpResult r = check_and_clear_error(rd(reg::INTR));
        if (!r.ok) return r;
      }
    }
    const std::size_t n = size >= wm ? wm : size;
    for (std::size_t i = 0; i < n; i += 4) {
      const std::uint32_t w = rd(reg::RFDR0 + static_cast<std::uint32_t>(i));
      for (std::size_t b = 0; b < 4 && i + b < n; ++b)
        data[i + b] = static_cast<std::uint8_t>(w >> (8 * b));
    }
    data += n;
    size -= n;
    wr(reg::INTR, bits::INTR_IPRXWA);  // pop one watermark level
  }
  return {};
}

IpResult FlexspiRig::transfer(std::uint32_t address, unsigned seq, bool is_write,
                              std::uint8_t* data, std::size_t size, unsigned seq_count) {
  while ((rd(reg::STS0) & 3) != 3) {
  }
  wr(reg::FLSHA1CR2, rd(reg::FLSHA1CR2) | bits::FLSHCR2_CLRINSTRPTR);
  wr(reg::INTR, bits::INTR_AHBCMDERR | bits::INTR_IPCMDERR | bits::INTR_AHBCMDGE |
                    bits::INTR_IPCMDGE | bits::INTR_IPCMDDONE);
  wr(reg::IPCR0, address);
  wr(reg::IPTXFCR, rd(reg::IPTXFCR) | bits::FIFO_CLR);
  wr(reg::IPRXFCR, rd(reg::IPRXFCR) | bits::FIFO_CLR);
  wr(reg::IPCR1, static_cast<std::uint32_t>(size) | seq << 16 | (seq_count - 1) << 24);
  wr(reg::IPCMD, bits::IPCMD_TRG);
  IpResult r;
  if (data && size) r = is_write ? write_blocking(data, size) : read_blocking(data, size);
  std::uint32_t intr;
  while (!((intr = rd(reg::INTR)) & bits::INTR_IPCMDDONE)) {
  }
  while ((rd(reg::STS0) & 3) != 3) {
  }
  if (r.ok) r = check_and_clear_error(rd(reg::INTR));
  return r;
}

void load_standard_lut(FlexspiRig& rig) {
  rig.load_lut(0, {lut_word(instr(0x01, kPad1, 0xEB), instr(0x02, kPad4, 24)),
                   lut_word(instr(0x0C, kPad4, 6), instr(0x09, kPad4, 4))});
  rig.load_lut(1, {lut_word(instr(0x01, kPad1, 0x05), instr(0x09, kPad1, 4))});
  rig.load_lut(3, {lut_word(instr(0x01, kPad1, 0x06))});
  rig.load_lut(5, {lut_word(instr(0x01, kPad1, 0x20), instr(0x02, kPad1, 24))});
  rig.load_lut(9, {lut_word(instr(0x01, kPad1, 0x02), instr(0x02, kPad1, 24)),
                   lut_word(instr(0x08, kPad1, 4))});
  rig.load_lut(10, {lut_word(instr(0x01, kPad1, 0x9F), instr(0x09, kPad1, 4))});
  rig.load_lut(11, {lut_word(instr(0x01, kPad1, 0x03), instr(0x02, kPad1, 24)),
                    lut_word(instr(0x09, kPad1, 4))});
}

void set_quad_enable(FlexspiRig& rig) {
  const flash::PartSpec& part = rig.flash().part();
  const flash::FieldRef& qe = part.bits.qe;
  if (!qe.valid()) return;
  const std::string& name = part.registers[static_cast<std::size_t>(qe.reg)].name;
  rig.flash().set_register(name, rig.flash().nonvolatile_register(name) | qe.mask());
}

}  // namespace xipsim::test
