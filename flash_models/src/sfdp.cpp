#include "xipsim/flash/sfdp.h"

#include <algorithm>

namespace xipsim::flash {
namespace {

void put32(std::vector<std::uint8_t>& v, std::size_t at, std::uint32_t x) {
  for (int i = 0; i < 4; ++i)
    v[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(x >> (8 * i));
}

// BFPT read-setting halfword: [4:0] wait states, [7:5] mode clocks, [15:8] opcode.
std::uint32_t setting(const PartSpec& p, const CommandSpec* c) {
  if (!c) return 0;
  const unsigned total = p.power_on_dummy(*c);
  const unsigned wait = total - std::min(total, c->mode_cycles);
  return (wait & 0x1F) | ((c->mode_cycles & 7) << 5) | (static_cast<std::uint32_t>(c->opcode) << 8);
}

const CommandSpec* read_with_bus(const PartSpec& p, unsigned cmd, unsigned addr, unsigned data,
                                 AddressMode mode) {
  for (const auto& c : p.commands) {
    if (c.kind == CommandKind::kRead && c.cmd_pads == cmd && c.addr_pads == addr &&
        c.data_pads == data && c.address == mode)
      return &c;
  }
  return nullptr;
}

unsigned log2u(std::uint64_t v) {
  unsigned n = 0;
  while ((1ull << n) < v)
    ++n;
  return n;
}

// DWORD15: QER and the QPI enable/disable sequences.
std::uint32_t bfpt_dword15(const PartSpec& p) {
  std::uint32_t d15 = (p.sfdp.qer & 7u) << 20;
  if (const CommandSpec* en = p.find_kind(CommandKind::kEnterQpi)) {
    if (en->opcode == 0x38) d15 |= 1u << 5;  // enable 4-4-4: issue 38h
    if (en->opcode == 0x35) d15 |= 1u << 6;  // enable 4-4-4: issue 35h
  }
  if (const CommandSpec* ex = p.find_kind(CommandKind::kExitQpi, true)) {
    if (ex->opcode == 0xFF) d15 |= 1u << 0;  // disable: issue FFh
    if (ex->opcode == 0xF5) d15 |= 1u << 1;  // disable: issue F5h
  }
  return d15;
}

// DWORD16: 4-byte entry/exit methods and soft reset.
std::uint32_t bfpt_dword16(const PartSpec& p, bool four_byte_opcodes) {
  std::uint32_t d16 = 0;
  if (p.find_kind(CommandKind::kResetEnable)) d16 |= 1u << 12;
  if (const CommandSpec* b7 = p.find_kind(CommandKind::kEnter4Byte))
    d16 |= b7->needs_wren ? (1u << 25) : (1u << 24);
  if (const CommandSpec* e9 = p.find_kind(CommandKind::kExit4Byte))
    d16 |= e9->needs_wren ? (1u << 15) : (1u << 14);
  if (four_byte_opcodes) d16 |= 1u << 29;
  return d16;
}

// The part's 1-pad erase commands with the current address mode, one per size, ascending.
std::vector<const CommandSpec*> erase_types(const PartSpec& p) {
  std::vector<const CommandSpec*> erases;
  for (const auto& c : p.commands) {
    if (c.kind == CommandKind::kErase && c.cmd_pads == 1 && c.address == AddressMode::kCurrent)
      erases.push_back(&c);
  }
  std::sort(erases.begin(), erases.end(), [](const CommandSpec* a, const CommandSpec* b) {
    return a->erase_bytes < b->erase_bytes;
  });
  erases.erase(std::unique(erases.begin(), erases.end(),
                           [](const CommandSpec* a, const CommandSpec* b) {
                             return a->erase_bytes == b->erase_bytes;
                           }),
               erases.end());
  return erases;
}

std::vector<std::uint32_t> bfpt(const PartSpec& p, bool four_byte_opcodes, bool enter4) {
  const bool jesd216 = p.sfdp.revision == SfdpSpec::Revision::kJesd216;
  std::vector<std::uint32_t> dw(jesd216 ? 9 : 16, 0);
  const AddressMode cur = AddressMode::kCurrent;
  const CommandSpec* r112 = read_with_bus(p, 1, 1, 2, cur);
  const CommandSpec* r122 = read_with_bus(p, 1, 2, 2, cur);
  const CommandSpec* r114 = read_with_bus(p, 1, 1, 4, cur);
  const CommandSpec* r144 = read_with_bus(p, 1, 4, 4, cur);
  const CommandSpec* r444 = nullptr;
  for (const auto& c : p.commands) {
    if (c.kind == CommandKind::kRead && c.cmd_pads == 4 && c.opcode == 0xEB) r444 = &c;
  }
  const std::vector<const CommandSpec*> erases = erase_types(p);
  const CommandSpec* e4k = nullptr;
  for (const auto* e : erases) {
    if (e->erase_bytes == 4096) e4k = e;
  }

  // DWORD1: 4K erase, write granularity (bit2: page >= 64 B), address bytes, fast reads.
  std::uint32_t d1 = 0xFF800000u;  // [31:23] reserved, all ones
  d1 |= e4k ? (0x1u | (static_cast<std::uint32_t>(e4k->opcode) << 8)) : 0x3u;
  d1 |= 1u << 2;
  if (r112) d1 |= 1u << 16;
  const bool large = p.size_bytes > (16u << 20);
  const unsigned addr_bytes =
      (large && !p.sfdp.three_byte_only && (four_byte_opcodes || enter4)) ? 1 : 0;
  d1 |= addr_bytes << 17;
  if (r122) d1 |= 1u << 20;
  if (r144) d1 |= 1u << 21;
  if (r114) d1 |= 1u << 22;
  dw[0] = d1;
  dw[1] = static_cast<std::uint32_t>(p.size_bytes * 8 - 1);  // density: bits - 1 (< 4 Gbit)
  dw[2] = setting(p, r144) | (setting(p, r114) << 16);
  dw[3] = setting(p, r112) | (setting(p, r122) << 16);
  dw[4] = 0xFFFFFFEEu | (r444 ? (1u << 4) : 0u);  // bit0 2-2-2 not supported, bit4 4-4-4
  dw[5] = 0x0000FFFFu;
  dw[6] = 0x0000FFFFu | (setting(p, r444) << 16);
  for (std::size_t i = 0; i < 4; ++i) {
    std::uint32_t half = 0;
    if (i < erases.size())
      half = log2u(erases[i]->erase_bytes) | (static_cast<std::uint32_t>(erases[i]->opcode) << 8);
    dw[7 + i / 2] |= half << (16 * (i % 2));
  }
  if (jesd216) return dw;
  dw[10] = log2u(p.page_bytes) << 4;
  dw[13] = 0x1u << 2;  // busy polling: legacy status register (05h bit 0)
  dw[14] = bfpt_dword15(p);
  dw[15] = bfpt_dword16(p, four_byte_opcodes);
  return dw;
}

// 4-byte address instruction table (0xFF84): DWORD1 support flags, DWORD2 erase opcodes.
std::vector<std::uint32_t> four_byte_table(const PartSpec& p) {
  std::uint32_t d1 = 0, d2 = 0xFFFFFFFFu;
  const std::pair<std::uint8_t, unsigned> flags[] = {{0x13, 0}, {0x0C, 1}, {0x3C, 2}, {0xBC, 3},
                                                     {0x6C, 4}, {0xEC, 5}, {0x12, 6}, {0x34, 7}};
  for (const auto& [op, bit] : flags) {
    if (p.lookup(op, false)) d1 |= 1u << bit;
  }
  std::vector<const CommandSpec*> erases;
  for (const auto& c : p.commands) {
    if (c.kind == CommandKind::kErase && c.address == AddressMode::kFourByte) erases.push_back(&c);
  }
  std::sort(erases.begin(), erases.end(), [](const CommandSpec* a, const CommandSpec* b) {
    return a->erase_bytes < b->erase_bytes;
  });
  for (std::size_t i = 0; i < erases.size() && i < 4; ++i) {
    d1 |= 1u << (9 + i);
    d2 &= ~(0xFFu << (8 * i));
    d2 |= static_cast<std::uint32_t>(erases[i]->opcode) << (8 * i);
  }
  return {d1, d2};
}

}  // namespace

std::vector<std::uint8_t> build_sfdp(const PartSpec& p) {
  if (!p.sfdp.raw.empty()) return p.sfdp.raw;
  if (p.protocol == Protocol::kHyperBus) return {};  // HyperFlash describes itself with CFI
  bool four_byte_opcodes = false;
  for (const auto& c : p.commands) {
    if (c.kind == CommandKind::kRead && c.address == AddressMode::kFourByte)
      four_byte_opcodes = true;
  }
  const bool enter4 = p.find_kind(CommandKind::kEnter4Byte) != nullptr;
  const auto table = bfpt(p, four_byte_opcodes, enter4);
  const bool with_4bait = four_byte_opcodes && p.sfdp.revision != SfdpSpec::Revision::kJesd216;
  const std::uint8_t minor = p.sfdp.revision == SfdpSpec::Revision::kJesd216    ? 0
                             : p.sfdp.revision == SfdpSpec::Revision::kJesd216A ? 5
                                                                                : 6;
  const std::size_t headers = with_4bait ? 2 : 1;
  const std::size_t bfpt_at = 0x30;  // after the headers, 16-byte aligned
  const std::size_t fb_at = bfpt_at + table.size() * 4;
  std::vector<std::uint8_t> out(fb_at + (with_4bait ? 8 : 0), 0xFF);
  out[0] = 'S';
  out[1] = 'F';
  out[2] = 'D';
  out[3] = 'P';
  out[4] = minor;
  out[5] = 1;
  out[6] = static_cast<std::uint8_t>(headers - 1);
  out[7] = 0xFF;
  auto header = [&](std::size_t at, std::uint16_t id, std::size_t dwords, std::size_t ptr) {
    out[at] = static_cast<std::uint8_t>(id & 0xFF);
    out[at + 1] = at == 8 ? minor : 0;
    out[at + 2] = 1;
    out[at + 3] = static_cast<std::uint8_t>(dwords);
    out[at + 4] = static_cast<std::uint8_t>(ptr);
    out[at + 5] = static_cast<std::uint8_t>(ptr >> 8);
    out[at + 6] = static_cast<std::uint8_t>(ptr >> 16);
    out[at + 7] = static_cast<std::uint8_t>(id >> 8);
  };
  header(8, 0xFF00, table.size(), bfpt_at);
  for (std::size_t i = 0; i < table.size(); ++i)
    put32(out, bfpt_at + 4 * i, table[i]);
  if (with_4bait) {
    header(16, 0xFF84, 2, fb_at);
    const auto fb = four_byte_table(p);
    put32(out, fb_at, fb[0]);
    put32(out, fb_at + 4, fb[1]);
  }
  return out;
}

}  // namespace xipsim::flash
