// A peripheral's interrupt output: one level-sensitive line to the NVIC (the platform connects
// it to cpu::Cpu::set_irq_line). The peripheral drives it from its flags and enables; the line
// calls the listener only when the level changes.
#pragma once

#include <functional>

namespace xipsim::soc {

class InterruptLine {
 public:
  virtual ~InterruptLine() = default;
  void on_irq(std::function<void(bool level)> line) { line_ = std::move(line); }
  bool irq_level() const { return level_; }

 protected:
  void drive_irq(bool level) {
    if (level == level_) return;
    level_ = level;
    if (line_) line_(level);
  }

 private:
  std::function<void(bool)> line_;
  bool level_ = false;
};

}  // namespace xipsim::soc
