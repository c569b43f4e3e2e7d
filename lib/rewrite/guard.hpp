// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The fluency guard: after the edits are spliced, each edited sentence is
// checked for the breakage a phrase swap causes (a doubled word at a seam,
// one phrase said twice, a sentence left starting on an orphaned word, a
// seam with doubled spaces or a space before punctuation). An edit whose
// sentence fails is not applied: the writer's sentence stays, the finding
// and its suggestions stay, and the edit is reported with the reason.
// The checks are language-neutral; they read no word lists.
#ifndef TACT_LIB_REWRITE_GUARD_HPP_
#define TACT_LIB_REWRITE_GUARD_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "rewrite/suggester.hpp"

namespace tact::rewrite {

// Checks every edit of `original` (whose sentences `sentences` profiles)
// in *edits (sorted, non-overlapping) in the text they produce; moves each failing edit to
// *declined with its reason ("doubled_word", "repeated_phrase", "orphan_opener", "spacing") and
// sets *text to `original` with the remaining edits applied.
void guard(std::string_view original, const text::SentenceProfile& sentences,
           std::vector<Edit>* edits, std::string* text, std::vector<Declined>* declined);

}  // namespace tact::rewrite

#endif  // TACT_LIB_REWRITE_GUARD_HPP_
