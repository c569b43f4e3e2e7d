// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rewrite/chars.hpp"

#include <algorithm>

#include <unicode/uchar.h>

#include "text/unicode.hpp"

namespace tact::rewrite {

char32_t detail::char_at_multibyte(std::string_view s, std::size_t i, std::size_t* length) {
  if (i >= s.size()) {
    if (length) *length = 0;
    return 0;
  }
  std::size_t end = i;
  const char32_t c = text::decode_utf8(s, &end);
  if (length) *length = end - i;
  return c;
}

char32_t detail::char_before_multibyte(std::string_view s, std::size_t i, std::size_t* length) {
  if (i == 0 || i > s.size()) {
    if (length) *length = 0;
    return 0;
  }
  // Step back over at most three continuation bytes to a lead byte; if the
  // bytes do not decode to exactly [start, i), the last byte stands alone.
  std::size_t start = i - 1;
  for (int k = 0; k < 3 && start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80;
       ++k) {
    --start;
  }
  std::size_t end = start;
  char32_t c = text::decode_utf8(s, &end);
  if (end != i) {
    start = i - 1;
    end = start;
    c = text::decode_utf8(s, &end);
  }
  if (length) *length = i - start;
  return c;
}

bool is_opener(char32_t c) {
  switch (c) {
    case '"':
    case '\'':
    case '(':
    case '[':
    case '{':
    case '*':
    case '-':
    case 0x2018:
    case 0x201C:
    case 0x2013:
    case 0x2014:
    case 0x2022:
    case 0x00BF:
    case 0x00A1: return true;
    default: return false;
  }
}

bool starts_sentence(std::string_view s, std::size_t pos, const text::SentenceProfile& sentences) {
  std::size_t i = pos;
  std::size_t n = 0;
  char32_t c = 0;
  // Whitespace and openers may sit between the boundary and the word.
  for (;;) {
    c = char_before(s, i, &n);
    if (c == 0) return true;
    if (is_newline(c)) return true;
    // A byte-order mark or zero-width space (a leading U+FEFF, pasted
    // text) is invisible: "\uFEFFNo. We" starts its sentence at "No".
    if (!is_hspace(c) && !is_opener(c) && c != 0xFEFF && c != 0x200B) break;
    i -= n;
  }
  // A terminator, possibly behind closers ("…done.) Next").
  while (is_closer(c)) {
    i -= n;
    c = char_before(s, i, &n);
  }
  if (text::is_pictographic(c) || sentences.is_terminator(c)) return true;
  if (!is_terminator(c)) return false;
  // A lone full stop after a listed abbreviation ends nothing, as the
  // segmenter reads it (a run of terminators always ends a sentence).
  const std::size_t dot = i - n;
  const char32_t before = char_before(s, dot);
  const bool full_stop = c == '.' || c == 0xFF0E;  // both '.' in the segmenter's view
  return !(full_stop && !is_terminator(before) && !sentences.is_terminator(before) &&
           sentences.abbreviation_before(s, dot));
}

bool capital_inside(std::string_view s, std::size_t at) {
  std::size_t n = 0;
  char_at(s, at, &n);
  for (std::size_t i = at + n; i < s.size() && n > 0; i += n) {
    const char32_t c = char_at(s, i, &n);
    if (!text::is_letter(c) && !text::is_mark(c) && !is_apostrophe(c)) break;
    if (text::is_upper(c)) return true;
  }
  return false;
}

void titlecase_at(std::string* s, std::size_t at) {
  std::size_t n = 0;
  const char32_t c = char_at(*s, at, &n);
  const auto t = static_cast<char32_t>(u_totitle(static_cast<UChar32>(c)));
  if (t == c) return;
  std::string encoded;
  text::append_utf8(&encoded, t);
  s->replace(at, n, encoded);
}

bool equal_folded(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const auto fold = [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  };
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (fold(a[k]) != fold(b[k])) return false;
  }
  return true;
}

bool listed(const std::vector<std::string>& words, std::string_view word) {
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& w) { return equal_folded(w, word); });
}

std::size_t word_end(std::string_view s, std::size_t begin, std::size_t stop) {
  const std::size_t first = begin;
  while (begin < stop) {
    std::size_t n = 0;
    const char32_t c = char_at(s, begin, &n);
    const bool inside =
        is_apostrophe(c) && begin > first && begin + n < stop && is_wordish(char_at(s, begin + n));
    if (n == 0 || !(is_wordish(c) || inside)) break;
    begin += n;
  }
  return begin;
}

std::size_t count_words(std::string_view s, std::size_t from, std::size_t to, char until,
                        std::size_t most, bool* digit) {
  std::size_t words = 0;
  for (std::size_t i = from; i < to && words < most && (until == 0 || s[i] != until);) {
    std::size_t n = 0;
    const char32_t c = char_at(s, i, &n);
    if (n == 0) break;
    if (!is_wordish(c)) {
      i += n;
      continue;
    }
    ++words;
    const std::size_t end = word_end(s, i, to);
    for (std::size_t j = i; digit != nullptr && j < end; ++j) {
      *digit = *digit || (s[j] >= '0' && s[j] <= '9');
    }
    i = end;
  }
  return words;
}

}  // namespace tact::rewrite
