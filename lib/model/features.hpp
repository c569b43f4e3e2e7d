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
//
// Weights files hold features as text; in memory a feature is looked up by
// a hash of the library's own (feature_hashes()), built from each word's
// hash so a word is hashed once for its w: and both its b: features.
#ifndef TACT_LIB_MODEL_FEATURES_HPP_
#define TACT_LIB_MODEL_FEATURES_HPP_

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/feature_table.hpp"
#include "rules/categories.hpp"
#include "rules/pack.hpp"
#include "text/document.hpp"
#include "text/thread_scratch.hpp"
#include "text/word_hash.hpp"
#include "tone/scorer.hpp"

namespace tact::model {

// Feature parameters, read from the weights file's header (pack data).
struct FeatureParams {
  std::vector<std::string> negators;          // whole words: "not", "never"
  std::vector<std::string> negator_suffixes;  // word endings: "n't"

  // finish() computes these. The negators by their word hashes
  // (text::word_hash(), the segmenter's Token::hash), each to its index in
  // negators: a word is turned away by its hash, without a branch on its
  // length or first byte.
  FeatureTable by_hash;
  // Bit b set when a suffix ends with byte b: most words are turned away
  // by one test.
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
    // Of two negators with one hash the first is kept; is_negator()
    // compares the text before it answers yes.
    std::vector<std::pair<uint64_t, uint32_t>> keys;
    for (std::size_t i = 0; i < negators.size(); ++i)
      keys.emplace_back(text::word_hash(negators[i]), static_cast<uint32_t>(i));
    by_hash.build(keys);
    last_bytes.fill(0);
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

// The features that are fixed strings, by index (walk() names them by
// index, so a hash sink looks their hashes up instead of computing them).
enum class Fixed : uint8_t { bang, question, bangs, caps, first, len1, len2, len3, len4, count };
constexpr std::string_view kFixedFeatures[] = {"p:!",    "p:?",    "p:!!",   "p:caps", "p:first",
                                               "p:len1", "p:len2", "p:len3", "p:len4"};
static_assert(std::size(kFixedFeatures) == static_cast<std::size_t>(Fixed::count));

// The in-memory feature hash. A word's hash is text::word_hash() (the
// segmenter's Token::hash); a w: feature is its word's hash plus a
// constant, a b: feature mixes its two words' hashes, any other feature is
// the word hash of its whole text plus another constant.
namespace hash {

constexpr uint64_t kMul = 0x9e3779b97f4a7c15ull;
constexpr uint64_t kWord = 0x2545f4914f6cdd1dull;     // w:<word>
constexpr uint64_t kNegated = 0x61c8864680b583ebull;  // w:NEG_<word>
constexpr uint64_t kOther = 0x94d049bb133111ebull;    // p:, rule:, rid:, cue:, esc:

inline uint64_t unigram(uint64_t word, bool negated) {
  return word + (negated ? kNegated : kWord);
}

// Both hashes are mixed already: one multiply and a rotation keep the
// pair ordered ("a b" is not "b a").
inline uint64_t bigram(uint64_t first, uint64_t second) {
  const uint64_t f = first * kMul;
  return ((f << 31) | (f >> 33)) ^ second;
}

inline uint64_t other(std::string_view feature) {
  return text::word_hash(feature) + kOther;
}

// other() of the concatenation of up to five parts.
inline uint64_t other(std::string_view a, std::string_view b, std::string_view c,
                      std::string_view d, std::string_view e) {
  char buf[96];
  const std::size_t n = a.size() + b.size() + c.size() + d.size() + e.size();
  if (n > sizeof buf) return other(std::string(a).append(b).append(c).append(d).append(e));
  std::size_t at = 0;
  for (const std::string_view part : {a, b, c, d, e}) {
    part.copy(buf + at, part.size());
    at += part.size();
  }
  return other(std::string_view(buf, n));
}

}  // namespace hash

// Hashes walk()'s features as feature_hashes() does their text, from the
// words' hashes walk() hands over, and gives each to emit(sentence, hash).
template <class Emit>
struct Hasher {
  Emit emit;

  void word(std::size_t i, bool negated, std::string_view, uint64_t h) {
    emit(i, hash::unigram(h, negated));
  }
  void bigram(std::size_t i, std::string_view, uint64_t previous, std::string_view, uint64_t h) {
    emit(i, hash::bigram(previous, h));
  }
  void done(std::size_t) {}
  void add(std::size_t i, std::string_view a, std::string_view b = {}, std::string_view c = {},
           std::string_view d = {}, std::string_view e = {}) {
    emit(i, hash::other(a, b, c, d, e));
  }
  void fixed(std::size_t i, Fixed f) {
    static const auto table = [] {
      std::array<uint64_t, std::size(kFixedFeatures)> t{};
      for (std::size_t k = 0; k < t.size(); ++k) t[k] = hash::other(kFixedFeatures[k]);
      return t;
    }();
    emit(i, table[static_cast<std::size_t>(f)]);
  }
};

// The hashes a feature's text may have met at inference, appended to *out.
// One, except for a b: feature whose words hold '_' (the separator), which
// gets one per place it could split: the text alone cannot tell
// "b:a_b_c" = (a_b, c) from (a, b_c), and both are that feature.
void feature_hashes(std::string_view feature, std::vector<uint64_t>* out);

namespace detail {

// Whether `word` (whose text::word_hash() is `hash`) opens a negation
// scope: a negator, or a word longer than a negator suffix ending in it.
inline bool is_negator(std::string_view word, uint64_t hash, const FeatureParams& params) {
  if (!params.finished) {  // without finish(), every negator and suffix is compared
    for (const std::string& n : params.negators) {
      if (word == n) return true;
    }
  } else {
    const int32_t k = params.by_hash.passes(hash) ? params.by_hash.find(hash) : -1;
    if (k >= 0 && word == params.negators[static_cast<std::size_t>(k)]) return true;
  }
  if (word.empty() || (params.finished && !FeatureParams::has(params.last_bytes, word.back()))) {
    return false;
  }
  for (const std::string& s : params.negator_suffixes) {
    if (word.size() <= s.size() || s.empty()) continue;
    // Compared byte by byte from the end: suffixes are short, and most
    // differ in their last byte or two.
    std::size_t k = 0;
    while (k < s.size() && word[word.size() - 1 - k] == s[s.size() - 1 - k]) ++k;
    if (k == s.size()) return true;
  }
  return false;
}

inline bool is_negator(std::string_view word, const FeatureParams& params) {
  return is_negator(word, text::word_hash(word), params);
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

// A walk's findings and cues, placed by sentence (per thread, so a chat
// line allocates nothing).
struct WalkScratch {
  struct Placed {
    uint32_t sentence;
    uint32_t item;  // a finding's index, or findings.size() + a cue's
  };
  std::vector<Placed> placed, sorted;
  std::vector<uint32_t> start;
};

// Walks the document once, sentence by sentence. A word goes to
// sink.word(sentence, negated, word, hash) (w:<word> or w:NEG_<word>) and
// then sink.bigram(sentence, previous, its hash, word, hash)
// (b:<previous>_<word>, "^" before the first), each hash text::word_hash()
// of its word; a fixed feature to sink.fixed(sentence, Fixed); any other,
// as up to five parts to concatenate, to sink.add(sentence, parts...); a
// rule finding to sink.finding(sentence, rule), which adds
// add_rule_features(). A sentence's words come first, then its fixed
// features, its findings (in their order) and its tone cues (in theirs),
// then sink.done(sentence): every sentence gets done(), in order.
template <class Sink>
void walk(const text::Document& doc, const FeatureParams& params,
          const std::vector<rules::Finding>& findings, const std::vector<tone::Cue>& cues,
          Sink* sink) {
  const std::vector<text::Sentence>& sentences = doc.sentences();
  if (sentences.empty()) return;
  // Findings and cues by sentence: a counting sort, stable, so each
  // sentence keeps the findings' order and then the cues'.
  WalkScratch& w = text::thread_scratch<WalkScratch>();
  w.placed.clear();
  for (std::size_t k = 0; k < findings.size(); ++k) {
    w.placed.push_back(
        {static_cast<uint32_t>(doc.sentence_at(findings[k].view.begin)), static_cast<uint32_t>(k)});
  }
  for (std::size_t k = 0; k < cues.size(); ++k) {
    if (cues[k].kind != CueKind::tone) continue;
    w.placed.push_back({static_cast<uint32_t>(doc.sentence_at(cues[k].view.begin)),
                        static_cast<uint32_t>(findings.size() + k)});
  }
  w.start.assign(sentences.size() + 1, 0);
  for (const WalkScratch::Placed& p : w.placed) ++w.start[p.sentence + 1];
  for (std::size_t i = 1; i < w.start.size(); ++i) w.start[i] += w.start[i - 1];
  w.sorted.resize(w.placed.size());
  for (const WalkScratch::Placed& p : w.placed) w.sorted[w.start[p.sentence]++] = p;
  std::size_t next = 0;  // the first of w.sorted not yet given

  const std::string_view view = doc.view();
  // The words a token stands for that are not its text.
  static const uint64_t kStartHash = text::word_hash("^");
  static const uint64_t kNumberHash = text::word_hash("#");
  std::size_t s = 0;
  std::string_view prev = "^";
  uint64_t prev_hash = kStartHash;
  bool neg = false;
  int words = 0, bangs = 0;
  auto close = [&](std::size_t i) {
    if (words > 0)
      sink->fixed(i, static_cast<Fixed>(static_cast<int>(Fixed::len1) + length_bin(words) - 1));
    if (bangs >= 2) sink->fixed(i, Fixed::bangs);
    if (i == 0) sink->fixed(i, Fixed::first);
    for (; next < w.sorted.size() && w.sorted[next].sentence == i; ++next) {
      const uint32_t item = w.sorted[next].item;
      if (item < findings.size()) {
        sink->finding(i, *findings[item].rule);
      } else {
        sink->add(i, "cue:", cues[item - findings.size()].type);
      }
    }
    sink->done(i);
    prev = "^";
    prev_hash = kStartHash;
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
          sink->fixed(s, Fixed::bang);
        } else if (text == "?") {
          sink->fixed(s, Fixed::question);
        }
        if (ends_scope(text)) neg = false;
        break;
      case text::TokenKind::word:
      case text::TokenKind::number:
      case text::TokenKind::emoji: {
        const bool number = t.kind == text::TokenKind::number;
        const std::string_view word = number ? "#" : text;
        const uint64_t h = number ? kNumberHash : t.hash;
        ++words;
        if (t.all_caps) sink->fixed(s, Fixed::caps);
        sink->word(s, neg, word, h);
        sink->bigram(s, prev, prev_hash, word, h);
        prev = word;
        prev_hash = h;
        if (t.kind == text::TokenKind::word && is_negator(word, h, params)) neg = true;
        break;
      }
    }
  }
  close(s);
  for (std::size_t i = s + 1; i < sentences.size(); ++i) close(i);
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
