// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Whether the writer already uses a suggestion's wording right next to the
// phrase it would replace ("I don't know, let me find out for you"): the
// suggester then stays silent rather than repeat them.
#ifndef TACT_LIB_REWRITE_ALREADY_SAID_HPP_
#define TACT_LIB_REWRITE_ALREADY_SAID_HPP_

#include <string>
#include <vector>

#include "rewrite/template.hpp"
#include "text/document.hpp"

namespace tact::rewrite {

// How far from the phrase, in view bytes, the wording may start or end.
constexpr uint32_t kNearBytes = 32;
// How many of a suggestion's opening words make the same wording.
constexpr std::size_t kSameWords = 4;

// True when the opening kSameWords words of `suggestion` (all of it when
// shorter), folded the way the Document's view is (case folded, ASCII
// apostrophes, whitespace collapsed, outer punctuation dropped), occur as
// whole words in doc.view() within kNearBytes before or after the view
// range `phrase`. `scratch` holds the folded suggestion. Wording inside one
// of `replaced` (view ranges of the other phrases the rewrite replaces) does
// not count: "you should have" is going, so it does not already say
// "should" for "will 100%" beside it.
bool already_said(const text::Document& doc, text::Range phrase, const Rendered& suggestion,
                  std::string* scratch, const std::vector<text::Range>& replaced = {});

}  // namespace tact::rewrite

#endif  // TACT_LIB_REWRITE_ALREADY_SAID_HPP_
