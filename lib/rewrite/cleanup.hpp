// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Splicing replacements into the writer's text so that the result reads as
// if it had been written that way: no doubled spaces or punctuation at the
// seams, nothing left dangling by a deletion ("Obviously, the …" -> "The
// …", "the game, obviously, won't" -> "the game won't"), and a sentence
// whose opening phrase was deleted re-capitalised.
#ifndef TACT_LIB_REWRITE_CLEANUP_HPP_
#define TACT_LIB_REWRITE_CLEANUP_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "rewrite/suggester.hpp"
#include "text/document.hpp"

namespace tact::rewrite {

// One phrase to replace, as the suggester prepared it.
struct Replacement {
  text::Range original;         // the phrase's bytes in the original
  std::string text;             // styled replacement; empty deletes the phrase
  bool capture_first = false;   // text starts with a capture's bytes: never recased
  bool sentence_start = false;  // the phrase begins a sentence
  bool capital_start = false;   // …and it opens with a capital (the writer's, or the style's)
};

// Drops from `text` (trimmed of outer whitespace) trailing punctuation that
// would double the punctuation right after `span` in `original` ("Please
// hold." over "Please hold" + "." gives "… for you" + ".").
void fit_punctuation(std::string_view original, text::Range span, std::string* text);

// Applies `replacements` (non-overlapping, in text order; consumed) to
// `original`: appends one edit per change to *edits, in text order, each
// covering the phrase plus whatever the seam needed, and sets *out to the
// rewritten text. Text outside the edits is copied byte for byte.
void splice(std::string_view original, std::vector<Replacement>* replacements,
            std::vector<Edit>* edits, std::string* out);

}  // namespace tact::rewrite

#endif  // TACT_LIB_REWRITE_CLEANUP_HPP_
