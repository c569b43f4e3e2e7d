// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The whole-reply rewrite: render every finding's suggestions in the
// writer's style, stay silent where the writer already says it, pick one
// finding per overlapping group and splice the best suggestions in.
#include "rewrite/suggester.hpp"

#include <algorithm>

#include "core/deadline.hpp"
#include "rewrite/already_said.hpp"
#include "rewrite/chars.hpp"
#include "rewrite/cleanup.hpp"
#include "rewrite/compose.hpp"
#include "rewrite/guard.hpp"
#include "rewrite/overlap.hpp"
#include "rewrite/style.hpp"
#include "rewrite/template.hpp"
#include "text/unicode.hpp"

namespace tact::rewrite {

namespace {

bool starts_with_capital(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = text::decode_utf8(s, &i);
    if (text::is_letter(c)) return text::is_upper(c);
  }
  return false;
}

bool is_blank(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (!text::is_space(text::decode_utf8(s, &i))) return false;
  }
  return true;
}

// True when a template inserts the capture `name`.
bool inserted(const std::vector<std::string>& templates, std::string_view name) {
  for (const std::string& t : templates) {
    for (std::size_t at = t.find(name); at != std::string::npos; at = t.find(name, at + 1)) {
      if (at > 0 && t[at - 1] == '{' && at + name.size() < t.size() && t[at + name.size()] == '}') {
        return true;
      }
    }
  }
  return false;
}

// True when the first non-space byte of r.text came from a capture.
bool capture_first(const Rendered& r) {
  std::size_t i = 0;
  std::size_t n = 0;
  while (i < r.text.size() && text::is_space(char_at(r.text, i, &n))) i += n;
  return r.in_capture(i);
}

}  // namespace

namespace {

void suggest_round(const text::Document& doc, const std::vector<rules::Finding>& triggers,
                   Output* out) {
  const std::string_view original = doc.original();
  out->suggestions.assign(triggers.size(), {});
  out->edits.clear();
  out->unsettled = false;
  if (triggers.empty()) {
    out->text.assign(original);
    return;
  }

  Apostrophe message_style = Apostrophe::unknown;
  bool message_style_known = false;
  Rendered rendered;
  std::string scratch;
  std::vector<Candidate> candidates;
  std::vector<text::Range> capture_ranges;
  std::vector<Replacement> best(triggers.size());

  for (std::size_t i = 0; i < triggers.size(); ++i) {
    const rules::Finding& f = triggers[i];
    if (f.rule == nullptr || f.rule->suggestions.empty() || f.view.size() == 0) continue;
    const text::Range span = doc.to_original(f.view);
    // The writer's case is read from the phrase minus what the templates
    // copy from it: "NO IDEA WHERE the iPad IS" is still ALL CAPS.
    capture_ranges.clear();
    for (const rules::Capture& c : f.captures) {
      if (inserted(f.rule->suggestions, c.name)) capture_ranges.push_back(doc.to_original(c.view));
    }
    std::sort(capture_ranges.begin(), capture_ranges.end(),
              [](const text::Range& a, const text::Range& b) { return a.begin < b.begin; });
    const Casing casing = casing_for(original, span, capture_ranges);
    Apostrophe apostrophe = apostrophe_in(original, span);
    if (apostrophe == Apostrophe::unknown) {
      if (!message_style_known) {
        message_style = apostrophe_in(original, {0, static_cast<uint32_t>(original.size())});
        message_style_known = true;
      }
      apostrophe = message_style;
    }

    std::vector<std::string>& list = out->suggestions[i];
    bool silent = false;
    for (const std::string& tmpl : f.rule->suggestions) {
      if (!render(tmpl, f, doc, &rendered)) continue;
      apply_casing(casing, &rendered);
      apply_apostrophe(apostrophe, &rendered);
      if (already_said(doc, f.view, rendered, &scratch)) {
        silent = true;
        break;
      }
      if (list.empty()) {
        best[i].text = rendered.text;
        best[i].capture_first = capture_first(rendered);
      }
      std::string shown = rendered.text;
      fit_punctuation(original, span, &shown);
      if (std::find(list.begin(), list.end(), shown) == list.end()) {
        list.push_back(std::move(shown));
      }
    }
    if (silent) list.clear();
    if (list.empty()) continue;
    candidates.push_back(
        {static_cast<uint32_t>(i), span, f.rule->severity, is_blank(best[i].text)});
  }

  const std::size_t found = candidates.size();
  resolve_overlaps(original, &candidates);
  std::vector<Replacement> chosen;
  chosen.reserve(candidates.size());
  for (const Candidate& c : candidates) {
    Replacement& r = chosen.emplace_back(std::move(best[c.finding]));
    r.original = c.original;
    r.sentence_start = starts_sentence(original, c.original.begin);
    r.capital_start = starts_with_capital(original.substr(c.original.begin, c.original.size()));
    // A finding that lost an overlap, or a deletion joining text that stood
    // apart, may leave a trigger: the rewrite needs a re-check.
    out->unsettled = out->unsettled || c.deletion;
  }
  out->unsettled = out->unsettled || candidates.size() < found;
  splice(original, &chosen, &out->edits, &out->text);
}

}  // namespace

void suggest(const text::Document& doc, const std::vector<rules::Finding>& triggers, Output* out) {
  out->declined.clear();
  suggest_round(doc, triggers, out);
  guard(doc.original(), &out->edits, &out->text, &out->declined);
}

namespace {

void recheck(const text::Document& doc, const rules::Pack& pack, Role role, Output* out,
             const Deadline* deadline) {
  std::string current;
  std::vector<rules::Finding> found;
  std::vector<Edit> composed;
  Output next;
  for (int pass = 1; pass < kMaxPasses && out->unsettled && !out->edits.empty(); ++pass) {
    current = out->text;  // the Document below reads it
    const text::Document rewritten = text::Document::build(current);
    found.clear();
    pack.match(rewritten, role, &found, deadline);
    if (deadline != nullptr && deadline->passed()) return;
    found.erase(std::remove_if(found.begin(), found.end(),
                               [](const rules::Finding& f) {
                                 return f.rule->family != rules::Family::trigger;
                               }),
                found.end());
    if (!found.empty()) suggest_round(rewritten, found, &next);
    if (found.empty() || next.edits.empty()) {
      out->unsettled = false;
      return;
    }
    compose(doc.original().size(), out->edits, next.edits, next.text, &composed);
    out->edits.swap(composed);
    out->text.swap(next.text);
    out->unsettled = next.unsettled;
  }
}

}  // namespace

void suggest(const text::Document& doc, const std::vector<rules::Finding>& triggers,
             const rules::Pack& pack, Role role, Output* out, const Deadline* deadline) {
  out->declined.clear();
  suggest_round(doc, triggers, out);
  recheck(doc, pack, role, out, deadline);
  // The guard judges the final text, once: a re-check round may mend what
  // the first round's splice broke.
  guard(doc.original(), &out->edits, &out->text, &out->declined);
}

}  // namespace tact::rewrite
