// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The rewrite's guarantees over generated messages: every example of every
// trigger rule in the default pack, in ALL CAPS, in lower case, with curly
// apostrophes, inside a reply with names, order numbers and amounts that
// must survive, and in pairs with another rule's example.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "rewrite/guarantees.hpp"
#include "rules/pack.hpp"

namespace tact {
namespace {

std::string ascii_upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

std::string ascii_lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string curly(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\'' ? std::string("\xE2\x80\x99") : std::string(1, c);
  return out;
}

std::string chopped(std::string s) {
  while (!s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?')) s.pop_back();
  return s;
}

struct Message {
  std::string text;
  std::vector<std::string> keep;
};

std::vector<Message> generate(const rules::Pack& pack) {
  std::vector<std::string> examples;
  for (std::size_t i = 0; i < pack.size(); ++i) {
    const rules::Rule& rule = pack.rule(i);
    if (rule.family != rules::Family::trigger || !rule.applies_to(Role::agent)) continue;
    for (const std::string& e : rule.examples) examples.push_back(e);
  }
  std::vector<Message> out;
  const std::vector<std::string> keep = {"Priya", "FR-48213", "£23.50", "Friday"};
  for (std::size_t i = 0; i < examples.size(); ++i) {
    const std::string& e = examples[i];
    out.push_back({e, {}});
    out.push_back({ascii_upper(e), {}});
    out.push_back({ascii_lower(e), {}});
    out.push_back({curly(e), {}});
    out.push_back(
        {"Thanks for waiting, Priya. " + e + " Your order FR-48213 (£23.50) ships Friday 🚚", keep});
    out.push_back({"Hi Priya,\n\n" + e + "\n\nI've noted order FR-48213 for Friday.\nBest,\nOwen",
                   {"Priya", "FR-48213", "Friday", "Owen"}});
    out.push_back({"Order FR-48213 — " + chopped(e) + " 😀", {"FR-48213"}});
    // A pair with another rule's example, as two sentences and as one.
    const std::string& other = examples[(i * 7 + 3) % examples.size()];
    out.push_back({e + " " + other, {}});
    out.push_back({chopped(e) + ", " + ascii_lower(other), {}});
  }
  return out;
}

TEST_CASE("rewrite guarantees hold over generated combinations of the pack's examples") {
  std::shared_ptr<const rules::Pack> pack;
  const Status status = rules::Pack::load(Options(), &pack);
  REQUIRE_MESSAGE(status.ok(), status.message);
  const core::Analyzer analyzer;
  testing::GuaranteeStats stats;
  std::vector<std::string> failures;
  for (const Message& m : generate(*pack)) {
    for (std::string& f : testing::check_guarantees(analyzer, m.text, m.keep, &stats)) {
      failures.push_back(std::move(f));
    }
  }
  MESSAGE("generated messages: ", stats.messages, ", with triggers found: ", stats.with_triggers,
          ", rewritten: ", stats.rewritten, ", edits: ", stats.edits,
          ", keep strings checked: ", stats.keeps);
  for (const std::string& f : failures) MESSAGE(f);
  CHECK(stats.with_triggers > 0);
  CHECK(failures.empty());
}

TEST_CASE("clean replies come back byte for byte") {
  const core::Analyzer analyzer;
  testing::GuaranteeStats stats;
  const std::vector<std::string> clean = {
      "",
      "Thanks for your patience, Priya. Your refund of £23.50 is on its way.",
      "I’ve checked order FR-48213 and it’s out for delivery today 🚚",
      "Hi Sam,\r\n\r\nGood news: the part arrived.  I'll book the engineer for "
      "Friday.\n\nBest,\nOwen",
      "  leading and trailing spaces stay  ",
      "ALL CAPS THANK YOU FOR WAITING",
  };
  for (const std::string& text : clean) {
    const Report r = analyzer.analyze(text);
    CHECK_MESSAGE(r.triggers.empty(), text);
    CHECK(r.rewrite == text);
    CHECK(r.edits.empty());
    CHECK(testing::check_guarantees(analyzer, text, {}, &stats).empty());
  }
}

}  // namespace
}  // namespace tact
