// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rewrite/style.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <string>

#include "rewrite/chars.hpp"
#include "text/unicode.hpp"

namespace tact::rewrite {

namespace {

constexpr char32_t kCurly = 0x2019;

// Rebuilds r->text with every template code point passed through
// map(previous, current, next) and capture bytes copied as they are,
// keeping the capture ranges in step with any change of length.
template <typename Map>
void map_template(Rendered* r, Map map) {
  std::string out;
  out.reserve(r->text.size() + 8);
  std::size_t capture = 0;
  char32_t prev = 0;
  for (std::size_t i = 0; i < r->text.size();) {
    if (capture < r->captures.size() && i == r->captures[capture].begin) {
      text::Range& range = r->captures[capture++];
      const auto begin = static_cast<uint32_t>(out.size());
      out.append(r->text, range.begin, range.size());
      prev = char_before(r->text, range.end);
      i = range.end;
      range = {begin, static_cast<uint32_t>(out.size())};
      continue;
    }
    std::size_t length = 0;
    const char32_t c = char_at(r->text, i, &length);
    const char32_t next = char_at(r->text, i + length);
    text::append_utf8(&out, map(prev, c, next));
    prev = c;
    i += length;
  }
  r->text.swap(out);
}

// First letter of the template text, when no capture precedes it: its
// offset, or npos.
std::size_t first_template_letter(const Rendered& r) {
  for (std::size_t i = 0; i < r.text.size();) {
    if (r.in_capture(i)) return std::string::npos;
    std::size_t length = 0;
    const char32_t c = char_at(r.text, i, &length);
    if (text::is_letter(c)) return i;
    if (text::is_digit(c)) return std::string::npos;
    i += length;
  }
  return std::string::npos;
}

void replace_char_at(Rendered* r, std::size_t at, char32_t to) {
  std::size_t length = 0;
  const char32_t from = char_at(r->text, at, &length);
  if (from == to) return;
  std::string encoded;
  text::append_utf8(&encoded, to);
  r->text.replace(at, length, encoded);
  const auto shift = static_cast<int64_t>(encoded.size()) - static_cast<int64_t>(length);
  for (text::Range& c : r->captures) {
    if (c.begin > at) c.begin = static_cast<uint32_t>(c.begin + shift);
    if (c.end > at) c.end = static_cast<uint32_t>(c.end + shift);
  }
}

// The first letter of r when a capture holds it and it may take a capital
// at a sentence start: lower case, in a word with no capital (not a name
// such as "iPhone"). Its offset, or npos.
std::size_t leading_capture_letter(const Rendered& r) {
  std::size_t i = 0;
  std::size_t length = 0;
  char32_t c = 0;
  for (; i < r.text.size(); i += length) {
    c = char_at(r.text, i, &length);
    if (text::is_letter(c) || text::is_digit(c)) break;
  }
  if (i >= r.text.size() || !r.in_capture(i) || !text::is_lower(c) || capital_inside(r.text, i)) {
    return std::string::npos;
  }
  return i;
}

// True when the word at `at` should keep its capital mid-sentence: one of
// `keep` (either apostrophe matches "'") or a word with another capital in it.
bool keeps_capital(const std::string& s, std::size_t at, const std::vector<std::string>& keep) {
  std::size_t length = 0;
  char_at(s, at, &length);
  std::size_t end = at + length;
  for (; end < s.size(); end += length) {
    const char32_t c = char_at(s, end, &length);
    if (!text::is_letter(c) && !text::is_mark(c) && !is_apostrophe(c)) break;
    if (text::is_upper(c)) return true;
  }
  const std::string_view word(s.data() + at, end - at);
  // Compared in place (this runs per suggestion): either apostrophe is '.
  const auto same = [&](std::string_view k) {
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < word.size() && j < k.size()) {
      std::size_t n = 0;
      std::size_t m = 0;
      const char32_t c = char_at(word, i, &n);
      const char32_t d = char_at(k, j, &m);
      if (c != d && !(is_apostrophe(c) && is_apostrophe(d))) return false;
      i += n;
      j += m;
    }
    return i == word.size() && j == k.size();
  };
  return std::any_of(keep.begin(), keep.end(), same);
}

}  // namespace

Casing casing_for(std::string_view text, text::Range original,
                  const text::SentenceProfile& sentences, const std::vector<text::Range>& captures,
                  bool capitalise_start) {
  int upper = 0;
  int lower = 0;
  std::size_t capture = 0;
  for (std::size_t i = original.begin; i < original.end;) {
    while (capture < captures.size() && captures[capture].end <= i) ++capture;
    if (capture < captures.size() && captures[capture].begin <= i) {
      i = captures[capture].end;
      continue;
    }
    const char32_t c = text::decode_utf8(text, &i);
    if (!text::is_letter(c)) continue;
    upper += text::is_upper(c) ? 1 : 0;
    lower += text::is_lower(c) ? 1 : 0;
  }
  if (upper >= 2 && lower == 0) return Casing::upper_all;
  // The first letter decides even when a capture holds it.
  std::size_t i = original.begin;
  char32_t first = 0;
  while (i < original.end && first == 0) {
    const char32_t c = text::decode_utf8(text, &i);
    if (text::is_letter(c)) first = c;
  }
  if (first != 0 && (text::is_upper(first) || (capitalise_start && text::is_lower(first))) &&
      starts_sentence(text, original.begin, sentences)) {
    return Casing::upper_first;
  }
  return Casing::lower_first;
}

void apply_casing(Casing casing, const rules::RewriteStyle& style, Rendered* r) {
  switch (casing) {
    case Casing::upper_all:
      map_template(r, [](char32_t, char32_t c, char32_t) {
        return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
      });
      return;
    case Casing::upper_first: {
      // A capture that opens the sentence ("{subject} should" over "I
      // guess the engineer will come") takes the capital too.
      std::size_t at = first_template_letter(*r);
      if (at == std::string::npos) at = leading_capture_letter(*r);
      if (at == std::string::npos) return;
      const char32_t c = char_at(r->text, at);
      replace_char_at(r, at, static_cast<char32_t>(u_totitle(static_cast<UChar32>(c))));
      return;
    }
    case Casing::lower_first: {
      if (!style.lowercase_mid_sentence) return;
      const std::size_t at = first_template_letter(*r);
      if (at == std::string::npos || keeps_capital(r->text, at, style.keep_capital)) return;
      const char32_t c = char_at(r->text, at);
      replace_char_at(r, at, static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
      return;
    }
  }
}

Apostrophe apostrophe_in(std::string_view text, text::Range range) {
  int straight = 0;
  int curly = 0;
  char32_t prev = char_before(text, range.begin);
  for (std::size_t i = range.begin; i < range.end;) {
    const char32_t c = text::decode_utf8(text, &i);
    if (is_apostrophe(c) && text::is_letter(prev) && text::is_letter(char_at(text, i))) {
      ++(c == kCurly ? curly : straight);
    }
    prev = c;
  }
  if (straight + curly == 0) return Apostrophe::unknown;
  return curly > straight ? Apostrophe::curly : Apostrophe::straight;
}

void apply_apostrophe(Apostrophe style, Rendered* r) {
  if (style == Apostrophe::unknown) return;
  const char32_t to = style == Apostrophe::curly ? kCurly : U'\'';
  const char32_t from = style == Apostrophe::curly ? U'\'' : kCurly;
  if (r->text.find(style == Apostrophe::curly ? "'" : "\xE2\x80\x99") == std::string::npos) return;
  map_template(r, [&](char32_t prev, char32_t c, char32_t) {
    return c == from && text::is_letter(prev) ? to : c;
  });
}

}  // namespace tact::rewrite
