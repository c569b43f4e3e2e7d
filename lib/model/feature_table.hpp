// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The learned layer's lookup from a feature's hash (features.hpp) to its
// index: built once when a model loads, read for every word of every
// message. Open addressing over a power-of-two number of slots (hash 0
// marks a free one), at most 80% full, with a bit filter in front.
#ifndef TACT_LIB_MODEL_FEATURE_TABLE_HPP_
#define TACT_LIB_MODEL_FEATURE_TABLE_HPP_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace tact::model {

class FeatureTable {
 public:
  // Builds the table from (hash, feature) pairs; of two pairs with one
  // hash the first is kept. Throws std::bad_alloc only.
  void build(const std::vector<std::pair<uint64_t, uint32_t>>& pairs);

  // Whether the filter lets `h` through. false means find(h) is -1; true
  // is wrong for a few percent of the hashes the table does not hold.
  bool passes(uint64_t h) const {
    h = key(h);
    return ((filter_[h >> kFilterShift] >> ((h >> (kFilterShift - 6)) & 63)) & 1) != 0;
  }

  // The feature with hash `h`, or -1.
  int32_t find(uint64_t h) const;

  // Slots, for tests (a power of two).
  std::size_t slots() const { return keys_.empty() ? 0 : keys_.size() - 1; }

 private:
  static uint64_t key(uint64_t h) { return h == 0 ? 1 : h; }  // 0 marks a free slot

  // One bit per value of a hash's top 15 bits: most words have no weight,
  // and this 4 KB filter turns all but a few percent of them away without
  // touching the keys.
  static constexpr int kFilterShift = 64 - 9;  // the top 9 bits pick a word
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(std::size_t{1} << 9);
  // The keys apart from the features they name, so a probe reads 8 bytes
  // a slot; one slot more than the table, a copy of the first, so find()
  // reads slots s and s + 1 without wrapping.
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> features_;
};

}  // namespace tact::model

#endif  // TACT_LIB_MODEL_FEATURE_TABLE_HPP_
