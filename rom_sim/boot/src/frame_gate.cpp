#include "frame_gate.h"

#include <fmt/format.h>

#include <algorithm>

#include "xipsim/core/duration.h"
#include "xipsim/core/errors.h"
#include "xipsim/core/yaml_reader.h"

namespace xipsim::boot {

bool RecordWindow::covers(std::size_t step, SessionStep::Kind step_kind,
                          Picoseconds frame_start) const {
  switch (kind) {
    case Kind::kBootSteps:
      return step_kind == SessionStep::Kind::kBoot;
    case Kind::kAllSteps:
      return true;
    case Kind::kSteps:
      return std::find(steps.begin(), steps.end(), step) != steps.end();
    case Kind::kTime:
      return frame_start >= from && frame_start <= to;
  }
  return false;
}

RecordWindow parse_record_window(const std::string& text, const std::string& what) {
  RecordWindow w;
  if (text == "boot" || text.empty()) return w;
  if (text == "all") {
    w.kind = RecordWindow::Kind::kAllSteps;
    return w;
  }
  const auto dots = text.find("..");
  if (dots != std::string::npos) {
    const auto from = parse_duration(text.substr(0, dots));
    const auto to = parse_duration(text.substr(dots + 2));
    if (!from || !to || *to < *from)
      throw InputError(
          fmt::format("{} '{}': expected a time range FROM..TO with units, e.g. "
                      "'0 ms..2.5 ms', FROM <= TO",
                      what, text));
    w.kind = RecordWindow::Kind::kTime;
    w.from = *from;
    w.to = *to;
    return w;
  }
  w.kind = RecordWindow::Kind::kSteps;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const std::string item = text.substr(start, comma == std::string::npos ? comma : comma - start);
    const auto n = parse_unsigned(item);
    if (!n || *n == 0)
      throw InputError(
          fmt::format("{} '{}': expected boot, all, step numbers from 1 (2,4) or "
                      "a time range (0 ms..2 ms); '{}' is none of these",
                      what, text, item));
    w.steps.push_back(static_cast<std::size_t>(*n));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return w;
}

FrameGate::FrameGate(board::FrameObserver& next, RecordWindow window)
    : next_(next), window_(std::move(window)) {}

void FrameGate::begin_step(std::size_t index, SessionStep::Kind kind) {
  step_ = index;
  kind_ = kind;
  next_.on_step(index, step_kind_name(kind));
}

void FrameGate::on_frame(unsigned port, const SerialFrame& frame) {
  if (!window_.covers(step_, kind_, frame.start_ps())) {
    ++dropped_;
    return;
  }
  ++passed_;
  next_.on_frame(port, frame);
}

}  // namespace xipsim::boot
