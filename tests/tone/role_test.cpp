// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Role::automatic guesses who wrote a message and says it guessed.
#include <doctest/doctest.h>

#include "core/core.hpp"

namespace {
tact::Report guess(const char* text) {
  static const tact::core::Analyzer a;
  return a.analyze(text, tact::Role::automatic);
}
}  // namespace

TEST_CASE("service language reads as an agent") {
  for (const char* text :
       {"Thanks for reaching out! I'll check your order and get back to you within the hour.",
        "I'm sorry about the delay. Let me look into your account now.",
        "I've issued a refund for the missing items; you'll receive it in 3-5 days."}) {
    const tact::Report r = guess(text);
    CHECK_MESSAGE(r.role == tact::Role::agent, text);
    CHECK(r.role_guessed);
  }
}

TEST_CASE("complaint language reads as a customer") {
  for (const char* text : {"Where is my parcel? I paid for next day delivery.",
                           "I've rung three times and still no refund. You people are useless.",
                           "hi can i change my delivery slot to friday"}) {
    const tact::Report r = guess(text);
    CHECK_MESSAGE(r.role == tact::Role::customer, text);
    CHECK(r.role_guessed);
  }
}

TEST_CASE("a stated role is not guessed") {
  static const tact::core::Analyzer a;
  const tact::Report r = a.analyze("I'll check your order.", tact::Role::customer);
  CHECK(r.role == tact::Role::customer);
  CHECK_FALSE(r.role_guessed);
}
