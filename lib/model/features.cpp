// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "model/features.hpp"

#include <algorithm>
#include <cmath>

#include "rules/categories.hpp"

namespace tact::model {

namespace {

struct HashSink {
  std::vector<std::vector<uint64_t>>* out;
  void add(std::size_t i, std::string_view a, std::string_view b = {}, std::string_view c = {},
           std::string_view d = {}, std::string_view e = {}) {
    (*out)[i].push_back(fnv1a_parts(a, b, c, d, e));
  }
  void finding(std::size_t i, const rules::Rule& r) { detail::add_rule_features(this, i, r); }
};

struct StringSink {
  std::vector<std::vector<std::string>>* out;
  void add(std::size_t i, std::string_view a, std::string_view b = {}, std::string_view c = {},
           std::string_view d = {}, std::string_view e = {}) {
    std::string f;
    f.reserve(a.size() + b.size() + c.size() + d.size() + e.size());
    f.append(a).append(b).append(c).append(d).append(e);
    (*out)[i].push_back(std::move(f));
  }
  void finding(std::size_t i, const rules::Rule& r) { detail::add_rule_features(this, i, r); }
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
  HashSink sink{out};
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
  return {fnv1a(std::string_view(&d[0], 1), fnv1a("esc:level")),
          fnv1a(std::string_view(&d[1], 1), fnv1a("esc:score"))};
}

}  // namespace tact::model
