// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A Document is one message prepared for matching: the caller's bytes
// untouched, a normalized view that rules and lexicons match against, a map
// from every view byte back to the original, and word and sentence
// boundaries. Every stage of the pipeline reads the same Document, so the
// text is normalized and segmented exactly once per call.
//
// The view is UTF-8 with: each invalid UTF-8 sequence replaced by U+FFFD,
// NFKC with full case folding, curly quotes and apostrophes made ASCII
// (' and "), dashes made '-', each whitespace run (including NBSP and
// line breaks) collapsed to a single ' ', and each informal spelling the
// pack lists ("u", "dont") written out ("you", "don't"; text::Spellings).
#ifndef TACT_LIB_TEXT_DOCUMENT_HPP_
#define TACT_LIB_TEXT_DOCUMENT_HPP_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/sentence_profile.hpp"
#include "text/spellings.hpp"

namespace tact::text {

// A half-open byte range [begin, end).
struct Range {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool operator==(const Range& o) const { return begin == o.begin && end == o.end; }
};

enum class TokenKind : uint8_t {
  word,    // letters (with inner apostrophes, marks), e.g. "don't"
  number,  // digits, with inner . , : e.g. "3.50"
  emoji,   // an emoji or pictograph cluster
  symbol,  // any other non-space cluster: punctuation, symbols
};

struct Token {
  Range view;      // in Document::view()
  Range original;  // in Document::original()
  TokenKind kind = TokenKind::word;
  // At least two letters in the original and none of them lower case
  // ("HELLO", "DON'T"); acronyms are left to the caller to judge.
  bool all_caps = false;
  // The first letter in the original is upper case ("Hello", "HELLO").
  bool capitalized = false;
  // word_hash() of the token's view text for a word or an emoji, 0 for a
  // number or a symbol: the stages that look words up hash them once.
  uint64_t hash = 0;

  bool operator==(const Token& o) const {
    return view == o.view && original == o.original && kind == o.kind && all_caps == o.all_caps &&
           capitalized == o.capitalized && hash == o.hash;
  }
};

struct Sentence {
  Range view;
  Range original;
  bool operator==(const Sentence& o) const { return view == o.view && original == o.original; }
};

class Document;
// Fills a Document's tokens and sentences from its view (segmenter.cpp).
void segment(Document* doc);

class Document {
 public:
  // Builds the Document for `original`, which must outlive it (the Document
  // keeps a view of it, not a copy), with sentences as `sentences` (the
  // pack's profile) says and words read as `spellings` writes them out;
  // both must outlive the Document. Pure-ASCII input takes a fast path that
  // does not touch ICU; the result is identical to build_unicode()'s.
  // Throws std::bad_alloc only.
  static Document build(std::string_view original,
                        const SentenceProfile& sentences = SentenceProfile::none(),
                        const Spellings& spellings = Spellings::none());

  // The general path, exposed so tests can compare it with the fast path.
  static Document build_unicode(std::string_view original,
                                const SentenceProfile& sentences = SentenceProfile::none(),
                                const Spellings& spellings = Spellings::none());

  std::string_view original() const { return original_; }
  const std::string& view() const { return view_; }
  const std::vector<Token>& tokens() const { return tokens_; }
  const std::vector<Sentence>& sentences() const { return sentences_; }
  // The profile the sentences were found with: the rewrite reads the text
  // with the same one.
  const SentenceProfile& sentence_profile() const { return *profile_; }
  // The spellings the view was read with: the rewrite reads its text, and
  // writes informal words out, with the same ones.
  const Spellings& spellings() const { return *spellings_; }
  bool ascii() const { return ascii_; }

  // The original byte range that produced view bytes [view_begin, view_end).
  // It always covers whole code points and whole grapheme clusters. An empty
  // view range maps to an empty original range at the matching position.
  Range to_original(uint32_t view_begin, uint32_t view_end) const;
  Range to_original(Range view) const { return to_original(view.begin, view.end); }

  // UTF-16 code-unit offset of an original byte offset that starts a code
  // point (or equals original().size()). Invalid UTF-8 sequences count as
  // one unit each (U+FFFD).
  std::size_t utf16_offset(std::size_t original_offset) const;

  // Index of the sentence containing view offset `pos` (the last sentence
  // for pos == view().size()); 0 when there are no sentences.
  std::size_t sentence_at(uint32_t view_pos) const;

  // True if a line break was folded into the view's space at `view_pos`.
  // Inline: the segmenter asks at every space, and most texts have none.
  bool line_break_at(uint32_t view_pos) const {
    return !line_breaks_.empty() &&
           std::binary_search(line_breaks_.begin(), line_breaks_.end(), view_pos);
  }

  // Equality of every field: for tests of the fast path.
  bool operator==(const Document& o) const;

 private:
  friend class DocumentBuilder;
  friend void segment(Document* doc);

  std::string_view original_;
  const SentenceProfile* profile_ = &SentenceProfile::none();
  const Spellings* spellings_ = &Spellings::none();
  std::string view_;
  // For view byte i: the original range of the unit (code point or grapheme
  // cluster) that produced it. Size view_.size().
  std::vector<uint32_t> unit_begin_;
  std::vector<uint32_t> unit_end_;
  // utf16_before_[i] = UTF-16 units before original byte i, for code-point
  // starts; empty when the original is ASCII (offsets are then equal).
  std::vector<uint32_t> utf16_before_;
  std::vector<uint32_t> line_breaks_;  // sorted view offsets
  std::vector<Token> tokens_;
  std::vector<Sentence> sentences_;
  bool ascii_ = true;
};

}  // namespace tact::text

#endif  // TACT_LIB_TEXT_DOCUMENT_HPP_
