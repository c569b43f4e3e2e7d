// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The caps detector (detector = "caps"): words written in capitals to
// shout, as opposed to acronyms (SIM, PIN, ASAP) and codes (HB-55231,
// KX4410). Case is gone from the view, so this reads the tokens' case flags,
// which come from the original text.
#ifndef TACT_LIB_RULES_SHOUTING_HPP_
#define TACT_LIB_RULES_SHOUTING_HPP_

#include <cstddef>
#include <vector>

#include "rules/pack.hpp"
#include "text/document.hpp"

namespace tact::rules {

// Appends to *out (at most `limit` ranges) the view range of each run of
// shouted words. A word shouts when it is in capitals (two or more letters,
// none lower case), has no digit, is not part of a code (letters joined to
// digits by '-', '/' or '#'), is not one of rule.acronyms, and has four or
// more letters or is one of rule.emphatic_words ("NO", "NOT", "SIX"). A run
// spans consecutive shouting words, bridging capitals, single capital
// letters and numbers between them ("GET ME A MANAGER").
void find_shouting(const text::Document& doc, const Rule& rule, std::size_t limit,
                   std::vector<text::Range>* out);

}  // namespace tact::rules

#endif  // TACT_LIB_RULES_SHOUTING_HPP_
