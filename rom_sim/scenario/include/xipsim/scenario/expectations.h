// Checks a scenario's expectations against what the session produced.
#pragma once

#include <string>
#include <vector>

#include "xipsim/boot/boot_session.h"
#include "xipsim/scenario/scenario.h"

namespace xipsim::scenario {

struct Check {
  std::string subject;  // "expect.verdict", "steps[3].status", "expect.memory[0]"
  bool ok = false;
  std::string expected, actual;
};

std::vector<Check> evaluate(const Scenario& s, const boot::SessionReport& report,
                            soc::Platform& platform);

}  // namespace xipsim::scenario
