// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A mixed corpus for property tests of the text layer: deterministic
// generated messages (ASCII and not, clean and broken) plus the texts of
// ../shared/eval/cs_dev.jsonl when it is present.
#ifndef TACT_TESTS_TEXT_TEXT_CORPUS_HPP_
#define TACT_TESTS_TEXT_TEXT_CORPUS_HPP_

#include <string>
#include <vector>

namespace tact::testing {

const std::vector<std::string>& text_corpus();

// UTF-8 -> UTF-16 with one U+FFFD per maximal invalid sequence (ICU).
std::u16string to_utf16(const std::string& utf8);

}  // namespace tact::testing

#endif  // TACT_TESTS_TEXT_TEXT_CORPUS_HPP_
