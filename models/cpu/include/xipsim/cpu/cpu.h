// The application processor as a SystemC module: the Cortex-M7 instruction set (cortex_m7.h)
// with the exception model, the system control space, the L1 caches and time, as a loosely-timed
// TLM initiator on the platform bus like the ROM. It runs in quanta: a block hook counts the
// instructions (one per core clock, an assumption: docs/cpu-model.md) and stalls, and ends the
// quantum when its time is used; between quanta the SystemC time catches up.
//
// Memory: RAM regions are the platform's own buffers mapped by pointer (what the ROM copied is
// what the CPU runs); peripheral space goes through the bus (TLM) access by access; the FlexSPI
// AHB windows go through XipWindow (xip_window.h), so every fetch that misses the caches is an
// AHB read through the FlexSPI model.
#pragma once

#include <tlm_utils/simple_initiator_socket.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <systemc>
#include <tlm>
#include <unordered_set>
#include <vector>

#include "xipsim/core/bus_answer.h"
#include "xipsim/core/serial_frame.h"
#include "xipsim/core/timed_note.h"
#include "xipsim/cpu/cortex_m7.h"
#include "xipsim/cpu/disassembly.h"
#include "xipsim/cpu/exceptions.h"
#include "xipsim/cpu/l1_cache.h"
#include "xipsim/cpu/scs.h"
#include "xipsim/cpu/timed_source.h"
#include "xipsim/cpu/xip_window.h"

namespace xipsim::cpu {

struct MemoryRegion {
  std::string name;
  std::uint32_t base = 0, size = 0;
  std::uint8_t* host = nullptr;  // RAM: the platform's buffer; nullptr for bus regions
  std::uint32_t capacity = 0;    // RAM: bytes of `host` (a TCM FlexRAM can grow to), >= size
};

struct CpuConfig {
  std::vector<MemoryRegion> ram;          // mapped by pointer
  std::vector<MemoryRegion> peripherals;  // through the bus, access by access
  std::vector<MemoryRegion> windows;      // FlexSPI AHB windows (XipWindow)
  SystemControlSpace::Config scs;
  // SysTick's reference clock (CSR.CLKSOURCE 0), femtoseconds: 100 kHz on the RT10xx (the
  // Teensy 4 core runs its SysTick from it, cpu-execution-notes.md §3).
  std::uint64_t systick_reference_period_fs = 10'000'000'000;
  Picoseconds quantum = 100'000'000;  // 100 us of simulated time between SystemC syncs
  // The name of the block when a peripheral address is a register without a model (it only
  // stores what is written), else "": the run reports the first access to each.
  std::function<std::string(std::uint32_t address)> unmodelled;
  // The bytes the flash holds behind a window address now, without bus time (false: unknown);
  // lets the D-cache name a stale line.
  std::function<bool(std::uint32_t address, std::uint8_t* out, unsigned len)> window_backdoor;
};

struct RunLimits {
  Picoseconds duration = 0;                 // simulated time from the start of the run
  std::optional<std::uint32_t> until;       // stop when a block starts here
  std::function<bool()> until_condition;    // checked at each quantum (e.g. UART text seen)
  bool condition_after_writes = false;      // ... and right after each peripheral write
  double wall_seconds = 120;                // host time limit
  std::uint64_t hang_reads = 100'000;       // identical polls of one register that mean a hang
  Picoseconds hang_time = 100'000'000'000;  // ... over at least this much simulated time (100 ms)
  // Loops that only an exception can end (the SDK's `while (g_systickCounter != 0U)`) jump to
  // the next moment something can happen instead of running each iteration: same result, same
  // times (tests/cpu/test_fast_forward.cpp), docs/cpu-model.md.
  bool fast_forward = true;
  bool step = false;   // a debugger's single step: one instruction, then kDebugStop
  unsigned trace = 0;  // record the first `trace` instructions executed (RunOutcome::trace)
};

// A debugger's stop (cpu_debug.cpp): a breakpoint reached, a step done, a watched address
// accessed (the instruction that accessed it has completed; `address` is the watched one).
enum class WatchKind { kWrite, kRead, kAccess };
struct DebugStop {
  enum class Kind { kNone, kBreakpoint, kStep, kWatchpoint } kind = Kind::kNone;
  std::uint32_t address = 0;
  WatchKind watch = WatchKind::kWrite;
};

enum class RunEnd {
  kTimeLimit,     // ran for the whole duration
  kReached,       // the `until` address or condition
  kWallLimit,     // the host time limit
  kBreakpoint,    // BKPT in the application
  kLockup,        // a fault while taking or handling a HardFault
  kHang,          // a poll that can never end
  kResetRequest,  // AIRCR.SYSRESETREQ (the platform decides what resets)
  kSleepForever,  // WFI with no enabled interrupt that could come
  kError,         // an exception the model cannot take
  kDebugStop,     // a debugger's breakpoint, step or watchpoint (RunOutcome::debug)
};
const char* run_end_name(RunEnd e);  // "time_limit", "reached", ...

struct FaultRecord {
  Picoseconds time = 0;
  unsigned exception = 0;   // the handler entered (exc::kHardFault ...), 0 for a lockup
  std::string kind;         // "bus fault (read)", "undefined instruction", ...
  std::uint32_t block = 0;  // the basic block that faulted (Unicorn reports its start)
  std::uint32_t pc = 0;     // the faulting instruction when found, else the block (stacked PC)
  bool precise = false;     // pc is the faulting instruction
  std::uint32_t address = 0;
  bool has_address = false;
  std::uint32_t cfsr = 0, hfsr = 0;
  bool escalated = false;         // taken as HardFault because the fault's own handler was off
  std::vector<Instruction> code;  // the faulting block, disassembled
  std::string symbol;  // where pc is in the application ("main+0x12"), when its symbols are known
  std::string cause;   // why the bus refused the access, in the target's words ("" unknown)
};

// The first access to a register without a model: what the code did there, and where.
struct UnmodelledAccess {
  Picoseconds time = 0;
  std::uint32_t address = 0;
  std::string block;  // the bus region: "IOMUXC", "peripheral space"
  bool write = false;
  std::uint32_t value = 0;  // written, or read back
  std::uint32_t pc = 0;     // the code block that made it
};

struct HangRecord {
  std::uint32_t address = 0, value = 0, pc = 0;
  std::uint64_t reads = 0;
};

struct RunOutcome {
  RunEnd end = RunEnd::kTimeLimit;
  Picoseconds start = 0, stop = 0;
  std::uint64_t instructions = 0, cycles = 0, blocks = 0;
  std::uint32_t pc = 0;
  std::string text;  // one sentence on how the run ended
  std::vector<FaultRecord> faults;
  std::optional<HangRecord> hang;
  std::vector<UnmodelledAccess> unmodelled;            // first access to each, in time order
  std::optional<ResetRequest> reset;                   // kResetRequest: who asked and why
  std::map<unsigned, std::uint64_t> exceptions_taken;  // by exception number
  std::uint64_t skipped_instructions = 0;              // of `instructions`, in loops jumped over
  std::uint64_t icache_misses = 0, dcache_misses = 0, window_reads = 0, stale_blocks = 0;
  double wall_seconds = 0;
  DebugStop debug;  // kDebugStop: why
  // RunLimits::trace: the first instructions executed, in order, as the CPU ran them (the bytes the
  // code was translated from), with `symbol` filled in by whoever knows the application's ELF.
  struct Traced {
    Instruction instruction;
    std::vector<std::uint8_t> bytes;
    std::string symbol;
  };
  std::vector<Traced> trace;
  // A later run from where this one ended (after a reset) added to it: counts add up, the end,
  // the stop and the cache totals are the later run's.
  void append(RunOutcome later);
};

class Cpu;
// A function of the boot ROM implemented in C++ (its code is not modelled): what it sees of the
// caller (AAPCS arguments) and of memory, as the CPU's own accesses without simulated time.
class NativeCall {
 public:
  explicit NativeCall(Cpu& cpu) : cpu_(cpu) {}
  std::uint32_t arg(unsigned i) const;  // r0-r3, then the caller's stack
  void set_result(std::uint32_t value);
  std::uint32_t read32(std::uint32_t address) const;  // 0 where nothing answers
  bool write32(std::uint32_t address, std::uint32_t value);
  bool write(std::uint32_t address, const std::uint8_t* data, std::size_t len);
  Picoseconds now() const;
  void note(std::string text);     // goes to the CPU's notes
  unsigned exception() const;      // IPSR: the exception being handled, 0 in thread mode
  void lock_up(std::string text);  // the run ends as a lockup, saying why

 private:
  Cpu& cpu_;
};

class Cpu : public sc_core::sc_module, private CoreHooks, private ScsHost, private WindowBus {
 public:
  tlm_utils::simple_initiator_socket<Cpu> socket;

  // `core_hz` gives the core clock now (the platform's clock model).
  Cpu(sc_core::sc_module_name name, CpuConfig config, std::function<double()> core_hz);
  ~Cpu() override;

  // A reset of the core (power-on or warm): registers, SCS, caches off and empty.
  void reset();
  // Where the ROM hands over: MSP, PC, VTOR; privileged thread mode, interrupts enabled.
  void handover(std::uint32_t sp, std::uint32_t pc, std::uint32_t vtor);
  // Runs from the current state; call from a SystemC thread (it waits).
  RunOutcome run(const RunLimits& limits);
  // The RAM region at `base` gets `size` bytes (FlexRAM reconfigured); applied before the next
  // block (0 unmaps it). `why` goes to the notes.
  void resize_ram(std::uint32_t base, std::uint32_t size, const std::string& why);
  // A peripheral timer (a watchdog) the CPU stops for; the caller keeps it alive.
  void add_timed_source(TimedSource* source) { sources_.push_back(source); }
  // A source's next event changed from outside the run (a host's bytes on a pad's line): the
  // CPU looks again before it runs on.
  void sources_changed() { timers_changed(); }
  // A peripheral's interrupt line to the NVIC (level-sensitive, ARMv7-M B3.4): asserting it sets
  // external interrupt `irq` pending; while it stays asserted, leaving that interrupt's handler
  // sets it pending again. Deasserting does not clear a pending state.
  void set_irq_line(unsigned irq, bool level);

  // Debugger (cpu_debug.cpp): breakpoints at instruction addresses and watchpoints on data
  // addresses, active in every run until removed (loops are then not fast-forwarded); reads and
  // writes as the CPU sees memory (RAM, the windows through the FlexSPI model, peripherals
  // through the bus) without taking simulated time. False: already there / not there / unmapped.
  bool add_breakpoint(std::uint32_t address);
  bool remove_breakpoint(std::uint32_t address);
  bool add_watchpoint(std::uint32_t address, std::uint32_t len, WatchKind kind);
  bool remove_watchpoint(std::uint32_t address, std::uint32_t len, WatchKind kind);
  void remove_debug_points();  // every breakpoint and watchpoint (a debugger detached)
  // The boot ROM's address space: `bytes` mapped read-only and executable at `base` (whole
  // pages); a function in it may be native (add_native). Not during a run.
  void map_rom(std::uint32_t base, std::vector<std::uint8_t> bytes);
  // When code reaches `address` (in the ROM), `fn` runs first; the instruction there (a `bx lr`)
  // then returns to the caller with the result fn set in r0.
  void add_native(std::uint32_t address, std::function<void(NativeCall&)> fn);
  bool debug_read(std::uint32_t address, std::uint8_t* out, std::size_t len);
  bool debug_write(std::uint32_t address, const std::uint8_t* data, std::size_t len);

  CortexM7& core() { return *core_; }
  SystemControlSpace& scs() { return *scs_; }
  const std::vector<TimedNote>& notes() const { return notes_; }
  void add_note(Picoseconds time, std::string text) { notes_.push_back({time, std::move(text)}); }
  Picoseconds now() const override;
  std::uint64_t cycles() const override { return cycles_; }

 private:
  friend class NativeCall;
  class BusPort;
  // CoreHooks (cpu_block.cpp)
  void on_block(std::uint32_t address, std::uint32_t size) override;
  bool on_exception(unsigned intno) override;
  bool check_fetch(std::uint32_t address, std::uint32_t size);
  // The I-cache holds every line of the block at `address` that check_fetch last looked at.
  bool fetch_cached(std::uint32_t address) const {
    return icache_on_ && checked_block_ == address && checked_epoch_ == ifetch_epoch_;
  }
  unsigned instructions_in(std::uint32_t address, std::uint32_t size);  // cached per block
  unsigned count_instructions(std::uint32_t address, std::uint32_t size);
  // The core stopped at `pc` inside the last block, which was counted whole when it started:
  // the instructions from `pc` to the block's end give back their count and time.
  void give_back_unrun(std::uint32_t pc);
  bool take_pending_exception(std::uint32_t return_address);
  // fast forward (cpu_fast_forward.cpp)
  void fast_forward(std::uint32_t address, std::uint32_t size);
  bool quiet_repeat(std::uint32_t address, std::uint32_t size);
  bool block_reads_only(std::uint32_t address, std::uint32_t size);
  std::uint64_t accesses() const;  // bus transactions and SCS accesses so far
  void service_timers();
  // ScsHost
  void cache(CacheOp op, std::uint32_t operand) override;
  void reset_request(const std::string& why) override;
  void timers_changed() override;
  // WindowBus and peripheral accesses (cpu_bus.cpp)
  bool window_read(std::uint32_t address, std::uint8_t* out, unsigned len) override;
  bool window_write(std::uint32_t address, const std::uint8_t* data, unsigned len) override;
  void window_bus_error(std::uint32_t address, Access access) override;
  bool window_flash(std::uint32_t address, std::uint8_t* out, unsigned len) override {
    return config_.window_backdoor && config_.window_backdoor(address, out, len);
  }
  void window_note(std::string text) override { add_note(now(), std::move(text)); }
  // `timed` false: a debugger's access (no latency added, not counted as the CPU's).
  bool transport(tlm::tlm_command cmd, std::uint32_t address, std::uint8_t* data, unsigned len,
                 bool timed = true);
  void note_poll(std::uint32_t address, std::uint32_t value);
  void clock_changed();
  // faults (cpu_faults.cpp)
  bool inject_fault(const RunResult& r);
  std::vector<std::uint8_t> code_bytes(std::uint32_t address, unsigned len) const;
  bool fault_entry(unsigned target, FaultRecord record);
  // debugger (cpu_debug.cpp)
  struct Watch {
    std::uint32_t address = 0, len = 0;
    WatchKind kind = WatchKind::kWrite;
    unsigned hook = 0;
  };
  std::map<std::uint32_t, unsigned> breakpoints_;  // address -> instruction hook
  std::vector<Watch> watches_;
  unsigned every_instruction_hook_ = 0;  // while stepping or watching
  bool debugging_ = false;               // this run has breakpoints, watchpoints or steps
  bool step_started_ = false;
  std::vector<std::uint32_t> traced_;             // addresses, while RunLimits::trace asks for more
  std::optional<std::uint32_t> skip_breakpoint_;  // the PC the run resumes from
  std::optional<DebugStop> watch_hit_, debug_stop_;
  void begin_debug_run(const RunLimits& limits);
  void end_debug_run(RunOutcome& out);
  void on_breakpoint(std::uint32_t address);
  void on_every_instruction(std::uint32_t address);
  void debug_stop(DebugStop stop, std::string text);
  void drop_every_instruction_hook();
  std::uint8_t* ram_bytes(std::uint32_t address, std::size_t len) const;
  bool debug_bus(tlm::tlm_command cmd, std::uint32_t address, std::uint8_t* data, std::size_t len);
  // run loop (cpu.cpp)
  bool after_stop(const RunResult& r, RunOutcome& out);
  bool sleep(RunOutcome& out);
  void sync();
  void finish(RunOutcome& out, RunEnd end, std::string text);
  void add_time(Picoseconds ps);

  CpuConfig config_;
  std::function<double()> core_hz_;
  std::unique_ptr<CortexM7> core_;
  std::unique_ptr<SystemControlSpace> scs_;
  std::unique_ptr<ExceptionEngine> engine_;
  L1Cache icache_, dcache_;
  bool icache_on_ = false, dcache_on_ = false;
  std::vector<std::unique_ptr<XipWindow>> windows_;
  std::vector<std::unique_ptr<BusPort>> ports_;
  std::vector<TimedNote> notes_;
  std::vector<std::uint8_t> rom_;  // map_rom's bytes, mapped by pointer
  std::uint32_t rom_base_ = 0;
  std::map<std::uint32_t, std::function<void(NativeCall&)>> natives_;  // by address
  bool run_native(std::uint32_t address);  // the block at `address` is a native's stub
  std::vector<TimedSource*> sources_;
  std::vector<bool> irq_lines_;  // asserted peripheral interrupt lines
  void request_reset(ResetRequest r);

  // Time ahead of sc_time_stamp(), in femtoseconds so that instruction times at 600 MHz
  // (1666.667 ps) do not accumulate a rounding error.
  std::uint64_t local_fs_ = 0;
  std::uint64_t core_period_fs_ = 1'666'667;
  Picoseconds sc_base_ps_ = 0;  // sc_time_stamp() when local_fs_ was last 0 (nothing else moves it)
  std::uint64_t deadline_fs_ = 0;  // local_fs_ at which a block must look at time (quantum, timer)
  void update_deadline();
  std::uint32_t window_lo_ = 0xFFFFFFFFu, window_hi_ = 0;  // the windows' bounding range
  std::uint64_t ifetch_epoch_ = 0;                         // bumped when the I-cache changes
  std::uint32_t checked_block_ = 0;
  std::uint64_t checked_epoch_ = ~0ull;
  std::uint64_t cycles_ = 0, instructions_ = 0, blocks_ = 0;
  std::uint64_t bus_accesses_ = 0;  // transactions on the platform bus (transport)
  Picoseconds quantum_end_ = 0, timer_event_ = SysTick::kNever;
  std::uint32_t last_block_ = 0, last_block_size_ = 0;

  // the run in progress
  const RunLimits* limits_ = nullptr;
  RunOutcome* out_ = nullptr;
  std::optional<RunEnd> end_;  // set by a hook; the loop ends the run
  std::string end_text_;
  bool flush_ = false;       // translated code is stale
  bool translated_ = false;  // code ran (and was translated) since the last flush
  bool stop_at_next_block_ = false;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ram_resizes_;  // base, new size
  void apply_ram_resizes();
  bool enter_exception(unsigned n, std::uint32_t return_address);
  std::string stack_overflow_text(
      unsigned target) const;  // set inside an access, where stopping would rerun the block
  unsigned stale_retries_ = 0;
  std::optional<std::pair<std::uint32_t, Access>> bus_fault_;  // from an MMIO access
  std::string bus_error_text_;        // why the target refused the last failed bus access
  tlm::tlm_generic_payload payload_;  // reused by transport()
  BusAnswer answer_;                  // attached to payload_ for each access
  bool last_buffered_ = false;        // the last read came from a buffer's copy (an AHB RX buffer)
  std::unordered_set<std::uint32_t> stale_buffer_lines_;  // lines named stale, or misread
  void check_window_bytes(std::uint32_t address, const std::uint8_t* got, unsigned len,
                          bool buffered);
  std::string bus_fault_text_;  // ... the one behind bus_fault_
  struct Poll {
    std::uint32_t address = 0, value = 0, block = 0;
    std::uint64_t count = 0;
    Picoseconds since = 0;
  } poll_;
  std::unordered_set<std::uint32_t> registers_seen_;  // peripheral words accessed (run's life)
  void note_register(std::uint32_t address, bool write, std::uint32_t value);
  struct BlockCount {
    std::uint32_t address = 0, size = 0, count = 0;
    std::int8_t reads_only = -1;  // disassembly.h reads_only(), -1 until asked
  };
  std::vector<BlockCount> counts_;  // direct-mapped by block address
  // A block that runs again right after itself, watched for a quiet loop (fast_forward).
  struct QuietLoop {
    static constexpr unsigned kRegs = 16;  // r0..r14 and xPSR (the PC is the block)
    std::uint32_t address = 0;
    std::uint64_t blocks = 0;   // blocks_ when it last started
    std::uint64_t repeats = 0;  // consecutive starts
    std::uint64_t snapshot_at = 0, accesses = 0;
    std::uint32_t regs[kRegs] = {};  // at the snapshot
  } quiet_;
};

}  // namespace xipsim::cpu
