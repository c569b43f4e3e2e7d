// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rewrite/overlap.hpp"

#include <algorithm>

#include "rewrite/chars.hpp"

namespace tact::rewrite {

namespace {

bool overlap(const Candidate& a, const Candidate& b) {
  return a.original.begin < b.original.end && b.original.begin < a.original.end;
}

bool by_position(const Candidate& a, const Candidate& b) {
  return a.original.begin != b.original.begin ? a.original.begin < b.original.begin
                                              : a.original.end < b.original.end;
}

bool holds_word(std::string_view text, text::Range r) {
  std::size_t n = 0;
  for (std::size_t i = r.begin; i < r.end; i += n) {
    if (is_wordish(char_at(text, i, &n))) return true;
  }
  return false;
}

// The part of `loser` that no kept candidate covers, when it is one piece
// at the start or the end of the phrase; empty otherwise.
text::Range remainder(const Candidate& loser, const std::vector<Candidate>& kept) {
  text::Range rest = loser.original;
  for (const Candidate& k : kept) {
    if (!overlap(loser, k)) continue;
    if (k.original.begin <= rest.begin) {
      rest.begin = std::max(rest.begin, k.original.end);
    } else if (k.original.end >= rest.end) {
      rest.end = std::min(rest.end, k.original.begin);
    } else {
      return {};  // covered in the middle: two pieces
    }
    if (rest.begin >= rest.end) return {};
  }
  return rest;
}

}  // namespace

void resolve_overlaps(std::string_view text, std::vector<Candidate>* candidates) {
  std::vector<Candidate>& all = *candidates;
  // The common case, nothing overlaps, needs no ranking.
  std::sort(all.begin(), all.end(), by_position);
  bool any = false;
  for (std::size_t i = 1; i < all.size() && !any; ++i) any = overlap(all[i - 1], all[i]);
  if (!any) return;

  std::stable_sort(all.begin(), all.end(), [](const Candidate& a, const Candidate& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.original.size() > b.original.size();
  });
  std::vector<Candidate> kept;
  std::vector<Candidate> lost;
  kept.reserve(all.size());
  for (const Candidate& c : all) {
    bool free = true;
    for (const Candidate& k : kept) free = free && !overlap(c, k);
    (free ? kept : lost).push_back(c);
  }
  const std::size_t winners = kept.size();
  for (Candidate c : lost) {
    if (!c.deletion) continue;
    c.original = remainder(c, kept);
    if (c.original.size() == 0 || !holds_word(text, c.original)) continue;
    bool free = true;
    for (std::size_t k = winners; k < kept.size(); ++k) free = free && !overlap(c, kept[k]);
    if (free) kept.push_back(c);
  }
  std::sort(kept.begin(), kept.end(), by_position);
  all.swap(kept);
}

}  // namespace tact::rewrite
