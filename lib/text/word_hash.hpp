// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The 64-bit hash of a word's bytes. The segmenter stores it on every word
// and emoji token (Token::hash), so the stages that look words up (the tone
// lexicon, the learned layer's features) hash each word once between them.
#ifndef TACT_LIB_TEXT_WORD_HASH_HPP_
#define TACT_LIB_TEXT_WORD_HASH_HPP_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace tact::text {

namespace detail {

constexpr uint64_t kWordMul = 0x9e3779b97f4a7c15ull;

inline uint64_t mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

inline uint64_t load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline uint64_t load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace detail

// Whole-word loads, overlapping at the end, so a word of n bytes costs
// about n / 8 multiplies (the loads cover every byte; the length is mixed
// in, so two texts that load alike differ in it), finished with
// MurmurHash3's mixer.
inline uint64_t word_hash(std::string_view s) {
  using detail::kWordMul;
  const char* p = s.data();
  std::size_t n = s.size();
  uint64_t h = kWordMul ^ n;
  if (n >= 8) {
    for (; n > 8; p += 8, n -= 8) {
      h = (h ^ detail::load64(p)) * kWordMul;
      h = (h << 29) | (h >> 35);
    }
    h ^= detail::load64(p + n - 8);  // the last eight bytes, overlapping
  } else if (n >= 4) {
    h ^= detail::load32(p) | (detail::load32(p + n - 4) << 32);
  } else if (n > 0) {
    const auto b = [&](std::size_t i) { return uint64_t{static_cast<unsigned char>(p[i])}; };
    h ^= b(0) | (b(n / 2) << 8) | (b(n - 1) << 16);
  }
  return detail::mix64(h * kWordMul);
}

}  // namespace tact::text

#endif  // TACT_LIB_TEXT_WORD_HASH_HPP_
