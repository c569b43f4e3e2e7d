// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The rewrite's guarantees over every agent line of the development set
// (../shared/eval/cs_dev.jsonl), through the default pack.
#include <doctest/doctest.h>

#include "dataset.hpp"
#include "rewrite/guarantees.hpp"

namespace tact {
namespace {

TEST_CASE("rewrite guarantees hold on every agent line of the development set") {
  const auto lines = eval::load_cs_dev(eval::shared_dir());
  REQUIRE(lines.has_value());
  const core::Analyzer analyzer;
  testing::GuaranteeStats stats;
  std::vector<std::string> failures;
  std::size_t clean_labelled = 0;
  std::size_t clean_unchanged = 0;
  for (const eval::LabelledLine& line : *lines) {
    if (line.role != "agent") continue;
    for (std::string& f : testing::check_guarantees(analyzer, line.text, line.keep, &stats)) {
      failures.push_back(line.id + ": " + f);
    }
    if (line.triggers.empty()) {
      ++clean_labelled;
      clean_unchanged += analyzer.analyze(line.text).rewrite == line.text ? 1 : 0;
    }
  }
  MESSAGE("agent lines: ", stats.messages, ", with triggers found: ", stats.with_triggers,
          ", rewritten: ", stats.rewritten, ", edits: ", stats.edits,
          ", keep strings checked: ", stats.keeps,
          ", labelled-clean lines unchanged: ", clean_unchanged, "/", clean_labelled);
  for (const std::string& f : failures) MESSAGE(f);
  CHECK(stats.messages == 120);
  CHECK(failures.empty());
}

}  // namespace
}  // namespace tact
