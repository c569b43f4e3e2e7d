// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rewrite/already_said.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <string_view>

#include "rewrite/chars.hpp"
#include "text/unicode.hpp"

namespace tact::rewrite {

namespace {

// Case folding, the view's punctuation mapping and whitespace collapsing,
// code point by code point: close enough to the view's NFKC_Casefold for
// the text of suggestions and the captures inside them.
void fold(std::string_view in, std::string* out) {
  out->clear();
  bool space = false;
  for (std::size_t i = 0; i < in.size();) {
    char32_t c = text::decode_utf8(in, &i);
    if (text::is_space(c)) {
      space = !out->empty();
      continue;
    }
    if (space) out->push_back(' ');
    space = false;
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
      out->push_back(static_cast<char>(c));
      continue;
    }
    c = text::ascii_punctuation(
        static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT)));
    text::append_utf8(out, c);
  }
}

// Drops leading and trailing characters that are not letters or digits.
std::string_view words_of(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  std::size_t n = 0;
  while (b < e && !is_wordish(char_at(s, b, &n))) b += n;
  while (e > b && !is_wordish(char_before(s, e, &n))) e -= n;
  return s.substr(b, e - b);
}

bool at_word_edges(std::string_view view, std::size_t begin, std::size_t end) {
  return !is_wordish(char_before(view, begin)) && !is_wordish(char_at(view, end));
}

bool inside_any(const std::vector<text::Range>& ranges, std::size_t begin, std::size_t end) {
  for (const text::Range& r : ranges) {
    if (begin < r.end && r.begin < end) return true;
  }
  return false;
}

// True when `needle` occurs at word edges inside view[from, to), outside
// every range of `replaced`.
bool occurs(std::string_view view, std::string_view needle, std::size_t from, std::size_t to,
            const std::vector<text::Range>& replaced) {
  const std::string_view window = view.substr(from, to - from);
  for (std::size_t at = window.find(needle); at != std::string_view::npos;
       at = window.find(needle, at + 1)) {
    const std::size_t b = from + at;
    const std::size_t e = b + needle.size();
    if (at_word_edges(view, b, e) && !inside_any(replaced, b, e)) return true;
  }
  return false;
}

}  // namespace

bool already_said(const text::Document& doc, text::Range phrase, const Rendered& suggestion,
                  std::string* scratch, const std::vector<text::Range>& replaced) {
  fold(suggestion.text, scratch);
  std::string_view needle = words_of(*scratch);
  // The opening words carry the wording: "let me find out" already says
  // "Let me find out for you".
  std::size_t words = 1;
  for (std::size_t i = 0; i < needle.size(); ++i) {
    if (needle[i] == ' ' && ++words > kSameWords) {
      needle = words_of(needle.substr(0, i));
      break;
    }
  }
  if (needle.empty()) return false;  // a deletion, or nothing but punctuation
  const std::string_view view = doc.view();
  const std::size_t reach = needle.size() + kNearBytes;
  const std::size_t before = phrase.begin > reach ? phrase.begin - reach : 0;
  const std::size_t after = std::min<std::size_t>(view.size(), phrase.end + reach);
  return occurs(view, needle, before, phrase.begin, replaced) ||
         occurs(view, needle, phrase.end, after, replaced);
}

}  // namespace tact::rewrite
