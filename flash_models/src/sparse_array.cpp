#include "xipsim/flash/sparse_array.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <fstream>

#include "xipsim/core/errors.h"

namespace xipsim::flash {

SparseArray::SparseArray(std::uint64_t size_bytes)
    : size_(size_bytes), pages_((size_bytes + kPageBytes - 1) / kPageBytes) {}

void SparseArray::read(std::uint64_t address, std::uint8_t* out, std::size_t count) const {
  address %= size_;
  while (count > 0) {
    const std::uint64_t in_page = address % kPageBytes;
    const std::size_t n = static_cast<std::size_t>(
        std::min<std::uint64_t>({count, kPageBytes - in_page, size_ - address}));
    const auto& p = pages_[address / kPageBytes];
    if (p) {
      std::memcpy(out, p.get() + in_page, n);
    } else {
      std::memset(out, 0xFF, n);
    }
    out += n;
    count -= n;
    address = (address + n) % size_;
  }
}

std::uint8_t* SparseArray::page_for_write(std::uint64_t address) {
  auto& p = pages_[address / kPageBytes];
  if (!p) {
    p.reset(new std::uint8_t[kPageBytes]);
    std::memset(p.get(), 0xFF, kPageBytes);
    ++allocated_;
  }
  return p.get();
}

void SparseArray::program(std::uint64_t address, const std::uint8_t* data, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint64_t a = (address + i) % size_;
    if (data[i] == 0xFF) continue;  // programming FFh changes nothing
    page_for_write(a)[a % kPageBytes] &= data[i];
  }
}

void SparseArray::write(std::uint64_t address, const std::uint8_t* data, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint64_t a = (address + i) % size_;
    if (data[i] == 0xFF && !pages_[a / kPageBytes]) continue;
    page_for_write(a)[a % kPageBytes] = data[i];
  }
}

void SparseArray::erase(std::uint64_t address, std::uint64_t count) {
  const std::uint64_t end = std::min(size_, address + count);
  std::uint64_t a = address;
  while (a < end) {
    const std::uint64_t in_page = a % kPageBytes;
    const std::uint64_t n = std::min(kPageBytes - in_page, end - a);
    auto& p = pages_[a / kPageBytes];
    if (p) {
      if (n == kPageBytes) {
        p.reset();
        --allocated_;
      } else {
        std::memset(p.get() + in_page, 0xFF, static_cast<std::size_t>(n));
      }
    }
    a += n;
  }
}

void SparseArray::load_file(const std::string& path, std::uint64_t offset) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open file", path));
  std::vector<char> buf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (offset + buf.size() > size_)
    throw InputError(fmt::format("{}: {} bytes at offset 0x{:X} do not fit a {}-byte flash", path,
                                 buf.size(), offset, size_));
  write(offset, reinterpret_cast<const std::uint8_t*>(buf.data()), buf.size());
}

void SparseArray::save_file(const std::string& path, std::uint64_t offset,
                            std::uint64_t count) const {
  if (offset + count > size_)
    throw InputError(fmt::format("{}: range 0x{:X}+0x{:X} is outside the {}-byte flash", path,
                                 offset, count, size_));
  std::vector<std::uint8_t> buf(static_cast<std::size_t>(count));
  read(offset, buf.data(), buf.size());
  std::ofstream out(path, std::ios::binary);
  if (!out) throw InputError(fmt::format("{}: cannot write file", path));
  out.write(reinterpret_cast<const char*>(buf.data()), static_cast<std::streamsize>(buf.size()));
}

}  // namespace xipsim::flash
