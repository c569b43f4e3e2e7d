// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "tone/sentiment.hpp"

#include <algorithm>
#include <cmath>

namespace tact::tone {

namespace {

double sign(double v) {
  return v < 0 ? -1.0 : 1.0;
}

// Single letters ("a", "i") do not count towards a negator's reach, as in
// VADER, which drops them.
bool counts_as_word(const Item& it) {
  return it.kind != ItemKind::punct && !(it.kind == ItemKind::word && it.view.size() == 1);
}

// Emoji and emoticons close a clause the way punctuation does in chat.
bool pictorial(const Item& it) {
  return it.kind == ItemKind::emoji || it.kind == ItemKind::emoticon;
}

bool same_clause_back(const Item& from, const Item& p) {
  return p.sentence == from.sentence && !p.clause_end && !p.is(kContrast) && !pictorial(p);
}

// True when the next item is a lexical item of the same clause that carries
// valence: the current word modifies it rather than scoring on its own.
bool modifies_next(const std::vector<Item>& items, std::size_t i) {
  for (std::size_t j = i + 1; j < items.size(); ++j) {
    const Item& n = items[j];
    if (n.kind == ItemKind::punct) {
      if (n.clause_end) return false;
      continue;
    }
    if (n.kind == ItemKind::word && n.view.size() == 1) continue;
    return n.has_valence() && n.entry->valence != 0;
  }
  return false;
}

// Pass 1: each item's valence after caps, boosters and negation.
void valences(const std::vector<Item>& items, const SentimentParams& p, Sentiment* out) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    if (!it.has_valence() || it.entry->valence == 0) continue;
    if ((it.entry->booster != 0 || it.is(kNegator)) && modifies_next(items, i)) continue;
    const double lexical = it.entry->valence;
    double v = lexical;
    if (it.all_caps && out->cap_diff) v += sign(v) * p.caps;
    bool negated = false;
    int distance = pictorial(it) ? p.window : 0;  // a face is not negated ("not mine 😕")
    for (std::size_t k = i; k-- > 0 && distance < p.window;) {
      const Item& q = items[k];
      if (!same_clause_back(it, q)) break;
      if (!counts_as_word(q)) continue;
      ++distance;
      if (q.entry == nullptr) continue;
      if (q.entry->booster != 0) {
        double s = p.booster * q.entry->booster * sign(v);
        if (q.all_caps && out->cap_diff) s += sign(v) * p.caps;
        v += s * p.decay[static_cast<std::size_t>(distance - 1)];
      }
      if (q.is(kNegator)) {
        v *= p.negation;
        negated = !negated;
      }
    }
    ItemScore& s = out->items[i];
    s.valence = static_cast<float>(v);
    s.emphasis = static_cast<float>(std::fabs(v) / std::max(1e-9, std::fabs(lexical)));
    s.negated = negated;
  }
}

// Pass 2: inside an empathy statement the negative words name the other
// person's feeling ("I understand how frustrating this is"), so they keep
// only `empathy_frame` of their weight. The statement runs to the end of its
// clause.
void frame_from(const std::vector<Item>& items, std::size_t start, const SentimentParams& p,
                Sentiment* out) {
  for (std::size_t k = start; k < items.size(); ++k) {
    const Item& it = items[k];
    if (k > start && (it.clause_end || it.is(kContrast) || it.sentence != items[start].sentence))
      break;
    ItemScore& s = out->items[k];
    s.in_frame = true;
    if (s.valence < 0) s.valence = static_cast<float>(s.valence * p.empathy_frame);
  }
}

void frames(const std::vector<Item>& items, const std::vector<rules::Finding>& findings,
            const SentimentParams& p, Sentiment* out) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is(kEmpathyFrame) || out->items[i].in_frame) continue;
    ++out->frames;
    frame_from(items, i, p, out);
  }
  for (const rules::Finding& f : findings) {
    if (f.rule == nullptr || f.rule->family != rules::Family::technique) continue;
    const std::string& c = f.rule->category;
    if (!listed(p.frame_findings, c)) continue;
    const auto first =
        std::lower_bound(items.begin(), items.end(), f.view.begin,
                         [](const Item& it, uint32_t at) { return it.view.begin < at; });
    if (first == items.end() || first->view.begin >= f.view.end) continue;
    const auto i = static_cast<std::size_t>(first - items.begin());
    if (!out->items[i].in_frame) {
      ++out->frames;
      frame_from(items, i, p, out);
    }
  }
}

// Pass 2b: courtesy. "Thanks!" closing a question or a request is
// politeness, not praise: a short sentence of nothing but thanks, greetings
// and words without valence (names) keeps `courtesy` of its valence when the
// message asks for something.
void courtesy(const std::vector<Item>& items, const SentimentParams& p, Sentiment* out) {
  bool request = false;
  for (const Item& it : items) {
    request = request || it.punct == '?' || it.is(kModalRequest) || it.is(kPlease);
  }
  if (!request) return;
  for (std::size_t b = 0; b < items.size();) {
    std::size_t e = b;
    int words = 0;
    bool thanks = false;
    bool other = false;
    for (; e < items.size() && items[e].sentence == items[b].sentence; ++e) {
      const Item& it = items[e];
      if (!it.lexical()) continue;
      ++words;
      if (it.is(kGratitude)) {
        thanks = true;
      } else if (!it.is(kGreeting) && (it.has_valence() || it.kind == ItemKind::emoji)) {
        other = true;
      }
    }
    if (thanks && !other && words <= 4) {
      for (std::size_t k = b; k < e; ++k) {
        out->items[k].valence = static_cast<float>(out->items[k].valence * p.courtesy);
      }
    }
    b = e;
  }
}

// Pass 3: sarcasm. Praise that opens a sentence as an interjection ("Oh
// perfect, …", "Great.") in a message that also reports a failure ("again",
// "another", a negative word, 🙃) is irony; once one is, every sentence-
// opening praise of the message is ("Really glad I paid for this").
struct Opening {
  bool initial = false;  // only markers and boosters before it in its sentence
  bool marked = false;   // a sarcasm marker among them
};

Opening opening(const std::vector<Item>& items, std::size_t i) {
  Opening o{true, false};
  for (std::size_t k = i; k-- > 0;) {
    const Item& q = items[k];
    if (q.sentence != items[i].sentence) break;
    if (q.kind == ItemKind::punct) {
      if (q.punct == ',' || q.punct == '\'' || q.punct == '"' || q.punct == '.' || q.punct == '!') {
        continue;
      }
      o.initial = false;
      break;
    }
    if (q.is(kSarcasmMarker)) {
      o.marked = true;
    } else if (q.entry == nullptr || q.entry->booster == 0) {
      o.initial = false;
      break;
    }
  }
  return o;
}

bool followed_by_break(const std::vector<Item>& items, std::size_t i) {
  if (i + 1 >= items.size()) return true;
  const Item& n = items[i + 1];
  return n.sentence != items[i].sentence || n.clause_end || n.kind == ItemKind::emoji;
}

void sarcasm(const std::vector<Item>& items, const SentimentParams& p, Sentiment* out) {
  auto is_evidence = [&](std::size_t k) {
    const Item& it = items[k];
    return it.is(kFailure) || (it.kind == ItemKind::emoji && it.is(kSarcasmMarker)) ||
           (out->items[k].valence <= -1.0f && !out->items[k].in_frame);
  };
  int evidence = 0;
  for (std::size_t k = 0; k < items.size(); ++k) evidence += is_evidence(k) ? 1 : 0;
  if (evidence == 0) return;
  auto praise = [&](std::size_t i) {
    return items[i].is(kSarcasmPraise) && out->items[i].valence > 0 && !out->items[i].negated;
  };
  bool ironic = false;
  for (std::size_t i = 0; i < items.size() && !ironic; ++i) {
    if (!praise(i)) continue;
    const Opening o = opening(items, i);
    ironic = o.initial && (o.marked || followed_by_break(items, i)) &&
             evidence > (is_evidence(i) ? 1 : 0);
  }
  if (!ironic) return;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!praise(i) || !opening(items, i).initial) continue;
    ItemScore& s = out->items[i];
    s.valence = static_cast<float>(s.valence * p.sarcasm);
    s.sarcastic = true;
    ++out->sarcasm;
    // A marker that carries praise of its own ("wow") is part of the irony;
    // the opening is only markers, boosters and punctuation.
    for (std::size_t k = i; k-- > 0 && items[k].sentence == items[i].sentence;) {
      if (items[k].lexical() && !items[k].is(kSarcasmMarker) &&
          (items[k].entry == nullptr || items[k].entry->booster == 0)) {
        break;
      }
      if (items[k].is(kSarcasmMarker) && out->items[k].valence > 0) out->items[k].valence = 0;
    }
  }
}

// Pass 4: contrast. Before "but" weighs less, after it more; a contrast word
// that opens a sentence contrasts with the previous sentence.
void contrast(const std::vector<Item>& items, const SentimentParams& p, Sentiment* out) {
  // Only the first contrast word of a sentence counts, so each item is
  // weighed at most twice and long texts stay linear.
  uint32_t done = UINT32_MAX;  // the last sentence whose contrast was applied
  for (std::size_t c = 0; c < items.size(); ++c) {
    if (!items[c].is(kContrast) || items[c].sentence == done) continue;
    const uint32_t sentence = done = items[c].sentence;
    bool opens = true;
    std::size_t start = c;
    for (; start > 0 && items[start - 1].sentence == sentence; --start) {
      if (items[start - 1].lexical()) opens = false;
    }
    const uint32_t from = opens && sentence > 0 ? sentence - 1 : sentence;
    for (std::size_t k = c; k-- > 0 && items[k].sentence >= from;) {
      out->items[k].valence = static_cast<float>(out->items[k].valence * p.contrast_before);
    }
    for (std::size_t k = c + 1; k < items.size() && items[k].sentence == sentence; ++k) {
      out->items[k].valence = static_cast<float>(out->items[k].valence * p.contrast_after);
    }
  }
}

}  // namespace

double squash(double sum, double alpha) {
  const double s = sum / std::sqrt(sum * sum + alpha);
  return std::clamp(s, -1.0, 1.0);
}

void score_sentiment(const text::Document& doc, const std::vector<Item>& items,
                     const std::vector<rules::Finding>& findings, const SentimentParams& params,
                     Sentiment* out) {
  out->items.assign(items.size(), ItemScore{});
  out->compound = out->sum = 0;
  out->sarcasm = out->frames = out->caps_words = out->exclamations = out->questions = 0;
  int words = 0;
  for (const Item& it : items) {
    if (it.kind != ItemKind::word) continue;
    ++words;
    if (it.all_caps) ++out->caps_words;
  }
  out->cap_diff = out->caps_words > 0 && out->caps_words < words;
  for (char c : doc.view()) {
    if (c == '!') ++out->exclamations;
    if (c == '?') ++out->questions;
  }

  valences(items, params, out);
  frames(items, findings, params, out);
  courtesy(items, params, out);
  sarcasm(items, params, out);
  contrast(items, params, out);

  double sum = 0;
  for (const ItemScore& s : out->items) sum += s.valence;
  // A customer's signals are complaints whatever the words ("I've rung
  // three times"): each category found adds its valence once.
  std::vector<const std::string*> counted;
  for (const rules::Finding& f : findings) {
    if (f.rule == nullptr || f.rule->family != rules::Family::signal) continue;
    const std::string& c = f.rule->category;
    const auto same = [&](const std::string* x) { return *x == c; };
    if (std::any_of(counted.begin(), counted.end(), same)) continue;
    counted.push_back(&c);
    if (const auto v = params.signals.find(c); v != params.signals.end()) sum += v->second;
  }
  double emphasis = std::min(out->exclamations, params.exclamation_max) * params.exclamation;
  if (out->questions > 1) {
    emphasis += out->questions <= 3 ? out->questions * params.question : params.question_max;
  }
  if (sum > 0) sum += emphasis;
  if (sum < 0) sum -= emphasis;
  out->sum = sum;
  out->compound = squash(sum, params.alpha);
}

}  // namespace tact::tone
