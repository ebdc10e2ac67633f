// GDB itself (Debian's gdb-multiarch, batch mode) against `xipsim boot ... --gdb tcp::0`: the
// test firmware systick_blink.elf (tests/firmware/systick_blink.c: main sets GPIO1 GDIR bit 9,
// then toggles GPIO1_IO09 every 20 SysTicks of 1 ms) booted by the ROM and held by the debugger.
// Expected values come from the ELF's own bytes and from systick_blink.c, not from the stub.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "test_support.h"
#include "xipsim/image/loaded_file.h"

namespace xipsim::test {
namespace {

const std::string kElf = std::string(XIPSIM_FIRMWARE_DIR) + "/systick_blink.elf";
const std::string kBoard = " --chip RT1060 --flash W25Q64JV-IQ ";

struct Session {
  std::string gdb;      // what GDB printed
  std::string stderr_;  // what xipsim printed besides its report
  nlohmann::json report;
};

// Starts xipsim with `args` and a GDB port, lets `client` talk to that port (returning what it
// saw), and waits for xipsim to finish.
Session debug(const std::string& args,
              const std::function<std::string(const std::string&)>& client) {
  Session s;
  const std::string json = write_temp("gdb_report.json", "");
  const std::string cmd =
      std::string(XIPSIM_BIN) + " boot " + args + " --gdb tcp::0 --json 2>&1 >" + json;
  FILE* x = popen(cmd.c_str(), "r");
  if (!x) return s;
  char line[512];
  std::string port;
  while (port.empty() && std::fgets(line, sizeof line, x)) {
    s.stderr_ += line;
    std::smatch m;
    const std::string l = line;
    if (std::regex_search(l, m, std::regex("127\\.0\\.0\\.1:([0-9]+)"))) port = m[1];
  }
  if (!port.empty()) s.gdb = client(port);
  while (std::fgets(line, sizeof line, x))
    s.stderr_ += line;
  pclose(x);
  std::ifstream in(json);
  s.report = nlohmann::json::parse(in, nullptr, false);
  return s;
}

// GDB in batch mode with `commands` after `target remote`.
Session debug(const std::string& args, const std::vector<std::string>& commands) {
  return debug(args, [&](const std::string& port) {
    std::string script = "set pagination off\nset confirm off\ntarget remote :" + port + "\n";
    for (const auto& c : commands)
      script += c + "\n";
    const std::string file = write_temp("gdb_commands.txt", script);
    return run_command("timeout 120 gdb-multiarch -nx -batch -x " + file + " " + kElf + " 2>&1")
        .out;
  });
}

std::string fmt_hex(std::uint32_t v) {
  char b[16];
  std::snprintf(b, sizeof b, "0x%08X", v);
  return b;
}

// "pc             0x600023f4": how `info registers pc` shows an address.
std::string fmt_pc(std::uint32_t pc) {
  char b[48];
  std::snprintf(b, sizeof b, "pc             0x%08x", pc);
  return b;
}

std::uint32_t elf_word(std::uint32_t address) {
  const image::LoadedFile f = image::load_file(kElf);
  for (const auto& seg : f.segments)
    if (address >= seg.address && address + 4 <= seg.address + seg.data.size()) {
      const std::size_t o = address - seg.address;
      return seg.data[o] | seg.data[o + 1] << 8 | seg.data[o + 2] << 16 |
             static_cast<std::uint32_t>(seg.data[o + 3]) << 24;
    }
  return 0;
}

// Break at main, look at registers and at the flash through the FlexSPI model, step one
// instruction, stop on the write to GDIR, detach: the firmware then blinks as without GDB.
TEST(GdbStub, BreakStepWatchDetach) {
  const Session s = debug(
      kElf + kBoard + "--run 100ms",
      {"break main", "continue", "info registers pc", "x/4wx 0x60002000", "monitor frames", "stepi",
       "info registers pc", "watch *(unsigned int*)0x401B8004", "continue", "detach"});
  std::smatch m;
  ASSERT_TRUE(std::regex_search(s.gdb, m, std::regex("Breakpoint 1 at 0x([0-9a-f]+)")))
      << s.gdb << s.stderr_;
  const std::uint32_t bp = static_cast<std::uint32_t>(std::stoul(m[1], nullptr, 16));
  EXPECT_NE(s.gdb.find(fmt_pc(bp)), std::string::npos) << s.gdb;  // stopped there
  // The vector table as the ELF holds it (SP, Reset_Handler | 1).
  char words[96];
  std::snprintf(words, sizeof words, "0x%08x\t0x%08x\t0x%08x\t0x%08x", elf_word(0x60002000),
                elf_word(0x60002004), elf_word(0x60002008), elf_word(0x6000200C));
  EXPECT_NE(s.gdb.find(words), std::string::npos) << s.gdb;
  // `monitor frames`: the code fetches up to main were the FCB's read sequence (LUT entry 0 at
  // FCB offset 0x80; its first instruction's operand is the command, its PADS field 2^n lines).
  const std::uint32_t lut0 = elf_word(0x60000080);
  char read[32];
  std::snprintf(read, sizeof read, "A1  %02Xh on %u pad", lut0 & 0xFF, 1u << ((lut0 >> 8) & 3));
  EXPECT_NE(s.gdb.find("FlexSPI transactions since GDB attached"), std::string::npos) << s.gdb;
  EXPECT_NE(s.gdb.find(read), std::string::npos) << read << "\n" << s.gdb;
  // One step: past the instruction at the breakpoint (16-bit unless its first halfword is
  // 0b11101/0b11110/0b11111..., ARMv7-M A5.1).
  const std::uint16_t first = static_cast<std::uint16_t>(elf_word(bp & ~3u) >> (8 * (bp & 2)));
  EXPECT_NE(s.gdb.find(fmt_pc(bp + ((first >> 11) >= 0x1D ? 4 : 2))), std::string::npos) << s.gdb;
  EXPECT_NE(s.gdb.find("Old value = 0"), std::string::npos) << s.gdb;
  EXPECT_NE(s.gdb.find("New value = 512"), std::string::npos) << s.gdb;  // GDIR bit 9
  ASSERT_FALSE(s.report.is_discarded()) << s.stderr_;
  const auto& e = s.report["execution"];
  ASSERT_EQ(e["pins"].size(), 1u) << e.dump();
  EXPECT_EQ(e["pins"][0]["pin"], "GPIO1_IO09");
  EXPECT_GE(e["pins"][0]["changes"], 4);  // at 20, 40, 60, 80 ms of the 100 ms
  EXPECT_NEAR(e["pins"][0]["interval_ms"].get<double>(), 20.0, 0.001);
  EXPECT_NE(e["story"].dump().find("GDB detached"), std::string::npos) << e["story"].dump();
}

// `monitor reset` boots again through the ROM; continuing to the end of the run is the program's
// exit for GDB.
TEST(GdbStub, MonitorResetThenRunToTheEnd) {
  const Session s =
      debug(kElf + kBoard + "--run 30ms", {"monitor help", "monitor reset", "continue"});
  EXPECT_NE(s.gdb.find("reset [warm|power]"), std::string::npos) << s.gdb;
  EXPECT_NE(s.gdb.find("the ROM booted the image again"), std::string::npos) << s.gdb;
  EXPECT_NE(s.gdb.find("exited normally"), std::string::npos) << s.gdb;
  ASSERT_FALSE(s.report.is_discarded()) << s.stderr_;
  const auto& e = s.report["execution"];
  ASSERT_EQ(e["resets"].size(), 1u) << e.dump();
  EXPECT_EQ(e["resets"][0]["source"], "debugger");
  EXPECT_EQ(e["verdict"], "running");
}

// Ctrl-C while the application runs, as GDB sends it (the bare byte 0x03 after a `c` packet),
// spoken over a plain socket: the stop reply S02 (SIGINT; checksum 0x53 + 0x30 + 0x32 = 0xB5)
// comes while 20 s of simulated time are far from done, then `k` ends the run.
TEST(GdbStub, InterruptStopsTheRunningTarget) {
  const Session s = debug(kElf + kBoard + "--run 20s", [](const std::string& port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<std::uint16_t>(std::stoi(port)));
    if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
      return std::string("no connection");
    const auto say = [&](const std::string& bytes) { send(fd, bytes.data(), bytes.size(), 0); };
    say("$c#63");  // 'c' 0x63
    usleep(500000);
    say("\x03");
    std::string got;
    char buf[256];
    for (int i = 0; i < 100 && got.find("$S02#b5") == std::string::npos; ++i) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 100) > 0) {
        const ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        got.append(buf, static_cast<std::size_t>(n));
      }
    }
    say("+$k#6b");  // 'k' 0x6B
    usleep(200000);
    close(fd);
    return got;
  });
  EXPECT_NE(s.gdb.find("$S02#b5"), std::string::npos) << s.gdb << s.stderr_;
  ASSERT_FALSE(s.report.is_discarded()) << s.stderr_;
  const auto& e = s.report["execution"];
  EXPECT_EQ(e["verdict"], "halted");
  EXPECT_NE(e["story"].dump().find("GDB ended the run (kill)"), std::string::npos) << e.dump();
  EXPECT_LT(e["stop_ns"].get<double>() - e["start_ns"].get<double>(), 20e9);
}

// --trace-instructions: the first instructions in the order they ran, each with the bytes the
// ELF holds there. The first is Reset_Handler (the vector table's reset entry without its Thumb
// bit); its halfword 0xB508 is PUSH {r3, lr} by hand (T1: 1011 010 M=1 (lr), list 0x08 (r3)).
TEST(InstructionTrace, ListsTheFirstInstructionsAsTheElfHoldsThem) {
  const CommandRun r = run_command(std::string(XIPSIM_BIN) + " boot " + kElf + kBoard +
                                   "--run 1ms --trace-instructions 12 --json");
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  const auto& t = j["execution"]["trace"];
  ASSERT_EQ(t.size(), 12u) << t.dump();
  const std::uint32_t reset = elf_word(0x60002004) & ~1u;
  EXPECT_EQ(t[0]["address_hex"], fmt_hex(reset));
  EXPECT_EQ(t[0]["symbol"], "Reset_Handler");
  for (const auto& i : t) {
    const std::uint32_t a =
        static_cast<std::uint32_t>(std::stoul(i["address_hex"].get<std::string>(), nullptr, 16));
    const std::uint32_t w = elf_word(a & ~3u) >> (8 * (a & 2));
    char want[16];
    std::snprintf(want, sizeof want, "%02x %02x", w & 0xFF, (w >> 8) & 0xFF);
    EXPECT_EQ(i["bytes"].get<std::string>().substr(0, 5), want) << i.dump();
  }
  if (elf_word(reset & ~3u) >> (8 * (reset & 2)) == 0xB508)  // this build's first instruction
    EXPECT_EQ(t[0]["instruction"], "push {r3, lr}");
}

TEST(GdbStub, BadPortSpecificationIsOneClearError) {
  CommandRun r = run_command(std::string(XIPSIM_BIN) + " boot " + kElf + kBoard +
                             "--run 10ms --gdb localhost 2>&1");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.out.find("--gdb 'localhost': expected tcp::PORT"), std::string::npos) << r.out;
  r = run_command(std::string(XIPSIM_BIN) + " boot " + kElf + kBoard + "--gdb tcp::0 2>&1");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.out.find("--gdb needs --run"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace xipsim::test
