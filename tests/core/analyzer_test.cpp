// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact::Analyzer as a library user sees it: building, limits, errors,
// sections, batches and offsets in reports.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "report/json.hpp"
#include "tact/tact.hpp"

namespace {

const tact::Analyzer& shared_analyzer() {
  static const tact::Analyzer analyzer;
  return analyzer;
}

}  // namespace

TEST_CASE("the default analyzer builds from the embedded pack") {
  const tact::Analyzer& a = shared_analyzer();
  CHECK(a.ok());
  CHECK(a.status().ok());
  CHECK(a.status().message.empty());
  CHECK(a.options().max_input_bytes == (std::size_t{16} << 20));
}

TEST_CASE("analyze() reports errors as statuses and clears the report") {
  const tact::Analyzer& a = shared_analyzer();
  CHECK(a.analyze("hello", tact::Role::agent, nullptr).code == tact::Code::invalid_argument);

  tact::Options small;
  small.max_input_bytes = 8;
  const tact::Analyzer limited(small);
  REQUIRE(limited.ok());
  tact::Report report;
  report.rewrite = "stale";
  CHECK(limited.analyze("12345678", tact::Role::agent, &report).ok());
  const tact::Status too_big = limited.analyze("123456789", tact::Role::agent, &report);
  CHECK(too_big.code == tact::Code::input_too_large);
  CHECK(too_big.message == "input of 9 bytes exceeds max_input_bytes (8)");
  CHECK(report.rewrite.empty());
  CHECK_THROWS_AS(limited.analyze("123456789"), tact::Error);
  try {
    limited.analyze("123456789");
  } catch (const tact::Error& e) {
    CHECK(e.status().code == tact::Code::input_too_large);
    CHECK(std::string(e.what()) == too_big.message);
  }
}

TEST_CASE("a pack that fails to load gives a failed analyzer, not an exception") {
  tact::Options options;
  options.rule_files = {"/nonexistent/pack.toml"};
  const tact::Analyzer a(options);
  CHECK_FALSE(a.ok());
  CHECK(a.status().code == tact::Code::io);
  CHECK(a.status().message.find("/nonexistent/pack.toml") != std::string::npos);
  tact::Report report;
  CHECK(a.analyze("hi", tact::Role::agent, &report).code == tact::Code::invalid_argument);
  CHECK(a.rule_count() == 0);
}

TEST_CASE("offsets of findings refer to the caller's bytes, in UTF-8 and UTF-16") {
  // Two emoji (4 UTF-8 bytes, 2 UTF-16 units each) and a curly apostrophe
  // (3 bytes, 1 unit) before the phrase.
  const std::string text = "\xF0\x9F\x98\xA1\xF0\x9F\x98\xA1 I don\xE2\x80\x99t know";
  const tact::Report r = shared_analyzer().analyze(text, tact::Role::agent);
  REQUIRE_FALSE(r.triggers.empty());
  const tact::Trigger& t = r.triggers.front();
  CHECK(t.category == "uncertainty");
  CHECK(t.span.start == 9);
  CHECK(t.span.end == text.size());
  CHECK(t.span.start_utf16 == 5);
  CHECK(t.span.end_utf16 == 5 + 12);
  CHECK(t.text == "I don\xE2\x80\x99t know");
}

TEST_CASE("sections switched off are skipped") {
  const std::string text = "I don't know. Calm down, it's our policy.";
  tact::Options options;
  options.tone = false;
  options.rewrite = false;
  const tact::Analyzer a(options);
  REQUIRE(a.ok());
  const tact::Report lean = a.analyze(text, tact::Role::agent);
  const tact::Report full = shared_analyzer().analyze(text, tact::Role::agent);
  CHECK(lean.triggers.size() == full.triggers.size());
  CHECK(lean.rewrite.empty());
  CHECK(lean.edits.empty());
  for (const auto& t : lean.triggers) CHECK(t.suggestions.empty());
  CHECK(lean.tone.deescalation == 0.0);
  CHECK(lean.escalation.cues.empty());
  CHECK_FALSE(full.rewrite.empty());
  CHECK(full.rewrite != text);
  CHECK(full.tone.deescalation < 0.5);
}

TEST_CASE("analyze_batch returns what analyze returns, in input order") {
  const std::vector<std::string> texts = {"I don't know.",
                                          "Where is my refund?!",
                                          "Thanks so much, that fixed it.",
                                          "",
                                          "Calm down.",
                                          "This is the THIRD time I've called!!!",
                                          "I'll check that for you right now."};
  std::vector<std::string_view> views(texts.begin(), texts.end());
  for (int repeat = 0; repeat < 20; ++repeat)
    views.push_back(texts[static_cast<std::size_t>(repeat) % texts.size()]);
  const tact::Analyzer& a = shared_analyzer();
  for (unsigned threads : {1u, 2u, 0u}) {
    std::vector<tact::Status> statuses;
    const auto reports = a.analyze_batch(views, tact::Role::automatic, threads, &statuses);
    REQUIRE(reports.size() == views.size());
    REQUIRE(statuses.size() == views.size());
    for (std::size_t i = 0; i < views.size(); ++i) {
      CHECK(statuses[i].ok());
      CHECK(tact::core::to_json(reports[i]) ==
            tact::core::to_json(a.analyze(views[i], tact::Role::automatic)));
    }
  }
}

TEST_CASE("copies share the compiled pack and give the same results") {
  const tact::Analyzer copy = shared_analyzer();
  const std::string text = "No, we can't do that. It's our policy.";
  CHECK(tact::core::to_json(copy.analyze(text)) ==
        tact::core::to_json(shared_analyzer().analyze(text)));
  CHECK(copy.rule_count() == shared_analyzer().rule_count());
}

TEST_CASE("names of enums are fixed") {
  CHECK(std::string(tact::role_name(tact::Role::automatic)) == "auto");
  CHECK(std::string(tact::severity_name(tact::Severity::error)) == "error");
  CHECK(std::string(tact::escalation_label(3)) == "angry");
  CHECK(std::string(tact::escalation_label(9)) == "calm");
  CHECK(std::string(tact::code_name(tact::Code::rules)) == "rule pack error");
  CHECK(std::string(tact::code_name(static_cast<tact::Code>(-99))) == "unknown status");
}

// The header-only layer copies every field the C ABI gives; a field it
// forgot, or read from the wrong accessor, shows up as a difference from
// the core's own report on real replies (model findings, declined edits,
// cues and probabilities included).
TEST_CASE("the C++ layer's reports equal the core's, field for field") {
  const tact::core::Analyzer core;
  const tact::Analyzer& api = shared_analyzer();
  std::string line;
  std::size_t compared = 0;
  std::size_t with_model = 0;
  std::size_t with_declined = 0;
  // Both written sets: the rules find most phrases, so the learned layer's
  // own findings are few; together the sets hold some.
  for (const char* path : {TACT_SOURCE_DIR "/rules/en/model/train/written-1.jsonl",
                           TACT_SOURCE_DIR "/rules/en/model/train/written-2.jsonl"}) {
    std::ifstream in(path);
    REQUIRE(in);
    while (std::getline(in, line)) {
      const nlohmann::json j = nlohmann::json::parse(line);
      const std::string text = j.at("text").get<std::string>();
      const tact::Role role =
          j.at("role").get<std::string>() == "agent" ? tact::Role::agent : tact::Role::customer;
      const tact::Report want = core.analyze(text, role);
      const tact::Report got = api.analyze(text, role);
      CHECK(tact::core::to_json(got) == tact::core::to_json(want));
      REQUIRE(got.declined.size() == want.declined.size());
      for (std::size_t i = 0; i < got.declined.size(); ++i) {
        CHECK(got.declined[i].reason == want.declined[i].reason);
        CHECK_FALSE(got.declined[i].applied);
      }
      for (const tact::Trigger& t : got.triggers) with_model += t.source == tact::Source::model;
      with_declined += !got.declined.empty();
      ++compared;
    }
  }
  CHECK(compared == 1050);
  CHECK(with_model > 0);
  CHECK(with_declined > 0);
}

TEST_CASE("clear_report empties a report as Report() does and keeps its lists' memory") {
  const tact::core::Analyzer analyzer;
  REQUIRE(analyzer.ok());
  tact::Report report;
  REQUIRE(analyzer
              .analyze("I don't know, calm down. It's our policy. THIS IS THE THIRD TIME!!! "
                       "I want a manager.",
                       tact::Role::agent, &report)
              .ok());
  REQUIRE(!report.triggers.empty());
  REQUIRE(!report.escalation.cues.empty());
  const std::size_t capacity = report.triggers.capacity();
  tact::core::clear_report(&report);
  CHECK(tact::core::to_json(report) == tact::core::to_json(tact::Report()));
  CHECK(report.triggers.empty());
  CHECK(report.triggers.capacity() == capacity);
  // Analyzing into it again gives what a fresh report gets.
  REQUIRE(analyzer.analyze("Thanks, that works.", tact::Role::customer, &report).ok());
  CHECK(tact::core::to_json(report) ==
        tact::core::to_json(analyzer.analyze("Thanks, that works.", tact::Role::customer)));
}

TEST_CASE("a sentence-start rule respects the pack's abbreviations") {
  const tact::Analyzer& a = shared_analyzer();
  const auto verdict = [&](const std::string& text) {
    const tact::Report r = a.analyze(text, tact::Role::customer);
    for (const tact::Signal& s : r.escalation.signals) {
      if (s.rule == "signal.frustration.one-word-verdict") return true;
    }
    return false;
  };
  // "Useless." opens a sentence of its own only after a full stop that
  // ends one; after "Mr." it is a (sarcastic) name.
  CHECK(verdict("This is my third email to Mr. Patel. Useless."));
  CHECK_FALSE(verdict("This is my third email to Mr. Useless."));
  CHECK(verdict("This is my third email. Useless."));
}
