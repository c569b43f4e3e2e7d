// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rewrite/comma_splice.hpp"

#include <algorithm>
#include <string>

#include "rewrite/chars.hpp"

namespace tact::rewrite {

namespace {

// The word at byte `at` (word_end's), lower case, with a curly apostrophe
// written straight, and where it ends.
std::string word_at(std::string_view s, std::size_t at, std::size_t* end) {
  *end = word_end(s, at, s.size());
  std::string word;
  for (std::size_t i = at; i < *end;) {
    std::size_t n = 0;
    if (is_apostrophe(char_at(s, i, &n))) {
      word += '\'';
    } else {
      for (std::size_t k = 0; k < n; ++k) {
        const char b = s[i + k];
        word += b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b;
      }
    }
    i += n == 0 ? 1 : n;
  }
  return word;
}

// The byte that ends the sentence running on at `from`: its terminator
// (a . ! ? followed by space or the end) or line break, or s.size().
std::size_t sentence_end(std::string_view s, std::size_t from) {
  for (std::size_t i = from; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\n') return i;
    if ((c == '.' || c == '!' || c == '?') &&
        (i + 1 == s.size() || s[i + 1] == ' ' || s[i + 1] == '\n')) {
      return i;
    }
  }
  return s.size();
}

}  // namespace

void part_comma_splices(std::string_view s, const rules::RewriteStyle& style,
                        std::vector<Edit>* fixes) {
  if (style.splice_subjects.empty()) return;
  std::size_t i = 0;
  while (i < s.size()) {
    // One sentence: [i, end). Its words are counted up to each comma.
    const std::size_t end = sentence_end(s, i);
    const bool question = end < s.size() && s[end] == '?';
    std::size_t words = 0;
    bool comma = false;
    bool lead = false;
    for (std::size_t k = i; k < end;) {
      std::size_t n = 0;
      const char32_t c = char_at(s, k, &n);
      if (n == 0) break;
      if (is_wordish(c)) {
        std::size_t after = k;
        const std::string word = word_at(s, k, &after);
        lead = lead || (words == 0 && listed(style.splice_leads, word));
        ++words;
        k = after;
        continue;
      }
      if (c == ',' && k + 1 < end && s[k + 1] == ' ') {
        std::size_t next = k + 1;
        while (next < end && s[next] == ' ') ++next;
        std::size_t after = next;
        const std::string word = word_at(s, next, &after);
        if (!question && !lead && !comma && words >= 3 && listed(style.splice_subjects, word) &&
            count_words(s, next, end, ',', 2) >= 2) {
          fixes->push_back({{static_cast<uint32_t>(k), static_cast<uint32_t>(k + 1)}, "."});
          if (s[next] >= 'a' && s[next] <= 'z') {
            fixes->push_back({{static_cast<uint32_t>(next), static_cast<uint32_t>(next + 1)},
                              std::string(1, static_cast<char>(s[next] - 'a' + 'A'))});
          }
          // The second part is a sentence of its own, and may splice again.
          words = 0;
          lead = false;
          k = next;
          continue;
        }
        comma = true;
      }
      k += n;
    }
    i = end + 1;
  }
}

}  // namespace tact::rewrite
