// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A language's sentence profile, from its pack's [sentences] table: the
// abbreviations after which '.' does not end a sentence ("Mr. Patel") and
// the characters that end one beyond Unicode's ("։"). The segmenter and the
// rewrite's sentence model both ask it, over the original text, so they
// agree. The empty profile is plain UAX #29.
#ifndef TACT_LIB_TEXT_SENTENCE_PROFILE_HPP_
#define TACT_LIB_TEXT_SENTENCE_PROFILE_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tact::text {

// Bounds on what one pack file may list: a profile is looked up at every
// full stop, so an entry is short and a lookup a binary search.
constexpr std::size_t kMaxSentenceEntries = 1000;
constexpr std::size_t kMaxAbbreviationBytes = 32;

class SentenceProfile {
 public:
  // The profile with no abbreviations and no extra terminators.
  static const SentenceProfile& none();

  // Empty when `abbreviation` may be listed; otherwise why not. An
  // abbreviation is one word as written, without its final '.': letters,
  // marks and digits, starting and ending with a letter, with single '.' or
  // apostrophes between letters ("Mr", "e.g", "z.B").
  static std::string check_abbreviation(std::string_view abbreviation);
  // Empty when `terminator` may be listed; otherwise why not: one non-ASCII
  // punctuation code point that normalization leaves as it is, and not a
  // quote or bracket (those close a sentence, they do not end it).
  static std::string check_terminator(std::string_view terminator);

  // Adds checked entries; one already there is ignored (packs layer by
  // adding).
  void add_abbreviation(std::string_view abbreviation);
  void add_terminator(char32_t terminator);
  void add(const SentenceProfile& other);

  bool empty() const { return abbreviations_.empty() && terminators_.empty(); }
  const std::vector<std::string>& abbreviations() const { return abbreviations_; }
  const std::vector<char32_t>& terminators() const { return terminators_; }

  // One of the extra terminators (text::is_sentence_terminator holds the
  // others). Never ASCII, so ASCII text pays one comparison.
  bool is_terminator(char32_t c) const {
    return c >= 0x80 && !terminators_.empty() && is_listed_terminator(c);
  }

  // True when the word that ends at byte `dot` of `text` is a listed
  // abbreviation, case as listed. The word is the whole run of letters,
  // marks and digits (with '.' or apostrophes between letters) before
  // `dot`: "Mr" before ". Patel", but not the "Mr" of "HMr".
  bool abbreviation_before(std::string_view text, std::size_t dot) const;

 private:
  bool is_listed_terminator(char32_t c) const;

  std::vector<std::string> abbreviations_;  // sorted, unique
  std::vector<char32_t> terminators_;       // sorted, unique
};

}  // namespace tact::text

#endif  // TACT_LIB_TEXT_SENTENCE_PROFILE_HPP_
