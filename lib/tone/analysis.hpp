// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// What every tone stage reads about one message: the Document, its lexical
// items, their sentiment and the rule pack's findings. Built once per call.
#ifndef TACT_LIB_TONE_ANALYSIS_HPP_
#define TACT_LIB_TONE_ANALYSIS_HPP_

#include <vector>

#include "rules/pack.hpp"
#include "text/document.hpp"
#include "tone/items.hpp"
#include "tone/sentiment.hpp"

namespace tact::tone {

struct Analysis {
  const text::Document& doc;
  const std::vector<Item>& items;
  const Sentiment& sentiment;
  const std::vector<rules::Finding>& findings;

  // The whole message, for cues that belong to no single word.
  text::Range whole() const { return {0, static_cast<uint32_t>(doc.view().size())}; }
};

}  // namespace tact::tone

#endif  // TACT_LIB_TONE_ANALYSIS_HPP_
