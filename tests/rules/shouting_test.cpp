// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The caps detector (signal.shouting.caps in the default pack): emphatic
// capitals, not acronyms or codes.
#include <doctest/doctest.h>

#include "pack_helpers.hpp"

namespace tact {
namespace {

using testing::Hit;
using testing::hits;

std::vector<std::string> shouted(const std::string& message) {
  static const auto pack = testing::default_pack();
  std::vector<std::string> out;
  for (const Hit& h : hits(*pack, message, Role::customer)) {
    if (h.rule.rfind("signal.shouting.", 0) == 0) out.push_back(h.text);
  }
  return out;
}

TEST_CASE("words in capitals shout; runs of them are one finding") {
  CHECK(shouted("I have called SIX times. SIX.") == std::vector<std::string>{"SIX", "SIX"});
  CHECK(shouted("the sofa is STILL not here") == std::vector<std::string>{"STILL"});
  CHECK(shouted("GET ME A MANAGER.") == std::vector<std::string>{"GET ME A MANAGER"});
  CHECK(shouted("I PAID FOR 3 NIGHTS") == std::vector<std::string>{"PAID FOR 3 NIGHTS"});
  CHECK(shouted("I did NOT book this") == std::vector<std::string>{"NOT"});
  CHECK(shouted("WHERE IS MY ORDER 😡") == std::vector<std::string>{"WHERE IS MY ORDER"});
  CHECK(shouted("Straße is ÜBERALL closed") == std::vector<std::string>{"ÜBERALL"});
}

TEST_CASE("acronyms, codes and ordinary capitals do not shout") {
  CHECK(shouted("My SIM and PIN came but the ATM ate my card, please reply ASAP.").empty());
  CHECK(shouted("Booking HB-55231 and order #GR-48213, parcel JD00482193, flat 4C.").empty());
  CHECK(shouted("I'm in the UK, is the PS5 code OK?").empty());
  CHECK(shouted("Hi Anna, I Need Help With My Order.").empty());
  CHECK(shouted("i am not shouting at all").empty());
}

TEST_CASE("runs of exclamation marks shout") {
  const auto pack = testing::default_pack();
  CHECK(hits(*pack, "Where is it!!!", Role::customer) ==
        std::vector<Hit>{{"signal.shouting.exclamations", "!!!"}});
  CHECK(hits(*pack, "Really?!?", Role::customer) ==
        std::vector<Hit>{{"signal.shouting.exclamations", "?!?"}});
  CHECK(hits(*pack, "Thanks so much!", Role::customer).empty());
}

TEST_CASE("the detector is a rule: a pack can disable it") {
  Options options;
  options.rule_texts = {{"quiet.toml", "disable = [\"signal.shouting.caps\"]\n"}};
  std::shared_ptr<const rules::Pack> pack;
  REQUIRE(rules::Pack::load(options, &pack).ok());
  CHECK(hits(*pack, "WHERE IS MY ORDER", Role::customer).empty());
}

}  // namespace
}  // namespace tact
