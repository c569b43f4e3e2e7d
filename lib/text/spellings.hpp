// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A language's informal spellings, from its pack's [spellings] table: whole
// words chat writers spell short or without their apostrophe ("u", "pls",
// "dont") and how the word is written out ("you", "please", "don't").
//
// Two stages read it. The Document's view reads each such word as written
// out, so one pattern, lexicon entry or model weight serves every spelling
// (a span over "you" in the view maps back to the writer's "u"). And a
// message the rewrite changes goes out with them written out, since
// reviewers judge the whole reply.
//
// An entry is ASCII: its word lower-case letters, its written form letters,
// spaces and apostrophes. A word matches only where it stands alone:
// "u" in "r u there" but not in "U-turn", "U.S." or "u2".
#ifndef TACT_LIB_TEXT_SPELLINGS_HPP_
#define TACT_LIB_TEXT_SPELLINGS_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tact::text {

// Bounds on what one pack may list: the view looks words up as it is
// built, so a word is short and a lookup a binary search.
constexpr std::size_t kMaxSpellings = 1000;
constexpr std::size_t kMaxSpellingWordBytes = 16;
constexpr std::size_t kMaxSpellingWrittenBytes = 48;

class Spellings {
 public:
  // The table with no entries: the view is the text as normalized.
  static const Spellings& none();

  // Empty when `word` -> `written` may be listed; otherwise why not.
  static std::string check(std::string_view word, std::string_view written);

  // Adds a checked entry, replacing the word's earlier one; an empty
  // `written` removes the word, here and from any table this one is later
  // added to (packs layer by adding: a house pack can take a word out).
  void add(std::string_view word, std::string_view written);
  void add(const Spellings& other);

  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }

  // The written form of lower-case `word`, or nullptr.
  const std::string* find(std::string_view word) const;

  // True when the bytes around [begin, end) of `text` leave the word there
  // standing alone (see the file comment).
  static bool stands_alone(std::string_view text, std::size_t begin, std::size_t end);

  // Calls f(begin, end, written) for each listed word of `text` (any case)
  // that stands alone, left to right.
  template <typename F>
  void each(std::string_view text, F&& f) const;

 private:
  std::vector<std::pair<std::string, std::string>> entries_;  // sorted by word
  std::vector<std::string> removed_;                          // words taken out
  std::size_t longest_ = 0;
};

template <typename F>
void Spellings::each(std::string_view text, F&& f) const {
  if (entries_.empty()) return;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  std::string lower;
  for (std::size_t i = 0; i < text.size();) {
    if (!letter(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < text.size() && letter(text[j])) ++j;
    if (j - i <= longest_ && stands_alone(text, i, j)) {
      lower.assign(text.substr(i, j - i));
      for (char& c : lower) c = static_cast<char>(c | 0x20);
      if (const std::string* written = find(lower)) f(i, j, *written);
    }
    i = j;
  }
}

}  // namespace tact::text

#endif  // TACT_LIB_TEXT_SPELLINGS_HPP_
