// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact::Analyzer: compile a rule pack once, analyze many messages.
//
//   tact::Analyzer analyzer;  // the embedded English pack
//   tact::Report r = analyzer.analyze("I don't know, calm down.", tact::Role::agent);
//   for (const tact::Trigger& t : r.triggers) use(t.span, t.suggestions);
//
// Header-only: this layer calls the C ABI (tact.h) and copies its results
// into the value types of tact/report.hpp, so a program never depends on the
// C++ ABI the library was built with; libtact exports tact_* only.
//
// An Analyzer is immutable once built: analyze() is const and safe to call
// from any number of threads at once. Copies are cheap and share the same
// compiled pack, which lives as long as any copy, any Conversation made from
// one, or any C owner that retained native_handle().
#ifndef TACT_ANALYZER_HPP_
#define TACT_ANALYZER_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tact.h"
#include "tact/category.hpp"
#include "tact/options.hpp"
#include "tact/report.hpp"
#include "tact/status.hpp"

namespace tact {

namespace detail {

// The last C call's failure on this thread as a Status.
inline Status status_of(int code) {
  if (code == TACT_OK) return {};
  return {static_cast<Code>(code), tact_last_error()};
}

inline Span span_of(const tact_span& s) noexcept {
  return {s.start, s.end, s.start_utf16, s.end_utf16};
}

inline std::string string_of(const char* s) {
  return s == nullptr ? std::string() : std::string(s);
}

// dst = s (NULL reads as ""), reusing dst's buffer.
inline void set(std::string* dst, const char* s) {
  if (s == nullptr) {
    dst->clear();
  } else {
    dst->assign(s);
  }
}

// Resizes *v to n elements, reusing element objects: surplus elements move
// to a per-thread pool (at most kPooled a type) and new ones come from it,
// so the strings of a Report analyzed into again and again keep their
// buffers as the number of findings goes up and down.
constexpr std::size_t kPooled = 64;

template <class T>
void fit(std::vector<T>* v, std::size_t n) {
  static thread_local std::vector<T> pool;
  while (v->size() > n) {
    if (pool.size() < kPooled) pool.push_back(std::move(v->back()));
    v->pop_back();
  }
  if (v->size() < n) v->reserve(n);
  while (v->size() < n) {
    if (pool.empty()) {
      v->emplace_back();
    } else {
      v->push_back(std::move(pool.back()));
      pool.pop_back();
    }
  }
}

// Copies a C report into *out, every field, reusing the strings and vectors
// *out already holds (a caller that analyzes into one Report allocates
// little after the first messages). Throws std::bad_alloc only.
inline void copy_report(const tact_report* r, Report* out) {
  out->id.clear();
  out->role = static_cast<Role>(tact_report_role(r));
  out->role_guessed = tact_report_role_guessed(r) != 0;
  out->truncated = tact_report_truncated(r) != 0;
  const tact_tone* tone = tact_report_tone(r);
  out->tone = tone == nullptr ? Tone()
                              : Tone{tone->sentiment, tone->anger, tone->politeness, tone->empathy,
                                     tone->deescalation};
  const tact_escalation* e = tact_report_escalation(r);
  out->escalation.level = e == nullptr ? 0 : e->level;
  out->escalation.label = escalation_label(out->escalation.level);
  out->escalation.score = e == nullptr ? 0.0 : e->score;

  fit(&out->triggers, tact_report_trigger_count(r));
  for (std::size_t i = 0; i < out->triggers.size(); ++i) {
    const tact_trigger* c = tact_report_trigger_at(r, i);
    Trigger& t = out->triggers[i];
    set(&t.rule, c->rule);
    set(&t.category, c->category);
    t.severity = static_cast<Severity>(c->severity);
    t.span = span_of(c->span);
    set(&t.text, c->text);
    set(&t.message, c->message);
    fit(&t.suggestions, c->suggestion_count);
    for (std::size_t k = 0; k < c->suggestion_count; ++k) set(&t.suggestions[k], c->suggestions[k]);
    t.source = static_cast<Source>(tact_report_trigger_source(r, i));
    t.probability = tact_report_trigger_probability(r, i);
  }
  fit(&out->techniques, tact_report_technique_count(r));
  for (std::size_t i = 0; i < out->techniques.size(); ++i) {
    const tact_technique* c = tact_report_technique_at(r, i);
    Technique& t = out->techniques[i];
    set(&t.rule, c->rule);
    set(&t.type, c->type);
    t.span = span_of(c->span);
    set(&t.text, c->text);
    t.source = static_cast<Source>(tact_report_technique_source(r, i));
    t.probability = tact_report_technique_probability(r, i);
  }
  fit(&out->escalation.signals, tact_report_signal_count(r));
  for (std::size_t i = 0; i < out->escalation.signals.size(); ++i) {
    const tact_signal* c = tact_report_signal_at(r, i);
    Signal& t = out->escalation.signals[i];
    set(&t.rule, c->rule);
    set(&t.type, c->type);
    t.span = span_of(c->span);
    set(&t.text, c->text);
    t.source = static_cast<Source>(tact_report_signal_source(r, i));
    t.probability = tact_report_signal_probability(r, i);
  }
  fit(&out->escalation.cues, tact_report_cue_count(r));
  for (std::size_t i = 0; i < out->escalation.cues.size(); ++i) {
    const tact_cue* c = tact_report_cue_at(r, i);
    Cue& cue = out->escalation.cues[i];
    cue.kind = static_cast<CueKind>(tact_report_cue_kind(r, i));
    set(&cue.type, c->type);
    cue.span = span_of(c->span);
    cue.weight = c->weight;
  }
  fit(&out->edits, tact_report_edit_count(r));
  for (std::size_t i = 0; i < out->edits.size(); ++i) {
    const tact_edit* c = tact_report_edit_at(r, i);
    Edit& edit = out->edits[i];
    edit.span = span_of(c->span);
    set(&edit.replacement, c->replacement);
    edit.applied = true;
    edit.reason.clear();
  }
  fit(&out->declined, tact_report_declined_count(r));
  for (std::size_t i = 0; i < out->declined.size(); ++i) {
    const tact_edit* c = tact_report_declined_at(r, i);
    Edit& edit = out->declined[i];
    edit.span = span_of(c->span);
    set(&edit.replacement, c->replacement);
    edit.applied = false;
    set(&edit.reason, tact_report_declined_reason(r, i));
  }
  std::size_t len = 0;
  const char* rewrite = tact_report_rewrite(r, &len);
  if (rewrite == nullptr) {
    out->rewrite.clear();
  } else {
    out->rewrite.assign(rewrite, len);
  }
}

struct ReportFree {
  void operator()(tact_report* r) const noexcept { tact_report_free(r); }
};
using ReportHandle = std::unique_ptr<tact_report, ReportFree>;

struct AnalyzerFree {
  void operator()(tact_analyzer* a) const noexcept { tact_analyzer_free(a); }
};

}  // namespace detail

class Analyzer {
 public:
  // The embedded English pack with default options. Throws tact::Error
  // when it cannot be built (out of memory: the embedded pack is tested).
  Analyzer() : Analyzer(Options()) {
    if (!ok()) throw Error(status_);
  }

  // Builds from `options`. Never throws except std::bad_alloc: check ok()
  // and status() afterwards. A failed Analyzer analyzes nothing.
  explicit Analyzer(const Options& options) : options_(options) {
    std::vector<const char*> files;
    files.reserve(options.rule_files.size());
    for (const std::string& f : options.rule_files) files.push_back(f.c_str());
    std::vector<const char*> texts;
    std::vector<const char*> names;
    texts.reserve(options.rule_texts.size());
    names.reserve(options.rule_texts.size());
    for (const PackSource& p : options.rule_texts) {
      texts.push_back(p.text.c_str());
      names.push_back(p.name.c_str());
    }
    tact_options c;
    if (const int rc = tact_options_init(&c, TACT_OPTIONS_VERSION); rc != TACT_OK) {
      status_ = detail::status_of(rc);
      return;
    }
    c.language = options.language.c_str();
    c.default_pack = options.default_pack ? 1 : 0;
    c.rule_files = files.data();
    c.rule_file_count = files.size();
    c.rule_texts = texts.data();
    c.rule_text_names = names.data();
    c.rule_text_count = texts.size();
    c.max_input_bytes = options.max_input_bytes;
    c.tone = options.tone ? 1 : 0;
    c.rewrite = options.rewrite ? 1 : 0;
    c.max_pack_bytes = options.max_pack_bytes;
    c.max_rules = options.max_rules;
    c.max_findings = options.max_findings;
    c.deadline_us =
        options.deadline.count() > 0 ? static_cast<std::uint64_t>(options.deadline.count()) : 0;
    tact_analyzer* a = nullptr;
    const int rc = tact_analyzer_new(&a, &c);
    if (rc != TACT_OK) {
      status_ = detail::status_of(rc);
      if (rc == TACT_E_NOMEM) throw std::bad_alloc();
      return;
    }
    handle_.reset(a, detail::AnalyzerFree());
  }

  // Shares the C analyzer `analyzer` (tact_analyzer_retain): the caller
  // keeps its own reference. options() then reports the defaults.
  static Analyzer from_handle(tact_analyzer* analyzer) {
    Analyzer a(nullptr);
    if (analyzer == nullptr) {
      a.status_ = {Code::invalid_argument, "Analyzer::from_handle: analyzer is NULL"};
    } else {
      a.handle_.reset(tact_analyzer_retain(analyzer), detail::AnalyzerFree());
    }
    return a;
  }

  bool ok() const noexcept { return handle_ != nullptr; }
  const Status& status() const noexcept { return status_; }

  // Analyzes one message into *out (cleared first). Invalid UTF-8 is not an
  // error: each bad sequence reads as U+FFFD and offsets still refer to the
  // original bytes. Errors: invalid_argument (out is null, or the analyzer
  // failed to build), input_too_large, deadline_exceeded (then *out holds
  // the partial report; on every other error it is empty), out_of_memory.
  // Throws std::bad_alloc only (when copying the report).
  Status analyze(std::string_view text, Role role, Report* out) const {
    if (out == nullptr) return {Code::invalid_argument, "analyze: out is null"};
    if (!ok()) {
      *out = Report();
      return {Code::invalid_argument, "analyze: the analyzer failed to build: " + status_.message};
    }
    tact_report* raw = nullptr;
    const int rc =
        tact_analyze(&raw, handle_.get(), text.data(), text.size(), static_cast<tact_role>(role));
    Status status = detail::status_of(rc);
    detail::ReportHandle report(raw);
    if (report) {
      detail::copy_report(report.get(), out);
    } else {
      *out = Report();
    }
    return status;
  }

  // As above, throwing tact::Error on failure (deadline_exceeded included).
  Report analyze(std::string_view text, Role role = Role::agent) const {
    Report report;
    Status status = analyze(text, role, &report);
    if (!status.ok()) throw Error(std::move(status));
    return report;
  }

  // The report of one message as one line of JSON in the CLI's shape
  // (docs/cli.md), without a trailing newline. Errors as analyze(); on
  // deadline_exceeded *out holds the partial report's JSON.
  Status analyze_json(std::string_view text, Role role, std::string* out) const {
    if (out == nullptr) return {Code::invalid_argument, "analyze_json: out is null"};
    out->clear();
    if (!ok()) {
      return {Code::invalid_argument, "analyze: the analyzer failed to build: " + status_.message};
    }
    tact_report* raw = nullptr;
    Status status = detail::status_of(
        tact_analyze(&raw, handle_.get(), text.data(), text.size(), static_cast<tact_role>(role)));
    detail::ReportHandle report(raw);
    if (report) {
      const char* json = nullptr;
      std::size_t len = 0;
      if (const int rc = tact_report_json(&json, &len, report.get()); rc != TACT_OK) {
        return detail::status_of(rc);
      }
      out->assign(json, len);
    }
    return status;
  }

  // Analyzes `texts` on up to `threads` threads, the calling thread among
  // them (0: one per core; never more than the cores, nor
  // kMaxBatchThreads, nor texts.size()); results come back in input order,
  // each with its own status in *statuses (when not null). When the system
  // refuses to create a thread, the threads already running (the calling
  // thread at least) analyze every text: the results are the same, only
  // slower; *threads_used (when not null) receives how many threads ran,
  // the calling thread included. Throws std::bad_alloc only.
  std::vector<Report> analyze_batch(const std::vector<std::string_view>& texts, Role role,
                                    unsigned threads, std::vector<Status>* statuses,
                                    unsigned* threads_used = nullptr) const {
    if (threads_used != nullptr) *threads_used = 0;
    std::vector<Report> reports(texts.size());
    if (statuses != nullptr) statuses->assign(texts.size(), Status());
    if (texts.empty()) return reports;
    if (!ok()) {
      if (statuses != nullptr) {
        statuses->assign(
            texts.size(),
            {Code::invalid_argument, "analyze: the analyzer failed to build: " + status_.message});
      }
      return reports;
    }
    std::vector<const char*> data(texts.size());
    std::vector<std::size_t> lens(texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
      data[i] = texts[i].data();
      lens[i] = texts[i].size();
    }
    std::vector<tact_report*> raw(texts.size(), nullptr);
    std::vector<int> codes(texts.size(), TACT_OK);
    unsigned used = 0;
    const int rc =
        tact_analyze_batch_v2(raw.data(), handle_.get(), data.data(), lens.data(), texts.size(),
                              static_cast<tact_role>(role), threads, codes.data(), &used);
    if (threads_used != nullptr) *threads_used = used;
    std::vector<detail::ReportHandle> owned(raw.begin(), raw.end());
    if (rc == TACT_E_NOMEM && used == 0) throw std::bad_alloc();
    for (std::size_t i = 0; i < texts.size(); ++i) {
      if (owned[i]) detail::copy_report(owned[i].get(), &reports[i]);
      owned[i].reset();
      if (statuses != nullptr && codes[i] != TACT_OK) {
        (*statuses)[i] = {static_cast<Code>(codes[i]), code_name(static_cast<Code>(codes[i]))};
      }
    }
    if (statuses != nullptr && rc != TACT_OK && rc != TACT_E_NOMEM) {
      // The call's message names the first failed message; keep it there.
      for (std::size_t i = 0; i < texts.size(); ++i) {
        if (codes[i] == rc) {
          (*statuses)[i].message = tact_last_error();
          break;
        }
      }
    }
    return reports;
  }

  // Number of rules after layering.
  std::size_t rule_count() const noexcept { return tact_analyzer_rule_count(handle_.get()); }

  // The categories the packs define, in definition order: the ids findings
  // report, with their names and messages in the pack's language. Empty
  // when the analyzer failed to build. Throws std::bad_alloc only.
  std::vector<Category> categories() const {
    std::vector<Category> out;
    const std::size_t n = tact_analyzer_category_count(handle_.get());
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      tact_family family = TACT_FAMILY_TRIGGER;
      const char* id = nullptr;
      const char* name = nullptr;
      const char* message = nullptr;
      if (tact_analyzer_category(handle_.get(), i, &family, &id, &name, &message) != TACT_OK) {
        break;
      }
      out.push_back({static_cast<Family>(family), detail::string_of(id), detail::string_of(name),
                     detail::string_of(message)});
    }
    return out;
  }

  // The options this analyzer was built with.
  const Options& options() const noexcept { return options_; }

  // The C analyzer, for passing to C code; borrowed (retain it to keep it
  // beyond this Analyzer's life). Null when the analyzer failed to build.
  tact_analyzer* native_handle() const noexcept { return handle_.get(); }

 private:
  explicit Analyzer(std::nullptr_t) {}

  std::shared_ptr<tact_analyzer> handle_;
  Status status_;
  Options options_;
};

}  // namespace tact

#endif  // TACT_ANALYZER_HPP_
