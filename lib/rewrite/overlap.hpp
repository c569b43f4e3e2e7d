// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Choosing which findings the whole-reply rewrite applies when their spans
// overlap: the more severe wins, then the longer span, then the earlier.
#ifndef TACT_LIB_REWRITE_OVERLAP_HPP_
#define TACT_LIB_REWRITE_OVERLAP_HPP_

#include <cstdint>
#include <string_view>
#include <vector>

#include "tact/report.hpp"
#include "text/document.hpp"

namespace tact::rewrite {

struct Candidate {
  uint32_t finding = 0;  // index into the findings
  text::Range original;  // the span it would replace
  Severity severity = Severity::warning;
  bool deletion = false;  // its best suggestion deletes the phrase
};

// Keeps a set of pairwise non-overlapping candidates (touching spans do not
// overlap), chosen greedily by severity, then span length, then position;
// leaves them sorted by position. A deletion that loses at one end only
// still deletes the rest of its phrase ("I'm afraid that" against "that
// isn't possible" deletes "I'm afraid "), when the rest holds a word of
// `text`.
void resolve_overlaps(std::string_view text, std::vector<Candidate>* candidates);

}  // namespace tact::rewrite

#endif  // TACT_LIB_REWRITE_OVERLAP_HPP_
