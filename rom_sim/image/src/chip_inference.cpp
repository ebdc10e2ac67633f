// Which chip an image is for, when --chip is not given: from the FlexSPI window its addresses
// (or its IVT) use, where its FCB sits, and containers only one family uses.
#include <fmt/format.h>

#include <algorithm>

#include "inspect_internal.h"
#include "xipsim/image/bytes.h"

namespace xipsim::image::detail {

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v)
    s += (s.empty() ? "" : ", ") + x;
  return s;
}

// Flat view of the file's first bytes as they sit relative to the lowest address / file start.
std::vector<std::uint8_t> head_bytes(const LoadedFile& f, std::size_t n) {
  std::vector<std::uint8_t> out(n, 0xFF);
  const std::uint64_t base = f.lowest();
  for (const auto& s : f.segments) {
    if (s.address - base >= n) break;
    const std::size_t off = static_cast<std::size_t>(s.address - base);
    const std::size_t len = std::min(n - off, s.data.size());
    std::copy(s.data.begin(), s.data.begin() + static_cast<std::ptrdiff_t>(len),
              out.begin() + static_cast<std::ptrdiff_t>(off));
  }
  return out;
}

// An RT5xx/RT6xx master boot image: Cortex-M vector table at 0x1000 whose word 8 is the image
// length and word 9 the image type (the MBI header lives in reserved vector slots).
bool looks_like_mbi(const std::uint8_t* p) {
  const std::uint32_t sp = le32(p), reset = le32(p + 4), len = le32(p + 0x20),
                      type = le32(p + 0x24);
  return (sp >> 28) >= 1 && (sp >> 28) <= 3 && (reset & 1) && len >= 0x40 && len < (64u << 20) &&
         (type & 0xFF) <= 0x0A && (type >> 16) == 0;
}

}  // namespace

namespace {

// The chips still possible, and why the others were dropped.
struct Candidates {
  std::vector<const chips::ChipProfile*> chips;
  std::vector<std::string> reasons;
  // Keeps the chips `pred` holds for, unless that would drop all or none of them.
  template <typename Pred>
  void narrow(Pred pred, const std::string& why) {
    std::vector<const chips::ChipProfile*> keep;
    for (auto* c : chips) {
      if (pred(*c)) keep.push_back(c);
    }
    if (!keep.empty() && keep.size() < chips.size()) {
      chips = keep;
      reasons.push_back(why);
    }
  }
};

// 1. The address window the image uses.
void narrow_by_window(const LoadedFile& file, const BinStartGuess& guess, Candidates& cands) {
  std::optional<std::uint64_t> addr;
  if (file.has_addresses) {
    for (const auto& s : file.segments) {
      bool in_window = false;
      for (auto* c : cands.chips)
        in_window = in_window || c->instance_at(s.address) != nullptr;
      if (in_window) {
        addr = s.address;
        break;
      }
    }
  } else if (guess.bd_start) {
    addr = guess.bd_start;
  }
  if (!addr) return;
  cands.narrow([&](const chips::ChipProfile& c) { return c.instance_at(*addr) != nullptr; },
               fmt::format("addresses in a FlexSPI window at {}", hex32(*addr & 0xFF000000)));
  cands.narrow(
      [&](const chips::ChipProfile& c) {
        auto* i = c.instance_at(*addr);
        return i && i->boot;
      },
      "that window is the chip's boot FlexSPI");
}

// 2. FCB offset, RT118x AHAB container, RT5xx/6xx MBI.
void narrow_by_layout(const LoadedFile& file, const BinStartGuess& guess, Candidates& cands) {
  // FlexSPI windows are 128 MiB aligned, so an address modulo 128 MiB is its flash offset.
  const std::uint64_t start =
      file.has_addresses ? (file.lowest() & 0x07FFFFFF) : guess.start.value_or(0);
  std::vector<std::uint8_t> head = head_bytes(file, 0x1100);
  auto at = [&](std::uint64_t flash_off) -> const std::uint8_t* {
    if (flash_off < start || flash_off - start + 0x40 > head.size()) return nullptr;
    return head.data() + (flash_off - start);
  };
  for (std::uint32_t off : {0x000u, 0x400u}) {
    const std::uint8_t* p = at(off);
    if (p && has_fcb_tag(p, 4)) {
      cands.narrow([&](const chips::ChipProfile& c) { return c.fcb_offset == off; },
                   fmt::format("FCB at flash offset {:#05x}", off));
      break;
    }
  }
  const std::uint8_t* p = at(0x1000);
  if (!p) return;
  if (decode_ahab(p, 0x40)) {
    cands.narrow([](const chips::ChipProfile& c) { return c.family == "rt118x"; },
                 "AHAB container at 0x1000");
  } else if (!is_ivt(p, 0x20) && looks_like_mbi(p)) {
    cands.narrow([](const chips::ChipProfile& c) { return c.family == "rt5xx_6xx"; },
                 "master boot image (vector table with MBI header) at 0x1000 instead of an IVT");
  }
}

// Deterministic pick: a supported candidate if any, the last in catalog order (the newest part of
// a family shares its predecessors' layout).
const chips::ChipProfile* pick_one(const std::vector<const chips::ChipProfile*>& cands) {
  const chips::ChipProfile* pick = nullptr;
  for (auto* c : cands) {
    if (c->supported) pick = c;
  }
  if (!pick && !cands.empty()) pick = cands.back();
  return pick;
}

void report_pick(const chips::ChipProfile& pick, const Candidates& cands, InspectReport& r) {
  r.chip = pick.name;
  if (cands.chips.size() == 1) {
    r.add("CHIP-INFERRED", Severity::kInfo,
          fmt::format("no --chip given; the layout fits only {} ({})", pick.name,
                      r.chip_reasoning));
    return;
  }
  r.add("CHIP-UNDECIDED", Severity::kWarning,
        fmt::format("no --chip given; the layout ({}) fits {}: checked against {}. Chip-specific "
                    "values (serialClkFreq table, RAM sizes, ROM log address) may differ - pass "
                    "--chip",
                    r.chip_reasoning, join(r.chip_candidates), pick.name));
}

}  // namespace

const chips::ChipProfile* infer_chip(const LoadedFile& file, const BinStartGuess& guess,
                                     const chips::ChipCatalog& catalog, InspectReport& r) {
  Candidates cands;
  for (const auto& c : catalog.all())
    cands.chips.push_back(&c);
  narrow_by_window(file, guess, cands);
  narrow_by_layout(file, guess, cands);
  const chips::ChipProfile* pick = pick_one(cands.chips);
  for (auto* c : cands.chips)
    r.chip_candidates.push_back(c->name);
  r.chip_reasoning =
      cands.reasons.empty() ? "nothing in the file narrows the chip down" : join(cands.reasons);
  if (pick) report_pick(*pick, cands, r);
  return pick;
}

}  // namespace xipsim::image::detail
