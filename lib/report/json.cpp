// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Report -> one line of JSON in the CLI's shape (docs/cli.md).
// Written straight into one string: building a JSON DOM first cost more
// than analyzing the message, and a string that cannot grow throws
// std::bad_alloc with nothing half-built to unwind.
#include <string>
#include <string_view>
#include <vector>

#include "report/json.hpp"
#include "report/json_writer.hpp"

namespace tact {

namespace {

using core::Writer;

void put_span(Writer* w, const Span& s) {
  w->integer("start", s.start);
  w->integer("end", s.end);
  w->integer("start_utf16", s.start_utf16);
  w->integer("end_utf16", s.end_utf16);
}

// The CLI's shape (docs/cli.md): every finding says its source; a model finding adds
// its probability as "confidence" (a rule's is always 1, so it is left out).
void put_source(Writer* w, Source source, double probability) {
  w->string("source", source_name(source));
  if (source == Source::model) w->score("confidence", probability);
}

void finding(Writer* w, const std::string& type, const std::string& rule, const Span& span,
             const std::string& text, Source source, double probability) {
  w->element();
  w->open('{');
  w->string("type", type);
  w->string("rule", rule);
  put_span(w, span);
  w->string("text", text);
  put_source(w, source, probability);
  w->close('}');
}

}  // namespace

namespace core {

std::string to_json(const Report& report) {
  std::string out;
  out.reserve(512 + 2 * report.rewrite.size());
  Writer w(&out);
  w.open('{');
  if (report.id.empty()) {
    w.null("id");
  } else {
    w.string("id", report.id);
  }
  w.string("role", role_name(report.role));
  if (report.role_guessed) w.boolean("role_guessed", true);

  w.open("tone", '{');
  w.score("sentiment", report.tone.sentiment);
  w.score("anger", report.tone.anger);
  w.score("politeness", report.tone.politeness);
  w.score("empathy", report.tone.empathy);
  w.score("deescalation", report.tone.deescalation);
  w.close('}');

  w.open("escalation", '{');
  w.integer("level", report.escalation.level);
  w.string("label", report.escalation.label);
  w.score("score", report.escalation.score);
  w.open("signals", '[');
  for (const Signal& s : report.escalation.signals)
    finding(&w, s.type, s.rule, s.span, s.text, s.source, s.probability);
  w.close(']');
  w.open("cues", '[');
  for (const Cue& c : report.escalation.cues) {
    w.element();
    w.open('{');
    w.string("kind", cue_kind_name(c.kind));
    w.string("type", c.type);
    put_span(&w, c.span);
    w.score("weight", c.weight);
    w.close('}');
  }
  w.close(']');
  w.close('}');

  w.open("triggers", '[');
  for (const Trigger& t : report.triggers) {
    w.element();
    w.open('{');
    w.string("rule", t.rule);
    w.string("category", t.category);
    w.string("severity", severity_name(t.severity));
    put_span(&w, t.span);
    w.string("text", t.text);
    w.string("message", t.message);
    put_source(&w, t.source, t.probability);
    w.open("suggestions", '[');
    for (const std::string& s : t.suggestions) {
      w.element();
      w.quoted(s);
    }
    w.close(']');
    w.close('}');
  }
  w.close(']');
  w.open("techniques", '[');
  for (const Technique& t : report.techniques)
    finding(&w, t.type, t.rule, t.span, t.text, t.source, t.probability);
  w.close(']');
  w.open("edits", '[');
  for (const Edit& e : report.edits) {
    w.element();
    w.open('{');
    put_span(&w, e.span);
    w.string("replacement", e.replacement);
    w.boolean("applied", true);
    w.close('}');
  }
  w.close(']');
  // Edits the fluency guard refused; kept apart so that "edits" still
  // turns the text into "rewrite".
  if (!report.declined.empty()) {
    w.open("declined", '[');
    for (const Edit& e : report.declined) {
      w.element();
      w.open('{');
      put_span(&w, e.span);
      w.string("replacement", e.replacement);
      w.boolean("applied", false);
      w.string("reason", e.reason);
      w.close('}');
    }
    w.close(']');
  }
  w.string("rewrite", report.rewrite);
  if (report.truncated) w.boolean("truncated", true);
  w.close('}');
  return out;
}

}  // namespace core

}  // namespace tact
