// Cpu: accesses that leave the core for the platform bus (peripherals, the FlexSPI windows),
// loosely timed: each carries the CPU's time ahead of SystemC as its delay and adds the latency
// the target reports. Also the poll watch that ends a run stuck on a register.
#include <fmt/format.h>

#include <cstring>

#include "bus_port.h"
#include "xipsim/core/bus_answer.h"

namespace xipsim::cpu {

bool Cpu::transport(tlm::tlm_command cmd, std::uint32_t address, std::uint8_t* data, unsigned len,
                    bool timed) {
  // One payload for every access: a new one allocates its extension array each time. Not
  // re-entered: no target calls back into the CPU's bus from b_transport.
  tlm::tlm_generic_payload& p = payload_;
  p.set_command(cmd);
  p.set_address(address);
  p.set_data_ptr(data);
  p.set_data_length(len);
  p.set_streaming_width(len);
  p.set_byte_enable_ptr(nullptr);
  p.set_dmi_allowed(false);
  p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  BusAnswer& answer = answer_;
  answer.error.clear();
  answer.buffered = false;
  p.set_extension(&answer);
  const Picoseconds before = local_fs_ / 1000;
  sc_core::sc_time delay(static_cast<double>(before), sc_core::SC_PS);
  socket->b_transport(p, delay);
  p.clear_extension(&answer);
  if (!timed) return p.is_response_ok();  // a debugger's access: no time, not the CPU's
  ++bus_accesses_;
  const auto after = static_cast<Picoseconds>(delay.to_seconds() * 1e12 + 0.5);
  if (after > before) add_time(after - before);
  if (!p.is_response_ok()) bus_error_text_ = std::move(answer.error);
  last_buffered_ = answer.buffered;
  return p.is_response_ok();
}

std::uint32_t Cpu::BusPort::read(std::uint64_t offset, unsigned size) {
  const std::uint32_t address = base_ + static_cast<std::uint32_t>(offset);
  std::uint8_t bytes[4] = {};
  if (!cpu_.transport(tlm::TLM_READ_COMMAND, address, bytes, size)) {
    cpu_.window_bus_error(address, Access::kRead);
    return 0;
  }
  std::uint32_t v = 0;
  std::memcpy(&v, bytes, size);
  cpu_.note_poll(address, v);
  cpu_.note_register(address, false, v);
  return v;
}

void Cpu::BusPort::write(std::uint64_t offset, unsigned size, std::uint32_t value) {
  const std::uint32_t address = base_ + static_cast<std::uint32_t>(offset);
  std::uint8_t bytes[4];
  std::memcpy(bytes, &value, 4);
  cpu_.poll_ = Poll{};
  if (!cpu_.transport(tlm::TLM_WRITE_COMMAND, address, bytes, size)) {
    cpu_.window_bus_error(address, Access::kWrite);
    return;
  }
  cpu_.note_register(address, true, value);
  cpu_.clock_changed();   // a write may have changed the core clock (CCM)
  cpu_.timers_changed();  // ... or started, refreshed or stopped a watchdog
  // An awaited condition on console text can only change with a peripheral write: look now.
  if (cpu_.limits_ && cpu_.limits_->condition_after_writes) cpu_.stop_at_next_block_ = true;
}

bool Cpu::window_read(std::uint32_t address, std::uint8_t* out, unsigned len) {
  if (!transport(tlm::TLM_READ_COMMAND, address, out, len)) return false;
  check_window_bytes(address, out, len, last_buffered_);
  return true;
}

// Bytes the window handed out that the flash does not hold. Read from the device itself, they
// were misread (sampling, a busy part): the line is marked, and its buffered copies are not
// blamed on the buffer later. From an AHB RX buffer, of a line read right before, the buffer was
// filled before the flash changed (field failure F10: no buffer clear after programming): named
// once per 32-byte line.
void Cpu::check_window_bytes(std::uint32_t address, const std::uint8_t* got, unsigned len,
                             bool buffered) {
  std::uint8_t now[64];
  const std::uint32_t line = address & ~31u;
  if (len > sizeof now || stale_buffer_lines_.count(line) || !window_flash(address, now, len) ||
      std::memcmp(now, got, len) == 0)
    return;
  stale_buffer_lines_.insert(line);  // reported, or misread: either way not again
  if (!buffered) return;
  add_note(this->now(),
           fmt::format("the FlexSPI's AHB RX buffer served 0x{:08X}..0x{:08X} with bytes the flash "
                       "no longer holds (prefetched before the flash changed): clear the buffers "
                       "after programming (MCR0.SWRESET, or AHBCR.CLRAHBRXBUF)",
                       address, address + len - 1));
}

bool Cpu::window_write(std::uint32_t address, const std::uint8_t* data, unsigned len) {
  std::uint8_t copy[8];
  std::memcpy(copy, data, len);
  return transport(tlm::TLM_WRITE_COMMAND, address, copy, len);
}

// A bus error during a window access (docs/cpu-model.md). Precise: Unicorn stops at once, before
// the faulting instruction completes (a stop requested from an MMIO callback leaves the PC at the
// accessing instruction; from the block hook, before the block runs: measured on Unicorn 2.0.1). A
// data access's block was counted whole when it started; the run loop gives back what did not run.
void Cpu::window_bus_error(std::uint32_t address, Access access) {
  if (!bus_fault_) {
    bus_fault_ = std::make_pair(address, access);
    bus_fault_text_ = bus_error_text_;
  }
  core_->request_stop();
}

// The first access to each peripheral word: kept when no model gives that register behaviour.
void Cpu::note_register(std::uint32_t address, bool write, std::uint32_t value) {
  if (!out_ || !config_.unmodelled || !registers_seen_.insert(address & ~3u).second) return;
  std::string block = config_.unmodelled(address & ~3u);
  if (!block.empty())
    out_->unmodelled.push_back({now(), address, std::move(block), write, value, last_block_});
}

// The same register read with the same value from the same block, many times over a long
// simulated time, with no write in between: a poll that can never end.
void Cpu::note_poll(std::uint32_t address, std::uint32_t value) {
  if (!limits_) return;
  if (poll_.address != address || poll_.value != value || poll_.block != last_block_) {
    poll_ = Poll{address, value, last_block_, 1, now()};
    return;
  }
  if (++poll_.count < limits_->hang_reads || now() - poll_.since < limits_->hang_time) return;
  out_->hang = HangRecord{address, value, last_block_, poll_.count};
  end_ = RunEnd::kHang;
  end_text_ = fmt::format(
      "the code at 0x{:08X} polls 0x{:08X} and reads 0x{:08X} every time "
      "({} reads over {:.1f} ms): a wait that can never end",
      last_block_, address, value, poll_.count, static_cast<double>(now() - poll_.since) / 1e9);
  core_->request_stop();
}

}  // namespace xipsim::cpu
