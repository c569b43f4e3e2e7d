// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rewrite/findings.hpp"

#include <doctest/doctest.h>

#include <algorithm>

namespace tact::testing {

Findings::Findings(std::string text) : text_(std::move(text)), doc_(text::Document::build(text_)) {}

text::Range Findings::locate(std::string_view phrase, uint32_t from, uint32_t to, int nth) const {
  const std::string phrase_copy(phrase);
  const text::Document folded = text::Document::build(phrase_copy);
  const std::string_view view = std::string_view(doc_.view()).substr(0, to);
  std::size_t at = view.find(folded.view(), from);
  for (int k = 0; k < nth && at != std::string_view::npos; ++k) {
    at = view.find(folded.view(), at + 1);
  }
  REQUIRE_MESSAGE(at != std::string_view::npos, "phrase not in the message: ", phrase);
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + folded.view().size())};
}

rules::Finding& Findings::add(std::string_view phrase, std::vector<std::string> suggestions,
                              Severity severity, int nth) {
  rules::Rule& rule = rules_.emplace_back();
  rule.id = "trigger.test.r" + std::to_string(rules_.size());
  rule.category = "refusal";
  rule.severity = severity;
  rule.suggestions = std::move(suggestions);
  rules::Finding& f = findings_.emplace_back();
  f.rule = &rule;
  f.view = locate(phrase, 0, static_cast<uint32_t>(doc_.view().size()), nth);
  return f;
}

void Findings::capture(rules::Finding& f, std::string_view name, std::string_view phrase) {
  const std::string& stored = names_.emplace_back(name);
  f.captures.push_back({stored, locate(phrase, f.view.begin, f.view.end, 0)});
}

std::vector<rules::Finding> Findings::sorted() const {
  std::vector<rules::Finding> all(findings_.begin(), findings_.end());
  std::stable_sort(all.begin(), all.end(), [](const rules::Finding& a, const rules::Finding& b) {
    return a.view.begin < b.view.begin;
  });
  return all;
}

const rules::RewriteStyle& default_style() {
  static const std::shared_ptr<const rules::Pack> pack = [] {
    std::shared_ptr<const rules::Pack> p;
    REQUIRE(rules::Pack::load(Options(), &p).ok());
    return p;
  }();
  return pack->rewrite_style();
}

rewrite::Output Findings::run() const {
  return run(default_style());
}

rewrite::Output Findings::run(const rules::RewriteStyle& style) const {
  rewrite::Output out;
  rewrite::suggest(doc_, sorted(), style, &out);
  // Every rewrite must be the edits applied right to left.
  CHECK(apply_right_to_left(doc_.original(), out.edits) == out.text);
  for (std::size_t i = 1; i < out.edits.size(); ++i) {
    CHECK(out.edits[i - 1].original.end <= out.edits[i].original.begin);
  }
  return out;
}

std::string apply_right_to_left(std::string_view original,
                                const std::vector<rewrite::Edit>& edits) {
  std::string text(original);
  for (auto it = edits.rbegin(); it != edits.rend(); ++it) {
    text.replace(it->original.begin, it->original.size(), it->replacement);
  }
  return text;
}

}  // namespace tact::testing
