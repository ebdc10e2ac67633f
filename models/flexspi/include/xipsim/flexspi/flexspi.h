// The FlexSPI controller: register file, LUT engine, IP command path and AHB read path with RX
// buffers and prefetch. Plain C++ and timed by the caller: every access carries the simulated
// time it happens at and returns when it completes, so the SystemC wrapper (flexspi_module.h)
// can annotate loosely-timed TLM transactions without per-cycle events.
//
// Frames go out through a SerialBus (models/board), which lets the flash consume them and decides
// what is sampled. See docs/flexspi-model.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "xipsim/core/register_table.h"
#include "xipsim/core/serial_bus.h"
#include "xipsim/core/serial_frame.h"
#include "xipsim/core/timed_note.h"
#include "xipsim/flexspi/lut_engine.h"
#include "xipsim/flexspi/registers.h"

namespace xipsim::flexspi {

// Per-chip facts (boot-reference §4.2, chip profile `flexspi_features`).
struct FlexspiFeatures {
  unsigned ahb_rx_buffers = 4;
  unsigned ahb_rx_buffer_ram = 1024;  // bytes shared by the AHB RX buffers
  unsigned ip_fifo_bytes = 128;       // IP RX and TX FIFO each
};

struct FlexspiStats {
  std::uint64_t frames = 0;
  std::uint64_t sclk_cycles = 0;  // SCLK cycles inside CS-low windows (DDR halves count 1/2)
  std::uint64_t ahb_reads = 0, ahb_hits = 0, ahb_misses = 0, prefetch_aborts = 0;
  std::uint64_t ip_commands = 0;
  std::uint64_t bytes_read = 0;  // bytes captured from flash (IP and AHB)
};

struct AhbResponse {
  bool ok = true;
  Picoseconds done = 0;  // when the data is delivered (or the error reported)
  std::string error;
  bool buffered = false;  // served from an AHB RX buffer's copy, not from the device now
};

class Flexspi {
 public:
  static constexpr unsigned kPorts = 4;  // A1, A2, B1, B2
  // Fixed costs of the register and AHB interfaces, in AHB clocks (assumption, documented in
  // docs/flexspi-model.md): a register access, and an AHB read served from an RX buffer.
  static constexpr unsigned kRegisterAccessClocks = 2;
  static constexpr unsigned kAhbHitClocks = 2;
  // DLL delay cell (boot-reference §5: 75-225 ps; mid value).
  static constexpr Picoseconds kDelayCellPs = 150;
  // How long a read sampled with the flash's strobe (RXCLKSRC 3) may wait for it: 64 half
  // cycles, more than the longest initial latency of the modelled parts (HyperFlash 16 clocks).
  // An assumption: the RM gives no number; SEQTIMEOUT covers a strobe that never comes.
  static constexpr std::size_t kStrobeWaitSlots = 64;

  Flexspi(std::string name, FlexspiFeatures features, SerialBus& bus);

  const std::string& name() const { return name_; }
  const FlexspiFeatures& features() const { return features_; }

  // Clocks from the platform (CCM): the serial root clock and the AHB clock.
  // Chip reset (power-on or warm): every register to its reset value, buffers, FIFOs and the
  // sequence state cleared, the bus idle from `now`. The clocks are the platform's business.
  void hardware_reset(Picoseconds now);

  void set_root_clock_hz(double hz);
  // The serial root clock gated (CCM CCGR gate, its PLL off) or running again at the last rate.
  // Stopped: no sequence runs; an AHB miss waits for the AHB bus timeout (MCR1.AHBBUSWAIT counts
  // AHB clocks, which still run) and ends with an error response; IPCMD.TRG is ignored (noted).
  void set_root_clock_stopped(bool stopped, Picoseconds now);
  bool root_clock_stopped() const { return root_stopped_; }
  void set_ahb_clock_hz(double hz);
  double root_clock_hz() const;
  Picoseconds ahb_period() const { return ahb_period_; }
  // SCLK period for an SDR / DDR sequence with the current MCR0 (SERCLKDIV, HSEN).
  Picoseconds sclk_period(bool ddr) const;
  // Where reads on `port` are sampled (MCR0.RXCLKSRC, DLLCRA/B).
  SampleSetup sample_setup(unsigned port) const;

  // Software register access at time `now` (offset from the register base).
  std::uint32_t read_register(std::uint32_t offset, Picoseconds now);
  void write_register(std::uint32_t offset, std::uint32_t value, Picoseconds now);

  // AHB window access at time `now` (offset from the AHB base); `master` selects the RX buffer.
  AhbResponse ahb_read(std::uint64_t offset, std::uint8_t* out, std::size_t len, unsigned master,
                       Picoseconds now);
  AhbResponse ahb_write(std::uint64_t offset, const std::uint8_t* data, std::size_t len,
                        unsigned master, Picoseconds now);

  // Hardware state for tests and reports (no access side effects).
  std::uint32_t peek(std::uint32_t offset) const { return regs_.at(offset); }
  const RegisterFile& registers() const { return regs_; }
  const std::vector<TimedNote>& notes() const { return notes_; }
  const FlexspiStats& stats() const { return stats_; }
  const SerialFrame& last_frame() const { return frame_; }
  // When the controller is free again (CS high and the CS interval over).
  Picoseconds bus_free_at() const { return bus_free_at_; }
  bool lut_locked() const { return (regs_.at(reg::LUTCR) & bits::LUTCR_LOCK) != 0; }

 private:
  struct RxBuffer {
    bool valid = false;
    std::uint64_t base = 0;  // AHB offset of data[0]
    std::size_t size = 0;    // bytes this fill brings (may be cut by an abort)
    std::vector<std::uint8_t> data;
    Picoseconds first_byte_at = 0;  // arrival of byte 0 (end of its last slot)
    Picoseconds ps_per_byte = 0;
    Picoseconds fill_end = 0;  // CS rise of the fill
    Picoseconds arrival(std::size_t i) const { return first_byte_at + i * ps_per_byte; }
  };
  struct IpCommand {
    bool active = false;
    bool waiting_tx = false;  // a write sequence waits for TX FIFO data
    Picoseconds done_at = 0;
    std::uint32_t intr_on_done = 0;
    std::uint32_t seq_id = 0, seq_count = 1, address = 0;
    std::size_t size = 0;
  };
  // Outcome of running one command's sequences on the bus.
  struct RunResult {
    std::uint8_t error = 0;
    unsigned error_seq = 0;
    bool no_strobe = false;
    bool has_read = false;
    Picoseconds cs_rise = 0;
    Picoseconds first_byte_at = 0, ps_per_byte = 0;
    int jump_to = -1;
  };

  // registers (register_access.cpp)
  void software_reset(Picoseconds now);
  void write_lut_control(std::uint32_t offset, std::uint32_t value, Picoseconds now);
  void on_triggers(std::uint32_t offset, std::uint32_t triggers, std::uint32_t value,
                   Picoseconds now);
  void update_status(Picoseconds now);
  void update_dll_status();
  void note(Picoseconds t, std::string text);

  // sequences on the bus (sequencer.cpp)
  bool port_of(std::uint64_t address, unsigned* port, std::uint32_t* port_address,
               std::uint64_t* port_end) const;
  std::uint64_t total_flash_size() const;
  // First sequence error of a command running `seq_count` sequences from `seq_id` (STS1 code,
  // 0 = none); *bad_seq names the sequence.
  std::uint8_t check_command(SequenceSource source, unsigned seq_id, unsigned seq_count,
                             unsigned start_instr, unsigned* bad_seq) const;
  RunResult run(SequenceSource source, unsigned port, unsigned seq_id, unsigned seq_count,
                unsigned start_instr, std::uint32_t address, std::size_t size,
                const std::uint8_t* tx, std::uint8_t* rx, Picoseconds start);
  Picoseconds seq_timeout() const;

  // IP path (ip_path.cpp)
  void trigger_ip_command(Picoseconds now);
  void execute_ip_command(Picoseconds now);
  void push_tx(Picoseconds now);
  void feed_tx_command(Picoseconds now);
  void pop_rx(Picoseconds now);
  std::size_t rx_arrived(Picoseconds now) const;
  std::size_t rx_visible(Picoseconds now) const;
  std::uint32_t read_rx_word(unsigned index, Picoseconds now) const;
  void clear_rx_fifo();
  void clear_tx_fifo();

  // AHB path (ahb_path.cpp)
  int buffer_for_master(unsigned master) const;
  std::size_t buffer_bytes(unsigned index) const;
  void abort_prefetch(Picoseconds now);
  void clear_ahb_buffers();
  // Why an AHB access cannot run (module disabled, outside the FLSHxCR0 sizes), "" when it can;
  // fills the port mapping when it can.
  std::string ahb_refusal(const char* what, std::uint64_t offset, std::size_t len, unsigned* port,
                          std::uint32_t* port_address, std::uint64_t* port_end) const;
  // A failed AHB access: logged, error response at `done`.
  AhbResponse ahb_fail(Picoseconds now, Picoseconds done, std::string error);
  AhbResponse ahb_no_data(const RunResult& r, std::uint64_t offset, Picoseconds start,
                          Picoseconds now);
  // An AHB read that no data will ever answer ends at the first timeout that runs: SEQWAIT
  // (serial root clocks, when they run) or AHBBUSWAIT (AHB clocks).
  AhbResponse ahb_timeout(std::uint64_t offset, Picoseconds start, Picoseconds now,
                          const std::string& why, bool seq_clock_runs);
  bool serve_from_buffer(std::uint64_t offset, std::uint8_t* out, std::size_t len, Picoseconds now,
                         AhbResponse& resp);
  std::uint64_t fill_size(std::uint64_t offset, std::size_t len, int index,
                          std::uint64_t port_end) const;
  // An AHB sequence error: STS1.AHBCMDERRID/AHBCMDERRCODE and INTR.AHBCMDERR.
  void record_ahb_error(unsigned seq, std::uint8_t code);

  std::string name_;
  FlexspiFeatures features_;
  SerialBus& bus_;
  RegisterFile regs_;
  SerialFrame frame_;
  Picoseconds root_period_ = 33333;  // 30 MHz until the platform sets the clock
  Picoseconds ahb_period_ = 7576;    // 132 MHz
  bool lut_key_armed_ = false;
  bool root_stopped_ = false;
  int instr_pointer_[kPorts] = {0, 0, 0, 0};  // JMP_ON_CS pointer per port (AHB reads)

  Picoseconds bus_free_at_ = 0;  // next CS-low window may start
  Picoseconds seq_end_at_ = 0;   // CS rise of the last window (STS0.SEQIDLE after it)
  IpCommand ip_;
  std::vector<std::uint8_t> rx_data_;     // captured IP read data
  std::vector<Picoseconds> rx_chunk_at_;  // arrival of each 8-byte chunk
  std::size_t rx_pos_ = 0;                // popped bytes
  std::vector<std::uint8_t> tx_staging_;  // TFDR window
  std::vector<std::uint8_t> tx_fifo_;     // pushed, not yet consumed
  std::vector<std::uint8_t> tx_command_;  // consumed by the running write command
  std::size_t tx_sent_ = 0;

  std::vector<RxBuffer> buffers_;
  int filling_ = -1;  // buffer whose fill may still be running

  std::vector<TimedNote> notes_;
  FlexspiStats stats_;
};

}  // namespace xipsim::flexspi
