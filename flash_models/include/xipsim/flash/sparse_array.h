// NOR array storage proportional to what was written: 4 KiB pages allocated on first write,
// erased bytes (0xFF) not stored. A 32 MiB part with 1 MiB written holds about 1 MiB.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace xipsim::flash {

class SparseArray {
 public:
  static constexpr std::uint32_t kPageBytes = 4096;

  explicit SparseArray(std::uint64_t size_bytes);

  std::uint64_t size() const { return size_; }
  std::uint8_t read(std::uint64_t address) const {
    const auto& page = pages_[address / kPageBytes];
    return page ? page[address % kPageBytes] : 0xFF;
  }
  // Copies `count` bytes from `address` (wrapping at the end of the array).
  void read(std::uint64_t address, std::uint8_t* out, std::size_t count) const;
  // Pointer to the stored page holding `address`, or nullptr when that page is erased.
  const std::uint8_t* page(std::uint64_t address) const {
    return pages_[address / kPageBytes].get();
  }

  // NOR program: new = old AND data (a program never turns 0 into 1).
  void program(std::uint64_t address, const std::uint8_t* data, std::size_t count);
  // Backdoor write (loading an image): new = data.
  void write(std::uint64_t address, const std::uint8_t* data, std::size_t count);
  // Sets [address, address + count) to 0xFF, releasing whole pages.
  void erase(std::uint64_t address, std::uint64_t count);

  std::size_t allocated_pages() const { return allocated_; }
  std::uint64_t allocated_bytes() const {
    return static_cast<std::uint64_t>(allocated_) * kPageBytes;
  }

  // Raw binary files; the file may be shorter than the array (rest stays as it is).
  void load_file(const std::string& path, std::uint64_t offset);
  void save_file(const std::string& path, std::uint64_t offset, std::uint64_t count) const;

 private:
  std::uint8_t* page_for_write(std::uint64_t address);

  std::uint64_t size_;
  std::vector<std::unique_ptr<std::uint8_t[]>> pages_;
  std::size_t allocated_ = 0;
};

}  // namespace xipsim::flash
