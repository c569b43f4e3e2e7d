// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Packs build on each other: extends, disable, same-id override, quote
// patterns, and the shared compiled default.
#include <doctest/doctest.h>

#include <algorithm>

#include "pack_helpers.hpp"

namespace tact {
namespace {

using testing::rules_flagging;

const std::string kHouseRule =
    "[[rule]]\nid = \"trigger.policy_shield.terms\"\nmessage = \"m\"\n"
    "patterns = ['''per our terms''']\nexamples = [\"Per our terms, no.\"]\n"
    "counterexamples = [\"Our terms are online.\"]\n";

std::size_t count_of(const Options& options) {
  std::shared_ptr<const rules::Pack> pack;
  const Status s = rules::Pack::load(options, &pack);
  REQUIRE_MESSAGE(s.ok(), s.message);
  return pack->size();
}

TEST_CASE("a pack layered over the default adds its rules") {
  const std::size_t base = testing::default_pack()->size();
  Options options;
  options.rule_texts = {{"house.toml", kHouseRule}};
  CHECK(count_of(options) == base + 1);
  std::shared_ptr<const rules::Pack> pack;
  REQUIRE(rules::Pack::load(options, &pack).ok());
  CHECK(rules_flagging(*pack, "Per our terms, I don't know.") ==
        std::vector<std::string>{"trigger.policy_shield.terms", "trigger.uncertainty.dont-know"});
}

TEST_CASE("extends pulls in the default pack once") {
  const std::size_t base = testing::default_pack()->size();
  Options options;
  options.default_pack = false;
  options.rule_texts = {{"house.toml", "extends = \"en\"\n" + kHouseRule}};
  CHECK(count_of(options) == base + 1);
  options.default_pack = true;
  CHECK(count_of(options) == base + 1);
  options.default_pack = false;
  options.rule_texts = {{"house.toml", kHouseRule}};
  CHECK(count_of(options) == 1);
}

TEST_CASE("disable removes earlier rules") {
  Options options;
  options.rule_texts = {{"quiet.toml",
                         "disable = [\"trigger.uncertainty.dont-know\", "
                         "\"trigger.negative_framing.unfortunately\"]\n"}};
  std::shared_ptr<const rules::Pack> pack;
  REQUIRE(rules::Pack::load(options, &pack).ok());
  CHECK(pack->size() == testing::default_pack()->size() - 2);
  CHECK(rules_flagging(*pack, "Unfortunately I don't know.").empty());
  CHECK(rules_flagging(*testing::default_pack(), "Unfortunately I don't know.").size() == 2);
}

TEST_CASE("a rule with an earlier id replaces it in place") {
  const auto base = testing::default_pack();
  std::size_t position = 0;
  while (base->rule(position).id != "trigger.uncertainty.dont-know") ++position;
  Options options;
  options.rule_texts = {
      {"mine.toml",
       "[[rule]]\nid = \"trigger.uncertainty.dont-know\"\nseverity = \"error\"\n"
       "message = \"Mine.\"\npatterns = ['''i have no clue''']\n"
       "examples = [\"I have no clue.\"]\ncounterexamples = [\"I don't know.\"]\n"}};
  std::shared_ptr<const rules::Pack> pack;
  REQUIRE(rules::Pack::load(options, &pack).ok());
  CHECK(pack->size() == base->size());
  CHECK(pack->rule(position).id == "trigger.uncertainty.dont-know");
  CHECK(pack->rule(position).message == "Mine.");
  CHECK(pack->rule(position).source == "mine.toml");
  CHECK(pack->rule(position).severity == Severity::error);
  CHECK(rules_flagging(*pack, "I don't know.").empty());
}

TEST_CASE("a later pack's quote_patterns replace the earlier ones") {
  Options options;
  options.rule_texts = {{"q.toml", "quote_patterns = ['''the form says [^.]*''']\n"}};
  std::shared_ptr<const rules::Pack> pack;
  REQUIRE(rules::Pack::load(options, &pack).ok());
  CHECK(rules_flagging(*pack, "The form says I don't know.").empty());
  CHECK(rules_flagging(*pack, "You said I don't know.") ==
        std::vector<std::string>{"trigger.uncertainty.dont-know"});
}

TEST_CASE("a later pack's sentence abbreviations and terminators add to the earlier ones") {
  using List = std::vector<std::string>;
  const auto has = [](const rules::Pack& pack, const std::string& abbreviation) {
    const List& all = pack.sentence_profile().abbreviations();
    return std::find(all.begin(), all.end(), abbreviation) != all.end();
  };
  Options options;
  options.rule_texts = {{"a.toml", "[sentences]\nabbreviations = [\"Acct\", \"Mr\"]\n"},
                        {"b.toml", "[sentences]\nterminators = [\"\u0589\"]\n"}};
  std::shared_ptr<const rules::Pack> pack;
  REQUIRE(rules::Pack::load(options, &pack).ok());
  CHECK(has(*pack, "Acct"));
  CHECK(has(*pack, "Mr"));  // the default pack's, listed once
  CHECK(pack->sentence_profile().terminators() == std::vector<char32_t>{0x0589});
  CHECK(pack->sentence_profile().abbreviations().size() ==
        testing::default_pack()->sentence_profile().abbreviations().size() + 1);
  // A pack that adds abbreviations is not the shared default.
  CHECK(pack.get() != testing::default_pack().get());
  // The profile is the language's: it holds without the default rules too.
  options.default_pack = false;
  REQUIRE(rules::Pack::load(options, &pack).ok());
  CHECK(pack->size() == 0);
  CHECK(has(*pack, "Mr"));
}

TEST_CASE("a later pack's spellings replace, add to and remove the earlier ones") {
  Options options;
  options.rule_texts = {{"a.toml", "[spellings]\nu = \"ya\"\nyall = \"you all\"\n"},
                        {"b.toml", "[spellings]\nu = \"you\"\ndont = \"\"\n"}};
  std::shared_ptr<const rules::Pack> pack;
  REQUIRE(rules::Pack::load(options, &pack).ok());
  const text::Spellings& s = pack->spellings();
  REQUIRE(s.find("u") != nullptr);
  CHECK(s.find("u")->written == "you");
  CHECK(s.find("yall")->written == "you all");
  CHECK(s.find("dont") == nullptr);  // the default pack's, removed
  CHECK(s.size() == testing::default_pack()->spellings().size());
  // A pack that changes spellings is not the shared default.
  CHECK(pack.get() != testing::default_pack().get());
  // Its rules match what the view reads: "yall" as "you all".
  options.rule_texts.push_back({"c.toml",
                                "[[rule]]\nid = \"trigger.overpromise.all-of-you\"\n"
                                "message = \"m\"\npatterns = ['''you all are in luck''']\n"
                                "examples = [\"Yall are in luck\"]\n"
                                "counterexamples = [\"You are in luck\"]\n"});
  const Status loaded = rules::Pack::load(options, &pack);
  REQUIRE_MESSAGE(loaded.ok(), loaded.message);
  const std::vector<std::string> flagged = rules_flagging(*pack, "yall are in luck");
  CHECK(std::count(flagged.begin(), flagged.end(), "trigger.overpromise.all-of-you") == 1);
}

TEST_CASE("the default pack is compiled once and shared") {
  std::shared_ptr<const rules::Pack> a;
  std::shared_ptr<const rules::Pack> b;
  REQUIRE(rules::Pack::load(Options(), &a).ok());
  Options empty_extra;
  empty_extra.rule_texts = {{"empty.toml", "# nothing here\n"}};
  REQUIRE(rules::Pack::load(empty_extra, &b).ok());
  CHECK(a.get() == b.get());
  Options extra;
  extra.rule_texts = {{"house.toml", kHouseRule}};
  REQUIRE(rules::Pack::load(extra, &b).ok());
  CHECK(a.get() != b.get());
}

TEST_CASE("check_examples reports a rule whose examples fail") {
  Options options;
  options.default_pack = false;
  options.rule_texts = {{"bad.toml",
                         "[[rule]]\nid = \"trigger.refusal.no\"\nmessage = \"m\"\n"
                         "patterns = ['''no''']\nexamples = [\"No.\", \"Nope.\"]\n"
                         "counterexamples = [\"I know.\", \"No problem.\"]\n"}};
  const core::Analyzer analyzer(options);
  REQUIRE(analyzer.ok());
  const auto failures = analyzer.check_examples();
  REQUIRE(failures.size() == 2);
  CHECK(failures[0].rule == "trigger.refusal.no");
  CHECK(failures[0].source == "bad.toml");
  CHECK(failures[0].line == 1);
  CHECK(failures[0].text == "Nope.");
  CHECK(failures[0].should_flag);
  CHECK(failures[1].text == "No problem.");
  CHECK_FALSE(failures[1].should_flag);
}

}  // namespace
}  // namespace tact
