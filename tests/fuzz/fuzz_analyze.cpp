// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Fuzz target: analyze() on arbitrary bytes, with each role, and check the
// report's invariants so logic errors surface as crashes too: every span lies
// inside the input on code-point boundaries, UTF-16 offsets are ordered, and
// applying the edits right to left reproduces the rewrite. The two
// prefilter engines must name the same candidates for the text's view
// (rules/hyperscan_prefilter.hpp).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include <vector>

#include "core/core.hpp"
#include "rules/compiled_pack.hpp"
#include "text/document.hpp"
#include "text/unicode.hpp"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

// Where each code point (or invalid sequence, read as U+FFFD) starts.
std::vector<bool> boundaries(std::string_view s) {
  std::vector<bool> at(s.size() + 1, false);
  for (std::size_t i = 0; i < s.size();) {
    at[i] = true;
    tact::text::decode_utf8(s, &i);
  }
  at[s.size()] = true;
  return at;
}

void check_span(const std::vector<bool>& starts, const tact::Span& s) {
  require(s.start <= s.end && s.end + 1 <= starts.size());
  require(s.start_utf16 <= s.end_utf16 && s.start_utf16 <= s.start && s.end_utf16 <= s.end);
  require(starts[s.start] && starts[s.end]);
}

void check(std::string_view text, const tact::Report& r) {
  const std::vector<bool> starts = boundaries(text);
  for (const auto& t : r.triggers) {
    check_span(starts, t.span);
    require(t.text == text.substr(t.span.start, t.span.end - t.span.start));
  }
  for (const auto& t : r.techniques) check_span(starts, t.span);
  for (const auto& s : r.escalation.signals) check_span(starts, s.span);
  for (const auto& c : r.escalation.cues) check_span(starts, c.span);
  require(r.escalation.level >= 0 && r.escalation.level <= 4);
  require(r.tone.sentiment >= -1.0 && r.tone.sentiment <= 1.0);
  for (double x :
       {r.tone.anger, r.tone.politeness, r.tone.empathy, r.tone.deescalation, r.escalation.score}) {
    require(x >= 0.0 && x <= 1.0);
  }
  std::string rebuilt(text);
  std::size_t previous_start = text.size() + 1;
  for (auto it = r.edits.rbegin(); it != r.edits.rend(); ++it) {
    check_span(starts, it->span);
    require(it->span.end <= previous_start);  // non-overlapping, in order
    previous_start = it->span.start;
    rebuilt.replace(it->span.start, it->span.end - it->span.start, it->replacement);
  }
  if (!r.edits.empty()) require(rebuilt == r.rewrite);
  // The JSON is valid (invalid UTF-8 in the text replaced) and the same report.
  const std::string json = tact::core::to_json(r);
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  require(!j.is_discarded());
  require(j.at("triggers").size() == r.triggers.size());
  require(j.at("techniques").size() == r.techniques.size());
  require(j.at("edits").size() == r.edits.size());
  require(j.at("escalation").at("cues").size() == r.escalation.cues.size());
  require(j.at("rewrite").is_string());
  // Bounded however hostile the text: findings (1,000 a message, 32 a rule)
  // and cues (the findings' own, and at most 33 of each of the 15 tone cue
  // types).
  const std::size_t findings =
      r.triggers.size() + r.techniques.size() + r.escalation.signals.size();
  require(findings <= 1000);
  std::map<std::string, std::size_t> per_rule;
  for (const auto& t : r.triggers) require(++per_rule[t.rule] <= 32);
  for (const auto& t : r.techniques) require(++per_rule[t.rule] <= 32);
  for (const auto& s : r.escalation.signals) require(++per_rule[s.rule] <= 32);
  require(r.escalation.cues.size() <= findings + 15 * 33);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const tact::core::Analyzer analyzer;
  if (size == 0) return 0;
  const tact::Role roles[] = {tact::Role::agent, tact::Role::customer, tact::Role::automatic};
  const tact::Role role = roles[data[0] % 3];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  tact::Report report;
  const tact::Status status = analyzer.analyze(text, role, &report);
  require(status.ok());
  check(text, report);
  static const std::shared_ptr<const tact::rules::Pack> pack = [] {
    std::shared_ptr<const tact::rules::Pack> p;
    require(tact::rules::Pack::load(tact::Options(), &p).ok());
    return p;
  }();
  const auto& compiled = dynamic_cast<const tact::rules::CompiledPack&>(*pack);
  const tact::text::Document doc =
      tact::text::Document::build(text, pack->sentence_profile(), pack->spellings());
  std::vector<uint32_t> fast, shards;
  // (Unless a Set's DFA gave up, which makes every pattern of it a candidate.)
  if (compiled.candidates(doc.view(), role, tact::rules::PrefilterEngine::hyperscan, &fast) &&
      compiled.candidates(doc.view(), role, tact::rules::PrefilterEngine::shards, &shards)) {
    require(fast == shards);
  }
  return 0;
}
