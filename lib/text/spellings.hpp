// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A language's informal spellings, from its pack's [spellings] table: whole
// words chat writers spell short or without their apostrophe ("u", "pls",
// "dont") and how the word is written out ("you", "please", "don't").
// A word with two readings may name the words after which it takes the
// other one: "ur" is "your", but "you're" before "welcome" or a word
// ending in "ing".
//
// Two stages read it. The Document's view reads each such word as written
// out, so one pattern, lexicon entry or model weight serves every spelling
// (a span over "you" in the view maps back to the writer's "u"). And a
// message the rewrite changes goes out with them written out, since
// reviewers judge the whole reply.
//
// An entry is ASCII: its word lower-case letters, its written forms
// letters, spaces and apostrophes. A word matches only where it stands
// alone: "u" in "r u there" but not in "U-turn", "U.S." or "u2".
#ifndef TACT_LIB_TEXT_SPELLINGS_HPP_
#define TACT_LIB_TEXT_SPELLINGS_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tact::text {

// Bounds on what one pack may list: the view looks words up as it is
// built, so a word is short and a lookup a binary search.
constexpr std::size_t kMaxSpellings = 1000;
constexpr std::size_t kMaxSpellingWordBytes = 16;
constexpr std::size_t kMaxSpellingWrittenBytes = 48;
constexpr std::size_t kMaxSpellingContext = 100;  // `before` entries per word

struct Spelling {
  std::string word;     // as typed, lower case: "ur"
  std::string written;  // "your"; empty: the entry takes the word out
  // The other reading, used when the next word is one of `before` or ends
  // with one of `suffixes` ("you're" before "welcome", "...ing").
  std::string written_before;
  std::vector<std::string> before;    // sorted
  std::vector<std::string> suffixes;  // "ing"
};

class Spellings {
 public:
  // The table with no entries: the view is the text as normalized.
  static const Spellings& none();

  // Empty when `s` may be listed; otherwise why not.
  static std::string check(const Spelling& s);

  // Adds a checked entry, replacing the word's earlier one; an empty
  // `written` removes the word, here and from any table this one is later
  // added to (packs layer by adding: a house pack can take a word out).
  void add(Spelling s);
  void add(std::string_view word, std::string_view written);
  void add(const Spellings& other);

  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }

  // The entry of lower-case `word`, or nullptr.
  const Spelling* find(std::string_view word) const;

  // True when the bytes around [begin, end) of `text` leave the word there
  // standing alone (see the file comment).
  static bool stands_alone(std::string_view text, std::size_t begin, std::size_t end);

  // Calls f(begin, end, written) for each listed word of `text` (any case)
  // that stands alone, left to right, with the form its next word calls for.
  template <typename F>
  void each(std::string_view text, F&& f) const;

 private:
  // The written form of `s` before the word that follows `end` in `text`.
  static const std::string& form(const Spelling& s, std::string_view text, std::size_t end);

  std::vector<Spelling> entries_;     // sorted by word
  std::vector<std::string> removed_;  // words taken out
  std::size_t longest_ = 0;
  uint32_t lengths_ = 0;  // bit n: some word has n bytes
  uint32_t firsts_ = 0;   // bit c - 'a': some word starts with c
};

template <typename F>
void Spellings::each(std::string_view text, F&& f) const {
  if (entries_.empty()) return;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  char lower[kMaxSpellingWordBytes];
  for (std::size_t i = 0; i < text.size();) {
    if (!letter(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < text.size() && letter(text[j])) ++j;
    const std::size_t n = j - i;
    // Most words are ruled out by their length or first letter.
    if (n <= longest_ && (lengths_ >> n & 1) != 0 &&
        (firsts_ >> ((text[i] | 0x20) - 'a') & 1) != 0 && stands_alone(text, i, j)) {
      for (std::size_t k = 0; k < n; ++k) lower[k] = static_cast<char>(text[i + k] | 0x20);
      if (const Spelling* s = find(std::string_view(lower, n))) f(i, j, form(*s, text, j));
    }
    i = j;
  }
}

}  // namespace tact::text

#endif  // TACT_LIB_TEXT_SPELLINGS_HPP_
