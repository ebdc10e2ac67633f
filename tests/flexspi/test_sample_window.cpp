// The sample-window matrix: read-sample mode x SCLK x DQS pad use x part -> outcome. Expected
// outcomes are the documented limits (boot-reference §5, field-failures F04, issue 4): internal
// loopback reliable to about 60 MHz and failing well above; DQS-pad loopback good at 133 MHz with
// a floating pad and failing when the pad is loaded or driven; flash DQS with a QSPI part (no
// strobe) failing. Two rows are computed by hand from the board parameters (docs/board-model.md).
// The same table is printed in docs/board-model.md.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "flexspi_rig.h"
#include "xipsim/board/sample_model.h"
#include "xipsim/flexspi/registers.h"

namespace xipsim::test {
namespace {

namespace reg = flexspi::reg;
namespace bits = flexspi::bits;
using board::DqsPadUse;

struct MatrixRow {
  unsigned rxclksrc;
  double mhz;
  DqsPadUse pad;
  const char* part;
  const char* outcome;
};

board::SamplePoint point(const MatrixRow& r, board::BoardTiming timing = {}) {
  const auto part = flash::load_part(r.part);
  timing.dqs = r.pad;
  board::FlashOutputTiming out{part->tclqv, part->tclqx, false};
  SampleSetup setup;
  setup.source = static_cast<SampleSource>(r.rxclksrc);
  setup.dll_delay = flexspi::Flexspi::kDelayCellPs;  // DLLCR reset: override, one cell
  return board::sample_point(timing, out, setup, static_cast<Picoseconds>(1e6 / r.mhz + 0.5));
}

class SampleMatrix : public ::testing::TestWithParam<MatrixRow> {};

TEST_P(SampleMatrix, OutcomeMatchesTheDocumentedLimit) {
  const MatrixRow& r = GetParam();
  EXPECT_EQ(board::outcome_name(point(r)), r.outcome)
      << "RXCLKSRC " << r.rxclksrc << " at " << r.mhz << " MHz, pad " << board::to_string(r.pad)
      << ", " << r.part;
}

const char* kParts[] = {"IS25WP064A",  "IS25LP256E", "W25Q64JV-IQ", "MT25QL256",
                        "MX25L25645G", "GD25Q64C",   "AT25SF128A"};

std::vector<MatrixRow> matrix() {
  std::vector<MatrixRow> rows;
  for (const char* p : kParts) {
    rows.push_back({0, 30, DqsPadUse::kFloating, p, "ok"});
    rows.push_back({0, 60, DqsPadUse::kFloating, p, "ok"});
    rows.push_back({0, 100, DqsPadUse::kFloating, p, "transition"});
    rows.push_back({0, 133, DqsPadUse::kFloating, p, "transition"});
    rows.push_back({1, 30, DqsPadUse::kFloating, p, "ok"});
    rows.push_back({1, 133, DqsPadUse::kFloating, p, "ok"});
    rows.push_back({1, 133, DqsPadUse::kLoaded, p, "transition"});
    rows.push_back({1, 133, DqsPadUse::kDriven, p, "corrupted"});
    rows.push_back({1, 30, DqsPadUse::kDriven, p, "corrupted"});
    rows.push_back({3, 133, DqsPadUse::kFloating, p, "no strobe"});
    // A board on a chip without SCK-pad loopback (BoardTiming default; RT1170 per docs/chips.md).
    rows.push_back({2, 60, DqsPadUse::kFloating, p, "no strobe"});
  }
  return rows;
}

INSTANTIATE_TEST_SUITE_P(Table, SampleMatrix, ::testing::ValuesIn(matrix()));

TEST(SampleWindow, HandComputedMarginInternalLoopback60MHz) {
  // IS25WP064A: tCLQV 7 ns, tCLQX 2 ns. P = 16667 ps, P/2 = 8333.
  // D = SCLK pad 2200 + SCLK trace 200 + data trace 200 + data pad 2200 = 4800.
  // A = -8333 + 4800 + 7000 = 3467; window from A + setup 150 = 3617
  // B = 8333 + 4800 + 2000 = 15133; window to B - hold 150 = 14983.
  // S = internal strobe 3750 + one DLL cell 150 = 3900 -> margin min(283, 11083) = 283 ps.
  const board::SamplePoint p = point({0, 60, DqsPadUse::kFloating, "IS25WP064A", "ok"});
  EXPECT_EQ(p.strobe_ps, 3900);
  EXPECT_EQ(p.valid_from_ps, 3617);
  EXPECT_EQ(p.valid_to_ps, 14983);
  EXPECT_EQ(p.margin_ps, 283);
}

TEST(SampleWindow, HandComputedLongTracesSampleOneCycleEarly) {
  // 1000 ps traces each way, internal loopback at 133 MHz, IS25WP064A. P = 7519, P/2 = 3759.
  // D = 2200 + 1000 + 1000 + 2200 = 6400. Window k=0: [-3759 + 6400 + 7000 + 150, 3759 + 6400 +
  // 2000 - 150] = [9791, 12009]; k=-1: [2272, 4490]. S = 3900 lies in k=-1: previous data.
  board::BoardTiming t;
  t.trace_sclk = t.trace_data = 1000;
  const board::SamplePoint p = point({0, 133, DqsPadUse::kFloating, "IS25WP064A", "early"}, t);
  EXPECT_EQ(board::outcome_name(p), "early");
  EXPECT_EQ(p.shift, -1);
  EXPECT_EQ(p.margin_ps, 4490 - 3900);  // min(3900 - 2272, 4490 - 3900)
}

TEST(SampleWindow, SckPadLoopbackAt133MHzIgnoresWhatTheDqsPadIsWiredTo) {
  // RXCLKSRC 2 on a chip that has it (RT10xx, docs/chips.md): the strobe is SCLK taken back at
  // its own pad, S = internal strobe 3750 + SCLK pad out 2200 + SCLK pad in 2200 + one DLL cell
  // 150 = 8300 ps. IS25WP064A at 133 MHz (P = 7519, P/2 = 3759, D = 4800): window
  // [-3759 + 4800 + 7000 + 150, 3759 + 4800 + 2000 - 150] = [8191, 10409] -> margin 109 ps,
  // whatever the DQS pad does (F04's loaded pad breaks mode 1 at this clock, not mode 2).
  board::BoardTiming t;
  t.sck_pad_loopback_allowed = true;
  for (DqsPadUse pad : {DqsPadUse::kFloating, DqsPadUse::kLoaded, DqsPadUse::kDriven}) {
    const board::SamplePoint p = point({2, 133, pad, "IS25WP064A", "ok"}, t);
    EXPECT_EQ(board::outcome_name(p), "ok") << board::to_string(pad);
    EXPECT_EQ(p.strobe_ps, 8300);
    EXPECT_EQ(p.margin_ps, 109);
  }
  // The same pad loaded in mode 1 lands in a transition (the table's row 1/133/loaded).
  EXPECT_EQ(board::outcome_name(point({1, 133, DqsPadUse::kLoaded, "IS25WP064A", ""}, t)),
            "transition");
}

// End to end: quad EBh reads through the controller and the board.
struct QuadRig : FlexspiRig {
  std::vector<std::uint8_t> pattern = std::vector<std::uint8_t>(4096);
  QuadRig(double mhz, unsigned rxclksrc, DqsPadUse pad, Picoseconds trace = 200)
      : FlexspiRig("IS25WP064A", mhz) {
    set_quad_enable(*this);
    board().timing().dqs = pad;
    board().timing().trace_sclk = board().timing().trace_data = trace;
    configure(8 << 20);
    load_standard_lut(*this);
    wr(reg::MCR0, (rd(reg::MCR0) & ~0x30u) | rxclksrc << 4);
    for (std::size_t i = 0; i < pattern.size(); ++i)
      pattern[i] = static_cast<std::uint8_t>(i * 29 + 7);
    flash().array().write(0, pattern.data(), pattern.size());
  }
  std::vector<std::uint8_t> read64() {
    std::vector<std::uint8_t> out(64);
    EXPECT_TRUE(ahb_read(0x100, out.data(), out.size()).ok);
    return out;
  }
  std::vector<std::uint8_t> expected() const {
    return {pattern.begin() + 0x100, pattern.begin() + 0x140};
  }
};

TEST(SampleWindowEndToEnd, DqsLoopbackFloatingReadsCorrectlyAt133MHz) {
  QuadRig rig(133, 1, DqsPadUse::kFloating);
  EXPECT_EQ(rig.read64(), rig.expected());
}

TEST(SampleWindowEndToEnd, LoadedDqsPadCorruptsReadsAt133MHzReproducibly) {
  QuadRig a(133, 1, DqsPadUse::kLoaded), b(133, 1, DqsPadUse::kLoaded);
  const std::vector<std::uint8_t> got = a.read64();
  EXPECT_NE(got, a.expected());
  EXPECT_EQ(got, b.read64()) << "seeded: the same board gives the same bit errors";
}

TEST(SampleWindowEndToEnd, InternalLoopbackGoodAt60FailsAt133) {
  QuadRig ok(60, 0, DqsPadUse::kFloating), bad(133, 0, DqsPadUse::kFloating);
  EXPECT_EQ(ok.read64(), ok.expected());
  EXPECT_NE(bad.read64(), bad.expected());
}

TEST(SampleWindowEndToEnd, OneCycleEarlyShiftsQuadDataByANibble) {
  QuadRig rig(133, 0, DqsPadUse::kFloating, 1000);
  const std::vector<std::uint8_t> got = rig.read64(), want = rig.expected();
  // Each nibble is the one before it; the first comes from the last dummy cycle, where nobody
  // drives and the pull-ups read 0xF.
  EXPECT_EQ(got[0], 0xF0 | want[0] >> 4);
  for (std::size_t k = 1; k < got.size(); ++k)
    ASSERT_EQ(got[k], static_cast<std::uint8_t>((want[k - 1] & 0x0F) << 4 | want[k] >> 4)) << k;
}

TEST(SampleWindowEndToEnd, FlashDqsWithAQspiPartTimesOut) {
  QuadRig rig(133, 3, DqsPadUse::kFloating);
  rig.wr(reg::MCR1, 0x0100FFFF);
  std::uint8_t out[4];
  const flexspi::AhbResponse r = rig.ahb_read(0, out, 4);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("no read strobe"), std::string::npos);
}

}  // namespace
}  // namespace xipsim::test
