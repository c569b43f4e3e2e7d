// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Informal spellings: the view reads them written out, every span over one
// maps back to the writer's bytes, and only words that stand alone count.
#include <doctest/doctest.h>

#include <string>

#include "text/document.hpp"
#include "text/spellings.hpp"

using tact::text::Document;
using tact::text::Range;
using tact::text::SentenceProfile;
using tact::text::Spellings;

namespace {

Spellings chat() {
  Spellings s;
  s.add("u", "you");
  s.add("dont", "don't");
  s.add("idk", "I don't know");
  s.add("i", "I");
  return s;
}

std::string check(std::string word, std::string written) {
  tact::text::Spelling s;
  s.word = std::move(word);
  s.written = std::move(written);
  return Spellings::check(s);
}

std::string view_of(const std::string& text, const Spellings& spellings) {
  return Document::build(text, SentenceProfile::none(), spellings).view();
}

}  // namespace

TEST_CASE("the view reads informal words written out, in lower case") {
  const Spellings s = chat();
  CHECK(view_of("R u sure? U DONT need to", s) == "r you sure? you don't need to");
  CHECK(view_of("idk, i guess", s) == "i don't know, i guess");
  CHECK(view_of("nothing listed here", s) == "nothing listed here");
  CHECK(view_of("u", s) == "you");
  CHECK(view_of("...u there?", s) == "...you there?");
}

TEST_CASE("a word joined to its neighbours is not respelled") {
  const Spellings s = chat();
  for (const char* text : {"U-turn", "the U.S. office", "u2", "#u", "r&u", "a/u", "u'd",
                           "caf\xC3\xA9u", "user_u", "e.u"}) {
    CAPTURE(text);
    CHECK(view_of(text, s) == Document::build(text).view());
  }
  // A '.' that ends the sentence leaves the word alone.
  CHECK(view_of("thank u. bye", s) == "thank you. bye");
}

TEST_CASE("spans over a written-out word map back to the writer's word") {
  const Spellings s = chat();
  const std::string text = "Sorry u\ndont qualify";
  const Document doc = Document::build(text, SentenceProfile::none(), s);
  REQUIRE(doc.view() == "sorry you don't qualify");
  CHECK(doc.to_original(6, 9) == Range{6, 7});     // "you" -> "u"
  CHECK(doc.to_original(7, 8) == Range{6, 7});     // inside it -> all of it
  CHECK(doc.to_original(10, 15) == Range{8, 12});  // "don't" -> "dont"
  CHECK(doc.to_original(10, 23) == Range{8, 20});
  // The line break stays where the view has its space.
  CHECK(doc.line_break_at(9));
  CHECK_FALSE(doc.line_break_at(7));
  CHECK(doc.tokens().size() == 4);
  CHECK(doc.tokens()[1].original == Range{6, 7});
}

TEST_CASE("both build paths respell alike") {
  const Spellings s = chat();
  for (const char* text :
       {"idk \xE2\x80\x94 u dont", "caf\xC3\xA9 u dont \xF0\x9F\x98\xA1 idk", "u\xC2\xA0u", "U"}) {
    CAPTURE(text);
    CHECK(Document::build(text, SentenceProfile::none(), s) ==
          Document::build_unicode(text, SentenceProfile::none(), s));
  }
}

TEST_CASE("entries are checked, replaced and removed") {
  CHECK(check("u", "you").empty());
  CHECK(check("u", "").empty());  // removes
  CHECK(check("", "you") == "a word has 1 to 16 bytes");
  CHECK(check(std::string(17, 'a'), "x") == "a word has 1 to 16 bytes");
  CHECK(check("U", "you") == "a word is lower-case ASCII letters");
  CHECK(check("u2", "you too") == "a word is lower-case ASCII letters");
  CHECK(check("u", " you") ==
        "a written form is ASCII words (letters and apostrophes) with single spaces between");
  CHECK(check("u", "y\xC3\xB6u") ==
        "a written form is ASCII words (letters and apostrophes) with single spaces between");
  CHECK(check("u", std::string(49, 'a')) == "a written form has at most 48 bytes");
  Spellings s = chat();
  s.add("u", "ya");
  CHECK(s.find("u")->written == "ya");
  s.add("u", "");
  CHECK(s.find("u") == nullptr);
  CHECK(view_of("u dont", s) == "u don't");
}

TEST_CASE("a word with two readings takes the other one before the words it names") {
  Spellings s;
  tact::text::Spelling ur;
  ur.word = "ur";
  ur.written = "your";
  ur.written_before = "you're";
  ur.before = {"welcome", "not", "gonna"};
  ur.suffixes = {"ing"};
  REQUIRE(Spellings::check(ur).empty());
  s.add(ur);
  s.add("gonna", "going to");
  CHECK(view_of("ur order is late", s) == "your order is late");
  CHECK(view_of("ur overreacting", s) == "you're overreacting");
  CHECK(view_of("UR welcome", s) == "you're welcome");
  CHECK(view_of("ur gonna love it", s) == "you're going to love it");
  CHECK(view_of("thanks ur", s) == "thanks your");
  ur.written_before.clear();
  CHECK(Spellings::check(ur) ==
        "'before' (words or \"-suffixes\") and 'written_before' go together, with 'written'");
  ur.written_before = "you're";
  ur.before = {"Not"};
  CHECK(Spellings::check(ur) == "a 'before' word is lower-case ASCII letters: \"Not\"");
}
