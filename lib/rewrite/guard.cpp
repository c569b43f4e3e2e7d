// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rewrite/guard.hpp"

#include <algorithm>
#include <cstdint>

#include "rewrite/chars.hpp"
#include "text/unicode.hpp"

namespace tact::rewrite {

namespace {

struct Word {
  std::size_t begin;
  std::size_t end;
};

bool ends_sentence_at(std::string_view s, std::size_t i) {
  const char32_t c = char_at(s, i);
  return is_terminator(c) || is_newline(c);
}

// The words of s[begin, end): runs of letters, marks, digits and inner
// apostrophes ("don't" is one word).
void words_in(std::string_view s, std::size_t begin, std::size_t end, std::vector<Word>* out) {
  out->clear();
  std::size_t i = begin;
  while (i < end) {
    std::size_t n = 0;
    const char32_t c = char_at(s, i, &n);
    if (!is_wordish(c)) {
      i += n == 0 ? 1 : n;
      continue;
    }
    const std::size_t start = i;
    i = word_end(s, i, end);  // through an apostrophe between letters ("don't")
    out->push_back({start, i});
  }
}

bool same_word(std::string_view s, const Word& a, const Word& b) {
  return equal_folded(s.substr(a.begin, a.end - a.begin), s.substr(b.begin, b.end - b.begin));
}

// Only horizontal space between two words.
bool adjacent(std::string_view s, const Word& a, const Word& b) {
  for (std::size_t i = a.end; i < b.begin;) {
    std::size_t n = 0;
    if (!is_hspace(char_at(s, i, &n))) return false;
    i += n == 0 ? 1 : n;
  }
  return true;
}

bool overlaps(const Word& w, std::size_t begin, std::size_t end) {
  return w.begin < end && begin < w.end;
}

// Seam breakage a splice adds: two spaces in a row, or a space before , . ! ? ; :
std::size_t seam_faults(std::string_view s, std::size_t begin, std::size_t end) {
  std::size_t faults = 0;
  for (std::size_t i = begin; i < end && i < s.size();) {
    std::size_t n = 0;
    const char32_t c = char_at(s, i, &n);
    if (n == 0) break;
    if (c == ' ' && i + 1 < s.size()) {
      const char32_t d = char_at(s, i + 1);
      if (d == ' ' || (d < 0x80 && (is_terminator(d) || is_soft_punct(d)))) ++faults;
    }
    i += n;
  }
  return faults;
}

// `edits` are the byte ranges of every replacement in `text`.
const char* check(std::string_view original, const text::SentenceProfile& sentences, const Edit& e,
                  std::string_view text, std::size_t tb, std::size_t te,
                  const std::vector<Word>& edits, std::vector<Word>* words) {
  std::size_t start = tb;
  while (start > 0) {
    std::size_t n = 0;
    char_before(text, start, &n);
    if (n == 0 || ends_sentence_at(text, start - n)) break;
    start -= n;
  }
  std::size_t end = te;
  while (end < text.size() && !ends_sentence_at(text, end)) {
    std::size_t n = 0;
    char_at(text, end, &n);
    end += n == 0 ? 1 : n;
  }

  // Spacing: compare the seam in the text with the same bytes' surroundings
  // in the original, so a writer's own double space is not blamed on us.
  const std::size_t pad = 2;
  const std::size_t ob = e.original.begin > pad ? e.original.begin - pad : 0;
  const std::size_t oe = std::min<std::size_t>(e.original.end + pad, original.size());
  const std::size_t sb = tb > pad ? tb - pad : 0;
  if (seam_faults(text, sb, std::min(te + pad, text.size())) > seam_faults(original, ob, oe)) {
    return "spacing";
  }

  words_in(text, start, end, words);
  const std::vector<Word>& w = *words;
  for (std::size_t k = 0; k + 1 < w.size(); ++k) {
    const bool touches = overlaps(w[k], tb, te) || overlaps(w[k + 1], tb, te) ||
                         (tb == te && w[k].end <= tb && w[k + 1].begin >= te);
    if (touches && same_word(text, w[k], w[k + 1]) && adjacent(text, w[k], w[k + 1])) {
      return "doubled_word";
    }
  }
  // One phrase said twice: two adjacent words of the replacement, each of
  // three bytes or more, that the writer's words around it say again. Two
  // replacements may share a pair ("see why this", "understand why this")
  // without saying one thing twice.
  const auto in_edit = [&](const Word& x) {
    return std::any_of(edits.begin(), edits.end(),
                       [&](const Word& r) { return overlaps(x, r.begin, r.end); });
  };
  for (std::size_t k = 0; k + 1 < w.size(); ++k) {
    if (w[k].begin < tb || w[k + 1].end > te || !adjacent(text, w[k], w[k + 1])) continue;
    if (w[k].end - w[k].begin < 3 || w[k + 1].end - w[k + 1].begin < 3) continue;
    for (std::size_t j = 0; j + 1 < w.size(); ++j) {
      if (in_edit(w[j]) || in_edit(w[j + 1])) continue;
      if (same_word(text, w[k], w[j]) && same_word(text, w[k + 1], w[j + 1]) &&
          adjacent(text, w[j], w[j + 1])) {
        return "repeated_phrase";
      }
    }
  }
  // The whole replacement, two words or more, said word for word earlier in
  // the sentence: two phrases of one rule, or the writer's own words, give
  // "Here is how it works, here is how it works: …". The later one goes.
  std::size_t first = 0;
  while (first < w.size() && w[first].begin < tb) ++first;
  std::size_t last = first;
  while (last < w.size() && w[last].end <= te) ++last;
  if (last - first >= 2) {
    const std::size_t m = last - first;
    for (std::size_t j = 0; j + m <= first; ++j) {
      std::size_t k = 0;
      while (k < m && same_word(text, w[j + k], w[first + k])) ++k;
      if (k == m) return "repeated_phrase";
    }
  }
  // The replacement's last word said again by the writer later in the
  // sentence, when the phrase it replaced did not say it: "I can't confirm
  // yet if the results are back yet".
  if (last - first >= 2 && w[last - 1].end - w[last - 1].begin >= 3) {
    const Word& tail = w[last - 1];
    const std::string_view said = original.substr(e.original.begin, e.original.size());
    std::string probe(said);
    const std::size_t split = probe.size();
    probe.append(text.substr(tail.begin, tail.end - tail.begin));
    std::vector<Word> own;
    words_in(probe, 0, split, &own);
    const Word tail_in_probe{split, probe.size()};
    const bool replaced_had_it = std::any_of(
        own.begin(), own.end(), [&](const Word& o) { return same_word(probe, o, tail_in_probe); });
    for (std::size_t j = last; j < w.size() && !replaced_had_it; ++j) {
      if (!in_edit(w[j]) && same_word(text, tail, w[j])) return "repeated_phrase";
    }
  }
  // An orphaned opener: the edit removed the start of a sentence and left
  // a lone word and a comma that stood mid-sentence in the original
  // ("As I said TWICE already, the fee" -> "Already, the fee").
  // The splice may have re-cased the word, so it may lie inside the edit;
  // it counts when the original has the same word ending at the same place.
  if (start >= tb && start <= te && !w.empty() && w[0].end >= te) {
    const std::size_t after = w[0].end;
    if (after < text.size() && text[after] == ',') {
      const std::size_t end_in_original = e.original.end + (after - te);
      const std::size_t length = after - w[0].begin;
      if (end_in_original >= length && end_in_original <= original.size()) {
        const Word there{end_in_original - length, end_in_original};
        std::string both(original.substr(there.begin, length));
        const std::size_t split = both.size();
        both.append(text.substr(w[0].begin, length));
        if (same_word(both, {0, split}, {split, both.size()}) &&
            !starts_sentence(original, there.begin, sentences)) {
          return "orphan_opener";
        }
      }
    }
  }
  return nullptr;
}

void apply(std::string_view original, const std::vector<Edit>& edits, std::string* text,
           std::vector<std::size_t>* at) {
  text->clear();
  if (at != nullptr) at->clear();
  std::size_t pos = 0;
  for (const Edit& e : edits) {
    text->append(original.substr(pos, e.original.begin - pos));
    if (at != nullptr) at->push_back(text->size());
    text->append(e.replacement);
    pos = e.original.end;
  }
  text->append(original.substr(pos));
}

}  // namespace

void guard(std::string_view original, const text::SentenceProfile& sentences,
           std::vector<Edit>* edits, std::string* text, std::vector<Declined>* declined) {
  if (edits->empty()) return;
  std::vector<std::size_t> at;
  std::string built;
  apply(original, *edits, &built, &at);
  std::vector<Word> words;
  std::vector<Word> replaced;  // each replacement's bytes in `built`
  for (std::size_t i = 0; i < edits->size(); ++i)
    replaced.push_back({at[i], at[i] + (*edits)[i].replacement.size()});
  std::vector<Edit> kept;
  bool changed = false;
  for (std::size_t i = 0; i < edits->size(); ++i) {
    Edit& e = (*edits)[i];
    const char* reason =
        check(original, sentences, e, built, at[i], at[i] + e.replacement.size(), replaced, &words);
    if (reason == nullptr) {
      kept.push_back(std::move(e));
    } else {
      declined->push_back({std::move(e), reason});
      changed = true;
    }
  }
  edits->swap(kept);
  if (changed) apply(original, *edits, text, nullptr);
}

}  // namespace tact::rewrite
