// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The embedded tone model, scored without rule findings, for tests of the
// lexicon and the heuristics on their own.
#ifndef TACT_TESTS_TONE_TONE_FIXTURE_HPP_
#define TACT_TESTS_TONE_TONE_FIXTURE_HPP_

#include <cmath>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "text/document.hpp"
#include "tone/scorer.hpp"

namespace tact::tone::testing {

inline const Scorer& model() {
  static const std::shared_ptr<const Scorer> scorer = [] {
    Status status;
    auto s = Scorer::load_default(&status);
    if (!status.ok()) throw std::runtime_error(status.message);
    return s;
  }();
  return *scorer;
}

inline Result score(std::string_view text, Role role = Role::customer,
                    const std::vector<rules::Finding>& findings = {}) {
  const text::Document doc = text::Document::build(text);
  return model().score(doc, role, findings);
}

inline double sentiment(std::string_view text) {
  return score(text).tone.sentiment;
}

// VADER's normalisation with its alpha, for exact expectations.
inline double squashed(double sum) {
  return sum / std::sqrt(sum * sum + 15.0);
}

}  // namespace tact::tone::testing

#endif  // TACT_TESTS_TONE_TONE_FIXTURE_HPP_
