#include "xipsim/gdb/target_xml.h"

#include <fmt/format.h>

namespace xipsim::gdb {

unsigned register_bytes(unsigned n) {
  return n >= reg::kD0 && n < reg::kD0 + 16 ? 8 : 4;
}

namespace {
std::string build_xml() {
  std::string x =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target>\n"
      "<architecture>arm</architecture>\n<feature name=\"org.gnu.gdb.arm.m-profile\">\n";
  for (unsigned i = 0; i < 13; ++i)
    x += fmt::format("<reg name=\"r{}\" bitsize=\"32\" regnum=\"{}\"/>\n", i, i);
  x += "<reg name=\"sp\" bitsize=\"32\" type=\"data_ptr\" regnum=\"13\"/>\n"
       "<reg name=\"lr\" bitsize=\"32\" regnum=\"14\"/>\n"
       "<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"15\"/>\n"
       "<reg name=\"xpsr\" bitsize=\"32\" regnum=\"16\"/>\n</feature>\n"
       "<feature name=\"org.gnu.gdb.arm.m-system\">\n";
  const char* system[] = {"msp", "psp", "primask", "basepri", "faultmask", "control"};
  for (unsigned i = 0; i < 6; ++i)
    x += fmt::format("<reg name=\"{}\" bitsize=\"32\" regnum=\"{}\" group=\"system\"/>\n",
                     system[i], reg::kMsp + i);
  x += "</feature>\n<feature name=\"org.gnu.gdb.arm.vfp\">\n";
  for (unsigned i = 0; i < 16; ++i)
    x += fmt::format("<reg name=\"d{}\" bitsize=\"64\" type=\"ieee_double\" regnum=\"{}\"/>\n", i,
                     reg::kD0 + i);
  x += fmt::format("<reg name=\"fpscr\" bitsize=\"32\" group=\"float\" regnum=\"{}\"/>\n",
                   reg::kFpscr);
  return x + "</feature>\n</target>\n";
}
}  // namespace

const std::string& target_xml() {
  static const std::string xml = build_xml();
  return xml;
}

}  // namespace xipsim::gdb
