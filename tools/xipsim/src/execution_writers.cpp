// Writers for what the application did after the boot (`xipsim boot --run`): the narrated text
// and the JSON `execution` object (schema: docs/boot.md).
#include <fmt/format.h>

#include <cctype>

#include "boot_writers.h"
#include "json_style.h"
#include "xipsim/soc/src_block.h"

namespace xipsim::tools {

namespace {
std::uint64_t ns(Picoseconds t) {
  return t / 1000;
}

Json faults_json(const cpu::RunOutcome& r) {
  Json faults = Json::array();
  for (const cpu::FaultRecord& f : r.faults) {
    Json item{{"time_ns", ns(f.time)},
              {"kind", f.kind},
              {"handler", f.exception ? Json(cpu::exception_name(f.exception)) : Json(nullptr)},
              {"escalated", f.escalated}};
    put_address(item, "block", std::optional<std::uint64_t>(f.block));
    put_address(item, "pc", std::optional<std::uint64_t>(f.pc));
    item["precise"] = f.precise;
    item["symbol"] = text_or_null(f.symbol);
    put_address(item, "address",
                f.has_address ? std::optional<std::uint64_t>(f.address) : std::nullopt);
    item["cfsr"] = hex_text(f.cfsr);
    item["cause"] = f.cause.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.cause);
    item["hfsr"] = hex_text(f.hfsr);
    Json code = Json::array();
    for (const cpu::Instruction& i : f.code)
      code.push_back(
          {{"address", i.address}, {"address_hex", hex_text(i.address)}, {"text", i.text}});
    item["code"] = code;
    faults.push_back(item);
  }
  return faults;
}

Json pins_json(const boot::Execution& e) {
  Json pins = Json::array();
  for (const boot::PinActivity& p : e.pins) {
    Json edges = Json::array();
    for (std::size_t i = 0; i < p.edges.size(); ++i)
      edges.push_back({{"time_ns", ns(p.edges[i])}, {"level", p.levels[i] ? 1 : 0}});
    pins.push_back({{"pin", p.pin},
                    {"user_led", p.user_led},
                    {"changes", p.edges.size()},
                    {"interval_ms", p.interval_ms ? Json(*p.interval_ms) : Json(nullptr)},
                    {"edges", edges}});
  }
  return pins;
}
// The resets the application caused, and the boots after them.
Json resets_json(const boot::Execution& e) {
  Json resets = Json::array();
  for (const boot::ResetEvent& x : e.resets)
    resets.push_back({{"time_ns", ns(x.time)},
                      {"source", x.source},
                      {"why", x.why},
                      {"srsr", hex_text(x.srsr)},
                      {"srsr_bits", soc::SrcBlock::srsr_text(x.srsr)},
                      {"booted", x.booted},
                      {"boot", x.boot_text}});
  return resets;
}

// An instruction's bytes as the trace shows them: "08 b5".
std::string code_bytes_text(const std::vector<std::uint8_t>& bytes) {
  std::string out;
  for (const std::uint8_t b : bytes)
    out += fmt::format("{}{:02x}", out.empty() ? "" : " ", b);
  return out;
}

// --trace-instructions, one object per instruction.
Json trace_json(const cpu::RunOutcome& r) {
  Json trace = Json::array();
  for (const cpu::RunOutcome::Traced& t : r.trace) {
    trace.push_back({{"address_hex", hex_text(t.instruction.address)},
                     {"bytes", code_bytes_text(t.bytes)},
                     {"instruction", t.instruction.text},
                     {"symbol", text_or_null(t.symbol)}});
  }
  return trace;
}
}  // namespace

Json execution_json(const boot::Execution& e) {
  const cpu::RunOutcome& r = e.run;
  Json exceptions = Json::object();
  for (const auto& [n, count] : r.exceptions_taken)
    exceptions[cpu::exception_name(n)] = count;
  Json j{{"verdict", e.verdict},
         {"end", cpu::run_end_name(r.end)},
         {"text", r.text},
         {"start_ns", ns(r.start)},
         {"stop_ns", ns(r.stop)},
         {"instructions", r.instructions},
         {"cycles", r.cycles},
         {"skipped_instructions", r.skipped_instructions},
         {"wall_seconds", r.wall_seconds},
         {"core_mhz", e.core_mhz}};
  put_address(j, "pc", std::optional<std::uint64_t>(r.pc));
  j["pins"] = pins_json(e);
  j["console"] = {{"port", text_or_null(e.console_port)},
                  {"text", e.console},
                  {"received", e.console_received},
                  {"lost", e.console_lost}};
  j["exceptions"] = exceptions;
  j["faults"] = faults_json(r);
  if (r.hang) {
    Json hang{{"reads", r.hang->reads}};
    put_address(hang, "register", std::optional<std::uint64_t>(r.hang->address));
    hang["value"] = hex_text(r.hang->value);
    put_address(hang, "block", std::optional<std::uint64_t>(r.hang->pc));
    j["hang"] = hang;
  } else {
    j["hang"] = nullptr;
  }
  Json unmodelled = Json::array();
  for (const cpu::UnmodelledAccess& u : r.unmodelled) {
    Json a{{"time_ns", ns(u.time)},
           {"block", u.block},
           {"access", u.write ? "write" : "read"},
           {"value", hex_text(u.value)}};
    put_address(a, "register", std::optional<std::uint64_t>(u.address));
    put_address(a, "code", std::optional<std::uint64_t>(u.pc));
    unmodelled.push_back(a);
  }
  j["unmodelled_registers"] = unmodelled;
  j["resets"] = resets_json(e);
  j["caches"] = {{"icache_misses", r.icache_misses},
                 {"dcache_misses", r.dcache_misses},
                 {"window_line_reads", r.window_reads},
                 {"stale_blocks", r.stale_blocks}};
  j["story"] = e.story;
  j["trace"] = trace_json(r);
  return j;
}

namespace {
// --trace-instructions: "  0x6000_2330  b5 10        push {r4, lr}           Reset_Handler"
std::string trace_text(const cpu::RunOutcome& r) {
  if (r.trace.empty()) return "";
  std::string out = fmt::format("The first {} instructions executed\n", r.trace.size());
  for (const cpu::RunOutcome::Traced& t : r.trace) {
    out += fmt::format("  {}  {:<12} {:<28} {}\n", hex_text(t.instruction.address),
                       code_bytes_text(t.bytes), t.instruction.text, t.symbol);
  }
  return out;
}
}  // namespace

std::string execution_text(const boot::Execution& e) {
  std::string out = trace_text(e.run) + "What the application did\n";
  for (const std::string& s : e.story)
    out += "  " + s + "\n";
  std::string verdict = e.verdict;
  for (char& ch : verdict)
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  out += fmt::format("Application: {}.\n", verdict);
  return out;
}

}  // namespace xipsim::tools
