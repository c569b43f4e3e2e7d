// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "generate.hpp"

#include <algorithm>
#include <random>

namespace tact::bench {

namespace {

// Phrase banks. {n} is an order number, {who} a name, {when} a day.
const char* const kCustomer[] = {
    "Where is my order {n}? It was due {when}.",
    "This is the second time I've asked about {n} and nobody replies.",
    "I was charged twice for {n}, please fix it.",
    "WHY IS MY PARCEL STILL NOT HERE???",
    "Your app keeps logging me out every five minutes \xF0\x9F\x98\xA4",
    "I want to speak to a manager right now.",
    "If this isn\xE2\x80\x99t sorted by {when} I\xE2\x80\x99m cancelling my subscription.",
    "Honestly the service has been great until this week.",
    "Can I change the delivery address for {n}?",
    "The courier left it in the rain and the box is soaked.",
    "I'd like a refund for the damaged items please.",
    "Thanks {who}, that fixed it! \xF0\x9F\x99\x8F",
    "this is ridiculous, i have been on hold for 40 minutes",
    "My internet drops every evening around 8pm, it's unusable.",
    "I'll be leaving a review about this experience.",
    "Could you check whether the replacement has shipped yet?",
    "The invoice shows \xE2\x82\xAC"
    "49.90 but I was quoted \xE2\x82\xAC"
    "39.90.",
    "Nobody told me the booking was cancelled \xF0\x9F\x99\x84",
    "My lawyer will be in touch if I don't hear back.",
    "Ok great, appreciate the quick help.",
};

const char* const kAgent[] = {
    "I'm sorry about the delay with {n}, {who}.",
    "I don't know when it will arrive.",
    "Let me check the courier's latest scan for you right now.",
    "I can see the payment went through twice, so I've refunded the duplicate.",
    "Unfortunately that's our policy and there's nothing I can do.",
    "Please hold while I transfer you to billing.",
    "I completely understand how frustrating this must be.",
    "You should have contacted us before the cut-off.",
    "I'll personally follow up with the depot and email you by {when}.",
    "Calm down, it's not a big deal.",
    "Thanks for your patience while I looked into this.",
    "Could you confirm the postcode on the account?",
    "I've added a \xC2\xA3"
    "10 credit to your account for the trouble.",
    "Obviously the tracking page would have told you that.",
    "I promise it will never happen again.",
    "That's not my department, you'll have to call the store.",
    "Here's what I can do: a replacement ships today by express.",
    "No problem at all, happy to help.",
    "Your next bill will show the corrected amount on {when}.",
    "I\xE2\x80\x99m checking the router logs now.",
};

const char* const kNames[] = {"Ana",        "Jos\xC3\xA9", "Priya", "Liam",
                              "Zo\xC3\xAB", "Mei",         "Omar",  "S\xC3\xB8ren"};
const char* const kDays[] = {"Friday", "tomorrow", "Monday", "the 14th", "tonight", "next week"};
const char* const kGreetings[] = {"Hi {who},", "Hello,", "Dear {who},", "Good morning,"};
const char* const kSignoffs[] = {"Best regards, {who}", "Thanks, {who}", "Kind regards", "Cheers"};

template <std::size_t N>
const char* pick(std::mt19937_64& rng, const char* const (&bank)[N]) {
  return bank[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

std::string fill(std::mt19937_64& rng, const char* pattern) {
  std::string out;
  for (const char* p = pattern; *p; ++p) {
    if (*p == '{') {
      if (p[1] == 'n' && p[2] == '}') {
        out += "#A" + std::to_string(std::uniform_int_distribution<int>(10000, 99999)(rng));
        p += 2;
        continue;
      }
      if (p[1] == 'w' && p[2] == 'h' && p[3] == 'o') {
        out += pick(rng, kNames);
        p += 4;
        continue;
      }
      if (p[1] == 'w' && p[2] == 'h' && p[3] == 'e') {
        out += pick(rng, kDays);
        p += 5;
        continue;
      }
    }
    out += *p;
  }
  return out;
}

// Typos and caps at a low rate, as typed text has.
void roughen(std::mt19937_64& rng, std::string* s) {
  std::uniform_int_distribution<int> roll(0, 99);
  if (roll(rng) < 8) {  // drop an apostrophe
    const auto at = s->find('\'');
    if (at != std::string::npos) s->erase(at, 1);
  }
  if (roll(rng) < 5) {  // shout one word
    const auto at = s->find(' ');
    for (std::size_t i = at == std::string::npos ? 0 : at + 1; i < s->size() && (*s)[i] != ' ';
         ++i) {
      if ((*s)[i] >= 'a' && (*s)[i] <= 'z') (*s)[i] = static_cast<char>((*s)[i] - 32);
    }
  }
}

std::string sentence(std::mt19937_64& rng, bool agent) {
  std::string s = fill(rng, agent ? pick(rng, kAgent) : pick(rng, kCustomer));
  roughen(rng, &s);
  return s;
}

}  // namespace

std::vector<Message> generate(Size size, std::size_t count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Message> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    Message m;
    m.agent = i % 2 == 1;
    switch (size) {
      case Size::chat: {
        m.text = sentence(rng, m.agent);
        if (std::uniform_int_distribution<int>(0, 2)(rng) == 0)
          m.text += " " + sentence(rng, m.agent);
        break;
      }
      case Size::email: {
        m.text = fill(rng, pick(rng, kGreetings));
        while (m.text.size() < 900) m.text += "\n" + sentence(rng, m.agent);
        m.text += "\n" + fill(rng, pick(rng, kSignoffs));
        break;
      }
      case Size::transcript: {
        bool agent = false;
        while (m.text.size() < 10000) {
          m.text += agent ? "Agent: " : "Customer: ";
          m.text += sentence(rng, agent) + " " + sentence(rng, agent) + "\n";
          agent = !agent;
        }
        break;
      }
    }
    out.push_back(std::move(m));
  }
  return out;
}

std::string generate_text(std::size_t bytes, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string out;
  out.reserve(bytes + 200);
  bool agent = false;
  while (out.size() < bytes) {
    if (!out.empty()) out += ' ';
    out += sentence(rng, agent);
    agent = !agent;
  }
  return out;
}

std::string generate_shuffled_words(std::size_t bytes, uint64_t seed) {
  std::mt19937_64 rng(seed);
  // Every phrase of both banks, filled a few times so that names, days and
  // order numbers vary too, cut into words.
  std::vector<std::string> words;
  auto cut = [&](const char* phrase) {
    const std::string filled = fill(rng, phrase);
    for (std::size_t b = 0, e; b < filled.size(); b = e + 1) {
      e = std::min(filled.find(' ', b), filled.size());
      if (e > b) words.push_back(filled.substr(b, e - b));
    }
  };
  for (int round = 0; round < 4; ++round) {
    for (const char* phrase : kAgent) cut(phrase);
    for (const char* phrase : kCustomer) cut(phrase);
  }
  std::uniform_int_distribution<std::size_t> any(0, words.size() - 1);
  std::string out;
  out.reserve(bytes + 64);
  while (out.size() < bytes) {
    if (!out.empty()) out += ' ';
    out += words[any(rng)];
  }
  return out;
}

}  // namespace tact::bench
