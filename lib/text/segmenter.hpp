// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Word and sentence boundaries over a Document's view. The word rules follow
// UAX #29 as ICU's word BreakIterator applies them to letters and numbers
// ("don't", "3.50", "e.g" are one token each); a test compares the two.
// Sentences end after . ! ? … (and runs of them, and closing quotes or
// brackets) followed by space, except after '.' or '…' when the next
// letter is lower case, and at every line break; text/unicode.hpp holds the
// punctuation, which the rewrite's sentence model shares. The Document's
// SentenceProfile (the pack's) adds terminators and the abbreviations after
// which a lone '.' does not end a sentence.
#ifndef TACT_LIB_TEXT_SEGMENTER_HPP_
#define TACT_LIB_TEXT_SEGMENTER_HPP_

#include "text/document.hpp"

namespace tact::text {

void segment(Document* doc);

}  // namespace tact::text

#endif  // TACT_LIB_TEXT_SEGMENTER_HPP_
