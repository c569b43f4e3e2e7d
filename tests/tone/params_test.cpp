// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// rules/en/tone.toml names categories by the fixed ids of docs/categories.md; a typo
// would silently weigh nothing, so every key is checked here.
#include "tone/params.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/embedded.hpp"

namespace {

const std::vector<std::string> kSignals = {"manager_request",  "churn_threat",   "legal_threat",
                                           "public_complaint", "repeat_contact", "profanity",
                                           "insult",           "shouting",       "urgency",
                                           "refund_demand",    "frustration"};
const std::vector<std::string> kTechniques = {
    "acknowledge", "empathize", "apologize",  "ownership",  "solution",
    "next_steps",  "clarify",   "appreciate", "compensate", "narrate"};
const std::vector<std::string> kTriggers = {
    "refusal",       "uncertainty",   "dismissive",       "condescending",
    "blame",         "policy_shield", "deflection",       "overpromise",
    "hold_transfer", "demanding",     "negative_framing", "hostile"};

template <typename Map>
void check_keys(const Map& map, const std::vector<std::string>& ids, const char* table) {
  for (const auto& entry : map) {
    CHECK_MESSAGE(std::find(ids.begin(), ids.end(), entry.first) != ids.end(),
                  table << ": " << entry.first << " is not a category id");
  }
}

}  // namespace

TEST_CASE("tone.toml weighs only known categories, and every one of them") {
  bool found = false;
  const std::string_view toml = tact::embedded::find("en/tone.toml", &found);
  REQUIRE(found);
  tact::tone::Params p;
  tact::tone::Lexicon lexicon;
  const tact::Status status = tact::tone::load_params(toml, "en/tone.toml", &p, &lexicon);
  REQUIRE(status.ok());
  check_keys(p.sentiment.signals, kSignals, "sentiment.signals");
  check_keys(p.escalation.signals, kSignals, "escalation.signals");
  check_keys(p.escalation.min_level, kSignals, "escalation.min_level");
  std::vector<std::string> anger_ids = kSignals;
  anger_ids.push_back("hostile");  // the agent's hostile trigger
  check_keys(p.anger.findings, anger_ids, "anger.findings");
  check_keys(p.empathy.techniques, kTechniques, "empathy.techniques");
  check_keys(p.deescalation.techniques, kTechniques, "deescalation.techniques");
  check_keys(p.deescalation.triggers, kTriggers, "deescalation.triggers");
  CHECK(p.escalation.signals.size() == kSignals.size());
  CHECK(p.deescalation.techniques.size() == kTechniques.size());
  CHECK(p.deescalation.triggers.size() == kTriggers.size());
  for (const std::string& h : p.escalation.hostile) {
    CHECK(std::find(kSignals.begin(), kSignals.end(), h) != kSignals.end());
  }
  // Levels rise with the score.
  CHECK(std::is_sorted(p.escalation.thresholds.begin(), p.escalation.thresholds.end()));
}

// Tone parameters go through the same TOML bounds as rule packs: a dotted
// key of 50,000 parts once overflowed toml++'s recursion (issue 12).
TEST_CASE("tone parameters: TOML past the nesting bounds is an error with its line") {
  std::string deep = "[sentiment]\n\na";
  for (int i = 0; i < 50000; ++i) deep += ".a";
  deep += " = 1\n";
  tact::tone::Params p;
  tact::tone::Lexicon lexicon;
  const tact::Status status = tact::tone::load_params(deep, "deep.toml", &p, &lexicon);
  CHECK(status.code == tact::Code::rules);
  CHECK(status.message.rfind("deep.toml:3: ", 0) == 0);
  std::string nested = "x = " + std::string(100, '[') + std::string(100, ']') + "\n";
  CHECK(tact::tone::load_params(nested, "n.toml", &p, &lexicon).code == tact::Code::rules);
}
