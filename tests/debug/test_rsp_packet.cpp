// The GDB remote protocol's framing and the stub's answers, checked against the GDB manual's
// rules with checksums computed by hand (sum of the payload bytes modulo 256).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "xipsim/gdb/gdb_server.h"
#include "xipsim/gdb/rsp_packet.h"
#include "xipsim/gdb/target_xml.h"

namespace xipsim::gdb {
namespace {

std::vector<Received> feed(PacketReader& r, const std::string& bytes) {
  std::vector<Received> out;
  for (const char c : bytes)
    if (auto got = r.feed(static_cast<std::uint8_t>(c))) out.push_back(*got);
  return out;
}

TEST(RspPacket, FramesWithTheModulo256Checksum) {
  EXPECT_EQ(frame("OK"), "$OK#9a");  // 'O' 0x4F + 'K' 0x4B = 0x9A
  EXPECT_EQ(frame(""), "$#00");
  // '#' (0x23) is escaped as '}' 0x03: the sum is over what is sent, 0x7D + 0x03 = 0x80.
  EXPECT_EQ(frame("#"), "$}\x03#80");
}

TEST(RspPacket, ReadsPacketsAcksAndTheInterruptByte) {
  PacketReader r;
  // m0,4: 0x6D + 0x30 + 0x2C + 0x34 = 0xFD
  const auto got = feed(r, "+$m0,4#fd\x03-");
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].kind, Received::Kind::kAck);
  EXPECT_EQ(got[1].kind, Received::Kind::kPacket);
  EXPECT_EQ(got[1].payload, "m0,4");
  EXPECT_EQ(got[2].kind, Received::Kind::kInterrupt);
  EXPECT_EQ(got[3].kind, Received::Kind::kNack);
}

TEST(RspPacket, RefusesABadChecksumAndUnescapesBinary) {
  PacketReader r;
  auto got = feed(r, "$m0,4#fe");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].kind, Received::Kind::kBadChecksum);
  // 0x7D sent as '}' 0x5D; the sum of the sent bytes 58 30 2C 31 3A 7D 5D is 0x1F9.
  got = feed(r, "$X0,1:}\x5d#f9");
  ASSERT_EQ(got.size(), 1u);
  ASSERT_EQ(got[0].kind, Received::Kind::kPacket);
  EXPECT_EQ(got[0].payload, std::string("X0,1:}"));
}

TEST(RspPacket, HexHelpers) {
  EXPECT_EQ(le_hex(0x60002331, 4), "31230060");
  EXPECT_EQ(parse_hex("401b808c"), 0x401B808Cu);
  EXPECT_FALSE(parse_hex("40zz"));
  EXPECT_FALSE(from_hex("abc"));
  EXPECT_EQ(to_hex(std::string("OK\n")), "4f4b0a");
}

// A script of bytes from the debugger, and what the stub wrote back.
class ScriptChannel : public Channel {
 public:
  explicit ScriptChannel(std::string in) : in_(std::move(in)) {}
  int read_byte(int) override {
    return at_ < in_.size() ? static_cast<std::uint8_t>(in_[at_++]) : kClosed;
  }
  void write(const std::string& bytes) override { out += bytes; }
  std::string out;

 private:
  std::string in_;
  std::size_t at_ = 0;
};

class FakeTarget : public Target {
 public:
  std::map<unsigned, std::uint64_t> regs;
  std::vector<std::string> calls;
  std::uint64_t read_register(unsigned n) override { return regs[n]; }
  void write_register(unsigned n, std::uint64_t v) override { regs[n] = v; }
  bool read_memory(std::uint32_t a, std::uint8_t* out, std::size_t len) override {
    for (std::size_t i = 0; i < len; ++i)
      out[i] = static_cast<std::uint8_t>(a + i);
    return a < 0x1000;
  }
  bool write_memory(std::uint32_t, const std::uint8_t*, std::size_t) override { return true; }
  bool breakpoint(BreakKind k, std::uint32_t a, std::uint32_t len, bool on) override {
    calls.push_back(std::to_string(static_cast<int>(k)) + (on ? "+" : "-") + std::to_string(a) +
                    "/" + std::to_string(len));
    return true;
  }
  std::string monitor(const std::string& c) override { return "did " + c + "\n"; }
};

std::string packets(const std::vector<std::string>& payloads) {
  std::string s;
  for (const auto& p : payloads)
    s += frame(p);
  return s;
}

TEST(GdbServer, AnswersRegistersMemoryAndBreakpointsThenResumes) {
  FakeTarget t;
  t.regs[15] = 0x600023F4;
  t.regs[reg::kD0] = 0x3FF0000000000000;  // 1.0
  ScriptChannel ch(packets({"pf", "p17", "m10,3", "m2000,1", "Z2,401b8004,4", "z0,600023f4,2",
                            "qRcmd,7265736574", "c"}));  // "reset"
  Server s(t, ch);
  const Resume r = s.next_resume();
  EXPECT_EQ(r.kind, Resume::Kind::kContinue);
  // pc little-endian; d0 as 8 bytes; 3 bytes from 0x10; an unreadable address is an error.
  for (const char* want : {"$f4230060#", "$000000000000f03f#", "$101112#", "$E03#", "$OK#",
                           "$O6469642072657365740a#"}) {
    EXPECT_NE(ch.out.find(want), std::string::npos) << want << " in " << ch.out;
  }
  EXPECT_EQ(t.calls, (std::vector<std::string>{"2+1075544068/4", "0-1610621940/2"}));
  s.stopped(Stop{5, BreakKind::kWrite, 0x401B8004, false, ""});
  EXPECT_NE(ch.out.find(frame("T05watch:401b8004;")), std::string::npos) << ch.out;
}

TEST(GdbServer, TargetDescriptionComesInPieces) {
  FakeTarget t;
  ScriptChannel ch(packets({"qXfer:features:read:target.xml:0,40"}));
  Server s(t, ch);
  EXPECT_EQ(s.next_resume().kind, Resume::Kind::kGone);
  EXPECT_NE(ch.out.find("$m<?xml version"), std::string::npos) << ch.out;
  EXPECT_NE(target_xml().find("org.gnu.gdb.arm.m-profile"), std::string::npos);
  EXPECT_EQ(register_bytes(reg::kD0 + 15), 8u);
  EXPECT_EQ(register_bytes(reg::kFpscr), 4u);
}

}  // namespace
}  // namespace xipsim::gdb
