#include "xipsim/soc/src_block.h"

namespace xipsim::soc {

namespace {
std::vector<RegisterDef> src_table() {
  std::vector<RegisterDef> t{
      {"SCR", static_cast<std::uint32_t>(src_reg::SCR), 0, 0xFFFFFFFFu},
      {"SRSR", static_cast<std::uint32_t>(src_reg::SRSR), SrcBlock::IPP_RESET_B, 0, 0x1FFu}};
  for (std::uint64_t g = src_reg::GPR1; g <= src_reg::GPR10; g += 4)
    t.push_back({"GPR", static_cast<std::uint32_t>(g), 0, 0xFFFFFFFFu});
  return t;
}
}  // namespace

SrcBlock::SrcBlock(sc_core::sc_module_name name, std::uint64_t bus_base, std::uint64_t size,
                   Picoseconds latency)
    : RegisterBlock(name, bus_base, size, latency, src_table(), Others::kReadOnly) {}

void SrcBlock::power_on() {
  set_word(src_reg::SCR, 0);
  set_word(src_reg::SRSR, IPP_RESET_B);
  for (std::uint64_t g = src_reg::GPR1; g <= src_reg::GPR10; g += 4)
    set_word(g, 0);
}

void SrcBlock::record_reset(std::uint32_t bits) {
  set_word(src_reg::SRSR, word(src_reg::SRSR) | bits);
}

std::string SrcBlock::srsr_text(std::uint32_t srsr) {
  static const char* const kNames[] = {"ipp_reset_b",      "lockup_sysresetreq", "csu_reset_b",
                                       "ipp_user_reset_b", "wdog_rst_b",         "jtag_rst_b",
                                       "jtag_sw_rst",      "wdog3_rst_b",        "tempsense_rst_b"};
  std::string out;
  for (unsigned i = 0; i < 9; ++i)
    if (srsr & (1u << i)) out += (out.empty() ? "" : ", ") + std::string(kNames[i]);
  return out.empty() ? "none" : out;
}

}  // namespace xipsim::soc
