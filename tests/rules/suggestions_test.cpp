// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A suggestion is a drop-in replacement for its trigger's span, so it must
// not itself be a trigger: for every trigger rule of the default pack (and
// of the packs under examples/), render each suggestion into each of the
// rule's examples in place of the span, match again, and find no trigger of
// severity warning or above in or around the replacement, nor in the
// suggestion on its own.
#include <doctest/doctest.h>

#include <filesystem>

#include "pack_helpers.hpp"
#include "rules/suggestion.hpp"

namespace tact {
namespace {

// Warning-or-worse triggers in `text` that overlap [begin, end].
std::vector<std::string> warnings_near(const rules::Pack& pack, const std::string& text,
                                       std::size_t begin, std::size_t end) {
  const text::Document doc = text::Document::build(text);
  std::vector<rules::Finding> found;
  pack.match(doc, Role::agent, &found);
  std::vector<std::string> out;
  for (const rules::Finding& f : found) {
    if (f.rule->family != rules::Family::trigger || f.rule->severity < Severity::warning) continue;
    const text::Range r = doc.to_original(f.view);
    if (r.begin <= end && begin <= r.end) {
      out.push_back(f.rule->id + " \"" + text.substr(r.begin, r.size()) + "\"");
    }
  }
  return out;
}

void check_pack(const rules::Pack& pack, int* checked) {
  for (std::size_t i = 0; i < pack.size(); ++i) {
    const rules::Rule& rule = pack.rule(i);
    if (rule.family != rules::Family::trigger || rule.suggestions.empty()) continue;
    for (const std::string& suggestion : rule.suggestions) {
      std::vector<std::string> names;
      std::string error;
      CHECK_MESSAGE(rules::template_captures(suggestion, &names, &error), rule.id << ": " << error);
      if (names.empty() && !suggestion.empty()) {
        const auto alone = warnings_near(pack, suggestion, 0, suggestion.size());
        CHECK_MESSAGE(alone.empty(), rule.id << ": suggestion \"" << suggestion
                                             << "\" is itself flagged: " << alone.front());
      }
    }
    for (const std::string& example : rule.examples) {
      const text::Document doc = text::Document::build(example);
      std::vector<rules::Finding> found;
      pack.match(doc, Role::agent, &found);
      for (const rules::Finding& f : found) {
        if (f.rule != &rule) continue;
        const text::Range span = doc.to_original(f.view);
        for (const std::string& suggestion : rule.suggestions) {
          const std::string rendered = rules::render_template(suggestion, f, doc.view());
          const std::string rewritten =
              example.substr(0, span.begin) + rendered + example.substr(span.end);
          const auto bad = warnings_near(pack, rewritten, span.begin, span.begin + rendered.size());
          CHECK_MESSAGE(bad.empty(), rule.id << ": \"" << example << "\" -> \"" << rewritten
                                             << "\" still has " << bad.front());
          ++*checked;
        }
      }
    }
  }
}

TEST_CASE("no suggestion of the default pack brings back a warning-or-worse trigger") {
  int checked = 0;
  check_pack(*testing::default_pack(), &checked);
  MESSAGE("suggestions rendered into examples: ", checked);
  CHECK(checked >= 300);
}

TEST_CASE("nor does any suggestion of the packs under examples/") {
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(TACT_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".toml") continue;
    Options options;
    options.rule_files = {entry.path().string()};
    std::shared_ptr<const rules::Pack> pack;
    const Status s = rules::Pack::load(options, &pack);
    REQUIRE_MESSAGE(s.ok(), s.message);
    int checked = 0;
    check_pack(*pack, &checked);
    CHECK(checked > 0);
  }
}

}  // namespace
}  // namespace tact
