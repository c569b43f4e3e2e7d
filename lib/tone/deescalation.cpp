// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "tone/deescalation.hpp"

#include <cmath>
#include <cstring>
#include <string_view>
#include <unordered_map>

namespace tact::tone {

namespace {}  // namespace

double deescalation(const Analysis& a, const DeescalationParams& p, double empathy,
                    const std::vector<Part>& empathy_parts, double politeness,
                    std::vector<Cue>* cues) {
  double raw = p.base;
  // Each repeat of a category counts `repeat_decay` times the one before.
  std::unordered_map<std::string_view, int> seen;
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    const rules::Finding& f = a.findings[i];
    if (f.rule == nullptr || f.rule->family == rules::Family::signal) continue;
    const bool technique = f.rule->family == rules::Family::technique;
    const auto& table = technique ? p.techniques : p.triggers;
    const auto w = table.find(f.rule->category);
    double weight = w == table.end() ? 0.0 : w->second;
    if (!technique) weight *= -p.severity[static_cast<std::size_t>(f.rule->severity)];
    int& earlier = seen[f.rule->category];
    weight *= std::pow(p.repeat_decay, earlier++);
    cues->push_back(
        {technique ? CueKind::technique : CueKind::trigger, f.rule->category, f.view, weight});
    raw += weight;
  }

  // Empathy, shared out over the statements and feelings behind it (the
  // technique findings already have their own cues).
  double lexical = 0;
  for (const Part& part : empathy_parts) {
    if (std::strcmp(part.type, "technique") != 0) lexical += part.raw;
  }
  const double from_empathy = p.empathy * empathy;
  double total = 0;
  for (const Part& part : empathy_parts) total += part.raw;
  ToneCues tone_cues(cues);
  for (const Part& part : empathy_parts) {
    if (std::strcmp(part.type, "technique") == 0 || total <= 0) continue;
    tone_cues.add(part.type, part.view, from_empathy * part.raw / total);
  }
  if (lexical == 0 && total > 0) {
    // All of it came from technique findings: say so once, on the message.
    cues->push_back({CueKind::tone, "empathy", a.whole(), from_empathy});
  }
  raw += from_empathy;

  const double from_politeness = p.politeness * (politeness - 0.5);
  if (from_politeness != 0)
    cues->push_back({CueKind::tone, "politeness", a.whole(), from_politeness});
  raw += from_politeness;
  const double from_sentiment = p.sentiment * a.sentiment.compound;
  if (from_sentiment != 0) cues->push_back({CueKind::tone, "sentiment", a.whole(), from_sentiment});
  raw += from_sentiment;
  return 1.0 / (1.0 + std::exp(-raw));
}

}  // namespace tact::tone
