// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rewrite/overlap.hpp"

#include <algorithm>

namespace tact::rewrite {

void resolve_overlaps(std::vector<Candidate>* candidates) {
  std::vector<Candidate>& all = *candidates;
  auto by_position = [](const Candidate& a, const Candidate& b) {
    return a.original.begin != b.original.begin ? a.original.begin < b.original.begin
                                                : a.original.end < b.original.end;
  };
  auto overlap = [](const Candidate& a, const Candidate& b) {
    return a.original.begin < b.original.end && b.original.begin < a.original.end;
  };
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
  kept.reserve(all.size());
  for (const Candidate& c : all) {
    bool free = true;
    for (const Candidate& k : kept) free = free && !overlap(c, k);
    if (free) kept.push_back(c);
  }
  std::sort(kept.begin(), kept.end(), by_position);
  all.swap(kept);
}

}  // namespace tact::rewrite
