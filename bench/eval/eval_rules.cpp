// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact_eval_rules: how the default rule pack does on the labelled
// development set (../shared/eval/cs_dev.jsonl).
//
//   tact_eval_rules [--misses] [--rules PACK]...
//
// Prints per-category precision and recall of triggers and techniques on
// agent lines and of signals on customer lines, the micro averages, and the
// share of clean agent lines that get a warning-or-worse trigger. With
// --misses, also lists each line whose categories differ from its labels.
// Exit status: 0, or 2 when the data or a pack is missing.
#include <cstdio>
#include <cstring>
#include <string>

#include "core/analyzer.hpp"
#include "dataset.hpp"
#include "rules_metrics.hpp"

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  bool misses = false;
  tact::Options options;
  options.tone = false;
  options.rewrite = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--misses") == 0) {
      misses = true;
    } else if (std::strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
      options.rule_files.emplace_back(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: tact_eval_rules [--misses] [--rules PACK]...\n");
      return 2;
    }
  }
  const std::string shared = tact::eval::shared_dir();
  const auto lines = tact::eval::load_cs_dev(shared);
  if (!lines) {
    std::fprintf(stderr,
                 "tact_eval_rules: ../shared/eval/cs_dev.jsonl not found (set TACT_SHARED_DIR)\n");
    return 2;
  }
  const tact::core::Analyzer analyzer(options);
  if (!analyzer.ok()) {
    std::fprintf(stderr, "tact_eval_rules: %s\n", analyzer.status().message.c_str());
    return 2;
  }
  const tact::eval::RulesMetrics m = tact::eval::evaluate_rules(analyzer, *lines);
  std::printf("%s/eval/cs_dev.jsonl: %zu lines, %zu rules\n\n", shared.c_str(), lines->size(),
              analyzer.rule_count());
  std::fputs(tact::eval::format_rules_metrics(m).c_str(), stdout);
  if (misses) {
    std::printf("\nlines whose categories differ from the labels:\n");
    for (const tact::eval::Miss& x : m.misses) {
      std::printf("  %s %-9s missed [%s] spurious [%s] %s\n", x.id.c_str(), x.family.c_str(),
                  join(x.missed).c_str(), join(x.spurious).c_str(), join(x.rules).c_str());
    }
  }
  return 0;
}
