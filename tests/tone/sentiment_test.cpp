// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Each sentiment heuristic on sentences written for the test. Exact values
// follow from the lexicon entry ("good" is 1.9 in VADER's ratings) and the
// constants in rules/en/tone.toml.
#include <doctest/doctest.h>

#include <cmath>

#include "tone_fixture.hpp"

using tact::tone::testing::sentiment;
using tact::tone::testing::squashed;

namespace {
constexpr double kGood = 1.9;       // lexicon.tsv
constexpr double kBooster = 0.293;  // tone.toml [sentiment] booster
constexpr double kCaps = 0.733;
constexpr double kNegation = -0.74;
constexpr double kBang = 0.292;
}  // namespace

TEST_CASE("a lexicon word is squashed into [-1, 1]") {
  CHECK(sentiment("The food was good") == doctest::Approx(squashed(kGood)));
  CHECK(sentiment("") == 0.0);
  CHECK(sentiment("The parcel is in the van") == 0.0);
  // Many words push towards, never past, the bounds.
  std::string praise;
  for (int i = 0; i < 200; ++i) praise += "great wonderful amazing ";
  const double s = sentiment(praise);
  CHECK(s > 0.99);
  CHECK(s <= 1.0);
}

TEST_CASE("negation flips and dampens, within its clause") {
  CHECK(sentiment("The food was not good") == doctest::Approx(squashed(kGood * kNegation)));
  CHECK(sentiment("It was never helpful") < 0);
  CHECK(sentiment("The router is no longer broken") > 0);
  // Three words of reach: "not" still negates "good" past two words.
  CHECK(sentiment("It is not that very good") < 0);
  // The scope ends at punctuation …
  CHECK(sentiment("Not yet. The food was good") == doctest::Approx(squashed(kGood)));
  CHECK(sentiment("I don't know, good question") > 0);
  // … and at "but".
  CHECK(sentiment("I don't mind but good") > 0);
  // Two negators cancel out.
  CHECK(sentiment("It isn't not good") > 0);
}

TEST_CASE("intensifiers and downtoners scale the next word") {
  const double plain = sentiment("good");
  const double very = sentiment("very good");
  const double slightly = sentiment("slightly good");
  CHECK(very == doctest::Approx(squashed(kGood + kBooster)));
  CHECK(slightly == doctest::Approx(squashed(kGood - kBooster)));
  CHECK(very > plain);
  CHECK(slightly < plain);
  // On a negative word an intensifier makes it more negative.
  CHECK(sentiment("extremely bad") < sentiment("bad"));
  // An intensifier alone carries no sentiment.
  CHECK(sentiment("very") == 0.0);
}

TEST_CASE("ALL CAPS among lower-case words adds emphasis") {
  CHECK(sentiment("the food was GOOD") == doctest::Approx(squashed(kGood + kCaps)));
  CHECK(sentiment("the food was BAD") < sentiment("the food was bad"));
  // When everything is capitals nothing stands out.
  CHECK(sentiment("THE FOOD WAS GOOD") == doctest::Approx(squashed(kGood)));
}

TEST_CASE("exclamation marks raise intensity, up to four") {
  CHECK(sentiment("good!") == doctest::Approx(squashed(kGood + kBang)));
  CHECK(sentiment("good!!") == doctest::Approx(squashed(kGood + 2 * kBang)));
  CHECK(sentiment("good!!!!!!!") == doctest::Approx(squashed(kGood + 4 * kBang)));
  CHECK(sentiment("bad!!") < sentiment("bad"));
  // They do not make a neutral sentence emotional.
  CHECK(sentiment("The van is here!!!") == 0.0);
}

TEST_CASE("contrast weighs the clause after but/however more") {
  CHECK(sentiment("The food was good but the service was terrible") < 0);
  CHECK(sentiment("The service was terrible but the food was good") > 0);
  CHECK(sentiment("The service was terrible. However, the food was good") > 0);
  const double after = sentiment("It was fine but good");
  CHECK(after == doctest::Approx(squashed(0.8 * 0.5 + kGood * 1.5)));
}

TEST_CASE("idioms read as a whole") {
  CHECK(sentiment("No problem") > 0);
  CHECK(sentiment("not bad at all") > 0);
  CHECK(sentiment("can't complain") > 0);
  CHECK(sentiment("no worries") > 0);
  CHECK(sentiment("I have been on hold for an hour") < 0);
  CHECK(sentiment("I am fed up") < 0);
  // "like" that asks for something is not a liking.
  CHECK(sentiment("I would like to change my address") == 0.0);
  CHECK(sentiment("I like it") > 0);
}

TEST_CASE("emoji and emoticons carry sentiment") {
  CHECK(sentiment("Parcel arrived :)") > 0);
  CHECK(sentiment("Parcel arrived :(") < 0);
  CHECK(sentiment("Parcel arrived 😊") > 0);
  CHECK(sentiment("Parcel arrived 😡") < 0);
  CHECK(sentiment("Parcel arrived 👍🏽") > 0);  // a skin tone falls back to the base emoji
  CHECK(sentiment("love it <3") > sentiment("love it"));
  // A face is not negated by the words before it.
  CHECK(sentiment("that door isn't mine 😕") < 0);
  // Punctuation inside a sentence is not an emoticon.
  CHECK(sentiment("see note (b) :") == 0.0);
}

TEST_CASE("customer-service words are re-weighted") {
  CHECK(sentiment("There is an outage in my area") < 0);
  CHECK(sentiment("Honestly this app is useless") < sentiment("Honestly this app is bad"));
  CHECK(sentiment("This is ridiculous") < -0.4);
  CHECK(sentiment("You are a lifesaver") > 0.5);
  CHECK(sentiment("Please escalate this") < 0);
  // A refund request is a complaint, not praise.
  CHECK(sentiment("I want a refund") <= 0);
}

TEST_CASE("an empathy statement is not negative") {
  CHECK(sentiment("This has been frustrating") < 0);
  CHECK(sentiment("I completely understand how frustrating this has been.") > 0);
  CHECK(sentiment("I'm so sorry for the trouble.") >= 0);
  CHECK(sentiment("Sorry to hear the parcel was damaged") >= 0);
  // Only its own clause: a complaint after it still counts.
  CHECK(sentiment("I understand, but this is a terrible service") < 0);
}

TEST_CASE("sarcastic praise of a failure reads as frustration") {
  CHECK(sentiment("Oh perfect, another parcel marked delivered that never came 👏") < 0);
  CHECK(sentiment("Great, the app crashed again.") < 0);
  CHECK(sentiment("Oh brilliant, you lost my parcel AGAIN. Truly world class service.") < -0.5);
  // Praise without a failure stays praise.
  CHECK(sentiment("Perfect, thanks for sorting it!") > 0.5);
  CHECK(sentiment("Great service again, thank you") > 0.5);
}

TEST_CASE("thanks closing a request is courtesy, not praise") {
  CHECK(sentiment("Can I move my delivery to Friday? Thanks!") == 0.0);
  CHECK(sentiment("Thanks!") > 0);
  CHECK(sentiment("Thanks for fixing the router so quickly") > 0);
}
