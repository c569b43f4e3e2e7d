// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "tone/escalation.hpp"

#include <algorithm>
#include <cstring>

namespace tact::tone {

namespace {

// Anger's share of negative sentiment, which escalation counts directly.
bool negativity(const char* type) {
  return std::strcmp(type, "negative_word") == 0 || std::strcmp(type, "negative_sentiment") == 0;
}

void add_tone_cue(ToneCues* cues, text::Range view, const char* type, double weight) {
  if (weight > 0) cues->add(type, view, weight);
}

}  // namespace

EscalationResult escalation(const Analysis& a, const EscalationParams& p,
                            const std::vector<Part>& anger, const AngerRaw& anger_raw,
                            std::vector<Cue>* cues) {
  double raw = 0;
  int floor = 0;
  bool hostile = false;
  std::vector<const std::string*> counted;
  for (const rules::Finding& f : a.findings) {
    if (f.rule == nullptr || f.rule->family != rules::Family::signal) continue;
    const std::string& category = f.rule->category;
    const auto same = [&](const std::string* c) { return *c == category; };
    // A category counts once however often it is found; its other findings
    // are still shown, with weight 0.
    const bool repeat = std::any_of(counted.begin(), counted.end(), same);
    const auto w = p.signals.find(category);
    const double weight = repeat || w == p.signals.end() ? 0.0 : w->second;
    if (!repeat) counted.push_back(&category);
    cues->push_back({CueKind::signal, category, f.view, weight});
    raw += weight;
    // A floor holds unless the message is clearly positive ("Thanks!!!").
    if (const auto m = p.min_level.find(category);
        m != p.min_level.end() && a.sentiment.compound < p.positive) {
      floor = std::max(floor, m->second);
    }
    hostile = hostile || std::find(p.hostile.begin(), p.hostile.end(), category) != p.hostile.end();
  }

  // Anger and negative sentiment, shared out over the words behind them.
  // Negative words count once, through sentiment below: a calm report of a
  // problem ("my parcel is missing") is a concern, not anger.
  double expressed = 0;
  for (std::size_t i = 0; i < anger_raw.text_parts; ++i) {
    if (!negativity(anger[i].type)) expressed += anger[i].raw;
  }
  ToneCues tone_cues(cues);
  const double from_anger = p.anger * saturate(expressed);
  for (std::size_t i = 0; i < anger_raw.text_parts && expressed > 0; ++i) {
    const Part& part = anger[i];
    if (negativity(part.type)) continue;
    add_tone_cue(&tone_cues, part.view, part.type, from_anger * part.raw / expressed);
  }
  raw += from_anger;
  const double negative = p.negative * std::max(0.0, -a.sentiment.compound);
  double mass = 0;
  for (const ItemScore& s : a.sentiment.items) mass += std::max(0.0f, -s.valence);
  for (std::size_t i = 0; i < a.items.size() && mass > 0; ++i) {
    const double v = -a.sentiment.items[i].valence;
    if (v > 0) add_tone_cue(&tone_cues, a.items[i].view, "negative_word", negative * v / mass);
  }
  if (mass == 0) add_tone_cue(&tone_cues, a.whole(), "negative_sentiment", negative);
  raw += negative;

  EscalationResult r;
  r.score = saturate(raw);
  for (double t : p.thresholds) r.level += r.score >= t ? 1 : 0;
  r.level = std::max(r.level, floor);
  if (!hostile) r.level = std::min(r.level, 3);
  return r;
}

}  // namespace tact::tone
