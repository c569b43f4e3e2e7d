// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The tact command-line tool, run as a user would: arguments, input formats,
// JSON Lines output, exit codes and error messages.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run.hpp"

#include "tact/version.hpp"

namespace {

using tact::testing::json_lines;
using tact::testing::Run;

// Runs the CLI with `args` (shell words), feeding `input` on stdin.
Run tact_cli(const std::string& args, const std::string& input = "") {
  return tact::testing::run_cli(TACT_CLI, args, input);
}

}  // namespace

TEST_CASE("--version prints the library version") {
  const Run r = tact_cli("--version");
  CHECK(r.status == 0);
  CHECK(r.out == std::string("tact ") + TACT_CXX_VERSION_STRING + "\n");
}

TEST_CASE("plain text: one JSON object per input line, in DESIGN.md's shape") {
  const Run r = tact_cli("analyze --format json", "first line\r\nsecond line\n\nfourth\n");
  REQUIRE(r.status == 0);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 4);  // the blank line is a message too
  for (const auto& j : lines) {
    CHECK(j["id"].is_null());
    CHECK(j["role"] == "agent");
    for (const char* key : {"sentiment", "anger", "politeness", "empathy", "deescalation"}) {
      CHECK(j["tone"][key].is_number());
    }
    CHECK(j["escalation"]["level"].is_number_integer());
    CHECK(j["escalation"]["signals"].is_array());
    CHECK(j["escalation"]["cues"].is_array());
    CHECK(j["triggers"].is_array());
    CHECK(j["techniques"].is_array());
    CHECK(j["edits"].is_array());
  }
  CHECK(lines[0]["rewrite"] == "first line");  // the \r of CRLF is not part of the message
  CHECK(lines[3]["rewrite"] == "fourth");
}

TEST_CASE("--jsonl echoes ids, takes per-message roles and ignores other fields") {
  const std::string input =
      R"({"id": "m1", "text": "Where is my parcel?", "role": "customer", "extra": [1, 2]})"
      "\n"
      R"({"id": 42, "text": "Let me check that for you."})"
      "\n";
  const Run r = tact_cli("analyze --jsonl --format json --role agent", input);
  REQUIRE(r.status == 0);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["id"] == "m1");
  CHECK(lines[0]["role"] == "customer");
  CHECK(lines[1]["id"] == "42");
  CHECK(lines[1]["role"] == "agent");
}

TEST_CASE("--role auto reports its guess") {
  const Run r = tact_cli("analyze --format json --role auto", "hello\n");
  REQUIRE(r.status == 0);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["role_guessed"] == true);
  CHECK((lines[0]["role"] == "agent" || lines[0]["role"] == "customer"));
}

TEST_CASE("a malformed JSON line is reported with its line number; the rest still runs") {
  const std::string input = R"({"id": "ok1", "text": "fine"})"
                            "\n"
                            R"({"id": "bad", "text": )"
                            "\n"
                            R"({"id": "ok2", "text": "also fine"})"
                            "\n"
                            R"({"id": "norole", "text": "x", "role": "robot"})"
                            "\n";
  SUBCASE("json output: an error object in place of the report, exit 2") {
    const Run r = tact_cli("analyze --jsonl --format json -", input);
    CHECK(r.status == 2);
    const auto lines = json_lines(r.out);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0]["id"] == "ok1");
    CHECK(lines[1]["error"]["file"] == "-");
    CHECK(lines[1]["error"]["line"] == 2);
    CHECK(lines[1]["error"]["message"] == "malformed JSON");
    CHECK(lines[2]["id"] == "ok2");
    CHECK(lines[3]["error"]["line"] == 4);
  }
  SUBCASE("text output: file:line on stderr, exit 2") {
    const Run r = tact_cli("analyze --jsonl", input);
    CHECK(r.status == 2);
    CHECK(r.err.find("tact: -:2: malformed JSON") != std::string::npos);
    CHECK(r.err.find("tact: -:4: field \"role\"") != std::string::npos);
    CHECK(r.out.find("ok2") != std::string::npos);
  }
}

TEST_CASE("usage and file errors exit 2 with a one-line message") {
  Run r = tact_cli("analyze /nonexistent/file.txt");
  CHECK(r.status == 2);
  CHECK(r.err == "tact: /nonexistent/file.txt: cannot open\n");
  r = tact_cli("analyze --role robot");
  CHECK(r.status == 2);
  r = tact_cli("frobnicate");
  CHECK(r.status == 2);
  r = tact_cli("");
  CHECK(r.status == 2);
}

TEST_CASE("text output lists each message") {
  const Run r =
      tact_cli("analyze --jsonl", R"({"id": "t1", "role": "customer", "text": "My order is late."})"
                                  "\n");
  REQUIRE(r.status == 0);
  CHECK(r.out.rfind("t1  customer  escalation ", 0) == 0);
  CHECK(r.out.find("  My order is late.\n") != std::string::npos);
  CHECK(r.out.find("\x1b[") == std::string::npos);  // no colour when not a terminal
}

TEST_CASE("rewrite prints one line per message") {
  const Run r = tact_cli("rewrite", "one\ntwo\n");
  REQUIRE(r.status == 0);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 2);
}
