// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The time budget of one analyze call (Options::deadline). Stages ask
// passed() at their checkpoints; once it has said yes it keeps saying so
// without reading the clock, so every later stage stops too.
#ifndef TACT_LIB_CORE_DEADLINE_HPP_
#define TACT_LIB_CORE_DEADLINE_HPP_

#include <chrono>

namespace tact {

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  // No limit.
  Deadline() = default;

  // `budget` from now; zero or less: no limit.
  explicit Deadline(std::chrono::microseconds budget)
      : active_(budget.count() > 0), at_(active_ ? Clock::now() + budget : Clock::time_point()) {}

  // True once the budget is spent. Not thread-safe: one per call.
  bool passed() const {
    if (!active_ || passed_) return passed_;
    passed_ = Clock::now() >= at_;
    return passed_;
  }

 private:
  bool active_ = false;
  mutable bool passed_ = false;
  Clock::time_point at_;
};

}  // namespace tact

#endif  // TACT_LIB_CORE_DEADLINE_HPP_
