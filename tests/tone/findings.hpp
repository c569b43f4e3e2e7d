// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Rule findings made by hand, so the tone model's use of them is tested
// apart from the rule pack.
#ifndef TACT_TESTS_TONE_FINDINGS_HPP_
#define TACT_TESTS_TONE_FINDINGS_HPP_

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "rules/pack.hpp"

namespace tact::tone::testing {

class Findings {
 public:
  // A finding of `family`/`category` on the first occurrence of `phrase` in
  // `view` (the Document's view).
  Findings& add(rules::Family family, const std::string& category, std::string_view view,
                std::string_view phrase, Severity severity = Severity::warning) {
    rules::Rule& r = rules_.emplace_back();
    r.family = family;
    r.category = category;
    r.id = category;
    r.severity = severity;
    r.roles = rules::kAgent | rules::kCustomer;
    const auto at = static_cast<uint32_t>(view.find(phrase));
    findings_.push_back({&r, {at, at + static_cast<uint32_t>(phrase.size())}, {}});
    return *this;
  }
  const std::vector<rules::Finding>& get() const { return findings_; }

 private:
  std::deque<rules::Rule> rules_;
  std::vector<rules::Finding> findings_;
};

}  // namespace tact::tone::testing

#endif  // TACT_TESTS_TONE_FINDINGS_HPP_
