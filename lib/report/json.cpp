// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Report -> one line of JSON in the shape DESIGN.md fixes for the CLI.
#include <cmath>
#include <nlohmann/json.hpp>

#include "tact/report.hpp"

namespace tact {

namespace {

using nlohmann::ordered_json;

// Four decimals are plenty for scores and keep the output readable.
double round4(double x) {
  return std::round(x * 1e4) / 1e4;
}

void put_span(ordered_json* j, const Span& s) {
  (*j)["start"] = s.start;
  (*j)["end"] = s.end;
  (*j)["start_utf16"] = s.start_utf16;
  (*j)["end_utf16"] = s.end_utf16;
}

ordered_json finding(const char* type_key, const std::string& type, const std::string& rule,
                     const Span& span, const std::string& text) {
  ordered_json j;
  j[type_key] = type;
  j["rule"] = rule;
  put_span(&j, span);
  j["text"] = text;
  return j;
}

}  // namespace

std::string Report::to_json() const {
  ordered_json j;
  j["id"] = id.empty() ? ordered_json(nullptr) : ordered_json(id);
  j["role"] = role_name(role);
  if (role_guessed) j["role_guessed"] = true;
  j["tone"] = {{"sentiment", round4(tone.sentiment)},
               {"anger", round4(tone.anger)},
               {"politeness", round4(tone.politeness)},
               {"empathy", round4(tone.empathy)},
               {"deescalation", round4(tone.deescalation)}};

  ordered_json esc;
  esc["level"] = escalation.level;
  esc["label"] = escalation.label;
  esc["score"] = round4(escalation.score);
  esc["signals"] = ordered_json::array();
  for (const Signal& s : escalation.signals) {
    esc["signals"].push_back(finding("type", s.type, s.rule, s.span, s.text));
  }
  esc["cues"] = ordered_json::array();
  for (const Cue& c : escalation.cues) {
    ordered_json cue;
    cue["kind"] = c.kind;
    cue["type"] = c.type;
    put_span(&cue, c.span);
    cue["weight"] = round4(c.weight);
    esc["cues"].push_back(std::move(cue));
  }
  j["escalation"] = std::move(esc);

  j["triggers"] = ordered_json::array();
  for (const Trigger& t : triggers) {
    ordered_json o;
    o["rule"] = t.rule;
    o["category"] = t.category;
    o["severity"] = severity_name(t.severity);
    put_span(&o, t.span);
    o["text"] = t.text;
    o["message"] = t.message;
    o["suggestions"] = t.suggestions;
    j["triggers"].push_back(std::move(o));
  }
  j["techniques"] = ordered_json::array();
  for (const Technique& t : techniques) {
    j["techniques"].push_back(finding("type", t.type, t.rule, t.span, t.text));
  }
  j["edits"] = ordered_json::array();
  for (const Edit& e : edits) {
    ordered_json o;
    put_span(&o, e.span);
    o["replacement"] = e.replacement;
    j["edits"].push_back(std::move(o));
  }
  j["rewrite"] = rewrite;
  if (truncated) j["truncated"] = true;
  // Invalid UTF-8 can only come from the caller's text; replace it rather
  // than fail, as the rest of Tact does.
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace tact
