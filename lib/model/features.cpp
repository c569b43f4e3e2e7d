// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "model/features.hpp"

#include <algorithm>
#include <cmath>

#include "rules/categories.hpp"

namespace tact::model {

namespace {

struct Push {
  std::vector<std::vector<uint64_t>>* out;
  void operator()(std::size_t i, uint64_t h) const { (*out)[i].push_back(h); }
};

struct HashSink : Hasher<Push> {
  void finding(std::size_t i, const rules::Rule& r) { detail::add_rule_features(this, i, r); }
};

struct StringSink {
  std::vector<std::vector<std::string>>* out;
  void word(std::size_t i, bool negated, std::string_view w, uint64_t) {
    add(i, negated ? "w:NEG_" : "w:", w);
  }
  void bigram(std::size_t i, std::string_view previous, uint64_t, std::string_view w, uint64_t) {
    add(i, "b:", previous, "_", w);
  }
  void fixed(std::size_t i, Fixed f) { add(i, kFixedFeatures[static_cast<std::size_t>(f)]); }
  void add(std::size_t i, std::string_view a, std::string_view b = {}, std::string_view c = {},
           std::string_view d = {}, std::string_view e = {}) {
    std::string f;
    f.reserve(a.size() + b.size() + c.size() + d.size() + e.size());
    f.append(a).append(b).append(c).append(d).append(e);
    (*out)[i].push_back(std::move(f));
  }
  void finding(std::size_t i, const rules::Rule& r) { detail::add_rule_features(this, i, r); }
  void done(std::size_t) {}
};

template <class T>
void sort_unique(std::vector<std::vector<T>>* lists) {
  for (std::vector<T>& l : *lists) {
    std::sort(l.begin(), l.end());
    l.erase(std::unique(l.begin(), l.end()), l.end());
  }
}

}  // namespace

void sentence_hashes(const text::Document& doc, const FeatureParams& params,
                     const std::vector<rules::Finding>& findings,
                     const std::vector<tone::Cue>& cues, std::vector<std::vector<uint64_t>>* out) {
  out->resize(doc.sentences().size());
  for (std::vector<uint64_t>& l : *out) l.clear();
  HashSink sink;
  sink.emit = Push{out};
  detail::walk(doc, params, findings, cues, &sink);
  sort_unique(out);
}

void sentence_strings(const text::Document& doc, const FeatureParams& params,
                      const std::vector<rules::Finding>& findings,
                      const std::vector<tone::Cue>& cues,
                      std::vector<std::vector<std::string>>* out) {
  out->assign(doc.sentences().size(), {});
  StringSink sink{out};
  detail::walk(doc, params, findings, cues, &sink);
  sort_unique(out);
}

namespace {

// The digits of esc:level<n> and esc:score<tenths>.
std::array<char, 2> line_digits(int rule_level, double rule_score) {
  const int tenths = std::isfinite(rule_score)
                         ? std::clamp(static_cast<int>(std::floor(rule_score * 10.0)), 0, 9)
                         : 0;
  return {static_cast<char>('0' + std::clamp(rule_level, 0, 4)), static_cast<char>('0' + tenths)};
}

}  // namespace

std::vector<std::string> line_strings(int rule_level, double rule_score) {
  const std::array<char, 2> d = line_digits(rule_level, rule_score);
  return {std::string("esc:level") + d[0], std::string("esc:score") + d[1]};
}

std::array<uint64_t, 2> line_hashes(int rule_level, double rule_score) {
  const std::array<char, 2> d = line_digits(rule_level, rule_score);
  return {hash::other("esc:level", std::string_view(&d[0], 1), {}, {}, {}),
          hash::other("esc:score", std::string_view(&d[1], 1), {}, {}, {})};
}

void feature_hashes(std::string_view feature, std::vector<uint64_t>* out) {
  constexpr std::string_view kNegated = "w:NEG_", kWord = "w:", kBigram = "b:";
  if (feature.substr(0, kNegated.size()) == kNegated) {
    // The view is lower case: no plain word reads "NEG_...".
    out->push_back(hash::unigram(text::word_hash(feature.substr(kNegated.size())), true));
  } else if (feature.substr(0, kWord.size()) == kWord) {
    out->push_back(hash::unigram(text::word_hash(feature.substr(kWord.size())), false));
  } else if (feature.substr(0, kBigram.size()) == kBigram) {
    const std::string_view pair = feature.substr(kBigram.size());
    for (std::size_t at = pair.find('_'); at != std::string_view::npos;
         at = pair.find('_', at + 1)) {
      out->push_back(
          hash::bigram(text::word_hash(pair.substr(0, at)), text::word_hash(pair.substr(at + 1))));
    }
    // Not a pair (no '_'): no word pair makes it, but keep it findable.
    if (pair.find('_') == std::string_view::npos) out->push_back(hash::other(feature));
  } else {
    out->push_back(hash::other(feature));
  }
}

}  // namespace tact::model
