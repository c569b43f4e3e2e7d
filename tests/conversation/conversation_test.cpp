// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The conversation stage through the C++ API: stages, open requests,
// routing by the default and a layered policy, and incremental == one-call.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "conversation/conversation.hpp"
#include "report/json.hpp"
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

// The default pack loaded from its files (as installed) carries its policy
// in an included file: the conversation reads the includes as the rules do.
TEST_CASE("the default pack loaded from files routes as the embedded one") {
  tact::Options o;
  o.default_pack = false;
  o.rule_files.push_back(TACT_SOURCE_DIR "/rules/en/pack.toml");
  const tact::Analyzer files(o);
  REQUIRE_MESSAGE(files.ok(), files.status().message);
  const std::vector<tact::ConversationInput> turns = {
      {Role::customer, "This is the third time I've written. I want a manager NOW."},
      {Role::agent, "I'm sorry, I can see this is your third contact."},
      {Role::customer, "Fine, I'll wait for the manager's call."}};
  const tact::ConversationReport embedded = run(turns);
  const tact::ConversationReport loaded = run(turns, files);
  CHECK(loaded.route == embedded.route);
  CHECK(loaded.priority == embedded.priority);
  CHECK(loaded.route == "supervisor");
}

TEST_CASE("bad input gets a status, never a crash") {
  tact::ConversationReport r;
  CHECK(tact::analyze_conversation(analyzer(), {}, &r).code == tact::Code::invalid_argument);
  tact::Conversation c(analyzer());
  CHECK(c.append(Role::automatic, "hi").code == tact::Code::invalid_argument);
  CHECK(c.report().turns.empty());
  CHECK(c.append(Role::customer, std::string("\xff\xfe bad \xc3", 8)).ok());
  CHECK(tact::core::to_json(c.report()).find("\"turns\":[{") != std::string::npos);
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
    CHECK(tact::core::to_json(c.report()) == tact::core::to_json(run(turns)));
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

TEST_CASE("a customer who takes back a manager request is routed to stay") {
  const auto r = run({{Role::customer, "The courier lost my parcel. Get me a supervisor."},
                      {Role::agent, "Let me look at the tracking first."},
                      {Role::customer, "Forget the supervisor, just find the parcel."},
                      {Role::agent, "It's at the depot and goes out again on the morning run."}});
  CHECK(r.turns[1].unaddressed == std::vector<std::string>{"manager_request"});
  CHECK(r.turns[3].unaddressed.empty());
  CHECK(r.route != "supervisor");
  for (const auto& why : r.reasons) CHECK(why.type != "manager_request");
  const auto kept = run({{Role::customer, "The courier lost my parcel. Get me a supervisor."},
                         {Role::agent, "Let me look at the tracking first."},
                         {Role::customer, "Just find the parcel."}});
  CHECK(kept.route == "supervisor");
}

TEST_CASE("a second contact is not a third: only the third routes to a senior agent") {
  const auto second =
      run({{Role::customer, "My heating bill is wrong again, the same extra fee as in March."}});
  CHECK(second.route == "stay");
  const auto third =
      run({{Role::customer,
            "This is the third time I'm writing about the extra fee on my heating bill."}});
  CHECK(third.route == "senior");
  CHECK(third.priority == "P2");
}

TEST_CASE(
    "acknowledging the earlier contacts answers repeat_contact; 'again' in a question does not") {
  const std::string first = "I have phoned four times about the broken gate and nobody came.";
  auto r =
      run({{Role::customer, first}, {Role::agent, "Could you restart the gate controller again?"}});
  CHECK(r.turns[1].unaddressed == std::vector<std::string>{"repeat_contact"});
  r = run(
      {{Role::customer, first},
       {Role::agent, "I can see your four earlier calls, and a technician is booked for Monday."}});
  CHECK(r.turns[1].unaddressed.empty());
}

TEST_CASE(
    "a refund granted as compensation, an urgent fix done now and a churn threat met by a fix") {
  auto r = run({{Role::customer, "The heater you sold me arrived cracked. I want my money back."},
                {Role::agent, "I'm sorry about that. I have refunded the heater in full."}});
  CHECK(r.turns[1].unaddressed.empty());
  r = run(
      {{Role::customer, "My card is blocked and I'm at the checkout, I need it working right now!"},
       {Role::agent, "I've unblocked the card; please try the payment again in a minute."}});
  CHECK(r.turns[1].unaddressed.empty());
  r = run(
      {{Role::customer, "Three missed deliveries. Sort it out or I'm cancelling my subscription."},
       {Role::agent,
        "I'm sorry. I've rebooked the delivery for tomorrow morning with a named driver."}});
  CHECK(std::find(r.turns[1].unaddressed.begin(), r.turns[1].unaddressed.end(), "churn_threat") ==
        r.turns[1].unaddressed.end());
}

TEST_CASE("after a reply that ignores the request the customer stays where they were") {
  const auto r =
      run({{Role::customer, "This is ridiculous, I was charged twice and I want a refund now!"},
           {Role::agent, "Thanks for contacting us. Is there anything else?"},
           {Role::customer, "Did you even read my message?"}});
  REQUIRE(r.turns.size() == 3);
  CHECK(r.turns[2].level >= r.turns[0].level);
  CHECK(r.turns[2].stage == "venting");
}

TEST_CASE("answering the agent's question is not the problem solved; thanks is") {
  const auto with = [](const std::string& last) {
    return run({{Role::customer, "My locker code doesn't work and I can't get my parcel out."},
                {Role::agent, "Sorry about that! Which locker site are you at?"},
                {Role::customer, "the one at the station. says expired"},
                {Role::agent, "I've texted you a new code, valid until 8pm tomorrow."},
                {Role::customer, last}});
  };
  const auto r = with("got it, opened. thanks");
  REQUIRE(r.turns.size() == 5);
  REQUIRE(r.turns[0].level >= 1);
  CHECK(r.turns[2].level >= 1);
  CHECK(r.turns[4].level == 0);
  CHECK(r.turns[4].stage == "calm");
}

TEST_CASE("level 4 is for abuse: a turn without an insult or profanity is at most 3") {
  const std::vector<tact::ConversationInput> turns = {
      {Role::customer, "Where is my parcel, you useless idiots?"},
      {Role::agent, "Please calm down."},
      {Role::customer, "Don't tell me to calm down. Where is it?"}};
  const auto r = run(turns);
  REQUIRE(r.turns.size() == 3);
  REQUIRE(r.turns[0].level == 4);
  CHECK(r.turns[2].level == 3);
  CHECK(r.turns[2].stage == "venting");

  // A house pack that counts no signal as abuse keeps the held level.
  tact::Options o;
  o.rule_texts.push_back({"house", "name = \"house\"\n[conversation]\nabuse_signals = []\n"});
  const tact::Analyzer house(o);
  REQUIRE(house.ok());
  CHECK(run(turns, house).turns[2].level == 4);
}

TEST_CASE("thanks after anger steps down the arc, it does not jump to calm") {
  const auto r = run({{Role::customer, "I am furious, this is the worst service I have ever had!"},
                      {Role::agent, "I'm sorry. I've fixed the booking and sent the confirmation."},
                      {Role::customer, "ok. thanks"}});
  REQUIRE(r.turns.size() == 3);
  CHECK(r.turns[2].level >= r.turns[0].level - 2);
  CHECK(r.turns[2].level < r.turns[0].level);
}

TEST_CASE(
    "a churn threat lapses once the customer is calm again; a standing one routes to retention") {
  const std::vector<tact::ConversationInput> start = {
      {Role::customer, "You billed me for a plan I never chose. Fix it or I'm leaving you."},
      {Role::agent, "I've moved you back to your old plan and refunded the difference."}};
  auto turns = start;
  turns.push_back({Role::customer, "Great, thank you so much!"});
  CHECK(run(turns).route == "stay");
  turns = start;
  turns.push_back({Role::customer, "We'll see."});
  CHECK(run(turns).route == "retention");
}

TEST_CASE("conversation classes are expanded in answer patterns; an unknown class is an error") {
  tact::Options o;
  o.rule_texts.push_back({"house", R"(name = "house"
[conversation.classes]
courtesy = ['''goodwill gesture|voucher''']
[conversation.answers]
refund_demand = ['''\b(?:{courtesy})\b''']
)"});
  const tact::Analyzer house(o);
  REQUIRE(house.ok());
  const auto r = run({{Role::customer, "The blender broke on day two. I want my money back."},
                      {Role::agent, "I've sent you a voucher for the full price."}},
                     house);
  CHECK(r.turns[1].unaddressed.empty());
  tact::Options bad;
  bad.rule_texts.push_back(
      {"bad", "name = \"bad\"\n[conversation.answers]\nurgency = ['{nosuchclass}']\n"});
  const tact::Analyzer b(bad);
  REQUIRE(b.ok());
  tact::Conversation c(b);
  CHECK(c.status().code == tact::Code::rules);
  CHECK(c.status().message.find("nosuchclass") != std::string::npos);
}

TEST_CASE("acknowledging a recurrence or a hand-over answers; a bare fix does not") {
  auto r = run({{Role::customer, "My train pass failed at the gate again this morning."},
                {Role::agent, "I'm sorry the pass has failed again; I've sent you a new one."}});
  CHECK(r.turns[1].unaddressed.empty());
  r = run({{Role::customer, "I want to speak to someone above you about this invoice."},
           {Role::agent, "I've passed your case to our billing lead, who replies by Friday."}});
  CHECK(r.turns[1].unaddressed.empty());
  r = run({{Role::customer, "Put me through to a manager, please."},
           {Role::agent, "I've corrected the invoice and emailed you a copy."}});
  CHECK(r.turns[1].unaddressed == std::vector<std::string>{"manager_request"});
}

TEST_CASE("a decline answers a refund demand or an urgent request; a house pack can say not") {
  const std::vector<tact::ConversationInput> refund = {
      {Role::customer, "You billed me 60 pounds for a lesson I cancelled. I want that refunded."},
      {Role::agent, "I'm afraid that's our policy: cancellations inside 24 hours are charged."}};
  CHECK(run(refund).turns[1].unaddressed.empty());
  const std::vector<tact::ConversationInput> urgent = {
      {Role::customer, "The boiler is dead and it's freezing, I need someone out here today!"},
      {Role::agent, "Unfortunately we can't send anyone today, the team is fully booked."}};
  CHECK(run(urgent).turns[1].unaddressed.empty());
  // An apology alone still answers nothing.
  CHECK(run({refund[0], {Role::agent, "I'm really sorry about that."}}).turns[1].unaddressed ==
        std::vector<std::string>{"refund_demand"});
  // A house pack that wants a grant or an explanation, not a bare "no".
  tact::Options o;
  o.rule_texts.push_back({"house",
                          "name = \"house\"\n[conversation.answer_triggers]\n"
                          "refund_demand = []\n"});
  const tact::Analyzer house(o);
  REQUIRE(house.ok());
  CHECK(run(refund, house).turns[1].unaddressed == std::vector<std::string>{"refund_demand"});
  CHECK(run(urgent, house).turns[1].unaddressed.empty());
}

TEST_CASE("a fix or a next step answers a repeat contact") {
  auto r =
      run({{Role::customer, "The app has crashed again when I try to pay, third time this week."},
           {Role::agent, "I've reset your payment session; it will go through if you try now."}});
  CHECK(r.turns[1].unaddressed.empty());
  r = run({{Role::customer, "The app has crashed again when I try to pay, third time this week."},
           {Role::agent, "Thanks for your message."}});
  CHECK(r.turns[1].unaddressed == std::vector<std::string>{"repeat_contact"});
}

TEST_CASE("a customer who says they are not heard pushes back even after a fair reply") {
  const auto r =
      run({{Role::customer, "The washing machine leaked all over my kitchen floor, I'm livid."},
           {Role::agent, "I'm sorry. I've booked an engineer for Tuesday morning."},
           {Role::customer, "I already said the floor is damaged. Did you even read my message?"}});
  REQUIRE(r.turns.size() == 3);
  CHECK(r.turns[2].level >= r.turns[0].level);
  if (r.turns[0].level >= 2) CHECK(r.turns[2].stage == "venting");
}

TEST_CASE("a positive word after a complaint question is sarcasm, not calming") {
  const auto with = [](const std::string& last) {
    return run({{Role::customer, "You cut off my electricity by mistake and I am furious."},
                {Role::agent, "Our records show the account was in arrears."},
                {Role::customer, last}});
  };
  const auto sarcastic = with("And nobody thought to check? Brilliant.");
  const auto plain = with("And nobody thought to check?");
  REQUIRE(sarcastic.turns.size() == 3);
  CHECK(sarcastic.turns[2].level == plain.turns[2].level);
  CHECK(sarcastic.turns[2].level >= sarcastic.turns[0].level - 1);
}

TEST_CASE(
    "sarcasm about a reply that ignored the request pushes back; after a fair reply it does not") {
  const auto with = [](const std::string& reply) {
    return run({{Role::customer, "My order never came and I need it by tonight, this is a joke."},
                {Role::agent, reply},
                {Role::customer, "Oh great. Really helpful."}});
  };
  const auto ignored = with("Thanks for reaching out! Which browser are you using?");
  const auto fair = with("I'm sorry. A courier is bringing it to you by 6pm today.");
  REQUIRE(ignored.turns.size() == 3);
  CHECK(ignored.turns[1].unaddressed == std::vector<std::string>{"urgency"});
  CHECK(ignored.turns[2].level ==
        std::min(ignored.turns[0].level + 1, std::max(ignored.turns[0].level, 3)));
  CHECK(fair.turns[2].level <= fair.turns[0].level);
}

TEST_CASE(
    "asking again for what the last reply ignored pushes back; an ongoing problem acknowledged "
    "answers") {
  const auto r =
      run({{Role::customer, "This is outrageous, I want my money back for the broken kettle."},
           {Role::agent, "Kettles can be temperamental."},
           {Role::customer, "I asked for a refund."}});
  REQUIRE(r.turns.size() == 3);
  CHECK(r.turns[1].unaddressed == std::vector<std::string>{"refund_demand"});
  CHECK(r.turns[2].level >= r.turns[0].level);
  auto q =
      run({{Role::customer, "My broadband keeps dropping out again, every single night."},
           {Role::agent, "I'm sorry it has dropped again; I've booked an engineer for Friday."}});
  CHECK(q.turns[1].unaddressed.empty());
  q = run({{Role::customer, "My broadband keeps dropping out again, every single night."},
           {Role::agent, "Sorry, could you restart the router again?"}});
  CHECK(q.turns[1].unaddressed == std::vector<std::string>{"repeat_contact"});
}

TEST_CASE(
    "a past date or a look at the account answers nothing; a time something will happen does") {
  auto r = run({{Role::customer, "I need the replacement part today, the shop opens at 9."},
                {Role::agent, "I can see the order you placed on Monday."},
                {Role::agent, "The courier will bring it before 11am."}});
  REQUIRE(r.turns.size() == 3);
  CHECK(r.turns[1].unaddressed == std::vector<std::string>{"urgency"});
  CHECK(r.turns[2].unaddressed.empty());
  r = run({{Role::customer, "Fix my internet or I am switching to another provider."},
           {Role::agent, "I have checked your account."}});
  CHECK(r.turns[1].unaddressed == std::vector<std::string>{"churn_threat"});
}

TEST_CASE(
    "an earlier talk with a colleague answers repeat_contact; 'in time for' answers urgency") {
  auto r =
      run({{Role::customer, "I have phoned four times about the broken gate and nobody came."},
           {Role::agent, "I see you spoke to my colleague yesterday; the repair crew is booked."}});
  CHECK(r.turns[1].unaddressed.empty());
  r = run({{Role::customer, "I need the replacement part today, the shop opens at 9."},
           {Role::agent, "It will be with you in time for the opening."}});
  CHECK(r.turns[1].unaddressed.empty());
}

TEST_CASE("taking up the next step steps down to wary; a grudging 'fine' carries the anger") {
  const std::string angry =
      "Three weeks and the boiler is STILL broken. This is unacceptable, I'm furious.";
  const std::string fix =
      "I'm sorry. I've booked an engineer for Thursday at 9am and he'll bring the part.";
  for (const char* accept :
       {"ok, I'll wait in for him on Thursday", "okay thursday 9 then",
        "alright, sending the photos now", "OK. I'll keep the morning free."}) {
    const auto r = run({{Role::customer, angry}, {Role::agent, fix}, {Role::customer, accept}});
    CHECK_MESSAGE(r.turns[0].level >= 3, accept);
    CHECK_MESSAGE(r.turns[2].level == 1, accept);
    CHECK_MESSAGE(r.turns[2].stage == "disarming", accept);
  }
  for (const char* grudge :
       {"Fine. I'll hold you to that.", "ok, we'll see. he'd better turn up"}) {
    const auto r = run({{Role::customer, angry}, {Role::agent, fix}, {Role::customer, grudge}});
    CHECK_MESSAGE(r.turns[2].level >= 2, grudge);
  }
}

TEST_CASE("a second customer turn before any reply carries the first one's level") {
  const auto r = run({{Role::customer,
                       "Your engineer never showed up AGAIN and I took the day off for it. "
                       "This is a disgrace."},
                      {Role::customer, "and I want the call-out charge back as well"}});
  CHECK(r.turns[1].level >= r.turns[0].level);
  CHECK(r.turns[1].stage == "venting");
}

TEST_CASE("passing the customer on answers a manager request; cancelling it withdraws it") {
  auto r = run({{Role::customer, "This is going nowhere, can I talk to someone more senior?"},
                {Role::agent, "Let me check one thing before I pass you on."},
                {Role::customer, "go on then"},
                {Role::agent, "Found it: the order was held for an address check, it ships today."},
                {Role::customer, "right, you can scrap the manager call then, thanks"}});
  CHECK(r.turns[1].unaddressed.empty());
  CHECK(r.route != "supervisor");
  r = run({{Role::customer, "I'd like a supervisor to review this please."},
           {Role::agent, "Of course, I can arrange that for this afternoon."}});
  CHECK(r.turns[1].unaddressed.empty());
  CHECK(r.route == "supervisor");
}

TEST_CASE("a review opened on a charge or a decision stated as final answers a refund demand") {
  for (const char* reply :
       {"I've opened a billing review on that charge; you'll hear back by Friday.",
        "I've raised a duplicate-payment investigation and the outcome comes by email.",
        "Appeal decisions are final, as our terms set out.",
        "You can file a damage claim from the order page."}) {
    const auto r = run({{Role::customer, "There's a £20 admin fee on my bill. Please remove it."},
                        {Role::agent, reply}});
    CHECK_MESSAGE(r.turns[1].unaddressed.empty(), reply);
  }
  const auto r = run({{Role::customer, "There's a £20 admin fee on my bill. Please remove it."},
                      {Role::agent, "I'm so sorry about that, I can see how annoying it is."}});
  CHECK(r.turns[1].unaddressed == std::vector<std::string>{"refund_demand"});
}

TEST_CASE("two dated contacts before this one route to a senior agent") {
  const auto r = run({{Role::customer,
                       "I wrote to you on the 3rd and again on the 11th about the leaking "
                       "fridge and nobody answered. It's leaking again."}});
  CHECK(r.route == "senior");
  const auto once =
      run({{Role::customer, "I wrote to you on the 3rd about the fridge and it's leaking again."}});
  CHECK(once.route != "senior");
}

TEST_CASE("incremental == one-call over the written conversations and the dev set") {
  for (const std::string& path :
       {std::string(TACT_SOURCE_DIR) + "/tests/conversation/own.jsonl",
        std::string(TACT_SOURCE_DIR) + "/tests/conversation/dev_own.jsonl",
        std::string(TACT_SOURCE_DIR) + "/tests/conversation/written.jsonl",
        std::string(TACT_SOURCE_DIR) + "/tests/conversation/check_own.jsonl",
        std::string(TACT_SOURCE_DIR) + "/tests/conversation/fresh_blind.jsonl",
        std::string(TACT_SOURCE_DIR) + "/tests/conversation/check_new.jsonl",
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
      CHECK(tact::core::to_json(c.report()) == tact::core::to_json(run(turns)));
      ++n;
    }
    MESSAGE(path << ": " << n << " conversations");
    CHECK(n > 0);
  }
}

// The header-only tact::Conversation copies every turn and reason the C ABI
// gives: its report equals the core's on long conversations of real lines.
TEST_CASE("the C++ layer's conversation reports equal the core's") {
  std::ifstream in(TACT_SOURCE_DIR "/rules/en/model/train/written-2.jsonl");
  REQUIRE(in);
  std::vector<tact::ConversationInput> turns;
  std::string line;
  while (std::getline(in, line)) {
    const nlohmann::json j = nlohmann::json::parse(line);
    turns.push_back(
        {j.at("role").get<std::string>() == "agent" ? tact::Role::agent : tact::Role::customer,
         j.at("text").get<std::string>()});
  }
  REQUIRE(turns.size() > 100);
  const tact::core::Analyzer core;
  for (std::size_t start = 0; start + 12 <= turns.size(); start += 37) {
    const std::vector<tact::ConversationInput> part(turns.begin() + static_cast<long>(start),
                                                    turns.begin() + static_cast<long>(start + 12));
    tact::ConversationReport want;
    REQUIRE(tact::core::analyze_conversation(core, part, &want, "c").ok());
    tact::ConversationReport got;
    REQUIRE(tact::analyze_conversation(analyzer(), part, &got, "c").ok());
    CHECK(tact::core::to_json(got) == tact::core::to_json(want));
    tact::Conversation live(analyzer());
    for (const tact::ConversationInput& t : part) REQUIRE(live.append(t.role, t.text).ok());
    want.id.clear();
    CHECK(live.json() == tact::core::to_json(want));
  }
}
