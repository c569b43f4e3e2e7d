// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The conversation stage through the C++ API: stages, open requests,
// routing by the default and a layered policy, and incremental == one-call.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "tact/conversation.hpp"

namespace {

const tact::Analyzer& analyzer() {
  static const tact::Analyzer a;
  return a;
}

tact::ConversationReport run(const std::vector<tact::ConversationInput>& turns,
                             const tact::Analyzer& a = analyzer()) {
  tact::ConversationReport r;
  const tact::Status s = tact::analyze_conversation(a, turns, &r, "t");
  REQUIRE_MESSAGE(s.ok(), s.message);
  return r;
}

using tact::Role;

}  // namespace

TEST_CASE("an apology does not answer a refund demand; a refund answer does") {
  const auto r =
      run({{Role::customer, "This blender broke after two days and I want my money back."},
           {Role::agent, "I'm so sorry to hear that."},
           {Role::customer, "So? Where is my refund?"},
           {Role::agent,
            "I've issued a full refund to your card; it will show within 3 business days."}});
  REQUIRE(r.turns.size() == 4);
  CHECK(r.turns[1].unaddressed == std::vector<std::string>{"refund_demand"});
  CHECK(r.turns[3].unaddressed.empty());
}

TEST_CASE("a manager request routes to a supervisor at P1; legal outranks it") {
  auto r = run({{Role::customer, "This is ridiculous, I want to speak to a manager right now."},
                {Role::agent, "I understand."}});
  CHECK(r.route == "supervisor");
  CHECK(r.priority == "P1");
  REQUIRE(!r.reasons.empty());
  CHECK(r.reasons[0].type == "manager_request");
  CHECK(r.reasons[0].turn == 0);
  CHECK(r.turns[1].unaddressed == std::vector<std::string>{"manager_request"});
  r = run({{Role::customer, "I want to speak to a manager."},
           {Role::customer, "Otherwise my lawyer will be in touch and I'll take you to court."}});
  CHECK(r.route == "legal");
}

TEST_CASE("a calm conversation stays at P4 and every customer turn is calm") {
  const auto r = run({{Role::customer, "Hi, could you tell me when my parcel will arrive?"},
                      {Role::agent, "Sure, it's due on Thursday."},
                      {Role::customer, "Great, thanks a lot!"}});
  CHECK(r.route == "stay");
  CHECK(r.priority == "P4");
  CHECK(r.turns[0].stage == "calm");
  CHECK(r.turns[2].stage == "calm");
  CHECK(r.trend == "steady");
}

TEST_CASE("a curt reply after anger is not calm") {
  const auto r = run({{Role::customer,
                       "This is absolutely unacceptable, you people are useless and I am furious!"},
                      {Role::agent, "I'm sorry. Let me look into it."},
                      {Role::customer, "fine."}});
  CHECK(r.turns[0].stage == "venting");
  CHECK(r.turns[2].level >= 1);
  CHECK(r.turns[2].stage != "calm");
}

TEST_CASE("a layered pack's [conversation] table changes the route") {
  tact::Options o;
  o.rule_texts.push_back({"house", R"(name = "house"
[[conversation.route]]
name = "retention"
signals = ["churn_threat", "manager_request"]
)"});
  const tact::Analyzer house(o);
  REQUIRE(house.ok());
  const std::vector<tact::ConversationInput> turns = {
      {Role::customer, "Let me speak to your supervisor."}};
  CHECK(run(turns).route == "supervisor");
  CHECK(run(turns, house).route == "retention");

  tact::Options bad;
  bad.rule_texts.push_back({"bad", "name = \"bad\"\n[conversation.answers]\nurgency = ['(']\n"});
  const tact::Analyzer b(bad);
  REQUIRE(b.ok());
  tact::Conversation c(b);
  CHECK(c.status().code == tact::Code::rules);
  CHECK(c.append(Role::customer, "hi").code == tact::Code::rules);
}

TEST_CASE("bad input gets a status, never a crash") {
  tact::ConversationReport r;
  CHECK(tact::analyze_conversation(analyzer(), {}, &r).code == tact::Code::invalid_argument);
  tact::Conversation c(analyzer());
  CHECK(c.append(Role::automatic, "hi").code == tact::Code::invalid_argument);
  CHECK(c.report().turns.empty());
  CHECK(c.append(Role::customer, std::string("\xff\xfe bad \xc3", 8)).ok());
  CHECK(c.report().to_json().find("\"turns\":[{") != std::string::npos);
}

TEST_CASE("incremental and one-call reports are byte-identical") {
  const std::vector<std::string> lines = {
      "Where is my order? It's the third time I'm asking!",
      "I need this sorted today, I'm flying tomorrow.",
      "If this isn't fixed I'm cancelling my subscription.",
      "ok",
      "Thanks, that works.",
      "I'm so sorry for the trouble.",
      "I've escalated this to my supervisor, who will call you within 2 hours.",
      "I can see this is your third contact about it; I've refunded the fee.",
      "FIX IT NOW OR I CALL MY LAWYER",
      "Could you confirm the order number, please?"};
  std::mt19937 rng(16);
  for (int round = 0; round < 40; ++round) {
    std::vector<tact::ConversationInput> turns;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      turns.push_back({rng() % 2 ? Role::customer : Role::agent, lines[rng() % lines.size()]});
    }
    tact::Conversation c(analyzer(), "t");
    std::string last;
    for (const auto& t : turns) {
      REQUIRE(c.append(t.role, t.text).ok());
    }
    CHECK(c.report().to_json() == run(turns).to_json());
  }
}

TEST_CASE("the 100,001st turn is refused; the conversation stays usable") {
  tact::Conversation c(analyzer());
  for (std::size_t i = 0; i < tact::kMaxConversationTurns; ++i) {
    REQUIRE(c.append(i % 2 ? Role::agent : Role::customer, i % 2 ? "ok" : "hi").ok());
  }
  CHECK(c.append(Role::customer, "one more").code == tact::Code::input_too_large);
  CHECK(c.report().turns.size() == tact::kMaxConversationTurns);
  CHECK(c.report().route == "stay");
}

TEST_CASE("incremental == one-call over the written conversations and the dev set") {
  for (const std::string& path : {std::string(TACT_SOURCE_DIR) + "/tests/conversation/own.jsonl",
                                  std::string(TACT_SHARED_DIR) + "/eval/conversations_dev.jsonl"}) {
    std::ifstream in(path);
    if (!in) continue;  // the dev set is absent without ../shared
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      const auto j = nlohmann::json::parse(line);
      std::vector<tact::ConversationInput> turns;
      tact::Conversation c(analyzer(), "t");
      for (const auto& t : j["turns"]) {
        const Role role = t["role"] == "agent" ? Role::agent : Role::customer;
        turns.push_back({role, t["text"].get<std::string>()});
        REQUIRE(c.append(role, turns.back().text).ok());
      }
      CHECK(c.report().to_json() == run(turns).to_json());
      ++n;
    }
    MESSAGE(path << ": " << n << " conversations");
    CHECK(n > 0);
  }
}
