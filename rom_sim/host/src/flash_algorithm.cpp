#include "xipsim/host/flash_algorithm.h"

#include <fmt/format.h>

#include <algorithm>

#include "xipsim/host/lut_builder.h"

namespace xipsim::host {

namespace nd = nor_driver;

namespace {

// The probe's own LUT slots (its choice; only the ROM cares about the FCB's conventions).
enum Seq : unsigned {
  kRead = 0,
  kStatus = 1,
  kReadId = 2,
  kWriteEnable = 3,
  kWriteWord = 4,
  kErase = 5,
  kProgram = 9
};
constexpr unsigned kSafeClockIndex = 1;                    // 30 MHz on every chip's table
constexpr Picoseconds kPollGap = 10'000'000;               // 10 us between status polls
constexpr Picoseconds kEraseLimit = 2'000'000'000'000ull;  // 2 s per sector
constexpr Picoseconds kProgramLimit = 50'000'000'000ull;   // 50 ms per page
constexpr std::uint32_t kSectorBytes = 4096;               // QSPI 4 KiB erase (20h)
constexpr std::uint32_t kHyperSectorBytes = 256 * 1024;    // S26KS sector
constexpr std::uint32_t kPageBytes = 256;

class Algo {
 public:
  Algo(nd::FlexspiNorDriver& d, const ProgramRequest& r, ProgramOutcome& out)
      : d_(d), r_(r), out_(out) {}

  void run() {
    if (!init()) return;
    if (!erase()) return;
    if (!program()) return;
    if (r_.verify && !verify()) return;
    out_.ok = true;
    out_.phase = "done";
    out_.text = fmt::format(
        "The {} algorithm erased, programmed{} {} bytes at flash offset 0x{:X}.",
        algorithm_name(r_.algorithm), r_.verify ? " and verified" : "", r_.data.size(), r_.offset);
  }

 private:
  bool hyper() const { return r_.algorithm == Algorithm::kHyperFlash; }

  bool fail(const std::string& phase, nd::Status s, const std::string& text) {
    out_.ok = false;
    out_.phase = phase;
    out_.status = s;
    out_.text = text;
    out_.log.push_back(text);
    return false;
  }

  bool init() {
    image::Fcb fcb;
    fcb.cs_hold_time = fcb.cs_setup_time = 3;
    fcb.serial_clk_freq = kSafeClockIndex;
    LutBuilder lut;
    if (hyper()) {
      // HyperBus: 8-pad DDR command-address (CA0 bit 7 = read), 16-bit word addressing, reads
      // strobed by RWDS (RXCLKSRC 3), as the S26KS HyperFlash on the RT1050 EVK needs.
      fcb.read_sample_clk_src = 3;
      fcb.column_address_width = 3;
      fcb.controller_misc_option = (1u << 6) | (1u << 3);  // DDR, word addressable
      fcb.sflash_a1_size = 64u << 20;
      lut.seq(kRead).cmd(0xA0, 8, true).addr(24, 8, true).column(16, 8, true);
      lut.dummy_rwds(0x0C, 8, true).read(8, true);
      lut.seq(kWriteWord).cmd(0x20, 8, true).addr(24, 8, true).column(16, 8, true).write(8, true);
      lut.seq(kStatus).cmd(0xA0, 8, true).addr(24, 8, true).column(16, 8, true);
      lut.dummy_rwds(0x0C, 8, true).read(8, true);
    } else {
      // QSPI: plain 1-pad SPI NOR at the safe clock, internal loopback sampling.
      fcb.sflash_a1_size = 16u << 20;
      lut.seq(kRead).cmd(0x03).addr(24).read();
      lut.seq(kReadId).cmd(0x9F).read();
      lut.seq(kStatus).cmd(0x05).read();
      lut.seq(kWriteEnable).cmd(0x06);
      lut.seq(kErase).cmd(0x20).addr(24);
      lut.seq(kProgram).cmd(0x02).addr(24).write();
    }
    fcb.lookup_table = lut.words();
    nd::Status s = d_.init(fcb);
    if (s == nd::status::kSuccess) s = d_.update_lut(0, lut.words().data(), 16);
    if (s != nd::status::kSuccess)
      return fail("init", s, fmt::format("setting up the FlexSPI failed: {}", nd::status_name(s)));
    out_.log.push_back(fmt::format("FlexSPI set up for the {} command set at {:.0f} MHz",
                                   algorithm_name(r_.algorithm), d_.sclk_mhz()));
    if (hyper()) return true;
    std::uint8_t id[4] = {};
    s = d_.xfer({nd::XferOp::kRead, 0, kReadId, 1, nullptr, id, 3});
    if (s != nd::status::kSuccess)
      return fail("init", s, fmt::format("reading the JEDEC ID failed: {}", nd::status_name(s)));
    out_.log.push_back(fmt::format("JEDEC ID {:02X} {:02X} {:02X}", id[0], id[1], id[2]));
    if ((id[0] == 0xFF && id[1] == 0xFF) || (id[0] == 0 && id[1] == 0))
      return fail("init", nd::status::kFail,
                  fmt::format("no flash answered the JEDEC ID command (read {:02X} {:02X} {:02X})",
                              id[0], id[1], id[2]));
    // Parts above 16 MiB (capacity code 0x19 and up): 4-byte opcodes with 32-bit addresses.
    if (id[2] >= 0x19 && id[2] < 0x22) {
      lut.seq(kRead).cmd(0x13).addr(32).read();
      lut.seq(kErase).cmd(0x21).addr(32);
      lut.seq(kProgram).cmd(0x12).addr(32).write();
      s = d_.update_lut(0, lut.words().data(), 16);
      out_.log.push_back("capacity above 16 MiB: 4-byte opcodes 13h/21h/12h");
    }
    return s == nd::status::kSuccess;
  }

  // Writes one HyperBus word (16 bits) at word address `word`.
  nd::Status hyper_write(std::uint32_t word, std::uint16_t value) {
    const std::uint8_t data[2] = {static_cast<std::uint8_t>(value >> 8),
                                  static_cast<std::uint8_t>(value)};
    return d_.xfer({nd::XferOp::kWrite, word * 2, kWriteWord, 1, data, nullptr, 2});
  }
  nd::Status hyper_unlock() {
    nd::Status s = hyper_write(0x555, 0xAA);
    if (s == nd::status::kSuccess) s = hyper_write(0x2AA, 0x55);
    return s;
  }

  // Polls until the part reports ready: SR bit 0 clear (QSPI) or status DQ7 set (HyperFlash,
  // after the 70h status-read command).
  nd::Status wait_ready(std::uint32_t offset, Picoseconds limit) {
    nd::BusAccess& bus = d_.bus();
    const Picoseconds end = bus.now() + limit;
    for (;;) {
      std::uint8_t sr[2] = {0, 0};
      nd::Status s = nd::status::kSuccess;
      if (hyper()) {
        s = hyper_write(0x555, 0x70);
        if (s == nd::status::kSuccess)
          s = d_.xfer({nd::XferOp::kRead, offset, kStatus, 1, nullptr, sr, 2});
        if (s == nd::status::kSuccess && (sr[1] & 0x80)) return s;
      } else {
        s = d_.xfer({nd::XferOp::kRead, offset, kStatus, 1, nullptr, sr, 1});
        if (s == nd::status::kSuccess && !(sr[0] & 0x01)) return s;
      }
      if (s != nd::status::kSuccess) return s;
      if (bus.now() > end) return nd::status::kTimeout;
      bus.wait(kPollGap);
    }
  }

  bool erase() {
    const std::uint32_t sector = hyper() ? kHyperSectorBytes : kSectorBytes;
    const std::uint32_t first = r_.offset - r_.offset % sector;
    const std::uint32_t end = r_.offset + static_cast<std::uint32_t>(r_.data.size());
    unsigned count = 0;
    for (std::uint32_t a = first; a < end; a += sector, ++count) {
      nd::Status s;
      if (hyper()) {
        s = hyper_unlock();
        if (s == nd::status::kSuccess) s = hyper_write(0x555, 0x80);
        if (s == nd::status::kSuccess) s = hyper_unlock();
        if (s == nd::status::kSuccess) s = hyper_write(a / 2, 0x30);
      } else {
        s = d_.xfer({nd::XferOp::kCommand, a, kWriteEnable, 1, nullptr, nullptr, 0});
        if (s == nd::status::kSuccess)
          s = d_.xfer({nd::XferOp::kCommand, a, kErase, 1, nullptr, nullptr, 0});
      }
      if (s == nd::status::kSuccess) s = wait_ready(a, kEraseLimit);
      if (s != nd::status::kSuccess)
        return fail("erase", s,
                    fmt::format("erasing the sector at 0x{:X} failed: the status poll {}", a,
                                s == nd::status::kTimeout ? "never reported ready"
                                                          : "failed with " + nd::status_name(s)));
    }
    out_.log.push_back(
        fmt::format("erased {} sector(s) of {} KiB from 0x{:X}", count, sector / 1024, first));
    return true;
  }

  bool program() {
    std::size_t done = 0;
    unsigned pages = 0;
    while (done < r_.data.size()) {
      const std::uint32_t a = r_.offset + static_cast<std::uint32_t>(done);
      const std::size_t n =
          std::min<std::size_t>(kPageBytes - a % kPageBytes, r_.data.size() - done);
      nd::Status s;
      if (hyper()) {
        // Word program per 16-bit word would take minutes of simulated CA cycles; the write
        // buffer command (25h at the sector, count, data, 29h) is what the algorithms use.
        s = hyper_unlock();
        if (s == nd::status::kSuccess) s = hyper_write(a / 2, 0x25);
        if (s == nd::status::kSuccess)
          s = hyper_write(a / 2, static_cast<std::uint16_t>((n + 1) / 2 - 1));
        if (s == nd::status::kSuccess)
          s = d_.xfer({nd::XferOp::kWrite, a, kWriteWord, 1, r_.data.data() + done, nullptr, n});
        if (s == nd::status::kSuccess) s = hyper_write(a / 2, 0x29);
      } else {
        s = d_.xfer({nd::XferOp::kCommand, a, kWriteEnable, 1, nullptr, nullptr, 0});
        if (s == nd::status::kSuccess)
          s = d_.xfer({nd::XferOp::kWrite, a, kProgram, 1, r_.data.data() + done, nullptr, n});
      }
      if (s == nd::status::kSuccess) s = wait_ready(a, kProgramLimit);
      if (s != nd::status::kSuccess)
        return fail("program", s,
                    fmt::format("programming the page at 0x{:X} failed: {}", a,
                                s == nd::status::kTimeout ? "the part never reported ready"
                                                          : nd::status_name(s)));
      done += n;
      ++pages;
    }
    out_.log.push_back(fmt::format("programmed {} page(s)", pages));
    return true;
  }

  bool verify() {
    d_.clear_cache();
    std::vector<std::uint8_t> back(r_.data.size());
    constexpr std::size_t kChunk = 1024;
    for (std::size_t i = 0; i < back.size(); i += kChunk) {
      const std::size_t n = std::min(kChunk, back.size() - i);
      if (!d_.ahb_read(r_.offset + i, back.data() + i, n))
        return fail("verify", nd::status::kFail,
                    fmt::format("reading back 0x{:X} through the memory-mapped window gave a bus "
                                "error",
                                r_.offset + i));
    }
    const auto mismatch = std::mismatch(back.begin(), back.end(), r_.data.begin());
    if (mismatch.first != back.end()) {
      const auto at = static_cast<std::uint32_t>(mismatch.first - back.begin());
      out_.first_mismatch = r_.offset + at;
      return fail("verify", nd::status::kFail,
                  fmt::format("verify failed at flash offset 0x{:X}: read 0x{:02X}, wrote 0x{:02X} "
                              "(\"Writing target memory failed\")",
                              r_.offset + at, *mismatch.first, *mismatch.second));
    }
    out_.log.push_back(
        fmt::format("verified {} bytes through the memory-mapped window", back.size()));
    return true;
  }

  nd::FlexspiNorDriver& d_;
  const ProgramRequest& r_;
  ProgramOutcome& out_;
};

}  // namespace

std::optional<Algorithm> parse_algorithm(const std::string& name) {
  if (name == "qspi") return Algorithm::kQspi;
  if (name == "hyperflash") return Algorithm::kHyperFlash;
  return std::nullopt;
}

const char* algorithm_name(Algorithm a) {
  return a == Algorithm::kQspi ? "QSPI" : "HyperFlash";
}

ProgramOutcome program_flash(nd::FlexspiNorDriver& driver, const ProgramRequest& request) {
  ProgramOutcome out;
  if (request.data.empty()) {
    out.phase = "init";
    out.status = nd::status::kInvalidArgument;
    out.text = "nothing to program (empty data)";
    return out;
  }
  Algo(driver, request, out).run();
  return out;
}

}  // namespace xipsim::host
