// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The matching rules every pack relies on: word boundaries, longest match,
// span captures, anchors, `unless` exceptions, captures, roles, order, and
// bounded work on pathological input. Small packs written here, so each
// behaviour is tested apart from the default pack's wording.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "pack_helpers.hpp"
#include "rules/compiled_pack.hpp"
#include "rules/suggestion.hpp"
#include "text/document.hpp"

namespace tact {
namespace {

using testing::Hit;
using testing::hits;
using testing::pack_of;

// One trigger rule with the given extra lines (patterns included).
std::string rule(const std::string& id, const std::string& body, const std::string& example = "x",
                 const std::string& counter = "y") {
  return "[[rule]]\nid = \"" + id + "\"\nmessage = \"m\"\n" + body + "\nexamples = [\"" + example +
         "\"]\ncounterexamples = [\"" + counter + "\"]\n";
}

TEST_CASE("matches start and end at word boundaries") {
  const auto pack = pack_of(rule("trigger.refusal.no", "patterns = ['''no''']") +
                            rule("trigger.refusal.can", "patterns = ['''we can''']"));
  CHECK(hits(*pack, "I know, no.") == std::vector<Hit>{{"trigger.refusal.no", "no"}});
  CHECK(hits(*pack, "nobody knows").empty());
  CHECK(hits(*pack, "No!") == std::vector<Hit>{{"trigger.refusal.no", "No"}});
  // An apostrophe between letters belongs to the word.
  CHECK(hits(*pack, "we can't").empty());
  CHECK(hits(*pack, "we can’t").empty());
  CHECK(hits(*pack, "we can, sure") == std::vector<Hit>{{"trigger.refusal.can", "we can"}});
  // Digits and non-ASCII letters are word characters too.
  CHECK(hits(*pack, "no2 or nož").empty());
}

TEST_CASE("the longest match wins, and a match that runs into a word is cut back") {
  const auto pack =
      pack_of(rule("trigger.negative_framing.afraid", "patterns = ['''i'm afraid(?: that)?''']") +
              rule("trigger.uncertainty.ok", "patterns = ['''ok|okay''']"));
  CHECK(hits(*pack, "I'm afraid that the van left.") ==
        std::vector<Hit>{{"trigger.negative_framing.afraid", "I'm afraid that"}});
  CHECK(hits(*pack, "I'm afraid that's gone.") ==
        std::vector<Hit>{{"trigger.negative_framing.afraid", "I'm afraid"}});
  CHECK(hits(*pack, "okay then") == std::vector<Hit>{{"trigger.uncertainty.ok", "okay"}});
}

TEST_CASE("a capture named span narrows the finding; the rest is context") {
  const auto pack =
      pack_of(rule("trigger.dismissive.relax", "patterns = ['''(?P<span>relax)[,.!]''']"));
  CHECK(hits(*pack, "Relax, it's fine.") ==
        std::vector<Hit>{{"trigger.dismissive.relax", "Relax"}});
  CHECK(hits(*pack, "You can relax by the pool.").empty());
}

TEST_CASE("the context around a span sits on word boundaries too") {
  const auto pack = pack_of(rule("trigger.condescending.clearly",
                                 "patterns = ['''(?:is|was) (?P<span>clearly) stated''']"));
  CHECK(hits(*pack, "It was clearly stated.") ==
        std::vector<Hit>{{"trigger.condescending.clearly", "clearly"}});
  CHECK(hits(*pack, "Read his clearly stated plan.").empty());
}

TEST_CASE("anchor = sentence-start") {
  const auto pack =
      pack_of(rule("trigger.refusal.no", "anchor = \"sentence-start\"\npatterns = ['''no[.!]''']"));
  CHECK(hits(*pack, "No. Not today.") == std::vector<Hit>{{"trigger.refusal.no", "No."}});
  CHECK(hits(*pack, "Thanks. (No!) Not today.") == std::vector<Hit>{{"trigger.refusal.no", "No!"}});
  CHECK(hits(*pack, "Say no. Or yes.").empty());
  CHECK(hits(*pack, "Hi,\n\nno.") == std::vector<Hit>{{"trigger.refusal.no", "no."}});
}

TEST_CASE("unless cancels a match it overlaps, within the match's sentence") {
  const auto pack = pack_of(rule("trigger.refusal.no",
                                 "patterns = ['''no''']\nunless = ['''no (?:problem|worries)''', "
                                 "'''(?:yes or|say) no''']"));
  CHECK(hits(*pack, "No problem at all.").empty());
  CHECK(hits(*pack, "Just say no to that.").empty());
  // An exception elsewhere in the sentence does not overlap this match.
  CHECK(hits(*pack, "No, and no problem for you.") ==
        std::vector<Hit>{{"trigger.refusal.no", "No"}});
  // Nor does one in the next sentence.
  CHECK(hits(*pack, "No. No worries then.") == std::vector<Hit>{{"trigger.refusal.no", "No"}});
}

TEST_CASE("an unless match must itself sit on word boundaries") {
  const auto pack =
      pack_of(rule("trigger.refusal.no", "patterns = ['''no''']\nunless = ['''ano''']"));
  CHECK(hits(*pack, "a no") == std::vector<Hit>{{"trigger.refusal.no", "no"}});
}

TEST_CASE("named captures come back with their ranges and render into suggestions") {
  const auto pack = pack_of(rule("trigger.refusal.cant",
                                 "patterns = ['''we can'?t (?P<action>refund|cancel)''']\n"
                                 "suggestions = [\"we aren't able to {action}\", \"\"]"));
  const std::string message = "Sorry, we CAN’T cancel it.";
  const text::Document doc = text::Document::build(message);
  std::vector<rules::Finding> found;
  pack->match(doc, Role::agent, &found);
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].captures.size() == 1);
  CHECK(found[0].captures[0].name == "action");
  const text::Range r = doc.to_original(found[0].captures[0].view);
  CHECK(message.substr(r.begin, r.size()) == "cancel");
  CHECK(rules::render_template(found[0].rule->suggestions[0], found[0], doc.view()) ==
        "we aren't able to cancel");
  CHECK(rules::render_template(found[0].rule->suggestions[1], found[0], doc.view()).empty());
}

TEST_CASE("patterns see the normalized view: folded case, ASCII quotes, single spaces") {
  const auto pack =
      pack_of(rule("trigger.uncertainty.dont-know", "patterns = ['''i don't know''']") +
              rule("trigger.refusal.curly", "patterns = ['''won’t do''']"));
  CHECK(hits(*pack, "I  DON’T\n KNOW") ==
        std::vector<Hit>{{"trigger.uncertainty.dont-know", "I  DON’T\n KNOW"}});
  // A curly apostrophe written in a pattern matches too.
  CHECK(hits(*pack, "we won't do it") == std::vector<Hit>{{"trigger.refusal.curly", "won't do"}});
}

TEST_CASE("rules apply to their roles; Role::automatic means every role") {
  const auto pack = pack_of(rule("trigger.refusal.no", "patterns = ['''no''']") +
                            rule("signal.frustration.ugh", "patterns = ['''ugh''']") +
                            rule("technique.apologize.sorry",
                                 "roles = [\"agent\", \"customer\"]\npatterns = ['''sorry''']"));
  const std::string m = "ugh, sorry, no";
  CHECK(testing::rules_flagging(*pack, m, Role::agent) ==
        std::vector<std::string>{"technique.apologize.sorry", "trigger.refusal.no"});
  CHECK(testing::rules_flagging(*pack, m, Role::customer) ==
        std::vector<std::string>{"signal.frustration.ugh", "technique.apologize.sorry"});
  CHECK(testing::rules_flagging(*pack, m, Role::automatic).size() == 3);
}

TEST_CASE("findings come in view order; one phrase gives one finding per category") {
  const auto pack =
      pack_of(rule("trigger.refusal.cant", "patterns = ['''we can'?t''']") +
              rule("trigger.refusal.cant-do", "patterns = ['''we can'?t do (?:that|it)''']") +
              rule("trigger.negative_framing.sorry-cant", "patterns = ['''sorry,? we can'?t''']") +
              rule("trigger.refusal.no", "patterns = ['''no''']"));
  CHECK(hits(*pack, "No. Sorry, we can't do that.") ==
        std::vector<Hit>{{"trigger.refusal.no", "No"},
                         {"trigger.negative_framing.sorry-cant", "Sorry, we can't"},
                         {"trigger.refusal.cant-do", "we can't do that"}});
}

TEST_CASE("of overlapping findings of one category, the most severe stays") {
  // A longer note around a phrase a rule can rewrite must not hide it: the
  // warning (with its suggestion) is the one reported, wherever it starts.
  const auto pack =
      pack_of(rule("trigger.blame.note",
                   "severity = \"info\"\npatterns = ['''because you (?:didn'?t|did not) \\w+''']") +
              rule("trigger.blame.didnt", "patterns = ['''you didn'?t''']\nsuggestions = [\"z\"]"));
  CHECK(hits(*pack, "It failed because you didn't pay.") ==
        std::vector<Hit>{{"trigger.blame.didnt", "you didn't"}});
  // Alone, the note is reported.
  CHECK(hits(*pack, "It failed because you did not pay.") ==
        std::vector<Hit>{{"trigger.blame.note", "because you did not pay"}});
}

TEST_CASE(
    "a rule with sentence = true stops at its sentence's end; others run across a line break") {
  // The view folds a line break into a space; a pattern that reads on to
  // the end of its sentence must not take the next line with it.
  const auto pack =
      pack_of(rule("trigger.hostile.sure-because",
                   "sentence = true\npatterns = ['''sure, because [^.!?]*[.!?]*''']") +
              rule("trigger.uncertainty.dont-know", "patterns = ['''don'?t know''']"));
  CHECK(hits(*pack, "Sure, because we lost it on purpose\nThanks, Sam") ==
        std::vector<Hit>{{"trigger.hostile.sure-because", "Sure, because we lost it on purpose"}});
  CHECK(hits(*pack, "Sure, because we lost it on purpose. Thanks, Sam") ==
        std::vector<Hit>{{"trigger.hostile.sure-because", "Sure, because we lost it on purpose."}});
  // A phrase wrapped onto the next line is still one phrase.
  CHECK(hits(*pack, "I don't\nknow yet") ==
        std::vector<Hit>{{"trigger.uncertainty.dont-know", "don't\nknow"}});
}

TEST_CASE("several patterns of one rule report a phrase once") {
  const auto pack =
      pack_of(rule("trigger.refusal.cant", "patterns = ['''we can'?t''', '''we can'?t help''']"));
  CHECK(hits(*pack, "we can't help") ==
        std::vector<Hit>{{"trigger.refusal.cant", "we can't help"}});
}

TEST_CASE("pathological input: bounded findings, linear time") {
  const auto pack =
      pack_of(rule("trigger.refusal.no", "patterns = ['''no''']\nunless = ['''no problem''']") +
              rule("trigger.uncertainty.x", "patterns = ['''n(?:o |o)*x''']"));
  std::string text;
  while (text.size() < (std::size_t{1} << 20)) text += "no no no ";
  const auto start = std::chrono::steady_clock::now();
  const auto found = hits(*pack, text);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(found.size() == rules::kMaxFindingsPerRule);
  // Linear time is a few milliseconds here (seconds under a sanitizer on a
  // busy machine); a quadratic matcher takes many minutes.
  CHECK(seconds < 60.0);
}

TEST_CASE("match is safe from many threads at once") {
  const auto pack = testing::default_pack();
  const std::vector<std::string> messages = {
      "I don't know, calm down.", "You're all useless, I want a refund TODAY!!!",
      "Thanks for your patience, I've refunded the fee.", "It's our policy, rules are rules."};
  std::vector<std::vector<std::string>> want;
  for (const std::string& m : messages)
    want.push_back(testing::rules_flagging(*pack, m, Role::automatic));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 300; ++i) {
        const std::size_t k = static_cast<std::size_t>(i + t) % messages.size();
        if (testing::rules_flagging(*pack, messages[k], Role::automatic) != want[k])
          ++mismatches[t];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(mismatches == std::vector<int>(4, 0));
  for (const auto& w : want) CHECK_FALSE(w.empty());
}

}  // namespace
}  // namespace tact

namespace tact {

// Texts up to CompiledPack::kWholeSetMaxText are prefiltered by one Set over
// every pattern of a role's rules, longer ones by the Sets of 32 (or 4):
// both must name the same candidates, for each role and for both. Checked
// on every example of every rule of the default pack, in upper case, and
// joined in pairs, in the normalized view.
TEST_CASE("the whole-pack Set and the shards name the same candidates") {
  std::shared_ptr<const rules::Pack> pack;
  const Status status = rules::Pack::load(Options(), &pack);
  REQUIRE_MESSAGE(status.ok(), status.message);
  const auto* compiled = dynamic_cast<const rules::CompiledPack*>(pack.get());
  REQUIRE(compiled != nullptr);
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < pack->size(); ++i) {
    for (const std::string& e : pack->rule(i).examples) texts.push_back(e);
  }
  const std::size_t n = texts.size();
  for (std::size_t i = 0; i < n; ++i) {
    std::string upper = texts[i];
    for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    texts.push_back(upper);
    texts.push_back(texts[i] + " " + texts[(i * 7 + 3) % n]);
  }
  std::size_t candidates = 0;
  for (const std::string& t : texts) {
    const text::Document doc = text::Document::build(t);
    for (Role role : {Role::agent, Role::customer, Role::automatic}) {
      std::vector<uint32_t> whole, shards;
      CHECK(compiled->candidates(doc.view(), role, rules::PrefilterEngine::whole, &whole));
      CHECK(compiled->candidates(doc.view(), role, rules::PrefilterEngine::shards, &shards));
      CHECK_MESSAGE(whole == shards, t);
      candidates += whole.size();
    }
  }
  MESSAGE(texts.size(), " texts, ", candidates, " candidates");
  CHECK(candidates > texts.size());
}

// A long text of several sentences is prefiltered a few sentences at a time
// and each candidate searched only around them (matcher.cpp): the findings
// must be those of the whole text searched at once. Every example and
// counterexample of the default pack, joined a hundred at a time (several
// chunks of matcher.cpp's kChunkBytes) with the
// separators real text has (a match may lean on the sentence before: "(?:^|
// [.!?] )no", ", you should have" after "Hi Liam,"), in lower and upper case.
TEST_CASE("sentence-scoped matching finds what the whole text does") {
  std::shared_ptr<const rules::Pack> pack = testing::default_pack();
  const auto* compiled = dynamic_cast<const rules::CompiledPack*>(pack.get());
  REQUIRE(compiled != nullptr);
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < pack->size(); ++i) {
    for (const std::string& e : pack->rule(i).examples) lines.push_back(e);
    for (const std::string& e : pack->rule(i).counterexamples) lines.push_back(e);
  }
  const char* separators[] = {" ", "\n", ", ", ". ", "! ", "? ", ",\n", " - "};
  std::vector<std::string> texts;
  for (std::size_t i = 0; i + 100 <= lines.size(); i += 23) {
    std::string t = "Hi Sam,\n";
    for (std::size_t k = 0; k < 100; ++k) {
      t += lines[(i + k * 37) % lines.size()];
      t += separators[(i + k) % 8];
    }
    texts.push_back(t);
    if (i % 3 == 0) {
      for (char& c : t) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
      texts.push_back(t);
    }
  }
  auto found = [&](const text::Document& doc, Role role, bool whole) {
    std::vector<rules::Finding> out;
    compiled->match_all(doc, role, true, &out, nullptr, {nullptr, whole});
    std::vector<std::string> ids;
    for (const rules::Finding& f : out) {
      ids.push_back(f.rule->id + "@" + std::to_string(f.view.begin) + "-" +
                    std::to_string(f.view.end));
    }
    return ids;
  };
  std::size_t scoped = 0, findings = 0;
  for (const std::string& t : texts) {
    const text::Document doc =
        text::Document::build(t, pack->sentence_profile(), pack->spellings());
    // Two chunks at least (they hold 1,024 bytes or more).
    if (doc.view().size() > 2048 && doc.sentences().size() > 1) ++scoped;
    for (Role role : {Role::agent, Role::customer, Role::automatic}) {
      const std::vector<std::string> by_sentence = found(doc, role, false);
      const std::vector<std::string> whole = found(doc, role, true);
      std::string diff;
      for (const auto& x : by_sentence)
        if (std::find(whole.begin(), whole.end(), x) == whole.end()) diff += " +" + x;
      for (const auto& x : whole)
        if (std::find(by_sentence.begin(), by_sentence.end(), x) == by_sentence.end())
          diff += " -" + x;
      CHECK_MESSAGE(diff.empty(), t, diff);
      findings += by_sentence.size();
    }
  }
  MESSAGE(texts.size(), " texts (", scoped, " scoped), ", findings, " findings");
  CHECK(scoped * 2 > texts.size());
  CHECK(findings > texts.size());
}

// The rewrite's re-check asks only for the sentences its edits touched.
TEST_CASE("match_within finds, in the sentences asked for, what match finds") {
  std::shared_ptr<const rules::Pack> pack = testing::default_pack();
  std::string t;
  for (int k = 0; k < 6; ++k) {
    t += "Thanks for waiting on the order. Calm down, it's our policy. I don't know what "
         "happened. We will fix it today.\n";
  }
  const text::Document doc = text::Document::build(t, pack->sentence_profile(), pack->spellings());
  REQUIRE(doc.sentences().size() > 8);
  std::vector<rules::Finding> all;
  pack->match(doc, Role::agent, &all);
  const std::vector<text::Range> within = {doc.sentences()[1].view, doc.sentences()[6].view};
  std::vector<rules::Finding> some;
  pack->match_within(doc, Role::agent, within, &some, nullptr);
  auto in = [&](const rules::Finding& f, std::size_t s) {
    return doc.sentence_at(f.view.begin) == s;
  };
  std::size_t asked = 0;
  for (std::size_t s : {std::size_t{1}, std::size_t{6}}) {
    std::vector<std::string> a, b;
    for (const auto& f : all)
      if (in(f, s)) a.push_back(f.rule->id + std::to_string(f.view.begin));
    for (const auto& f : some)
      if (in(f, s)) b.push_back(f.rule->id + std::to_string(f.view.begin));
    CHECK(a == b);
    asked += a.size();
  }
  CHECK(asked >= 2);
  // Sentences far from those asked for are not searched.
  CHECK(some.size() < all.size());
}

}  // namespace tact
