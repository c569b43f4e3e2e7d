// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The embedded packs' patterns and the default pack's prefilter shards are
// compiled on first use, not at load (rules/regex.hpp): nothing checks them
// when an analyzer is built, so these tests do. rules/en/pack.toml read as a
// caller's file compiles and checks every pattern at load; the embedded
// pack must hold the same patterns, with the same captures and sizes, and
// find the same things. A caller's pack still fails at load.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "pack_helpers.hpp"
#include "rules/compiled_pack.hpp"
#include "rules/layering.hpp"
#include "rules/regex.hpp"

namespace tact {
namespace {

using Regexes = std::vector<std::shared_ptr<const rules::Regex>>;

// rules/en as a caller's pack, read from the source tree.
Options en_from_file() {
  Options options;
  options.default_pack = false;
  options.rule_files = {std::string(TACT_SOURCE_DIR) + "/rules/en/pack.toml"};
  return options;
}

// Each embedded regex against the one compiled at load from the same file.
void check_same(const Regexes& embedded, const Regexes& loaded, std::size_t* program_size) {
  REQUIRE(embedded.size() == loaded.size());
  for (std::size_t i = 0; i < embedded.size(); ++i) {
    const rules::Regex& e = *embedded[i];
    const rules::Regex& l = *loaded[i];
    CAPTURE(e.pattern());
    CHECK(e.pattern() == l.pattern());
    CHECK(l.compiled());
    // Read from the text before compiling: as RE2 counts them.
    CHECK(e.capturing_groups() == l.re().NumberOfCapturingGroups());
    CHECK(e.group_names() == l.re().CapturingGroupNames());
    REQUIRE(e.re().ok());
    CHECK(e.compiled());
    CHECK_FALSE(rules::matches_empty(e.re()));
    CHECK(e.program_size() == l.program_size());
    *program_size += static_cast<std::size_t>(e.program_size());
  }
}

std::size_t embedded_program_size() {
  rules::LayeredPack embedded;
  REQUIRE(rules::layer_packs(Options(), &embedded).ok());
  std::size_t size = 0;
  for (const rules::CompiledRule& r : embedded.rules) {
    for (const auto& re : r.patterns) size += static_cast<std::size_t>(re->program_size());
    for (const auto& re : r.unless) size += static_cast<std::size_t>(re->program_size());
  }
  for (const auto& re : embedded.quote_regexes)
    size += static_cast<std::size_t>(re->program_size());
  return size;
}

TEST_CASE("every embedded pattern compiles and checks as it would in a caller's pack") {
  rules::LayeredPack embedded;
  rules::LayeredPack loaded;
  REQUIRE(rules::layer_packs(Options(), &embedded).ok());
  const Status s = rules::layer_packs(en_from_file(), &loaded);
  REQUIRE_MESSAGE(s.ok(), s.message);
  CHECK(embedded.default_only);
  CHECK_FALSE(loaded.default_only);
  REQUIRE(embedded.rules.size() == loaded.rules.size());
  std::size_t program_size = 0;
  for (std::size_t i = 0; i < embedded.rules.size(); ++i) {
    const rules::CompiledRule& e = embedded.rules[i];
    const rules::CompiledRule& l = loaded.rules[i];
    CAPTURE(e.rule.id);
    CHECK(e.rule.id == l.rule.id);
    CHECK(e.rule.patterns == l.rule.patterns);
    CHECK(e.rule.unless == l.rule.unless);
    check_same(e.patterns, l.patterns, &program_size);
    check_same(e.unless, l.unless, &program_size);
  }
  check_same(embedded.quote_regexes, loaded.quote_regexes, &program_size);
  CHECK(program_size == embedded_program_size());
  CHECK(program_size <= rules::kMaxProgramSize);
}

TEST_CASE("capture groups are read from a pattern's text as RE2 reads them") {
  for (const char* pattern :
       {"a(b)c", "(?P<x>a)(?:b)(c)(?i)d", "[(](x)[^)(]", "[]()](y)", "\\((z)\\)", "\\Q(a)\\E(b)",
        "\\Q(a)", "[[:alpha:](](w)", "(?P<span>a(?P<inner>b))|(c)", "(?i:a)(?s)(b)"}) {
    CAPTURE(pattern);
    const RE2 re(pattern, rules::pattern_options());
    REQUIRE(re.ok());
    int count = -1;
    std::map<int, std::string> names;
    rules::capture_groups(pattern, &count, &names);
    CHECK(count == re.NumberOfCapturingGroups());
    CHECK(names == re.CapturingGroupNames());
  }
}

TEST_CASE("the default pack finds what the same pack compiled at load finds") {
  const auto embedded = testing::default_pack();
  std::shared_ptr<const rules::Pack> loaded;
  const Status s = rules::Pack::load(en_from_file(), &loaded);
  REQUIRE_MESSAGE(s.ok(), s.message);
  REQUIRE(embedded->size() == loaded->size());
  // Every example and counterexample, alone and all in one long text (the
  // shards' prefilter: longer than kWholeSetMaxText).
  std::vector<std::string> texts;
  std::string all;
  for (std::size_t i = 0; i < embedded->size(); ++i) {
    for (const auto* list : {&embedded->rule(i).examples, &embedded->rule(i).counterexamples}) {
      for (const std::string& t : *list) {
        texts.push_back(t);
        all += t + "\n\n";
      }
    }
  }
  REQUIRE(all.size() > rules::CompiledPack::kWholeSetMaxText);
  texts.push_back(all);
  for (const std::string& t : texts) {
    for (Role role : {Role::agent, Role::customer}) {
      CHECK(testing::hits(*embedded, t, role) == testing::hits(*loaded, t, role));
    }
  }
  // The shards, compiled on first use, name the same candidates and none
  // fails (a Set RE2 could not compile would make the result incomplete).
  const auto& e = static_cast<const rules::CompiledPack&>(*embedded);
  const auto& l = static_cast<const rules::CompiledPack&>(*loaded);
  for (const std::string& t : {all, std::string("I don't know, it's our policy.")}) {
    const text::Document doc =
        text::Document::build(t, embedded->sentence_profile(), embedded->spellings());
    for (Role role : {Role::agent, Role::customer}) {
      for (auto engine : {rules::PrefilterEngine::shards, rules::PrefilterEngine::whole,
                          rules::PrefilterEngine::hyperscan}) {
        std::vector<uint32_t> from_embedded;
        std::vector<uint32_t> from_loaded;
        CHECK(e.candidates(doc.view(), role, engine, &from_embedded) ==
              l.candidates(doc.view(), role, engine, &from_loaded));
        CHECK(from_embedded == from_loaded);
        if (t == all) CHECK_FALSE(from_embedded.empty());
      }
    }
  }
}

TEST_CASE("a caller's bad pattern over the default pack fails at load, as alone") {
  const std::string rule =
      "[[rule]]\n"
      "id = \"trigger.refusal.we-cant\"\n"
      "patterns = ['''we (can'?t''']\n"
      "message = \"Say what you can do.\"\n"
      "examples = [\"We can't do that.\"]\n"
      "counterexamples = [\"We can do that.\"]\n";
  const std::string want =
      "t.toml:3: trigger.refusal.we-cant: invalid RE2 in pattern \"we "
      "(can'?t\": missing ): we (can'?t";
  for (bool with_default : {false, true}) {
    std::shared_ptr<const rules::Pack> pack;
    const Status s = testing::load_text(rule, &pack, with_default);
    CHECK(s.code == Code::rules);
    CHECK(s.message == want);
    CHECK((pack == nullptr));
  }
  // In an unless pattern, and one that matches the empty string.
  std::shared_ptr<const rules::Pack> pack;
  Status s = testing::load_text(rule + "unless = ['''[a-''']\n", &pack, true);
  CHECK(s.message.rfind("t.toml:3: ", 0) == 0);
  std::string fixed = rule;
  fixed.replace(fixed.find("we (can"), 7, "we can");
  s = testing::load_text(fixed + "unless = ['''[a-''']\n", &pack, true);
  CHECK(s.message ==
        "t.toml:7: trigger.refusal.we-cant: invalid RE2 in unless \"[a-\": missing ]: "
        "[a-");
  s = testing::load_text(fixed + "unless = ['''(?:x)?''']\n", &pack, true);
  CHECK(s.message ==
        "t.toml:7: trigger.refusal.we-cant: unless \"(?:x)?\" can match the empty string");
}

TEST_CASE("the layered budget counts the embedded pack's patterns, compiled or not") {
  // One pack of large patterns under the budget alone, over it with the
  // default pack: the message gives the total, the default's included.
  const std::size_t embedded = embedded_program_size();
  const std::string heavy = "w\\pL{200}";
  const auto each = static_cast<std::size_t>(RE2(heavy, rules::pattern_options()).ProgramSize());
  const std::size_t count = (rules::kMaxProgramSize - embedded) / each + 1;
  REQUIRE(count * each <= rules::kMaxProgramSize);
  std::string pack;
  for (std::size_t i = 0; i < count; ++i) {
    pack += "[[rule]]\nid = \"trigger.refusal.r" + std::to_string(i) + "\"\npatterns = ['''" +
            heavy + "''']\nmessage = \"m\"\nexamples = [\"w" + std::string(200, 'a') +
            "\"]\ncounterexamples = [\"no\"]\n";
  }
  std::shared_ptr<const rules::Pack> out;
  const Status s = testing::load_text(pack, &out, true);
  CHECK(s.code == Code::rules);
  CHECK(s.message == "t.toml: patterns too large: " + std::to_string(embedded + count * each) +
                         " RE2 instructions in the layered packs, more than the " +
                         std::to_string(rules::kMaxProgramSize) + " they may hold together");
}

}  // namespace
}  // namespace tact
