// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Accuracy of the rule pack on the labelled development set: per category
// precision and recall of triggers (agent lines), techniques (agent lines)
// and signals (customer lines), their micro averages, and how many clean
// agent lines get a trigger of severity warning or above. The eval program
// (tact_eval_rules) prints these numbers and the floor test checks them, so
// both compute them here.
#ifndef TACT_BENCH_EVAL_RULES_METRICS_HPP_
#define TACT_BENCH_EVAL_RULES_METRICS_HPP_

#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "dataset.hpp"

namespace tact::eval {

struct Counts {
  int tp = 0;
  int fp = 0;
  int fn = 0;
  // 1 when there is nothing to get wrong (no predictions / no labels).
  double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
  void add(const Counts& o) {
    tp += o.tp;
    fp += o.fp;
    fn += o.fn;
  }
};

struct CategoryCounts {
  std::string category;
  Counts counts;
};

// A line whose predicted categories differ from its labels.
struct Miss {
  std::string id;
  std::string family;                 // "trigger", "technique" or "signal"
  std::vector<std::string> missed;    // labelled, not found
  std::vector<std::string> spurious;  // found, not labelled
  std::vector<std::string> rules;     // ids of the rules behind `spurious`
};

struct RulesMetrics {
  // Every category of each family, in docs/categories.md order.
  std::vector<CategoryCounts> triggers;
  std::vector<CategoryCounts> techniques;
  std::vector<CategoryCounts> signals;
  Counts trigger_micro;
  Counts technique_micro;
  Counts signal_micro;
  int clean_lines = 0;    // agent lines with no labelled trigger
  int clean_flagged = 0;  // ... that got a trigger of severity warning or error
  std::vector<Miss> misses;

  double clean_flag_rate() const {
    return clean_lines == 0 ? 0.0 : static_cast<double>(clean_flagged) / clean_lines;
  }
};

// Analyzes every line as its labelled role and compares category sets.
// A category counts as found on a line when any finding of it is reported.
RulesMetrics evaluate_rules(const core::Analyzer& analyzer, const std::vector<LabelledLine>& lines);

// The metrics as a plain-text table.
std::string format_rules_metrics(const RulesMetrics& m);

}  // namespace tact::eval

#endif  // TACT_BENCH_EVAL_RULES_METRICS_HPP_
