// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The default pack's accuracy floors on ../shared/eval/cs_dev.jsonl, with
// the same numbers tact_eval_rules prints (bench/eval/rules_metrics.cpp).
#include <doctest/doctest.h>

#include "core/analyzer.hpp"
#include "dataset.hpp"
#include "rules_metrics.hpp"

TEST_CASE("rule pack accuracy on the development set stays above its floors") {
  const auto lines = tact::eval::load_cs_dev(tact::eval::shared_dir());
  REQUIRE(lines.has_value());
  tact::Options options;
  options.tone = false;
  options.rewrite = false;
  const tact::core::Analyzer analyzer(options);
  REQUIRE(analyzer.ok());
  const tact::eval::RulesMetrics m = tact::eval::evaluate_rules(analyzer, *lines);
  MESSAGE(tact::eval::format_rules_metrics(m));
  CHECK(m.trigger_micro.precision() >= 0.92);
  CHECK(m.trigger_micro.recall() >= 0.88);
  CHECK(m.technique_micro.recall() >= 0.80);
  CHECK(m.signal_micro.precision() >= 0.85);
  CHECK(m.signal_micro.recall() >= 0.80);
  CHECK(m.clean_flag_rate() <= 0.02);
  // The set is what the README describes: 120 agent lines, 55 of them clean.
  CHECK(m.clean_lines == 55);
  CHECK(m.trigger_micro.tp + m.trigger_micro.fn == 84);
}
