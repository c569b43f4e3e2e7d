// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Every kind of pack load error, with the exact "file:line: rule-id: reason"
// message a pack author sees.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "pack_helpers.hpp"

namespace tact {
namespace {

using testing::load_text;

// A valid rule; tests replace or add one line to break it.
const std::string kRule =
    "[[rule]]\n"                                  // 1
    "id = \"trigger.refusal.we-cant\"\n"          // 2
    "patterns = ['''we can'?t''']\n"              // 3
    "message = \"Say what you can do.\"\n"        // 4
    "examples = [\"We can't do that.\"]\n"        // 5
    "counterexamples = [\"We can do that.\"]\n";  // 6

Status load(const std::string& text) {
  std::shared_ptr<const rules::Pack> pack;
  const Status s = load_text(text, &pack);
  CHECK((s.ok() == (pack != nullptr)));
  return s;
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const std::size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

TEST_CASE("the valid rule loads") {
  CHECK(load(kRule).ok());
}

TEST_CASE("bad TOML names the line where the parser stopped") {
  const Status s = load(kRule + "unless = [\"fine\"\nseverity = \"error\"\n");
  CHECK(s.code == Code::rules);
  CHECK(s.message ==
        "t.toml:8: invalid TOML: Error while parsing array: expected comma or closing ']', saw "
        "'s'");
}

TEST_CASE("TOML nested past toml++'s recursion is refused before it parses") {
  auto times = [](const std::string& unit, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += unit;
    return s;
  };
  // 50,000 key parts overflowed the stack inside toml::parse (issue 12).
  Status s = load("a" + times(".a", 50000) + "=1\n");
  CHECK(s.code == Code::rules);
  CHECK(s.message == "t.toml:1: invalid TOML: dotted key deeper than 64 levels");
  s = load(kRule + "[a" + times(".a", 64) + "]\n");
  CHECK(s.message == "t.toml:7: invalid TOML: table header deeper than 64 levels");
  s = load(kRule + "[[a" + times(" . 'a'", 64) + "]]\n");
  CHECK(s.message == "t.toml:7: invalid TOML: table header deeper than 64 levels");
  const std::string nesting = "invalid TOML: array deeper than 64 levels";
  s = load(kRule + "x = " + times("[", 65) + "\n");
  CHECK(s.message == "t.toml:7: " + nesting);
  s = load(kRule + "x = [\n1,\n" + times("{a=", 70) + "\n");
  CHECK(s.message == "t.toml:9: invalid TOML: key deeper than 64 levels");
  // Key parts inside inline tables add to their depth.
  s = load(kRule + "x = {" + times("a.", 40) + "b = " + times("[", 30) + "\n");
  CHECK(s.message == "t.toml:7: " + nesting);

  // At the limits toml++ parses them, and the reader names what it does
  // not know.
  s = load("a" + times(".a", 63) + "=1\n" + kRule);
  CHECK(s.message == "t.toml:1: unknown field 'a'");
  s = load(kRule + "x = " + times("[", 62) + times("]", 62) + "\n");
  CHECK(s.message == "t.toml:7: trigger.refusal.we-cant: unknown field 'x'");

  // Dots and brackets in strings and comments count for nothing.
  const std::string many = times(".[{", 200);
  CHECK(load("description = \"" + many + "\\\"" + many + "\"\n" + kRule).ok());
  CHECK(load("description = '" + many + "'\n" + kRule).ok());
  CHECK(load("description = \"\"\"\n" + many + "\\\"\"\"\n" + many + "\n\"\"\"\"\n" + kRule).ok());
  CHECK(load("description = '''" + many + "\n'\"" + many + "'''''\n" + kRule).ok());
  CHECK(load("# " + many + "\n" + kRule + "unless = [ # " + many + "\n  \"x\" ]\n").ok());
  CHECK(load("\"" + many + "\" = 1\n" + kRule).message == "t.toml:1: unknown field '" + many + "'");
}

TEST_CASE("a huge invalid pattern gives a bounded message and nothing on stderr") {
  // Issue 12: a 4 MB pattern gave a 4 MB message (RE2's reason repeats it).
  const std::string big = "(" + std::string(4 << 20, 'x');
  const std::string text = replace(kRule, "'''we can'?t'''", "'''" + big + "'''");
  std::FILE* capture = std::tmpfile();
  REQUIRE(capture != nullptr);
  std::fflush(stderr);
  const int saved = dup(2);
  REQUIRE(dup2(fileno(capture), 2) == 2);
  const Status s = load(text);
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  CHECK(std::ftell(capture) == 0);  // RE2 logs nothing
  std::fclose(capture);
  CHECK(s.code == Code::rules);
  CHECK(s.message.size() < 600);
  CHECK(s.message.rfind("t.toml:3: trigger.refusal.we-cant: invalid RE2 in pattern \"(xxx", 0) ==
        0);
  CHECK(s.message.find("x\xE2\x80\xA6\": missing ): (xxx") != std::string::npos);
  CHECK(s.message.substr(s.message.size() - 3) == "\xE2\x80\xA6");
  // A character is never cut: 199 ASCII bytes then "é" keep "é" out whole.
  const std::string accented = std::string(199, 'a') + "\xC3\xA9" + "(";
  const Status t = load(replace(kRule, "'''we can'?t'''", "'''" + accented + "'''"));
  CHECK(t.message.find(std::string(199, 'a') + "\xE2\x80\xA6\"") != std::string::npos);
}

TEST_CASE("an unknown field in a rule names the rule") {
  const Status s = load(kRule + "sugestions = [\"we can\"]\n");
  CHECK(s.code == Code::rules);
  CHECK(s.message == "t.toml:7: trigger.refusal.we-cant: unknown field 'sugestions'");
}

TEST_CASE("an unknown top-level field") {
  const Status s = load("nmae = \"acme\"\n" + kRule);
  CHECK(s.message == "t.toml:1: unknown field 'nmae'");
}

TEST_CASE("an unknown category") {
  const Status s = load(replace(kRule, "trigger.refusal.we-cant", "trigger.sadness.we-cant"));
  CHECK(s.code == Code::rules);
  CHECK(s.message ==
        "t.toml:2: trigger.sadness.we-cant: unknown category 'sadness' for family trigger (the "
        "packs define: refusal, uncertainty, dismissive, condescending, blame, policy_shield, "
        "deflection, overpromise, hold_transfer, demanding, negative_framing, hostile)");
}

TEST_CASE("a pack defines categories; a later one adds or rewords them") {
  const std::string sadness =
      "[categories.trigger.sadness]\nname = \"Sadness\"\nmessage = \"Sounds defeated.\"\n" +
      replace(replace(kRule, "trigger.refusal.we-cant", "trigger.sadness.we-cant"),
              "message = \"Say what you can do.\"\n", "");
  std::shared_ptr<const rules::Pack> pack;
  REQUIRE(load_text(sadness, &pack).ok());
  const rules::Rule& r = pack->rule(pack->size() - 1);
  CHECK(r.category == "sadness");
  CHECK(r.message == "Sounds defeated.");  // the category's, the rule giving none
  CHECK(pack->categories().back().id == "sadness");
  CHECK(pack->categories().back().name == "Sadness");
  // Rewording an existing category keeps its place and changes its message.
  REQUIRE(load_text("[categories.trigger.refusal]\nname = \"No\"\nmessage = \"Offer a way.\"\n",
                    &pack, true)
              .ok());
  CHECK(pack->categories().front().id == "refusal");
  CHECK(pack->categories().front().message == "Offer a way.");
  // The default pack's refusal rules that take their category's message now
  // give the reworded one.
  std::size_t reworded = 0;
  for (std::size_t i = 0; i < pack->size(); ++i) {
    if (pack->rule(i).category == "refusal" && pack->rule(i).message == "Offer a way.") ++reworded;
  }
  CHECK(reworded > 5);

  CHECK(load("[categories.trigger.sadness]\nmessage = \"x\"\n").message ==
        "t.toml:1: categories.trigger.sadness needs a 'name'");
  CHECK(load("[categories.feeling.sadness]\nname = \"x\"\n").message ==
        "t.toml:1: categories: unknown family 'feeling' (trigger, technique or signal)");
  CHECK(load("[categories.trigger.\"sad ness\"]\nname = \"x\"\n").message ==
        "t.toml:1: categories.trigger.sad ness: an id is letters, digits, '_' and '-'");
  CHECK(load("[categories.trigger.sadness]\nname = \"x\"\ncolour = \"blue\"\n").message ==
        "t.toml:3: categories.trigger.sadness: unknown field 'colour'");
}

TEST_CASE("a pack's rewrite typography") {
  std::shared_ptr<const rules::Pack> pack;
  REQUIRE(load_text("[rewrite]\nlowercase_mid_sentence = false\nkeep_capital = [\"Sie\"]\n", &pack)
              .ok());
  CHECK_FALSE(pack->rewrite_style().lowercase_mid_sentence);
  CHECK(pack->rewrite_style().keep_capital == std::vector<std::string>{"Sie"});
  // Without [rewrite], the language's embedded pack's.
  REQUIRE(load_text(kRule, &pack).ok());
  CHECK(pack->rewrite_style().lowercase_mid_sentence);
  CHECK(pack->rewrite_style().keep_capital.front() == "I");
  CHECK(load("[rewrite]\nlowercase = false\n").message ==
        "t.toml:2: rewrite: unknown field 'lowercase'");
  CHECK(load("[rewrite]\nlowercase_mid_sentence = 1\n").message ==
        "t.toml:2: rewrite.lowercase_mid_sentence must be true or false");
  CHECK(pack->rewrite_style().capitalise_sentence_start);
  REQUIRE(load_text("[rewrite]\ncapitalise_sentence_start = false\n", &pack).ok());
  CHECK_FALSE(pack->rewrite_style().capitalise_sentence_start);
  CHECK(load("[rewrite]\ncapitalise_sentence_start = \"no\"\n").message ==
        "t.toml:2: rewrite.capitalise_sentence_start must be true or false");
  CHECK(pack->rewrite_style().empty_reply.empty());  // a later [rewrite] replaces the table
  REQUIRE(load_text("[rewrite]\nempty_reply = \"Noted.\"\n", &pack).ok());
  CHECK(pack->rewrite_style().empty_reply == "Noted.");
  CHECK(load("[rewrite]\nempty_reply = 1\n").message ==
        "t.toml:2: rewrite.empty_reply must be a string");
}

TEST_CASE("a pack's language must be the analyzer's") {
  CHECK(load("language = \"de\"\n" + kRule).message ==
        "t.toml:1: language: the pack is for 'de' but the analyzer's language is 'en'");
  CHECK(load("language = \"en us\"\n" + kRule).message ==
        "t.toml:1: language: 'en us' is not a BCP 47 tag");
  CHECK(load("language = \"en\"\n" + kRule).ok());
}

TEST_CASE("a category of another family") {
  const Status s = load(replace(kRule, "trigger.refusal.we-cant", "signal.refusal.we-cant"));
  CHECK(s.message.rfind(
            "t.toml:2: signal.refusal.we-cant: unknown category 'refusal' for family signal (the "
            "packs define: manager_request, ",
            0) == 0);
}

TEST_CASE("an unknown family") {
  const Status s = load(replace(kRule, "trigger.refusal.we-cant", "warning.refusal.we-cant"));
  CHECK(s.message == "t.toml:2: warning.refusal.we-cant: unknown family 'warning'");
}

TEST_CASE("an id that is not family.category.name") {
  const Status s = load(replace(kRule, "trigger.refusal.we-cant", "we-cant"));
  CHECK(s.message == "t.toml:2: we-cant: id must have the form family.category.name");
}

TEST_CASE("a family or category field that disagrees with the id") {
  CHECK(load(kRule + "family = \"signal\"\n").message ==
        "t.toml:7: trigger.refusal.we-cant: family 'signal' does not match the id");
  CHECK(load(kRule + "category = \"blame\"\n").message ==
        "t.toml:7: trigger.refusal.we-cant: category 'blame' does not match the id");
  CHECK(load(kRule + "family = \"trigger\"\ncategory = \"refusal\"\n").ok());
}

TEST_CASE("an unknown severity") {
  const Status s = load(kRule + "severity = \"critical\"\n");
  CHECK(s.message == "t.toml:7: trigger.refusal.we-cant: unknown severity 'critical'");
}

TEST_CASE("severity on a rule that is not a trigger") {
  const std::string signal = replace(kRule, "trigger.refusal.we-cant", "signal.urgency.we-cant");
  CHECK(load(signal + "severity = \"error\"\n").message ==
        "t.toml:7: signal.urgency.we-cant: 'severity' applies only to triggers");
}

TEST_CASE("an unknown role") {
  const Status s = load(kRule + "roles = [\"agent\", \"manager\"]\n");
  CHECK(s.message == "t.toml:7: trigger.refusal.we-cant: unknown role 'manager'");
}

TEST_CASE("invalid RE2 names the pattern and RE2's reason") {
  const Status s = load(replace(kRule, "'''we can'?t'''", "'''we (can'?t'''"));
  CHECK(s.code == Code::rules);
  CHECK(s.message ==
        "t.toml:3: trigger.refusal.we-cant: invalid RE2 in pattern \"we (can'?t\": missing ): "
        "we (can'?t");
}

TEST_CASE("RE2 rejects lookaround, so the pack does too") {
  const Status s = load(replace(kRule, "'''we can'?t'''", "'''we can(?!not)'''"));
  CHECK(s.message ==
        "t.toml:3: trigger.refusal.we-cant: invalid RE2 in pattern \"we can(?!not)\": invalid "
        "perl operator: (?!");
}

TEST_CASE("invalid RE2 in an unless pattern, on its own line") {
  const Status s = load(kRule + "unless = [\n  '''fine''',\n  '''[a-'''\n]\n");
  CHECK(s.message ==
        "t.toml:9: trigger.refusal.we-cant: invalid RE2 in unless \"[a-\": missing ]: [a-");
}

TEST_CASE("a duplicate id within one pack names both places") {
  const Status s = load(kRule + "\n" + kRule);
  CHECK(s.code == Code::rules);
  CHECK(s.message == "t.toml:8: trigger.refusal.we-cant: duplicate id (first defined at t.toml:1)");
}

TEST_CASE("patterns that can match the empty string") {
  for (const char* pattern : {"(?:we can'?t)?", "\\b", "x*", "^", "(?:|no)", "$"}) {
    CAPTURE(pattern);
    const Status s = load(replace(kRule, "'''we can'?t'''", std::string("'''") + pattern + "'''"));
    CHECK(s.message == std::string("t.toml:3: trigger.refusal.we-cant: pattern \"") + pattern +
                           "\" can match the empty string");
  }
  CHECK(load(replace(kRule, "'''we can'?t'''", "\"\"")).message ==
        "t.toml:3: trigger.refusal.we-cant: pattern \"\" can match the empty string");
}

TEST_CASE("an unless pattern that can match the empty string") {
  CHECK(load(kRule + "unless = ['''(?:fine)?''']\n").message ==
        "t.toml:7: trigger.refusal.we-cant: unless \"(?:fine)?\" can match the empty string");
}

TEST_CASE("a suggestion with an unknown capture name") {
  const Status s = load(kRule + "suggestions = [\"we can {verb}\"]\n");
  CHECK(s.code == Code::rules);
  CHECK(s.message ==
        "t.toml:7: trigger.refusal.we-cant: suggestion \"we can {verb}\" uses unknown capture "
        "{verb}");
}

TEST_CASE("a capture must exist in every pattern the suggestion can follow") {
  std::string rule =
      replace(kRule, "'''we can'?t'''", "'''we can'?t (?P<verb>help)''', '''we cannot'''");
  CHECK(load(rule + "suggestions = [\"we aren't able to {verb}\"]\n").message ==
        "t.toml:7: trigger.refusal.we-cant: suggestion \"we aren't able to {verb}\" uses unknown "
        "capture {verb}");
  rule = replace(kRule, "'''we can'?t'''",
                 "'''we can'?t (?P<verb>help)''', '''we cannot (?P<verb>help)'''");
  CHECK(load(rule + "suggestions = [\"we aren't able to {verb}\"]\n").ok());
}

TEST_CASE("a suggestion with a stray brace") {
  CHECK(load(kRule + "suggestions = [\"we can }\"]\n").message ==
        "t.toml:7: trigger.refusal.we-cant: suggestion \"we can }\": stray '}' at offset 7");
  CHECK(load(kRule + "suggestions = [\"we can {{verb}}\"]\n").ok());
}

TEST_CASE("suggestions on a rule that is not a trigger") {
  const std::string technique =
      replace(kRule, "trigger.refusal.we-cant", "technique.solution.we-cant");
  CHECK(load(technique + "suggestions = [\"x\"]\n").message ==
        "t.toml:7: technique.solution.we-cant: 'suggestions' apply only to triggers");
}

TEST_CASE("missing examples or counterexamples") {
  const std::string want =
      "t.toml:1: trigger.refusal.we-cant: missing examples: a rule needs at least one text in "
      "'examples' (must flag) and one in 'counterexamples' (must not flag)";
  CHECK(load(replace(kRule, "examples = [\"We can't do that.\"]\n", "")).message == want);
  CHECK(load(replace(kRule, "counterexamples = [\"We can do that.\"]\n", "")).message == want);
  CHECK(load(replace(kRule, "counterexamples = [\"We can do that.\"]", "counterexamples = []"))
            .message == want);
}

TEST_CASE("a trigger without a message") {
  // Its category's message serves.
  CHECK(load(replace(kRule, "message = \"Say what you can do.\"\n", "")).ok());
  CHECK(load("[categories.trigger.sadness]\nname = \"Sadness\"\n" +
             replace(replace(kRule, "trigger.refusal.we-cant", "trigger.sadness.we-cant"),
                     "message = \"Say what you can do.\"\n", ""))
            .message ==
        "t.toml:3: trigger.sadness.we-cant: missing message (none in the rule, its file's "
        "[messages] or its category)");
  // A category default in [messages] serves.
  CHECK(load("[messages]\nrefusal = \"Say what you can do.\"\n" +
             replace(kRule, "message = \"Say what you can do.\"\n", ""))
            .ok());
}

TEST_CASE("a rule without an id or patterns") {
  CHECK(load(replace(kRule, "id = \"trigger.refusal.we-cant\"\n", "")).message ==
        "t.toml:1: rule has no 'id'");
  CHECK(load(replace(kRule, "patterns = ['''we can'?t''']\n", "")).message ==
        "t.toml:1: trigger.refusal.we-cant: rule has no 'patterns'");
}

TEST_CASE("fields of the wrong type") {
  CHECK(load(replace(kRule, "message = \"Say what you can do.\"", "message = 3")).message ==
        "t.toml:4: trigger.refusal.we-cant: field 'message' must be a string");
  CHECK(load(replace(kRule, "examples = [\"We can't do that.\"]", "examples = [1]")).message ==
        "t.toml:5: trigger.refusal.we-cant: field 'examples' must be an array of strings");
  CHECK(load(kRule + "in_quotes = \"yes\"\n").message ==
        "t.toml:7: trigger.refusal.we-cant: field 'in_quotes' must be a boolean");
}

TEST_CASE("detector rules") {
  const std::string caps =
      "[[rule]]\nid = \"signal.shouting.caps\"\ndetector = \"caps\"\n"
      "examples = [\"I SAID NO\"]\ncounterexamples = [\"my PIN\"]\n";
  CHECK(load(caps).ok());
  CHECK(load(replace(caps, "\"caps\"", "\"loud\"")).message ==
        "t.toml:3: signal.shouting.caps: unknown detector 'loud'");
  CHECK(load(caps + "patterns = ['''!!!''']\n").message ==
        "t.toml:6: signal.shouting.caps: a rule has either 'patterns' or a 'detector', not both");
  CHECK(load(kRule + "acronyms = [\"SIM\"]\n").message ==
        "t.toml:1: trigger.refusal.we-cant: 'acronyms' and 'emphatic_words' need detector = "
        "\"caps\"");
}

TEST_CASE("layering errors") {
  CHECK(load("extends = \"fr\"\n" + kRule).message ==
        "t.toml:1: extends: unknown pack 'fr' (known: en)");
  CHECK(load("disable = [\"trigger.refusal.nothing-here\"]\n" + kRule).message ==
        "t.toml:1: disable: no earlier rule has id 'trigger.refusal.nothing-here'");
  CHECK(load("include = [\"more.toml\"]\n" + kRule).message ==
        "t.toml:1: 'include', 'model' and 'tone' need a pack read from a file");
  CHECK(load("tone = \"tone.toml\"\n" + kRule).message ==
        "t.toml:1: 'include', 'model' and 'tone' need a pack read from a file");
}

TEST_CASE("an unreadable file is an I/O error naming the file") {
  Options options;
  options.default_pack = false;
  options.rule_files = {"/nonexistent/acme.toml"};
  std::shared_ptr<const rules::Pack> pack;
  const Status s = rules::Pack::load(options, &pack);
  CHECK(s.code == Code::io);
  CHECK(s.message == "/nonexistent/acme.toml: cannot read: No such file or directory");
}

TEST_CASE("errors in a file name the file's path, and includes resolve beside it") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("tact_rules_load_errors_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string top = (dir / "top.toml").string();
  const std::string part = (dir / "part.toml").string();
  std::ofstream(top) << "name = \"acme\"\ninclude = [\"part.toml\"]\n";
  std::ofstream(part) << kRule << "severity = \"loud\"\n";
  Options options;
  options.default_pack = false;
  options.rule_files = {top};
  std::shared_ptr<const rules::Pack> pack;
  Status s = rules::Pack::load(options, &pack);
  CHECK(s.message == part + ":7: trigger.refusal.we-cant: unknown severity 'loud'");

  std::ofstream(part) << kRule;
  CHECK(rules::Pack::load(options, &pack).ok());
  CHECK(pack->size() == 1);

  std::ofstream(top) << "include = [\"missing.toml\"]\n";
  s = rules::Pack::load(options, &pack);
  CHECK(s.code == Code::io);
  CHECK(s.message == top + ":1: include: " + (dir / "missing.toml").string() +
                         ": cannot read: No such file or directory");
  std::filesystem::remove_all(dir);
}

TEST_CASE("max_pack_bytes and max_rules") {
  Options options;
  options.default_pack = false;
  options.rule_texts = {{"t.toml", kRule}};
  options.max_pack_bytes = 100;
  std::shared_ptr<const rules::Pack> pack;
  Status s = rules::Pack::load(options, &pack);
  CHECK(s.code == Code::rules);
  CHECK(s.message ==
        "t.toml: " + std::to_string(kRule.size()) + " bytes is more than max_pack_bytes (100)");

  options.max_pack_bytes = 1 << 20;
  options.rule_texts = {{"t.toml", kRule + "\n" + replace(kRule, "we-cant", "we-cannot")}};
  options.max_rules = 1;
  s = rules::Pack::load(options, &pack);
  CHECK(s.code == Code::rules);
  CHECK(s.message == "t.toml:8: trigger.refusal.we-cannot: more than max_rules (1) rules");

  // The embedded pack counts too.
  options = Options();
  options.max_rules = 10;
  s = rules::Pack::load(options, &pack);
  CHECK(s.code == Code::rules);
  CHECK(s.message.find("more than max_rules (10) rules") != std::string::npos);
}

TEST_CASE("a bad [sentences] table names the entry") {
  const auto sentences = [](const std::string& body) {
    return load("[sentences]\n" + body + kRule);
  };
  CHECK(sentences("abbreviations = [\"Mr\", \"Dr\"]\nterminators = [\"\u0589\"]\n").ok());
  CHECK(sentences("abbreviations = [\"Mr\",\n  \"\"]\n").message ==
        "t.toml:3: sentences.abbreviations: \"\": an abbreviation is not empty");
  CHECK(sentences("abbreviations = [\"" + std::string(33, 'x') + "\"]\n").message ==
        "t.toml:2: sentences.abbreviations: \"" + std::string(33, 'x') +
            "\": an abbreviation has at most 32 bytes");
  CHECK(sentences("abbreviations = [\"Mr.\"]\n").message ==
        "t.toml:2: sentences.abbreviations: \"Mr.\": an abbreviation is listed without its final "
        "'.'");
  CHECK(sentences("abbreviations = [\"e. g\"]\n").message ==
        "t.toml:2: sentences.abbreviations: \"e. g\": an abbreviation is one word: letters (and "
        "marks, digits) starting with a letter, with '.' or apostrophes only between letters");
  std::string many = "abbreviations = [";
  for (int i = 0; i < 1001; ++i) many += "\"A" + std::to_string(i) + "\", ";
  CHECK(sentences(many + "]\n").message ==
        "t.toml:2: sentences.abbreviations: 1001 entries, more than 1000");
  CHECK(sentences("terminators = [\"\u0589\u0589\"]\n").message ==
        "t.toml:2: sentences.terminators: \"\u0589\u0589\": a terminator is one code point");
  CHECK(sentences("terminators = [\";\"]\n").message ==
        "t.toml:2: sentences.terminators: \";\": a terminator is not ASCII (. ! ? end sentences "
        "already; the rest of ASCII punctuation has other parts)");
  CHECK(sentences("abbreviations = [1]\n").message ==
        "t.toml:2: field 'sentences.abbreviations' must be an array of strings");
  CHECK(sentences("abbrevs = []\n").message == "t.toml:2: sentences: unknown field 'abbrevs'");
  CHECK(load("sentences = 1\n" + kRule).message == "t.toml:1: 'sentences' must be a table");
}

TEST_CASE("a bad [spellings] table names the entry") {
  const auto spellings = [](const std::string& body) {
    return load("[spellings]\n" + body + kRule);
  };
  CHECK(spellings("u = \"you\"\ndont = \"don't\"\n").ok());
  CHECK(spellings("u = 1\n").message ==
        "t.toml:2: spellings.u must be a string (its written form) or a table (written, before, "
        "written_before)");
  CHECK(spellings("u = \"you\"\nU2 = \"you too\"\n").message ==
        "t.toml:3: spellings: \"U2\": a word is lower-case ASCII letters");
  CHECK(spellings("u = \"you  there\"\n").message ==
        "t.toml:2: spellings: \"u\": a written form is ASCII words (letters and apostrophes) "
        "with single spaces between");
  CHECK(spellings("ur = { written = \"your\", before = [\"-ing\"], written_before = "
                  "\"you're\" }\n")
            .ok());
  CHECK(spellings("ur = { written = \"your\", before = [\"-ing\"] }\n").message ==
        "t.toml:2: spellings: \"ur\": 'before' (words or \"-suffixes\") and 'written_before' "
        "go together, with 'written'");
  CHECK(spellings("ur = { written = \"your\", after = [] }\n").message ==
        "t.toml:2: spellings.ur: unknown field 'after'");
  std::string many;
  for (int i = 0; i < 1001; ++i) {
    std::string word;
    for (int n = i; word.empty() || n > 0; n /= 26) word += static_cast<char>('a' + n % 26);
    many += word + "x = \"y\"\n";
  }
  CHECK(spellings(many).message == "t.toml:1: spellings: 1001 entries, more than 1000");
  CHECK(load("spellings = 1\n" + kRule).message == "t.toml:1: 'spellings' must be a table");
}

TEST_CASE("the Analyzer reports a pack error as its status") {
  Options options;
  options.rule_texts = {{"acme.toml", replace(kRule, "trigger.refusal", "trigger.sadness")}};
  const core::Analyzer analyzer(options);
  CHECK_FALSE(analyzer.ok());
  CHECK(analyzer.status().code == Code::rules);
  CHECK(analyzer.status().message.rfind(
            "acme.toml:2: trigger.sadness.we-cant: unknown category 'sadness' for family trigger "
            "(the packs define: refusal, ",
            0) == 0);
}

}  // namespace
}  // namespace tact
