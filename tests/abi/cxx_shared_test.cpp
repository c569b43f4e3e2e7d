// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The header-only C++ API as an application uses it: compiled with the
// public headers alone and linked against libtact.so, which exports only
// the C ABI. Also the shared ownership of tact_analyzer_retain: analyzers
// swapped while requests still use the old one (run under TSan by
// scripts/test-sanitizers.sh).
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tact.h"
#include "tact/tact.hpp"

namespace {

const char kAgent[] = "I don't know. Calm down, it's our policy.";
const char kCustomer[] = "Third time I'm writing!! I want a refund or I'm cancelling.";

// A pack of one house rule, so that which analyzer answered shows in the
// rule ids. Builds in milliseconds (no default pack).
tact::Options house_pack(const std::string& word) {
  tact::Options o;
  o.default_pack = false;
  o.rule_texts.push_back(
      {"house-" + word,
       "[[rule]]\nid = \"trigger.dismissive.house-" + word + "\"\npatterns = ['" + word +
           "']\nmessage = \"Dismissive.\"\nsuggestions = [\"I understand\"]\nexamples = [\"" +
           word + "\"]\ncounterexamples = [\"fine\"]\n"});
  return o;
}

}  // namespace

TEST_CASE("the C++ layer reports what the C ABI reports") {
  const tact::Analyzer analyzer;
  REQUIRE(analyzer.ok());
  CHECK(analyzer.rule_count() > 100);
  const tact::Report r = analyzer.analyze(kAgent, tact::Role::agent);
  REQUIRE(r.triggers.size() >= 3);
  CHECK(r.role == tact::Role::agent);
  CHECK_FALSE(r.rewrite.empty());
  CHECK(r.rewrite != kAgent);
  for (const tact::Trigger& t : r.triggers) {
    CHECK(t.text == std::string(kAgent).substr(t.span.start, t.span.end - t.span.start));
    CHECK_FALSE(t.message.empty());
  }
  CHECK(r.escalation.label == tact::escalation_label(r.escalation.level));

  tact_report* c = nullptr;
  REQUIRE(tact_analyze(&c, analyzer.native_handle(), kAgent, sizeof kAgent - 1, TACT_ROLE_AGENT) ==
          TACT_OK);
  REQUIRE(tact_report_trigger_count(c) == r.triggers.size());
  for (std::size_t i = 0; i < r.triggers.size(); ++i) {
    CHECK(r.triggers[i].rule == tact_report_trigger_at(c, i)->rule);
    CHECK(r.triggers[i].suggestions.size() == tact_report_trigger_at(c, i)->suggestion_count);
  }
  REQUIRE(tact_report_cue_count(c) == r.escalation.cues.size());
  for (std::size_t i = 0; i < r.escalation.cues.size(); ++i) {
    CHECK(std::string(tact_report_cue_at(c, i)->kind) ==
          tact::cue_kind_name(r.escalation.cues[i].kind));
  }
  CHECK(tact_report_edit_count(c) == r.edits.size());
  CHECK(r.rewrite == tact_report_rewrite(c, nullptr));
  const char* json = nullptr;
  std::size_t len = 0;
  REQUIRE(tact_report_json(&json, &len, c) == TACT_OK);
  std::string ours;
  REQUIRE(analyzer.analyze_json(kAgent, tact::Role::agent, &ours).ok());
  CHECK(ours == std::string(json, len));
  tact_report_free(c);
}

TEST_CASE("errors come back as statuses, and as tact::Error from the throwing form") {
  tact::Options o;
  o.rule_texts.push_back({"broken", "[[rule]]\nid = 7\n"});
  const tact::Analyzer bad(o);
  CHECK_FALSE(bad.ok());
  CHECK(bad.status().code == tact::Code::rules);
  CHECK(bad.status().message.find("broken") != std::string::npos);
  tact::Report r;
  CHECK(bad.analyze("hello", tact::Role::agent, &r).code == tact::Code::invalid_argument);

  tact::Options small;
  small.max_input_bytes = 8;
  const tact::Analyzer limited(small);
  REQUIRE(limited.ok());
  const tact::Status st = limited.analyze("far more than eight bytes", tact::Role::agent, &r);
  CHECK(st.code == tact::Code::input_too_large);
  CHECK_FALSE(st.message.empty());
  CHECK_THROWS_AS(limited.analyze("far more than eight bytes"), tact::Error);
  CHECK(limited.analyze("Sorry!", tact::Role::agent, &r).ok());
  CHECK(std::string(tact::code_name(tact::Code::deadline_exceeded)) ==
        tact_status_string(TACT_E_DEADLINE));
}

TEST_CASE("analyze_batch gives analyze's reports in input order") {
  const tact::Analyzer analyzer;
  const std::vector<std::string_view> texts = {kAgent, kCustomer, "", "Thanks, all sorted!"};
  std::vector<tact::Status> statuses;
  unsigned used = 0;
  const std::vector<tact::Report> reports =
      analyzer.analyze_batch(texts, tact::Role::automatic, 2, &statuses, &used);
  REQUIRE(reports.size() == texts.size());
  CHECK(used >= 1);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    CHECK(statuses[i].ok());
    const tact::Report one = analyzer.analyze(texts[i], tact::Role::automatic);
    CHECK(reports[i].role == one.role);
    CHECK(reports[i].triggers.size() == one.triggers.size());
    CHECK(reports[i].escalation.signals.size() == one.escalation.signals.size());
    CHECK(reports[i].rewrite == one.rewrite);
  }
}

TEST_CASE("a conversation through the C++ layer") {
  const tact::Analyzer analyzer;
  tact::Conversation c(analyzer, "ticket-1");
  REQUIRE(c.status().ok());
  REQUIRE(c.append(tact::Role::customer, kCustomer).ok());
  REQUIRE(c.append(tact::Role::agent, "I'm so sorry about this.").ok());
  CHECK(c.append(tact::Role::automatic, "x").code == tact::Code::invalid_argument);
  const tact::ConversationReport& r = c.report();
  CHECK(r.id == "ticket-1");
  REQUIRE(r.turns.size() == 2);
  CHECK(r.turns[0].report.role == tact::Role::customer);
  CHECK_FALSE(r.turns[0].stage.empty());
  CHECK(r.turns[0].level == r.peak);
  CHECK(r.turns[1].stage.empty());
  // An apology answers neither the refund demand nor the repeat contact.
  CHECK(std::find(r.turns[1].unaddressed.begin(), r.turns[1].unaddressed.end(), "refund_demand") !=
        r.turns[1].unaddressed.end());
  CHECK_FALSE(r.priority.empty());
  CHECK_FALSE(r.route.empty());
  CHECK_FALSE(r.reasons.empty());
  for (const tact::ConversationReason& why : r.reasons) CHECK(why.turn < r.turns.size());
  const std::string json = c.json();
  CHECK(json.find("\"route\":\"" + r.route + "\"") != std::string::npos);
  CHECK(json.find("\"unaddressed\":[") != std::string::npos);

  tact::ConversationReport once;
  REQUIRE(tact::analyze_conversation(
              analyzer,
              {{tact::Role::customer, kCustomer}, {tact::Role::agent, "I'm so sorry about this."}},
              &once, "ticket-1")
              .ok());
  CHECK(once.route == r.route);
  CHECK(once.priority == r.priority);
  CHECK(once.reasons.size() == r.reasons.size());
  CHECK(once.turns[1].unaddressed == r.turns[1].unaddressed);
  CHECK(tact::analyze_conversation(analyzer, {}, &once).code == tact::Code::invalid_argument);
}

TEST_CASE("the enums' names are the C ABI's") {
  CHECK(std::string(tact_role_name(TACT_ROLE_AUTO)) == tact::role_name(tact::Role::automatic));
  CHECK(std::string(tact_severity_name(TACT_SEVERITY_ERROR)) ==
        tact::severity_name(tact::Severity::error));
  CHECK(std::string(tact_source_name(TACT_SOURCE_MODEL)) == tact::source_name(tact::Source::model));
  CHECK(std::string(tact_cue_kind_name(TACT_CUE_TECHNIQUE)) ==
        tact::cue_kind_name(tact::CueKind::technique));
  for (int level = 0; level <= 4; ++level) {
    CHECK(std::string(tact_level_name(level)) == tact::escalation_label(level));
  }
  CHECK(tact_level_name(5) == nullptr);
  CHECK(tact_level_name(-1) == nullptr);
}

TEST_CASE("an analyzer retained by C outlives its first owner") {
  tact_analyzer* a = nullptr;
  REQUIRE(tact_analyzer_new(&a, nullptr) == TACT_OK);
  CHECK(tact_analyzer_retain(nullptr) == nullptr);
  tact::Analyzer shared = tact::Analyzer::from_handle(a);
  tact_analyzer_free(a);  // the C owner is done; the C++ copy keeps it alive
  REQUIRE(shared.ok());
  CHECK_FALSE(shared.analyze(kAgent).triggers.empty());
  const tact::Analyzer none = tact::Analyzer::from_handle(nullptr);
  CHECK_FALSE(none.ok());
  CHECK(none.status().code == tact::Code::invalid_argument);
}

TEST_CASE("swapping analyzers under load: every request keeps the one it took") {
  // The help desk's pattern: readers take the current analyzer and retain it
  // under a lock, analyze without the lock, then release; a writer builds a
  // new analyzer and swaps it in, releasing the old one at once.
  std::mutex lock;
  tact_analyzer* current = nullptr;
  {
    const tact::Analyzer first(house_pack("alpha"));
    REQUIRE(first.ok());
    current = tact_analyzer_retain(first.native_handle());
  }
  auto take = [&] {
    std::lock_guard<std::mutex> guard(lock);
    return tact_analyzer_retain(current);
  };
  std::atomic<bool> stop{false};
  std::atomic<int> wrong{0};
  std::atomic<long> answered{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      const std::string text = "alpha beta gamma";
      while (!stop.load()) {
        tact_analyzer* a = take();
        tact_report* r = nullptr;
        if (tact_analyze(&r, a, text.data(), text.size(), TACT_ROLE_AGENT) != TACT_OK ||
            tact_report_trigger_count(r) != 1) {
          ++wrong;
        }
        tact_report_free(r);
        tact_analyzer_free(a);
        ++answered;
      }
    });
  }
  const char* const words[] = {"beta", "gamma", "alpha"};
  for (int swap = 0; swap < 30; ++swap) {
    const tact::Analyzer next(house_pack(words[swap % 3]));
    REQUIRE(next.ok());
    tact_analyzer* fresh = tact_analyzer_retain(next.native_handle());
    tact_analyzer* old = nullptr;
    {
      std::lock_guard<std::mutex> guard(lock);
      old = current;
      current = fresh;
    }
    tact_analyzer_free(old);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  stop = true;
  for (std::thread& t : readers) t.join();
  tact_analyzer_free(current);
  CHECK(wrong.load() == 0);
  CHECK(answered.load() > 0);
}
