// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The Hyperscan prefilter must name exactly the candidates RE2's Sets name,
// so that findings never depend on the engine: its translation of RE2's
// syntax, differential checks of candidates and findings over every text at
// hand (the pack's examples, the written sets, labelled lines when
// ../shared is there), a caller's pack layered over the default one, and
// malformed prefilter files.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/embedded.hpp"
#include "pack_helpers.hpp"
#include "rules/compiled_pack.hpp"
#include "rules/hyperscan_prefilter.hpp"
#include "text/document.hpp"

namespace tact {
namespace {

std::string translated(const std::string& pattern, bool* exact) {
  std::string out;
  REQUIRE(rules::translate_for_hyperscan(pattern, &out, exact));
  return out;
}

TEST_CASE("RE2's syntax is read for Hyperscan's byte mode") {
  bool exact = false;
  // Plain ASCII patterns are read exactly; named groups become plain groups.
  CHECK(translated("(?P<span>i don'?t know)\\b", &exact) == "(?:i don'?t know)\\b");
  CHECK(exact);
  CHECK(translated("[a-z]+ed|\\d{2,4}", &exact) == "[a-z]+ed|\\d{2,4}");
  CHECK(exact);
  // A code point is one to four bytes: counts of `.`, negated classes and
  // negated escapes widen, and the pattern must be confirmed by RE2.
  CHECK(translated("a[^.!?]{0,60}b", &exact) == "a[^.!?]*b");
  CHECK_FALSE(exact);
  CHECK(translated("a[^.!?]{3,60}?b", &exact) == "a[^.!?]{3,}b");
  CHECK(translated("a.b", &exact) == "a.{1,4}b");
  CHECK(translated("a\\S?b\\W+", &exact) == "a\\S{0,4}b\\W+");
  CHECK(translated("[\\S-]x", &exact) == "[\\S-]{1,4}x");
  CHECK_FALSE(exact);
  // Characters beyond ASCII are their bytes, grouped; in a positive class
  // they become alternatives, and a negated class drops them (it widens).
  CHECK(translated("£\\d", &exact) == "(?:\\xc2\\xa3)\\d");
  CHECK(exact);
  CHECK(translated("[$£]5", &exact) == "(?:[$]|(?:\\xc2\\xa3))5");
  CHECK(exact);
  CHECK(translated("[^.£]x", &exact) == "[^.]{1,4}x");
  CHECK_FALSE(exact);
  CHECK(translated("\\x{200D}", &exact) == "(?:\\xe2\\x80\\x8d)");
  CHECK(translated("\\x41}\\xe9", &exact) == "\\x41}(?:\\xc3\\xa9)");
  // What the engines might read differently is left to RE2.
  std::string out;
  for (const char* pattern :
       {"\\pL+", "[\\p{Lu}]", "\\Qa.b\\E", "caf\u00C9", "[\u00E0-\u00FF]", "\\C"}) {
    CHECK_MESSAGE(!rules::translate_for_hyperscan(pattern, &out, &exact), pattern);
  }
}

// Lines of a JSON Lines file's "text" fields; none when it is absent.
std::vector<std::string> lines_of(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("text") && j["text"].is_string()) out.push_back(j["text"]);
  }
  return out;
}

// Every text at hand: the default pack's examples and counterexamples
// (as written, in upper case, and with characters beyond ASCII spliced in),
// the written sets and reviewed lines, and the labelled lines of ../shared
// when it is there.
std::vector<std::string> texts_at_hand(const rules::Pack& pack) {
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < pack.size(); ++i) {
    for (const std::string& e : pack.rule(i).examples) texts.push_back(e);
    for (const std::string& e : pack.rule(i).counterexamples) texts.push_back(e);
  }
  const std::size_t n = texts.size();
  const char* wide[] = {"é", "–", "£", "😡", "\u00A0", "ß", "İ"};
  for (std::size_t i = 0; i < n; ++i) {
    std::string upper = texts[i];
    for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    texts.push_back(upper);
    // A wide character in place of each space, in turn, one text each.
    std::string t = texts[i];
    const std::size_t space = t.find(' ', t.size() / 2);
    if (space != std::string::npos) texts.push_back(t.replace(space, 1, wide[i % 7]));
  }
  for (const char* file :
       {"/tests/rules/written/drafts.jsonl", "/tests/rules/written/families.jsonl",
        "/tests/rewrite/reviewed/lines.jsonl", "/bench/eval/fresh/fresh.jsonl"}) {
    for (std::string& t : lines_of(std::string(TACT_SOURCE_DIR) + file)) texts.push_back(t);
  }
  for (const char* file : {"/eval/cs_dev.jsonl", "/eval/cs_train.jsonl"}) {
    for (std::string& t : lines_of(std::string(TACT_SHARED_DIR) + file)) texts.push_back(t);
  }
  return texts;
}

TEST_CASE("Hyperscan names the candidates RE2's Sets name") {
  std::shared_ptr<const rules::Pack> pack = testing::default_pack();
  const auto* compiled = dynamic_cast<const rules::CompiledPack*>(pack.get());
  REQUIRE(compiled != nullptr);
  if (rules::HyperscanPrefilter::available()) {
    // The build embedded the default pack's databases, and they hold most
    // patterns (the rest are RE2's).
    CHECK_FALSE(embedded::prefilter_file().empty());
    CHECK(compiled->hyperscan_patterns(Role::agent) > 800);
    CHECK(compiled->hyperscan_patterns(Role::customer) > 200);
  } else {
    MESSAGE("Hyperscan is not in this build or this CPU: the shards stand alone");
    CHECK(compiled->hyperscan_patterns(Role::agent) == 0);
  }
  const std::vector<std::string> texts = texts_at_hand(*pack);
  std::size_t candidates = 0;
  for (const std::string& t : texts) {
    const text::Document doc =
        text::Document::build(t, pack->sentence_profile(), pack->spellings());
    for (Role role : {Role::agent, Role::customer, Role::automatic}) {
      std::vector<uint32_t> fast, shards;
      CHECK(compiled->candidates(doc.view(), role, rules::PrefilterEngine::hyperscan, &fast));
      CHECK(compiled->candidates(doc.view(), role, rules::PrefilterEngine::shards, &shards));
      CHECK_MESSAGE(fast == shards, t);
      candidates += fast.size();
    }
  }
  MESSAGE(texts.size(), " texts, ", candidates, " candidates");
  CHECK(candidates > texts.size());
}

TEST_CASE("findings with Hyperscan are those of RE2 alone, in short and long texts") {
  std::shared_ptr<const rules::Pack> pack = testing::default_pack();
  const auto* compiled = dynamic_cast<const rules::CompiledPack*>(pack.get());
  REQUIRE(compiled != nullptr);
  std::vector<std::string> texts = texts_at_hand(*pack);
  // Long texts of many sentences, prefiltered a chunk at a time.
  const std::size_t n = texts.size();
  for (std::size_t i = 0; i + 60 <= n; i += 97) {
    std::string t;
    for (std::size_t k = 0; k < 60; ++k) t += texts[(i + k * 31) % n] + (k % 3 ? " " : "\n");
    texts.push_back(t);
  }
  auto found = [&](const text::Document& doc, Role role, bool re2_only) {
    std::vector<rules::Finding> out;
    rules::MatchScope scope;
    scope.re2_only = re2_only;
    compiled->match_all(doc, role, true, &out, nullptr, scope);
    std::string ids;
    for (const rules::Finding& f : out) {
      ids +=
          f.rule->id + "@" + std::to_string(f.view.begin) + "-" + std::to_string(f.view.end) + " ";
    }
    return ids;
  };
  std::size_t findings = 0;
  for (const std::string& t : texts) {
    const text::Document doc =
        text::Document::build(t, pack->sentence_profile(), pack->spellings());
    for (Role role : {Role::agent, Role::customer, Role::automatic}) {
      const std::string fast = found(doc, role, false);
      CHECK_MESSAGE(fast == found(doc, role, true), t);
      findings += static_cast<std::size_t>(std::count(fast.begin(), fast.end(), '@'));
    }
  }
  MESSAGE(texts.size(), " texts, ", findings, " findings");
  CHECK(findings > n);
}

TEST_CASE("a caller's rules over the default pack are prefiltered by RE2 beside Hyperscan") {
  // The house rule's pattern is in no embedded database.
  std::shared_ptr<const rules::Pack> pack;
  const Status status = testing::load_text(
      "[[rule]]\nid = \"trigger.policy_shield.house-widget\"\n"
      "message = \"m\"\npatterns = ['''the widget (?:rule|policy)''']\n"
      "examples = [\"That's the widget rule.\"]\ncounterexamples = [\"a widget\"]\n",
      &pack, /*with_default=*/true);
  REQUIRE_MESSAGE(status.ok(), status.message);
  const auto* compiled = dynamic_cast<const rules::CompiledPack*>(pack.get());
  REQUIRE(compiled != nullptr);
  const text::Document doc =
      text::Document::build("Calm down, that's the widget rule and I don't know.");
  std::vector<uint32_t> fast, shards;
  CHECK(compiled->candidates(doc.view(), Role::agent, rules::PrefilterEngine::hyperscan, &fast));
  CHECK(compiled->candidates(doc.view(), Role::agent, rules::PrefilterEngine::shards, &shards));
  CHECK(fast == shards);
  const auto found =
      testing::hits(*pack, "Calm down, that's the widget rule and I don't know.", Role::agent);
  CHECK(std::find_if(found.begin(), found.end(), [](const testing::Hit& h) {
          return h.rule == "trigger.policy_shield.house-widget";
        }) != found.end());
  CHECK(found.size() >= 3);
}

TEST_CASE("a pack of another language leaves Hyperscan out") {
  // None of its patterns is in the embedded databases: scanning them would
  // only cost time.
  Options o;
  o.language = "de";
  o.default_pack = false;
  o.rule_files = {std::string(TACT_SOURCE_DIR) + "/tests/packs/de/pack.toml"};
  std::shared_ptr<const rules::Pack> pack;
  const Status status = rules::Pack::load(o, &pack);
  REQUIRE_MESSAGE(status.ok(), status.message);
  const auto& compiled = dynamic_cast<const rules::CompiledPack&>(*pack);
  CHECK(compiled.hyperscan_patterns(Role::automatic) == 0);
  const text::Document doc = text::Document::build("Das ist leider nicht möglich, keine Ahnung.");
  std::vector<uint32_t> fast, shards;
  CHECK(compiled.candidates(doc.view(), Role::agent, rules::PrefilterEngine::hyperscan, &fast));
  CHECK(compiled.candidates(doc.view(), Role::agent, rules::PrefilterEngine::shards, &shards));
  CHECK(fast == shards);
  CHECK_FALSE(fast.empty());
}

TEST_CASE("a malformed prefilter file is refused, never read past its end") {
  const std::string_view file = embedded::prefilter_file();
  std::vector<std::string> texts = {"the widget rule", "no"};
  std::vector<const std::string*> sources;
  for (const std::string& t : texts) sources.push_back(&t);
  const std::vector<uint32_t> numbers = {7, 3};
  std::vector<uint32_t> left_out;
  // Empty, truncated anywhere, or with a byte changed: no prefilter, or one
  // that still works; every pattern not in it is left out.
  CHECK(rules::HyperscanPrefilter::load({}, sources, numbers, &left_out) == nullptr);
  CHECK(left_out == std::vector<uint32_t>{3, 7});
  CHECK(rules::HyperscanPrefilter::section("\x05\x00\x00\x00\x00\x00\x00\x00ab", 0).empty());
  const std::string_view section = rules::HyperscanPrefilter::section(file, 0);
  if (section.empty()) return;  // no Hyperscan in this build
  for (std::size_t cut :
       {std::size_t{0}, std::size_t{5}, std::size_t{13}, section.size() / 2, section.size() - 1}) {
    CHECK(rules::HyperscanPrefilter::load(section.substr(0, cut), sources, numbers, &left_out) ==
          nullptr);
    CHECK(left_out.size() == 2);
  }
  std::string changed(section);
  for (std::size_t at : {std::size_t{9}, std::size_t{12}, std::size_t{40}}) {
    std::string bad = changed;
    bad[at] = static_cast<char>(bad[at] ^ 0x5A);
    auto p = rules::HyperscanPrefilter::load(bad, sources, numbers, &left_out);
    if (p != nullptr) {
      std::vector<uint32_t> hits, unconfirmed;
      p->scan("no, the widget rule", &hits, &unconfirmed);
    }
  }
  // The database's bytes changed: Hyperscan refuses them (its header
  // holds a checksum of the bytecode), or the change was outside what it
  // runs; either way nothing crashes.
  std::size_t refused = 0;
  for (std::size_t back :
       {std::size_t{1}, std::size_t{100}, std::size_t{4096}, std::size_t{65536}}) {
    std::string bad = changed;
    bad[bad.size() - back] = static_cast<char>(bad[bad.size() - back] ^ 0x01);
    auto p = rules::HyperscanPrefilter::load(bad, sources, numbers, &left_out);
    if (p == nullptr) {
      ++refused;
    } else {
      MESSAGE("a change ", back, " bytes from the end loaded");
      std::vector<uint32_t> hits, unconfirmed;
      p->scan("no, the widget rule", &hits, &unconfirmed);
    }
  }
  CHECK(refused >= 3);
}

}  // namespace
}  // namespace tact
