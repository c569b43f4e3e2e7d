// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Quoted text is the customer's, not the agent's: rules skip a match that
// starts inside double quotes, single quotes used as quotation marks, or
// reported speech the pack's quote_patterns describe, unless in_quotes.
#include <doctest/doctest.h>

#include "pack_helpers.hpp"
#include "rules/quotes.hpp"

namespace tact {
namespace {

using testing::Hit;
using testing::hits;
using testing::pack_of;

const std::string kPack =
    "quote_patterns = ['''you (?:said|wrote)[,:]? [^.!?]*''']\n"
    "[[rule]]\nid = \"trigger.uncertainty.dont-know\"\nmessage = \"m\"\n"
    "patterns = ['''i don'?t know''']\nexamples = [\"x\"]\ncounterexamples = [\"y\"]\n"
    "[[rule]]\nid = \"trigger.hostile.rubbish\"\nmessage = \"m\"\nin_quotes = true\n"
    "patterns = ['''rubbish''']\nexamples = [\"x\"]\ncounterexamples = [\"y\"]\n";

std::vector<std::string> quoted(const std::string& message,
                                const std::vector<rules::QuoteMark>& marks = {}) {
  const text::Document doc = text::Document::build(message);
  std::vector<text::Range> ranges;
  rules::find_quoted(doc, {}, marks, &ranges);
  std::vector<std::string> out;
  for (const text::Range& r : ranges) {
    const text::Range o = doc.to_original(r);
    out.push_back(message.substr(o.begin, o.size()));
  }
  return out;
}

TEST_CASE("a pack's own quotation marks") {
  const std::vector<rules::QuoteMark> guillemets = {{"»", "«"}, {"«", "»"}};
  CHECK(quoted("Sie schrieben »geht nicht« und «nie wieder».", guillemets) ==
        std::vector<std::string>{"»geht nicht«", "«nie wieder»"});
  CHECK(quoted("Sie schrieben »geht nicht« und «nie wieder».").empty());  // not declared
  CHECK(quoted("Ein »offenes Zitat ohne Ende.", guillemets).empty());
  // Read from a pack: a mark is punctuation of 1 to 8 bytes.
  const auto pack_with_marks = pack_of("quote_marks = [[\"»\", \"«\"]]\n" + kPack);
  CHECK(hits(*pack_with_marks, "Sie sagten »I don't know«.", Role::agent).empty());
  CHECK(hits(*pack_with_marks, "Sie sagten, I don't know.", Role::agent).size() == 1);
  Options o;
  o.default_pack = false;
  o.rule_texts = {{"q.toml", "quote_marks = [[\"x\", \"y\"]]\n"}};
  std::shared_ptr<const rules::Pack> pack;
  const Status s = rules::Pack::load(o, &pack);
  CHECK(s.message == "q.toml:1: quote_marks: a mark is punctuation, not \"x\"");
  o.rule_texts = {{"q.toml", "quote_marks = [\"»\"]\n"}};
  CHECK(rules::Pack::load(o, &pack).message ==
        "q.toml:1: quote_marks must be an array of [opening, closing] pairs of marks");
}

TEST_CASE("quoted ranges") {
  CHECK(quoted("You wrote \"I don't know\" and that's fair.") ==
        std::vector<std::string>{"\"I don't know\""});
  CHECK(quoted("It says “ready at 3pm” on the card.") ==
        std::vector<std::string>{"“ready at 3pm”"});
  CHECK(quoted("I was told 'it's with the depot' again.") ==
        std::vector<std::string>{"'it's with the depot'"});
  CHECK(quoted("The drivers' van and the customers' orders.").empty());
  CHECK(quoted("Don't worry, it isn't lost.").empty());
  // A single quote never runs past its sentence.
  CHECK(quoted("Click 'Manage. Then pick a date.").empty());
  // An unpaired double quote quotes nothing.
  CHECK(quoted("The 12\" pizza is late.").empty());
}

TEST_CASE("a match inside quotes is skipped; in_quotes opts a rule out") {
  const auto pack = pack_of(kPack);
  CHECK(hits(*pack, "I don't know.") ==
        std::vector<Hit>{{"trigger.uncertainty.dont-know", "I don't know"}});
  CHECK(hits(*pack, "You put \"I don't know\" on the form, so I've called the depot.").empty());
  CHECK(hits(*pack, "The note says ‘I don’t know’ and nothing else.").empty());
  CHECK(hits(*pack, "You said rubbish \"rubbish\"") ==
        std::vector<Hit>{{"trigger.hostile.rubbish", "rubbish"},
                         {"trigger.hostile.rubbish", "rubbish"}});
}

TEST_CASE("reported speech counts as quoted, to the end of its sentence") {
  const auto pack = pack_of(kPack);
  CHECK(hits(*pack, "You said you don't know, I don't know the code either.").empty());
  CHECK(hits(*pack, "You said the code failed. I don't know why.") ==
        std::vector<Hit>{{"trigger.uncertainty.dont-know", "I don't know"}});
}

TEST_CASE("the default pack skips quotes and reported speech but not agreement") {
  const auto pack = testing::default_pack();
  CHECK(testing::rules_flagging(*pack, "You wrote that you don't know the order number.").empty());
  CHECK(
      testing::rules_flagging(*pack, "The card says \"calm down\", which is odd wording.").empty());
  CHECK(testing::rules_flagging(*pack, "As you said, we can't deliver there.") ==
        std::vector<std::string>{"trigger.refusal.we-cant"});
}

}  // namespace
}  // namespace tact
