// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// `tact report` as a user runs it, small enough for the sanitizer builds
// (test_report.py, skipped there, checks a larger archive against `tact
// analyze` and `tact conversation`, and the HTML cell by cell).
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_run.hpp"

using tact::testing::json_lines;
using tact::testing::run_cli;

namespace {

// Two conversations as flat lines: the first escalates right after a reply
// with triggers, the second is calmed by an apology.
const char* const kFlat =
    R"({"c":"a","role":"customer","text":"Hi, I was charged twice this month.","agent":"x","created_at":"2026-11-02T10:00:00Z"})"
    "\n"
    R"({"c":"a","role":"agent","text":"I don't know, calm down. That is our policy.","agent":"ann","team":"billing","created_at":"2026-11-02T10:05:00Z"})"
    "\n"
    R"({"c":"a","role":"customer","text":"This is ridiculous, third time I am writing! I want a manager NOW.","created_at":"2026-11-03T09:00:00Z"})"
    "\n"
    R"({"c":"b","role":"customer","text":"Unacceptable. I want a refund immediately or I will cancel my account.","created_at":"2026-11-04T09:00:00Z"})"
    "\n"
    R"({"c":"b","role":"agent","text":"I am so sorry about this. I have issued the refund and you will see it in two days.","agent":"bo"})"
    "\n"
    R"({"c":"b","role":"customer","text":"Thank you, that solved it.","created_at":"2026-11-04T10:00:00Z"})"
    "\n";

}  // namespace

TEST_CASE("tact report --format json: counts, conversations, definitions") {
  const auto r = run_cli(TACT_CLI, "report --format json --group-by c", kFlat);
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["tact_report"] == 1);
  CHECK(j["input"]["messages"] == 6);
  CHECK(j["input"]["agent_messages"] == 2);
  CHECK(j["input"]["customer_messages"] == 4);
  CHECK(j["input"]["conversations"] == 2);
  CHECK(j["input"]["bad_lines"] == 0);
  CHECK(j["escalation"]["over_time"].size() == 3);
  CHECK(j["triggers"]["replies"] == 2);
  CHECK(j["triggers"]["by_agent"][0]["agent"] == "ann");
  CHECK(j["triggers"]["by_team"].size() == 2);  // billing and (none)
  CHECK(j["conversations"]["escalated_after_trigger_total"] == 1);
  const auto& e = j["conversations"]["escalated_after_trigger"][0];
  CHECK(e["id"] == "a");
  CHECK(e["turn"] == 1);
  CHECK(e["triggers"][0]["start"] == 0);
  CHECK(e["triggers"][0]["length"] == 12);  // "I don't know"
  CHECK(j["conversations"]["calmed_after_reply_total"] == 1);
  CHECK(j["conversations"]["calmed_after_reply"][0]["id"] == "b");

  // The priorities and routes `tact conversation` gives the same lines.
  const auto c = run_cli(TACT_CLI, "conversation --format json --group-by c", kFlat);
  REQUIRE(c.status == 0);
  std::map<std::string, int> priority;
  for (const auto& conv : json_lines(c.out)) ++priority[conv["priority"].get<std::string>()];
  for (const auto& [k, n] : priority) CHECK(j["conversations"]["priority"][k] == n);

  // Whole conversations, one per line, give the same report.
  const std::string whole =
      R"({"id":"a","turns":[{"role":"customer","text":"Hi, I was charged twice this month.","created_at":"2026-11-02T10:00:00Z"},{"role":"agent","text":"I don't know, calm down. That is our policy.","agent":"ann","team":"billing"},{"role":"customer","text":"This is ridiculous, third time I am writing! I want a manager NOW.","created_at":"2026-11-03T09:00:00Z"}]})"
      "\n";
  const auto w = run_cli(TACT_CLI, "report --format json", whole);
  REQUIRE(w.status == 0);
  const auto wj = nlohmann::json::parse(w.out);
  CHECK(wj["conversations"]["count"] == 1);
  CHECK(wj["conversations"]["escalated_after_trigger"] ==
        j["conversations"]["escalated_after_trigger"]);
}

TEST_CASE("tact report: the same report on any number of threads") {
  std::string in;
  for (int i = 0; i < 40; ++i) in += kFlat;
  const auto one = run_cli(TACT_CLI, "report --format json --group-by c --threads 1", in);
  const auto four = run_cli(TACT_CLI, "report --format json --group-by c --threads 4", in);
  REQUIRE(one.status == 0);
  CHECK(one.out == four.out);
  // Consecutive runs of the same value are one conversation each time.
  CHECK(nlohmann::json::parse(one.out)["conversations"]["count"] == 80);
}

TEST_CASE("tact report: bad lines are counted with their line numbers, the rest reported") {
  const std::string in =
      "{\"text\": \"Hello, where is my order?\", \"role\": \"customer\"}\n"
      "{\"text\": \"oops\"\n"
      "{\"role\": \"agent\"}\n"
      "{\"text\": 5}\n"
      "{\"text\": \"caf\xE9\"}\n"
      "{\"id\": 1, \"turns\": []}\n"
      "{\"text\": \"I don't know.\", \"role\": \"agent\"}\n";
  const auto r = run_cli(TACT_CLI, "report --format json", in);
  CHECK(r.status == 2);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["input"]["bad_lines"] == 5);
  CHECK(j["input"]["messages"] == 2);
  REQUIRE(j["input"]["errors"].size() == 5);
  int line = 2;
  for (const auto& e : j["input"]["errors"]) {
    CHECK(e["file"] == "<stdin>");
    CHECK(e["line"] == line);
    CHECK(r.err.find("tact: <stdin>:" + std::to_string(line) + ": ") != std::string::npos);
    ++line;
  }
  CHECK(j["input"]["errors"][4]["code"] == "conversation_error");
}

TEST_CASE("tact report: HTML escapes the messages and links nothing") {
  const std::string in =
      R"({"c":"a","role":"customer","text":"Hi, I was charged twice this month."})"
      "\n"
      R"({"c":"a","role":"agent","agent":"<i>x</i>","text":"<script>alert(1)</script> I don't know, calm down. That is our policy."})"
      "\n"
      R"({"c":"a","role":"customer","text":"This is ridiculous, third time I am writing! I want a manager NOW."})"
      "\n";
  const auto r = run_cli(TACT_CLI, "report --group-by c", in);
  REQUIRE(r.status == 0);
  CHECK(r.out.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(r.out.find("<script") == std::string::npos);
  CHECK(r.out.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(r.out.find("&lt;i&gt;x&lt;/i&gt;") != std::string::npos);
  CHECK(r.out.find("<mark>I don&#39;t know</mark>") != std::string::npos);
  CHECK(r.out.find("http://") == std::string::npos);
  CHECK(r.out.find("https://") == std::string::npos);
  for (const char* id : {"input", "escalation", "triggers", "techniques", "conversations"}) {
    CHECK(r.out.find(std::string("<section id=\"") + id + "\">") != std::string::npos);
  }
  CHECK(r.out.find("<svg") != std::string::npos);
  // No progress when stderr is not a terminal.
  CHECK(r.err.empty());
}

TEST_CASE("tact report: options and output errors") {
  CHECK(run_cli(TACT_CLI, "report --format xml").status == 2);
  CHECK(run_cli(TACT_CLI, "report --period month").status == 2);
  const auto full = run_cli(TACT_CLI, "report -o /dev/full", "{\"text\":\"hi\"}\n");
  CHECK(full.status == 2);
  CHECK(full.err.find("tact: /dev/full: cannot write") != std::string::npos);
  const auto missing = run_cli(TACT_CLI, "report --format json /nonexistent/archive.jsonl");
  CHECK(missing.status == 2);
  CHECK(missing.err.find("tact: /nonexistent/archive.jsonl:0: cannot open") != std::string::npos);
}
