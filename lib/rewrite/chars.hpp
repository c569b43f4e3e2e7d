// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Character classes the rewriter reasons with when it joins a replacement
// to the text around it, over UTF-8 strings addressed by byte offset.
#ifndef TACT_LIB_REWRITE_CHARS_HPP_
#define TACT_LIB_REWRITE_CHARS_HPP_

#include <cstddef>
#include <string_view>

#include "text/sentence_profile.hpp"

namespace tact::rewrite {

// The code point that starts at s[i] (0 at or past the end), and the one
// that ends just before s[i] (0 at the start), with its byte length.
char32_t char_at(std::string_view s, std::size_t i, std::size_t* length = nullptr);
char32_t char_before(std::string_view s, std::size_t i, std::size_t* length = nullptr);

// Whitespace within a line (space, tab, NBSP, …), and line breaks.
bool is_hspace(char32_t c);
bool is_newline(char32_t c);
// Ends a sentence (text::is_sentence_terminator: the segmenter's model).
bool is_terminator(char32_t c);
// Joins clauses inside a sentence: , ; :
bool is_soft_punct(char32_t c);
// An en or em dash, which joins clauses like a comma.
bool is_dash(char32_t c);
// Letters, marks and digits: the stuff of words.
bool is_wordish(char32_t c);
// Opening quotes and brackets, dashes and bullets that may precede the
// first word of a sentence.
bool is_opener(char32_t c);
// Quotes and brackets that may follow a sentence's terminator
// (text::is_sentence_close: the segmenter's model).
bool is_closer(char32_t c);
// An apostrophe as writers type it: ' or ’.
bool is_apostrophe(char32_t c);
// a == b with A-Z folded to a-z (the guard's and the clause check's words).
bool equal_folded(std::string_view a, std::string_view b);
// True when the word starting at byte `at` of `s` (letters, marks and
// apostrophes) has a capital after its first letter: a name such as
// "iPhone" or "McAfee", whose case is left alone.
bool capital_inside(std::string_view s, std::size_t at);
// Replaces the code point at byte `at` of *s with its title case.
void titlecase_at(std::string* s, std::size_t at);

// True when byte `pos` of `s` begins a sentence: only openers and
// whitespace lie between it and the start of the text, a line break, a
// terminator of the language (`sentences` adds to Unicode's; possibly
// followed by closers) or an emoji, where the terminator is not the lone
// '.' of a listed abbreviation ("Mr. Patel").
bool starts_sentence(std::string_view s, std::size_t pos, const text::SentenceProfile& sentences);

}  // namespace tact::rewrite

#endif  // TACT_LIB_REWRITE_CHARS_HPP_
