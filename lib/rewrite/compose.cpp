// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rewrite/compose.hpp"

#include <cstdint>

namespace tact::rewrite {

namespace {

// Follows positions of one text through a sorted list of its edits, in
// increasing order: where each untouched byte lands in the edited text.
class Mapper {
 public:
  explicit Mapper(const std::vector<Edit>& edits) : edits_(edits) {}

  // False when byte `pos` lies inside an edit; else *to is its position in
  // the edited text. Calls must come with non-decreasing `pos`.
  bool map(std::size_t pos, std::size_t* to) {
    while (next_ < edits_.size() && edits_[next_].original.end <= pos &&
           !(edits_[next_].original.begin == pos && edits_[next_].original.size() == 0)) {
      const Edit& e = edits_[next_++];
      shift_ +=
          static_cast<int64_t>(e.replacement.size()) - static_cast<int64_t>(e.original.size());
    }
    if (next_ < edits_.size() && edits_[next_].original.begin <= pos &&
        pos < edits_[next_].original.end) {
      return false;
    }
    // An insertion right before `pos` has not been counted yet.
    int64_t shift = shift_;
    for (std::size_t k = next_;
         k < edits_.size() && edits_[k].original.begin == pos && edits_[k].original.size() == 0;
         ++k) {
      shift += static_cast<int64_t>(edits_[k].replacement.size());
    }
    *to = static_cast<std::size_t>(static_cast<int64_t>(pos) + shift);
    return true;
  }

 private:
  const std::vector<Edit>& edits_;
  std::size_t next_ = 0;
  int64_t shift_ = 0;
};

}  // namespace

void compose(std::size_t original_size, const std::vector<Edit>& first,
             const std::vector<Edit>& second, std::string_view final_text, std::vector<Edit>* out) {
  out->clear();
  Mapper one(first);
  Mapper two(second);
  // The previous surviving byte in the original and in the final text; a
  // gap in either between two survivors is an edit.
  int64_t prev_from = -1;
  int64_t prev_to = -1;
  auto survivor = [&](std::size_t from, std::size_t to) {
    const auto f = static_cast<int64_t>(from);
    const auto t = static_cast<int64_t>(to);
    if (f != prev_from + 1 || t != prev_to + 1) {
      const auto begin = static_cast<uint32_t>(prev_from + 1);
      const auto at = static_cast<std::size_t>(prev_to + 1);
      out->push_back(
          {{begin, static_cast<uint32_t>(from)}, std::string(final_text.substr(at, to - at))});
    }
    prev_from = f;
    prev_to = t;
  };
  for (std::size_t i = 0; i < original_size; ++i) {
    std::size_t middle = 0;
    std::size_t to = 0;
    if (one.map(i, &middle) && two.map(middle, &to)) survivor(i, to);
  }
  survivor(original_size, final_text.size());
}

}  // namespace tact::rewrite
