// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The rewrite as the Report carries it, from a tiny pack loaded as text:
// per-trigger suggestions, edits with UTF-8 and UTF-16 spans, the rewrite.
#include <doctest/doctest.h>

#include "core/core.hpp"

namespace tact {
namespace {

constexpr const char* kPack = R"toml(
name = "rewrite-test"

[messages]
uncertainty = "Commit to finding out."
condescending = "Drop it and explain plainly."

[[rule]]
id = "trigger.uncertainty.dont-know-when"
patterns = ["i (?:don't|dont) know when (?P<thing>[^.,!?]+?) will arrive"]
suggestions = ["let me find out when {thing} will arrive", "I'll check on {thing}"]
examples = ["I don't know when it will arrive."]
counterexamples = ["I know when it will arrive."]

[[rule]]
id = "trigger.condescending.obviously"
severity = "error"
patterns = ["\\bobviously\\b"]
suggestions = [""]
examples = ["Obviously it is broken."]
counterexamples = ["It is broken."]
)toml";

core::Analyzer tiny() {
  Options options;
  options.default_pack = false;
  options.rule_texts.push_back({"rewrite-test.toml", kPack});
  core::Analyzer analyzer(options);
  REQUIRE_MESSAGE(analyzer.ok(), analyzer.status().message);
  return analyzer;
}

TEST_CASE("the Report carries suggestions, edits with UTF-16 spans and the rewrite") {
  const core::Analyzer analyzer = tiny();
  // "Merci 🙏 " is 11 bytes and 9 UTF-16 units; ’ is 3 bytes and 1 unit.
  const std::string text = "Merci 🙏 Obviously, I don’t know when order FR-22817 will arrive 🚚.";
  const Report r = analyzer.analyze(text);
  REQUIRE(r.triggers.size() == 2);
  CHECK(r.triggers[0].rule == "trigger.condescending.obviously");
  CHECK(r.triggers[0].suggestions == std::vector<std::string>{""});
  CHECK(r.triggers[1].suggestions ==
        std::vector<std::string>{"let me find out when order FR-22817 will arrive",
                                 "I’ll check on order FR-22817"});

  REQUIRE(r.edits.size() == 2);
  CHECK(r.edits[0].span.start == 11);
  CHECK(r.edits[0].span.end == 22);
  CHECK(r.edits[0].span.start_utf16 == 9);
  CHECK(r.edits[0].span.end_utf16 == 20);
  CHECK(r.edits[0].replacement == "");
  CHECK(r.edits[1].span.start == 22);
  CHECK(r.edits[1].span.end == 68);
  CHECK(r.edits[1].span.start_utf16 == 20);
  CHECK(r.edits[1].span.end_utf16 == 64);
  CHECK(r.edits[1].replacement == "Let me find out when order FR-22817 will arrive");
  CHECK(r.rewrite == "Merci 🙏 Let me find out when order FR-22817 will arrive 🚚.");

  // The rewrite is clean and rewriting it changes nothing.
  const Report again = analyzer.analyze(r.rewrite);
  CHECK(again.triggers.empty());
  CHECK(again.rewrite == r.rewrite);
}

TEST_CASE("a rewrite that would remove every word sends the pack's empty_reply") {
  // A pack whose [rewrite] has no empty_reply: a message of nothing but a
  // deleted phrase rewrites to what is left.
  Options options;
  options.default_pack = false;
  options.rule_texts.push_back(
      {"rewrite-test.toml", std::string(kPack) + "\n[rewrite]\nlowercase_mid_sentence = true\n"});
  const core::Analyzer without(options);
  REQUIRE_MESSAGE(without.ok(), without.status().message);
  CHECK(without.analyze("Obviously.").rewrite.empty());
  CHECK(tiny().analyze("Obviously.").rewrite == "I understand this is frustrating.");
  const core::Analyzer analyzer;  // the default pack's
  REQUIRE(analyzer.ok());
  const Report r = analyzer.analyze("Cool story.", Role::agent);
  REQUIRE_FALSE(r.triggers.empty());
  CHECK(r.rewrite == "I understand this is frustrating.");
  REQUIRE(r.edits.size() == 1);
  CHECK(r.edits[0].span.start == 0);
  CHECK(r.edits[0].span.end == 11);
  CHECK(r.edits[0].replacement == r.rewrite);
  // The sentence is itself clean, and stays as it is.
  const Report again = analyzer.analyze(r.rewrite, Role::agent);
  CHECK(again.triggers.empty());
  CHECK(again.rewrite == r.rewrite);
  // Where words are left, they are the reply.
  CHECK(analyzer.analyze("Cool story. The fix is in the FAQ.", Role::agent).rewrite ==
        "The fix is in the FAQ.");
}

core::Analyzer from_text(const char* name, const char* pack) {
  Options options;
  options.default_pack = false;
  options.rule_texts.push_back({name, pack});
  core::Analyzer analyzer(options);
  REQUIRE_MESSAGE(analyzer.ok(), analyzer.status().message);
  return analyzer;
}

TEST_CASE("a deletion that loses an overlap at one end still deletes the rest of its phrase") {
  const core::Analyzer analyzer = from_text("overlapping.toml", R"toml(
[messages]
negative_framing = "Frame the reply around the path forward."
refusal = "Lead with what you can do."

[[rule]]
id = "trigger.negative_framing.afraid-that"
patterns = ["i'?m afraid that"]
suggestions = [""]
examples = ["I'm afraid that it's late."]
counterexamples = ["It's late."]

[[rule]]
id = "trigger.refusal.that-isnt-possible"
patterns = ["that isn'?t possible"]
suggestions = ["that isn't something I can arrange"]
examples = ["That isn't possible."]
counterexamples = ["That is possible."]
)toml");
  // The phrases share "that": the longer is replaced, the rest of the
  // shorter deleted; at a sentence start the replacement takes the capital.
  Report r = analyzer.analyze("Sorry Sam, I'm afraid that isnt possible today.");
  REQUIRE(r.triggers.size() == 2);
  CHECK(r.rewrite == "Sorry Sam, that isn't something I can arrange today.");
  REQUIRE(r.edits.size() == 2);
  CHECK(r.edits[0].span.start == 11);
  CHECK(r.edits[0].span.end == 22);
  CHECK(r.edits[0].replacement == "");
  CHECK(r.edits[1].span.start == 22);
  CHECK(r.edits[1].span.end == 40);
  CHECK(r.edits[1].replacement == "that isn't something I can arrange");
  r = analyzer.analyze("I'm afraid that isnt possible.");
  CHECK(r.rewrite == "That isn't something I can arrange.");
}

// A phrase that ends in its own full stop stands apart from the sentence
// after it: a whole-clause suggestion fits there.
TEST_CASE("a whole-clause phrase ending in its own terminator is not inside a clause") {
  const core::Analyzer analyzer = from_text("clause-stop.toml", R"toml(
[messages]
condescending = "Explain plainly."

[[rule]]
id = "trigger.condescending.surely"
clause = true
patterns = ["(?P<span>surely you remember that[.?])(?:\\s|$)"]
suggestions = ["I know that's a lot to keep track of."]
examples = ["Surely you remember that."]
counterexamples = ["I remember that."]
)toml");
  const Report r =
      analyzer.analyze("It's on page 2. Surely you remember that. We can't refund it.");
  CHECK(r.declined.empty());
  CHECK(r.rewrite == "It's on page 2. I know that's a lot to keep track of. We can't refund it.");
}

TEST_CASE("a {^} suggestion applies where its phrase starts a sentence, the next one elsewhere") {
  const core::Analyzer analyzer = from_text("lead.toml", R"toml(
[messages]
negative_framing = "Frame the reply around the path forward."

[[rule]]
id = "trigger.negative_framing.unfortunately"
patterns = ["unfortunately,?"]
suggestions = ["{^}I'm sorry,", ""]
examples = ["Unfortunately it's late."]
counterexamples = ["It's late."]
)toml");
  Report r = analyzer.analyze("Unfortunately, the blue one is sold out.");
  CHECK(r.rewrite == "I'm sorry, the blue one is sold out.");
  CHECK(r.triggers.at(0).suggestions == std::vector<std::string>{"I'm sorry,", ""});
  r = analyzer.analyze("Thanks, Sam. unfortunately the blue one is sold out.");
  CHECK(r.rewrite == "Thanks, Sam. I'm sorry, the blue one is sold out.");
  // Mid-sentence the lead-only suggestion is not offered at all.
  r = analyzer.analyze("The engineer, unfortunately, is running late.");
  CHECK(r.rewrite == "The engineer is running late.");
  CHECK(r.triggers.at(0).suggestions == std::vector<std::string>{""});
  // {^} is no capture: the pack loads without a named group "^".
  CHECK(analyzer.ok());
}

TEST_CASE("a {>} suggestion needs words after its phrase; the next one serves at the end") {
  const core::Analyzer analyzer = from_text("follow.toml", R"toml(
[messages]
condescending = "Explain instead."

[[rule]]
id = "trigger.condescending.very-simple"
patterns = ["it'?s (?:very simple|not rocket science),?"]
suggestions = ["here's how{>}", ""]
examples = ["It's very simple: tap Manage."]
counterexamples = ["It's simply lovely."]
)toml");
  REQUIRE(analyzer.ok());
  Report r = analyzer.analyze("It's very simple: tap Manage and pick a date.");
  CHECK(r.rewrite == "Here's how: tap Manage and pick a date.");
  // At the message's end "here's how" would announce nothing.
  r = analyzer.analyze("Maybe double-check the postcode next time, it's not rocket science.");
  CHECK(r.rewrite == "Maybe double-check the postcode next time.");
  CHECK(r.triggers.at(0).suggestions == std::vector<std::string>{""});
  // Punctuation or an emoji alone after it is no following word.
  r = analyzer.analyze("Honestly, it's not rocket science!!");
  CHECK(r.rewrite.find("here's how") == std::string::npos);
}

TEST_CASE(
    "{name|lower} moves a sentence-initial capture inside; clause openers keep a question out") {
  const core::Analyzer analyzer = from_text("lower.toml", R"toml(
[messages]
demanding = "Ask, don't order."

[rewrite]
clause_openers = ["or", "otherwise"]

[[rule]]
id = "trigger.demanding.imperative-deadline"
anchor = "sentence-start"
patterns = ["(?P<span>(?P<act>(?:send|return) (?:us |the )[^.!?,]{0,40}?\\b(?:today|by friday)))\\b"]
suggestions = ["could you {act|lower}{?}", "please {act|lower}"]
examples = ["Send us the photos today."]
counterexamples = ["We can send the photos today."]
)toml");
  REQUIRE(analyzer.ok());
  Report r = analyzer.analyze("Send us the photos today.");
  CHECK(r.rewrite == "Could you send us the photos today?");
  // A clause after the comma stays a statement of its own.
  r = analyzer.analyze("Return the keys by Friday, otherwise a day is charged.");
  CHECK(r.rewrite == "Please return the keys by Friday, otherwise a day is charged.");
  // So does a clause after a dash, whatever opens it.
  r = analyzer.analyze("Return the keys by Friday \u2014 that's how the lease works.");
  CHECK(r.rewrite == "Please return the keys by Friday \u2014 that's how the lease works.");
  // A comma before words that open no clause keeps the question.
  r = analyzer.analyze("Send us the form today, signed.");
  CHECK(r.rewrite == "Could you send us the form today, signed?");
  // Only an initial capital goes: a shouted word and a name stay.
  r = analyzer.analyze("SEND US THE PHOTOS TODAY.");
  CHECK(r.rewrite == "COULD YOU SEND US THE PHOTOS TODAY?");
  r = analyzer.analyze("Send us the Canon camera by Friday.");
  CHECK(r.rewrite == "Could you send us the Canon camera by Friday?");
}

TEST_CASE("the guard declines a replacement the sentence already said") {
  const core::Analyzer analyzer = from_text("twice.toml", R"toml(
[messages]
policy_shield = "Explain the reason."

[[rule]]
id = "trigger.policy_shield.rules"
patterns = ["(?:those|these) are the (?:\\w+ )?rules", "i don'?t (?:write|make) (?:them|the rules)"]
suggestions = ["here is how it works"]
examples = ["Those are the rules."]
counterexamples = ["I don't write code."]
)toml");
  REQUIRE(analyzer.ok());
  const Report r = analyzer.analyze("Those are the install rules, I don't write them: cable only.");
  CHECK(r.rewrite == "Here is how it works, I don't write them: cable only.");
  REQUIRE(r.declined.size() == 1);
  CHECK(r.declined[0].reason == "repeated_phrase");
  CHECK(r.declined[0].replacement == "here is how it works");
}

TEST_CASE("a trigger formed across a seam is rewritten in a further round") {
  const core::Analyzer analyzer = from_text("seam.toml", R"toml(
[messages]
uncertainty = "Commit to finding out."
condescending = "Drop it."

[[rule]]
id = "trigger.uncertainty.team-doesnt-know"
patterns = ["\\bthe team doesn'?t know"]
suggestions = ["the team will find out"]
examples = ["The team doesn't know."]
counterexamples = ["The team knows."]

[[rule]]
id = "trigger.condescending.honestly"
patterns = ["\\bhonestly\\b"]
suggestions = [""]
examples = ["It is honestly fine."]
counterexamples = ["It is fine."]
)toml");
  // Deleting ", honestly," joins "The team" to "doesn't know": the re-check
  // finds the phrase that formed and rewrites it; the edits still refer to
  // the original text.
  const std::string text = "The team, honestly, doesn't know.";
  const Report r = analyzer.analyze(text);
  REQUIRE(r.triggers.size() == 1);
  CHECK(r.rewrite == "The team will find out.");
  REQUIRE(r.edits.size() == 1);
  CHECK(r.edits[0].span.start == 0);
  CHECK(r.edits[0].span.end == 32);
  CHECK(r.edits[0].replacement == "The team will find out");
  CHECK(analyzer.analyze(r.rewrite).rewrite == r.rewrite);
}

TEST_CASE("with rewriting switched off the Report has no suggestions, edits or rewrite") {
  Options options;
  options.default_pack = false;
  options.rule_texts.push_back({"rewrite-test.toml", kPack});
  options.rewrite = false;
  const core::Analyzer analyzer(options);
  REQUIRE(analyzer.ok());
  const Report r = analyzer.analyze("Obviously it is broken.");
  REQUIRE(r.triggers.size() == 1);
  CHECK(r.triggers[0].suggestions.empty());
  CHECK(r.edits.empty());
  CHECK(r.rewrite.empty());
}

// Issue 12: a leading byte-order mark or zero-width space hid the sentence
// start, so "No." lost its word but kept its full stop. The default pack.
TEST_CASE("a leading BOM or zero-width space does not spoil the rewrite") {
  const core::Analyzer analyzer{Options()};
  REQUIRE(analyzer.ok());
  const std::string plain = analyzer.analyze("No. We cannot do that.").rewrite;
  REQUIRE(plain != "No. We cannot do that.");
  for (const std::string lead : {"\xEF\xBB\xBF", "\xE2\x80\x8B"}) {
    CHECK(analyzer.analyze(lead + "No. We cannot do that.").rewrite == lead + plain);
    CHECK(analyzer.analyze(lead + "I don't know.").rewrite ==
          lead + analyzer.analyze("I don't know.").rewrite);
  }
}

// Suggestions that splice badly in the sentences below; the fluency guard
// must refuse them and say why, keeping the finding and its suggestions.
constexpr const char* kGuardPack = R"toml(
name = "guard-test"

[messages]
uncertainty = "Commit to finding out."
dismissive = "Drop it."
demanding = "Ask instead."

[[rule]]
id = "trigger.uncertainty.dont-know-why"
patterns = ["i (?:don't|dont) know why"]
suggestions = ["let me find out why"]
examples = ["I don't know why it failed."]
counterexamples = ["I know why it failed."]

[[rule]]
id = "trigger.dismissive.as-i-said"
patterns = ["as i said twice"]
suggestions = [""]
examples = ["As I said twice, no."]
counterexamples = ["As I said, no."]

[[rule]]
id = "trigger.demanding.kindly"
patterns = ["\\bkindly\\b"]
suggestions = ["please"]
examples = ["Kindly wait."]
counterexamples = ["Wait."]

[[rule]]
id = "trigger.blame.should-have"
patterns = ["you should have"]
suggestions = ["{^}it would have helped to have"]
examples = ["You should have rung."]
counterexamples = ["You have rung."]

[[rule]]
id = "trigger.dismissive.no-big-deal"
clause = true
patterns = ["(?:it's )?no big deal"]
suggestions = ["I understand why this matters"]
examples = ["It's no big deal."]
counterexamples = ["It's a big day."]

[[rule]]
id = "trigger.demanding.you-gotta"
patterns = ["you (?:gotta|have to)"]  # the view reads "gotta" as "have to"
suggestions = ["please mail them", "could you"]
examples = ["You gotta sign it."]
counterexamples = ["You got it."]
)toml";

const Edit* declined_with(const Report& r, const char* reason) {
  for (const Edit& e : r.declined) {
    if (e.reason == reason) return &e;
  }
  return nullptr;
}

TEST_CASE("the fluency guard declines a splice that breaks the sentence, and says why") {
  const core::Analyzer analyzer = from_text("guard-test.toml", kGuardPack);

  struct Case {
    const char* text;
    const char* reason;
  };
  for (const Case c : {
           Case{"As I said twice already, the fee is refunded.", "orphan_opener"},
           Case{"I don't know why it failed, but I'll find out and email you.", "repeated_phrase"},
           // a whole-clause suggestion inside a clause ("… is I understand …")
           Case{"The fee is no big deal for most people.", "clause_seam"},
           // the only suggestion opens a sentence; this phrase does not
           Case{"The fee stands because you should have rung.", "no_fit"},
       }) {
    CAPTURE(c.text);
    Report r;
    REQUIRE(analyzer.analyze(c.text, Role::agent, &r).ok());
    REQUIRE(r.triggers.size() == 1);
    CHECK_FALSE(r.triggers[0].suggestions.empty());  // the finding keeps its suggestions
    CHECK(r.edits.empty());
    CHECK(r.rewrite == c.text);  // the writer's sentence stays
    const Edit* d = declined_with(r, c.reason);
    REQUIRE(d != nullptr);
    CHECK_FALSE(d->applied);
    CHECK(d->span.start == r.triggers[0].span.start);
    const std::string json = tact::core::to_json(r);
    CHECK(json.find("\"declined\":[{") != std::string::npos);
    CHECK(json.find(std::string("\"applied\":false,\"reason\":\"") + c.reason + "\"") !=
          std::string::npos);
  }

  // A whole-clause suggestion splices where the phrase stands alone.
  Report alone;
  REQUIRE(analyzer.analyze("Look, it's no big deal.", Role::agent, &alone).ok());
  CHECK(alone.declined.empty());
  CHECK(alone.rewrite == "Look, I understand why this matters.");
  // …and takes the phrase's whole sentence when that holds one word more
  // at most; with two more, or a figure, the clause seam stands.
  REQUIRE(analyzer.analyze("The fee stands. It's no big deal tbh.", Role::agent, &alone).ok());
  CHECK(alone.declined.empty());
  CHECK(alone.rewrite == "The fee stands. I understand why this matters.");
  REQUIRE(analyzer.analyze("It's no big deal for most.", Role::agent, &alone).ok());
  CHECK(declined_with(alone, "clause_seam") != nullptr);
  REQUIRE(analyzer.analyze("It's no big deal 2day.", Role::agent, &alone).ok());
  CHECK(declined_with(alone, "clause_seam") != nullptr);

  // When the best suggestion breaks the sentence, the next one is tried:
  // "Please mail them sign it, then mail them …" says one phrase twice;
  // the rule's next suggestion fits.
  Report next;
  REQUIRE(
      analyzer.analyze("You gotta sign it, then mail them both copies.", Role::agent, &next).ok());
  CHECK(next.declined.empty());
  CHECK(next.rewrite == "Could you sign it, then mail them both copies.");

  // The same rules splice where the sentence takes them.
  Report ok;
  REQUIRE(analyzer.analyze("I don't know why it failed.", Role::agent, &ok).ok());
  CHECK(ok.declined.empty());
  REQUIRE(ok.edits.size() == 1);
  CHECK(ok.edits[0].applied);
  CHECK(ok.rewrite == "Let me find out why it failed.");
  CHECK(tact::core::to_json(ok).find("\"applied\":true") != std::string::npos);
}

}  // namespace
}  // namespace tact

namespace tact {
namespace {

// "for the fourth time" is both a dismissive phrase (-> "to recap") and a
// condescending one (deleted). The dismissive one wins the overlap, but
// the sentence already says "to recap", so the guard declines it; with no
// other suggestion it withdraws and the deletion takes the words.
TEST_CASE("a finding with no splice left gives way to another over the same words") {
  const core::Analyzer analyzer;
  REQUIRE(analyzer.ok());
  Report r;
  REQUIRE(analyzer
              .analyze("We've been over this already, for the fourth time, the parcel is at the "
                       "depot.",
                       Role::agent, &r)
              .ok());
  CHECK(r.rewrite == "To recap, the parcel is at the depot.");
  CHECK(r.declined.empty());
}

// A rewritten reply goes out whole: each of its sentences starts with a
// capital, including the writer's own that began in lower case. A message
// with nothing to rewrite is left exactly as written.
// A rewritten reply goes out as ours: informal spellings written out in the
// writer's case and apostrophe, and a last sentence left open closed.
TEST_CASE("a rewritten message writes informal spellings out and closes its last sentence") {
  const core::Analyzer analyzer;
  REQUIRE(analyzer.ok());
  Report r;
  REQUIRE(analyzer.analyze("U must restart it, im sure thats the fix", Role::agent, &r).ok());
  // "im" opens a clause of its own: no question swallows it, and the
  // comma splice is parted.
  CHECK(r.rewrite == "Please restart it. I'm sure that's the fix.");
  // Each is an edit of the writer's word: applying the edits gives the rewrite.
  std::string applied = "U must restart it, im sure thats the fix";
  for (auto it = r.edits.rbegin(); it != r.edits.rend(); ++it) {
    applied.replace(it->span.start, it->span.end - it->span.start, it->replacement);
  }
  CHECK(applied == r.rewrite);
  // The view reads "u" as "you", so a rule for "did you even" finds it.
  REQUIRE(analyzer.analyze("did u even check the docs", Role::agent, &r).ok());
  REQUIRE_FALSE(r.triggers.empty());
  CHECK(r.triggers[0].text == "did u even check");
  CHECK(r.rewrite.find(" u ") == std::string::npos);
  // A question opener takes "?"; curly apostrophes stay curly.
  REQUIRE(analyzer.analyze("Relax, it\u2019s fixed now. did u restart it", Role::agent, &r).ok());
  CHECK(r.rewrite == "I understand this is stressful. It\u2019s fixed now. Did you restart it?");
  REQUIRE(analyzer.analyze("Relax, it\u2019s fixed. u can retry, dont wait", Role::agent, &r).ok());
  CHECK(r.rewrite ==
        "I understand this is stressful. It\u2019s fixed. You can retry, don\u2019t wait.");
  // Messages the rewrite leaves alone are not touched, nor a sign-off line.
  REQUIRE(analyzer.analyze("thx, u r welcome", Role::agent, &r).ok());
  CHECK(r.rewrite == "thx, u r welcome");
  REQUIRE(analyzer.analyze("Relax, it ships tmrw\nthx, Sam", Role::agent, &r).ok());
  CHECK(r.rewrite == "I understand this is stressful. It ships tomorrow\nThanks, Sam");
  // An auxiliary asks only before its subject: "could be" is a statement.
  REQUIRE(analyzer.analyze("Relax, it's sorted. could be the app tho", Role::agent, &r).ok());
  CHECK(r.rewrite.substr(r.rewrite.size() - 1) == ".");
  REQUIRE(analyzer.analyze("Relax, it's sorted. can u retry", Role::agent, &r).ok());
  CHECK(r.rewrite.substr(r.rewrite.size() - 1) == "?");
  // "ur" before a state reads "you're".
  REQUIRE(analyzer.analyze("Relax, ur sorted now", Role::agent, &r).ok());
  CHECK(r.rewrite.find("ou're sorted") != std::string::npos);
}

// A consequence joined without a comma ("… or your shop is suspended") is
// a clause of its own: no "could you …?" question swallows it.
TEST_CASE("a command with a consequence after a joiner stays a statement") {
  const core::Analyzer analyzer;
  REQUIRE(analyzer.ok());
  Report r;
  REQUIRE(analyzer
              .analyze("You must upload the certificate within 7 days or your shop is suspended.",
                       Role::agent, &r)
              .ok());
  CHECK(r.rewrite.find('?') == std::string::npos);
  CHECK(r.rewrite.find("upload the certificate within 7 days or your shop is suspended.") !=
        std::string::npos);
  // A joiner before a pronoun subject counts too ("or it").
  REQUIRE(analyzer.analyze("You need to sign it or it lapses.", Role::agent, &r).ok());
  CHECK(r.rewrite.find('?') == std::string::npos);
}

TEST_CASE("a rewritten message starts every sentence with a capital") {
  const core::Analyzer analyzer;
  REQUIRE(analyzer.ok());
  Report r;
  REQUIRE(analyzer
              .analyze("hmm no idea why it charged u twice. maybe the bank? e.g. the app",
                       Role::agent, &r)
              .ok());
  CHECK(r.rewrite ==
        "Hmm I can't confirm yet why it charged you twice. Maybe the bank? E.g. the app.");
  Report clean;
  REQUIRE(analyzer.analyze("thanks, it ships friday. see you then", Role::agent, &clean).ok());
  CHECK(clean.edits.empty());
  CHECK(clean.rewrite == "thanks, it ships friday. see you then");
  // A name with a capital inside keeps its case.
  Report name;
  REQUIRE(analyzer.analyze("no idea why. iPhone users see it first", Role::agent, &name).ok());
  CHECK(name.rewrite == "I can't confirm yet why. iPhone users see it first.");
}

// A request made of a command ends with "?" even where the writer put no
// full stop: the mark follows the sentence's last word.
TEST_CASE("a question template adds its mark to a sentence without a terminator") {
  const core::Analyzer analyzer;
  REQUIRE(analyzer.ok());
  Report r;
  REQUIRE(
      analyzer.analyze("u need to come in to the centre if u want 1 to 1", Role::agent, &r).ok());
  CHECK(r.rewrite == "Could you come in to the centre if you want 1 to 1?");
  REQUIRE(analyzer.analyze("You need to send the form\nThanks, Sam", Role::agent, &r).ok());
  CHECK(r.rewrite == "Could you send the form?\nThanks, Sam");
}

// Where the writer already says the suggestion beside the phrase, the
// phrase stays as written and the edit is reported as declined.
TEST_CASE("a suggestion the writer already says is declined as already_said") {
  const core::Analyzer analyzer = from_text("guard-test.toml", kGuardPack);
  Report r;
  const std::string text = "I don't know why, so let me find out why it failed.";
  REQUIRE(analyzer.analyze(text, Role::agent, &r).ok());
  REQUIRE(r.triggers.size() == 1);
  CHECK(r.edits.empty());
  CHECK(r.rewrite == text);
  const Edit* d = declined_with(r, "already_said");
  REQUIRE(d != nullptr);
  CHECK(d->span.start == 0);
  CHECK(d->replacement == "Let me find out why");  // in place, at the sentence start
}

// A replacement whose last word the writer says again later in the
// sentence reads doubled ("I can't confirm yet if … back yet"): the next
// suggestion is tried. Where the replaced phrase had that word itself, the
// writer said it twice already.
TEST_CASE("a replacement whose last word the sentence says again gives way to the next") {
  const core::Analyzer analyzer = from_text("tail-test.toml", R"toml(
name = "tail-test"

[[rule]]
id = "trigger.uncertainty.not-sure"
patterns = ["not sure(?: yet)?"]
suggestions = ["I can't confirm yet", "let me check"]
examples = ["Not sure."]
counterexamples = ["Sure."]
)toml");
  Report r;
  REQUIRE(analyzer.analyze("Not sure if the results are back yet.", Role::agent, &r).ok());
  CHECK(r.rewrite == "Let me check if the results are back yet.");
  REQUIRE(analyzer.analyze("Not sure when the van comes.", Role::agent, &r).ok());
  CHECK(r.rewrite == "I can't confirm yet when the van comes.");
  REQUIRE(analyzer.analyze("Not sure yet, the form isn't back yet.", Role::agent, &r).ok());
  CHECK(r.rewrite == "I can't confirm yet, the form isn't back yet.");
}

// A rule with splice = false offers its suggestion as advice: the report
// shows it, the rewrite never applies it, and says so; a rule beside it
// that may splice still does.
TEST_CASE("a rule whose suggestions are advice is never spliced") {
  const core::Analyzer analyzer = from_text("advice-test.toml", R"toml(
name = "advice-test"

[[rule]]
id = "trigger.blame.should-have"
splice = false
patterns = ["you should have"]
suggestions = ["it would have helped to have"]
examples = ["You should have asked."]
counterexamples = ["You have asked."]

[[rule]]
id = "trigger.negative_framing.unfortunately"
patterns = ["unfortunately,?"]
suggestions = [""]
examples = ["Unfortunately, no."]
counterexamples = ["Fortunately, yes."]
)toml");
  Report r;
  const std::string text = "Unfortunately, you should have asked.";
  REQUIRE(analyzer.analyze(text, Role::agent, &r).ok());
  REQUIRE(r.triggers.size() == 2);
  CHECK(r.rewrite == "You should have asked.");
  REQUIRE(r.edits.size() == 1);
  const Edit* d = declined_with(r, "advice");
  REQUIRE(d != nullptr);
  CHECK(d->span.start == 15);
  CHECK(d->replacement == "it would have helped to have");
  for (const Trigger& t : r.triggers) CHECK_FALSE(t.suggestions.empty());
}

// A message whose findings are all information is left as written, each
// suggestion offered as advice; beside a warning's edit the note is mended
// too.
TEST_CASE("information alone does not rewrite a message") {
  const core::Analyzer analyzer = from_text("info-test.toml", R"toml(
name = "info-test"

[[rule]]
id = "trigger.negative_framing.unfortunately"
severity = "info"
patterns = ["unfortunately,?"]
suggestions = ["{^}I'm sorry,"]
examples = ["Unfortunately, no."]
counterexamples = ["Fortunately, yes."]

[[rule]]
id = "trigger.demanding.you-must"
patterns = ["you must"]
suggestions = ["please"]
examples = ["You must sign."]
counterexamples = ["You might sign."]
)toml");
  Report r;
  const std::string text = "Unfortunately, the van is full until Friday.";
  REQUIRE(analyzer.analyze(text, Role::agent, &r).ok());
  REQUIRE(r.triggers.size() == 1);
  CHECK(r.triggers[0].suggestions == std::vector<std::string>{"I'm sorry,"});
  CHECK(r.rewrite == text);
  CHECK(r.edits.empty());
  const Edit* d = declined_with(r, "advice");
  REQUIRE(d != nullptr);
  CHECK(d->span.start == 0);

  REQUIRE(analyzer.analyze("Unfortunately, you must sign it again.", Role::agent, &r).ok());
  CHECK(r.rewrite == "I'm sorry, please sign it again.");
  CHECK(r.declined.empty());
}

// A sentence deleted whole that stood on its own line takes the line (and
// the blank lines after it); a sentence = true rule's deletion stops at
// its line's end, so the sign-off stays.
TEST_CASE("a sentence deleted on its own line takes its line, not the next") {
  const core::Analyzer analyzer = from_text("line-test.toml", R"toml(
name = "line-test"

[[rule]]
id = "trigger.hostile.sure-because"
sentence = true
severity = "error"
patterns = ["sure, because [^.!?]*[.!?]*"]
suggestions = [""]
examples = ["Sure, because we lost it."]
counterexamples = ["Because we lost it."]
)toml");
  struct Case {
    const char* text;
    const char* rewrite;
  };
  for (const Case c : {
           Case{"Hi Kev,\n\nSure, because we lost it on purpose.\n\nThanks, Jo",
                "Hi Kev,\n\nThanks, Jo"},
           Case{"Hi Kev,\nSure, because we lost it on purpose\nThanks, Jo", "Hi Kev,\nThanks, Jo"},
       }) {
    CAPTURE(c.text);
    Report r;
    REQUIRE(analyzer.analyze(c.text, Role::agent, &r).ok());
    CHECK(r.rewrite == c.rewrite);
  }
}

// A clause deleted after a dash takes the dash with it, before a stop or a
// line break alike; a comma before a line break stays the writer's, one
// before a dash goes.
TEST_CASE("a deletion after a dash leaves no dangling dash") {
  const core::Analyzer analyzer = from_text("dash-test.toml", R"toml(
name = "dash-test"

[[rule]]
id = "trigger.dismissive.nothing-more"
patterns = ["there's nothing more to add"]
suggestions = [""]
examples = ["There's nothing more to add."]
counterexamples = ["There's more to add."]
)toml");
  struct Case {
    const char* text;
    const char* rewrite;
  };
  for (const Case c : {
           Case{"The room was cleaned at 11am \u2014 there's nothing more to add.",
                "The room was cleaned at 11am."},
           Case{"Cleaned at 11am \u2013 there's nothing more to add\nThanks, Sam",
                "Cleaned at 11am\nThanks, Sam"},
           // Between a comma and a dash, the comma goes and the dash joins.
           Case{"The van is full, there's nothing more to add \u2014 I'll call you at 5.",
                "The van is full \u2014 I'll call you at 5."},
       }) {
    CAPTURE(c.text);
    Report r;
    REQUIRE(analyzer.analyze(c.text, Role::agent, &r).ok());
    CHECK(r.rewrite == c.rewrite);
  }
}

// A phrase a re-check round finds but cannot splice is reported as
// declined, where it lies in the original: here deleting the promise
// leaves "Not possible to move the date" opening the sentence, and its
// whole-clause suggestion does not fit before "to move the date".
TEST_CASE("a phrase a re-check round declines is reported") {
  const core::Analyzer analyzer;
  REQUIRE(analyzer.ok());
  Report r;
  const std::string text = "You've got my word on that, not possible to move the date, sorry.";
  REQUIRE(analyzer.analyze(text, Role::agent, &r).ok());
  CHECK(r.rewrite == "Not possible to move the date, sorry.");
  REQUIRE(r.declined.size() == 1);
  CHECK(r.declined[0].reason == std::string("clause_seam"));
  CHECK(r.declined[0].span.start == 0);
  CHECK(r.declined[0].span.end >= text.find("possible") + 8);
}

// The drafts of issue 14's table, each of which once came out broken, and
// the rewrite that is now sent: one sentence, one commitment, the facts
// (dates, amounts, the courier) kept, nothing escalating left.
TEST_CASE("the drafts of issue 14's table get sendable rewrites") {
  const core::Analyzer analyzer;
  REQUIRE(analyzer.ok());
  struct Case {
    const char* draft;
    const char* rewrite;
  };
  for (const Case c : {
           Case{"This will definitely be sorted by Monday, I promise it.",
                "This should be sorted by Monday."},
           Case{"As I mentioned TWICE already, the fee is refunded after 7 days.",
                "The fee is refunded after 7 days."},
           // a commitment to find out already follows: nothing to mend
           Case{"I don't know why it failed, but I'll find out and email you.",
                "I don't know why it failed, but I'll find out and email you."},
           Case{"The thing is, it's our policy that refunds go through the original card.",
                "The thing is, refunds go through the original card."},
           // the shrug goes; no promise to find out is put in the writer's mouth
           Case{"Honestly I have no idea why the app logs you out.",
                "I can't confirm yet why the app logs you out."},
           Case{"To recap again.", "To recap."},
           Case{"That's between you and the courier, not us.",
                "I'll help you sort this out with the courier."},
           Case{"Jesus, it's a password reset, not brain surgery.",
                "Let's get the password reset sorted together."},
           Case{"You must bring photo ID when you collect it.",
                "Could you bring photo ID when you collect it?"},
           // a refusal in the passive keeps its verb and its thing
           Case{"Sale items cannot be refunded.", "We aren't able to refund sale items."},
           Case{"Your dispute was closed, so it can't be reopened.",
                "Your dispute was closed, so we aren't able to reopen it."},
       }) {
    CAPTURE(c.draft);
    Report r;
    REQUIRE(analyzer.analyze(c.draft, Role::agent, &r).ok());
    CHECK(r.declined.empty());
    CHECK(r.rewrite == c.rewrite);
    Report again;
    REQUIRE(analyzer.analyze(r.rewrite, Role::agent, &again).ok());
    for (const Trigger& t : again.triggers) CHECK(t.severity < Severity::warning);
  }
}

}  // namespace
}  // namespace tact
