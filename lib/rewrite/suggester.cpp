// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The whole-reply rewrite: render every finding's suggestions in the
// writer's style, stay silent where the writer already says it, pick one
// finding per overlapping group and splice the best suggestions in.
#include "rewrite/suggester.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "core/deadline.hpp"
#include "rewrite/already_said.hpp"
#include "rewrite/chars.hpp"
#include "rewrite/cleanup.hpp"
#include "rewrite/comma_splice.hpp"
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

bool has_word(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = text::decode_utf8(s, &i);
    if (text::is_letter(c) || text::is_digit(c)) return true;
  }
  return false;
}

// A rewrite that removed every word of a message that had some sends the
// pack's empty_reply instead, as one edit over the whole message.
void fill_empty(const text::Document& doc, const rules::RewriteStyle& style, Output* out) {
  if (style.empty_reply.empty() || out->edits.empty() || has_word(out->text) ||
      !has_word(doc.original())) {
    return;
  }
  out->edits.assign(1, Edit{{0, static_cast<uint32_t>(doc.original().size())}, style.empty_reply});
  out->text = style.empty_reply;
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

// True when nothing but space and punctuation (or the text's ends) lies
// between the span and the words around it: a whole-clause suggestion fits
// there ("…, not us." but not "you'll have to call them"). Punctuation only,
// so it holds for any language.
// A span that itself ends in punctuation ("Surely you remember that.")
// stands apart on that side, whatever follows it.
bool stands_alone(std::string_view s, text::Range span) {
  if (span.size() == 0) return false;
  std::size_t i = span.begin;
  for (std::size_t n = 0; i > 0 && is_hspace(char_before(s, i, &n)) && n > 0;) i -= n;
  if (i > 0 && is_wordish(char_before(s, i)) && is_wordish(char_at(s, span.begin))) return false;
  if (!is_wordish(char_before(s, span.end))) return true;
  i = span.end;
  for (std::size_t n = 0; i < s.size() && is_hspace(char_at(s, i, &n)) && n > 0;) i += n;
  return i >= s.size() || !is_wordish(char_at(s, i));
}

// Where the sentence that runs on at `from` ends: the byte of its first
// terminator or line break (s.size() when it runs to the end), passing
// over the full stop of a listed abbreviation ("Mr." in "ask Mr. Patel.").
std::size_t sentence_stop(std::string_view s, std::size_t from,
                          const text::SentenceProfile& sentences) {
  std::size_t i = from;
  while (i < s.size()) {
    std::size_t n = 0;
    const char32_t c = char_at(s, i, &n);
    if (n == 0 || is_newline(c)) break;
    // "£23.50" and "v2.1" hold no stop: a terminator is followed by a non-word.
    const char32_t next = char_at(s, i + n);
    if ((is_terminator(c) || sentences.is_terminator(c)) && !is_wordish(next) &&
        !(c == '.' && !is_terminator(next) && sentences.abbreviation_before(s, i))) {
      break;
    }
    i += n;
  }
  return i;
}

// The first word at or after `from` (past horizontal space) and its end.
std::string_view word_after(std::string_view s, std::size_t from, std::size_t stop,
                            std::size_t* end) {
  std::size_t n = 0;
  while (from < stop && is_hspace(char_at(s, from, &n)) && n > 0) from += n;
  *end = word_end(s, from, stop);
  return s.substr(from, *end - from);
}

// True when `word`, as the view writes it out ("u" -> "you"), is one of
// the style's question subjects.
bool question_subject(const text::Spellings& spellings, const rules::RewriteStyle& style,
                      std::string_view word) {
  std::string lower(word);
  for (char& c : lower) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  if (const text::Spelling* sp = spellings.find(lower); sp != nullptr) {
    word = std::string_view(sp->written).substr(0, sp->written.find(' '));
  }
  return listed(style.question_subjects, word);
}

// True when a clause of the sentence follows byte `from`: a dash, or a
// , ; or : then one of the clause openers, or a clause joiner then a
// question subject ("… or your shop is suspended"), between it and the
// sentence's stop. A question made of the sentence would swallow that
// clause ("Could you send it, or the order lapses?", "Could you sign it —
// that's how we work?"); a list ("fill it in, sign it and post it") is
// fine.
bool clause_follows(std::string_view s, std::size_t from, const text::SentenceProfile& sentences,
                    const text::Spellings& spellings, const rules::RewriteStyle& style) {
  const std::size_t stop = sentence_stop(s, from, sentences);
  for (std::size_t i = from; i < stop;) {
    std::size_t n = 0;
    const char32_t c = char_at(s, i, &n);
    if (is_dash(c)) return true;
    const bool soft = is_soft_punct(c);
    i += n == 0 ? 1 : n;
    if (soft && listed(style.clause_openers, word_after(s, i, stop, &n))) return true;
    if (is_hspace(c) && listed(style.clause_joiners, word_after(s, i, stop, &n)) &&
        question_subject(spellings, style, word_after(s, n, stop, &n))) {
      return true;
    }
  }
  return false;
}

// True when a word follows byte `from` anywhere in the message.
bool words_follow(std::string_view s, std::size_t from) {
  for (std::size_t i = from; i < s.size();) {
    std::size_t n = 0;
    if (is_wordish(char_at(s, i, &n))) return true;
    i += n == 0 ? 1 : n;
  }
  return false;
}

// Adds a "?" replacement for each stop no chosen phrase covers, keeping
// `chosen` in text order.
// A stop is the "." to replace, or, for a sentence that ends without one,
// its last character, which the mark follows.
void add_question_marks(std::string_view original, const std::vector<text::Range>& stops,
                        std::vector<Replacement>* chosen) {
  for (const text::Range& stop : stops) {
    const bool covered = std::any_of(chosen->begin(), chosen->end(), [&](const Replacement& r) {
      return r.original.begin < stop.end && stop.begin < r.original.end;
    });
    if (covered) continue;
    Replacement mark;
    mark.original = stop;
    mark.text = original[stop.begin] == '.'
                    ? std::string("?")
                    : std::string(original.substr(stop.begin, stop.size())) + "?";
    mark.capture_first = true;  // never recased
    chosen->push_back(std::move(mark));
  }
  std::sort(chosen->begin(), chosen->end(), [](const Replacement& a, const Replacement& b) {
    return a.original.begin < b.original.begin;
  });
}

// The sentence of `doc` around `span` when the phrase is all of it but
// one word or none ("You're overthinking it honestly.", "Not my problem
// tbh."), without a figure among what is left (a figure is a fact): from
// its first byte to its last word, or to its terminator when
// `with_terminator`. Empty when the sentence holds more.
text::Range lone_sentence(const text::Document& doc, text::Range span, bool with_terminator) {
  const std::string_view s = doc.original();
  bool digit = false;
  const auto words_in = [&](std::size_t from, std::size_t to) {
    return count_words(s, from, to, 0, 2, &digit);
  };
  // The last sentence starting at or before the span (sentences are in
  // text order): one lookup per finding, however long the text.
  const std::vector<text::Sentence>& all = doc.sentences();
  auto it =
      std::upper_bound(all.begin(), all.end(), span.begin,
                       [](uint32_t at, const text::Sentence& x) { return at < x.original.begin; });
  if (it == all.begin()) return {};
  const text::Range r = std::prev(it)->original;
  if (span.begin < r.begin || span.end > r.end) return {};
  if (words_in(r.begin, span.begin) + words_in(span.end, r.end) > 1 || digit) return {};
  std::size_t end = r.end;
  std::size_t n = 0;
  while (end > span.end &&
         !(with_terminator ? !text::is_space(char_before(s, end, &n))
                           : is_wordish(char_before(s, end, &n))) &&
         n > 0) {
    end -= n;
  }
  return {r.begin, static_cast<uint32_t>(std::max<std::size_t>(end, span.end))};
}

// Widens each deletion that would leave its sentence one word or none of
// the writer's ("You're overthinking it honestly." -> "Honestly.") to the
// whole sentence: a lone adverb or filler is a fragment, not a reply. A
// sentence another candidate touches keeps its words.
void widen_to_sentences(const text::Document& doc, std::vector<Candidate>* candidates) {
  for (Candidate& c : *candidates) {
    if (!c.deletion) continue;
    const text::Range r = lone_sentence(doc, c.original, true);
    if (r.size() == 0) continue;
    const bool shared =
        std::any_of(candidates->begin(), candidates->end(), [&](const Candidate& o) {
          return &o != &c && o.original.begin < r.end && r.begin < o.original.end;
        });
    if (!shared) c.original = r;
  }
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

// choice[i] (when given): how many of finding i's rendered suggestions to
// pass over for the splice, because the guard declined them in place.
// Findings whose whole-clause suggestions do not fit where they stand are
// not spliced; they go to *declined when it is given (the first round).
void suggest_round(const text::Document& doc, const std::vector<rules::Finding>& triggers,
                   const rules::RewriteStyle& style, Output* out,
                   const std::vector<uint8_t>* choice = nullptr,
                   std::vector<Declined>* declined = nullptr, bool advise_only = false) {
  const std::string_view original = doc.original();
  const text::SentenceProfile& sentences = doc.sentence_profile();
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
  std::vector<bool> question(triggers.size(), false);
  // The phrases with something to replace them: their words are going, so
  // they do not count as the writer already saying a suggestion.
  std::vector<text::Range> replaceable;
  std::vector<text::Range> others;
  std::string unfit;  // the first suggestion that does not fit where its phrase stands
  for (const rules::Finding& f : triggers) {
    if (f.rule != nullptr && !f.rule->suggestions.empty() && f.view.size() != 0) {
      replaceable.push_back(f.view);
    }
  }

  for (std::size_t i = 0; i < triggers.size(); ++i) {
    const rules::Finding& f = triggers[i];
    if (f.rule == nullptr || f.rule->suggestions.empty() || f.view.size() == 0) continue;
    text::Range span = doc.to_original(f.view);
    // The writer's case is read from the phrase minus what the templates
    // copy from it: "NO IDEA WHERE the iPad IS" is still ALL CAPS.
    capture_ranges.clear();
    for (const rules::Capture& c : f.captures) {
      if (inserted(f.rule->suggestions, c.name)) capture_ranges.push_back(doc.to_original(c.view));
    }
    std::sort(capture_ranges.begin(), capture_ranges.end(),
              [](const text::Range& a, const text::Range& b) { return a.begin < b.begin; });
    const Casing casing =
        casing_for(original, span, sentences, capture_ranges, style.capitalise_sentence_start);
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
    const std::size_t wanted = choice == nullptr ? 0 : (*choice)[i];
    std::size_t rank = 0;
    bool have_best = false;
    others.clear();
    for (const text::Range& r : replaceable) {
      if (r.begin != f.view.begin || r.end != f.view.end) others.push_back(r);
    }
    unfit.clear();
    for (const std::string& tmpl : f.rule->suggestions) {
      if (!render(tmpl, f, doc, &rendered)) continue;
      const bool fits =
          !(rendered.lead_only && !starts_sentence(original, span.begin, sentences)) &&
          !(rendered.needs_more && !words_follow(original, span.end)) &&
          !(rendered.question &&
            clause_follows(original, span.end, sentences, doc.spellings(), style));
      apply_casing(casing, style, &rendered);
      apply_apostrophe(apostrophe, &rendered);
      if (!fits) {
        if (unfit.empty()) unfit = rendered.text;
        continue;
      }
      if (already_said(doc, f.view, rendered, &scratch, others)) {
        silent = true;
        unfit = rendered.text;
        break;
      }
      if (rank++ == wanted) {
        best[i].text = rendered.text;
        best[i].capture_first = capture_first(rendered);
        question[i] = rendered.question;
        have_best = true;
      }
      std::string shown = rendered.text;
      fit_punctuation(original, span, &shown);
      if (std::find(list.begin(), list.end(), shown) == list.end()) {
        list.push_back(std::move(shown));
      }
    }
    if (silent || (list.empty() && !unfit.empty())) {
      // The writer already says what the rule would put there, or every
      // suggestion is for another position ("{^}" mid-sentence, "{>}" at
      // the end): the phrase stays, and the report says why. A finding
      // whose suggestion does not fit still shows it, for a writer who
      // rephrases around it.
      list.clear();
      if (!silent) list.push_back(unfit);
      if (declined != nullptr) {
        declined->push_back({{span, std::move(unfit)}, silent ? kAlreadySaid : kNoFit});
      }
      unfit.clear();
      continue;
    }
    if (list.empty() || !have_best) continue;
    if (!f.rule->splice || advise_only) {
      if (declined != nullptr) declined->push_back({{span, list.front()}, kAdvice});
      continue;
    }
    if (f.rule->clause && !stands_alone(original, span)) {
      // A whole-clause suggestion may still take the phrase's whole
      // sentence when that holds one more word at most ("Not my problem
      // tbh." -> "I'll find out who can sort this.").
      const text::Range whole = lone_sentence(doc, span, false);
      if (whole.size() > 0 && stands_alone(original, whole)) span = whole;
    }
    if (f.rule->clause && !stands_alone(original, span)) {
      if (declined != nullptr) declined->push_back({{span, list.front()}, kClauseSeam});
      // Other edits may leave it standing alone (a comma spliced in before
      // it): the re-check then rewrites it, so the rewrite stays idempotent.
      out->unsettled = true;
      continue;
    }
    candidates.push_back(
        {static_cast<uint32_t>(i), span, f.rule->severity, is_blank(best[i].text)});
  }

  const std::size_t found = candidates.size();
  resolve_overlaps(original, &candidates);
  widen_to_sentences(doc, &candidates);
  std::vector<Replacement> chosen;
  chosen.reserve(candidates.size());
  std::vector<text::Range> stops;  // full stops that become question marks
  for (const Candidate& c : candidates) {
    Replacement& r = chosen.emplace_back(std::move(best[c.finding]));
    r.original = c.original;
    r.sentence_start = starts_sentence(original, c.original.begin, sentences);
    r.capital_start = (style.capitalise_sentence_start && r.sentence_start) ||
                      starts_with_capital(original.substr(c.original.begin, c.original.size()));
    // A finding that lost an overlap, or a deletion joining text that stood
    // apart, may leave a trigger: the rewrite needs a re-check.
    out->unsettled = out->unsettled || c.deletion;
    if (question[c.finding]) {
      const std::size_t stop = sentence_stop(original, c.original.end, sentences);
      if (stop < original.size() && original[stop] == '.') {
        stops.push_back({static_cast<uint32_t>(stop), static_cast<uint32_t>(stop + 1)});
      } else if (stop == original.size() || is_newline(char_at(original, stop))) {
        // No terminator ("could you come in if u want 1 to 1"): the mark
        // follows the sentence's last word.
        std::size_t end = stop;
        std::size_t n = 0;
        while (end > c.original.end && is_hspace(char_before(original, end, &n))) end -= n;
        if (end > c.original.end && is_wordish(char_before(original, end, &n))) {
          stops.push_back({static_cast<uint32_t>(end - n), static_cast<uint32_t>(end)});
        }
      }
    }
  }
  out->unsettled = out->unsettled || candidates.size() < found;
  if (!stops.empty()) add_question_marks(original, stops, &chosen);
  splice(original, &chosen, &out->edits, &out->text);
}

}  // namespace

void suggest(const text::Document& doc, const std::vector<rules::Finding>& triggers,
             const rules::RewriteStyle& style, Output* out) {
  out->declined.clear();
  suggest_round(doc, triggers, style, out, nullptr, &out->declined);
  guard(doc.original(), doc.sentence_profile(), &out->edits, &out->text, &out->declined);
}

namespace {

// The byte of the original text that byte `pos` of the text `edits` made
// stands for. A byte an edit wrote stands for that edit's start, or its
// end when `end` (so a range maps onto every edit it touches).
std::size_t original_position(const std::vector<Edit>& edits, std::size_t pos, bool end) {
  int64_t shift = 0;  // position in the edited text minus position in the original
  for (const Edit& e : edits) {
    const auto begin = static_cast<std::size_t>(static_cast<int64_t>(e.original.begin) + shift);
    const std::size_t written_end = begin + e.replacement.size();
    if (pos < begin) break;
    if (pos < written_end || (end && pos == written_end && !e.replacement.empty())) {
      return end ? e.original.end : e.original.begin;
    }
    shift += static_cast<int64_t>(e.replacement.size()) - static_cast<int64_t>(e.original.size());
  }
  return static_cast<std::size_t>(static_cast<int64_t>(pos) - shift);
}

// True when an edit reaches the declined phrase's last byte: a later round
// rewrote it after all (an edit that only recases its first letter does
// not reach it).
bool rewritten_by(const std::vector<Edit>& edits, const Declined& d) {
  const uint32_t last = d.edit.original.end - 1;
  return std::any_of(edits.begin(), edits.end(), [&](const Edit& e) {
    return e.original.begin <= last && last < e.original.end;
  });
}

// The view ranges of the sentences of `rewritten` that the edits (which
// made it) wrote into or next to, with the sentence either side: a phrase
// an edit can have made or unmade lies there.
void edited_sentences(const text::Document& rewritten, const std::vector<Edit>& edits,
                      std::vector<text::Range>* out) {
  out->clear();
  const std::vector<text::Sentence>& sentences = rewritten.sentences();
  int64_t shift = 0;
  std::size_t k = 0;
  for (const Edit& e : edits) {
    const auto begin = static_cast<uint32_t>(static_cast<int64_t>(e.original.begin) + shift);
    const auto end = static_cast<uint32_t>(begin + e.replacement.size());
    shift += static_cast<int64_t>(e.replacement.size()) - static_cast<int64_t>(e.original.size());
    while (k < sentences.size() && sentences[k].original.end < begin) ++k;
    std::size_t last = k;
    while (last + 1 < sentences.size() && sentences[last + 1].original.begin <= end) ++last;
    const std::size_t first = k > 0 ? k - 1 : 0;
    last = std::min(last + 1, sentences.empty() ? 0 : sentences.size() - 1);
    if (sentences.empty()) break;
    const text::Range r{sentences[first].view.begin, sentences[last].view.end};
    if (!out->empty() && out->back().end >= r.begin) {
      out->back().end = std::max(out->back().end, r.end);
    } else {
      out->push_back(r);
    }
  }
}

void recheck(const text::Document& doc, const rules::Pack& pack, Role role, Output* out,
             const Deadline* deadline) {
  std::string current;
  std::vector<rules::Finding> found;
  std::vector<Edit> composed;
  std::vector<text::Range> within;
  Output next;
  for (int pass = 1; pass < kMaxPasses && out->unsettled && !out->edits.empty(); ++pass) {
    current = out->text;  // the Document below reads it
    const text::Document rewritten =
        text::Document::build(current, doc.sentence_profile(), doc.spellings());
    found.clear();
    edited_sentences(rewritten, out->edits, &within);
    pack.match_within(rewritten, role, within, &found, deadline);
    if (deadline != nullptr && deadline->passed()) return;
    found.erase(std::remove_if(found.begin(), found.end(),
                               [](const rules::Finding& f) {
                                 return f.rule->family != rules::Family::trigger;
                               }),
                found.end());
    next.declined.clear();
    if (!found.empty()) {
      suggest_round(rewritten, found, pack.rewrite_style(), &next, nullptr, &next.declined);
    }
    // A phrase this round found but could not splice (a whole-clause
    // suggestion inside a clause) is reported where it lies in the original.
    for (Declined& d : next.declined) {
      d.edit.original = {
          static_cast<uint32_t>(original_position(out->edits, d.edit.original.begin, false)),
          static_cast<uint32_t>(original_position(out->edits, d.edit.original.end, true))};
      // One report per phrase: an earlier round's report of it stands (an
      // edit beside it may have moved or recased it since), unless an edit
      // has rewritten that phrase after all.
      const bool known =
          std::any_of(out->declined.begin(), out->declined.end(), [&](const Declined& k) {
            return k.edit.original.begin < d.edit.original.end &&
                   d.edit.original.begin < k.edit.original.end && !rewritten_by(out->edits, k);
          });
      if (!known) out->declined.push_back(std::move(d));
    }
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

// Drops the declined edits a re-check round rewrote after all.
void forget_rewritten(Output* out) {
  out->declined.erase(
      std::remove_if(out->declined.begin(), out->declined.end(),
                     [&](const Declined& d) { return rewritten_by(out->edits, d); }),
      out->declined.end());
}

// Applies `fixes` (ranges of out->text, in order, apart) to the rewrite and
// composes them into its edits, so the edits still map the original to it.
void apply_fixes(const text::Document& doc, const std::vector<Edit>& fixes, Output* out) {
  if (fixes.empty()) return;
  out->unsettled = true;
  std::string text = out->text;
  for (auto it = fixes.rbegin(); it != fixes.rend(); ++it) {
    text.replace(it->original.begin, it->original.size(), it->replacement);
  }
  std::vector<Edit> composed;
  compose(doc.original().size(), out->edits, fixes, text, &composed);
  out->edits.swap(composed);
  out->text.swap(text);
}

// Gives each sentence of a rewritten message that starts in lower case its
// capital (style.capitalise_sentence_start): the reply goes out as one
// text, and a reader judges all of it. A word with a capital inside
// ("iPhone") is a name and keeps its case. Messages the rewrite left alone
// are not touched.
void capitalise_starts(const text::Document& doc, const rules::RewriteStyle& style, Output* out) {
  if (!style.capitalise_sentence_start || out->edits.empty()) return;
  const std::string_view s = out->text;
  std::vector<Edit> caps;
  char32_t prev = 0;
  for (std::size_t i = 0, n = 0; i < s.size(); i += n) {
    const char32_t c = char_at(s, i, &n);
    if (n == 0) break;
    // A word starts after space or an opening quote or bracket, not after
    // the '.' inside "e.g".
    const bool starts =
        text::is_letter(c) && (prev == 0 || text::is_space(prev) || is_opener(prev));
    prev = c;
    if (!starts || !text::is_lower(c) || capital_inside(s, i) ||
        !starts_sentence(s, i, doc.sentence_profile())) {
      continue;
    }
    std::string capital(s.substr(i, n));
    titlecase_at(&capital, 0);
    caps.push_back({{static_cast<uint32_t>(i), static_cast<uint32_t>(i + n)}, std::move(capital)});
  }
  apply_fixes(doc, caps, out);
}

// Writes out the informal spellings of a rewritten message (the pack's
// [spellings]: "u" -> "you", "dont" -> "don't") in the writer's case
// ("U" -> "You", "DONT" -> "DON'T"), and closes its last sentence with the
// style's final mark ("?" after a question opener) where the writer left
// it open. Messages the rewrite left alone are not touched: this tidies a
// reply the agent is about to send as ours, it is not a spelling checker.
void tidy_informal(const text::Document& doc, const rules::RewriteStyle& style, Output* out) {
  static const std::string kQuestionMark = "?";
  if (out->edits.empty()) return;
  const std::string_view s = out->text;
  std::vector<Edit> fixes;
  const bool curly = apostrophe_in(s, {0, static_cast<uint32_t>(s.size())}) == Apostrophe::curly;
  doc.spellings().each(s, [&](std::size_t begin, std::size_t end, const std::string& written) {
    const std::string_view word = s.substr(begin, end - begin);
    std::string cased = written;
    const bool all_caps = word.size() >= 2 && std::none_of(word.begin(), word.end(), [](char c) {
                            return c >= 'a' && c <= 'z';
                          });
    if (all_caps) {
      for (char& c : cased) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    } else if (word[0] >= 'A' && word[0] <= 'Z' && cased[0] >= 'a' && cased[0] <= 'z') {
      cased[0] = static_cast<char>(cased[0] - 'a' + 'A');
    }
    if (curly) {
      for (std::size_t at; (at = cased.find('\'')) != std::string::npos;) {
        cased.replace(at, 1, "\u2019");
      }
    }
    if (cased != word) {
      fixes.push_back({{static_cast<uint32_t>(begin), static_cast<uint32_t>(end)}, cased});
    }
  });
  // The last sentence: a single-line message whose last character is a
  // letter or digit (a sign-off line or an emoji is left as it is).
  std::size_t last = s.size();
  while (last > 0 && text::is_space(static_cast<unsigned char>(s[last - 1]))) --last;
  if (!style.final_mark.empty() && last > 0 && s.find('\n') == std::string_view::npos &&
      std::isalnum(static_cast<unsigned char>(s[last - 1]))) {
    std::size_t start = 0;  // the last sentence's first word
    for (std::size_t i = 0; i < last; ++i) {
      if (s[i] == '.' || s[i] == '!' || s[i] == '?') start = i + 1;
    }
    while (start < last && !std::isalnum(static_cast<unsigned char>(s[start]))) ++start;
    std::size_t stop = start;
    const std::string_view first = word_after(s, start, last, &stop);
    const bool question =
        listed(style.question_openers, first) ||
        (listed(style.question_auxiliaries, first) &&
         question_subject(doc.spellings(), style, word_after(s, stop, last, &stop)));
    const std::string& mark = question ? kQuestionMark : style.final_mark;
    if (fixes.empty() || fixes.back().original.end < last) {
      // The last character with the mark after it: fixes replace, not insert.
      fixes.push_back({{static_cast<uint32_t>(last - 1), static_cast<uint32_t>(last)},
                       std::string(s.substr(last - 1, 1)) + mark});
    } else {
      fixes.back().replacement += mark;  // the last word was written out
    }
  }
  apply_fixes(doc, fixes, out);
}

// True when the rules find a warning-or-worse trigger in the sentences of
// `text` that hold one of `at` (byte positions, sorted), or could not
// finish before the deadline.
bool has_warning(const std::string& text, const std::vector<Edit>& at, const text::Document& doc,
                 const rules::Pack& pack, Role role, const Deadline* deadline) {
  const text::Document d = text::Document::build(text, doc.sentence_profile(), doc.spellings());
  std::vector<text::Range> within;
  std::size_t k = 0;
  for (const text::Sentence& sentence : d.sentences()) {
    while (k < at.size() && at[k].original.begin < sentence.original.begin) ++k;
    if (k < at.size() && at[k].original.begin < sentence.original.end) {
      within.push_back(sentence.view);
    }
  }
  std::vector<rules::Finding> found;
  pack.match_within(d, role, within, &found, deadline);
  if (deadline != nullptr && deadline->passed()) return true;
  return std::any_of(found.begin(), found.end(), [](const rules::Finding& f) {
    return f.rule->family == rules::Family::trigger && f.rule->severity >= Severity::warning;
  });
}

// Parts the comma splices of a rewritten message (comma_splice.hpp), last,
// once its words stand, where the sentences parted hold no warning-or-worse
// trigger. A part that becomes a sentence of its own can read as a phrase
// a rule finds ("It is what it is."), or free a phrase the guard declined
// inside the clause: no re-check would mend it now, and the next rewrite
// would, so such a sentence keeps its commas. Only the parted sentences are
// matched again.
void part_splices(const text::Document& doc, const rules::Pack& pack, Role role, Output* out,
                  const Deadline* deadline) {
  if (out->edits.empty()) return;
  std::vector<Edit> splices;
  part_comma_splices(out->text, pack.rewrite_style(), &splices);
  if (splices.empty()) return;
  std::string parted = out->text;
  for (auto it = splices.rbegin(); it != splices.rend(); ++it) {
    parted.replace(it->original.begin, it->original.size(), it->replacement);
  }
  if (has_warning(parted, splices, doc, pack, role, deadline)) return;
  apply_fixes(doc, splices, out);
}

// How many of a finding's suggestions the guard may try in turn.
constexpr int kMaxChoices = 3;

// A choice past every suggestion: the finding then offers no splice, and
// another finding over the same words may take them.
constexpr uint8_t kWithdrawn = 0xff;

// Passes over, for each finding whose edit the guard declined, the
// suggestion it spliced; false when no finding has another to try. A
// finding with none left withdraws where another finding with a
// suggestion overlaps it ("for the fourth time" is both a dismissive
// phrase whose "to recap" the sentence already says and a condescending
// one that goes): that one then takes the words.
bool next_choice(const text::Document& doc, const std::vector<rules::Finding>& triggers,
                 const Output& out, std::vector<uint8_t>* choice) {
  const auto overlapped = [&](std::size_t i, text::Range span) {
    for (std::size_t j = 0; j < triggers.size(); ++j) {
      if (j == i || (*choice)[j] == kWithdrawn || out.suggestions[j].empty()) continue;
      const text::Range other = doc.to_original(triggers[j].view);
      if (other.begin < span.end && span.begin < other.end) return true;
    }
    return false;
  };
  bool advanced = false;
  for (std::size_t i = 0; i < triggers.size(); ++i) {
    if ((*choice)[i] == kWithdrawn) continue;
    const text::Range span = doc.to_original(triggers[i].view);
    for (const Declined& d : out.declined) {
      if (d.reason == kClauseSeam || d.reason == kNoFit || d.reason == kAlreadySaid) continue;
      const text::Range& r = d.edit.original;
      if (!(r.begin < span.end && span.begin < r.end)) continue;
      // Only the finding whose suggestion was declined withdraws, not one
      // that lost the overlap to it.
      const auto spliced = [&](const std::string& s) {
        return equal_folded(s, d.edit.replacement);
      };
      if ((*choice)[i] + 1u < out.suggestions[i].size()) {
        ++(*choice)[i];
        advanced = true;
      } else if (std::any_of(out.suggestions[i].begin(), out.suggestions[i].end(), spliced) &&
                 overlapped(i, span)) {
        (*choice)[i] = kWithdrawn;
        advanced = true;
      }
      break;
    }
  }
  return advanced;
}

}  // namespace

void suggest(const text::Document& doc, const std::vector<rules::Finding>& triggers,
             const rules::Pack& pack, Role role, Output* out, const Deadline* deadline) {
  // A message whose findings are all information is not rewritten for
  // them: blind reviewers judged such edits alone ("Unfortunately" -> "I'm
  // sorry,") no calmer. Beside a warning's edit they polish the rewrite.
  const bool advise_only =
      std::none_of(triggers.begin(), triggers.end(), [](const rules::Finding& f) {
        return f.rule != nullptr && f.rule->severity >= Severity::warning && f.rule->splice &&
               !f.rule->suggestions.empty();
      });
  std::vector<uint8_t> choice;
  for (int attempt = 0;; ++attempt) {
    out->declined.clear();
    suggest_round(doc, triggers, pack.rewrite_style(), out, attempt == 0 ? nullptr : &choice,
                  &out->declined, advise_only);
    // Before the re-check: a capital can start a sentence the segmenter did
    // not see before ("…Priya. no sorry we dont…"), and a rule may then
    // find a phrase there that the re-check must mend.
    capitalise_starts(doc, pack.rewrite_style(), out);
    recheck(doc, pack, role, out, deadline);
    forget_rewritten(out);
    // The guard judges the final text, once: a re-check round may mend what
    // the first round's splice broke.
    guard(doc.original(), doc.sentence_profile(), &out->edits, &out->text, &out->declined);
    std::sort(out->declined.begin(), out->declined.end(), [](const Declined& a, const Declined& b) {
      return a.edit.original.begin < b.edit.original.begin;
    });
    if (out->declined.empty() || attempt + 1 >= kMaxChoices) break;
    if (deadline != nullptr && deadline->passed()) break;
    // A declined splice may fit with the finding's next suggestion.
    if (attempt == 0) choice.assign(triggers.size(), 0);
    if (!next_choice(doc, triggers, *out, &choice)) break;
  }
  // Last, once the edits stand: a respelled word inside a phrase the guard
  // declined would otherwise count as rewriting it. The view already reads
  // these words written out, so no rule sees anything new.
  tidy_informal(doc, pack.rewrite_style(), out);
  part_splices(doc, pack, role, out, deadline);
  fill_empty(doc, pack.rewrite_style(), out);
}

}  // namespace tact::rewrite
