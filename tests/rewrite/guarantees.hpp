// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The rewrite's guarantees, checked on one message through tact::core::Analyzer:
// the edits are well-formed and turn the message into the rewrite; a
// message with no trigger comes back byte for byte; every `keep` string
// survives; re-analysing the rewrite finds no trigger of severity warning
// or above; rewriting the rewrite changes nothing.
#ifndef TACT_TESTS_REWRITE_GUARANTEES_HPP_
#define TACT_TESTS_REWRITE_GUARANTEES_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/analyzer.hpp"

namespace tact::testing {

struct GuaranteeStats {
  std::size_t messages = 0;
  std::size_t with_triggers = 0;  // at least one trigger found
  std::size_t rewritten = 0;      // at least one edit
  std::size_t edits = 0;
  std::size_t keeps = 0;  // keep strings checked
};

// Checks every guarantee for `text`; returns one line per violation.
std::vector<std::string> check_guarantees(const core::Analyzer& analyzer, std::string_view text,
                                          const std::vector<std::string>& keep,
                                          GuaranteeStats* stats);

// UTF-16 code units in `s` (valid UTF-8).
std::size_t utf16_length(std::string_view s);

}  // namespace tact::testing

#endif  // TACT_TESTS_REWRITE_GUARANTEES_HPP_
