// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Bugs the fuzzers found (scripts/fuzz.sh), each as the behaviour it broke.
// The inputs themselves also replay from tests/fuzz/regressions/.
#include <doctest/doctest.h>

#include <string>

#include "core/core.hpp"
#include "text/document.hpp"

namespace {

const tact::core::Analyzer& analyzer() {
  static const tact::core::Analyzer a;
  return a;
}

}  // namespace

// fuzz_analyze, regressions/analyze/segmenter-blank-line-mark: the sentence
// segmenter looked past a terminator's spaces with
// `line_break = line_break || line_break_at(cps[m++])`, so after a line
// break the increment was short-circuited and the loop never ended. A space
// run of two or more units after a line break needs a combining mark on one
// of them (the view folds plain whitespace to one space).
TEST_CASE("a sentence end, a blank line and a combining mark: two sentences") {
  const std::string text = "Hi.\n\n\xCC\x81Thanks";  // U+0301 after the blank line
  const auto doc = tact::text::Document::build(text);
  REQUIRE(doc.sentences().size() == 2);
  CHECK(doc.sentences()[0].original == tact::text::Range{0, 3});
  CHECK(doc.sentences()[1].original.end == text.size());

  const std::string found = ".\n\n\xD6\x93";  // the fuzzer's own input (U+0593)
  CHECK(tact::text::Document::build(found).sentences().size() == 2);
  for (tact::Role role : {tact::Role::agent, tact::Role::customer, tact::Role::automatic}) {
    CHECK(analyzer().analyze(text, role).escalation.level == 0);
  }
}
