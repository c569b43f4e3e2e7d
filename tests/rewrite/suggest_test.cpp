// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The rewriter on hand-built findings: case, apostrophes, captures,
// deletions, seams, overlaps, adjacency and offsets in multi-byte text.
#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <random>

#include "rewrite/findings.hpp"
#include "rewrite/suggester.hpp"

namespace tact {
namespace {

using testing::Findings;

struct Expected {
  uint32_t begin, end;
  const char* replacement;
};

void check_edits(const rewrite::Output& out, std::vector<Expected> expected) {
  REQUIRE(out.edits.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(out.edits[i].original.begin == expected[i].begin);
    CHECK(out.edits[i].original.end == expected[i].end);
    CHECK(out.edits[i].replacement == expected[i].replacement);
  }
}

TEST_CASE("a capitalised sentence start gets a capitalised replacement") {
  Findings m("I don't know when the van arrives.");
  m.add("I don't know", {"let me find out"});
  const rewrite::Output out = m.run();
  CHECK(out.text == "Let me find out when the van arrives.");
  check_edits(out, {{0, 12, "Let me find out"}});
  REQUIRE(out.suggestions.size() == 1);
  CHECK(out.suggestions[0] == std::vector<std::string>{"Let me find out"});
}

TEST_CASE("mid-sentence the replacement starts in lower case, except for I") {
  Findings m("Thanks for waiting, I don't know when the van arrives. Sorry, calm down.");
  m.add("I don't know", {"Let me find out"});
  m.add("calm down", {"I can hear how frustrating this is"});
  const rewrite::Output out = m.run();
  CHECK(out.text ==
        "Thanks for waiting, let me find out when the van arrives. Sorry, I can hear how "
        "frustrating this is.");
}

TEST_CASE("mid-sentence lower case keeps acronyms and inner capitals") {
  Findings m("Sure, no idea about that. Well, no idea either.");
  m.add("no idea", {"OK, let me check"});
  m.add("no idea", {"iPhone support can check"}, Severity::warning, 1);
  CHECK(m.run().text ==
        "Sure, OK, let me check about that. Well, iPhone support can check either.");
}

TEST_CASE("a suggestion opening a sentence takes a capital unless the style keeps the writer's") {
  Findings m("no idea why the points didnt credit tbh. no idea either");
  m.add("no idea", {"Let me find out"});
  m.add("no idea", {"let me check"}, Severity::warning, 1);
  CHECK(m.run().text == "Let me find out why the points didnt credit tbh. Let me check either");
  rules::RewriteStyle writers = testing::default_style();
  writers.capitalise_sentence_start = false;
  CHECK(m.run(writers).text ==
        "let me find out why the points didnt credit tbh. let me check either");

  // A capture that opens the sentence takes the capital too, unless its
  // word is a name with a capital inside.
  Findings c("I guess the engineer will come. I guess iPhone users will wait.");
  rules::Finding& a = c.add("I guess the engineer will", {"{subject} should"});
  c.capture(a, "subject", "the engineer");
  rules::Finding& b = c.add("I guess iPhone users will", {"{subject} should"});
  c.capture(b, "subject", "iPhone users");
  CHECK(c.run().text == "The engineer should come. iPhone users should wait.");
}

TEST_CASE("an ALL CAPS phrase gets an ALL CAPS replacement") {
  Findings m("I DON'T KNOW WHEN IT SHIPS. Calm down.");
  m.add("I don't know", {"Let me find out"});
  m.add("calm down", {"I can hear how frustrating this is"});
  CHECK(m.run().text == "LET ME FIND OUT WHEN IT SHIPS. I can hear how frustrating this is.");
}

TEST_CASE("a capitalised sentence start after a line break, an emoji or a quote") {
  Findings m("Hi Gemma,\n\nI don't know yet. 🙏 I don't know either. (I don't know.)");
  m.add("I don't know", {"let me check"}, Severity::warning, 0);
  m.add("I don't know", {"let me check"}, Severity::warning, 1);
  m.add("I don't know", {"let me check"}, Severity::warning, 2);
  CHECK(m.run().text == "Hi Gemma,\n\nLet me check yet. 🙏 Let me check either. (Let me check.)");
}

TEST_CASE("the writer's apostrophe style carries into the replacement") {
  SUBCASE("curly in the phrase") {
    Findings m("It’s our policy.");
    m.add("it's our policy", {"Here's what I can do within our policy"});
    CHECK(m.run().text == "Here’s what I can do within our policy.");
  }
  SUBCASE("straight in the phrase") {
    Findings m("It's our policy.");
    m.add("it's our policy", {"Here’s what I can do within our policy"});
    CHECK(m.run().text == "Here's what I can do within our policy.");
  }
  SUBCASE("none in the phrase: the message decides") {
    Findings m("Calm down, it’s on its way and you’ll have it today.");
    m.add("calm down", {"I'm sorry it's taking this long"});
    CHECK(m.run().text ==
          "I’m sorry it’s taking this long, it’s on its way and you’ll have it today.");
  }
  SUBCASE("none in the message: the template's") {
    Findings m("Calm down please");
    m.add("calm down", {"I'm on it"});
    CHECK(m.run().text == "I'm on it please");
  }
}

TEST_CASE("captures insert the writer's original bytes") {
  Findings m("I don't know when order FR-22817 for Mrs Ó Briain will arrive.");
  rules::Finding& f = m.add("I don't know when order FR-22817 for Mrs Ó Briain will arrive",
                            {"Let me find out when {thing} will arrive", "{missing}I'll check"});
  m.capture(f, "thing", "order FR-22817 for Mrs Ó Briain");
  const rewrite::Output out = m.run();
  CHECK(out.text == "Let me find out when order FR-22817 for Mrs Ó Briain will arrive.");
  // A capture that did not take part in the match renders empty.
  CHECK(out.suggestions[0] ==
        std::vector<std::string>{"Let me find out when order FR-22817 for Mrs Ó Briain will arrive",
                                 "I'll check"});
}

TEST_CASE("captures are not restyled, but for the capital that opens a sentence") {
  SUBCASE("ALL CAPS around a capture in lower case") {
    Findings m("NO IDEA WHERE the iPad IS");
    rules::Finding& f = m.add("no idea where the ipad is", {"Let me find {what} for you"});
    m.capture(f, "what", "the iPad");
    CHECK(m.run().text == "LET ME FIND the iPad FOR YOU");
  }
  SUBCASE("a capture no template inserts still counts for the case") {
    Findings m("YOU DID NOT SIGN FOR IT.");
    rules::Finding& f = m.add("you did not", {"our records show you didn't"});
    m.capture(f, "span", "you did not");
    CHECK(m.run().text == "OUR RECORDS SHOW YOU DIDN'T SIGN FOR IT.");
  }
  SUBCASE("a capture opening a mid-sentence replacement keeps its capital") {
    Findings m("Sorry, Owen doesn't know.");
    rules::Finding& f = m.add("Owen doesn't know", {"{who} will find out"});
    m.capture(f, "who", "Owen");
    CHECK(m.run().text == "Sorry, Owen will find out.");
  }
  SUBCASE("apostrophes inside a capture stay as typed") {
    Findings m("I don't know when O'Neill’s parcel arrives.");
    rules::Finding& f =
        m.add("I don't know when O'Neill's parcel arrives", {"Let me find out when {p} arrives"});
    m.capture(f, "p", "O'Neill's parcel");
    CHECK(m.run().text == "Let me find out when O'Neill’s parcel arrives.");
  }
}

TEST_CASE("a deletion at a sentence start takes its comma and re-capitalises") {
  Findings m("Obviously, the game won't launch during maintenance.");
  m.add("obviously", {""});
  const rewrite::Output out = m.run();
  CHECK(out.text == "The game won't launch during maintenance.");
  check_edits(out, {{0, 14, "The"}});
  CHECK(out.suggestions[0] == std::vector<std::string>{""});
}

TEST_CASE("a deletion that includes its comma") {
  Findings m("Obviously, the game won't launch.");
  m.add("obviously,", {""});
  CHECK(m.run().text == "The game won't launch.");
}

TEST_CASE("deletions mid-sentence leave one space and no stray punctuation") {
  SUBCASE("between words") {
    Findings m("It's obviously broken.");
    m.add("obviously", {""});
    const rewrite::Output out = m.run();
    CHECK(out.text == "It's broken.");
    check_edits(out, {{5, 15, ""}});
  }
  SUBCASE("parenthetical commas") {
    Findings m("The game, obviously, won't launch.");
    m.add("obviously", {""});
    CHECK(m.run().text == "The game won't launch.");
  }
  SUBCASE("commas between clauses: one stays") {
    Findings m("Listen, buddy, the fee stands. I checked the logs, as anyone knows, it was down.");
    m.add("buddy", {""});
    m.add("as anyone knows", {""});
    CHECK(m.run().text == "Listen, the fee stands. I checked the logs, it was down.");
  }
  SUBCASE("the phrase's own comma goes, the other stays") {
    Findings m("Fine, trust me, it'll be there. Sure, trust me, it'll be there.");
    m.add(", trust me", {""});
    m.add("trust me,", {""}, Severity::warning, 1);
    CHECK(m.run().text == "Fine, it'll be there. Sure, it'll be there.");
  }
  SUBCASE("parenthetical commas, the first in the phrase") {
    Findings m("The engineer, unfortunately, is running late.");
    m.add(", unfortunately", {""});
    CHECK(m.run().text == "The engineer is running late.");
  }
  SUBCASE("parenthetical commas, one of them in the phrase") {
    Findings m("The engineer, unfortunately, is running late.");
    m.add("unfortunately,", {""});
    CHECK(m.run().text == "The engineer is running late.");
  }
  SUBCASE("a question of its own") {
    Findings m("This is a mix-up, are you kidding?! Sorry.");
    m.add("are you kidding?!", {""});
    const rewrite::Output out = m.run();
    CHECK(out.text == "This is a mix-up. Sorry.");
    check_edits(out, {{16, 35, "."}});
  }
  SUBCASE("after a comma") {
    Findings m("Hi Sam, obviously we can't.");
    m.add("obviously", {""});
    CHECK(m.run().text == "Hi Sam, we can't.");
  }
  SUBCASE("before a comma") {
    Findings m("I checked and obviously, it works.");
    m.add("obviously", {""});
    CHECK(m.run().text == "I checked and it works.");
  }
  SUBCASE("before the full stop") {
    Findings m("That's fine, obviously.");
    m.add("obviously", {""});
    CHECK(m.run().text == "That's fine.");
  }
  SUBCASE("at the end of the text") {
    Findings m("That's fine, obviously");
    m.add("obviously", {""});
    CHECK(m.run().text == "That's fine");
  }
  SUBCASE("a name with an inner capital keeps its case") {
    Findings m("Obviously, iPhone apps need the update.");
    m.add("obviously", {""});
    CHECK(m.run().text == "iPhone apps need the update.");
  }
  SUBCASE("a lower-case sentence start takes a capital, unless the style keeps the writer's") {
    Findings m("obviously the game won't launch");
    m.add("obviously", {""});
    CHECK(m.run().text == "The game won't launch");
    rules::RewriteStyle writers = testing::default_style();
    writers.capitalise_sentence_start = false;
    CHECK(m.run(writers).text == "the game won't launch");
  }
}

TEST_CASE("deleting a whole sentence removes its terminator and spacing") {
  SUBCASE("before another sentence") {
    Findings m("Seriously? You've called four times today.");
    m.add("seriously", {""});
    CHECK(m.run().text == "You've called four times today.");
  }
  SUBCASE("with the terminator in the phrase") {
    Findings m("Seriously? You've called four times today.");
    m.add("seriously?", {""});
    CHECK(m.run().text == "You've called four times today.");
  }
  SUBCASE("at the end") {
    Findings m("It's in the email. Seriously?!");
    m.add("seriously", {""});
    CHECK(m.run().text == "It's in the email.");
  }
  SUBCASE("on a line of its own") {
    Findings m("Hi Sam,\n\nSeriously?\n\nIt's in the email.");
    m.add("seriously", {""});
    CHECK(m.run().text == "Hi Sam,\n\nIt's in the email.");
  }
  SUBCASE("before a line break") {
    Findings m("Thanks. Seriously?\nIt's in the email.");
    m.add("seriously", {""});
    CHECK(m.run().text == "Thanks.\nIt's in the email.");
  }
  SUBCASE("mid-sentence a question mark in the phrase goes with it") {
    Findings m("Well now, seriously? It's in the email.");
    m.add("seriously?", {""});
    CHECK(m.run().text == "Well now. It's in the email.");
  }
  SUBCASE("mid-sentence the writer's terminator stays") {
    Findings m("Well now, seriously? It's in the email. Fine by me, obviously.");
    m.add("seriously", {""});
    m.add("obviously.", {""});
    CHECK(m.run().text == "Well now? It's in the email. Fine by me.");
  }
}

TEST_CASE("a deletion that would leave one word of its sentence takes the sentence") {
  SUBCASE("a lone adverb after the phrase") {
    Findings m("The food is fine. You're overthinking it honestly.");
    m.add("You're overthinking it", {""});
    CHECK(m.run().text == "The food is fine.");
  }
  SUBCASE("a lone word before the phrase") {
    Findings m("Wow, seriously? It's in the email.");
    m.add("seriously?", {""});
    CHECK(m.run().text == "It's in the email.");
  }
  SUBCASE("two words left stay") {
    Findings m("Fine by me, obviously. It's in the email.");
    m.add("obviously", {""});
    CHECK(m.run().text == "Fine by me. It's in the email.");
  }
  SUBCASE("a figure left stays") {
    Findings m("Calm down, 48 hours. It's in the email.");
    m.add("Calm down", {""});
    CHECK(m.run().text.find("48 hours") != std::string::npos);
  }
  SUBCASE("another edit in the sentence keeps it") {
    Findings m("Honestly, whatever. It's in the email.");
    m.add("Honestly", {""});
    m.add("whatever", {"fine"});
    CHECK(m.run().text.find("ine") != std::string::npos);
  }
}

TEST_CASE("a replacement keeps the spaces and punctuation at the phrase's edges") {
  SUBCASE("a comma in the phrase") {
    Findings m("Not my job, sorry.");
    m.add("not my job,", {"Let me help with that"});
    const rewrite::Output out = m.run();
    CHECK(out.text == "Let me help with that, sorry.");
    check_edits(out, {{0, 10, "Let me help with that"}});
  }
  SUBCASE("a full stop in the phrase") {
    Findings m("We don't deal with that here. Bye");
    m.add("we don't deal with that here.", {"let me look into it"});
    CHECK(m.run().text == "Let me look into it. Bye");
  }
  SUBCASE("a space in the phrase") {
    Findings m("You'll 100% get it on Monday");
    m.add("you'll 100% get ", {"you should get"});
    CHECK(m.run().text == "You should get it on Monday");
  }
  SUBCASE("punctuation the replacement brings replaces the phrase's") {
    Findings m("Not my job! Sorry.");
    m.add("not my job!", {"Let me help with that."});
    CHECK(m.run().text == "Let me help with that. Sorry.");
  }
}

TEST_CASE("replacements do not double the writer's punctuation") {
  SUBCASE("a full stop") {
    Findings m("Please hold.");
    m.add("please hold", {"Let me check that for you."});
    const rewrite::Output out = m.run();
    CHECK(out.text == "Let me check that for you.");
    CHECK(out.suggestions[0] == std::vector<std::string>{"Let me check that for you"});
  }
  SUBCASE("a question replacing a statement keeps its question mark") {
    Findings m("Please hold. I'll check.");
    m.add("please hold", {"Could you bear with me for two minutes?"});
    const rewrite::Output out = m.run();
    CHECK(out.text == "Could you bear with me for two minutes? I'll check.");
    check_edits(out, {{0, 12, "Could you bear with me for two minutes?"}});
  }
  SUBCASE("a comma after the phrase") {
    Findings m("Please hold, I'll check.");
    m.add("please hold", {"Bear with me for a moment."});
    CHECK(m.run().text == "Bear with me for a moment, I'll check.");
  }
  SUBCASE("an ellipsis is the writer's") {
    Findings m("Please hold... I'll check.");
    m.add("please hold", {"Bear with me?"});
    CHECK(m.run().text == "Bear with me... I'll check.");
  }
  SUBCASE("spaces around the template are not the writer's") {
    Findings m("Sorry, calm down please.");
    m.add("calm down", {"  I hear you  "});
    CHECK(m.run().text == "Sorry, I hear you please.");
  }
}

TEST_CASE("a word the replacement repeats across a seam is said once") {
  SUBCASE("after a deletion") {
    Findings m("That's a damn silly question, the number is on the label.");
    m.add("damn", {""});
    m.add("silly question", {"a fair question"});
    CHECK(m.run().text == "That's a fair question, the number is on the label.");
  }
  SUBCASE("before the next word") {
    Findings m("Please hold the line for me.");
    m.add("please hold", {"Bear with me, I'll keep hold of the"});
    CHECK(m.run().text == "Bear with me, I'll keep hold of the line for me.");
  }
  SUBCASE("a replacement of one word is kept") {
    Findings m("It is is broken.");
    m.add("is", {"is"}, Severity::warning, 1);
    CHECK(m.run().text == "It is is broken.");
  }
}

TEST_CASE("silent when the text already uses the suggested wording next to the phrase") {
  SUBCASE("after the phrase") {
    Findings m("I don't know, let me find out for you.");
    m.add("I don't know", {"Let me find out for you.", "I'll check"});
    const rewrite::Output out = m.run();
    CHECK(out.suggestions[0].empty());
    CHECK(out.edits.empty());
    CHECK(out.text == "I don't know, let me find out for you.");
  }
  SUBCASE("its opening words are enough") {
    Findings m("I don't know, but let me find out.");
    m.add("I don't know", {"Let me find out for you and get back to you"});
    CHECK(m.run().edits.empty());
  }
  SUBCASE("a few shared words are not") {
    Findings m("I can see why. Calm down.");
    m.add("calm down", {"I can see how frustrating this is"});
    CHECK(m.run().text == "I can see why. I can see how frustrating this is.");
  }
  SUBCASE("before the phrase, in the other apostrophe style") {
    Findings m("I’ll check with the depot. Please hold.");
    m.add("please hold", {"I'll check with the depot"});
    CHECK(m.run().edits.empty());
  }
  SUBCASE("far away it is not next to it") {
    Findings m(
        "I don't know. The depot opens at nine and the van leaves at ten, so let me find out.");
    m.add("I don't know", {"Let me find out"});
    CHECK(
        m.run().text ==
        "Let me find out. The depot opens at nine and the van leaves at ten, so let me find out.");
  }
  SUBCASE("not when the wording is inside another phrase being replaced") {
    Findings m("Well, you should have. The patch will 100% fix it.");
    m.add("you should have", {"that would have helped"});
    m.add("will 100%", {"should"});
    CHECK(m.run().text == "Well, that would have helped. The patch should fix it.");
  }
  SUBCASE("inside a longer word it is not the same wording") {
    Findings m("I don't know, checkout is down.");
    m.add("I don't know", {"Let me check"});
    CHECK(m.run().text == "Let me check, checkout is down.");
  }
}

TEST_CASE("overlapping findings: the more severe wins, then the longer") {
  SUBCASE("severity") {
    Findings m("No, we can't refund that.");
    m.add("no, we can't refund that", {"Here's what I can do instead"}, Severity::warning);
    m.add("no", {"Let me see"}, Severity::error);
    const rewrite::Output out = m.run();
    CHECK(out.text == "Let me see, we can't refund that.");
    // Both findings keep their own suggestions.
    CHECK(out.suggestions[0] == std::vector<std::string>{"Here's what I can do instead"});
    CHECK(out.suggestions[1] == std::vector<std::string>{"Let me see"});
  }
  SUBCASE("length") {
    Findings m("No, we can't refund that.");
    m.add("no", {"Let me see"});
    m.add("no, we can't refund that", {"Here's what I can do instead"});
    CHECK(m.run().text == "Here's what I can do instead.");
  }
  SUBCASE("a loser does not block a third finding") {
    Findings m("Calm down, it's our policy and I don't know more.");
    m.add("calm down, it's our policy", {"I hear you"}, Severity::info);
    m.add("it's our policy", {"here's what our policy allows"}, Severity::error);
    m.add("calm down", {"I can hear this is frustrating"}, Severity::warning);
    m.add("I don't know", {"I'll find out"});
    CHECK(m.run().text ==
          "I can hear this is frustrating, here's what our policy allows and I'll find out more.");
  }
}

TEST_CASE("adjacent findings are both applied cleanly") {
  SUBCASE("a deletion before a replacement re-capitalises it") {
    Findings m("Obviously, calm down.");
    m.add("obviously", {""});
    m.add("calm down", {"take your time"});
    const rewrite::Output out = m.run();
    CHECK(out.text == "Take your time.");
    check_edits(out, {{0, 11, ""}, {11, 20, "Take your time"}});
  }
  SUBCASE("two deletions at a sentence start") {
    Findings m("Seriously, obviously the tracking number is on the label.");
    m.add("seriously", {""});
    m.add("obviously", {""});
    CHECK(m.run().text == "The tracking number is on the label.");
  }
  SUBCASE("two deletions in a row mid-sentence") {
    Findings m("It's fine, yeah, well, we're not a charity.");
    m.add("yeah, well", {""});
    m.add("we're not a charity", {""});
    const rewrite::Output out = m.run();
    CHECK(out.text == "It's fine.");
    check_edits(out, {{9, 23, ""}, {23, 42, ""}});
  }
  SUBCASE("two replacements touching") {
    Findings m("Calm down I don't know.");
    m.add("calm down", {"I hear you,"});
    m.add("I don't know", {"let me find out"});
    CHECK(m.run().text == "I hear you, let me find out.");
  }
  SUBCASE("two replacements sharing a comma") {
    Findings m("As I said, calm down, it's our policy.");
    m.add("as I said", {"To recap"});
    m.add("calm down", {"I understand"});
    m.add("it's our policy", {"here's what I can do"});
    CHECK(m.run().text == "To recap, I understand, here's what I can do.");
  }
}

TEST_CASE("findings next to emoji and multi-byte text have exact byte and UTF-16 offsets") {
  // "Désolé 😀 " is 14 bytes and 10 UTF-16 units.
  Findings m("Désolé 😀 I don’t know🚚 when ça arrive. Calm down 😡!");
  m.add("I don't know", {"let me find out"});
  m.add("calm down", {"I hear you"});
  const rewrite::Output out = m.run();
  CHECK(out.text == "Désolé 😀 Let me find out🚚 when ça arrive. I hear you 😡!");
  REQUIRE(out.edits.size() == 2);
  const text::Document& doc = m.doc();
  CHECK(out.edits[0].original.begin == 14);
  CHECK(out.edits[0].original.end == 28);  // ’ is three bytes
  CHECK(doc.utf16_offset(out.edits[0].original.begin) == 10);
  CHECK(doc.utf16_offset(out.edits[0].original.end) == 22);
  CHECK(out.edits[1].original.begin == 50);
  CHECK(out.edits[1].original.end == 59);
  CHECK(doc.utf16_offset(out.edits[1].original.begin) == 41);
  CHECK(doc.utf16_offset(out.edits[1].original.end) == 50);
  CHECK(out.edits[1].replacement == "I hear you");
}

TEST_CASE("a deletion next to an emoji") {
  Findings m("Obviously 🙄 the servers are down.");
  m.add("obviously", {""});
  CHECK(m.run().text == "🙄 the servers are down.");
}

TEST_CASE("no findings, or findings without suggestions, leave the text byte for byte") {
  const std::string text = "Thanks  for\twaiting —\r\n I’ll sort it 😀 ";
  {
    Findings m(text);
    const rewrite::Output out = m.run();
    CHECK(out.text == text);
    CHECK(out.edits.empty());
  }
  {
    Findings m(text);
    m.add("for", {});
    const rewrite::Output out = m.run();
    CHECK(out.text == text);
    CHECK(out.edits.empty());
    REQUIRE(out.suggestions.size() == 1);
    CHECK(out.suggestions[0].empty());
  }
}

TEST_CASE("text outside the edits is byte-identical, even odd whitespace") {
  const std::string text = "Hi  there,\t\tI don't know  why.\r\n\r\nBest,\u00a0Owen";
  Findings m(text);
  m.add("I don't know", {"let me find out"});
  const rewrite::Output out = m.run();
  CHECK(out.text == "Hi  there,\t\tlet me find out  why.\r\n\r\nBest,\u00a0Owen");
  check_edits(out, {{12, 24, "let me find out"}});
}

TEST_CASE("a malformed template is skipped, the next one used") {
  Findings m("I don't know.");
  m.add("I don't know", {"Let me {check", "Let me find out"});
  CHECK(m.run().text == "Let me find out.");
}

}  // namespace
}  // namespace tact

namespace tact {
namespace {

// Random messages of words, spaces, line breaks, punctuation, emoji and
// multi-byte letters, with random findings and templates: whatever the
// input, the edits are ordered, apply to the rewrite, and nothing outside
// them changes.
TEST_CASE("random findings over random text keep the splice's invariants") {
  const std::vector<std::string> pieces = {
      "I", "don't", "know", "obviously", "Ça", "né", "😀", "🙄", " ", " ",  "  ",  "\n",  "\n\n",
      ",", ".",     "?",    "!",         ";",  "'",  "’", "\"",   "-", "NO", "Sam", "FR-2"};
  const std::vector<std::string> templates = {"",           "let me check", "I'll find out.",
                                              "Could you?", "{x} then",     "OK, {x}"};
  std::mt19937 rng(42);
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text;
    for (int k = static_cast<int>(rng() % 14); k > 0; --k) text += pieces[rng() % pieces.size()];
    CAPTURE(text);
    const text::Document doc = text::Document::build(text);
    const auto view_size = static_cast<uint32_t>(doc.view().size());
    if (view_size == 0) continue;
    std::deque<rules::Rule> rules;
    std::vector<rules::Finding> findings;
    for (int f = static_cast<int>(rng() % 4); f > 0; --f) {
      rules::Rule& rule = rules.emplace_back();
      rule.id = "trigger.test.random";
      rule.severity = static_cast<Severity>(rng() % 3);
      rule.suggestions = {templates[rng() % templates.size()], templates[rng() % templates.size()]};
      rules::Finding finding;
      finding.rule = &rule;
      const auto b = static_cast<uint32_t>(rng() % view_size);
      finding.view = {b, b + 1 + static_cast<uint32_t>(rng() % (view_size - b))};
      finding.captures.push_back({"x", {b, b + (finding.view.size() + 1) / 2}});
      findings.push_back(finding);
    }
    std::sort(findings.begin(), findings.end(),
              [](const rules::Finding& a, const rules::Finding& b) {
                return a.view.begin < b.view.begin;
              });
    rewrite::Output out;
    rewrite::suggest(doc, findings, testing::default_style(), &out);
    REQUIRE(out.suggestions.size() == findings.size());
    REQUIRE(testing::apply_right_to_left(text, out.edits) == out.text);
    uint32_t at = 0;
    for (const rewrite::Edit& e : out.edits) {
      REQUIRE(at <= e.original.begin);
      REQUIRE(e.original.begin <= e.original.end);
      REQUIRE(e.original.end <= text.size());
      at = e.original.end;
    }
  }
}

}  // namespace
}  // namespace tact
