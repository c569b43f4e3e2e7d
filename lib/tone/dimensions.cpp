// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "tone/dimensions.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace tact::tone {

namespace {

// The first lexical item of each sentence.
template <typename Fn>
void for_each_opening(const std::vector<Item>& items, Fn fn) {
  uint32_t sentence = UINT32_MAX;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].lexical() || items[i].sentence == sentence) continue;
    sentence = items[i].sentence;
    fn(i);
  }
}

}  // namespace

double saturate(double raw) {
  return raw <= 0 ? 0.0 : 1.0 - std::exp(-raw);
}

double anger_score(const AngerRaw& raw, double compound, const AngerParams& p) {
  const double x = p.bias + raw.total - p.positive * std::max(0.0, compound);
  return 1.0 / (1.0 + std::exp(-x));
}

AngerRaw anger_parts(const Analysis& a, const AngerParams& p, std::vector<Part>* parts) {
  const std::vector<Item>& items = a.items;
  const Sentiment& s = a.sentiment;
  const bool negative = s.compound < 0;
  parts->clear();
  double sum = 0;
  auto add = [&](text::Range view, const char* type, double raw) {
    if (raw <= 0) return;
    parts->push_back({view, type, raw});
    sum += raw;
  };

  double negative_mass = 0;
  for (const ItemScore& x : s.items) negative_mass += std::max(0.0f, -x.valence);
  const double negative_share = p.negative * std::max(0.0, -s.compound);
  int caps = 0;
  int negators = 0;
  bool second_person = false;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    const ItemScore& x = s.items[i];
    if (it.entry != nullptr && it.entry->anger > 0 && !x.in_frame && x.valence <= 0) {
      add(it.view, "anger_word",
          p.lexicon * it.entry->anger * x.emphasis * (x.negated ? 0.2 : 1.0));
    }
    if (x.valence < 0 && negative_mass > 0) {
      // Sadness and fear words (a negative anger weight) are negative
      // without being angry.
      const double not_anger = it.entry != nullptr ? std::min(0.0f, it.entry->anger) : 0.0;
      add(it.view, "negative_word", negative_share * (1 + not_anger) * -x.valence / negative_mass);
    }
    if (x.sarcastic) add(it.view, "sarcasm", p.sarcasm);
    // Disagreement reads in negation whatever the words' valence.
    if (it.is(kNegator) && negators < 2 && !x.in_frame) {
      ++negators;
      add(it.view, "negation", p.negator);
    }
    if (it.shouted > 0 && caps < p.caps_max) {
      ++caps;
      add(it.view, "caps", negative || s.sarcasm > 0 ? p.caps : p.caps * p.neutral);
    }
    if (it.punct == '!') add(it.view, "exclamation", negative ? p.exclamation : 0.0);
    if (it.punct == '?' && i > 0 && items[i - 1].punct == '?') {
      add(it.view, "questions", negative ? p.questions : p.questions * p.neutral);
    }
    if (!second_person && it.is(kSecondPerson) && !x.in_frame) {
      second_person = true;
      add(it.view, "second_person", negative ? p.second_person : p.second_person * p.neutral);
    }
  }
  for_each_opening(items, [&](std::size_t i) {
    if (items[i].is(kImperative)) add(items[i].view, "imperative", p.imperative);
  });
  if (negative_mass == 0) add(a.whole(), "negative_sentiment", negative_share);
  AngerRaw r;
  r.text = sum;
  r.text_parts = parts->size();
  // Each category of finding counts once (and only the first is listed).
  std::vector<const std::string*> counted;
  for (const rules::Finding& f : a.findings) {
    if (f.rule == nullptr || f.rule->family == rules::Family::technique) continue;
    const std::string& c = f.rule->category;
    const auto w = p.findings.find(c);
    if (w == p.findings.end()) continue;
    const auto same = [&](const std::string* x) { return *x == c; };
    if (std::any_of(counted.begin(), counted.end(), same)) continue;
    counted.push_back(&c);
    // Insults and profanity are hostile anywhere; the other signals ("!!!",
    // "again") only when the message is negative.
    const bool hostile = listed(p.hostile_findings, c);
    add(f.view, c.c_str(), hostile || negative ? w->second : 0.0);
  }
  r.total = sum;
  return r;
}

double politeness(const Analysis& a, const PolitenessParams& p) {
  const std::vector<Item>& items = a.items;
  double gratitude = 0, please = 0, please_start = 0, greeting = 0, apology = 0, hedge = 0;
  double deference = 0, modal = 0, factuality = 0, profanity = 0, shouting = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    shouting += it.shouted;
    if (it.entry == nullptr) continue;
    if (it.is(kGratitude)) gratitude = 1;
    if (it.is(kApology)) apology = 1;
    if (it.is(kHedge)) ++hedge;
    if (it.is(kDeference)) deference = 1;
    if (it.is(kModalRequest)) modal = 1;
    if (it.is(kFactuality)) ++factuality;
    if (it.is(kProfanity)) ++profanity;
    if (it.is(kGreeting) && it.sentence == 0) greeting = 1;
    if (it.is(kPlease)) please = 1;
  }
  double imperative = 0, second_start = 0;
  for_each_opening(items, [&](std::size_t i) {
    const Item& it = items[i];
    if (it.is(kPlease)) please_start = 1;
    if (it.is(kImperative)) ++imperative;
    if (it.is(kSecondPerson)) ++second_start;
  });
  if (please_start > 0) please = 0;
  double insults = 0;
  for (const rules::Finding& f : a.findings) {
    if (f.rule != nullptr && listed(p.insult_findings, f.rule->category)) ++insults;
  }
  const double compound = a.sentiment.compound;
  const double raw =
      p.base + p.gratitude * gratitude + p.please * please + p.please_start * please_start +
      p.greeting * greeting + p.apology * apology + p.hedge * std::min(hedge, 2.0) +
      p.deference * deference + p.modal_request * modal + p.factuality * std::min(factuality, 2.0) +
      p.profanity * std::min(profanity, 2.0) + p.imperative * std::min(imperative, 2.0) +
      p.second_person_start * std::min(second_start, 2.0) + p.insult * std::min(insults, 2.0) +
      p.shouting * (shouting >= 2 ? 1.0 : 0.0) +
      p.exclamations * (a.sentiment.exclamations >= 2 ? 1.0 : 0.0) +
      p.positive * std::max(0.0, compound) + p.negative * std::max(0.0, -compound);
  return 1.0 / (1.0 + std::exp(-raw));
}

double empathy(const Analysis& a, const EmpathyParams& p, std::vector<Part>* parts) {
  const std::vector<Item>& items = a.items;
  const Sentiment& s = a.sentiment;
  double sum = 0;
  int frames = 0;
  int feelings = 0;
  uint32_t you_sentence = UINT32_MAX;  // the sentence `you` describes
  bool you = false;                    // it addresses the other person
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    if (it.is(kEmpathyFrame) && frames < 2) {
      ++frames;
      parts->push_back({it.view, "empathy_statement", p.frame});
      sum += p.frame;
    }
    if (!it.is(kFeeling) || feelings >= 2) continue;
    // A feeling counts when it is acknowledged (inside an empathy statement)
    // or aimed at the other person ("you must be so worried").
    if (it.sentence != you_sentence) {  // each sentence is scanned once
      you_sentence = it.sentence;
      you = false;
      std::size_t k = i;
      while (k > 0 && items[k - 1].sentence == it.sentence) --k;
      for (; k < items.size() && items[k].sentence == it.sentence; ++k) {
        you = you || items[k].is(kSecondPerson);
      }
    }
    const bool aimed = s.items[i].in_frame || you;
    if (!aimed) continue;
    ++feelings;
    parts->push_back({it.view, "feeling", p.feeling});
    sum += p.feeling;
  }
  std::vector<const std::string*> seen;
  for (const rules::Finding& f : a.findings) {
    if (f.rule == nullptr || f.rule->family != rules::Family::technique) continue;
    const auto w = p.techniques.find(f.rule->category);
    if (w == p.techniques.end() || w->second <= 0) continue;
    const auto same = [&](const std::string* c) { return *c == f.rule->category; };
    if (std::any_of(seen.begin(), seen.end(), same)) continue;
    seen.push_back(&f.rule->category);
    parts->push_back({f.view, "technique", w->second});
    sum += w->second;
  }
  return sum;
}

}  // namespace tact::tone
