// The VCD tap prints the frames the board saw: one SCLK rise per slot, CS# low around them, and
// the command bits on IO0. A 9Fh JEDEC-ID read of 3 bytes is 8 + 24 = 32 SCLK cycles.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "flexspi_rig.h"
#include "xipsim/board/vcd_writer.h"
#include "xipsim/core/errors.h"

namespace xipsim::test {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

TEST(VcdTap, JedecIdReadShows32SclkRisesAndOneCsWindow) {
  const std::string path = ::testing::TempDir() + "xipsim_vcd_test.vcd";
  {
    FlexspiRig rig;
    board::VcdWriter vcd(path);
    rig.board().set_observer(&vcd);
    rig.configure(8 << 20);
    load_standard_lut(rig);
    std::uint8_t id[3];
    ASSERT_TRUE(rig.transfer(0, 10, false, id, 3).ok);
    EXPECT_EQ(vcd.frames_written(), 1u);
  }
  const std::string text = slurp(path);
  // Port A1 signals use ids '!' (CS_B), '"' (SCLK), '#' (IO0), '$' (IO1).
  EXPECT_NE(text.find("$var wire 1 \" SCLK $end"), std::string::npos);
  std::size_t rises = 0, cs_low = 0;
  std::istringstream lines(text.substr(text.find("$end\n#")));
  for (std::string l; std::getline(lines, l);) {
    if (l == "1\"") ++rises;
    if (l == "0!") ++cs_low;
  }
  EXPECT_EQ(rises, 32u);
  EXPECT_EQ(cs_low, 1u);
}

TEST(VcdTap, UnwritablePathIsAnInputError) {
  EXPECT_THROW(board::VcdWriter vcd("/nonexistent-dir/x.vcd"), xipsim::InputError);
}

}  // namespace
}  // namespace xipsim::test
