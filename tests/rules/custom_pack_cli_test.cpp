// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// examples/custom_pack.toml end to end through the tact binary: the pack
// validates with `tact rules check`, its new rule flags with exact offsets,
// the rule it disables stays quiet, the default rules still work, and a
// broken pack is reported as file:line: rule: reason with exit status 2.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run.hpp"

namespace {

const std::string kPack = std::string(TACT_SOURCE_DIR) + "/examples/custom_pack.toml";

using tact::testing::json_lines;
using tact::testing::Run;

// Runs the CLI with `args` (shell words), feeding `input` on stdin.
Run tact_cli(const std::string& args, const std::string& input = "") {
  return tact::testing::run_cli(TACT_CLI, args, input);
}

std::vector<std::string> rules_of(const nlohmann::json& report) {
  std::vector<std::string> out;
  for (const auto& t : report["triggers"]) out.push_back(t["rule"].get<std::string>());
  return out;
}

TEST_CASE("the example pack is at most ten lines") {
  std::ifstream in(kPack);
  int lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  CHECK(lines > 0);
  CHECK(lines <= 10);
}

TEST_CASE("tact rules check validates the example pack and runs every example") {
  const Run r = tact_cli("rules check '" + kPack + "'");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.rfind(kPack + ": ", 0) == 0);
  CHECK(r.out.find(" rules, all examples pass\n") != std::string::npos);
}

TEST_CASE("analyze --rules: the added rule flags, the disabled one is quiet, the rest still work") {
  const std::string input =
      "Per our terms and conditions, refunds take 14 days.\n"
      "Unfortunately I don\xE2\x80\x99t know when it ships.\n";
  const Run with = tact_cli("analyze --format json --rules '" + kPack + "'", input);
  REQUIRE(with.status == 0);
  const auto reports = json_lines(with.out);
  REQUIRE(reports.size() == 2);

  REQUIRE(rules_of(reports[0]) == std::vector<std::string>{"trigger.policy_shield.per-our-terms"});
  const auto& t = reports[0]["triggers"][0];
  CHECK(t["category"] == "policy_shield");
  CHECK(t["severity"] == "warning");
  CHECK(t["start"] == 0);
  CHECK(t["end"] == 29);
  CHECK(t["start_utf16"] == 0);
  CHECK(t["end_utf16"] == 29);
  CHECK(t["text"] == "Per our terms and conditions,");
  CHECK(t["message"] ==
        "Quoting the terms reads as a brush-off. Say what the rule is, in plain words.");

  // "Unfortunately" is disabled by the pack; "I don't know" is a default rule.
  REQUIRE(rules_of(reports[1]) == std::vector<std::string>{"trigger.uncertainty.dont-know"});
  const auto& u = reports[1]["triggers"][0];
  CHECK(u["start"] == 14);
  CHECK(u["end"] == 28);  // the curly apostrophe is three bytes
  CHECK(u["start_utf16"] == 14);
  CHECK(u["end_utf16"] == 26);

  // Without the pack, the default rules flag "Unfortunately", and the terms
  // only as a note: the pack's rule is what makes them a warning.
  const Run without = tact_cli("analyze --format json", input);
  REQUIRE(without.status == 0);
  const auto plain = json_lines(without.out);
  REQUIRE(plain.size() == 2);
  CHECK(rules_of(plain[0]) == std::vector<std::string>{"trigger.policy_shield.rule-as-reason"});
  CHECK(plain[0]["triggers"][0]["severity"] == "info");
  CHECK(rules_of(plain[1]) == std::vector<std::string>{"trigger.negative_framing.unfortunately",
                                                       "trigger.uncertainty.dont-know"});
}

TEST_CASE("a broken pack: file:line: rule: reason, exit status 2") {
  const std::string broken = (std::filesystem::temp_directory_path() /
                              ("tact_broken_pack_" + std::to_string(::getpid()) + ".toml"))
                                 .string();
  std::ofstream(broken) << "extends = \"en\"\n"
                           "[[rule]]\n"
                           "id = \"trigger.policy_shield.terms\"\n"
                           "patterns = ['''per our (terms''']\n"
                           "message = \"m\"\n"
                           "examples = [\"Per our terms.\"]\n"
                           "counterexamples = [\"Our terms.\"]\n";
  Run r = tact_cli("rules check '" + broken + "'");
  CHECK(r.status == 2);
  CHECK(r.err == broken +
                     ":4: trigger.policy_shield.terms: invalid RE2 in pattern \"per our (terms\": "
                     "missing ): per our (terms\n");
  r = tact_cli("analyze --rules '" + broken + "'", "hello\n");
  CHECK(r.status == 2);
  CHECK(r.err.find(broken + ":4: trigger.policy_shield.terms: invalid RE2") != std::string::npos);

  // A pack that loads but whose example fails is reported with its line.
  std::ofstream(broken) << "extends = \"en\"\n"
                           "[[rule]]\n"
                           "id = \"trigger.policy_shield.terms\"\n"
                           "patterns = ['''per our terms''']\n"
                           "message = \"m\"\n"
                           "examples = [\"As our terms say.\"]\n"
                           "counterexamples = [\"Our terms.\"]\n";
  r = tact_cli("rules check '" + broken + "'");
  CHECK(r.status == 2);
  CHECK(r.err ==
        broken + ":2: trigger.policy_shield.terms: example not flagged: \"As our terms say.\"\n");
  std::filesystem::remove(broken);
}

}  // namespace

namespace {

TEST_CASE("a house pack extends a class of the default pack through --rules") {
  const auto dir = std::filesystem::temp_directory_path();
  const std::string house =
      (dir / ("tact_house_classes_" + std::to_string(::getpid()) + ".toml")).string();
  // Adds a phrase to {cant}, which the default refusal rules use, and a
  // competitor class of its own with a rule over it.
  std::ofstream(house) << "extends = \"en\"\n"
                          "[classes]\n"
                          "cant.add = [\"are powerless to\"]\n"
                          "rival = [\"Acme Broadband\", \"Globex\"]\n"
                          "[[rule]]\n"
                          "id = \"trigger.deflection.try-rival\"\n"
                          "patterns = ['''(?:try|go to|switch to) {rival}''']\n"
                          "message = \"Sending the customer to a rival ends the conversation.\"\n"
                          "suggestions = [\"\"]\n"
                          "examples = [\"You could always switch to acme broadband.\"]\n"
                          "counterexamples = [\"Acme Broadband customers can switch too.\"]\n";
  Run r = tact_cli("rules check '" + house + "'");
  CHECK(r.status == 0);
  CHECK(r.out.find(" rules, all examples pass\n") != std::string::npos);

  const std::string input = "We are powerless to refund the fee.\nTry Globex then.\n";
  r = tact_cli("analyze --format json --rules '" + house + "'", input);
  REQUIRE(r.status == 0);
  auto reports = json_lines(r.out);
  REQUIRE(reports.size() == 2);
  CHECK(rules_of(reports[0]) == std::vector<std::string>{"trigger.refusal.we-cant"});
  CHECK(reports[0]["triggers"][0]["text"] == "We are powerless to refund");
  CHECK(rules_of(reports[1]) == std::vector<std::string>{"trigger.deflection.try-rival"});
  CHECK(reports[1]["triggers"][0]["text"] == "Try Globex");

  // Without the house pack neither line is flagged.
  r = tact_cli("analyze --format json", input);
  reports = json_lines(r.out);
  REQUIRE(reports.size() == 2);
  CHECK(rules_of(reports[0]).empty());
  CHECK(rules_of(reports[1]).empty());

  // A class the pack never defined: the error names the rule and the class.
  std::ofstream(house) << "extends = \"en\"\n"
                          "[[rule]]\n"
                          "id = \"trigger.deflection.try-rival\"\n"
                          "patterns = ['''try {rival}''']\n"
                          "message = \"m\"\n"
                          "examples = [\"Try Globex.\"]\n"
                          "counterexamples = [\"Try again.\"]\n";
  r = tact_cli("rules check '" + house + "'");
  CHECK(r.status == 2);
  CHECK(r.err == house +
                     ":4: trigger.deflection.try-rival: unknown class {rival} in pattern "
                     "\"try {rival}\"\n");
  std::filesystem::remove(house);
}

}  // namespace
