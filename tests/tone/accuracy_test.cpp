// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Accuracy floors on labelled data in ../shared, computed by the same code
// as tact_eval_tone (bench/eval/tone_metrics.cpp). Skipped without the data.
#include <doctest/doctest.h>

#include "core/core.hpp"
#include "dataset.hpp"
#include "tone_metrics.hpp"

TEST_CASE("tone accuracy floors") {
  const tact::core::Analyzer analyzer;
  const tact::eval::ToneMetrics m = tact::eval::tone_metrics(
      tact::eval::shared_dir(),
      [&](std::string_view text, tact::Role role) { return analyzer.analyze(text, role); });
  REQUIRE(m.customer_lines == 100);
  CHECK(m.escalation_exact >= 0.75);
  CHECK(m.escalation_within_one >= 0.97);
  CHECK(m.sentiment_accuracy >= 0.85);
  // The public sets are optional beside the development set.
  if (m.tweets > 0) CHECK(m.tweets_r >= 0.85);
  if (m.comments > 0) CHECK(m.anger_auroc >= 0.80);
  CHECK(m.role_accuracy >= 0.90);
}
