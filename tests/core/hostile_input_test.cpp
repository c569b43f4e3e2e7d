// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The pathological inputs of issue 8 at test-suite sizes (256 KB; set
// TACT_HOSTILE_KB to change it): correct, bounded results. Most cases
// compare the big input with a small version of it: a megabyte of the same
// thing must not say more, or other, than a few hundred bytes of it. (Time
// and memory per MB at full size are measured by bench/, not here.)
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/core.hpp"
#include "rules/pack.hpp"
#include "text/document.hpp"

namespace {

const tact::core::Analyzer& analyzer() {
  static const tact::core::Analyzer a;
  return a;
}

std::size_t hostile_size() {
  const char* kb = std::getenv("TACT_HOSTILE_KB");
  return (kb != nullptr && std::atoi(kb) > 0 ? static_cast<std::size_t>(std::atoi(kb)) : 256) << 10;
}

// `unit` repeated to at least `bytes` bytes.
std::string repeat(const std::string& unit, std::size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size());
  while (out.size() < bytes) out += unit;
  return out;
}

using Finding = std::tuple<std::string, std::size_t, std::size_t>;  // rule, start, end

std::vector<Finding> findings(const tact::Report& r) {
  std::vector<Finding> out;
  for (const auto& t : r.triggers) out.emplace_back(t.rule, t.span.start, t.span.end);
  for (const auto& t : r.techniques) out.emplace_back(t.rule, t.span.start, t.span.end);
  for (const auto& s : r.escalation.signals) out.emplace_back(s.rule, s.span.start, s.span.end);
  return out;
}

// What must hold for any report, however hostile the text: every span in
// the text, findings in order and within their bounds, few cues, and edits
// that rebuild the rewrite.
void check_bounded(const std::string& text, const tact::Report& r) {
  std::map<std::string, std::size_t> per_rule;
  for (const Finding& f : findings(r)) {
    CHECK(std::get<1>(f) <= std::get<2>(f));
    CHECK(std::get<2>(f) <= text.size());
    ++per_rule[std::get<0>(f)];
  }
  for (const auto& [rule, count] : per_rule) {
    CAPTURE(rule);
    CHECK(count <= tact::rules::kMaxFindingsPerRule);
  }
  CHECK(findings(r).size() <= 1000);
  for (std::size_t i = 1; i < r.triggers.size(); ++i) {
    CHECK(r.triggers[i - 1].span.start <= r.triggers[i].span.start);
  }
  // Findings' cues, plus at most kMaxToneCuesPerType + 1 of each of the
  // fifteen tone cue types.
  CHECK(r.escalation.cues.size() <= findings(r).size() + 15 * 33);
  std::string rebuilt = text;
  std::size_t previous = text.size();
  for (auto it = r.edits.rbegin(); it != r.edits.rend(); ++it) {
    REQUIRE(it->span.end <= previous);
    previous = it->span.start;
    rebuilt.replace(it->span.start, it->span.end - it->span.start, it->replacement);
  }
  CHECK(rebuilt == r.rewrite);
}

// The big text and a small version of it report the same: the same
// findings (as far as the small one goes), level and score.
void check_same_as_small(const std::string& unit, std::size_t small_bytes, tact::Role role) {
  CAPTURE(unit);
  const std::string big = repeat(unit, hostile_size());
  const std::string small = repeat(unit, small_bytes);
  const tact::Report b = analyzer().analyze(big, role);
  const tact::Report s = analyzer().analyze(small, role);
  check_bounded(big, b);
  check_bounded(small, s);
  CHECK(findings(b) == findings(s));
  CHECK(b.escalation.level == s.escalation.level);
  CHECK(b.escalation.score == doctest::Approx(s.escalation.score));
  CHECK(b.escalation.cues.size() == s.escalation.cues.size());
}

// A pack of one anchored rule, for exact counts (the default pack moves).
tact::Options opening_no_pack() {
  tact::Options o;
  o.default_pack = false;
  o.rule_texts.push_back(
      {"t.toml",
       "[[rule]]\nid = \"trigger.refusal.opening-no\"\n"
       "anchor = \"sentence-start\"\npatterns = ['''no''']\n"
       "message = \"m\"\nsuggestions = [\"\"]\n"
       "examples = [\"No, sorry.\"]\ncounterexamples = [\"There is no fee.\"]\n"});
  return o;
}

}  // namespace

TEST_CASE("a megabyte of \"no no no\": what 300 bytes of it say, flagged as cut short") {
  // Past the first sentence start every "no" is a match the anchor rejects;
  // the search gives up after 256 of them, so the report says it may be
  // missing findings.
  check_same_as_small("no ", 300, tact::Role::agent);
  const tact::Report r = analyzer().analyze(repeat("no ", hostile_size()), tact::Role::agent);
  REQUIRE_FALSE(r.triggers.empty());
  CHECK(r.triggers[0].span.start == 0);
  CHECK(r.truncated);
  CHECK_FALSE(analyzer().analyze(repeat("no ", 300), tact::Role::agent).truncated);
}

TEST_CASE("100,000 emoji are 100,000 tokens and say what 1,000 do") {
  const std::string text = repeat("\xF0\x9F\x98\xA1", 400000);
  const auto doc = tact::text::Document::build(text);
  CHECK(doc.tokens().size() == 100000);
  CHECK(doc.utf16_offset(text.size()) == 200000);
  const tact::Report big = analyzer().analyze(text, tact::Role::customer);
  const tact::Report small =
      analyzer().analyze(repeat("\xF0\x9F\x98\xA1", 4000), tact::Role::customer);
  check_bounded(text, big);
  CHECK(findings(big) == findings(small));
  CHECK(big.escalation.level == small.escalation.level);
  CHECK(big.escalation.cues.size() == small.escalation.cues.size());
  CHECK(big.tone.anger == doctest::Approx(small.tone.anger));
}

TEST_CASE("one 256 KB word: one token, nothing found, the rewrite is the text") {
  const std::string word(hostile_size(), 'a');
  const auto doc = tact::text::Document::build(word);
  REQUIRE(doc.tokens().size() == 1);
  CHECK(doc.tokens()[0].original.size() == word.size());
  for (tact::Role role : {tact::Role::agent, tact::Role::customer}) {
    const tact::Report r = analyzer().analyze(word, role);
    CHECK(findings(r).empty());
    CHECK(r.escalation.level == 0);
    CHECK(r.rewrite == word);
  }
}

TEST_CASE("a base letter with 256 KB of combining marks is one cluster") {
  std::string text = "a";
  text += repeat("\xCC\x81", hostile_size());
  const auto doc = tact::text::Document::build(text);
  REQUIRE(doc.tokens().size() == 1);
  CHECK(doc.to_original(0, 1) == tact::text::Range{0, static_cast<uint32_t>(text.size())});
  CHECK(doc.utf16_offset(text.size()) == 1 + (text.size() - 1) / 2);
  const tact::Report r = analyzer().analyze(text, tact::Role::customer);
  CHECK(findings(r).empty());
  CHECK(r.rewrite == text);
}

TEST_CASE("256 KB without spaces or punctuation: trigger words run together are no triggers") {
  const std::string text = repeat("Idontknowcalmdownnowayyoushouldhave", hostile_size());
  const auto doc = tact::text::Document::build(text);
  CHECK(doc.tokens().size() == 1);
  const tact::Report r = analyzer().analyze(text, tact::Role::agent);
  CHECK(findings(r).empty());
  CHECK(r.rewrite == text);
}

TEST_CASE("100,000 sentence breaks") {
  const std::string breaks = repeat("A. ", 300000);
  CHECK(tact::text::Document::build(breaks).sentences().size() == 100000);
  check_same_as_small("A. ", 300, tact::Role::customer);

  // 100,000 sentences that open with "No": one rule reports its first 32.
  const tact::core::Analyzer own(opening_no_pack());
  const std::string nos = repeat("No. ", 400000);
  const tact::Report r = own.analyze(nos, tact::Role::agent);
  check_bounded(nos, r);
  REQUIRE(r.triggers.size() == tact::rules::kMaxFindingsPerRule);
  for (std::size_t i = 0; i < r.triggers.size(); ++i) {
    CHECK(r.triggers[i].span.start == 4 * i);
    CHECK(r.triggers[i].span.end == 4 * i + 2);
  }
  CHECK(r.truncated);
}

TEST_CASE("a 256 KB line of \"!!!!\": one sentence, one signal over the whole run") {
  const std::string bangs(hostile_size(), '!');
  CHECK(tact::text::Document::build(bangs).sentences().size() == 1);
  const tact::Report r = analyzer().analyze(bangs, tact::Role::customer);
  const tact::Report small = analyzer().analyze(std::string(100, '!'), tact::Role::customer);
  check_bounded(bangs, r);
  REQUIRE(r.escalation.signals.size() == 1);
  REQUIRE(small.escalation.signals.size() == 1);
  CHECK(r.escalation.signals[0].rule == small.escalation.signals[0].rule);
  CHECK(r.escalation.signals[0].span.start == 0);
  CHECK(r.escalation.signals[0].span.end == bangs.size());
  CHECK_FALSE(r.truncated);
  // Every '!' adds to anger, yet the cues stay as few as for 100 of them:
  // past 32 they fold into one, and the score barely moves (saturated).
  CHECK(r.escalation.cues.size() == small.escalation.cues.size());
  CHECK(r.escalation.level == small.escalation.level);
  CHECK(r.escalation.score == doctest::Approx(small.escalation.score).epsilon(0.001));
  // A customer's cue weights add up to the score's raw sum, folded or not.
  for (const tact::Report* each : {&r, &small}) {
    double raw = 0;
    for (const tact::Cue& c : each->escalation.cues) raw += c.weight;
    CHECK(1 - std::exp(-raw) == doctest::Approx(each->escalation.score));
  }
}

TEST_CASE("deeply repeated overlapping trigger phrases") {
  for (const char* unit :
       {"I don't know I don't know calm down ", "you should have you should have known ",
        "calm down calm down ", "no no, I don't know, no, calm down, it's our policy. "}) {
    CAPTURE(unit);
    const std::string text = repeat(unit, hostile_size());
    const tact::Report r = analyzer().analyze(text, tact::Role::agent);
    check_bounded(text, r);
    CHECK_FALSE(r.triggers.empty());
    // The first findings are those of a short version (before any rule
    // reaches its bound), and the report says findings may be missing.
    const std::string small = repeat(unit, 400);
    const std::vector<Finding> few = findings(analyzer().analyze(small, tact::Role::agent));
    const std::vector<Finding> all = findings(r);
    REQUIRE(all.size() >= few.size());
    CHECK(std::vector<Finding>(all.begin(), all.begin() + static_cast<long>(few.size())) == few);
    CHECK(r.truncated);
  }
}

TEST_CASE("input over max_input_bytes is refused, not truncated") {
  tact::Options options;
  options.max_input_bytes = 1 << 20;
  const tact::core::Analyzer a(options);
  tact::Report report;
  CHECK(a.analyze(std::string((1 << 20) + 1, 'x'), tact::Role::agent, &report).code ==
        tact::Code::input_too_large);
  CHECK(a.analyze(std::string(1 << 20, 'x'), tact::Role::agent, &report).ok());
}
