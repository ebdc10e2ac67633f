#include "xipsim/host/iap.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "xipsim/image/fcb.h"

namespace xipsim::host {

namespace nd = nor_driver;

namespace {

// FCB sequence conventions (boot-reference §2.3) the application's LUT follows.
constexpr unsigned kSeqReadStatus = 1, kSeqWriteEnable = 3, kSeqSectorErase = 5,
                   kSeqPageProgram = 9;
constexpr std::size_t kFetchBytes = 32;               // one cache line per fetch
constexpr std::size_t kFetchSpan = 4096;              // the update routine's code
constexpr Picoseconds kPollGap = 5'000'000;           // 5 us of code between status polls
constexpr Picoseconds kLimit = 3'000'000'000'000ull;  // 3 s per operation

class Iap {
 public:
  Iap(nd::FlexspiNorDriver& d, const IapRequest& r, IapOutcome& out) : d_(d), r_(r), out_(out) {}

  void run() {
    if (!load_lut()) return;
    if (r_.read_before) {
      std::vector<std::uint8_t> old(r_.data.size());
      d_.ahb_read(r_.program_offset, old.data(), old.size());
      out_.log.push_back(
          fmt::format("the application reads 0x{:X} bytes at offset 0x{:X} before "
                      "updating them (the AHB buffers now hold them)",
                      old.size(), r_.program_offset));
    }
    const bool from_flash = r_.code_address >= d_.target().ahb_base &&
                            r_.code_address < d_.target().ahb_base + (256ull << 20);
    out_.log.push_back(fmt::format("the update routine runs from 0x{:08X} ({})", r_.code_address,
                                   from_flash ? "this flash, through the AHB window" : "RAM"));
    if (!erase() || !program()) return;
    if (r_.clear_cache) {
      d_.clear_cache();
      out_.log.push_back("FlexSPI software reset: AHB RX buffers cleared");
    }
    check_readback();
    check_fetches();
    out_.ok = out_.bad_fetches == 0 && !out_.stale_at;
    if (out_.ok)
      out_.text = fmt::format(
          "updated 0x{:X} bytes at offset 0x{:X}; every code fetch and the "
          "read-back were right",
          r_.data.size(), r_.program_offset);
  }

 private:
  bool fail(nd::Status s, const std::string& text) {
    out_.status = s;
    out_.text = text;
    out_.log.push_back(text);
    return false;
  }

  bool load_lut() {
    std::vector<std::uint8_t> raw(image::kFcbSize);
    if (!d_.ahb_read(r_.fcb_offset, raw.data(), raw.size()))
      return fail(nd::status::kFail, "reading the application's FCB gave a bus error");
    const auto fcb = image::decode_fcb(raw.data(), raw.size());
    if (!fcb)
      return fail(nd::status::kInvalidArgument, "no FCB at the given offset to take a LUT from");
    fcb_ = *fcb;
    // Seq 0 (the AHB read) is rewritten with the same words; the rest are the IP commands.
    return d_.update_lut(0, fcb_.lookup_table.data(), 16) == nd::status::kSuccess;
  }

  // One instruction fetch of the update routine (a new cache line each time).
  void fetch() {
    const std::uint64_t a = r_.code_address + (next_fetch_ % kFetchSpan);
    next_fetch_ += kFetchBytes;
    const bool ok = d_.bus().read(a, line_.data(), line_.size());
    ++out_.fetches;
    if (fetched_.size() < 64) fetched_[a] = ok ? line_ : std::vector<std::uint8_t>{};
  }

  nd::Status wait_ready(std::uint32_t offset) {
    const Picoseconds end = d_.bus().now() + kLimit;
    for (;;) {
      std::uint8_t sr[4] = {};
      const nd::Status s = d_.xfer({nd::XferOp::kRead, offset, kSeqReadStatus, 1, nullptr, sr, 1});
      if (s != nd::status::kSuccess) return s;
      const bool bit = (sr[0] >> (fcb_.busy_offset & 7u)) & 1u;
      if (!(fcb_.busy_bit_polarity ? !bit : bit)) return nd::status::kSuccess;
      if (d_.bus().now() > end) return nd::status::kTimeout;
      fetch();
      d_.bus().wait(kPollGap);
    }
  }

  bool erase() {
    const std::uint32_t sector = fcb_.sector_size ? fcb_.sector_size : 4096;
    const std::uint32_t end = r_.erase_offset + r_.erase_size;
    for (std::uint32_t a = r_.erase_offset - r_.erase_offset % sector; a < end; a += sector) {
      nd::Status s = d_.xfer({nd::XferOp::kCommand, a, kSeqWriteEnable, 1, nullptr, nullptr, 0});
      if (s == nd::status::kSuccess)
        s = d_.xfer({nd::XferOp::kCommand, a, kSeqSectorErase, 1, nullptr, nullptr, 0});
      if (s == nd::status::kSuccess) s = wait_ready(a);
      if (s != nd::status::kSuccess)
        return fail(s, fmt::format("erasing offset 0x{:X} failed: {}", a, nd::status_name(s)));
    }
    out_.log.push_back(fmt::format("erased 0x{:X}..0x{:X}", r_.erase_offset, end));
    return true;
  }

  bool program() {
    const std::uint32_t page = fcb_.page_size ? fcb_.page_size : 256;
    for (std::size_t done = 0; done < r_.data.size();) {
      const std::uint32_t a = r_.program_offset + static_cast<std::uint32_t>(done);
      const std::size_t n = std::min<std::size_t>(page - a % page, r_.data.size() - done);
      nd::Status s = d_.xfer({nd::XferOp::kCommand, a, kSeqWriteEnable, 1, nullptr, nullptr, 0});
      if (s == nd::status::kSuccess)
        s = d_.xfer({nd::XferOp::kWrite, a, kSeqPageProgram, 1, r_.data.data() + done, nullptr, n});
      if (s == nd::status::kSuccess) s = wait_ready(a);
      if (s != nd::status::kSuccess)
        return fail(s, fmt::format("programming offset 0x{:X} failed: {}", a, nd::status_name(s)));
      done += n;
    }
    out_.log.push_back(
        fmt::format("programmed 0x{:X} bytes at 0x{:X}", r_.data.size(), r_.program_offset));
    return true;
  }

  // The application reads its new data back through the AHB window.
  void check_readback() {
    std::vector<std::uint8_t> back(r_.data.size());
    d_.ahb_read(r_.program_offset, back.data(), back.size());
    const auto m = std::mismatch(back.begin(), back.end(), r_.data.begin());
    if (m.first == back.end()) {
      out_.log.push_back("the AHB read-back shows the new data");
      return;
    }
    out_.stale_at = r_.program_offset + static_cast<std::uint32_t>(m.first - back.begin());
    out_.text = fmt::format(
        "after programming, the AHB read at offset 0x{:X} returned 0x{:02X} "
        "instead of the new 0x{:02X}: the RX buffers still hold the data "
        "prefetched before the update",
        *out_.stale_at, *m.first, *m.second);
    out_.log.push_back(out_.text);
  }

  // What the busy-time fetches got, against the code as it reads once the part is idle.
  void check_fetches() {
    d_.clear_cache();
    for (const auto& [a, got] : fetched_) {
      std::vector<std::uint8_t> truth(kFetchBytes);
      d_.bus().read(a, truth.data(), truth.size());
      if (got == truth) continue;
      ++out_.bad_fetches;
      if (!out_.first_bad_fetch) out_.first_bad_fetch = a;
    }
    if (out_.bad_fetches) {
      const std::string t = fmt::format(
          "{} of the {} code fetches made while the flash was busy returned wrong instructions "
          "(first at 0x{:08X}): the CPU would execute garbage and fault",
          out_.bad_fetches, std::min<std::size_t>(fetched_.size(), out_.fetches),
          *out_.first_bad_fetch);
      out_.text = out_.text.empty() ? t : t + "; " + out_.text;
      out_.log.push_back(t);
    } else {
      out_.log.push_back(
          fmt::format("{} code fetches during busy periods, all correct", out_.fetches));
    }
  }

  nd::FlexspiNorDriver& d_;
  const IapRequest& r_;
  IapOutcome& out_;
  image::Fcb fcb_;
  std::uint64_t next_fetch_ = 0;
  std::map<std::uint64_t, std::vector<std::uint8_t>> fetched_;
  std::vector<std::uint8_t> line_ = std::vector<std::uint8_t>(kFetchBytes);  // reused per fetch
};

}  // namespace

IapOutcome run_iap(nd::FlexspiNorDriver& driver, const IapRequest& request) {
  IapOutcome out;
  if (request.data.empty() && request.erase_size == 0) {
    out.status = nd::status::kInvalidArgument;
    out.text = "nothing to erase or program";
    return out;
  }
  Iap(driver, request, out).run();
  return out;
}

}  // namespace xipsim::host
