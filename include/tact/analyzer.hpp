// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact::Analyzer: compile a rule pack once, analyze many messages.
//
//   tact::Analyzer analyzer;  // the embedded English pack
//   tact::Report r = analyzer.analyze("I don't know, calm down.", tact::Role::agent);
//   for (const tact::Trigger& t : r.triggers) use(t.span, t.suggestions);
//
// An Analyzer is immutable once built: analyze() is const and safe to call
// from any number of threads at once. Copies are cheap and share the same
// compiled pack.
#ifndef TACT_ANALYZER_HPP_
#define TACT_ANALYZER_HPP_

#include <chrono>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tact/export.hpp"
#include "tact/report.hpp"

namespace tact {

// Status codes. The numbers are the C ABI's (capi/tact.h) and never change;
// new codes are only ever added.
enum class Code : int {
  ok = 0,
  invalid_argument = -1,  // a NULL or out-of-range argument, a bad option
  out_of_memory = -2,
  input_too_large = -3,    // text longer than Options::max_input_bytes
  rules = -4,              // a rule pack failed to load (message: file:line: rule: why)
  io = -5,                 // a rule-pack file could not be read
  version = -6,            // an options struct of an unknown version (C ABI)
  internal = -7,           // a bug in Tact; please report it
  deadline_exceeded = -8,  // Options::deadline passed: the Report holds what was found so far
};

// "ok", "invalid argument", … for any code; "unknown status" otherwise.
TACT_API const char* code_name(Code code) noexcept;

// A status code with a message. Default-constructed means success.
struct Status {
  Code code = Code::ok;
  std::string message;  // empty on success

  bool ok() const noexcept { return code == Code::ok; }
};

// Thrown by the throwing convenience overloads only; carries the Status.
class TACT_API Error : public std::runtime_error {
 public:
  explicit Error(Status status);
  const Status& status() const noexcept { return status_; }

 private:
  Status status_;
};

// The most threads Analyzer::analyze_batch (and tact_analyze_batch) runs
// for one call, whatever the caller asks.
constexpr unsigned kMaxBatchThreads = 64;

// A rule pack given as text rather than as a file. `name` is used in error
// messages in place of a file name.
struct PackSource {
  std::string name;
  std::string text;
};

// Everything that shapes an Analyzer, with its defaults. Packs are layered
// in order: the embedded default (unless `default_pack` is false), then
// `rule_files`, then `rule_texts`; a later rule with the same id replaces an
// earlier one, and a pack's `disable` list removes earlier rules.
struct Options {
  bool default_pack = true;
  std::vector<std::string> rule_files;
  std::vector<PackSource> rule_texts;

  // Longer input is refused with Code::input_too_large (never truncated).
  std::size_t max_input_bytes = std::size_t{16} << 20;
  // A rule-pack source larger than this, or a layered pack with more rules,
  // fails to load with Code::rules.
  std::size_t max_pack_bytes = std::size_t{16} << 20;
  std::size_t max_rules = 50000;
  // Findings (triggers, techniques and signals together) kept per message;
  // past this the first ones in text order are kept and Report::truncated
  // is set, so pathological input cannot grow a report without bound. (One
  // rule also reports at most 32 findings per message, setting truncated
  // past that.)
  std::size_t max_findings = 1000;

  // The time one analyze call may take, from its start; zero: no limit.
  // When it passes, the call stops at its next check and returns
  // Code::deadline_exceeded with the Report filled as far as it got:
  // Report::truncated is set; the findings of the rules matched so far are
  // kept; stages not reached are left empty (tone and escalation scores 0,
  // no edits, rewrite ""). Checks run between stages, between the prefilter's
  // pattern groups, between candidate rules and between rewrite passes, so a
  // call overruns by at most one such step (building the text's view, about
  // 0.1-0.25 s per MB here, is the longest). Results never depend on the deadline
  // when it does not pass.
  std::chrono::microseconds deadline{0};

  // Sections to compute. A section switched off is skipped entirely, and its
  // part of the Report stays empty (scores 0, no edits, rewrite "").
  bool tone = true;     // Report::tone and Report::escalation scores
  bool rewrite = true;  // suggestions, edits and rewrite
};

// A rule example that did not behave as its pack says (see check_examples).
struct ExampleFailure {
  std::string rule;
  std::string source;  // file name or PackSource::name
  int line = 0;
  std::string text;
  bool should_flag = true;  // false: the rule flagged text it must not
};

class TACT_API Analyzer {
 public:
  // The embedded English pack with default options. Never fails short of
  // running out of memory (std::bad_alloc).
  Analyzer();

  // Builds from `options`. Never throws except std::bad_alloc: check ok()
  // and status() afterwards. A failed Analyzer analyzes nothing.
  explicit Analyzer(const Options& options);

  bool ok() const noexcept;
  const Status& status() const noexcept;

  // Analyzes one message into *out (cleared first). Invalid UTF-8 is not an
  // error: each bad sequence reads as U+FFFD and offsets still refer to the
  // original bytes. Errors: invalid_argument (out is null, or the analyzer
  // failed to build), input_too_large, deadline_exceeded (then *out holds
  // the partial report; on every other error it is empty). Throws
  // std::bad_alloc only.
  Status analyze(std::string_view text, Role role, Report* out) const;

  // As above, throwing tact::Error on failure (deadline_exceeded included).
  Report analyze(std::string_view text, Role role = Role::agent) const;

  // Analyzes `texts` on up to `threads` threads, the calling thread among
  // them (0: one per core; never more than the cores, nor
  // kMaxBatchThreads, nor texts.size()); results come back in input order,
  // each with its own status. When the system refuses to create a thread,
  // the threads already running (the calling thread at least) analyze
  // every text: the results are the same, only slower. Throws
  // std::bad_alloc only.
  std::vector<Report> analyze_batch(const std::vector<std::string_view>& texts, Role role,
                                    unsigned threads, std::vector<Status>* statuses) const;

  // As above; *threads_used (when not null) receives how many threads ran,
  // the calling thread included: fewer than asked (after the caps above)
  // means the system refused to create the rest.
  std::vector<Report> analyze_batch(const std::vector<std::string_view>& texts, Role role,
                                    unsigned threads, std::vector<Status>* statuses,
                                    unsigned* threads_used) const;

  // Number of rules after layering.
  std::size_t rule_count() const noexcept;

  // Runs every example of every rule; returns the ones that fail.
  std::vector<ExampleFailure> check_examples() const;

  // The options this analyzer was built with.
  const Options& options() const noexcept;

  struct Impl;  // private

 private:
  std::shared_ptr<const Impl> impl_;
  std::shared_ptr<const Status> status_;
};

}  // namespace tact

#endif  // TACT_ANALYZER_HPP_
