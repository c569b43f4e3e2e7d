// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Quoted text: agents quote customers back ("you said 'no one came'"), and
// a trigger inside a quote is not the agent's own phrase. By default rules
// skip a match that starts inside quoted text (rules/README.md, in_quotes).
#ifndef TACT_LIB_RULES_QUOTES_HPP_
#define TACT_LIB_RULES_QUOTES_HPP_

#include <memory>
#include <string>
#include <vector>

#include "rules/regex.hpp"
#include "text/document.hpp"

namespace tact::rules {

// A pair of quotation marks a pack declares (`quote_marks`), as they stand
// in the view: "»" and "«", "«" and "»".
struct QuoteMark {
  std::string open;
  std::string close;
};

// Fills *out with the quoted ranges of doc's view, sorted and disjoint:
//  - text between a pair of double quotes (curly quotes are ASCII in the
//    view), quotes included;
//  - text between single quotes used as quotation marks within one
//    sentence: an opening ' after a space or the start and before a letter
//    or digit, a closing ' after a non-space and not before a letter
//    (apostrophes inside words, "don't", are neither);
//  - text from each of the pack's quote marks to its closing mark, marks
//    included;
//  - each match of the pack's quote patterns (reported speech such as
//    "you said ...").
void find_quoted(const text::Document& doc,
                 const std::vector<std::shared_ptr<const Regex>>& patterns,
                 const std::vector<QuoteMark>& marks, std::vector<text::Range>* out);

// True if `pos` lies inside one of `ranges` (sorted and disjoint).
bool inside(const std::vector<text::Range>& ranges, uint32_t pos);

}  // namespace tact::rules

#endif  // TACT_LIB_RULES_QUOTES_HPP_
