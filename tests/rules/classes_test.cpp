// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Vocabulary classes: expansion into patterns, escaping of literal entries,
// inflection from the pack's data, layering (add, remove, redefine) and the
// load errors that name the class or the rule.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "pack_helpers.hpp"
#include "rules/classes.hpp"

namespace tact {
namespace {

using testing::hits;
using testing::load_text;
using testing::pack_of;
using testing::rules_flagging;

// A rule over `pattern`, preceded by `head` (class definitions).
std::string pack_with(const std::string& head, const std::string& pattern,
                      const std::string& example = "x", const std::string& counter = "zzz") {
  return head + "\n[[rule]]\nid = \"trigger.refusal.t\"\nmessage = \"m\"\n" + "patterns = ['''" +
         pattern + "''']\nexamples = [\"" + example + "\"]\ncounterexamples = [\"" + counter +
         "\"]\n";
}

std::vector<std::string> spans(const rules::Pack& pack, const std::string& message) {
  std::vector<std::string> out;
  for (const auto& h : hits(pack, message)) out.push_back(h.text);
  return out;
}

const std::string kVerb =
    "[inflections.verb]\n"
    "forms = [\n"
    "  ['''([^aeiou])y$ -> \\1ies''', '''(s|x|z|ch|sh|o)$ -> \\1es''', '''$ -> s'''],\n"
    "  ['''([^aeiou])y$ -> \\1ied''', '''e$ -> ed''', "
    "'''^([^aeiou]*[aeiou])([bdgmnprt])$ -> \\1\\2\\2ed''', '''$ -> ed'''],\n"
    "  ['''ie$ -> ying''', '''([^aeiouy])e$ -> \\1ing''', "
    "'''^([^aeiou]*[aeiou])([bdgmnprt])$ -> \\1\\2\\2ing''', '''$ -> ing'''],\n"
    "]\n"
    "[inflections.verb.irregular]\n"
    "pay = [\"pays\", \"paid\", \"paying\"]\n";

TEST_CASE("a class expands into an alternation of its phrases") {
  rules::ClassTable table;
  rules::ClassOp op;
  op.name = "cannot";
  op.define = true;
  op.words = {{"can't", 1}, {"unable to", 1}, {"a.b (c)", 1}, {"work-around", 1}};
  REQUIRE(table.apply(op).ok());
  std::string out;
  std::string error;
  REQUIRE(table.expand("we {cannot} help", &out, &error));
  CHECK(out == "we (?:can'?t|unable to|a\\.b \\(c\\)|work[- ]?around) help");
  // Repetitions, escapes and character classes are not references.
  REQUIRE(table.expand("a{2,3} \\{cannot} [{cannot}]", &out, &error));
  CHECK(out == "a{2,3} \\{cannot} [{cannot}]");
  CHECK(rules::ClassTable::uses_classes("x {cannot}"));
  CHECK(rules::ClassTable::uses_classes("x {cannot:verb}"));
  CHECK_FALSE(rules::ClassTable::uses_classes("x{2} \\{cannot} [{cannot}] {Cannot} {1x}"));
  CHECK_FALSE(table.expand("{nope}", &out, &error));
  CHECK(error == "unknown class {nope}");
}

TEST_CASE("literal entries: apostrophes optional, hyphens open, punctuation escaped, any case") {
  const auto pack = pack_of(pack_with(
      "[classes]\nphrase = [\"can't\", \"Work-Around\", \"1+1 (ok)\", \"don\xE2\x80\x99t\"]",
      "x {phrase}", "x cant", "x can"));
  CHECK(spans(*pack, "x can't x cant x CAN'T") ==
        std::vector<std::string>{"x can't", "x cant", "x CAN'T"});
  CHECK(spans(*pack, "x work around, x workaround, x work-around") ==
        std::vector<std::string>{"x work around", "x workaround", "x work-around"});
  CHECK(spans(*pack, "x 1+1 (ok) x 11 ok") == std::vector<std::string>{"x 1+1 (ok)"});
  CHECK(spans(*pack, "x don\xE2\x80\x99t x dont") ==
        std::vector<std::string>{"x don\xE2\x80\x99t", "x dont"});
}

TEST_CASE("a regex class keeps its entries as RE2") {
  const auto pack = pack_with(
      "[classes]\nmonth = { regex = true, words = ['''jan(?:uary)?''', "
      "'''feb(?:ruary)?'''] }",
      "in {month}", "in jan", "in june");
  CHECK(spans(*pack_of(pack), "in january, in feb, in june") ==
        std::vector<std::string>{"in january", "in feb"});
}

TEST_CASE("classes may use classes; cycles are errors that name the class") {
  const auto pack =
      pack_of(pack_with("[classes]\ncannot = [\"can't\", \"unable to\"]\nwe_cannot = [\"we "
                        "{cannot}\", \"i {cannot}\"]",
                        "{we_cannot} help", "we can't help", "we can help"));
  CHECK(spans(*pack, "I unable to help") == std::vector<std::string>{"I unable to help"});

  std::shared_ptr<const rules::Pack> out;
  Status s = load_text(pack_with("[classes]\na = [\"x {b}\"]\nb = [\"y {a}\"]", "{a}"), &out);
  CHECK(s.code == Code::rules);
  CHECK(s.message == "t.toml:2: classes.a: class {a} refers to itself through {a}, {b}");
  s = load_text(pack_with("[classes]\na = [\"x {nope}\"]", "{a}"), &out);
  CHECK(s.message == "t.toml:2: classes.a: unknown class {nope}");
}

TEST_CASE("inflection comes from the pack's suffix rules and irregular table") {
  const std::string head =
      kVerb +
      "[classes]\nhelpv = { words = [\"help\", \"try\", \"stop\", \"arrange\", "
      "\"fix\", \"pay\", \"log in\"], inflect = \"verb\" }\nplain = [\"help\"]";
  const auto pack = pack_of(pack_with(head, "we {helpv}", "we helped", "we helpful"));
  for (const char* form :
       {"we help",      "we helps",   "we helped",    "we helping", "we try",      "we tries",
        "we tried",     "we trying",  "we stop",      "we stopped", "we stopping", "we arranged",
        "we arranging", "we fixes",   "we fixed",     "we pay",     "we paid",     "we paying",
        "we logged in", "we logs in", "we logging in"}) {
    CHECK_MESSAGE(spans(*pack, form) == std::vector<std::string>{form}, form);
  }
  CHECK(spans(*pack, "we payed").empty());  // the irregular table replaces the rules
  CHECK(spans(*pack, "we stoped").empty());
  CHECK(spans(*pack, "we arrangeing").empty());

  // {class:inflection} inflects a plain class where it is used.
  const auto inline_pack = pack_of(pack_with(head, "we {plain:verb}", "we helping"));
  CHECK(spans(*inline_pack, "we helped") == std::vector<std::string>{"we helped"});
  const auto base = pack_of(pack_with(head, "we {plain}", "we help"));
  CHECK(spans(*base, "we helped").empty());
}

TEST_CASE("a house pack adds to, trims and redefines a class of an earlier pack") {
  const std::string base = pack_with("[classes]\nrival = [\"acme\", \"globex\"]",
                                     "switch to {rival}", "switch to acme", "switch to you");
  const std::string house_add =
      "[classes]\nrival.add = [\"Initech\"]\nrival.remove = [\"globex\"]\n";
  Options options;
  options.default_pack = false;
  options.rule_texts = {{"base.toml", base}, {"house.toml", house_add}};
  std::shared_ptr<const rules::Pack> pack;
  REQUIRE(rules::Pack::load(options, &pack).ok());
  CHECK(spans(*pack, "switch to initech. switch to globex. switch to acme.") ==
        std::vector<std::string>{"switch to initech", "switch to acme"});

  options.rule_texts = {{"base.toml", base}, {"house.toml", "[classes]\nrival = [\"hooli\"]\n"}};
  REQUIRE(rules::Pack::load(options, &pack).ok());
  CHECK(spans(*pack, "switch to hooli. switch to acme.") ==
        std::vector<std::string>{"switch to hooli"});

  // The rule's own example no longer holds; that is the house pack's choice,
  // and `tact rules check` reports it.
  CHECK(pack->check_examples().size() == 1);
}

TEST_CASE("a house pack extends a class of the default pack") {
  Options options;
  options.rule_texts = {{"house.toml", "[classes]\ncant.add = [\"powerless to\"]\n"}};
  std::shared_ptr<const rules::Pack> pack;
  const Status s = rules::Pack::load(options, &pack);
  REQUIRE_MESSAGE(s.ok(), s.message);
  const std::string text = "We are powerless to refund the fee.";
  CHECK(rules_flagging(*testing::default_pack(), text).empty());
  CHECK_FALSE(rules_flagging(*pack, text).empty());
  CHECK(pack->check_examples().empty());
}

TEST_CASE("class load errors name the class or the rule") {
  std::shared_ptr<const rules::Pack> out;
  auto error_of = [&](const std::string& text) {
    const Status s = load_text(text, &out);
    CHECK(s.code == Code::rules);
    CHECK((out == nullptr));
    return s.message;
  };
  CHECK(error_of(pack_with("", "we {cannot}")) ==
        "t.toml:5: trigger.refusal.t: unknown class {cannot} in pattern \"we {cannot}\"");
  CHECK(error_of(pack_with("[classes]\nx = []", "{x}")) == "t.toml:2: classes.x: class is empty");
  CHECK(error_of(pack_with("[classes]\nx = [\"a\", \" \"]", "{x}")) ==
        "t.toml:2: classes.x: empty entry");
  CHECK(error_of(pack_with("[classes]\nx = [\"a\", 3]", "{x}")) ==
        "t.toml:2: classes.x: field 'words' must be an array of strings");
  CHECK(error_of(pack_with("[classes]\nx.add = [\"a\"]", "{x}")) ==
        "t.toml:2: classes.x: no earlier pack defines class {x} to add to or remove from");
  CHECK(error_of(pack_with("[classes]\nx = [\"a\"]\ny = { words = [\"b\"], remove = [\"c\"] }",
                           "{x}")) == "t.toml:3: classes.y: remove: class {y} has no entry \"c\"");
  CHECK(error_of(pack_with("[classes]\nx = { regex = true, words = ['''a(''']}", "{x}")) ==
        "t.toml:2: classes.x: invalid RE2 in entry \"a(\": missing ): a(");
  CHECK(error_of(pack_with("[classes]\nx = { words = [\"a\"], inflect = \"verb\" }", "{x}")) ==
        "t.toml:2: classes.x: class {x}: unknown inflection 'verb'");
  CHECK(error_of(pack_with("[classes]\nx = { words = [\"a\"], color = 1 }", "{x}")) ==
        "t.toml:2: classes.x: unknown field 'color'");
  CHECK(error_of(pack_with("[classes]\nX = [\"a\"]", "{x}")) ==
        "t.toml:2: classes.X: a class name is lower-case");
  CHECK(error_of(pack_with("[inflections.verb]\nforms = [['''y => ies''']]", "x")) ==
        "t.toml:2: inflections.verb: suffix rule \"y => ies\" is not \"PATTERN -> REWRITE\"");
  CHECK(error_of(pack_with("[inflections.verb]\nforms = [['''y$ -> \\2''']]", "x")) ==
        "t.toml:2: inflections.verb: suffix rule \"y$ -> \\2\": Rewrite schema requests 2 "
        "matches, but the regexp only has 0 parenthesized subexpressions.");
  // An expansion that can match nothing but the empty string is the rule's error.
  CHECK(error_of(pack_with("[classes]\nx = { regex = true, words = ['''a?'''] }", "{x}")) ==
        "t.toml:6: trigger.refusal.t: pattern \"{x}\" can match the empty string");
}

TEST_CASE("expansion is bounded") {
  // Each class doubles the one below it: 2^20 copies are refused, not built.
  std::string head = "[classes]\nc0 = [\"abcdefgh\"]\n";
  for (int i = 1; i <= 20; ++i) {
    head += "c" + std::to_string(i) + " = [\"{c" + std::to_string(i - 1) + "}{c" +
            std::to_string(i - 1) + "}\"]\n";
  }
  std::shared_ptr<const rules::Pack> out;
  const Status s = load_text(pack_with(head, "{c20}"), &out);
  CHECK(s.code == Code::rules);
  CHECK(s.message.find("classes.c") != std::string::npos);
  CHECK(s.message.find("expands to more than") != std::string::npos);
}

TEST_CASE("the default pack's classes expand within the pattern budget") {
  const auto pack = testing::default_pack();
  bool any = false;
  for (std::size_t i = 0; i < pack->size(); ++i) {
    for (const std::string& p : pack->rule(i).patterns) {
      CHECK(p.find("{cannot}") == std::string::npos);
      any = any || p.find("unable to") != std::string::npos;
    }
  }
  CHECK(any);
}

}  // namespace
}  // namespace tact
