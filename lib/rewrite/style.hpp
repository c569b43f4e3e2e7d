// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Matching a replacement to the writer's style: the case of the phrase it
// replaces and the apostrophe they type. Only template bytes are restyled;
// bytes copied from captures stay exactly as the writer wrote them.
#ifndef TACT_LIB_REWRITE_STYLE_HPP_
#define TACT_LIB_REWRITE_STYLE_HPP_

#include <cstdint>
#include <string_view>
#include <vector>

#include "rewrite/template.hpp"
#include "rules/pack.hpp"
#include "text/document.hpp"

namespace tact::rewrite {

enum class Casing : uint8_t {
  lower_first,  // mid-sentence, or a writer who starts sentences in lower case
  upper_first,  // a capitalised sentence start
  upper_all,    // the phrase was written in ALL CAPS
};

// The casing a replacement for `original` (a span of `text`) should take:
// ALL CAPS when the span's letters outside `captures` (original ranges, in
// order) are (two or more, none lower case); otherwise the case of the
// span's first letter when the span starts a sentence (as `sentences`
// profiles them), or upper_first there whatever the writer's case when
// `capitalise_start`; lower case mid-sentence.
Casing casing_for(std::string_view text, text::Range original,
                  const text::SentenceProfile& sentences,
                  const std::vector<text::Range>& captures = {}, bool capitalise_start = false);

// Restyles the template bytes of *r. lower_first leaves the words of
// style.keep_capital ("I", "I'm" in English) and words with an inner
// capital ("OK", "iPhone") alone, and does nothing when the language keeps
// suggestions as written mid-sentence.
void apply_casing(Casing casing, const rules::RewriteStyle& style, Rendered* r);

enum class Apostrophe : uint8_t { unknown, straight, curly };

// The apostrophe `text` uses more often between letters within `range`;
// unknown when there is none. The suggester asks about the phrase first,
// then about the whole message.
Apostrophe apostrophe_in(std::string_view text, text::Range range);

// Rewrites the template's apostrophes (' or ’ after a letter) to `style`;
// unknown leaves them as the template has them.
void apply_apostrophe(Apostrophe style, Rendered* r);

}  // namespace tact::rewrite

#endif  // TACT_LIB_REWRITE_STYLE_HPP_
