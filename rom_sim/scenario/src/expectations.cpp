#include "xipsim/scenario/expectations.h"

#include <fmt/format.h>

#include <cmath>

#include <algorithm>

#include "xipsim/boot/rom_log.h"
#include "xipsim/core/hex.h"
#include "xipsim/core/yaml_reader.h"

namespace xipsim::scenario {

namespace {

std::string hex_bytes(const std::vector<std::uint8_t>& b, std::size_t max = 16) {
  std::string s;
  for (std::size_t i = 0; i < b.size() && i < max; ++i)
    s += fmt::format("{}{:02X}", i ? " " : "", b[i]);
  if (b.size() > max) s += fmt::format(" ... ({} bytes)", b.size());
  return s;
}

std::string ms(Picoseconds t) {
  return fmt::format("{:.3f} ms", static_cast<double>(t) / 1e9);
}

class Evaluator {
 public:
  Evaluator(const Scenario& s, const boot::SessionReport& r, soc::Platform& p)
      : s_(s), r_(r), p_(p) {}

  std::vector<Check> run() {
    for (std::size_t i = 0; i < s_.step_expects.size() && i < r_.steps.size(); ++i)
      // Steps are numbered from 1, as in the narrated log and the JSON's steps[].index.
      step(fmt::format("step {}", i + 1), s_.step_expects[i], r_.steps[i]);
    const boot::BootReport* last = r_.last_boot();
    if (s_.expect.boot.any()) {
      if (!last)
        add("expect", false, "a boot step", "the scenario ran no boot");
      else
        boot("expect", s_.expect.boot, *last);
    }
    for (std::size_t i = 0; i < s_.expect.memory.size(); ++i)
      memory(i);
    for (std::size_t i = 0; i < s_.expect.flash.size(); ++i)
      flash(i);
    bound("expect.time", s_.expect.time, r_.end);
    if (last) bound("expect.boot_time", s_.expect.boot_time, last->boot_time);
    return std::move(checks_);
  }

 private:
  void add(const std::string& subject, bool ok, std::string expected, std::string actual) {
    checks_.push_back({subject, ok, std::move(expected), std::move(actual)});
  }

  void step(const std::string& at, const StepExpect& e, const boot::StepOutcome& o) {
    if (e.status) {
      const std::string got = o.status ? nor_driver::status_name(*o.status) : "no status";
      add(at + ".status", o.status && *o.status == *e.status, nor_driver::status_name(*e.status),
          got);
    }
    if (e.ok) add(at + ".ok", o.ok == *e.ok, *e.ok ? "true" : "false", o.ok ? "true" : "false");
    std::string all = o.text;  // the sentence and the step's log lines
    for (const std::string& l : o.log)
      all += "\n" + l;
    for (const std::string& t : e.text_contains)
      add(at + ".text_contains", all.find(t) != std::string::npos, "text containing '" + t + "'",
          all);
    if (e.data) {
      const bool ok = o.data.size() >= e.data->size() &&
                      std::equal(e.data->begin(), e.data->end(), o.data.begin());
      add(at + ".data", ok, hex_bytes(*e.data), hex_bytes(o.data));
    }
    if (e.values) {
      std::string want, got;
      for (auto v : *e.values)
        want += fmt::format("0x{:X} ", v);
      for (auto v : o.values)
        got += fmt::format("0x{:X} ", v);
      add(at + ".values", *e.values == o.values, want, got);
    }
    if (e.boot.any()) {
      if (!o.boot)
        add(at, false, "a boot step", "not a boot step");
      else
        boot(at, e.boot, *o.boot);
    }
    if (e.run.any()) {
      if (!o.execution)
        add(at, false, "a run step that ran the application", o.text);
      else
        run(at, e.run, *o.execution);
    }
  }

  void run(const std::string& at, const RunExpect& e, const boot::Execution& x) {
    if (e.app_verdict)
      add(at + ".app_verdict", *e.app_verdict == x.verdict, *e.app_verdict, x.verdict);
    for (const std::string& t : e.uart_contains)
      add(at + ".uart_contains", x.console.find(t) != std::string::npos,
          "console text containing '" + t + "'", x.console);
    if (e.fault) {
      const std::string got = x.run.faults.empty() || !x.run.faults[0].exception
                                  ? "no fault handler entered"
                                  : cpu::exception_name(x.run.faults[0].exception);
      add(at + ".fault", got == *e.fault, *e.fault, got);
    }
    for (const GpioExpect& g : e.gpio)
      gpio(at, g, x);
    if (e.reached) reached(at, *e.reached, x);
    if (e.resets)
      add(at + ".resets", x.resets.size() == *e.resets, fmt::format("{} resets", *e.resets),
          fmt::format("{} resets", x.resets.size()));
    if (e.reset_source)
      for (const boot::ResetEvent& r : x.resets)
        add(at + ".reset_source", r.source == *e.reset_source, *e.reset_source, r.source);
    std::string story;
    for (const std::string& line : x.story)
      story += line + "\n";
    for (const std::string& t : e.narration_contains)
      add(at + ".narration_contains", story.find(t) != std::string::npos,
          "the run's narration saying '" + t + "'", story);
    for (const std::string& t : e.narration_lacks)
      add(at + ".narration_lacks", story.find(t) == std::string::npos,
          "the run's narration without '" + t + "'", story);
    const std::string reboot = x.resets.empty() ? "" : x.resets.back().boot_text;
    for (const std::string& t : e.reboot_contains)
      add(at + ".reboot_contains", reboot.find(t) != std::string::npos,
          "the boot after the last reset saying '" + t + "'",
          x.resets.empty() ? "(no reset)" : reboot);
  }

  // The run stopped at `where`: a code address (the Thumb bit ignored) or the function the
  // image's symbols name there ("reached main (0x6000_2F1C)").
  void reached(const std::string& at, const std::string& where, const boot::Execution& x) {
    const auto address = parse_unsigned(where);
    const bool stopped = x.verdict == "reached";
    const bool here = address ? (x.run.pc & ~1u) == (*address & ~1ull)
                              : x.run.text.rfind("reached " + where + " (", 0) == 0;
    add(at + ".reached", stopped && here, "the run stopped at " + where,
        stopped ? x.run.text : "verdict " + x.verdict);
  }

  void gpio(const std::string& at, const GpioExpect& g, const boot::Execution& x) {
    const boot::PinActivity* p = nullptr;
    for (const auto& a : x.pins)
      if (a.pin == g.pin) p = &a;
    const std::size_t changes = p ? p->edges.size() : 0;
    if (g.toggles_min)
      add(at + ".gpio." + g.pin, changes >= *g.toggles_min,
          fmt::format("at least {} changes", *g.toggles_min), fmt::format("{} changes", changes));
    if (g.interval) {
      const double want = static_cast<double>(*g.interval) / 1e9;
      const double tol = static_cast<double>(g.tolerance.value_or(*g.interval / 100)) / 1e9;
      const bool ok = p && p->interval_ms && std::abs(*p->interval_ms - want) <= tol;
      add(at + ".gpio." + g.pin + ".interval", ok, fmt::format("{:.3f} ms +- {:.3f} ms", want, tol),
          p && p->interval_ms ? fmt::format("{:.3f} ms", *p->interval_ms) : "no interval");
    }
  }

  void boot(const std::string& at, const BootExpect& e, const boot::BootReport& b) {
    if (e.verdict)
      add(at + ".verdict", *e.verdict == verdict_name(b.verdict), *e.verdict,
          verdict_name(b.verdict));
    if (e.failed_step)
      add(at + ".failed_step", *e.failed_step == b.failed_step, *e.failed_step,
          b.failed_step.empty() ? "(none)" : b.failed_step);
    if (e.entry)
      add(at + ".entry", b.entry && *b.entry == *e.entry, hex32(*e.entry),
          b.entry ? hex32(*b.entry) : "(none)");
    if (!e.rom_log.empty()) {
      std::size_t k = 0;
      for (const auto& entry : b.rom_log)
        if (k < e.rom_log.size() && entry.code == e.rom_log[k]) ++k;
      std::string want, got;
      for (auto c : e.rom_log)
        want += fmt::format("{} ", boot::romlog::name(c));
      for (const auto& entry : b.rom_log)
        got += fmt::format("{} ", boot::romlog::name(entry.code));
      add(at + ".rom_log", k == e.rom_log.size(), "in order: " + want, got);
    }
    for (const std::string& t : e.hint_contains)
      add(at + ".hint_contains", b.hint.find(t) != std::string::npos, "hint containing '" + t + "'",
          b.hint.empty() ? "(no hint)" : b.hint);
    for (const std::string& t : e.reason_contains)
      add(at + ".reason_contains", b.reason.find(t) != std::string::npos,
          "reason containing '" + t + "'", b.reason.empty() ? "(no failure)" : b.reason);
  }

  void memory(std::size_t i) {
    const BytesExpect& e = s_.expect.memory[i];
    std::vector<std::uint8_t> got(e.bytes.size());
    const bool read = p_.debug_read(e.address, got.data(), got.size());
    add(fmt::format("expect.memory[{}] at {}", i, hex32(static_cast<std::uint32_t>(e.address))),
        read && got == e.bytes, hex_bytes(e.bytes), read ? hex_bytes(got) : "(not readable)");
  }

  void flash(std::size_t i) {
    const BytesExpect& e = s_.expect.flash[i];
    const boot::FlashArg& f = s_.request.flashes.at(e.flash);
    const int inst = f.instance.empty() ? p_.instance_index(p_.chip().boot_instance()->name)
                                        : p_.instance_index(f.instance);
    flash::NorDevice* d = p_.flash(static_cast<std::size_t>(inst), f.port);
    std::vector<std::uint8_t> got(e.bytes.size());
    if (d) d->array().read(e.address, got.data(), got.size());
    add(fmt::format("expect.flash[{}] at offset 0x{:X}", i, e.address), d && got == e.bytes,
        hex_bytes(e.bytes), d ? hex_bytes(got) : "(no part)");
  }

  void bound(const std::string& at, const TimeBound& t, Picoseconds value) {
    if (t.min) add(at + ".min", value >= *t.min, ">= " + ms(*t.min), ms(value));
    if (t.max) add(at + ".max", value <= *t.max, "<= " + ms(*t.max), ms(value));
  }

  const Scenario& s_;
  const boot::SessionReport& r_;
  soc::Platform& p_;
  std::vector<Check> checks_;
};

}  // namespace

std::vector<Check> evaluate(const Scenario& s, const boot::SessionReport& report,
                            soc::Platform& platform) {
  return Evaluator(s, report, platform).run();
}

}  // namespace xipsim::scenario
