// `xipsim run PATH... [-j N] [--junit FILE] [--json FILE] [--html DIR] [--vcd DIR] [--log]`:
// runs scenario files (and folders of them), one process per scenario because SystemC
// elaborates once per process. Exit 0 when every expectation held, 1 when one failed, 2 when a
// scenario could not be read or run.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "commands.h"
#include "run_writers.h"
#include "xipsim/core/errors.h"

namespace xipsim::tools {

namespace {
namespace fs = std::filesystem;

struct RunArgs {
  std::vector<std::string> paths;
  unsigned jobs = 1;
  std::string junit, json, html_dir, vcd_dir, vcd_window = "boot";
  bool log = false;
  double timeout_s = 300;
};

std::vector<std::string> collect(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    if (fs::is_directory(p)) {
      std::vector<std::string> in_dir;
      for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file() && e.path().extension() == ".yaml")
          in_dir.push_back(e.path().string());
      std::sort(in_dir.begin(), in_dir.end());
      if (in_dir.empty()) throw InputError(fmt::format("{}: no *.yaml scenario files", p));
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else if (fs::exists(p)) {
      files.push_back(p);
    } else {
      throw InputError(fmt::format("{}: no such file or folder", p));
    }
  }
  return files;
}

std::string stem(const std::string& file) {
  return fs::path(file).stem().string();
}

// Runs in the child: loads, simulates, writes the result JSON to `out`.
int child(const std::string& file, const RunArgs& a, const std::string& out) {
  Json r;
  try {
    scenario::Scenario s = scenario::load_scenario(file);
    s.request.record = boot::parse_record_window(a.vcd_window, "--vcd-window");
    const std::string html = a.html_dir.empty() ? "" : a.html_dir + "/" + stem(file) + ".html";
    const std::string vcd = a.vcd_dir.empty() ? "" : a.vcd_dir + "/" + stem(file) + ".vcd";
    r = run_scenario(s, html, vcd);
  } catch (const InputError& e) {
    r = error_result(file, stem(file), e.what());
  } catch (const std::exception& e) {
    r = error_result(file, stem(file), std::string("internal error: ") + e.what());
  }
  std::ofstream(out) << r.dump();
  return 0;
}

struct Running {
  std::size_t index;
  std::string out;
  std::chrono::steady_clock::time_point start;
};

// The result a finished child left in `out`, or an error result saying why there is none.
Json child_result(const std::string& file, const std::string& out, int status, double timeout_s) {
  std::ifstream in(out);
  Json r;
  if (in && WIFEXITED(status)) r = Json::parse(in, nullptr, false);
  if (!r.is_discarded() && !r.is_null()) return r;
  const std::string why =
      WIFSIGNALED(status)
          ? (WTERMSIG(status) == SIGALRM
                 ? fmt::format("did not finish within {:.0f} s (wall clock)", timeout_s)
                 : fmt::format("the simulation crashed (signal {})", WTERMSIG(status)))
          : "the simulation produced no result";
  return error_result(file, stem(file), why);
}

// Logs, summary table, JUnit and JSON files; the exit code (2 errors, 1 failures, 0 all pass).
int report(const std::vector<Json>& results, const RunArgs& a, double wall_s) {
  bool failed = false, errored = false;
  for (const Json& r : results) {
    failed = failed || r["result"] == "fail";
    errored = errored || r["result"] == "error";
    if (a.log || r["result"] != "pass") std::cout << r["log"].get<std::string>() << "\n";
  }
  std::cout << summary_table(results);
  std::cout << fmt::format("wall time {:.2f} s with -j {}\n", wall_s, a.jobs);
  if (!a.junit.empty()) {
    std::ofstream out(a.junit);
    if (!out) throw InputError(fmt::format("--junit {}: cannot write", a.junit));
    out << junit_xml(results);
  }
  if (!a.json.empty()) {
    std::ofstream out(a.json);
    if (!out) throw InputError(fmt::format("--json {}: cannot write", a.json));
    Json all{{"schema", "xipsim-run/2"}, {"scenarios", results}};
    out << all.dump(2) << "\n";
  }
  return errored ? 2 : failed ? 1 : 0;
}

int run(const RunArgs& a) {
  boot::parse_record_window(a.vcd_window, "--vcd-window");  // a bad value fails before any run
  const std::vector<std::string> files = collect(a.paths);
  for (const std::string* d : {&a.html_dir, &a.vcd_dir})
    if (!d->empty()) fs::create_directories(*d);
  char tmpl[] = "/tmp/xipsim-run-XXXXXX";
  const char* tmp = mkdtemp(tmpl);
  if (!tmp) throw InputError("cannot create a temporary folder in /tmp");
  std::vector<Json> results(files.size());
  std::vector<double> wall(files.size(), 0);
  std::map<pid_t, Running> running;
  std::size_t next = 0, done = 0;
  const bool tty = isatty(STDERR_FILENO);
  const auto t0 = std::chrono::steady_clock::now();
  std::cout.flush();
  while (done < files.size()) {
    while (next < files.size() && running.size() < std::max(1u, a.jobs)) {
      const std::string out = fmt::format("{}/{}.json", tmp, next);
      const pid_t pid = fork();
      if (pid < 0) throw InputError("fork failed");
      if (pid == 0) {
        alarm(static_cast<unsigned>(a.timeout_s));
        std::_Exit(child(files[next], a, out));
      }
      running[pid] = {next, out, std::chrono::steady_clock::now()};
      ++next;
    }
    int status = 0;
    const pid_t pid = wait(&status);
    if (pid < 0) break;
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const Running job = it->second;
    running.erase(it);
    ++done;
    wall[job.index] =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - job.start).count();
    Json r = child_result(files[job.index], job.out, status, a.timeout_s);
    std::remove(job.out.c_str());
    const std::string result = r["result"];
    if (tty)
      std::cerr << fmt::format("\r[{}/{}] {:<50}", done, files.size(), stem(files[job.index]))
                << std::flush;
    else
      std::cerr << fmt::format("[{}/{}] {} {}\n", done, files.size(), stem(files[job.index]),
                               result == "pass"   ? "PASS"
                               : result == "fail" ? "FAIL"
                                                  : "ERROR");
    results[job.index] = std::move(r);
  }
  fs::remove_all(tmp);
  if (tty) std::cerr << "\r" << std::string(60, ' ') << "\r";
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return report(results, a, total);
}
}  // namespace

void add_run_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Run scenario files (docs/run.md)");
  cmd->add_option("paths", args->paths, "Scenario files or folders")->required();
  cmd->add_option("-j,--jobs", args->jobs, "Scenarios run in parallel (one process each)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--junit", args->junit, "Write JUnit XML here");
  cmd->add_option("--json", args->json, "Write all results as JSON here (xipsim-run/2)");
  cmd->add_option("--html", args->html_dir, "Write one HTML report per scenario into this folder");
  cmd->add_option("--vcd", args->vcd_dir, "Write one VCD waveform per scenario into this folder");
  cmd->add_option("--vcd-window", args->vcd_window,
                  "Which frames the VCD and the HTML report record: boot (default: the boot "
                  "steps), all, step numbers (2,4) or a time range ('0 ms..2 ms')");
  cmd->add_flag("--log", args->log, "Print every scenario's narrated log (failed ones always)");
  cmd->add_option("--timeout", args->timeout_s, "Wall-clock limit per scenario in seconds")
      ->check(CLI::Range(1.0, 3600.0));
  cmd->callback([args, exit_code] {
    try {
      *exit_code = run(*args);
    } catch (const InputError& e) {
      std::cerr << "xipsim: error: " << e.what() << "\n";
      *exit_code = 2;
    }
  });
}

}  // namespace xipsim::tools
