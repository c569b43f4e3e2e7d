// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Every suggestion of every trigger rule in the default pack, rendered in a
// neutral carrier sentence and in the rule's own examples, must itself be
// free of triggers of severity warning or above: otherwise the whole-reply
// rewrite could never be clean. A failure here is a bug in the pack.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "rules/pack.hpp"

namespace tact {
namespace {

// The template with every {field} filled by a neutral noun phrase and
// "{{"/"}}" unescaped.
std::string fill(const std::string& tmpl, const std::string& filler) {
  std::string out;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    const char c = tmpl[i];
    if ((c == '{' || c == '}') && i + 1 < tmpl.size() && tmpl[i + 1] == c) {
      out.push_back(c);
      ++i;
    } else if (c == '{') {
      const std::size_t close = tmpl.find('}', i);
      if (close == std::string::npos) return out + tmpl.substr(i);
      out += filler;
      i = close;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string without_final_punctuation(std::string s) {
  while (!s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?' || s.back() == ' ')) {
    s.pop_back();
  }
  return s;
}

// Warning-or-worse triggers of `report` that overlap bytes [begin, end).
std::vector<std::string> bad_triggers(const Report& report, std::size_t begin, std::size_t end) {
  std::vector<std::string> out;
  for (const Trigger& t : report.triggers) {
    if (t.severity >= Severity::warning && t.span.start < end && begin < t.span.end) {
      out.push_back(t.rule + " (\"" + t.text + "\")");
    }
  }
  return out;
}

struct PackUnderTest {
  std::shared_ptr<const rules::Pack> pack;
  core::Analyzer analyzer;
  PackUnderTest() {
    const Status status = rules::Pack::load(Options(), &pack);
    REQUIRE_MESSAGE(status.ok(), status.message);
  }
};

TEST_CASE("every warning-or-worse trigger rule offers at least one suggestion") {
  PackUnderTest p;
  std::size_t rules = 0;
  for (std::size_t i = 0; i < p.pack->size(); ++i) {
    const rules::Rule& rule = p.pack->rule(i);
    if (rule.family != rules::Family::trigger || rule.severity < Severity::warning) continue;
    ++rules;
    CHECK_MESSAGE(!rule.suggestions.empty(), rule.id, " has no suggestion");
  }
  CHECK(rules > 0);
}

TEST_CASE(
    "every suggestion of every trigger rule, in a neutral carrier sentence, is trigger-free") {
  PackUnderTest p;
  std::size_t checked = 0;
  std::vector<std::string> failures;
  for (std::size_t i = 0; i < p.pack->size(); ++i) {
    const rules::Rule& rule = p.pack->rule(i);
    if (rule.family != rules::Family::trigger) continue;
    for (std::size_t k = 0; k < rule.suggestions.size(); ++k) {
      const std::string filled = without_final_punctuation(fill(rule.suggestions[k], "the parcel"));
      if (filled.empty()) continue;  // a deletion
      const std::string opening = "Thanks for getting in touch. ";
      const std::string middle = "Thanks, Sam, ";
      const std::vector<std::pair<std::string, std::size_t>> carriers = {
          {opening + capitalised(filled) + ". I'll update you by 5pm.", opening.size()},
          {middle + filled + ", and I'll update you by 5pm.", middle.size()},
      };
      for (const auto& [text, at] : carriers) {
        ++checked;
        const Report report = p.analyzer.analyze(text);
        for (const std::string& bad : bad_triggers(report, at, at + filled.size())) {
          failures.push_back(rule.id + " suggestion " + std::to_string(k) + " triggers " + bad +
                             " in \"" + text + "\"");
        }
      }
    }
  }
  MESSAGE("suggestions checked in carrier sentences: ", checked);
  for (const std::string& f : failures) MESSAGE(f);
  CHECK(checked > 0);
  CHECK(failures.empty());
}

TEST_CASE("every suggestion, rendered over each of its rule's examples, is trigger-free") {
  PackUnderTest p;
  std::size_t checked = 0;
  std::vector<std::string> failures;
  for (std::size_t i = 0; i < p.pack->size(); ++i) {
    const rules::Rule& rule = p.pack->rule(i);
    if (rule.family != rules::Family::trigger) continue;
    for (const std::string& example : rule.examples) {
      const Report report = p.analyzer.analyze(example);
      for (const Trigger& t : report.triggers) {
        if (t.rule != rule.id) continue;
        for (const std::string& s : t.suggestions) {
          std::string text = example;
          text.replace(t.span.start, t.span.end - t.span.start, s);
          ++checked;
          const Report again = p.analyzer.analyze(text);
          for (const std::string& bad :
               bad_triggers(again, t.span.start, t.span.start + s.size())) {
            failures.push_back(rule.id + " suggestion \"" + s + "\" triggers " + bad + " in \"" +
                               text + "\"");
          }
        }
      }
    }
  }
  MESSAGE("suggestions checked in rule examples: ", checked);
  for (const std::string& f : failures) MESSAGE(f);
  CHECK(checked > 0);
  CHECK(failures.empty());
}

}  // namespace
}  // namespace tact
