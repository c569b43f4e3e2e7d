// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "model/feature_table.hpp"

namespace tact::model {

void FeatureTable::build(const std::vector<std::pair<uint64_t, uint32_t>>& pairs) {
  // At most 80% full, so a probe that passed the filter ends within a
  // cache line or two, and small (the default model's agent table fills
  // 46% of 2,048 slots, 16 KB of keys).
  std::size_t n = 16;
  while (n < pairs.size() + pairs.size() / 4) n *= 2;
  keys_.assign(n + 1, 0);
  features_.assign(n + 1, 0);
  std::fill(filter_.begin(), filter_.end(), 0);
  const std::size_t mask = n - 1;
  for (const auto& [hash, feature] : pairs) {
    const uint64_t h = key(hash);
    std::size_t s = h & mask;
    while (keys_[s] != 0 && keys_[s] != h) s = (s + 1) & mask;
    // Two features with one hash (1 in 2^64): the first keeps it.
    if (keys_[s] == h) continue;
    filter_[h >> kFilterShift] |= uint64_t{1} << ((h >> (kFilterShift - 6)) & 63);
    keys_[s] = h;
    features_[s] = feature;
  }
  keys_[n] = keys_[0];
  features_[n] = features_[0];
}

int32_t FeatureTable::find(uint64_t h) const {
  if (keys_.empty()) return -1;
  h = key(h);
  const std::size_t mask = keys_.size() - 2;
  std::size_t s = h & mask;
  // Most keys sit in their own slot or the next: both are read and the
  // answer picked without a branch on which (a branch on it would go one
  // way or the other at random from word to word).
  const uint64_t a = keys_[s];
  const uint64_t b = keys_[s + 1];
  const uint32_t in_a = 0u - static_cast<uint32_t>(a == h);  // all ones or zero
  const uint32_t in_b = (0u - static_cast<uint32_t>(b == h)) & ~in_a;
  const auto f =
      static_cast<int32_t>((features_[s] & in_a) | (features_[s + 1] & in_b) | ~(in_a | in_b));
  if ((f >= 0) | (a == 0) | (b == 0)) return f;
  for (s = (s + 2) & mask;; s = (s + 1) & mask) {
    if (keys_[s] == h) return static_cast<int32_t>(features_[s]);
    if (keys_[s] == 0) return -1;
  }
}

}  // namespace tact::model
