#include <fmt/format.h>

#include <fstream>

#include "boot_writers.h"
#include "run_writers.h"
#include "xipsim/core/errors.h"
#include "xipsim/nor_driver/status.h"

namespace xipsim::tools {

namespace {

std::string ms(Picoseconds t) {
  return fmt::format("{:.3f} ms", static_cast<double>(t) / 1e9);
}

std::string indent(const std::string& text, const std::string& pad) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end == std::string::npos ? end : end - start);
    out += line.empty() ? "\n" : pad + line + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string narrate(const scenario::Scenario& s, const boot::SessionReport& r,
                    const std::vector<std::string>& notes,
                    const std::vector<scenario::Check>& checks) {
  std::string out = fmt::format("Scenario {} ({})\n", s.name, s.file);
  if (!s.description.empty()) out += indent(s.description, "  ");
  if (!s.field_failure.empty())
    out += fmt::format("  Field failure {}{}\n", s.field_failure,
                       s.twin.empty() ? "" : "; fixed twin: " + s.twin);
  for (const std::string& n : notes)
    out += "  " + n + "\n";
  out += "\nSteps\n";
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const boot::StepOutcome& o = r.steps[i];
    out +=
        fmt::format("  {:>10}  [{}] {}{}\n", ms(o.start), i + 1, o.label, o.ok ? "" : "  (FAILED)");
    if (!o.boot && !o.execution) out += "              " + o.text + "\n";
    for (const std::string& l : o.log)
      out += "                - " + l + "\n";
    if (o.boot) out += indent(boot_text(*o.boot, {}), "              | ");
    if (o.execution) out += indent(execution_text(*o.execution), "              | ");
  }
  out += "\nExpectations\n";
  if (checks.empty()) out += "  (none)\n";
  for (const scenario::Check& c : checks)
    out += c.ok ? fmt::format("  PASS  {}: {}\n", c.subject, c.actual)
                : fmt::format("  FAIL  {}: expected {}, got {}\n", c.subject, c.expected, c.actual);
  return out;
}

Json step_json(const boot::StepOutcome& o, std::size_t index) {
  Json j{{"index", index},
         {"kind", boot::step_kind_name(o.kind)},
         {"label", o.label},
         {"start_ns", o.start / 1000},
         {"end_ns", o.end / 1000},
         {"ok", o.ok},
         {"status", o.status ? Json(*o.status) : Json(nullptr)},
         {"status_name", o.status ? Json(nor_driver::status_name(*o.status)) : Json(nullptr)},
         {"text", o.text},
         {"log", o.log}};
  if (!o.values.empty()) j["values"] = o.values;
  if (!o.data.empty()) {
    std::string hex;
    for (std::size_t i = 0; i < o.data.size() && i < 256; ++i)
      hex += fmt::format("{}{:02X}", i ? " " : "", o.data[i]);
    j["data"] = hex;
  }
  j["boot"] = o.boot ? boot_json(*o.boot, {}) : Json(nullptr);
  if (o.execution) j["execution"] = execution_json(*o.execution);
  return j;
}

}  // namespace

Json error_result(const std::string& file, const std::string& name, const std::string& message) {
  // The same keys as a result that ran (docs/schema/xipsim-scenario-2.schema.json).
  return Json{{"schema", "xipsim-scenario/2"},
              {"name", name},
              {"file", file},
              {"description", ""},
              {"field_failure", nullptr},
              {"twin", nullptr},
              {"chip", nullptr},
              {"result", "error"},
              {"error", message},
              {"verdict", nullptr},
              {"expected_verdict", nullptr},
              {"failed_step", nullptr},
              {"hint", nullptr},
              {"sim_time_ns", 0},
              {"checks", Json::array()},
              {"notes", Json::array()},
              {"steps", Json::array()},
              {"frames_total", 0},
              {"log", "Scenario " + name + " (" + file + ")\n  error: " + message + "\n"}};
}

Json run_scenario(const scenario::Scenario& s, const std::string& html_path,
                  const std::string& vcd_path) {
  scenario::FrameRecorder frames;
  boot::BootRequest request = s.request;
  request.vcd_path = vcd_path;
  request.observer = &frames;
  boot::BootSession session(request);
  const boot::SessionReport report = session.run_steps();
  const std::vector<scenario::Check> checks = scenario::evaluate(s, report, session.platform());
  bool pass = true;
  Json cj = Json::array();
  for (const scenario::Check& c : checks) {
    pass = pass && c.ok;
    cj.push_back(
        {{"subject", c.subject}, {"ok", c.ok}, {"expected", c.expected}, {"actual", c.actual}});
  }
  Json steps = Json::array();
  for (std::size_t i = 0; i < report.steps.size(); ++i)
    steps.push_back(step_json(report.steps[i], i + 1));  // numbered from 1, as the log
  const boot::BootReport* last = report.last_boot();
  Json j{
      {"schema", "xipsim-scenario/2"},
      {"name", s.name},
      {"file", s.file},
      {"description", s.description},
      {"field_failure", s.field_failure.empty() ? Json(nullptr) : Json(s.field_failure)},
      {"twin", s.twin.empty() ? Json(nullptr) : Json(s.twin)},
      {"chip", s.request.chip},
      {"result", pass ? "pass" : "fail"},
      {"error", nullptr},
      {"verdict", last ? Json(boot::verdict_name(last->verdict)) : Json(nullptr)},
      {"expected_verdict", s.expect.boot.verdict ? Json(*s.expect.boot.verdict) : Json(nullptr)},
      {"failed_step", last && !last->failed_step.empty() ? Json(last->failed_step) : Json(nullptr)},
      {"hint", last && !last->hint.empty() ? Json(last->hint) : Json(nullptr)},
      {"sim_time_ns", report.end / 1000},
      {"checks", cj},
      {"notes", session.notes()},
      {"steps", steps},
      {"frames_total", frames.total()},
      {"log", narrate(s, report, session.notes(), checks)}};
  if (!html_path.empty()) {
    std::ofstream out(html_path);
    if (!out) throw InputError(fmt::format("{}: cannot write the HTML report", html_path));
    out << html_report(j, frames);
  }
  return j;
}

}  // namespace xipsim::tools
