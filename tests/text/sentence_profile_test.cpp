// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Sentences as a pack's [sentences] profile says: after a listed
// abbreviation a lone '.' does not end the sentence; a listed terminator
// ends one. Without a profile the segmenter is plain UAX #29.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "rules/pack.hpp"
#include "text/document.hpp"
#include "text/sentence_profile.hpp"

namespace tact {
namespace {

std::shared_ptr<const rules::Pack> load(Options options) {
  std::shared_ptr<const rules::Pack> pack;
  const Status s = rules::Pack::load(options, &pack);
  REQUIRE_MESSAGE(s.ok(), s.message);
  return pack;
}

const text::SentenceProfile& english() {
  static const std::shared_ptr<const rules::Pack> pack = load(Options());
  return pack->sentence_profile();
}

const text::SentenceProfile& german() {
  static const std::shared_ptr<const rules::Pack> pack = [] {
    Options o;
    o.language = "de";
    o.default_pack = false;
    o.rule_files = {std::string(TACT_SOURCE_DIR) + "/tests/packs/de/pack.toml"};
    return load(o);
  }();
  return pack->sentence_profile();
}

// The sentences of `text` as text; both build paths must agree.
std::vector<std::string> sentences(const std::string& text, const text::SentenceProfile& profile) {
  const text::Document doc = text::Document::build(text, profile);
  CHECK(doc == text::Document::build_unicode(text, profile));
  std::vector<std::string> out;
  for (const text::Sentence& s : doc.sentences()) {
    out.push_back(text.substr(s.original.begin, s.original.size()));
  }
  return out;
}

using List = std::vector<std::string>;

TEST_CASE("a title's full stop does not end the sentence with the English pack") {
  CHECK(sentences("Mr. Patel will call you.", english()) == List{"Mr. Patel will call you."});
  CHECK(sentences("Mr. Patel will call you.", text::SentenceProfile::none()) ==
        List{"Mr.", "Patel will call you."});
  // A pack whose profile lists no English abbreviation splits it too.
  CHECK(sentences("Mr. Patel will call you.", german()).size() == 2);
  CHECK(sentences("Ask Dr. Okafor or Ms. Lund. They know.", english()) ==
        List{"Ask Dr. Okafor or Ms. Lund.", "They know."});
  CHECK(sentences("Cards, e.g. Visa or Amex, work. I checked.", english()) ==
        List{"Cards, e.g. Visa or Amex, work.", "I checked."});
  CHECK(sentences("Apple vs. Samsung (i.e. Android) is your call.", english()).size() == 1);
}

TEST_CASE("words left out of the English list still end sentences") {
  CHECK(sentences("No. I can't do that.", english()) == List{"No.", "I can't do that."});
  CHECK(sentences("Send forms, IDs, etc. Then we start.", english()).size() == 2);
  CHECK(sentences("We open at 9 a.m. Tomorrow works.", english()).size() == 2);
}

TEST_CASE("an abbreviation matches a whole word, case as listed") {
  CHECK(sentences("Ask for Dr. Jones.", english()).size() == 1);
  CHECK(sentences("Ask for dr. Jones.", english()).size() == 2);
  CHECK(sentences("Ask for DR. Jones.", english()).size() == 2);
  CHECK(sentences("Check the HDr. Then go.", english()).size() == 2);
  CHECK(sentences("Check the 5Dr. Then go.", english()).size() == 2);
  CHECK(sentences("Check x.Dr. Then go.", english()).size() == 2);
  // Curly or straight apostrophes, brackets and quotes around it.
  CHECK(sentences("(Mr.) Patel called.", english()).size() == 1);
  CHECK(sentences("\"Mr.\" Patel called.", english()).size() == 1);
}

TEST_CASE("after an abbreviation, a run of terminators or a line break still ends the sentence") {
  CHECK(sentences("Ask Mr.. Patel knows.", english()).size() == 2);
  CHECK(sentences("Ask Mr.! Patel knows.", english()).size() == 2);
  CHECK(sentences("Regards, Dr.\nOkafor", english()).size() == 2);
  CHECK(sentences("Who is Mr.", english()) == List{"Who is Mr."});
}

TEST_CASE("the German test pack's abbreviations, with inner dots") {
  CHECK(sentences("Bitte senden Sie z.B. Kontoauszug und Rechnung.", german()) ==
        List{"Bitte senden Sie z.B. Kontoauszug und Rechnung."});
  CHECK(sentences("Bitte senden Sie z.B. Kontoauszug und Rechnung.", text::SentenceProfile::none())
            .size() == 2);
  CHECK(sentences("Das ist Nr. Fünf. D.h. Ihre Bestellung ist da.", german()) ==
        List{"Das ist Nr. Fünf.", "D.h. Ihre Bestellung ist da."});
}

TEST_CASE("a listed terminator ends a sentence like '!'") {
  text::SentenceProfile armenian;
  CHECK(text::SentenceProfile::check_terminator("\u0589").empty());
  armenian.add_terminator(0x0589);
  const std::string text = "Բարև ձեզ։ Ինչպես կարող եմ օգնել";
  CHECK(sentences(text, armenian) == List{"Բարև ձեզ։", "Ինչպես կարող եմ օգնել"});
  CHECK(sentences(text, text::SentenceProfile::none()).size() == 1);
  // Not ambiguous: a lower-case letter after it does not continue.
  CHECK(sentences("one։ two", armenian).size() == 2);
}

TEST_CASE("what an entry may be") {
  using P = text::SentenceProfile;
  CHECK(P::check_abbreviation("Mr").empty());
  CHECK(P::check_abbreviation("e.g").empty());
  CHECK(P::check_abbreviation("z.B").empty());
  CHECK(P::check_abbreviation("O'Neill").empty());
  CHECK(P::check_abbreviation("Nr2").empty());
  CHECK(P::check_abbreviation("Straße").empty());
  CHECK_FALSE(P::check_abbreviation("").empty());
  CHECK_FALSE(P::check_abbreviation("Mr.").empty());
  CHECK_FALSE(P::check_abbreviation("e. g").empty());
  CHECK_FALSE(P::check_abbreviation("e..g").empty());
  CHECK_FALSE(P::check_abbreviation(".g").empty());
  CHECK_FALSE(P::check_abbreviation("2nd").empty());
  CHECK_FALSE(P::check_abbreviation("a-b").empty());
  CHECK_FALSE(P::check_abbreviation(std::string(33, 'a')).empty());
  CHECK(P::check_abbreviation(std::string(32, 'a')).empty());
  CHECK_FALSE(P::check_abbreviation("M\xFFr").empty());
  CHECK_FALSE(P::check_terminator("").empty());
  CHECK_FALSE(P::check_terminator("\u0589\u0589").empty());
  CHECK_FALSE(P::check_terminator(";").empty());
  CHECK_FALSE(P::check_terminator("a").empty());
  CHECK_FALSE(P::check_terminator("\u3002").empty());  // ends sentences already
  CHECK_FALSE(P::check_terminator("\u00BB").empty());  // a quote
  CHECK_FALSE(P::check_terminator("\u037E").empty());  // NFKC makes it ';'
  CHECK_FALSE(P::check_terminator("\u0531").empty());  // a letter
  CHECK(P::check_terminator("\u0964").empty());        // the danda
}

TEST_CASE("a profile adds entries once, and a lookup is bounded") {
  text::SentenceProfile p;
  p.add_abbreviation("Mr");
  p.add_abbreviation("Mr");
  p.add_abbreviation("e.g");
  CHECK(p.abbreviations() == List{"Mr", "e.g"});
  CHECK(p.abbreviation_before("Mr", 2));
  CHECK(p.abbreviation_before("see e.g", 7));
  CHECK_FALSE(p.abbreviation_before("see .g", 6));
  CHECK_FALSE(p.abbreviation_before("Mr", 0));
  CHECK_FALSE(p.abbreviation_before("Mr", 3));
  // A word far longer than any entry ends in one: it is not that entry.
  const std::string long_word = std::string(5000, 'x') + "Mr";
  CHECK_FALSE(p.abbreviation_before(long_word, long_word.size()));
  const std::string dotted = std::string(100, 'e') + ".Mr";
  CHECK_FALSE(p.abbreviation_before(dotted, dotted.size()));
  // Invalid UTF-8 and lone continuation bytes before it are not letters.
  CHECK(p.abbreviation_before("\xFF\x80Mr", 4));
  CHECK(p.abbreviation_before("\x80\x80\x80\x80Mr", 6));
}

TEST_CASE("hostile text under a profile stays linear") {
  std::string many;
  for (int i = 0; i < 50000; ++i) many += "Mr. Dr. e.g. X. ";
  const text::Document doc = text::Document::build(many, english());
  CHECK(doc.sentences().size() == 50000);  // each "X." ends one
  std::string words;
  for (int i = 0; i < 20000; ++i) words += std::string(40, 'a') + ". B ";
  CHECK(text::Document::build(words, english()).sentences().size() == 20001);
}

}  // namespace
}  // namespace tact
