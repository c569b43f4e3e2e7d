// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A second language through the header-only C++ API (libtact.so): the
// German test pack brings its own categories (one the English pack lacks),
// tone model and lexicons, and quotation; English words mean nothing to it.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tact/tact.hpp"

namespace {

const std::string kPack = std::string(TACT_SOURCE_DIR) + "/tests/packs/de/pack.toml";

tact::Options german() {
  tact::Options o;
  o.language = "de";
  o.default_pack = false;
  o.rule_files = {kPack};
  return o;
}

bool has_trigger(const tact::Report& r, const std::string& category) {
  return std::any_of(r.triggers.begin(), r.triggers.end(),
                     [&](const tact::Trigger& t) { return t.category == category; });
}

}  // namespace

TEST_CASE("a German pack finds German triggers, with its own categories and messages") {
  const tact::Analyzer analyzer(german());
  REQUIRE_MESSAGE(analyzer.ok(), analyzer.status().message);
  const tact::Report r = analyzer.analyze(
      "Das ist leider nicht möglich, keine Ahnung warum. Beruhigen Sie sich.", tact::Role::agent);
  REQUIRE(r.triggers.size() == 3);
  CHECK(r.triggers[0].category == "refusal");
  CHECK(r.triggers[0].text == "Das ist leider nicht möglich");
  CHECK(r.triggers[0].message.rfind("Eine glatte Absage", 0) == 0);
  CHECK(r.triggers[1].category == "uncertainty");
  CHECK(r.triggers[2].category == "dismissive");
  CHECK(r.rewrite.find("Ich verstehe, dass Sie verärgert sind") != std::string::npos);

  // A category the English pack does not define.
  const tact::Report du = analyzer.analyze("Hast du die Rechnung noch?", tact::Role::agent);
  REQUIRE(du.triggers.size() == 1);
  CHECK(du.triggers[0].category == "informal_address");
  CHECK_FALSE(has_trigger(analyzer.analyze("Haben Sie die Rechnung noch?"), "informal_address"));
}

TEST_CASE("the rewrite follows the pack's typography") {
  const tact::Analyzer analyzer(german());
  REQUIRE(analyzer.ok());
  // Written as it stands mid-sentence: "ich" lower case, "Sie" capitalised.
  CHECK(analyzer.analyze("Gut, aber das weiß ich nicht.").rewrite ==
        "Gut, aber ich finde es für Sie heraus.");
  // Opening a sentence, the first letter is capitalised.
  CHECK(analyzer.analyze("Das weiß ich nicht.").rewrite == "Ich finde es für Sie heraus.");
}

TEST_CASE("German quotation marks and reported speech are the customer's words") {
  const tact::Analyzer analyzer(german());
  REQUIRE(analyzer.ok());
  CHECK(has_trigger(analyzer.analyze("Das geht nicht."), "refusal"));
  CHECK_FALSE(has_trigger(analyzer.analyze("Ihre Nachricht „Das geht nicht“ habe ich gelesen."),
                          "refusal"));
  CHECK_FALSE(has_trigger(analyzer.analyze("Sie sagten, das geht nicht."), "refusal"));
  // Guillemets are the German pack's own quotation marks, not English's.
  CHECK_FALSE(has_trigger(analyzer.analyze("Ihre Antwort »Das geht nicht« kam an."), "refusal"));
  CHECK(has_trigger(tact::Analyzer().analyze("Your note »I don't know« came in."), "uncertainty"));
}

TEST_CASE("tone comes from the pack's lexicon; the English lexicon is not consulted") {
  const tact::Analyzer analyzer(german());
  REQUIRE(analyzer.ok());
  const tact::Report angry = analyzer.analyze(
      "Das ist eine Frechheit und absolut unverschämt! Ich kündige, das geht an meinen Anwalt.",
      tact::Role::customer);
  CHECK(angry.tone.sentiment < -0.5);
  CHECK(angry.escalation.level >= 3);
  REQUIRE(angry.escalation.signals.size() == 2);
  CHECK(angry.escalation.signals[0].type == "churn_threat");
  CHECK(angry.escalation.signals[1].type == "legal_threat");

  const std::string english = "This is terrible, awful and horrible. I hate it, worst ever.";
  const tact::Report de = analyzer.analyze(english, tact::Role::customer);
  CHECK(de.tone.sentiment == 0.0);
  CHECK(de.tone.anger < 0.1);
  CHECK(de.escalation.level == 0);
  // The same text through the English pack is strongly negative.
  const tact::Report en = tact::Analyzer().analyze(english, tact::Role::customer);
  CHECK(en.tone.sentiment < -0.5);
  CHECK(en.escalation.level >= 1);
}

TEST_CASE("languages and packs must agree, and an unknown language is a clear error") {
  tact::Options o;
  o.language = "fr";
  const tact::Analyzer fr(o);
  CHECK_FALSE(fr.ok());
  CHECK(fr.status().code == tact::Code::invalid_argument);
  CHECK(fr.status().message.find("language 'fr' has no embedded pack (embedded: en)") !=
        std::string::npos);

  o.language = "de";  // no embedded German pack
  CHECK(tact::Analyzer(o).status().code == tact::Code::invalid_argument);

  o = german();
  o.language = "en";  // the German pack under the English language
  const tact::Analyzer mixed(o);
  CHECK(mixed.status().code == tact::Code::rules);
  CHECK(mixed.status().message.find("language: the pack is for 'de' but the analyzer's "
                                    "language is 'en'") != std::string::npos);

  o = german();
  o.rule_files.clear();  // a language nobody gave a tone model
  const tact::Analyzer bare(o);
  CHECK(bare.status().code == tact::Code::rules);
  CHECK(bare.status().message.find("no tone model for language 'de'") != std::string::npos);

  o.language = "not a tag";
  CHECK(tact::Analyzer(o).status().code == tact::Code::invalid_argument);
  o.language = "de";
  for (int i = 0; i < 100; ++i) o.language += "-x";  // the shape of a tag, but no real one
  CHECK(tact::Analyzer(o).status().code == tact::Code::invalid_argument);
  o.language = "de-CH";  // a well-formed tag with no pack: the tone model is missing
  CHECK(tact::Analyzer(o).status().code == tact::Code::rules);
}

TEST_CASE("an analyzer lists its packs' categories with their names, in their language") {
  const tact::Analyzer de(german());
  REQUIRE(de.ok());
  const std::vector<tact::Category> categories = de.categories();
  const auto informal =
      std::find_if(categories.begin(), categories.end(),
                   [](const tact::Category& c) { return c.id == "informal_address"; });
  REQUIRE(informal != categories.end());
  CHECK(informal->family == tact::Family::trigger);
  CHECK(informal->name == "Duzen");
  CHECK(informal->message.rfind("Duzt", 0) == 0);
  // Every category a finding reports is listed, by family.
  const tact::Report r = de.analyze("Keine Ahnung. Hast du die Rechnung noch?");
  for (const tact::Trigger& t : r.triggers) {
    CHECK(std::any_of(categories.begin(), categories.end(), [&](const tact::Category& c) {
      return c.family == tact::Family::trigger && c.id == t.category;
    }));
  }
  // The English pack's categories are English and lack the German one.
  const tact::Analyzer en;
  const std::vector<tact::Category> english = en.categories();
  CHECK(english.size() > categories.size());
  CHECK(std::none_of(english.begin(), english.end(),
                     [](const tact::Category& c) { return c.id == "informal_address"; }));
  // A house pack may add a category; it comes last.
  tact::Options house;
  house.rule_texts = {{"house.toml",
                       "[categories.trigger.jargon]\nname = \"Jargon\"\nmessage = \"Plain words "
                       "instead.\"\n"}};
  const tact::Analyzer layered(house);
  REQUIRE_MESSAGE(layered.ok(), layered.status().message);
  const std::vector<tact::Category> grown = layered.categories();
  REQUIRE(grown.size() == english.size() + 1);
  CHECK(grown.back().id == "jargon");
  CHECK(grown.back().name == "Jargon");
  // A failed analyzer lists none.
  tact::Options bad = german();
  bad.rule_files = {"/nonexistent/pack.toml"};
  CHECK(tact::Analyzer(bad).categories().empty());
}
