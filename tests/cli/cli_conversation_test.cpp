// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// `tact conversation` as a user runs it: the JSON shape, --group-by, text
// output, and bad input reported per conversation with exit status 2.
#include <doctest/doctest.h>

#include <string>

#include "cli_run.hpp"

using tact::testing::json_lines;
using tact::testing::run_cli;

TEST_CASE("tact conversation --format json: one object per conversation") {
  const std::string in =
      R"({"id":"c1","channel":"chat","turns":[{"role":"customer","text":"I want to speak to your manager, now."},{"role":"agent","text":"I'm sorry."},{"role":"customer","text":"Well?"},{"role":"agent","text":"I'm getting my supervisor for you now; she'll join in two minutes."}]})"
      "\n"
      R"({"id":7,"turns":[{"role":"customer","text":"Hi, where do I change my password?"}]})"
      "\n";
  const auto r = run_cli(TACT_CLI, "conversation --format json", in);
  REQUIRE(r.status == 0);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 2);
  const auto& c = lines[0];
  CHECK(c["id"] == "c1");
  CHECK(c["route"] == "supervisor");
  CHECK(c["priority"] == "P1");
  REQUIRE(c["reasons"].size() >= 1);
  CHECK(c["reasons"][0]["type"] == "manager_request");
  CHECK(c["reasons"][0]["turn"] == 0);
  REQUIRE(c["turns"].size() == 4);
  CHECK(c["turns"][0]["stage"].is_string());
  CHECK(c["turns"][1]["unaddressed"] == nlohmann::json::array({"manager_request", "urgency"}));
  CHECK(c["turns"][3]["unaddressed"].empty());
  CHECK(c["turns"][3]["turn"] == 3);
  CHECK(c["turns"][1].contains("triggers"));  // the message report is there
  CHECK(lines[1]["id"] == 7);
  CHECK(lines[1]["route"] == "stay");
  CHECK(lines[1]["priority"] == "P4");
}

TEST_CASE("tact conversation --group-by groups flat lines in input order") {
  const std::string in = R"({"ticket":"b","role":"customer","text":"I need a refund for this."})"
                         "\n"
                         R"({"ticket":"a","role":"customer","text":"Thanks!"})"
                         "\n"
                         R"({"ticket":"b","role":"agent","text":"Sorry about that."})"
                         "\n";
  const auto r = run_cli(TACT_CLI, "conversation --format json --group-by ticket", in);
  REQUIRE(r.status == 0);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["id"] == "b");
  CHECK(lines[0]["turns"].size() == 2);
  CHECK(lines[0]["turns"][1]["unaddressed"] == nlohmann::json::array({"refund_demand"}));
  CHECK(lines[1]["id"] == "a");
}

TEST_CASE("tact conversation: bad conversations are reported, the rest analyzed") {
  const std::string in = R"({"id":1,"turns":[{"text":"no role"}]})"
                         "\n"
                         R"({"id":2,"turns":[{"role":"bot","text":"x"}]})"
                         "\n"
                         R"({"id":3,"turns":[]})"
                         "\n"
                         "not json\n"
                         // invalid UTF-8 makes the line malformed JSON, as for analyze --jsonl
                         R"({"id":5,"turns":[{"role":"customer","text":"bad \xff utf-8"}]})"
                         "\n"
                         R"({"id":6,"turns":[{"role":"customer","text":"Where is my parcel?"}]})"
                         "\n";
  const auto r = run_cli(TACT_CLI, "conversation --format json", in);
  CHECK(r.status == 2);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 6);
  for (int i = 0; i < 5; ++i) CHECK(lines[static_cast<std::size_t>(i)].contains("error"));
  REQUIRE(lines[5].contains("turns"));
  CHECK(lines[5]["turns"].size() == 1);
  CHECK(r.err.find("unknown role") != std::string::npos);

  const auto text =
      run_cli(TACT_CLI, "conversation",
              R"({"id":"t","turns":[{"role":"customer","text":"I'm cancelling my account."}]})"
              "\n");
  CHECK(text.status == 0);
  CHECK(text.out.find("route retention") != std::string::npos);
}
