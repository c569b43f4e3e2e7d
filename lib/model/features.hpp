// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The learned layer's features: named strings a reviewer can read, computed
// per sentence from the Document and the findings of the earlier stages.
// Training reads them from `tact_features` (bench/eval/), which calls this
// same code, so C++ and Python never disagree on what a feature is.
//
//   w:<word>          a word of the normalized view ("#" for a number);
//   w:NEG_<word>      the same inside a negation scope: after a negator
//                     (FeatureParams) up to the next . , ; : ! ? or the
//                     sentence's end
//   b:<w1>_<w2>       two consecutive words ("^" before the first)
//   p:!  p:?  p:!!  p:caps  p:len<n>  p:first
//                     punctuation, words in capitals, length in words
//                     (bins 1-3, 4-8, 9-16, 17+ as 1..4), first sentence
//   rule:<family>:<category>  rid:<rule id>
//                     a rule finding that starts in the sentence
//   cue:<type>        a tone cue (lexicon word, caps, ...) in the sentence
//
// A line's features for the escalation model are the union of its
// sentences' plus esc:level<n> and esc:score<tenths> from the tone stage.
// A feature's hash is FNV-1a 64 of its UTF-8 bytes.
#ifndef TACT_LIB_MODEL_FEATURES_HPP_
#define TACT_LIB_MODEL_FEATURES_HPP_

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/categories.hpp"
#include "rules/pack.hpp"
#include "text/document.hpp"
#include "tone/scorer.hpp"

namespace tact::model {

// Feature parameters, read from the weights file's header (pack data).
struct FeatureParams {
  std::vector<std::string> negators;          // whole words: "not", "never"
  std::vector<std::string> negator_suffixes;  // word endings: "n't"
  // Bit n set when a negator is n bytes long (n < 64): most words are
  // ruled out without a comparison. finish() computes it.
  uint64_t negator_lengths = 0;

  void finish() {
    negator_lengths = 0;
    for (const std::string& n : negators) {
      if (n.size() < 64) negator_lengths |= uint64_t{1} << n.size();
    }
  }
};

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

inline uint64_t fnv1a(std::string_view s, uint64_t h = kFnvOffset) {
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
  return h;
}

namespace detail {

inline bool is_negator(std::string_view word, const FeatureParams& params) {
  // Without finish(), every word is compared.
  if (params.negator_lengths == 0 || word.size() >= 64 ||
      ((params.negator_lengths >> word.size()) & 1) != 0) {
    for (const std::string& n : params.negators) {
      if (word == n) return true;
    }
  }
  for (const std::string& s : params.negator_suffixes) {
    if (word.size() > s.size() && word.substr(word.size() - s.size()) == s) return true;
  }
  return false;
}

inline bool ends_scope(std::string_view symbol) {
  return symbol == "." || symbol == "," || symbol == ";" || symbol == ":" || symbol == "!" ||
         symbol == "?";
}

inline int length_bin(int words) {
  return words <= 3 ? 1 : words <= 8 ? 2 : words <= 16 ? 3 : 4;
}

// Walks the document once and hands each feature, as up to four parts to
// concatenate, to sink.add(sentence, parts...).
template <class Sink>
void walk(const text::Document& doc, const FeatureParams& params,
          const std::vector<rules::Finding>& findings, const std::vector<tone::Cue>& cues,
          Sink* sink) {
  const std::vector<text::Sentence>& sentences = doc.sentences();
  if (sentences.empty()) return;
  const std::string_view view = doc.view();
  std::size_t s = 0;
  std::string_view prev = "^";
  bool neg = false;
  int words = 0, bangs = 0;
  auto close = [&](std::size_t i) {
    if (words > 0) {
      const char bin[2] = {static_cast<char>('0' + length_bin(words)), 0};
      sink->add(i, "p:len", bin);
    }
    if (bangs >= 2) sink->add(i, "p:!!");
    if (i == 0) sink->add(i, "p:first");
    prev = "^";
    neg = false;
    words = bangs = 0;
  };
  for (const text::Token& t : doc.tokens()) {
    while (s + 1 < sentences.size() && t.view.begin >= sentences[s].view.end) close(s++);
    const std::string_view text = view.substr(t.view.begin, t.view.size());
    switch (t.kind) {
      case text::TokenKind::symbol:
        if (text == "!") {
          ++bangs;
          sink->add(s, "p:!");
        } else if (text == "?") {
          sink->add(s, "p:?");
        }
        if (ends_scope(text)) neg = false;
        break;
      case text::TokenKind::word:
      case text::TokenKind::number:
      case text::TokenKind::emoji: {
        const std::string_view w = t.kind == text::TokenKind::number ? "#" : text;
        ++words;
        if (t.all_caps) sink->add(s, "p:caps");
        sink->add(s, neg ? "w:NEG_" : "w:", w);
        sink->add(s, "b:", prev, "_", w);
        prev = w;
        if (t.kind == text::TokenKind::word && is_negator(w, params)) neg = true;
        break;
      }
    }
  }
  close(s);
  for (std::size_t i = s + 1; i < sentences.size(); ++i) close(i);
  for (const rules::Finding& f : findings) {
    const std::size_t i = doc.sentence_at(f.view.begin);
    sink->add(i, "rule:", rules::family_name(f.rule->family), ":", f.rule->category);
    sink->add(i, "rid:", f.rule->id);
  }
  for (const tone::Cue& c : cues) {
    if (c.kind == CueKind::tone) sink->add(doc.sentence_at(c.view.begin), "cue:", c.type);
  }
}

}  // namespace detail

// Each sentence's features, hashed, sorted and unique (one vector per
// sentence of doc). `findings` are the pack's findings for the role,
// `cues` the tone stage's. Throws std::bad_alloc only.
void sentence_hashes(const text::Document& doc, const FeatureParams& params,
                     const std::vector<rules::Finding>& findings,
                     const std::vector<tone::Cue>& cues, std::vector<std::vector<uint64_t>>* out);

// The same features as strings, sorted and unique: for tact_features.
void sentence_strings(const text::Document& doc, const FeatureParams& params,
                      const std::vector<rules::Finding>& findings,
                      const std::vector<tone::Cue>& cues,
                      std::vector<std::vector<std::string>>* out);

// The line-level features the escalation model adds to the union of the
// sentences' features.
std::vector<std::string> line_strings(int rule_level, double rule_score);
// Their hashes, without building the strings.
std::array<uint64_t, 2> line_hashes(int rule_level, double rule_score);

}  // namespace tact::model

#endif  // TACT_LIB_MODEL_FEATURES_HPP_
