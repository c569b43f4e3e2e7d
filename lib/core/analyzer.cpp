// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The pipeline: Document -> rule findings -> tone/escalation -> rewrite ->
// Report. Everything here runs per call; everything compiled lives in Impl,
// which is immutable once built.
#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

#include <mutex>
#include <unordered_map>

#include "core/analyzer.hpp"
#include "core/deadline.hpp"
#include "core/embedded.hpp"
#include "model/model.hpp"
#include "rewrite/suggester.hpp"
#include "rules/categories.hpp"
#include "rules/pack.hpp"
#include "text/document.hpp"
#include "tone/scorer.hpp"

namespace tact::core {

// Input beyond this cannot be addressed by the 32-bit offsets of Document.
constexpr std::size_t kHardInputLimit = std::size_t{1} << 30;

static_assert(static_cast<int>(rules::Family::trigger) == static_cast<int>(Family::trigger));
static_assert(static_cast<int>(rules::Family::technique) == static_cast<int>(Family::technique));
static_assert(static_cast<int>(rules::Family::signal) == static_cast<int>(Family::signal));

struct Analyzer::Impl {
  Options options;
  std::shared_ptr<const rules::Pack> pack;
  std::shared_ptr<const tone::Scorer> scorer;
  std::shared_ptr<const model::Model> model;  // null: the packs name none
  model::RuleIndex model_rules;               // the pack's rules' slots in model
  std::vector<std::string> model_messages;    // per model label: its category's message
  std::vector<Category> categories;           // the packs', as the public type

  // Reports the model's findings in sentences no rule finding of the same
  // category covers.
  void add_model_findings(const text::Document& doc, const std::vector<rules::Finding>& findings,
                          const std::vector<model::Prediction>& predictions, Report* out) const;

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

// Parses the weights file the packs name; the embedded default's once per
// process, since it never changes.
Status load_model(const rules::DataSource& source, Analyzer::Impl* impl) {
  const std::vector<rules::Category>& categories = impl->pack->categories();
  if (source.embedded) {
    static std::mutex mutex;
    static std::unordered_map<std::string, std::shared_ptr<const model::Model>> cache;
    const std::lock_guard<std::mutex> lock(mutex);
    std::shared_ptr<const model::Model>& slot = cache[source.name];
    if (slot == nullptr) {
      if (Status s = model::Model::load(source.text, source.name, categories, &slot); !s.ok())
        return s;
    }
    impl->model = slot;
  } else if (Status s = model::Model::load(source.text, source.name, categories, &impl->model);
             !s.ok()) {
    return s;
  }
  impl->model_rules = impl->model->index_rules(*impl->pack);
  // A model finding's message is its category's (a house pack may have
  // reworded it), else the first rule's of that category.
  for (const model::Label& label : impl->model->labels()) {
    std::string message;
    for (const rules::Category& c : categories) {
      if (c.family == label.family && c.id == label.category) message = c.message;
    }
    for (std::size_t i = 0; i < impl->pack->size() && message.empty(); ++i) {
      const rules::Rule& r = impl->pack->rule(i);
      if (r.family == label.family && r.category == label.category) message = r.message;
    }
    impl->model_messages.push_back(std::move(message));
  }
  return {};
}

}  // namespace

Status Analyzer::Impl::run(std::string_view text, Role role, Report* out) const {
  const std::size_t limit = std::min(options.max_input_bytes, kHardInputLimit);
  if (text.size() > limit) {
    return {Code::input_too_large, "input of " + std::to_string(text.size()) +
                                       " bytes exceeds max_input_bytes (" + std::to_string(limit) +
                                       ")"};
  }
  const Deadline deadline(options.deadline);
  const text::Document doc =
      text::Document::build(text, pack->sentence_profile(), pack->spellings());

  std::vector<rules::Finding> findings;
  // A rule's own bound on findings is reported like max_findings.
  if (!pack->match(doc, role, &findings, &deadline)) out->truncated = true;
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

  // Past the deadline the findings so far stand; later stages are skipped.
  auto out_of_time = [&] {
    if (!deadline.passed()) return false;
    out->truncated = true;
    return true;
  };
  const auto late = [&] {
    return Status{Code::deadline_exceeded, "deadline of " +
                                               std::to_string(options.deadline.count()) +
                                               " us passed; the report holds the findings so far"};
  };
  if (out_of_time()) return late();

  // The model reads the tone stage's cues, so tone is scored for it even
  // when the tone section is off.
  tone::Result scored;
  if (options.tone || model != nullptr) scored = scorer->score(doc, role, findings);
  std::vector<model::Prediction> predictions;
  int model_level = -1;
  if (model != nullptr) {
    model->predict(doc, role, findings, scored.cues, scored.level, scored.score, &predictions,
                   &model_level, &model_rules);
  }

  if (out_of_time()) return late();

  if (options.tone) {
    out->tone = scored.tone;
    out->escalation.level = std::clamp(model_level >= 0 ? model_level : scored.level, 0, 4);
    out->escalation.label = escalation_label(out->escalation.level);
    out->escalation.score = scored.score;
    for (tone::Cue& c : scored.cues) {
      out->escalation.cues.push_back(
          {c.kind, std::move(c.type), span_of(doc, doc.to_original(c.view)), c.weight});
    }
  }

  if (options.rewrite && !out_of_time()) {
    rewrite::Output rewritten;
    // A truncated report already leaves triggers unreported, hence
    // unrewritten: re-checking its rewrite (a full match of the text per
    // round) would only find those, at up to three times the cost on
    // pathological text. Its rewrite covers the findings reported.
    if (out->truncated) {
      rewrite::suggest(doc, triggers, pack->rewrite_style(), &rewritten);
    } else {
      rewrite::suggest(doc, triggers, *pack, role, &rewritten, &deadline);
    }
    for (std::size_t i = 0; i < out->triggers.size() && i < rewritten.suggestions.size(); ++i) {
      out->triggers[i].suggestions = std::move(rewritten.suggestions[i]);
    }
    // A re-check cut short may leave a trigger in the rewrite: none is given.
    if (out_of_time()) return late();
    for (rewrite::Edit& e : rewritten.edits) {
      out->edits.push_back({span_of(doc, e.original), std::move(e.replacement), true, {}});
    }
    for (rewrite::Declined& d : rewritten.declined) {
      out->declined.push_back(
          {span_of(doc, d.edit.original), std::move(d.edit.replacement), false, d.reason});
    }
    out->rewrite = std::move(rewritten.text);
  }
  if (!predictions.empty()) add_model_findings(doc, findings, predictions, out);
  return {};
}

void Analyzer::Impl::add_model_findings(const text::Document& doc,
                                        const std::vector<rules::Finding>& findings,
                                        const std::vector<model::Prediction>& predictions,
                                        Report* out) const {
  std::size_t count = findings.size();
  bool added_trigger = false, added_technique = false, added_signal = false;
  for (const model::Prediction& p : predictions) {
    const model::Label& label = model->labels()[p.label];
    const bool covered =
        std::any_of(findings.begin(), findings.end(), [&](const rules::Finding& f) {
          return f.rule->family == label.family && f.rule->category == label.category &&
                 doc.sentence_at(f.view.begin) == p.sentence;
        });
    if (covered) continue;
    if (count >= options.max_findings) {
      out->truncated = true;
      return;
    }
    ++count;
    const text::Range original = doc.to_original(doc.sentences()[p.sentence].view);
    const Span span = span_of(doc, original);
    std::string id =
        std::string(rules::family_name(label.family)) + "." + label.category + ".model";
    switch (label.family) {
      case rules::Family::trigger: {
        Trigger t;
        t.rule = std::move(id);
        t.category = label.category;
        // A pack's warning-or-worse triggers carry a suggestion; a model
        // finding has none (it is reported, not rewritten), so it is info.
        t.severity = Severity::info;
        t.span = span;
        t.text = slice(doc, original);
        t.message = model_messages[p.label];
        t.source = Source::model;
        t.probability = p.probability;
        out->triggers.push_back(std::move(t));
        added_trigger = true;
        break;
      }
      case rules::Family::technique:
        out->techniques.push_back({std::move(id), label.category, span, slice(doc, original),
                                   Source::model, p.probability});
        added_technique = true;
        break;
      case rules::Family::signal:
        out->escalation.signals.push_back({std::move(id), label.category, span,
                                           slice(doc, original), Source::model, p.probability});
        added_signal = true;
        break;
    }
  }
  // Findings stay in text order.
  auto by_start = [](const auto& a, const auto& b) { return a.span.start < b.span.start; };
  if (added_trigger) std::stable_sort(out->triggers.begin(), out->triggers.end(), by_start);
  if (added_technique) std::stable_sort(out->techniques.begin(), out->techniques.end(), by_start);
  if (added_signal)
    std::stable_sort(out->escalation.signals.begin(), out->escalation.signals.end(), by_start);
}

Analyzer::Analyzer() : Analyzer(Options()) {
  if (!ok()) throw Error(*status_);  // the embedded pack is tested; unreachable
}

Analyzer::Analyzer(const Options& options) {
  auto impl = std::make_shared<Impl>();
  impl->options = options;
  rules::PackData data;
  Status status = rules::Pack::load(options, &impl->pack, &data);
  if (status.ok()) impl->scorer = tone::Scorer::load(data.tone, options.max_pack_bytes, &status);
  if (status.ok() && !data.model.name.empty()) status = load_model(data.model, impl.get());
  if (status.ok()) {
    for (const rules::Category& c : impl->pack->categories()) {
      impl->categories.push_back({static_cast<Family>(c.family), c.id, c.name, c.message});
    }
    impl_ = std::move(impl);
  }
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
  clear_report(out);
  if (!impl_)
    return {Code::invalid_argument, "analyze: the analyzer failed to build: " + status_->message};
  Status status = impl_->run(text, role, out);
  if (!status.ok() && status.code != Code::deadline_exceeded) *out = Report();
  return status;
}

void clear_report(Report* report) {
  // Whatever fields Report gains, Report() resets them; only the lists'
  // buffers are carried over.
  auto triggers = std::move(report->triggers);
  auto techniques = std::move(report->techniques);
  auto signals = std::move(report->escalation.signals);
  auto cues = std::move(report->escalation.cues);
  auto edits = std::move(report->edits);
  auto declined = std::move(report->declined);
  *report = Report();
  triggers.clear();
  techniques.clear();
  signals.clear();
  cues.clear();
  edits.clear();
  declined.clear();
  report->triggers = std::move(triggers);
  report->techniques = std::move(techniques);
  report->escalation.signals = std::move(signals);
  report->escalation.cues = std::move(cues);
  report->edits = std::move(edits);
  report->declined = std::move(declined);
}

Report Analyzer::analyze(std::string_view text, Role role) const {
  Report report;
  Status status = analyze(text, role, &report);
  if (!status.ok()) throw Error(std::move(status));
  return report;
}

std::vector<Report> Analyzer::analyze_batch(const std::vector<std::string_view>& texts, Role role,
                                            unsigned threads, std::vector<Status>* statuses) const {
  return analyze_batch(texts, role, threads, statuses, nullptr);
}

std::vector<Report> Analyzer::analyze_batch(const std::vector<std::string_view>& texts, Role role,
                                            unsigned threads, std::vector<Status>* statuses,
                                            unsigned* threads_used) const {
  if (threads_used) *threads_used = 1;
  std::vector<Report> reports(texts.size());
  std::vector<Status> local(texts.size());
  // More threads than cores only add stacks; kMaxBatchThreads bounds what a
  // caller can ask of a machine that reports no core count.
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  if (threads == 0 || threads > cores) threads = cores;
  threads = std::min(threads, kMaxBatchThreads);
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
    // A thread the system refuses (RLIMIT_NPROC, RLIMIT_AS, no memory for a
    // stack) throws std::system_error; the work is shared by the threads
    // that exist, the calling thread at least, and every one is joined
    // before anything leaves: a joinable std::thread destroyed would
    // terminate the host process.
    for (unsigned t = 1; t < threads; ++t) {
      try {
        pool.emplace_back(work);
      } catch (...) {
        break;
      }
    }
    if (threads_used) *threads_used = static_cast<unsigned>(pool.size()) + 1;
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

const std::vector<Category>& Analyzer::categories() const noexcept {
  static const std::vector<Category> kNone;
  return impl_ ? impl_->categories : kNone;
}

std::vector<ExampleFailure> Analyzer::check_examples() const {
  return impl_ ? impl_->pack->check_examples() : std::vector<ExampleFailure>{};
}

}  // namespace tact::core
