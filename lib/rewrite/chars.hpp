// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Character classes the rewriter reasons with when it joins a replacement
// to the text around it, over UTF-8 strings addressed by byte offset.
#ifndef TACT_LIB_REWRITE_CHARS_HPP_
#define TACT_LIB_REWRITE_CHARS_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/sentence_profile.hpp"
#include "text/unicode.hpp"

namespace tact::rewrite {

namespace detail {
char32_t char_at_multibyte(std::string_view s, std::size_t i, std::size_t* length);
char32_t char_before_multibyte(std::string_view s, std::size_t i, std::size_t* length);
}  // namespace detail

// The code point that starts at s[i] (0 at or past the end), and the one
// that ends just before s[i] (0 at the start), with its byte length.
// Inline, with ASCII answered here: the rewrite asks for every character
// around every edit.
inline char32_t char_at(std::string_view s, std::size_t i, std::size_t* length = nullptr) {
  if (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) {
    if (length) *length = 1;
    return static_cast<char32_t>(s[i]);
  }
  return detail::char_at_multibyte(s, i, length);
}
inline char32_t char_before(std::string_view s, std::size_t i, std::size_t* length = nullptr) {
  if (i > 0 && i <= s.size() && static_cast<unsigned char>(s[i - 1]) < 0x80) {
    if (length) *length = 1;
    return static_cast<char32_t>(s[i - 1]);
  }
  return detail::char_before_multibyte(s, i, length);
}

// Line breaks, and whitespace within a line (space, tab, NBSP, …).
inline bool is_newline(char32_t c) {
  return c != 0 && text::is_line_break(c);
}
inline bool is_hspace(char32_t c) {
  return c != 0 && text::is_space(c) && !text::is_line_break(c);
}
// Ends a sentence (text::is_sentence_terminator: the segmenter's model).
inline bool is_terminator(char32_t c) {
  return text::is_sentence_terminator(c);
}
// Joins clauses inside a sentence: , ; :
inline bool is_soft_punct(char32_t c) {
  return c == ',' || c == ';' || c == ':';
}
// An en or em dash, which joins clauses like a comma.
inline bool is_dash(char32_t c) {
  return c == 0x2013 || c == 0x2014;
}
// Letters, marks and digits: the stuff of words.
inline bool is_wordish(char32_t c) {
  return c != 0 && (text::is_letter(c) || text::is_mark(c) || text::is_digit(c));
}
// Opening quotes and brackets, dashes and bullets that may precede the
// first word of a sentence.
bool is_opener(char32_t c);
// Quotes and brackets that may follow a sentence's terminator
// (text::is_sentence_close: the segmenter's model).
inline bool is_closer(char32_t c) {
  return text::is_sentence_close(c);
}
// An apostrophe as writers type it: ' or ’.
inline bool is_apostrophe(char32_t c) {
  return c == '\'' || c == 0x2019;
}
// a == b with A-Z folded to a-z (the guard's and the clause check's words).
bool equal_folded(std::string_view a, std::string_view b);
// True when `word` is one of `words`, compared as equal_folded does (a
// pack's word lists: clause openers, question and splice words).
bool listed(const std::vector<std::string>& words, std::string_view word);
// The end of the word that starts at byte `begin` of `s`, at most `stop`
// (begin itself when none does): letters, marks, digits and apostrophes
// between them ("don't" is one word).
std::size_t word_end(std::string_view s, std::size_t begin, std::size_t stop);
// How many words lie in [from, to) of `s`, stopping at the first `until`
// character when one is given, or once `most` words are counted (callers
// that ask "more than one?" need not read a long sentence to its end);
// sets *digit when one of the words counted holds a digit.
std::size_t count_words(std::string_view s, std::size_t from, std::size_t to, char until,
                        std::size_t most, bool* digit = nullptr);
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
