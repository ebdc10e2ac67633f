// Every SDR read sequence found in a corpus FCB (../shared/corpus/MANIFEST.json, fcb.lut0_raw)
// runs through the controller against every flash model whose command table matches it (same
// opcode, lines, address width and power-on dummy count, worked out here from the manifest's
// decoded LUT text) and must return the array contents, through the AHB path and the IP path.
// DDR sequences (octal EEh/11h, HyperFlash A0h) are left to test_octal and test_hyperflash: the
// corpus's octal read (spsdk's RT1189 test vector: DUMMY_DDR 4, 2 clocks) fits no part's power-on
// setting (MX25UM51345G: 20 clocks), and the HyperFlash reads need RWDS sampling.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "flexspi_rig.h"
#include "test_support.h"
#include "xipsim/flash/part_loader.h"
#include "xipsim/flexspi/registers.h"

namespace xipsim::test {
namespace {

namespace reg = flexspi::reg;
namespace bits = flexspi::bits;

struct Step {  // "CMD_SDR/1pad/0xEB"
  std::string name;
  bool ddr = false;
  unsigned pads = 1;
  unsigned operand = 0;
};

Step parse_step(const std::string& text) {
  Step s;
  std::stringstream in(text);
  std::string kind, pads, operand;
  std::getline(in, kind, '/');
  std::getline(in, pads, '/');
  std::getline(in, operand, '/');
  s.ddr = kind.find("_DDR") != std::string::npos;
  s.name = kind.substr(0, kind.size() - 4);  // strip _SDR/_DDR
  s.pads = static_cast<unsigned>(std::stoul(pads));
  s.operand = static_cast<unsigned>(std::stoul(operand, nullptr, 16));
  return s;
}

struct Sequence {
  std::vector<std::uint32_t> raw;
  std::vector<Step> steps;
  std::uint64_t a1_size = 0;
  std::string example;  // a corpus file that uses it
};

std::vector<Sequence> corpus_sequences() {
  std::ifstream f(corpus_dir() + "/MANIFEST.json");
  const nlohmann::json manifest = nlohmann::json::parse(f);
  std::map<std::vector<std::uint32_t>, Sequence> seen;
  for (const auto& e : manifest) {
    if (!e.contains("fcb") || !e["fcb"].contains("lut0_raw")) continue;
    Sequence s;
    for (const auto& w : e["fcb"]["lut0_raw"])
      s.raw.push_back(static_cast<std::uint32_t>(std::stoul(w.get<std::string>(), nullptr, 16)));
    for (const auto& t : e["fcb"]["lut0"])
      s.steps.push_back(parse_step(t.get<std::string>()));
    s.a1_size = std::stoull(e["fcb"]["sflashA1Size"].get<std::string>(), nullptr, 16);
    s.example = e["rel"].get<std::string>();
    seen.emplace(s.raw, s);
  }
  std::vector<Sequence> out;
  for (auto& [raw, s] : seen)
    out.push_back(s);
  return out;
}

// A part matches when it declares the opcode with the same lines and address width, and its
// power-on dummy count equals the LUT's mode + dummy cycles.
unsigned address_bits(const Sequence& s) {
  for (const Step& st : s.steps)
    if (st.name == "RADDR") return st.operand;
  return 0;
}

bool part_matches(const flash::PartSpec& part, const Sequence& s) {
  unsigned opcode = 0, addr_bits = 0, addr_pads = 1, data_pads = 1, between = 0;
  for (const Step& st : s.steps) {
    if (st.ddr) return false;
    if (st.name == "CMD") opcode = st.operand;
    if (st.name == "RADDR") addr_bits = st.operand, addr_pads = st.pads;
    if (st.name == "READ") data_pads = st.pads;
    if (st.name == "DUMMY") between += st.operand;
    if (st.name.rfind("MODE", 0) == 0) between += std::stoul(st.name.substr(4)) / st.pads;
  }
  const flash::CommandSpec* c = part.lookup(static_cast<std::uint8_t>(opcode), false);
  if (!c || c->kind != flash::CommandKind::kRead) return false;
  if (c->addr_pads != addr_pads || c->data_pads != data_pads) return false;
  // A part that powers up in 4-byte mode (MX25UM51345G) takes 32 bits for 03h too.
  const bool four =
      c->address == flash::AddressMode::kFourByte ||
      (c->address == flash::AddressMode::kCurrent && part.power_on_address_bytes == 4);
  if ((addr_bits == 32) != four) return false;
  return part.power_on_dummy(*c) == between;
}

TEST(CorpusFcbReads, EverySdrReadSequenceReturnsTheArrayOnAMatchingPart) {
  const std::vector<Sequence> seqs = corpus_sequences();
  ASSERT_GE(seqs.size(), 6u);
  unsigned sdr = 0, runs = 0;
  for (const Sequence& s : seqs) {
    const bool ddr =
        std::any_of(s.steps.begin(), s.steps.end(), [](const Step& st) { return st.ddr; });
    unsigned matched = 0;
    for (const std::string& name : flash::list_parts()) {
      const auto part = flash::load_part(name);
      if (!part_matches(*part, s)) continue;
      ++matched;
      FlexspiRig rig(name, 30);
      set_quad_enable(rig);
      const std::uint64_t size = std::min<std::uint64_t>(s.a1_size, part->size_bytes);
      rig.configure(static_cast<std::uint32_t>(size));
      rig.wr(reg::AHBCR, rig.rd(reg::AHBCR) | bits::AHBCR_PREFETCHEN);
      rig.load_lut(0, s.raw);
      std::vector<std::uint8_t> pattern(256);
      // A 24-bit address reaches the first 16 MiB only (above that it wraps: field failure F06).
      const std::uint64_t reach =
          address_bits(s) == 24 ? std::min<std::uint64_t>(size, 1u << 24) : size;
      for (const std::uint64_t at : {std::uint64_t{0}, std::uint64_t{0x1000}, reach - 256}) {
        for (std::size_t i = 0; i < pattern.size(); ++i)
          pattern[i] = static_cast<std::uint8_t>((at >> 8) + i * 31);
        rig.flash().array().write(at, pattern.data(), pattern.size());
        std::vector<std::uint8_t> ahb(64), ip(64);
        ASSERT_TRUE(rig.ahb_read(at + 16, ahb.data(), ahb.size()).ok);
        EXPECT_TRUE(std::equal(ahb.begin(), ahb.end(), pattern.begin() + 16))
            << name << " AHB at 0x" << std::hex << at << " with " << s.example;
        ASSERT_TRUE(
            rig.transfer(static_cast<std::uint32_t>(at + 16), 0, false, ip.data(), ip.size()).ok);
        EXPECT_EQ(ip, ahb) << name << " IP at 0x" << std::hex << at;
      }
      ++runs;
    }
    if (ddr) {
      EXPECT_EQ(matched, 0u) << "a DDR sequence found a part: extend this test";
    } else {
      ++sdr;
      EXPECT_GE(matched, 1u) << "no modelled part runs the read sequence of " << s.example;
    }
  }
  EXPECT_GE(sdr, 4u);  // EBh/6, EBh+MODE8/4, ECh 4-byte, 03h (manifest, 2026 corpus)
  EXPECT_GE(runs, 8u);
}

}  // namespace
}  // namespace xipsim::test
