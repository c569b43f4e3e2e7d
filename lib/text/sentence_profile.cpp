// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "text/sentence_profile.hpp"

#include <unicode/uchar.h>

#include <algorithm>

#include "text/document.hpp"
#include "text/unicode.hpp"

namespace tact::text {

namespace {

bool is_joiner(char32_t c) {
  return c == '.' || c == '\'' || c == 0x2019;
}

bool is_word_char(char32_t c) {
  return is_letter(c) || is_mark(c) || is_digit(c);
}

// The byte where the word ending at `end` of `s` begins (`end` when none
// ends there), looking back at most kMaxAbbreviationBytes + 4 bytes: a
// longer word is reported as starting before `limit`, which no listed
// abbreviation does.
std::size_t word_start(std::string_view s, std::size_t end, std::size_t* limit) {
  std::size_t from = end - std::min(end, kMaxAbbreviationBytes + 4);
  while (from > 0 && from < end && (static_cast<unsigned char>(s[from]) & 0xC0) == 0x80) ++from;
  *limit = from;
  // Decoded forwards (UTF-8 steps back poorly), then walked back.
  char32_t cps[kMaxAbbreviationBytes + 4];
  std::size_t at[kMaxAbbreviationBytes + 4];
  std::size_t n = 0;
  for (std::size_t i = from; i < end && n < std::size(cps);) {
    at[n] = i;
    cps[n++] = decode_utf8(s, &i);
  }
  std::size_t k = n;
  while (k > 0) {
    const char32_t c = cps[k - 1];
    const bool joined = is_joiner(c) && k < n && k >= 2 && is_letter(cps[k]) &&
                        (is_letter(cps[k - 2]) || is_mark(cps[k - 2]));
    if (!is_word_char(c) && !joined) break;
    --k;
  }
  return k == n ? end : at[k];
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    if (decode_utf8(s, &i) == 0xFFFD && s.substr(at, i - at) != "\xEF\xBF\xBD") return false;
  }
  return true;
}

}  // namespace

const SentenceProfile& SentenceProfile::none() {
  static const SentenceProfile empty;
  return empty;
}

std::string SentenceProfile::check_abbreviation(std::string_view abbreviation) {
  if (abbreviation.empty()) return "an abbreviation is not empty";
  if (abbreviation.size() > kMaxAbbreviationBytes) {
    return "an abbreviation has at most " + std::to_string(kMaxAbbreviationBytes) + " bytes";
  }
  if (!valid_utf8(abbreviation)) return "an abbreviation is valid UTF-8";
  if (abbreviation.back() == '.') return "an abbreviation is listed without its final '.'";
  std::size_t first = 0;
  std::size_t limit = 0;
  if (word_start(abbreviation, abbreviation.size(), &limit) != 0 ||
      !is_letter(decode_utf8(abbreviation, &first))) {
    return "an abbreviation is one word: letters (and marks, digits) starting with a letter, "
           "with '.' or apostrophes only between letters";
  }
  return {};
}

std::string SentenceProfile::check_terminator(std::string_view terminator) {
  if (terminator.empty() || !valid_utf8(terminator)) return "a terminator is one code point";
  std::size_t end = 0;
  const char32_t c = decode_utf8(terminator, &end);
  if (end != terminator.size()) return "a terminator is one code point";
  if (c < 0x80) {
    return "a terminator is not ASCII (. ! ? end sentences already; the rest of ASCII "
           "punctuation has other parts)";
  }
  if (!u_ispunct(static_cast<UChar32>(c))) return "a terminator is a punctuation mark";
  if (is_sentence_terminator(c)) return "it ends a sentence already";
  if (is_sentence_close(c) || ascii_punctuation(c) != c) {
    return "a terminator is not a quote, bracket or dash";
  }
  // The segmenter reads the normalized view, the rewrite the original: a
  // terminator must look the same in both.
  if (Document::build(terminator).view() != terminator) {
    return "a terminator is a character normalization (NFKC) leaves as it is";
  }
  return {};
}

void SentenceProfile::add_abbreviation(std::string_view abbreviation) {
  const auto it = std::lower_bound(abbreviations_.begin(), abbreviations_.end(), abbreviation);
  if (it == abbreviations_.end() || *it != abbreviation) {
    abbreviations_.insert(it, std::string(abbreviation));
  }
}

void SentenceProfile::add_terminator(char32_t terminator) {
  const auto it = std::lower_bound(terminators_.begin(), terminators_.end(), terminator);
  if (it == terminators_.end() || *it != terminator) terminators_.insert(it, terminator);
}

void SentenceProfile::add(const SentenceProfile& other) {
  for (const std::string& a : other.abbreviations_) add_abbreviation(a);
  for (char32_t t : other.terminators_) add_terminator(t);
}

bool SentenceProfile::is_listed_terminator(char32_t c) const {
  return std::binary_search(terminators_.begin(), terminators_.end(), c);
}

bool SentenceProfile::abbreviation_before(std::string_view text, std::size_t dot) const {
  if (abbreviations_.empty() || dot == 0 || dot > text.size()) return false;
  std::size_t limit = 0;
  const std::size_t start = word_start(text, dot, &limit);
  if (start == dot || (start == limit && limit > 0)) return false;
  return std::binary_search(abbreviations_.begin(), abbreviations_.end(),
                            text.substr(start, dot - start));
}

}  // namespace tact::text
