// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "tone/lexicon.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "text/document.hpp"
#include "tone/items.hpp"
#include "tone/scorer.hpp"

using tact::Code;
using tact::Status;
using tact::tone::Item;
using tact::tone::ItemKind;
using tact::tone::Lexicon;

namespace {

std::vector<Item> scan(const Lexicon& lexicon, const tact::text::Document& doc) {
  std::vector<Item> items;
  tact::tone::scan(doc, lexicon, true, &items);
  return items;
}

}  // namespace

TEST_CASE("keys are normalized like the text they are matched against") {
  Lexicon lexicon;
  Status status;
  REQUIRE(lexicon.add_valences("# comment\n\nCan’t Stand\t-2\nGREAT\t3.1\r\n", "t.tsv", &status));
  lexicon.finish();
  REQUIRE(lexicon.find("great") != nullptr);
  CHECK(lexicon.find("great")->valence == doctest::Approx(3.1));
  REQUIRE(lexicon.find("can't stand") != nullptr);  // curly apostrophe made ASCII, case folded
  CHECK(lexicon.find("can't")->phrase_tokens == 2);

  const std::string text = "I CAN'T STAND this, it’s GREAT";
  const tact::text::Document doc = tact::text::Document::build(text);
  const std::vector<Item> items = scan(lexicon, doc);
  REQUIRE(items.size() >= 6);
  CHECK(items[1].kind == ItemKind::phrase);
  CHECK(items[1].view == tact::text::Range{2, 13});
  CHECK(items[1].all_caps);
  CHECK(items[1].entry->valence == doctest::Approx(-2));
  CHECK(items.back().entry == lexicon.find("great"));
}

TEST_CASE("a later line replaces an earlier valence") {
  Lexicon lexicon;
  Status status;
  REQUIRE(lexicon.add_valences("cancel\t-1\n", "a.tsv", &status));
  REQUIRE(lexicon.add_valences("cancel\t0\n", "b.tsv", &status));
  CHECK(lexicon.find("cancel")->valence == 0.0f);
  CHECK(lexicon.find("cancel")->has_valence);
}

TEST_CASE("malformed lines are errors that name the file and line") {
  Lexicon lexicon;
  Status status;
  CHECK_FALSE(lexicon.add_valences("good\t1.9\nbad -2.5\n", "x.tsv", &status));
  CHECK(status.code == Code::rules);
  CHECK(status.message == "x.tsv:2: expected entry<TAB>number");
  status = {};
  CHECK_FALSE(lexicon.add_valences("good\tvery\n", "x.tsv", &status));
  CHECK(status.message == "x.tsv:1: not a number: very");
  status = {};
  CHECK_FALSE(lexicon.add_valences("good\t7\n", "x.tsv", &status));
  CHECK(status.message == "x.tsv:1: valence outside -4 .. 4");
  status = {};
  CHECK_FALSE(lexicon.add_anger("idiot\t1.5\n", "y.tsv", &status));
  CHECK(status.message == "y.tsv:1: anger weight outside -1 .. 1");
}

TEST_CASE("emoticons match on the view at a chunk start or after a word") {
  Lexicon lexicon;
  Status status;
  REQUIRE(lexicon.add_valences(":)\t2\n:-(\t-2\n<3\t1.9\n", "e.tsv", &status));
  const std::string text = "thanks :) and now:-( <3. (see 3:)";
  const tact::text::Document doc = tact::text::Document::build(text);
  std::vector<tact::text::Range> found;
  for (const Item& it : scan(lexicon, doc)) {
    if (it.kind == ItemKind::emoticon) found.push_back(it.view);
  }
  // Eyes may follow a word or a number directly ("now:-(", "3:)").
  REQUIRE(found.size() == 4);
  CHECK(found[0] == tact::text::Range{7, 9});
  CHECK(found[1] == tact::text::Range{17, 20});
  CHECK(found[2] == tact::text::Range{21, 23});
  CHECK(found[3] == tact::text::Range{31, 33});
}

TEST_CASE("a phrase without a valence of its own reads as its words") {
  Lexicon lexicon;
  Status status;
  REQUIRE(lexicon.add_valences("dead\t-3.3\nunderstand\t1.2\n", "v.tsv", &status));
  REQUIRE(lexicon.add_anger("brain dead\t0.9\n", "a.tsv", &status));
  lexicon.add_class("i understand", tact::tone::kEmpathyFrame);
  lexicon.set_booster("kind of", -1);
  REQUIRE(lexicon.add_valences("kind\t2.4\n", "v.tsv", &status));
  lexicon.finish();
  CHECK(lexicon.find("brain dead")->valence == doctest::Approx(-3.3));
  CHECK(lexicon.find("brain dead")->anger == doctest::Approx(0.9));
  CHECK(lexicon.find("i understand")->valence == doctest::Approx(1.2));
  CHECK_FALSE(lexicon.find("kind of")->has_valence);  // a downtoner, not kindness
}

TEST_CASE("plural words fall back to the singular entry") {
  Lexicon lexicon;
  Status status;
  REQUIRE(lexicon.add_valences("idiot\t-2.3\nclass\t0.5\n", "v.tsv", &status));
  const std::string text = "idiots classes";
  const tact::text::Document doc = tact::text::Document::build(text);
  const std::vector<Item> items = scan(lexicon, doc);
  REQUIRE(items.size() == 2);
  CHECK(items[0].entry == lexicon.find("idiot"));
  CHECK(items[1].entry == nullptr);  // "-ses" is not a plural of "class" here
}

TEST_CASE("a malformed tone model names the file and line") {
  auto load = [](const char* toml) {
    Status status;
    tact::rules::DataSource tone;
    tone.name = "en/bad.toml";  // beside the embedded lexicons
    tone.text = toml;
    tone.embedded = true;
    const auto scorer = tact::tone::Scorer::load(tone, std::size_t{1} << 24, &status);
    CHECK(scorer.get() == nullptr);
    CHECK(status.code == Code::rules);
    return status.message;
  };
  CHECK(load("[sentiment]\nalpha = \"x\"\n") == "en/bad.toml:2: alpha: expected a number");
  CHECK(load("[classes]\nnegatr = [\"not\"]\n") ==
        "en/bad.toml:2: classes.negatr: unknown word class");
  CHECK(load("[lexicon]\nvalences = [\"nope.tsv\"]\n") ==
        "en/bad.toml: no embedded file en/nope.tsv");
  CHECK(load("[escalation]\nthresholds = [0.1, 0.2]\n") ==
        "en/bad.toml:2: thresholds: expected an array of 4 numbers");
  CHECK(load("[politeness.strategies]\nthanks = 1.0\n") ==
        "en/bad.toml:2: politeness.strategies.thanks: unknown strategy");
  CHECK(load("[sentiment\n").rfind("en/bad.toml:1: ", 0) == 0);
  // A tone model read from disk looks for its lexicons beside it.
  Status status;
  tact::rules::DataSource disk{"/nonexistent/tone.toml", "[lexicon]\nvalences = [\"v.tsv\"]\n",
                               false};
  CHECK(tact::tone::Scorer::load(disk, 1024, &status).get() == nullptr);
  CHECK(status.code == Code::io);
  CHECK(status.message.rfind("/nonexistent/v.tsv: cannot read", 0) == 0);
}

TEST_CASE("the embedded model loads") {
  Status status;
  CHECK(static_cast<bool>(tact::tone::Scorer::load_default(&status)));
  CHECK(status.ok());
}

// Lexicon::entry takes a key of lower-case ASCII letters as its own view
// and one word without building a Document: so it is, for every such key
// of the English lexicons.
TEST_CASE("a key of lower-case ASCII letters is its own view and one word") {
  int keys = 0;
  for (const char* file : {"lexicon.tsv", "lexicon_anger.tsv", "lexicon_cs.tsv"}) {
    std::ifstream in(std::string(TACT_SOURCE_DIR) + "/rules/en/" + file);
    REQUIRE(in.good());
    std::string line;
    while (std::getline(in, line)) {
      const std::string key = line.substr(0, line.find('\t'));
      if (key.empty() ||
          !std::all_of(key.begin(), key.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        continue;
      const tact::text::Document doc = tact::text::Document::build(key);
      CHECK(doc.view() == key);
      REQUIRE(doc.tokens().size() == 1);
      CHECK(doc.tokens()[0].kind == tact::text::TokenKind::word);
      CHECK(doc.tokens()[0].view.begin == 0);
      CHECK(doc.tokens()[0].view.end == key.size());
      ++keys;
    }
  }
  CHECK(keys > 1000);
}
