// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Hand-built trigger findings over a message, for testing the rewriter
// without a rule pack: each finding is placed on a phrase of the message
// and carries its own rule.
#ifndef TACT_TESTS_REWRITE_FINDINGS_HPP_
#define TACT_TESTS_REWRITE_FINDINGS_HPP_

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "rewrite/suggester.hpp"
#include "rules/pack.hpp"
#include "text/document.hpp"

namespace tact::testing {

class Findings {
 public:
  // `text` is copied; the Document reads the copy.
  explicit Findings(std::string text);
  Findings(const Findings&) = delete;
  Findings& operator=(const Findings&) = delete;

  // A finding over the `nth` occurrence (0-based) of `phrase` in the view
  // (so matching ignores case and apostrophe style, as rules do), with a
  // new rule offering `suggestions`. Fails the test when absent.
  rules::Finding& add(std::string_view phrase, std::vector<std::string> suggestions,
                      Severity severity = Severity::warning, int nth = 0);

  // Adds a capture `name` over the first occurrence of `phrase` inside `f`.
  void capture(rules::Finding& f, std::string_view name, std::string_view phrase);

  // The findings in view order, as the analyzer passes them.
  std::vector<rules::Finding> sorted() const;

  // Runs the rewrite with the default pack's style, or with `style`.
  rewrite::Output run() const;
  rewrite::Output run(const rules::RewriteStyle& style) const;

  const text::Document& doc() const { return doc_; }

 private:
  text::Range locate(std::string_view phrase, uint32_t from, uint32_t to, int nth) const;

  std::string text_;
  text::Document doc_;
  std::deque<rules::Rule> rules_;
  std::deque<std::string> names_;
  std::deque<rules::Finding> findings_;
};
// The default pack's rewrite style (English typography), loaded once.
const rules::RewriteStyle& default_style();

// Applies `edits` right to left, as a client would.
std::string apply_right_to_left(std::string_view original, const std::vector<rewrite::Edit>& edits);

}  // namespace tact::testing

#endif  // TACT_TESTS_REWRITE_FINDINGS_HPP_
