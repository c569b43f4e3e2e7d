// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The pipeline: Document -> rule findings -> tone/escalation -> rewrite ->
// Report. Everything here runs per call; everything compiled lives in Impl,
// which is immutable once built.
#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

#include "rewrite/suggester.hpp"
#include "rules/pack.hpp"
#include "tact/analyzer.hpp"
#include "text/document.hpp"
#include "tone/scorer.hpp"

namespace tact {

// Input beyond this cannot be addressed by the 32-bit offsets of Document.
constexpr std::size_t kHardInputLimit = std::size_t{1} << 30;

struct Analyzer::Impl {
  Options options;
  std::shared_ptr<const rules::Pack> pack;
  std::shared_ptr<const tone::Scorer> scorer;

  Status run(std::string_view text, Role role, Report* out) const;
};

namespace {

Span span_of(const text::Document& doc, text::Range original) {
  Span s;
  s.start = original.begin;
  s.end = original.end;
  s.start_utf16 = doc.utf16_offset(original.begin);
  s.end_utf16 = doc.utf16_offset(original.end);
  return s;
}

std::string slice(const text::Document& doc, text::Range original) {
  return std::string(doc.original().substr(original.begin, original.size()));
}

}  // namespace

Status Analyzer::Impl::run(std::string_view text, Role role, Report* out) const {
  const std::size_t limit = std::min(options.max_input_bytes, kHardInputLimit);
  if (text.size() > limit) {
    return {Code::input_too_large, "input of " + std::to_string(text.size()) +
                                       " bytes exceeds max_input_bytes (" + std::to_string(limit) +
                                       ")"};
  }
  const text::Document doc = text::Document::build(text);

  std::vector<rules::Finding> findings;
  // A rule's own bound on findings is reported like max_findings.
  if (!pack->match(doc, role, &findings)) out->truncated = true;
  if (role == Role::automatic) {
    role = scorer->guess_role(doc, findings);
    out->role_guessed = true;
    findings.erase(
        std::remove_if(findings.begin(), findings.end(),
                       [role](const rules::Finding& f) { return !f.rule->applies_to(role); }),
        findings.end());
  }
  out->role = role;
  if (findings.size() > options.max_findings) {
    findings.resize(options.max_findings);
    out->truncated = true;
  }

  std::vector<rules::Finding> triggers;
  for (const rules::Finding& f : findings) {
    const Span span = span_of(doc, doc.to_original(f.view));
    const text::Range original = doc.to_original(f.view);
    switch (f.rule->family) {
      case rules::Family::trigger: {
        Trigger t;
        t.rule = f.rule->id;
        t.category = f.rule->category;
        t.severity = f.rule->severity;
        t.span = span;
        t.text = slice(doc, original);
        t.message = f.rule->message;
        out->triggers.push_back(std::move(t));
        triggers.push_back(f);
        break;
      }
      case rules::Family::technique:
        out->techniques.push_back({f.rule->id, f.rule->category, span, slice(doc, original)});
        break;
      case rules::Family::signal:
        out->escalation.signals.push_back(
            {f.rule->id, f.rule->category, span, slice(doc, original)});
        break;
    }
  }

  if (options.tone) {
    tone::Result scored = scorer->score(doc, role, findings);
    out->tone = scored.tone;
    out->escalation.level = std::clamp(scored.level, 0, 4);
    out->escalation.label = escalation_label(out->escalation.level);
    out->escalation.score = scored.score;
    for (tone::Cue& c : scored.cues) {
      out->escalation.cues.push_back(
          {std::move(c.kind), std::move(c.type), span_of(doc, doc.to_original(c.view)), c.weight});
    }
  }

  if (options.rewrite) {
    rewrite::Output rewritten;
    rewrite::suggest(doc, triggers, *pack, role, &rewritten);
    for (std::size_t i = 0; i < out->triggers.size() && i < rewritten.suggestions.size(); ++i) {
      out->triggers[i].suggestions = std::move(rewritten.suggestions[i]);
    }
    for (rewrite::Edit& e : rewritten.edits) {
      out->edits.push_back({span_of(doc, e.original), std::move(e.replacement)});
    }
    out->rewrite = std::move(rewritten.text);
  }
  return {};
}

Error::Error(Status status)
    : std::runtime_error(status.message.empty() ? code_name(status.code) : status.message),
      status_(std::move(status)) {}

Analyzer::Analyzer() : Analyzer(Options()) {
  if (!ok()) throw Error(*status_);  // the embedded pack is tested; unreachable
}

Analyzer::Analyzer(const Options& options) {
  auto impl = std::make_shared<Impl>();
  impl->options = options;
  Status status = rules::Pack::load(options, &impl->pack);
  if (status.ok()) impl->scorer = tone::Scorer::load_default(&status);
  if (status.ok()) impl_ = std::move(impl);
  status_ = std::make_shared<const Status>(std::move(status));
}

bool Analyzer::ok() const noexcept {
  return impl_ != nullptr;
}

const Status& Analyzer::status() const noexcept {
  return *status_;
}

const Options& Analyzer::options() const noexcept {
  static const Options kDefaults;
  return impl_ ? impl_->options : kDefaults;
}

Status Analyzer::analyze(std::string_view text, Role role, Report* out) const {
  if (out == nullptr) return {Code::invalid_argument, "analyze: out is null"};
  *out = Report();
  if (!impl_)
    return {Code::invalid_argument, "analyze: the analyzer failed to build: " + status_->message};
  Status status = impl_->run(text, role, out);
  if (!status.ok()) *out = Report();
  return status;
}

Report Analyzer::analyze(std::string_view text, Role role) const {
  Report report;
  Status status = analyze(text, role, &report);
  if (!status.ok()) throw Error(std::move(status));
  return report;
}

std::vector<Report> Analyzer::analyze_batch(const std::vector<std::string_view>& texts, Role role,
                                            unsigned threads, std::vector<Status>* statuses) const {
  std::vector<Report> reports(texts.size());
  std::vector<Status> local(texts.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, texts.size()));
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  auto work = [&] {
    try {
      for (std::size_t i; !failed.load(std::memory_order_relaxed) &&
                          (i = next.fetch_add(1, std::memory_order_relaxed)) < texts.size();) {
        local[i] = analyze(texts[i], role, &reports[i]);
      }
    } catch (...) {
      if (!failed.exchange(true)) failure = std::current_exception();
    }
  };
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);
  if (statuses) *statuses = std::move(local);
  return reports;
}

std::size_t Analyzer::rule_count() const noexcept {
  return impl_ ? impl_->pack->size() : 0;
}

std::vector<ExampleFailure> Analyzer::check_examples() const {
  return impl_ ? impl_->pack->check_examples() : std::vector<ExampleFailure>{};
}

}  // namespace tact
