// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Small Unicode helpers over ICU's character properties, shared by the
// Document builder and the segmenter.
#ifndef TACT_LIB_TEXT_UNICODE_HPP_
#define TACT_LIB_TEXT_UNICODE_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tact::text {

// The non-ASCII halves of the functions below (unicode.cpp). The ASCII
// halves are inline: nearly every code point of real text is ASCII, and a
// call per code point was a fifth of building a Document.
namespace detail {
char32_t decode_utf8_multibyte(std::string_view s, std::size_t* i);
bool is_space(char32_t c);
bool is_letter(char32_t c);
bool is_mark(char32_t c);
bool is_digit(char32_t c);
bool is_upper(char32_t c);
bool is_lower(char32_t c);
bool is_pictographic(char32_t c);
}  // namespace detail

// Decodes the code point at s[*i], advancing *i past it. An invalid or
// truncated sequence yields U+FFFD and advances past its maximal subpart
// (the WHATWG / ICU convention: one replacement per bad sequence).
inline char32_t decode_utf8(std::string_view s, std::size_t* i) {
  const auto c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    ++*i;
    return c;
  }
  return detail::decode_utf8_multibyte(s, i);
}

void append_utf8(std::string* out, char32_t c);

// Unicode White_Space.
inline bool is_space(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return detail::is_space(c);
}
// Characters that end a paragraph for sentence breaking (LF, CR, NEL, LS, PS).
inline bool is_line_break(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}
// General_Category L*
inline bool is_letter(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return detail::is_letter(c);
}
// General_Category M*
inline bool is_mark(char32_t c) {
  return c >= 0x80 && detail::is_mark(c);
}
// General_Category Nd
inline bool is_digit(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return detail::is_digit(c);
}
// Uppercase or titlecase letter
inline bool is_upper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return detail::is_upper(c);
}
inline bool is_lower(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  return detail::is_lower(c);
}
// Extended_Pictographic or a regional indicator
inline bool is_pictographic(char32_t c) {
  return c >= 0x80 && detail::is_pictographic(c);
}

// Curly quotes, apostrophes and dashes map to ASCII; returns c unchanged
// otherwise.
char32_t ascii_punctuation(char32_t c);

// The one sentence model, shared by segmentation (over the view) and the
// rewrite (over the original): UAX #29's terminators and Close.
// Ends a sentence: . ! ? … and their fullwidth and ideographic forms.
inline bool is_sentence_terminator(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 ||
         c == 0xFF1F || c == 0xFF0E;
}
// Of those, the ones that end a sentence only when what follows is not a
// lower-case letter or a digit (UAX #29's ATerm): "3.50", "wait… what".
inline bool is_ambiguous_terminator(char32_t c) {
  return c == '.' || c == 0x2026 || c == 0xFF0E;
}
// Quotes of either direction and brackets (UAX #29's Close): they may stand
// between a terminator and the sentence's end ("done.)", "so.\"").
inline bool is_sentence_close(char32_t c) {
  switch (c) {
    case '"':
    case '\'':
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case 0x2018:
    case 0x2019:
    case 0x201C:
    case 0x201D:
    case 0x00AB:
    case 0x00BB: return true;
    default: return false;
  }
}

// True when an extended grapheme cluster boundary lies between `prev` and
// `next` (UAX #29), given whether the cluster so far is an emoji
// ZWJ-sequence in progress (`pictographic_zwj`) and how many regional
// indicators end it (`ri_run`).
bool grapheme_break(char32_t prev, char32_t next, bool pictographic_zwj, int ri_run);

}  // namespace tact::text

#endif  // TACT_LIB_TEXT_UNICODE_HPP_
