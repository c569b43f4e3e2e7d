// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The text layer on messy input, with exact expected views, ranges and
// offsets.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "text/document.hpp"
#include "text/word_hash.hpp"
#include "text_corpus.hpp"

using tact::text::Document;
using tact::text::Range;
using tact::text::Token;
using tact::text::TokenKind;
using tact::text::word_hash;

namespace {

std::string view_of(const std::string& s) {
  return Document::build(s).view();
}

std::vector<std::string> token_texts(const Document& d) {
  std::vector<std::string> out;
  for (const auto& t : d.tokens()) {
    out.emplace_back(d.original().substr(t.original.begin, t.original.size()));
  }
  return out;
}

}  // namespace

TEST_CASE("ASCII input is lower-cased with whitespace runs collapsed") {
  const std::string s = "  I DON'T\tknow,\n\n  Sir.  ";
  const Document d = Document::build(s);
  CHECK(d.ascii());
  CHECK(d.view() == " i don't know, sir. ");
  CHECK(d.to_original(0, 1) == Range{0, 2});      // the leading run
  CHECK(d.to_original(3, 8) == Range{4, 9});      // "don't"
  CHECK(d.to_original(14, 15) == Range{15, 19});  // "\n\n  " -> " "
  CHECK(d.line_break_at(14));
  CHECK_FALSE(d.line_break_at(2));
  CHECK(token_texts(d) == std::vector<std::string>{"I", "DON'T", "know", ",", "Sir", "."});
  CHECK(d.tokens()[1].all_caps);
  CHECK_FALSE(d.tokens()[0].all_caps);  // one letter is not shouting
  CHECK(d.tokens()[0].capitalized);
  CHECK_FALSE(d.tokens()[2].capitalized);
  REQUIRE(d.sentences().size() == 2);  // the line break ends a sentence
  CHECK(d.sentences()[0].original == Range{2, 15});
  CHECK(d.sentences()[1].original == Range{19, 23});
}

TEST_CASE("invalid UTF-8 becomes one U+FFFD per maximal bad sequence") {
  const std::string fffd = "\xEF\xBF\xBD";
  SUBCASE("truncated sequence") {
    const std::string s = "ab\xE2\x82";
    const Document d = Document::build(s);
    CHECK(d.view() == "ab" + fffd);
    CHECK(d.to_original(2, 5) == Range{2, 4});
    CHECK(d.utf16_offset(4) == 3);
  }
  SUBCASE("overlong encodings") {
    CHECK(view_of("\xC0\xAF") == fffd + fffd);
    CHECK(view_of("\xE0\x80\xAF") == fffd + fffd + fffd);
  }
  SUBCASE("surrogate code points") {
    const Document d = Document::build("x\xED\xA0\x80y");
    CHECK(d.view() == "x" + fffd + fffd + fffd + "y");
    CHECK(d.utf16_offset(4) == 4);
    CHECK(d.utf16_offset(5) == 5);
  }
  SUBCASE("0xFF bytes") {
    const Document d = Document::build("\xFF\xFFok");
    CHECK(d.view() == fffd + fffd + "ok");
    CHECK(d.to_original(6, 8) == Range{2, 4});
    CHECK(d.utf16_offset(2) == 2);
  }
}

TEST_CASE("word and emoji tokens carry the word hash of their view text") {
  // The tone lexicon and the learned layer look words up by Token::hash;
  // a stale or missing one would silently miss every entry.
  const Document doc =
      Document::build("Don't SHOUT at the café 😀, order #42 ships in 3 days!\nok_then ÉTÉ");
  int words = 0, emoji = 0;
  for (const Token& t : doc.tokens()) {
    const std::string_view text = std::string_view(doc.view()).substr(t.view.begin, t.view.size());
    if (t.kind == TokenKind::word || t.kind == TokenKind::emoji) {
      CHECK(t.hash == word_hash(text));
      words += t.kind == TokenKind::word;
      emoji += t.kind == TokenKind::emoji;
    } else {
      CHECK(t.hash == 0);
    }
  }
  CHECK(words == 11);  // don't shout at the café order ships in days ok_then été
  CHECK(emoji == 1);
  // Lengths 0 to 17 around the 4- and 8-byte loads: no two alike.
  std::vector<uint64_t> seen;
  const std::string long_text = "abcdefghijklmnopq";
  for (std::size_t n = 0; n <= long_text.size(); ++n)
    seen.push_back(word_hash(long_text.substr(0, n)));
  std::sort(seen.begin(), seen.end());
  CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
  CHECK(word_hash("ab") != word_hash("ba"));
  CHECK(word_hash("abcdefgh1") != word_hash("abcdefgh2"));
}

TEST_CASE("NUL bytes are ordinary characters") {
  const std::string s("a\0b calm", 8);
  const Document d = Document::build(s);
  CHECK(d.view() == std::string("a\0b calm", 8));
  CHECK(d.original().size() == 8);
  CHECK(token_texts(d).back() == "calm");
  CHECK(d.tokens().back().original == Range{4, 8});
}

TEST_CASE("emoji clusters stay whole") {
  SUBCASE("ZWJ sequence") {
    const std::string s = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB ok";  // 👩‍💻 ok
    const Document d = Document::build(s);
    CHECK(d.view() == "\xF0\x9F\x91\xA9\xF0\x9F\x92\xBB ok");  // ZWJ is default-ignorable
    REQUIRE(d.tokens().size() == 2);
    CHECK(d.tokens()[0].kind == TokenKind::emoji);
    CHECK(d.tokens()[0].original == Range{0, 11});
    CHECK(d.to_original(0, 4) == Range{0, 11});  // half the view still maps to the cluster
    CHECK(d.utf16_offset(11) == 5);
  }
  SUBCASE("flags") {
    const std::string s =
        "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA";  // 🇫🇷🇩🇪
    const Document d = Document::build(s);
    REQUIRE(d.tokens().size() == 2);
    CHECK(d.tokens()[0].original == Range{0, 8});
    CHECK(d.tokens()[1].original == Range{8, 16});
    CHECK(d.utf16_offset(8) == 4);
  }
  SUBCASE("skin tone and variation selector") {
    const std::string s =
        "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD \xE2\x9D\xA4\xEF\xB8\x8F";  // 👍🏽 ❤️
    const Document d = Document::build(s);
    REQUIRE(d.tokens().size() == 2);
    CHECK(d.tokens()[0].original == Range{0, 8});
    CHECK(d.tokens()[1].original == Range{9, 15});
    CHECK(d.tokens()[1].kind == TokenKind::emoji);
  }
}

TEST_CASE("combining marks are never split from their base") {
  SUBCASE("composable: e + acute becomes é") {
    const Document d = Document::build("e\xCC\x81tude");
    CHECK(d.view() == "\xC3\xA9tude");
    CHECK(d.to_original(0, 2) == Range{0, 3});
    CHECK(d.tokens()[0].original == Range{0, 7});
  }
  SUBCASE("not composable: q + tilde stays two code points, one unit") {
    const Document d = Document::build("q\xCC\x83 x");
    CHECK(d.view() == "q\xCC\x83 x");
    CHECK(d.to_original(0, 1) == Range{0, 3});  // 'q' alone maps to the whole cluster
    CHECK(d.utf16_offset(3) == 2);
  }
}

TEST_CASE("full-width forms fold to ASCII") {
  const Document d = Document::build(
      "\xEF\xBC\xA3\xEF\xBC\xA1\xEF\xBC\xAC\xEF\xBC\xAD "
      "\xEF\xBC\xA4\xEF\xBC\xAF\xEF\xBC\xB7\xEF\xBC\xAE\xEF\xBC\x81");
  CHECK(d.view() == "calm down!");
  CHECK(d.to_original(5, 9) == Range{13, 25});
  CHECK(d.tokens()[0].all_caps);
}

TEST_CASE("full case folding: Turkish dotted I and German sharp s") {
  const Document d = Document::build(
      "\xC4\xB0stanbul Stra\xC3\x9F"
      "e");
  CHECK(d.view() == "i\xCC\x87stanbul strasse");
  // "ss" in the view comes from the two bytes of ß.
  CHECK(d.to_original(15, 17) == Range{14, 16});
  CHECK(d.to_original(15, 16) == Range{14, 16});
  CHECK(token_texts(d) == std::vector<std::string>{"\xC4\xB0stanbul",
                                                   "Stra\xC3\x9F"
                                                   "e"});
  CHECK(d.tokens()[1].capitalized);
  CHECK_FALSE(d.tokens()[1].all_caps);
}

TEST_CASE("curly quotes, apostrophes, dashes and NBSP are unified") {
  const std::string s =
      "don\xE2\x80\x99t \xE2\x80\x9Cmaybe\xE2\x80\x9D \xE2\x80\x94 it\xCA\xBCs\xC2\xA0\xC2\xA0ok";
  const Document d = Document::build(s);
  CHECK(d.view() == "don't \"maybe\" - it's ok");
  CHECK(d.to_original(0, 5) == Range{0, 7});
  CHECK(d.utf16_offset(7) == 5);
  CHECK(token_texts(d)[0] == "don\xE2\x80\x99t");
}

TEST_CASE("CRLF is one line break") {
  const Document d = Document::build("Thanks\r\nCalm down");
  CHECK(d.view() == "thanks calm down");
  CHECK(d.to_original(6, 7) == Range{6, 8});
  CHECK(d.line_break_at(6));
  REQUIRE(d.sentences().size() == 2);
  CHECK(d.sentences()[1].original == Range{8, 17});
}

TEST_CASE("sentence boundaries") {
  const std::string s = "Mr. Smith called, approx. two hours ago. Sorry!! Can we help? yes.";
  const Document d = Document::build(s);
  std::vector<std::string> got;
  for (const auto& x : d.sentences())
    got.emplace_back(s.substr(x.original.begin, x.original.size()));
  // Like ICU's default rules, "Mr. Smith" splits (no abbreviation list).
  CHECK(got == std::vector<std::string>{"Mr.", "Smith called, approx. two hours ago.", "Sorry!!",
                                        "Can we help?", "yes."});
  CHECK(d.sentence_at(5) == 1);
}

TEST_CASE("empty input") {
  const Document d = Document::build("");
  CHECK(d.view().empty());
  CHECK(d.tokens().empty());
  CHECK(d.sentences().empty());
  CHECK(d.to_original(0, 0) == Range{0, 0});
  CHECK(d.utf16_offset(0) == 0);
}

TEST_CASE("offsets round-trip: UTF-8 and UTF-16 slices give the same text") {
  for (const std::string& s : tact::testing::text_corpus()) {
    CAPTURE(s);
    const Document d = Document::build(s);
    const std::u16string u16 = tact::testing::to_utf16(s);
    auto check = [&](Range r) {
      const std::string by_utf8 = s.substr(r.begin, r.size());
      const std::size_t a = d.utf16_offset(r.begin);
      const std::size_t b = d.utf16_offset(r.end);
      REQUIRE(b <= u16.size());
      CHECK(tact::testing::to_utf16(by_utf8) == u16.substr(a, b - a));
    };
    for (const auto& t : d.tokens()) check(t.original);
    for (const auto& x : d.sentences()) check(x.original);
    CHECK(d.utf16_offset(s.size()) == u16.size());
  }
}

TEST_CASE("the ASCII fast path builds exactly the Document of the general path") {
  int ascii = 0;
  for (const std::string& s : tact::testing::text_corpus()) {
    const Document fast = Document::build(s);
    if (!fast.ascii()) continue;
    ++ascii;
    CAPTURE(s);
    CHECK(fast == Document::build_unicode(s));
  }
  CHECK(ascii > 100);
}

// In a text that is not pure ASCII, runs of ASCII take a shortcut past ICU;
// it must still keep CR LF one unit and a combining mark with its base.
TEST_CASE("ASCII runs inside Unicode text: CR LF and combining marks") {
  const Document d = Document::build("Caf\xC3\xA9 ok\r\nThe e\xCC\x81tude q\xCC\x83 END");
  CHECK(d.view() == "caf\xC3\xA9 ok the \xC3\xA9tude q\xCC\x83 end");
  CHECK(d.line_break_at(8));
  CHECK(d.to_original(8, 9) == Range{8, 10});  // the space is CR LF
  REQUIRE(d.sentences().size() == 2);
  CHECK(d.sentences()[1].original == Range{10, 29});
  const auto e = static_cast<uint32_t>(std::string("caf\xC3\xA9 ok the ").size());
  CHECK(d.to_original(e, e + 2) == Range{14, 17});  // é from e + U+0301
  CHECK(d.utf16_offset(10) == 9);                   // é is one UTF-16 unit
}
