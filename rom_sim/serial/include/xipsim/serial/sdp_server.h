// The boot ROM's serial downloader on the UART (SDP, ../shared/docs/serial-protocols.md §1a):
// 16-byte big-endian commands, each answered with the HAB mode word (0x12343412 closed,
// 0x56787856 open) and what the command returns. READ_REGISTER, WRITE_REGISTER, WRITE_FILE,
// WRITE_CSF, ERROR_STATUS, SKIP_DCD_HEADER, SET_BAUDRATE and JUMP_ADDRESS are served; DCD_WRITE
// is refused (not modelled yet). Files go only into internal RAM outside the ROM-reserved OCRAM
// (decision, docs/serial.md). JUMP_ADDRESS checks the IVT at the address and ends the serving:
// the caller starts that image.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "xipsim/chips/chip_profile.h"
#include "xipsim/nor_driver/bus_access.h"
#include "xipsim/serial/byte_link.h"

namespace xipsim::serial {

namespace sdp {
constexpr std::uint16_t kReadRegister = 0x0101, kWriteRegister = 0x0202, kWriteFile = 0x0404,
                        kErrorStatus = 0x0505, kWriteCsf = 0x0606, kDcdWrite = 0x0A0A,
                        kJumpAddress = 0x0B0B, kSkipDcdHeader = 0x0C0C, kSetBaudrate = 0x0D0D;
constexpr std::uint32_t kHabClosed = 0x12343412, kHabOpen = 0x56787856, kWriteFileDone = 0x88888888,
                        kWriteDone = 0x128A8A12, kSkipDcdDone = 0x900DD009, kBaudDone = 0x09D00D90,
                        kFailure = 0x33333333, kStatusOk = 0xF0F0F0F0;
}  // namespace sdp

struct SdpCommand {
  std::uint16_t type = 0;
  std::uint32_t address = 0;
  std::uint8_t format = 0;
  std::uint32_t count = 0, data = 0;
};
SdpCommand decode_sdp(const std::uint8_t* p);  // 16 bytes, big-endian fields

// Where JUMP_ADDRESS goes: the IVT there and its entry.
struct SdpJump {
  std::uint32_t ivt = 0, entry = 0;
};

class SdpServer {
 public:
  SdpServer(ByteLink& link, nor_driver::BusAccess& bus, const chips::ChipProfile& chip,
            bool hab_closed);
  void on_baud(std::function<void(double)> f) { set_baud_ = std::move(f); }
  void on_log(std::function<void(const std::string&)> f) { on_log_ = std::move(f); }
  // Serves until JUMP_ADDRESS names a valid IVT (returned) or the host goes away (nullopt).
  std::optional<SdpJump> serve();
  const std::vector<std::string>& log() const { return log_; }

 private:
  std::optional<SdpJump> on_command(const SdpCommand& c);
  void read_register(const SdpCommand& c);
  void write_register(const SdpCommand& c);
  void write_file(const SdpCommand& c, std::uint32_t done_word, const char* what);
  std::optional<SdpJump> jump(const SdpCommand& c);
  std::string writable(std::uint32_t address, std::uint32_t count) const;  // "" when it is
  void reply(std::initializer_list<std::uint32_t> words);  // 4 bytes each, as the ROM sends them
  void say(std::string line);

  ByteLink& link_;
  nor_driver::BusAccess& bus_;
  const chips::ChipProfile& chip_;
  std::uint32_t hab_;
  std::uint32_t status_ = sdp::kStatusOk;  // what ERROR_STATUS reports
  std::function<void(double)> set_baud_;
  std::function<void(const std::string&)> on_log_;
  std::vector<std::string> log_;
};

}  // namespace xipsim::serial
