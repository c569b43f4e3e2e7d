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

// Decodes the code point at s[*i], advancing *i past it. An invalid or
// truncated sequence yields U+FFFD and advances past its maximal subpart
// (the WHATWG / ICU convention: one replacement per bad sequence).
char32_t decode_utf8(std::string_view s, std::size_t* i);

void append_utf8(std::string* out, char32_t c);

// Unicode White_Space.
bool is_space(char32_t c);
// Characters that end a paragraph for sentence breaking (LF, CR, NEL, LS, PS).
bool is_line_break(char32_t c);
bool is_letter(char32_t c);  // General_Category L*
bool is_mark(char32_t c);    // General_Category M*
bool is_digit(char32_t c);   // General_Category Nd
bool is_upper(char32_t c);   // Uppercase or titlecase letter
bool is_lower(char32_t c);
bool is_pictographic(char32_t c);  // Extended_Pictographic or a regional indicator

// Curly quotes, apostrophes and dashes map to ASCII; returns c unchanged
// otherwise.
char32_t ascii_punctuation(char32_t c);

// True when an extended grapheme cluster boundary lies between `prev` and
// `next` (UAX #29), given whether the cluster so far is an emoji
// ZWJ-sequence in progress (`pictographic_zwj`) and how many regional
// indicators end it (`ri_run`).
bool grapheme_break(char32_t prev, char32_t next, bool pictographic_zwj, int ri_run);

}  // namespace tact::text

#endif  // TACT_LIB_TEXT_UNICODE_HPP_
