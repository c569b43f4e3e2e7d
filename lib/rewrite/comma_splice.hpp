// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Comma splices in a rewritten reply: "I've checked the order, it's on its
// way" is two sentences joined by a comma. Blind reviewers judge the whole
// reply the agent sends, and failed the writer's own splices as often as
// the rewrite's, so a message the rewrite changes goes out with them
// parted: "I've checked the order. It's on its way". The words that open
// an independent clause and the leads that make a comma end a subordinate
// clause instead ("If you send it today, we'll …") are pack data.
#ifndef TACT_LIB_REWRITE_COMMA_SPLICE_HPP_
#define TACT_LIB_REWRITE_COMMA_SPLICE_HPP_

#include <string_view>
#include <vector>

#include "rewrite/suggester.hpp"
#include "rules/pack.hpp"

namespace tact::rewrite {

// Appends to *fixes (sorted, byte ranges of `text`) the edits that part
// each comma splice of `text`: the comma becomes a full stop and the next
// word takes a capital. A comma is a splice when a word of
// style.splice_subjects follows it, at least three words of its sentence
// stand before it with no other comma, the sentence does not open with a
// word of style.splice_leads, two words or more follow it before the next
// comma, and it does not end in "?" (a question would lose its mark to its
// last part).
void part_comma_splices(std::string_view text, const rules::RewriteStyle& style,
                        std::vector<Edit>* fixes);

}  // namespace tact::rewrite

#endif  // TACT_LIB_REWRITE_COMMA_SPLICE_HPP_
