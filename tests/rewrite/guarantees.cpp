// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rewrite/guarantees.hpp"

#include <utility>
#include <vector>

namespace tact::testing {

std::size_t utf16_length(std::string_view s) {
  std::size_t units = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) units += 1;  // a lead byte starts a code point
    if ((c & 0xF8) == 0xF0) units += 1;  // four-byte sequences need a surrogate pair
  }
  return units;
}

std::vector<std::string> check_guarantees(const core::Analyzer& analyzer, std::string_view text,
                                          const std::vector<std::string>& keep,
                                          GuaranteeStats* stats) {
  std::vector<std::string> failures;
  const std::string quoted = "\"" + std::string(text) + "\"";
  auto fail = [&](const std::string& what) { failures.push_back(what + " in " + quoted); };

  Report first;
  Status status = analyzer.analyze(text, Role::agent, &first);
  if (!status.ok()) {
    fail("analyze failed: " + status.message);
    return failures;
  }
  ++stats->messages;
  stats->with_triggers += first.triggers.empty() ? 0 : 1;
  stats->rewritten += first.edits.empty() ? 0 : 1;
  stats->edits += first.edits.size();

  if (first.triggers.empty() && (first.rewrite != text || !first.edits.empty())) {
    fail("no trigger, yet the rewrite differs: \"" + first.rewrite + "\"");
  }
  // The edits, applied right to left, give the rewrite; their UTF-16
  // offsets agree with their byte offsets.
  std::string applied(text);
  for (std::size_t i = first.edits.size(); i-- > 0;) {
    const Span& s = first.edits[i].span;
    if (s.start > s.end || s.end > text.size() ||
        (i + 1 < first.edits.size() && s.end > first.edits[i + 1].span.start)) {
      fail("edit " + std::to_string(i) + " is out of order or out of range");
      return failures;
    }
    if (s.start_utf16 != utf16_length(text.substr(0, s.start)) ||
        s.end_utf16 != utf16_length(text.substr(0, s.end))) {
      fail("edit " + std::to_string(i) + " has wrong UTF-16 offsets");
    }
    applied.replace(s.start, s.end - s.start, first.edits[i].replacement);
  }
  if (applied != first.rewrite) fail("the edits do not give the rewrite \"" + first.rewrite + "\"");

  for (const std::string& k : keep) {
    ++stats->keeps;
    if (first.rewrite.find(k) == std::string::npos) {
      fail("keep string \"" + k + "\" lost: \"" + first.rewrite + "\"");
    }
  }

  Report second;
  status = analyzer.analyze(first.rewrite, Role::agent, &second);
  if (!status.ok()) {
    fail("analyzing the rewrite failed: " + status.message);
    return failures;
  }
  // A trigger the fluency guard kept (its edit declined) stays, where the
  // declined edit's span now lies in the rewrite; none may stay elsewhere.
  std::vector<std::pair<std::size_t, std::size_t>> kept;
  for (const Edit& d : first.declined) {
    long long shift = 0;
    for (const Edit& e : first.edits) {
      if (e.span.start < d.span.start) {  // may recase the span's first letter
        shift += static_cast<long long>(e.replacement.size()) -
                 static_cast<long long>(e.span.end - e.span.start);
      }
    }
    kept.emplace_back(static_cast<std::size_t>(static_cast<long long>(d.span.start) + shift),
                      static_cast<std::size_t>(static_cast<long long>(d.span.end) + shift));
  }
  auto declined_here = [&](const Span& s) {
    for (const auto& [b, e] : kept) {
      if (s.start < e && b < s.end) return true;
    }
    return false;
  };
  for (const Trigger& t : second.triggers) {
    if (t.severity >= Severity::warning && !declined_here(t.span)) {
      fail(std::string(severity_name(t.severity)) + " trigger " + t.rule + " (\"" + t.text +
           "\") left in the rewrite \"" + first.rewrite + "\"");
    }
  }
  if (second.rewrite != first.rewrite) {
    fail("not idempotent: \"" + first.rewrite + "\" -> \"" + second.rewrite + "\"");
  }
  return failures;
}

}  // namespace tact::testing
