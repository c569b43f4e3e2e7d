// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact::core::Analyzer: the engine behind the C ABI. Not public: callers use
// capi/tact.h or the header-only C++ layer over it (include/tact/), so no
// C++ type of this library's build ever crosses the shared library's
// boundary. The CLI, the service, the benchmarks and the tests link the
// static core and use this class directly.
//
// An Analyzer is immutable once built: analyze() is const and safe to call
// from any number of threads at once. Copies are cheap and share the same
// compiled pack.
#ifndef TACT_CORE_ANALYZER_HPP_
#define TACT_CORE_ANALYZER_HPP_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/example_failure.hpp"
#include "tact/category.hpp"
#include "tact/options.hpp"
#include "tact/report.hpp"
#include "tact/status.hpp"

namespace tact::core {

// A rule example that did not behave as its pack says (check_examples).
using ExampleFailure = rules::ExampleFailure;

class Analyzer {
 public:
  // The embedded English pack with default options. Never fails short of
  // running out of memory (std::bad_alloc).
  Analyzer();

  // Builds from `options`. Never throws except std::bad_alloc: check ok()
  // and status() afterwards. A failed Analyzer analyzes nothing.
  explicit Analyzer(const Options& options);

  bool ok() const noexcept;
  const Status& status() const noexcept;

  // Analyzes one message into *out (cleared first by clear_report, so a
  // Report analyzed into again keeps its lists' memory). Invalid UTF-8 is not an
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

  // The categories its packs define, in definition order (empty when the
  // analyzer failed to build).
  const std::vector<Category>& categories() const noexcept;

  struct Impl;  // private

 private:
  std::shared_ptr<const Impl> impl_;
  std::shared_ptr<const Status> status_;
};

// Empties *report as Report() would, keeping the capacity of its lists
// (their elements and strings are freed): the next message fills them
// without growing them again.
void clear_report(Report* report);

}  // namespace tact::core

#endif  // TACT_CORE_ANALYZER_HPP_
