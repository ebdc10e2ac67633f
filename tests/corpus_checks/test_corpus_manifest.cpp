// Every binary file of ../shared/corpus/MANIFEST.json, inspected and compared with the facts the
// manifest records (computed there by an independent scanner): format, load address, flash
// offset of the file, FCB fields, IVT/boot-data fields, XIP, DCD/CSF presence, entry convention,
// AHAB container fields.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.h"
#include "xipsim/chips/chip_catalog.h"
#include "xipsim/core/yaml_reader.h"
#include "xipsim/image/bytes.h"

using nlohmann::json;
using namespace xipsim;
using namespace xipsim::image;

namespace {

std::vector<json> binary_entries();
const json& entry(const std::string& rel) {
  static const std::map<std::string, json> by_rel = [] {
    std::map<std::string, json> m;
    for (const auto& e : binary_entries())
      m[e["rel"]] = e;
    return m;
  }();
  return by_rel.at(rel);
}
std::vector<std::string> binary_rels() {
  std::vector<std::string> out;
  for (const auto& e : binary_entries())
    out.push_back(e["rel"]);
  return out;
}

std::vector<json> binary_entries() {
  std::ifstream in(test::corpus_dir() + "/MANIFEST.json");
  if (!in) return {};
  const json all = json::parse(in);
  std::vector<json> out;
  for (const auto& e : all) {
    const std::string f = e["format"];
    if (f == "bin" || f == "ihex" || f == "srec" || f == "elf") out.push_back(e);
  }
  return out;
}

std::uint64_t num(const json& v) {
  if (v.is_number()) return v.get<std::uint64_t>();
  return *parse_unsigned(v.get<std::string>());
}

std::string instr_text(const LutInstr& i) {  // the manifest's spelling: CMD_SDR/1pad/0xEB
  return fmt::format("{}/{}pad/0x{:02X}", i.name(), i.pads(), i.operand);
}

class CorpusFile : public ::testing::TestWithParam<std::string> {};

// Flat copy of the file as the manifest's scanner saw it: a bin from its first byte, an addressed
// file from the 64 KiB boundary below its lowest address (so offsets are flash offsets); gaps 0xFF.
std::vector<std::uint8_t> flat(const LoadedFile& f) {
  const std::uint64_t base = f.has_addresses ? (f.lowest() & ~0xFFFFull) : 0;
  const std::uint64_t n = std::min<std::uint64_t>(f.highest_end() - base, 1u << 20);
  std::vector<std::uint8_t> out(n, 0xFF);
  for (const auto& s : f.segments) {
    if (s.address - base >= n) continue;
    const std::size_t len =
        static_cast<std::size_t>(std::min<std::uint64_t>(n - (s.address - base), s.data.size()));
    std::copy(s.data.begin(), s.data.begin() + static_cast<std::ptrdiff_t>(len),
              out.begin() + static_cast<std::ptrdiff_t>(s.address - base));
  }
  return out;
}

void check_fcb(const json& m, const InspectReport& r) {
  ASSERT_TRUE(r.fcb.has_value()) << "manifest has an FCB, xipsim found none";
  if (m["fcb"]["flash_offset"].is_string()) {
    EXPECT_EQ(*r.fcb_offset, num(m["fcb"]["flash_offset"]));
  } else {
    EXPECT_EQ(*r.fcb_offset - *r.file_start_offset, num(m["fcb"]["file_offset"]));
  }
  const Fcb& f = *r.fcb;
  const json& e = m["fcb"];
  EXPECT_EQ(fmt::format("{:08x}", f.version), e["version"].get<std::string>());
  EXPECT_EQ(f.read_sample_clk_src, e["readSampleClkSrc"].get<int>());
  EXPECT_EQ(f.serial_clk_freq, e["serialClkFreq"].get<int>());
  EXPECT_EQ(f.device_type, e["deviceType"].get<int>());
  EXPECT_EQ(f.sflash_pad_type, e["sflashPadType"].get<int>());
  EXPECT_EQ(f.sflash_a1_size, num(e["sflashA1Size"]));
  EXPECT_EQ(f.sflash_b1_size, num(e["sflashB1Size"]));
  EXPECT_EQ(f.controller_misc_option, num(e["controllerMiscOption"]));
  EXPECT_EQ(f.page_size, num(e["pageSize"]));
  EXPECT_EQ(f.sector_size, num(e["sectorSize"]));
  EXPECT_EQ(f.block_size, num(e["blockSize"]));
  EXPECT_EQ(f.ipcmd_serial_clk_freq, e["ipcmdSerialClkFreq"].get<int>());
  EXPECT_EQ(f.serial_nor_type, e["serialNorType"].get<int>());
  for (int w = 0; w < 4; ++w)
    EXPECT_EQ(f.lookup_table[w], num(e["lut0_raw"][w])) << "LUT word " << w;
  std::vector<std::string> got;
  for (const auto& i : executed_part(f.sequence(0))) {
    if (!i.ends_sequence()) got.push_back(instr_text(i));
  }
  EXPECT_EQ(got, e["lut0"].get<std::vector<std::string>>());
  EXPECT_EQ(f.sequence(0)[0].operand, num(e["readCmd"]));
}

void check_ivt(const json& m, const LoadedFile& file, const InspectReport& r) {
  const json& e = m["ivt"];
  const auto bytes = flat(file);
  const auto at = find_ivt(bytes.data(), bytes.size());
  ASSERT_TRUE(at.has_value()) << "manifest has an IVT, xipsim's search found none";
  EXPECT_EQ(*at, num(e["file_offset"]));
  const Ivt v = decode_ivt(bytes.data() + *at);
  EXPECT_EQ(fmt::format("{:#04x}", v.header.param), e["version"].get<std::string>());
  EXPECT_EQ(v.entry, num(e["entry"]));
  EXPECT_EQ(v.dcd, num(e["dcd"]));
  EXPECT_EQ(v.boot_data, num(e["boot_data"]));
  EXPECT_EQ(v.self, num(e["self"]));
  EXPECT_EQ(v.csf, num(e["csf"]));
  // The full inspection sees the same IVT whenever it sits at the chip's IVT offset.
  if (!r.ivt || !r.boot_data) return;
  EXPECT_EQ(r.ivt->entry, v.entry);
  EXPECT_EQ(r.boot_data->start, num(e["bd_start"]));
  EXPECT_EQ(r.boot_data->size, num(e["bd_size"]));
  EXPECT_EQ(r.boot_data->plugin, num(e["bd_plugin"]));
  EXPECT_EQ(r.dcd.has_value(), e["dcd_present"].get<bool>());
  if (e.contains("dcd_len") && r.dcd) {
    EXPECT_EQ(r.dcd->header.length, num(e["dcd_len"]));
  }
  EXPECT_EQ(r.csf_present, e["csf_present"].get<bool>());
  ASSERT_TRUE(r.xip.has_value());
  const auto& chip = chips::ChipCatalog::builtin().get(r.chip);
  if (e["xip"] == "XIP" && !chip.instance_at(r.boot_data->start)) {
    // The manifest calls an image XIP when boot data start lies in *any* chip's FlexSPI window.
    // spsdk's synthetic RT1010/RT1015 vectors use 0x3000_xxxx (RT117x) addresses: for the
    // labelled chip that is neither its window nor its RAM, which xipsim reports as an error.
    EXPECT_TRUE(test::has_finding(r, "BD-DEST-NOT-RAM"));
  } else {
    EXPECT_EQ(*r.xip ? "XIP" : "non-XIP", e["xip"].get<std::string>());
  }
  if (e.contains("entry_points_to")) {
    const std::string want = e["entry_points_to"];
    if (want.rfind("vector table", 0) == 0) {
      EXPECT_EQ(r.entry_kind, "vector table");
      EXPECT_EQ(want, fmt::format("vector table (SP=0x{:08X}, Reset=0x{:08X})", *r.entry_sp,
                                  *r.entry_reset));
    } else {
      EXPECT_NE(r.entry_kind, "vector table");
    }
  }
}

TEST_P(CorpusFile, MatchesManifest) {
  const json& m = entry(GetParam());
  const std::string path = test::corpus_dir() + "/" + m["rel"].get<std::string>();
  const LoadedFile file = load_file(path);
  const std::map<std::string, Format> fmts{{"bin", Format::kBin},
                                           {"ihex", Format::kIntelHex},
                                           {"srec", Format::kSrec},
                                           {"elf", Format::kElf}};
  EXPECT_EQ(file.format, fmts.at(m["format"]));
  EXPECT_EQ(file.file_size, m["size"].get<std::uint64_t>());
  // The manifest reads an ELF's PT_LOAD raw. Where that starts with the ELF header itself (its
  // vector-table guess is the ELF magic 0x464C457F, as in MCUXpresso's axf), xipsim keeps only
  // what the sections hold (objcopy's view): the same end, a later start.
  const bool header_in_load =
      m.contains("vector_table_guess") && m["vector_table_guess"]["sp"] == "0x464c457f";
  if (m.contains("load_addr")) {
    if (header_in_load)
      EXPECT_GT(file.lowest(), num(m["load_addr"]));
    else
      EXPECT_EQ(file.lowest(), num(m["load_addr"]));
  }
  if (m.contains("segments")) {
    // The manifest lists separate address ranges as [first, end) pairs.
    ASSERT_EQ(file.segments.size(), m["segments"].size());
    for (std::size_t i = 0; i < file.segments.size(); ++i) {
      if (!header_in_load || i > 0) EXPECT_EQ(file.segments[i].address, num(m["segments"][i][0]));
      EXPECT_EQ(file.segments[i].end(), num(m["segments"][i][1]));
    }
  }
  // Check against the chip the manifest labels the file with, when xipsim has that profile
  // ("RT10xx" and unlabelled files are left to xipsim's own inference).
  InspectOptions opt;
  if (chips::ChipCatalog::builtin().find(m["chip"].get<std::string>()))
    opt.chip = m["chip"].get<std::string>();
  const InspectReport r = inspect(file, opt, chips::ChipCatalog::builtin());
  const bool start_known =
      m.contains("file_start_flash_offset") && !m["file_start_flash_offset"].is_null();
  if (start_known) {
    ASSERT_TRUE(r.file_start_offset.has_value());
    EXPECT_EQ(*r.file_start_offset, num(m["file_start_flash_offset"])) << r.placement_reasoning;
  } else if (file.format == Format::kBin) {
    EXPECT_FALSE(r.file_start_inferred)
        << "xipsim inferred " << *r.file_start_offset << ": " << r.placement_reasoning;
  } else {
    EXPECT_TRUE(r.flash.empty()) << "manifest places nothing of this file in a FlexSPI window";
  }
  if (m.contains("fcb")) check_fcb(m, r);
  if (m.contains("ivt")) check_ivt(m, file, r);
  if (m.contains("ahab")) {
    const json& a = m["ahab"];
    const auto bytes = flat(file);
    const auto c =
        decode_ahab(bytes.data() + num(a["file_offset"]), bytes.size() - num(a["file_offset"]));
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->num_images, a["num_images"].get<int>());
    ASSERT_FALSE(c->images.empty());
    EXPECT_EQ(c->images[0].offset, num(a["img0_offset"]));
    EXPECT_EQ(c->images[0].size, num(a["img0_size"]));
    EXPECT_EQ(c->images[0].load, num(a["img0_load"]));
    EXPECT_EQ(c->images[0].entry, num(a["img0_entry"]));
    if (r.chip == "RT1180") {
      EXPECT_TRUE(r.family_unsupported);
    }
  }
}

std::string param_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string s = info.param;
  for (char& c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return s;
}

INSTANTIATE_TEST_SUITE_P(Manifest, CorpusFile, ::testing::ValuesIn(binary_rels()), param_name);

}  // namespace

TEST(Corpus, ManifestPresent) {
  ASSERT_GE(binary_entries().size(), 200u) << "corpus not found at " << test::corpus_dir();
}
