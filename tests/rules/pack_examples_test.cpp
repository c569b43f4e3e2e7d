// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Every example of every rule of every pack in the repository passes: the
// embedded default (rules/en) and each pack under examples/, layered as a
// user would layer it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "pack_helpers.hpp"
#include "rules/categories.hpp"

namespace tact {
namespace {

namespace fs = std::filesystem;

void check_no_failures(const core::Analyzer& analyzer) {
  const std::vector<core::ExampleFailure> failures = analyzer.check_examples();
  for (const core::ExampleFailure& f : failures) {
    FAIL_CHECK(f.source << ":" << f.line << ": " << f.rule << ": example "
                        << (f.should_flag ? "not flagged" : "flagged but must not be") << ": \""
                        << f.text << "\"");
  }
}

TEST_CASE("every example of the default pack passes") {
  const core::Analyzer analyzer;
  REQUIRE(analyzer.ok());
  CHECK(analyzer.rule_count() >= 300);
  check_no_failures(analyzer);
}

TEST_CASE("every example of every pack under examples/ passes") {
  int packs = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(TACT_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".toml") continue;
    CAPTURE(entry.path().string());
    Options options;
    options.rule_files = {entry.path().string()};
    const core::Analyzer analyzer(options);
    REQUIRE_MESSAGE(analyzer.ok(), analyzer.status().message);
    check_no_failures(analyzer);
    ++packs;
  }
  CHECK(packs >= 1);
}

TEST_CASE("the default pack's manifest includes every rule file in rules/en") {
  const fs::path dir = fs::path(TACT_SOURCE_DIR) / "rules" / "en";
  std::ifstream manifest(dir / "pack.toml");
  std::stringstream text;
  text << manifest.rdbuf();
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".toml") continue;
    std::ifstream in(entry.path());
    std::string line;
    bool has_rules = false;
    while (std::getline(in, line)) has_rules = has_rules || line.rfind("[[rule]]", 0) == 0;
    if (!has_rules) continue;
    ++files;
    CHECK_MESSAGE(
        text.str().find("\"" + entry.path().filename().string() + "\"") != std::string::npos,
        entry.path().filename().string() << " is not in rules/en/pack.toml's include list");
  }
  CHECK(files >= 14);
}

TEST_CASE(
    "the default pack covers every category, and every warning-or-worse trigger can be rewritten") {
  const auto pack = testing::default_pack();
  std::map<std::string, int> per_category;
  for (std::size_t i = 0; i < pack->size(); ++i) {
    const rules::Rule& r = pack->rule(i);
    ++per_category[r.id.substr(0, r.id.find('.', r.id.find('.') + 1))];
    if (r.family == rules::Family::trigger && r.severity >= Severity::warning) {
      CHECK_MESSAGE(!r.suggestions.empty(), r.id << " has no suggestion");
    }
    CHECK_MESSAGE(!r.message.empty(), r.id << " has no message");
  }
  for (rules::Family family :
       {rules::Family::trigger, rules::Family::technique, rules::Family::signal}) {
    const char* name = family == rules::Family::trigger     ? "trigger"
                       : family == rules::Family::technique ? "technique"
                                                            : "signal";
    for (const rules::Category& c : pack->categories()) {
      if (c.family != family) continue;
      const std::string_view category = c.id;
      const std::string key = std::string(name) + "." + std::string(category);
      CHECK_MESSAGE(per_category[key] >= (family == rules::Family::trigger ? 8 : 2),
                    key << " has only " << per_category[key] << " rules");
    }
  }
}

}  // namespace
}  // namespace tact
