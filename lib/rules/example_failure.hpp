// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// What `tact rules check` reports: a rule example that did not behave as
// its pack says.
#ifndef TACT_RULES_EXAMPLE_FAILURE_HPP_
#define TACT_RULES_EXAMPLE_FAILURE_HPP_

#include <string>

namespace tact::rules {

// A rule example that did not behave as its pack says (see check_examples).
struct ExampleFailure {
  std::string rule;
  std::string source;  // file name or PackSource::name
  int line = 0;
  std::string text;
  bool should_flag = true;  // false: the rule flagged text it must not
};

}  // namespace tact::rules

#endif  // TACT_RULES_EXAMPLE_FAILURE_HPP_
