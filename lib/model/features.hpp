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

  // finish() computes these: the negators ordered by length, with where
  // each length's run starts (lengths 0-63; longer ones share run 64), so
  // a word is compared only with negators of its length.
  std::vector<std::string> by_length;
  std::array<uint32_t, 66> length_start{};
  // Bit b set when a negator starts (a suffix ends) with byte b: most
  // words are turned away by one test.
  std::array<uint64_t, 4> first_bytes{};
  std::array<uint64_t, 4> last_bytes{};
  bool finished = false;

  static void set(std::array<uint64_t, 4>* bits, char c) {
    const auto b = static_cast<unsigned char>(c);
    (*bits)[b >> 6] |= uint64_t{1} << (b & 63);
  }
  static bool has(const std::array<uint64_t, 4>& bits, char c) {
    const auto b = static_cast<unsigned char>(c);
    return ((bits[b >> 6] >> (b & 63)) & 1) != 0;
  }

  void finish() {
    by_length = negators;
    const auto bucket = [](std::size_t n) { return std::min<std::size_t>(n, 64); };
    std::stable_sort(by_length.begin(), by_length.end(),
                     [&](const std::string& a, const std::string& b) {
                       return bucket(a.size()) < bucket(b.size());
                     });
    length_start.fill(0);
    for (const std::string& n : by_length) ++length_start[bucket(n.size()) + 1];
    for (std::size_t i = 1; i < length_start.size(); ++i) length_start[i] += length_start[i - 1];
    first_bytes.fill(0);
    last_bytes.fill(0);
    for (const std::string& n : negators) {
      if (!n.empty()) set(&first_bytes, n.front());
    }
    for (const std::string& x : negator_suffixes) {
      if (!x.empty()) set(&last_bytes, x.back());
    }
    finished = true;
  }
};

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

inline uint64_t fnv1a(std::string_view s, uint64_t h = kFnvOffset) {
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
  return h;
}

// The hash of a feature handed to a sink as up to five parts: the hash of
// their concatenation, without building it.
inline uint64_t fnv1a_parts(std::string_view a, std::string_view b, std::string_view c,
                            std::string_view d, std::string_view e) {
  return fnv1a(e, fnv1a(d, fnv1a(c, fnv1a(b, fnv1a(a)))));
}

namespace detail {

inline bool is_negator(std::string_view word, const FeatureParams& params) {
  if (!params.finished) {  // without finish(), every negator and suffix is compared
    for (const std::string& n : params.negators) {
      if (word == n) return true;
    }
  } else if (word.empty() || FeatureParams::has(params.first_bytes, word[0])) {
    const std::size_t b = std::min<std::size_t>(word.size(), 64);
    for (uint32_t i = params.length_start[b]; i < params.length_start[b + 1]; ++i) {
      if (word == params.by_length[i]) return true;
    }
  }
  if (word.empty() || (params.finished && !FeatureParams::has(params.last_bytes, word.back()))) {
    return false;
  }
  for (const std::string& s : params.negator_suffixes) {
    if (word.size() > s.size() && !s.empty() &&
        word.compare(word.size() - s.size(), s.size(), s) == 0) {
      return true;
    }
  }
  return false;
}

inline bool ends_scope(std::string_view symbol) {
  if (symbol.size() != 1) return false;
  switch (symbol[0]) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?': return true;
    default: return false;
  }
}

inline int length_bin(int words) {
  return words <= 3 ? 1 : words <= 8 ? 2 : words <= 16 ? 3 : 4;
}

// A rule finding's two features, rule:<family>:<category> and rid:<id>.
template <class Sink>
void add_rule_features(Sink* sink, std::size_t i, const rules::Rule& r) {
  sink->add(i, "rule:", rules::family_name(r.family), ":", r.category);
  sink->add(i, "rid:", r.id);
}

// Walks the document once and hands each feature, as up to four parts to
// concatenate, to sink.add(sentence, parts...); a rule finding goes to
// sink.finding(sentence, rule), which adds add_rule_features().
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
  for (const rules::Finding& f : findings) sink->finding(doc.sentence_at(f.view.begin), *f.rule);
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
