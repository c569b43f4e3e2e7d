// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Composing two rounds of edits into one: the rewriter's re-check edits the
// rewrite it made, and the caller still needs edits of the original text.
#ifndef TACT_LIB_REWRITE_COMPOSE_HPP_
#define TACT_LIB_REWRITE_COMPOSE_HPP_

#include <string_view>
#include <vector>

#include "rewrite/suggester.hpp"

namespace tact::rewrite {

// `first` edits `original` (size `original_size`) into an intermediate
// text; `second` edits that into `final_text`. Sets *out to edits of the
// original that give `final_text` directly: each byte of the original that
// both rounds left alone stays outside every edit, and each run of the rest
// becomes one edit. Both inputs are sorted and non-overlapping; so is *out.
void compose(std::size_t original_size, const std::vector<Edit>& first,
             const std::vector<Edit>& second, std::string_view final_text, std::vector<Edit>* out);

}  // namespace tact::rewrite

#endif  // TACT_LIB_REWRITE_COMPOSE_HPP_
