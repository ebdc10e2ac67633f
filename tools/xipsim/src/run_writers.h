// Writers for scenario runs (docs/run.md): the per-scenario result (JSON, schema
// xipsim-scenario/2), its narrated text, the HTML boot report, the JUnit XML and summary table
// over many results.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "xipsim/boot/boot_session.h"
#include "xipsim/scenario/expectations.h"
#include "xipsim/scenario/frame_recorder.h"
#include "xipsim/scenario/scenario.h"

namespace xipsim::tools {

using Json = nlohmann::ordered_json;

// Runs one scenario in this process (SystemC elaborates once: one scenario per process) and
// returns its result; writes the HTML report and VCD when the paths are not empty.
Json run_scenario(const scenario::Scenario& s, const std::string& html_path,
                  const std::string& vcd_path);
// The result of a scenario that could not run (input error, crash, timeout).
Json error_result(const std::string& file, const std::string& name, const std::string& message);

std::string html_report(const Json& result, const scenario::FrameRecorder& frames);
std::string junit_xml(const std::vector<Json>& results);  // times are simulated
std::string summary_table(const std::vector<Json>& results);

}  // namespace xipsim::tools
