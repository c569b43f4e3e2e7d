// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The tone model's parameters, read from rules/en/tone.toml. The defaults
// written here are only what a missing key means; the shipped values live in
// the TOML file.
#ifndef TACT_LIB_TONE_PARAMS_HPP_
#define TACT_LIB_TONE_PARAMS_HPP_

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tact/options.hpp"
#include "tact/status.hpp"
#include "tone/lexicon.hpp"

namespace tact::tone {

// True if `category` is one of `categories` (a tone.toml list of ids).
inline bool listed(const std::vector<std::string>& categories, const std::string& category) {
  for (const std::string& c : categories) {
    if (c == category) return true;
  }
  return false;
}

struct SentimentParams {
  // VADER's constants (Hutto & Gilbert 2014) unless tone.toml says otherwise.
  double booster = 0.293;   // one booster unit, added in the valence's direction
  double caps = 0.733;      // an ALL-CAPS word among lower-case ones
  double negation = -0.74;  // a negated valence is multiplied by this
  double alpha = 15.0;      // squash: s / sqrt(s^2 + alpha)
  int window = 3;           // words a negator or booster reaches forward
  std::vector<double> decay = {1.0, 0.95, 0.9};  // booster weight by distance
  double contrast_before = 0.5;
  double contrast_after = 1.5;
  double exclamation = 0.292;
  int exclamation_max = 4;
  double question = 0.18;
  double question_max = 0.96;
  // What a negative word keeps inside an empathy statement ("I understand
  // how frustrating this is"): the feeling is the other person's.
  double empathy_frame = 0.0;
  // What "Thanks!" closing a request keeps: it is politeness, not praise.
  double courtesy = 0.0;
  // Praise turned over by sarcasm is multiplied by this.
  double sarcasm = -1.0;
  bool stem_plurals = true;  // "idiots" falls back to "idiot"
  // Valence a customer's signal finding adds, once per category.
  std::unordered_map<std::string, double> signals;
  // Technique categories whose findings open an empathy statement, like the
  // lexicon's frame words.
  std::vector<std::string> frame_findings;
};

struct AngerParams {
  double lexicon = 1.0;   // sum of anger weights of the words
  double negative = 0.5;  // max(0, -sentiment)
  double caps = 0.3;      // per emphatic ALL-CAPS word
  double caps_max = 3.0;
  double exclamation = 0.1;    // per '!' when the text is negative
  double questions = 0.3;      // "??" when the text is negative
  double second_person = 0.3;  // "you" in a negative text
  double sarcasm = 0.6;        // per sarcastic praise
  // Per finding category (signals, and the hostile trigger), once each.
  std::unordered_map<std::string, double> findings;
  // Those of `findings` that count in any message ("idiot" is hostile even
  // in a calm one); the rest count only in a negative message.
  std::vector<std::string> hostile_findings;
  double negator = 0.3;     // per negation (at most two): disagreement
  double imperative = 0.3;  // per sentence opening with a command
  double neutral = 0.5;     // caps, "??" and "you" outside a negative text count this much
  double bias = -3.0;       // anger = logistic(bias + raw - positive x max(0, sentiment))
  double positive = 2.0;
};

// Politeness: logistic(base + the strategies' weights), after Danescu-
// Niculescu-Mizil et al. (2013), "A computational approach to politeness".
// Counted strategies (hedges, commands …) count at most twice.
struct PolitenessParams {
  double base = 0.0;
  double gratitude = 0.0;            // "thanks", "appreciate"
  double please = 0.0;               // "please" inside a sentence …
  double please_start = 0.0;         // … or opening it (a softened command)
  double greeting = 0.0;             // "hi", "good morning" in the first sentence
  double apology = 0.0;              // "sorry", "apologies"
  double hedge = 0.0;                // "i think", "maybe"
  double deference = 0.0;            // "good question", "you're right"
  double modal_request = 0.0;        // "could you", "would it be possible"
  double factuality = 0.0;           // "actually", "obviously"
  double imperative = 0.0;           // a sentence opening with a command
  double second_person_start = 0.0;  // a sentence opening with "you"
  double profanity = 0.0;
  double insult = 0.0;                       // per finding of insult_findings
  std::vector<std::string> insult_findings;  // categories that insult
  double shouting = 0.0;                     // two or more shouted words
  double exclamations = 0.0;                 // two or more '!'
  double positive = 0.0;                     // x max(0, sentiment)
  double negative = 0.0;                     // x max(0, -sentiment)
};

struct EmpathyParams {
  double frame = 1.0;                                  // an empathy statement
  double feeling = 0.5;                                // a feeling word inside it or aimed at "you"
  std::unordered_map<std::string, double> techniques;  // technique findings
};

struct EscalationParams {
  std::unordered_map<std::string, double> signals;  // weight per signal category
  std::unordered_map<std::string, int> min_level;   // a signal's floor
  std::vector<std::string> hostile;                 // only these reach the top level
  double anger = 1.0;
  double negative = 1.0;
  double positive = 0.05;  // floors hold while sentiment is below this
  std::array<double, 4> thresholds = {0.1, 0.3, 0.5, 0.8};  // score for levels 1..4
};

struct DeescalationParams {
  double base = 0.0;
  std::unordered_map<std::string, double> techniques;
  std::unordered_map<std::string, double> triggers;
  std::array<double, 3> severity = {0.5, 1.0, 1.5};  // info, warning, error
  double empathy = 1.0;
  double politeness = 1.0;  // times (politeness - 0.5)
  double sentiment = 0.5;
  double repeat_decay = 0.5;  // each further finding of a category counts this much less
};

struct RoleParams {
  double agent_marker = 1.0;
  double customer_marker = 1.0;
  double technique = 1.0;
  double trigger = 0.5;
  double signal = 1.0;
  double second_person = 0.3;  // per "you"/"your"
  double bias = 0.0;           // > 0 leans towards agent
};

struct Params {
  std::vector<std::string> valence_files;
  std::vector<std::string> anger_files;
  SentimentParams sentiment;
  AngerParams anger;
  PolitenessParams politeness;
  EmpathyParams empathy;
  EscalationParams escalation;
  DeescalationParams deescalation;
  RoleParams role;
};

// Parses tone.toml (`name` for error messages) into *out and adds its word
// classes and boosters to *lexicon. Errors: Code::rules "name:line: why".
Status load_params(std::string_view toml, std::string_view name, Params* out, Lexicon* lexicon);

}  // namespace tact::tone

#endif  // TACT_LIB_TONE_PARAMS_HPP_
