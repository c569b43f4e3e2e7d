// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Anger, politeness and empathy order messages the way a support lead would.
#include <doctest/doctest.h>

#include "findings.hpp"
#include "tone_fixture.hpp"

using tact::Role;
using tact::rules::Family;
using tact::tone::testing::Findings;
using tact::tone::testing::score;

namespace {
double anger(std::string_view text) {
  return score(text).tone.anger;
}
double politeness(std::string_view text) {
  return score(text).tone.politeness;
}
double empathy(std::string_view text) {
  return score(text, Role::agent).tone.empathy;
}
}  // namespace

TEST_CASE("dimensions stay in [0, 1]") {
  for (const char* text :
       {"", "hi", "YOU ARE ALL USELESS IDIOTS!!!!!!!!", "thank you so much, lovely",
        "I understand, I'm so sorry, that must be so frustrating and worrying"}) {
    for (Role role : {Role::agent, Role::customer}) {
      const tact::Tone t = score(text, role).tone;
      CHECK(t.anger >= 0.0);
      CHECK(t.anger <= 1.0);
      CHECK(t.politeness >= 0.0);
      CHECK(t.politeness <= 1.0);
      CHECK(t.empathy >= 0.0);
      CHECK(t.empathy <= 1.0);
      CHECK(t.deescalation >= 0.0);
      CHECK(t.deescalation <= 1.0);
    }
  }
}

TEST_CASE("anger: hostility above sadness above neutral above praise") {
  const double hostile = anger("You are useless idiots, this is ridiculous!!");
  const double annoyed = anger("Honestly so annoying, the parcel is late again");
  const double sad = anger("I am so sad, I miss my old dog");
  const double neutral = anger("The parcel is at the depot");
  const double praise = anger("Thank you, the driver was brilliant");
  CHECK(hostile > annoyed);
  CHECK(annoyed > sad);
  CHECK(sad > neutral);
  CHECK(neutral > praise);
  CHECK(hostile > 0.5);
  CHECK(neutral < 0.1);
}

TEST_CASE("anger: shouting and sarcasm add to it") {
  CHECK(anger("the sofa is STILL not here, this is terrible") >
        anger("the sofa is still not here, this is terrible"));
  CHECK(anger("Oh great, the app crashed again.") > anger("The app crashed."));
}

TEST_CASE("politeness: requests with please and thanks above commands and blame") {
  const double polite = politeness("Hi, could you please check my order? Thank you!");
  const double plain = politeness("Check my order.");
  const double rude = politeness("Fix it now. You people are useless, what the fuck");
  CHECK(polite > 0.7);
  CHECK(polite > plain);
  CHECK(plain > rude);
  CHECK(rude < 0.2);
}

TEST_CASE("empathy: feelings acknowledged for the other person") {
  const double high = empathy("I completely understand how frustrating this has been.");
  const double feeling_at_you = empathy("You must be so worried about the claim.");
  const double none = empathy("Your parcel will arrive on Tuesday.");
  const double own_feeling = empathy("I am frustrated.");
  CHECK(high > 0.6);
  CHECK(feeling_at_you > 0.3);
  CHECK(none == 0.0);
  CHECK(own_feeling == 0.0);
}

TEST_CASE("empathy: the pack's empathize technique counts") {
  const std::string text = "Waiting in all day for nothing would wind anyone up.";
  const tact::text::Document doc = tact::text::Document::build(text);
  Findings f;
  f.add(Family::technique, "empathize", doc.view(), "would wind anyone up");
  const double with = tact::tone::testing::model().score(doc, Role::agent, f.get()).tone.empathy;
  const double without = tact::tone::testing::model().score(doc, Role::agent, {}).tone.empathy;
  CHECK(with > without);
  CHECK(with > 0.5);
}
