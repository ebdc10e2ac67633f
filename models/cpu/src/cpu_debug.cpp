// Cpu: what a debugger needs (breakpoints, single steps, watchpoints, memory as the CPU sees it
// without taking simulated time). Breakpoints are Unicorn instruction hooks at their address;
// steps and watchpoints use one hook on every instruction, present only while needed, because
// stopping inside an access would leave the PC at the accessing instruction (measured): an
// access hook notes the hit, the next instruction's hook stops before it runs.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "xipsim/cpu/cpu.h"

namespace xipsim::cpu {

bool Cpu::add_breakpoint(std::uint32_t address) {
  address &= ~1u;
  if (breakpoints_.count(address)) return false;
  breakpoints_[address] =
      core_->add_instruction_hook(address, address, [this](std::uint32_t a) { on_breakpoint(a); });
  return true;
}

bool Cpu::remove_breakpoint(std::uint32_t address) {
  const auto it = breakpoints_.find(address & ~1u);
  if (it == breakpoints_.end()) return false;
  core_->remove_hook(it->second);
  breakpoints_.erase(it);
  return true;
}

bool Cpu::add_watchpoint(std::uint32_t address, std::uint32_t len, WatchKind kind) {
  if (len == 0) return false;
  const bool reads = kind != WatchKind::kWrite, writes = kind != WatchKind::kRead;
  Watch w{address, len, kind, 0};
  w.hook = core_->add_access_hook(
      address, address + (len - 1), reads, writes, [this, w](std::uint32_t a, unsigned size, bool) {
        // Only accesses that overlap the watched bytes (a wide access may start below them).
        if (a + size <= w.address || a >= w.address + w.len) return;
        if (!watch_hit_) watch_hit_ = DebugStop{DebugStop::Kind::kWatchpoint, w.address, w.kind};
      });
  watches_.push_back(w);
  return true;
}

bool Cpu::remove_watchpoint(std::uint32_t address, std::uint32_t len, WatchKind kind) {
  const auto it = std::find_if(watches_.begin(), watches_.end(), [&](const Watch& w) {
    return w.address == address && w.len == len && w.kind == kind;
  });
  if (it == watches_.end()) return false;
  core_->remove_hook(it->hook);
  watches_.erase(it);
  return true;
}

void Cpu::remove_debug_points() {
  for (const auto& [address, hook] : breakpoints_)
    core_->remove_hook(hook);
  for (const Watch& w : watches_)
    core_->remove_hook(w.hook);
  breakpoints_.clear();
  watches_.clear();
}

void Cpu::begin_debug_run(const RunLimits& limits) {
  debugging_ = limits.step || limits.trace || !breakpoints_.empty() || !watches_.empty();
  traced_.clear();
  debug_stop_.reset();
  watch_hit_.reset();
  step_started_ = false;
  skip_breakpoint_ = core_->pc() & ~1u;  // resuming from a breakpoint runs that instruction
  const bool every = limits.step || limits.trace || !watches_.empty();
  if (every && !every_instruction_hook_)
    every_instruction_hook_ =
        core_->add_instruction_hook(1, 0, [this](std::uint32_t a) { on_every_instruction(a); });
}

// After the run: a stop inside a block leaves the rest of it counted but not run (the block's
// instructions and time are added when it starts): take them back.
void Cpu::end_debug_run(RunOutcome& out) {
  drop_every_instruction_hook();
  for (const std::uint32_t a : traced_) {
    RunOutcome::Traced t;
    t.bytes = code_bytes(a, 4);
    const std::vector<Instruction> one = disassemble(t.bytes, a, 1);
    t.instruction = one.empty() ? Instruction{a, 2, "(does not decode)"} : one[0];
    t.bytes.resize(t.instruction.size);
    out.trace.push_back(std::move(t));
  }
  if (out.end != RunEnd::kDebugStop || !debug_stop_) return;
  out.debug = *debug_stop_;
  give_back_unrun(core_->pc());
}

// The hook on every instruction goes once nothing needs it (not from a hook: between runs of the
// core); without breakpoints or watchpoints, loops are fast-forwarded again.
void Cpu::drop_every_instruction_hook() {
  const bool tracing = limits_ && traced_.size() < limits_->trace;
  if (!every_instruction_hook_ || tracing || (limits_ && limits_->step) || !watches_.empty())
    return;
  core_->remove_hook(every_instruction_hook_);
  every_instruction_hook_ = 0;
  debugging_ = !breakpoints_.empty();
}

void Cpu::debug_stop(DebugStop stop, std::string text) {
  if (debug_stop_) return;
  debug_stop_ = stop;
  end_ = RunEnd::kDebugStop;
  end_text_ = std::move(text);
  core_->request_stop();
}

void Cpu::on_breakpoint(std::uint32_t address) {
  if (skip_breakpoint_ && *skip_breakpoint_ == address) {
    skip_breakpoint_.reset();
    return;
  }
  skip_breakpoint_.reset();
  debug_stop({DebugStop::Kind::kBreakpoint, address, WatchKind::kWrite},
             fmt::format("breakpoint at 0x{:08X}", address));
}

void Cpu::on_every_instruction(std::uint32_t address) {
  if (watch_hit_) {
    const DebugStop hit = *watch_hit_;
    watch_hit_.reset();
    debug_stop(hit, fmt::format("watchpoint on 0x{:08X}, before 0x{:08X}", hit.address, address));
    return;
  }
  if (limits_ && traced_.size() < limits_->trace) {
    traced_.push_back(address);
    if (traced_.size() == limits_->trace) stop_at_next_block_ = true;  // the loop drops the hook
  }
  if (!limits_ || !limits_->step) return;
  if (!step_started_) {
    step_started_ = true;
    if (skip_breakpoint_ && *skip_breakpoint_ != address) skip_breakpoint_.reset();
    return;
  }
  debug_stop({DebugStop::Kind::kStep, address, WatchKind::kWrite},
             fmt::format("one step, to 0x{:08X}", address));
}

// The platform buffer behind [address, address + len) when it is RAM the CPU maps, else null.
std::uint8_t* Cpu::ram_bytes(std::uint32_t address, std::size_t len) const {
  for (const MemoryRegion& r : config_.ram)
    if (r.host && address >= r.base && len <= r.size && address - r.base <= r.size - len)
      return r.host + (address - r.base);
  return nullptr;
}

// A debugger access outside RAM, in aligned pieces of at most a word: the SCS on the host, the
// rest through the bus (the FlexSPI windows through the model) without taking the CPU's time.
bool Cpu::debug_bus(tlm::tlm_command cmd, std::uint32_t address, std::uint8_t* data,
                    std::size_t len) {
  const bool scs = address >= scs::kBase && address - scs::kBase < scs::kSize;
  for (std::size_t done = 0; done < len;) {
    const std::uint32_t a = address + static_cast<std::uint32_t>(done);
    const unsigned n = static_cast<unsigned>(std::min<std::size_t>(len - done, 4 - (a & 3)));
    std::uint32_t v = 0;
    std::memcpy(&v, data + done, n);
    if (scs && cmd == tlm::TLM_READ_COMMAND) {
      v = scs_->read(a - scs::kBase, n);
      std::memcpy(data + done, &v, n);
    } else if (scs) {
      scs_->write(a - scs::kBase, n, v);
    } else if (!transport(cmd, a, data + done, n, false)) {
      return false;
    }
    done += n;
  }
  return true;
}

bool Cpu::debug_read(std::uint32_t address, std::uint8_t* out, std::size_t len) {
  if (const std::uint8_t* ram = ram_bytes(address, len)) {
    std::memcpy(out, ram, len);
    return true;
  }
  return debug_bus(tlm::TLM_READ_COMMAND, address, out, len);
}

bool Cpu::debug_write(std::uint32_t address, const std::uint8_t* data, std::size_t len) {
  if (std::uint8_t* ram = ram_bytes(address, len)) {
    std::memcpy(ram, data, len);
    core_->drop_translations(address, std::uint64_t{address} + len);
    return true;
  }
  for (const MemoryRegion& w : config_.windows)
    if (address >= w.base && address - w.base < w.size) return false;  // flash: program it
  std::vector<std::uint8_t> copy(data, data + len);
  return debug_bus(tlm::TLM_WRITE_COMMAND, address, copy.data(), len);
}

}  // namespace xipsim::cpu
