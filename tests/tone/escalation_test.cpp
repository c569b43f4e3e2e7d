// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Escalation levels and de-escalation from hand-made findings, and the cues
// that explain them.
#include <doctest/doctest.h>

#include <cmath>

#include "findings.hpp"
#include "tone_fixture.hpp"

using tact::Role;
using tact::rules::Family;
using tact::tone::Cue;
using tact::tone::Result;
using tact::tone::testing::Findings;
using tact::tone::testing::model;

namespace {

// Scores `text` as a customer's, with a signal finding of each category on
// its phrase.
Result customer(const std::string& text,
                const std::vector<std::pair<const char*, const char*>>& signals) {
  const tact::text::Document doc = tact::text::Document::build(text);
  Findings f;
  for (const auto& [category, phrase] : signals)
    f.add(Family::signal, category, doc.view(), phrase);
  return model().score(doc, Role::customer, f.get());
}

double cue_sum(const std::vector<Cue>& cues) {
  double sum = 0;
  for (const Cue& c : cues) sum += c.weight;
  return sum;
}

const Cue* find_cue(const std::vector<Cue>& cues, const char* kind, const char* type) {
  for (const Cue& c : cues) {
    if (std::string_view(tact::cue_kind_name(c.kind)) == kind && c.type == type) return &c;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a calm question is level 0, a polite problem report level 1") {
  const Result calm = customer("Hi, does the oak table come in walnut?", {});
  CHECK(calm.level == 0);
  const Result concerned =
      customer("Hi, my parcel is missing and the box was damaged, could you check?", {});
  CHECK(concerned.level == 1);
  CHECK(concerned.score > calm.score);
}

TEST_CASE("words usually written in capitals are not shouting") {
  const Result thanks = customer("OK, thank you. That actually helps a lot.", {});
  CHECK(thanks.level == 0);
  CHECK(find_cue(thanks.cues, "tone", "caps") == nullptr);
  const Result shouted = customer("This is NOT what I ordered, it is BROKEN.", {});
  CHECK(find_cue(shouted.cues, "tone", "caps") != nullptr);
}

TEST_CASE("threats set a floor, and only insults or profanity reach hostile") {
  const Result legal =
      customer("Refund me or I will speak to my lawyer.", {{"legal_threat", "speak to my lawyer"}});
  CHECK(legal.level >= 3);
  const Result furious = customer(
      "This is ridiculous, absolutely disgraceful, the worst service ever, I am FURIOUS!!!!", {});
  CHECK(furious.level <= 3);
  const Result insult = customer("You are a clueless idiot.", {{"insult", "clueless idiot"}});
  CHECK(insult.level == 4);
}

TEST_CASE("every signal is a cue with its span, and the cues add up to the score") {
  const Result s = customer("I want a manager. This is the THIRD time I have called!!!",
                            {{"manager_request", "i want a manager"},
                             {"repeat_contact", "third time i have called"},
                             {"shouting", "third"},
                             {"shouting", "!!!"}});
  const Cue* manager = find_cue(s.cues, "signal", "manager_request");
  REQUIRE(manager != nullptr);
  CHECK(manager->view == tact::text::Range{0, 16});
  CHECK(manager->weight > 0);
  // A category counts once: its second finding is listed with weight 0.
  std::vector<double> shouting;
  for (const Cue& c : s.cues) {
    if (c.kind == tact::CueKind::signal && c.type == "shouting") shouting.push_back(c.weight);
  }
  REQUIRE(shouting.size() == 2);
  CHECK(shouting[0] > 0);
  CHECK(shouting[1] == 0.0);
  CHECK(s.score == doctest::Approx(1.0 - std::exp(-cue_sum(s.cues))));
  CHECK(s.level >= 3);
}

TEST_CASE("de-escalation: techniques raise it, triggers lower it") {
  const std::string text = "I'm sorry, I'll sort out the refund today. Calm down.";
  const tact::text::Document doc = tact::text::Document::build(text);
  const double none = model().score(doc, Role::agent, {}).tone.deescalation;
  Findings good;
  good.add(Family::technique, "apologize", doc.view(), "i'm sorry")
      .add(Family::technique, "ownership", doc.view(), "i'll sort out");
  const Result with_techniques = model().score(doc, Role::agent, good.get());
  Findings both = good;
  both.add(Family::trigger, "dismissive", doc.view(), "calm down");
  const Result with_trigger = model().score(doc, Role::agent, both.get());
  CHECK(with_techniques.tone.deescalation > none);
  CHECK(with_trigger.tone.deescalation < with_techniques.tone.deescalation);
  const Cue* trigger = find_cue(with_trigger.cues, "trigger", "dismissive");
  REQUIRE(trigger != nullptr);
  CHECK(trigger->weight < 0);
  CHECK(trigger->view == tact::text::Range{43, 52});
  const Cue* apology = find_cue(with_trigger.cues, "technique", "apologize");
  REQUIRE(apology != nullptr);
  CHECK(apology->weight > 0);
  // Agents are not given an escalation level.
  CHECK(with_trigger.level == 0);
  CHECK(with_trigger.score == 0.0);
}
