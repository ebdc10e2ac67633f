// The SystemC/TLM-2.0 wrapper: register and AHB target sockets driven by an initiator thread with
// a quantum keeper. Annotated delays equal the controller's completion times (computed by hand
// below), and bus errors come back as TLM error responses.
#include <gtest/gtest.h>

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>
#include <cstring>
#include <functional>
#include <systemc>
#include <tlm>

#include "flexspi_rig.h"
#include "xipsim/flexspi/flexspi_module.h"

namespace xipsim::test {
namespace {

namespace reg = flexspi::reg;

struct Cpu : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Cpu> regs{"regs"};
  tlm_utils::simple_initiator_socket<Cpu> ahb{"ahb"};
  tlm_utils::tlm_quantumkeeper qk;
  std::function<void(Cpu&)> program;

  explicit Cpu(sc_core::sc_module_name n) : sc_module(n) {
    SC_HAS_PROCESS(Cpu);
    SC_THREAD(run);
    tlm_utils::tlm_quantumkeeper::set_global_quantum(sc_core::sc_time(1, sc_core::SC_US));
    qk.reset();
  }
  void run() { program(*this); }

  tlm::tlm_response_status access(tlm_utils::simple_initiator_socket<Cpu>& s, bool write,
                                  std::uint64_t addr, std::uint8_t* data, unsigned len) {
    tlm::tlm_generic_payload t;
    t.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    t.set_address(addr);
    t.set_data_ptr(data);
    t.set_data_length(len);
    t.set_streaming_width(len);
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time delay = qk.get_local_time();
    s->b_transport(t, delay);
    qk.set(delay);
    if (qk.need_sync()) qk.sync();
    return t.get_response_status();
  }
  void wr(std::uint32_t off, std::uint32_t v) {
    access(regs, true, off, reinterpret_cast<std::uint8_t*>(&v), 4);
  }
  std::uint32_t rd(std::uint32_t off) {
    std::uint32_t v = 0;
    access(regs, false, off, reinterpret_cast<std::uint8_t*>(&v), 4);
    return v;
  }
  sc_core::sc_time now() const { return sc_core::sc_time_stamp() + qk.get_local_time(); }
};

struct TlmBench {
  std::shared_ptr<const flash::PartSpec> spec = flash::load_part("W25Q64JV-IQ");
  flash::NorDevice device{spec};
  board::Board board;
  flexspi::FlexspiModule flexspi{"flexspi", {}, board};
  Cpu cpu{"cpu"};
  TlmBench() {
    device.power_on(0);
    board.attach(0, &device);
    flexspi.controller().set_root_clock_hz(30e6);
    flexspi.controller().set_ahb_clock_hz(132e6);
    cpu.regs.bind(flexspi.registers);
    cpu.ahb.bind(flexspi.ahb);
  }
};

TEST(FlexspiTlm, AhbReadAnnotatesTheMissTimeAndReturnsFlashData) {
  TlmBench b;
  const std::uint8_t pattern[8] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88};
  b.device.array().write(0x200, pattern, 8);
  sc_core::sc_time before, after;
  std::uint8_t out[8] = {};
  tlm::tlm_response_status status = tlm::TLM_INCOMPLETE_RESPONSE;
  b.cpu.program = [&](Cpu& c) {
    c.wr(reg::MCR0, c.rd(reg::MCR0) & ~flexspi::bits::MCR0_MDIS);
    c.wr(reg::LUTKEY, reg::kLutKey);
    c.wr(reg::LUTCR, 2);
    c.wr(reg::LUT0, lut_word(instr(0x01, kPad1, 0x03), instr(0x02, kPad1, 24)));
    c.wr(reg::LUT0 + 4, lut_word(instr(0x09, kPad1, 4)));
    before = c.now();
    status = c.access(c.ahb, false, 0x200, out, 8);
    after = c.now();
  };
  sc_core::sc_start();
  EXPECT_EQ(status, tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(0, std::memcmp(out, pattern, 8));
  // AHBCR resets with prefetch off: an 8-byte fill. 3 (TCSS) + 32 (03h + address) + 64 (data)
  // cycles at 33333 ps, plus the 2-AHB-clock hit latency (2 x 7576 ps).
  EXPECT_EQ(after - before, sc_core::sc_time(99.0 * 33333 + 2 * 7576, sc_core::SC_PS));
}

TEST(FlexspiTlm, RegisterAccessCostsTwoAhbClocksAndDisabledModuleGivesAnError) {
  TlmBench b;
  sc_core::sc_time before, after;
  tlm::tlm_response_status status = tlm::TLM_INCOMPLETE_RESPONSE;
  std::uint32_t mcr0 = 0;
  b.cpu.program = [&](Cpu& c) {
    before = c.now();
    mcr0 = c.rd(reg::MCR0);
    after = c.now();
    std::uint8_t out[4];
    status = c.access(c.ahb, false, 0, out, 4);  // MDIS is set at reset
  };
  sc_core::sc_start();
  EXPECT_EQ(mcr0, 0xFFFF80C2u);
  EXPECT_EQ(after - before, sc_core::sc_time(2 * 7576, sc_core::SC_PS));
  EXPECT_EQ(status, tlm::TLM_GENERIC_ERROR_RESPONSE);
}

TEST(FlexspiTlm, MisalignedRegisterAccessIsAnAddressError) {
  TlmBench b;
  tlm::tlm_response_status status = tlm::TLM_INCOMPLETE_RESPONSE;
  b.cpu.program = [&](Cpu& c) {
    std::uint8_t v[2] = {};
    status = c.access(c.regs, false, 0x02, v, 2);
  };
  sc_core::sc_start();
  EXPECT_EQ(status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

}  // namespace
}  // namespace xipsim::test
