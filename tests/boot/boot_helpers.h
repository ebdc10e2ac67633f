// Helpers for boot tests: one BootSession per test process (SystemC elaborates once).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "xipsim/boot/boot_session.h"
#include "xipsim/boot/rom_log.h"

namespace xipsim::test {

// The corpus RT1060 EVKB image (MCUBootUtility, FCB: EBh 1-4-4, DUMMY 6, idx 7, RXCLKSRC 1;
// MANIFEST: IVT entry 0x6000_2000, XIP).
extern const char* const kRt1060Evkb;

std::vector<std::uint8_t> read_file_bytes(const std::string& path);
std::string corpus_path(const std::string& rel);

boot::BootRequest request(const std::string& chip, const std::string& part,
                          const std::vector<std::string>& images, bool qe = true);
boot::BootReport run_boot(const boot::BootRequest& r);

bool logged(const boot::BootReport& r, std::uint32_t code);
// Steps and hint, for assertion messages.
std::string describe(const boot::BootReport& r);

}  // namespace xipsim::test
