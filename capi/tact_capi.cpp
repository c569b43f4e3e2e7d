// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The C ABI over the core (lib/): every function converts its arguments,
// forwards to tact::core and converts the result back. The library exports
// nothing else; include/tact/ is a header-only C++ layer over this file. No
// analysis logic lives here. Every entry point is noexcept and catches
// everything, so no exception crosses into C.
#include "tact.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "conversation/conversation.hpp"
#include "core/analyzer.hpp"
#include "report/json.hpp"
#include "tact/version.hpp"

static_assert(TACT_OK == static_cast<int>(tact::Code::ok));
static_assert(TACT_E_INVALID_ARGUMENT == static_cast<int>(tact::Code::invalid_argument));
static_assert(TACT_E_NOMEM == static_cast<int>(tact::Code::out_of_memory));
static_assert(TACT_E_INPUT_TOO_LARGE == static_cast<int>(tact::Code::input_too_large));
static_assert(TACT_E_RULES == static_cast<int>(tact::Code::rules));
static_assert(TACT_E_IO == static_cast<int>(tact::Code::io));
static_assert(TACT_E_VERSION == static_cast<int>(tact::Code::version));
static_assert(TACT_E_INTERNAL == static_cast<int>(tact::Code::internal));
static_assert(TACT_E_DEADLINE == static_cast<int>(tact::Code::deadline_exceeded));
static_assert(TACT_SEVERITY_INFO == static_cast<int>(tact::Severity::info));
static_assert(TACT_SEVERITY_WARNING == static_cast<int>(tact::Severity::warning));
static_assert(TACT_SEVERITY_ERROR == static_cast<int>(tact::Severity::error));
static_assert(TACT_VERSION_NUMBER == TACT_CXX_VERSION_MAJOR * 10000 + TACT_CXX_VERSION_MINOR * 100 +
                                         TACT_CXX_VERSION_PATCH);

static_assert(TACT_CUE_SIGNAL == static_cast<int>(tact::CueKind::signal));
static_assert(TACT_CUE_TECHNIQUE == static_cast<int>(tact::CueKind::technique));
static_assert(TACT_CUE_TRIGGER == static_cast<int>(tact::CueKind::trigger));
static_assert(TACT_CUE_TONE == static_cast<int>(tact::CueKind::tone));
static_assert(TACT_FAMILY_TRIGGER == static_cast<int>(tact::Family::trigger));
static_assert(TACT_FAMILY_TECHNIQUE == static_cast<int>(tact::Family::technique));
static_assert(TACT_FAMILY_SIGNAL == static_cast<int>(tact::Family::signal));
static_assert(TACT_ROLE_AGENT == static_cast<int>(tact::Role::agent));
static_assert(TACT_ROLE_CUSTOMER == static_cast<int>(tact::Role::customer));
static_assert(TACT_ROLE_AUTO == static_cast<int>(tact::Role::automatic));

struct tact_analyzer {
  explicit tact_analyzer(tact::core::Analyzer a) : analyzer(std::move(a)) {}
  tact::core::Analyzer analyzer;
  // Owners: 1 from tact_analyzer_new, one more per tact_analyzer_retain.
  std::atomic<std::size_t> references{1};
};

// A Report plus the C views of it. The views point into `report`, which is
// never modified after they are built.
struct tact_report {
  tact::Report report;
  tact_tone tone{};
  tact_escalation escalation{};
  std::vector<tact_trigger> triggers;
  std::vector<const char*> suggestions;  // every trigger's, in order
  std::vector<tact_technique> techniques;
  std::vector<tact_signal> signals;
  std::vector<tact_cue> cues;
  std::vector<tact_edit> edits;
  std::vector<tact_edit> declined;
  // tact_report_json() builds `json` once, under the mutex. Not
  // std::call_once: a callable that throws (std::bad_alloc) must leave the
  // flag retryable, and ThreadSanitizer's pthread_once does not unwind.
  mutable std::mutex json_mutex;
  mutable bool json_built = false;
  mutable std::string json;
};

struct tact_conversation {
  explicit tact_conversation(const tact::core::Analyzer& a) : conversation(a) {}
  tact::core::Conversation conversation;
  // C views, built on request by the const accessors (a conversation is
  // used by one thread at a time): the turns' reports, which never change
  // once appended, and the reasons, as of the last append.
  mutable std::vector<std::unique_ptr<tact_report>> turn_views;
  mutable bool reasons_built = false;
  mutable std::vector<tact_conversation_reason> reasons;
  bool json_built = false;  // `json` is the report as of the last append
  std::string json;
};

namespace {

constexpr const char kOutOfMemory[] = "out of memory";

// This thread's last-error message: `t_message` points either at a static
// string or into `t_storage`, so reporting running out of memory (or
// clearing) never allocates.
thread_local const char* t_message = "";
thread_local std::string t_storage;

void clear_error() noexcept {
  t_message = "";
}

int fail(int code, std::string_view message) noexcept {
  try {
    t_storage.assign(message.data(), message.size());
    t_message = t_storage.c_str();
  } catch (...) {
    t_message = kOutOfMemory;
    return TACT_E_NOMEM;
  }
  return code;
}

int fail(const tact::Status& status) noexcept {
  return fail(static_cast<int>(status.code), status.message);
}

// The exception firewall around every status-returning entry point.
template <class Body>
int guarded(Body&& body) noexcept {
  clear_error();
  try {
    return body();
  } catch (const std::bad_alloc&) {
    t_message = kOutOfMemory;
    return TACT_E_NOMEM;
  } catch (const std::exception& e) {
    return fail(TACT_E_INTERNAL, e.what());
  } catch (...) {
    return fail(TACT_E_INTERNAL, "unknown exception");
  }
}

// A C caller may pass any int as one of the C enums, but in C++ loading an
// enum value outside its enumerators' range is undefined: read the bits.
template <class Enum>
int enum_value(const Enum& e) {
  static_assert(sizeof(Enum) == sizeof(int));
  int value;
  std::memcpy(&value, &e, sizeof value);
  return value;
}

int role_value(const tact_role& role) {
  return enum_value(role);
}

bool to_role(int role, tact::Role* out) {
  switch (role) {
    case TACT_ROLE_AGENT: *out = tact::Role::agent; return true;
    case TACT_ROLE_CUSTOMER: *out = tact::Role::customer; return true;
    case TACT_ROLE_AUTO: *out = tact::Role::automatic; return true;
  }
  return false;
}

int bad_role(int role) {
  return fail(TACT_E_INVALID_ARGUMENT, "role " + std::to_string(role) + " is not a tact_role");
}

// Bytes of tact_options that each version has; index = version.
constexpr std::size_t kOptionsSize[] = {
    0,
    offsetof(tact_options, max_pack_bytes),  // 1
    offsetof(tact_options, deadline_us),     // 2
    offsetof(tact_options, language),        // 3
    sizeof(tact_options),                    // 4
};
static_assert(sizeof(kOptionsSize) / sizeof(kOptionsSize[0]) == TACT_OPTIONS_VERSION + 1);

bool known_version(unsigned int version) {
  return version >= 1 && version <= TACT_OPTIONS_VERSION;
}

int bad_version(unsigned int version) {
  return fail(TACT_E_VERSION, "options version " + std::to_string(version) +
                                  " is not supported (this library knows 1 to " +
                                  std::to_string(TACT_OPTIONS_VERSION) + ")");
}

tact_options default_options() {
  const tact::Options d;
  tact_options o;
  std::memset(&o, 0, sizeof o);
  o.version = TACT_OPTIONS_VERSION;
  o.default_pack = d.default_pack;
  o.max_input_bytes = d.max_input_bytes;
  o.tone = d.tone;
  o.rewrite = d.rewrite;
  o.max_pack_bytes = d.max_pack_bytes;
  o.max_rules = d.max_rules;
  o.max_findings = d.max_findings;
  o.deadline_us = static_cast<uint64_t>(d.deadline.count());
  return o;
}

// Converts the caller's options (of any known version) into tact::Options;
// fields the caller's version lacks keep their defaults.
int convert(const tact_options* in, tact::Options* out) {
  if (in == nullptr) return TACT_OK;
  if (!known_version(in->version)) return bad_version(in->version);
  tact_options o = default_options();
  std::memcpy(&o, in, kOptionsSize[in->version]);

  if (o.rule_file_count > 0 && o.rule_files == nullptr) {
    return fail(TACT_E_INVALID_ARGUMENT, "options: rule_files is NULL with a nonzero count");
  }
  if (o.rule_text_count > 0 && o.rule_texts == nullptr) {
    return fail(TACT_E_INVALID_ARGUMENT, "options: rule_texts is NULL with a nonzero count");
  }
  if (o.language != nullptr) out->language = o.language;
  out->default_pack = o.default_pack != 0;
  for (std::size_t i = 0; i < o.rule_file_count; ++i) {
    if (o.rule_files[i] == nullptr) {
      return fail(TACT_E_INVALID_ARGUMENT,
                  "options: rule_files[" + std::to_string(i) + "] is NULL");
    }
    out->rule_files.emplace_back(o.rule_files[i]);
  }
  for (std::size_t i = 0; i < o.rule_text_count; ++i) {
    if (o.rule_texts[i] == nullptr) {
      return fail(TACT_E_INVALID_ARGUMENT,
                  "options: rule_texts[" + std::to_string(i) + "] is NULL");
    }
    const char* name = o.rule_text_names != nullptr ? o.rule_text_names[i] : nullptr;
    out->rule_texts.push_back(
        {name != nullptr ? std::string(name) : "<text " + std::to_string(i) + ">",
         o.rule_texts[i]});
  }
  out->max_input_bytes = o.max_input_bytes;
  out->tone = o.tone != 0;
  out->rewrite = o.rewrite != 0;
  out->max_pack_bytes = o.max_pack_bytes;
  out->max_rules = o.max_rules;
  out->max_findings = o.max_findings;
  // chrono's microseconds is signed 64-bit: larger budgets mean "no limit"
  // in practice (292,000 years), so they are clamped, not refused.
  out->deadline = std::chrono::microseconds(
      static_cast<int64_t>(std::min<uint64_t>(o.deadline_us, static_cast<uint64_t>(INT64_MAX))));
  return TACT_OK;
}

tact_span to_c(const tact::Span& s) {
  return {s.start, s.end, s.start_utf16, s.end_utf16};
}

// Builds the C views of r->report into vectors that may hold a previous
// report's views (their capacity is what a spare report keeps). Throws
// std::bad_alloc only.
void build_views(tact_report* r) {
  const tact::Report& rep = r->report;
  r->tone = {rep.tone.sentiment, rep.tone.anger, rep.tone.politeness, rep.tone.empathy,
             rep.tone.deescalation};
  r->escalation = {rep.escalation.level, rep.escalation.label.c_str(), rep.escalation.score};

  // The suggestion lists first, all in one vector: the triggers point into
  // it, so it must not grow after they do.
  r->suggestions.clear();
  for (const tact::Trigger& t : rep.triggers) {
    for (const std::string& s : t.suggestions) r->suggestions.push_back(s.c_str());
  }
  r->triggers.clear();
  std::size_t next = 0;
  for (const tact::Trigger& t : rep.triggers) {
    const std::size_t n = t.suggestions.size();
    r->triggers.push_back({t.rule.c_str(), t.category.c_str(),
                           static_cast<tact_severity>(t.severity), to_c(t.span), t.text.c_str(),
                           t.message.c_str(), n == 0 ? nullptr : r->suggestions.data() + next, n});
    next += n;
  }
  r->techniques.clear();
  for (const tact::Technique& t : rep.techniques) {
    r->techniques.push_back({t.rule.c_str(), t.type.c_str(), to_c(t.span), t.text.c_str()});
  }
  r->signals.clear();
  for (const tact::Signal& s : rep.escalation.signals) {
    r->signals.push_back({s.rule.c_str(), s.type.c_str(), to_c(s.span), s.text.c_str()});
  }
  r->cues.clear();
  for (const tact::Cue& c : rep.escalation.cues) {
    r->cues.push_back({tact::cue_kind_name(c.kind), c.type.c_str(), to_c(c.span), c.weight});
  }
  r->edits.clear();
  for (const tact::Edit& e : rep.edits) {
    r->edits.push_back({to_c(e.span), e.replacement.c_str()});
  }
  r->declined.clear();
  for (const tact::Edit& e : rep.declined) {
    r->declined.push_back({to_c(e.span), e.replacement.c_str()});
  }
}

// Each thread keeps the last report it freed, when it is small, for its
// next tact_analyze: the shell, its views and its lists are allocated once
// per thread instead of once per message (most of the C ABI's cost over
// the core). The pointer and flag are trivially destructible, so
// tact_report_free stays safe in another thread_local's destructor after
// `t_spare_reaper` ran.
thread_local tact_report* t_spare = nullptr;
thread_local bool t_spare_closed = false;

struct SpareReaper {
  SpareReaper() noexcept = default;
  SpareReaper(const SpareReaper&) = delete;
  SpareReaper& operator=(const SpareReaper&) = delete;
  ~SpareReaper() {
    t_spare_closed = true;
    delete t_spare;
    t_spare = nullptr;
  }
};
thread_local SpareReaper t_spare_reaper;

// A spare keeps its views' capacity, at most this many entries a list, so
// one huge report does not pin memory on a thread for its lifetime.
constexpr std::size_t kSpareViewEntries = 128;
static_assert(sizeof(tact_report) +
                      kSpareViewEntries *
                          (sizeof(tact_trigger) + sizeof(const char*) + sizeof(tact_technique) +
                           sizeof(tact_signal) + sizeof(tact_cue) + 2 * sizeof(tact_edit) +
                           sizeof(tact::Trigger) + sizeof(tact::Technique) + sizeof(tact::Signal) +
                           sizeof(tact::Cue) + 2 * sizeof(tact::Edit)) <
                  std::size_t{256} * 1024,
              "tact.h's tact_report_free promises a spare under 256 KB");

template <class... Lists>
bool all_fit(const Lists&... lists) noexcept {
  return ((lists.capacity() <= kSpareViewEntries) && ...);
}

tact_report* take_spare() noexcept {
  tact_report* r = t_spare;
  t_spare = nullptr;
  return r;
}

void recycle(tact_report* r) noexcept {
  if (r == nullptr) return;
  const tact::Report& rep = r->report;
  const bool small = all_fit(r->triggers, r->suggestions, r->techniques, r->signals, r->cues,
                             r->edits, r->declined, rep.triggers, rep.techniques,
                             rep.escalation.signals, rep.escalation.cues, rep.edits, rep.declined);
  if (t_spare != nullptr || t_spare_closed || !small) {
    delete r;
    return;
  }
  try {
    // The report's own strings go now, as they did before spares.
    tact::core::clear_report(&r->report);
    r->json_built = false;
    r->json = std::string();
  } catch (...) {
    delete r;  // not reached: clearing allocates nothing beyond Report()
    return;
  }
  (void)&t_spare_reaper;  // constructs it: the spare is freed at thread exit
  t_spare = r;
}

// A report to fill: this thread's spare, or a new one. Throws
// std::bad_alloc only.
tact_report* new_report() {
  tact_report* r = take_spare();
  return r != nullptr ? r : new tact_report;
}

// Wraps a finished Report. Throws std::bad_alloc only.
tact_report* wrap(tact::Report&& report) {
  tact_report* r = new_report();
  try {
    r->report = std::move(report);
    build_views(r);
  } catch (...) {
    delete r;
    throw;
  }
  return r;
}

template <class T>
const T* element_at(const tact_report* r, const std::vector<T> tact_report::*list, size_t i) {
  if (r == nullptr || i >= (r->*list).size()) return nullptr;
  return &(r->*list)[i];
}

template <class T>
size_t count_of(const tact_report* r, const std::vector<T> tact_report::*list) {
  return r == nullptr ? 0 : (r->*list).size();
}

// The finding at `index` of one of a Report's lists, or null.
template <class Finding>
const Finding* finding_at(const tact_report* report, const std::vector<Finding>& list,
                          size_t index) {
  return report != nullptr && index < list.size() ? &list[index] : nullptr;
}

tact_source c_source(tact::Source source) {
  return source == tact::Source::model ? TACT_SOURCE_MODEL : TACT_SOURCE_RULE;
}

}  // namespace

namespace {

// Both batch entry points. The role arrives as its raw int: a value outside
// the enum may not even be copied as a tact_role.
int analyze_batch(tact_report** out, const tact_analyzer* analyzer, const char* const* texts,
                  const size_t* lens, size_t count, int role, unsigned int threads, int* statuses,
                  unsigned int* threads_used) noexcept {
  if (threads_used != nullptr) *threads_used = 0;
  return guarded([&]() -> int {
    if (count > 0 && out == nullptr) {
      return fail(TACT_E_INVALID_ARGUMENT, "tact_analyze_batch: out is NULL");
    }
    for (std::size_t i = 0; i < count; ++i) out[i] = nullptr;
    if (analyzer == nullptr) {
      return fail(TACT_E_INVALID_ARGUMENT, "tact_analyze_batch: analyzer is NULL");
    }
    if (count > 0 && texts == nullptr) {
      return fail(TACT_E_INVALID_ARGUMENT, "tact_analyze_batch: texts is NULL");
    }
    tact::Role r;
    if (!to_role(role, &r)) return bad_role(role);
    std::vector<std::string_view> views(count);
    for (std::size_t i = 0; i < count; ++i) {
      if (texts[i] == nullptr) {
        if (lens != nullptr && lens[i] > 0) {
          return fail(TACT_E_INVALID_ARGUMENT, "tact_analyze_batch: texts[" + std::to_string(i) +
                                                   "] is NULL with a nonzero length");
        }
        continue;
      }
      views[i] = lens != nullptr ? std::string_view(texts[i], lens[i]) : std::string_view(texts[i]);
    }

    std::vector<tact::Status> results;
    unsigned used = 0;
    std::vector<tact::Report> reports =
        analyzer->analyzer.analyze_batch(views, r, threads, &results, &used);
    if (threads_used != nullptr) *threads_used = count > 0 ? used : 0;
    int first = TACT_OK;
    try {
      for (std::size_t i = 0; i < count; ++i) {
        if (statuses != nullptr) statuses[i] = static_cast<int>(results[i].code);
        // A message past its deadline keeps its partial report.
        if (results[i].ok() || results[i].code == tact::Code::deadline_exceeded) {
          out[i] = wrap(std::move(reports[i]));
        }
        if (!results[i].ok() && first == TACT_OK) {
          first = fail(static_cast<int>(results[i].code),
                       "message " + std::to_string(i) + ": " + results[i].message);
        }
      }
    } catch (...) {
      for (std::size_t i = 0; i < count; ++i) {
        delete out[i];
        out[i] = nullptr;
      }
      throw;
    }
    return first;
  });
}

}  // namespace

extern "C" {

int tact_version_number(void) noexcept {
  return TACT_VERSION_NUMBER;
}

const char* tact_version_string(void) noexcept {
  return TACT_VERSION_STRING;
}

int tact_abi_version(void) noexcept {
  return TACT_ABI_VERSION;
}

const char* tact_status_string(int status) noexcept {
  if (status > 0 || status < TACT_E_DEADLINE) return "unknown status";
  return tact::code_name(static_cast<tact::Code>(status));
}

const char* tact_role_name(tact_role role) noexcept {
  tact::Role r;
  return to_role(role_value(role), &r) ? tact::role_name(r) : nullptr;
}

const char* tact_severity_name(tact_severity severity) noexcept {
  const int v = enum_value(severity);
  return v >= TACT_SEVERITY_INFO && v <= TACT_SEVERITY_ERROR
             ? tact::severity_name(static_cast<tact::Severity>(v))
             : nullptr;
}

const char* tact_source_name(tact_source source) noexcept {
  const int v = enum_value(source);
  return v == TACT_SOURCE_RULE || v == TACT_SOURCE_MODEL
             ? tact::source_name(static_cast<tact::Source>(v))
             : nullptr;
}

const char* tact_cue_kind_name(tact_cue_kind kind) noexcept {
  const int v = enum_value(kind);
  return v >= TACT_CUE_SIGNAL && v <= TACT_CUE_TONE
             ? tact::cue_kind_name(static_cast<tact::CueKind>(v))
             : nullptr;
}

const char* tact_family_name(tact_family family) noexcept {
  const int v = enum_value(family);
  return v >= TACT_FAMILY_TRIGGER && v <= TACT_FAMILY_SIGNAL
             ? tact::family_name(static_cast<tact::Family>(v))
             : nullptr;
}

const char* tact_level_name(int level) noexcept {
  return level >= TACT_LEVEL_CALM && level <= TACT_LEVEL_HOSTILE ? tact::escalation_label(level)
                                                                 : nullptr;
}

const char* tact_last_error(void) noexcept {
  return t_message;
}

int tact_options_init(tact_options* opts, unsigned int version) noexcept {
  return guarded([&]() -> int {
    if (opts == nullptr) return fail(TACT_E_INVALID_ARGUMENT, "tact_options_init: opts is NULL");
    if (!known_version(version)) return bad_version(version);
    const tact_options d = default_options();
    std::memcpy(opts, &d, kOptionsSize[version]);
    opts->version = version;
    return TACT_OK;
  });
}

int tact_analyzer_new(tact_analyzer** out, const tact_options* opts) noexcept {
  return guarded([&]() -> int {
    if (out == nullptr) return fail(TACT_E_INVALID_ARGUMENT, "tact_analyzer_new: out is NULL");
    *out = nullptr;
    tact::Options options;
    if (const int rc = convert(opts, &options); rc != TACT_OK) return rc;
    // guarded() turns std::bad_alloc into TACT_E_NOMEM.
    tact::core::Analyzer built(options);
    auto* a = new tact_analyzer(std::move(built));  // NOLINT(bugprone-unhandled-exception-at-new)
    if (!a->analyzer.ok()) {
      const int rc = fail(a->analyzer.status());
      delete a;
      return rc;
    }
    *out = a;
    return TACT_OK;
  });
}

tact_analyzer* tact_analyzer_retain(tact_analyzer* analyzer) noexcept {
  // A new owner comes from an existing one, so no ordering is needed here;
  // the release below orders every owner's use before the delete.
  if (analyzer != nullptr) analyzer->references.fetch_add(1, std::memory_order_relaxed);
  return analyzer;
}

void tact_analyzer_free(tact_analyzer* analyzer) noexcept {
  if (analyzer == nullptr) return;
  if (analyzer->references.fetch_sub(1, std::memory_order_acq_rel) == 1) delete analyzer;
}

size_t tact_analyzer_rule_count(const tact_analyzer* analyzer) noexcept {
  return analyzer == nullptr ? 0 : analyzer->analyzer.rule_count();
}

size_t tact_analyzer_category_count(const tact_analyzer* analyzer) noexcept {
  return analyzer == nullptr ? 0 : analyzer->analyzer.categories().size();
}

int tact_analyzer_category(const tact_analyzer* analyzer, size_t index, tact_family* family,
                           const char** id, const char** name, const char** message) noexcept {
  return guarded([&]() -> int {
    if (family != nullptr) *family = TACT_FAMILY_TRIGGER;
    for (const char** out : {id, name, message}) {
      if (out != nullptr) *out = nullptr;
    }
    if (analyzer == nullptr) {
      return fail(TACT_E_INVALID_ARGUMENT, "tact_analyzer_category: analyzer is NULL");
    }
    const std::vector<tact::Category>& all = analyzer->analyzer.categories();
    if (index >= all.size()) {
      return fail(TACT_E_INVALID_ARGUMENT, "tact_analyzer_category: index " +
                                               std::to_string(index) + " is not below the " +
                                               std::to_string(all.size()) + " categories");
    }
    const tact::Category& c = all[index];
    if (family != nullptr) *family = static_cast<tact_family>(c.family);
    if (id != nullptr) *id = c.id.c_str();
    if (name != nullptr) *name = c.name.c_str();
    if (message != nullptr) *message = c.message.c_str();
    return TACT_OK;
  });
}

int tact_analyze(tact_report** out, const tact_analyzer* analyzer, const char* utf8, size_t len,
                 tact_role role) noexcept {
  return guarded([&]() -> int {
    if (out == nullptr) return fail(TACT_E_INVALID_ARGUMENT, "tact_analyze: out is NULL");
    *out = nullptr;
    if (analyzer == nullptr) return fail(TACT_E_INVALID_ARGUMENT, "tact_analyze: analyzer is NULL");
    if (utf8 == nullptr && len > 0) {
      return fail(TACT_E_INVALID_ARGUMENT, "tact_analyze: text is NULL with a nonzero length");
    }
    tact::Role r;
    if (!to_role(role_value(role), &r)) return bad_role(role_value(role));
    // Analyzed straight into the report handed out (this thread's spare when
    // it has one), so its lists' memory serves message after message.
    std::unique_ptr<tact_report, void (*)(tact_report*)> report(new_report(), recycle);
    const tact::Status status = analyzer->analyzer.analyze(
        std::string_view(utf8 == nullptr ? "" : utf8, len), r, &report->report);
    if (!status.ok() && status.code != tact::Code::deadline_exceeded) return fail(status);
    build_views(report.get());
    *out = report.release();
    return status.ok() ? TACT_OK : fail(status);
  });
}

int tact_analyze_batch(tact_report** out, const tact_analyzer* analyzer, const char* const* texts,
                       const size_t* lens, size_t count, tact_role role, unsigned int threads,
                       int* statuses) noexcept {
  return analyze_batch(out, analyzer, texts, lens, count, role_value(role), threads, statuses,
                       nullptr);
}

int tact_analyze_batch_v2(tact_report** out, const tact_analyzer* analyzer,
                          const char* const* texts, const size_t* lens, size_t count,
                          tact_role role, unsigned int threads, int* statuses,
                          unsigned int* threads_used) noexcept {
  return analyze_batch(out, analyzer, texts, lens, count, role_value(role), threads, statuses,
                       threads_used);
}

void tact_report_free(tact_report* report) noexcept {
  recycle(report);
}

tact_role tact_report_role(const tact_report* report) noexcept {
  if (report == nullptr) return TACT_ROLE_AGENT;
  return report->report.role == tact::Role::customer ? TACT_ROLE_CUSTOMER : TACT_ROLE_AGENT;
}

int tact_report_role_guessed(const tact_report* report) noexcept {
  return report != nullptr && report->report.role_guessed ? 1 : 0;
}

int tact_report_truncated(const tact_report* report) noexcept {
  return report != nullptr && report->report.truncated ? 1 : 0;
}

const tact_tone* tact_report_tone(const tact_report* report) noexcept {
  return report == nullptr ? nullptr : &report->tone;
}

const tact_escalation* tact_report_escalation(const tact_report* report) noexcept {
  return report == nullptr ? nullptr : &report->escalation;
}

size_t tact_report_trigger_count(const tact_report* report) noexcept {
  return count_of(report, &tact_report::triggers);
}

const tact_trigger* tact_report_trigger_at(const tact_report* report, size_t index) noexcept {
  return element_at(report, &tact_report::triggers, index);
}

size_t tact_report_technique_count(const tact_report* report) noexcept {
  return count_of(report, &tact_report::techniques);
}

const tact_technique* tact_report_technique_at(const tact_report* report, size_t index) noexcept {
  return element_at(report, &tact_report::techniques, index);
}

size_t tact_report_signal_count(const tact_report* report) noexcept {
  return count_of(report, &tact_report::signals);
}

const tact_signal* tact_report_signal_at(const tact_report* report, size_t index) noexcept {
  return element_at(report, &tact_report::signals, index);
}

tact_source tact_report_trigger_source(const tact_report* report, size_t index) noexcept {
  if (report == nullptr) return TACT_SOURCE_RULE;
  const auto* f = finding_at(report, report->report.triggers, index);
  return f ? c_source(f->source) : TACT_SOURCE_RULE;
}

double tact_report_trigger_probability(const tact_report* report, size_t index) noexcept {
  if (report == nullptr) return 0.0;
  const auto* f = finding_at(report, report->report.triggers, index);
  return f ? f->probability : 0.0;
}

tact_source tact_report_technique_source(const tact_report* report, size_t index) noexcept {
  if (report == nullptr) return TACT_SOURCE_RULE;
  const auto* f = finding_at(report, report->report.techniques, index);
  return f ? c_source(f->source) : TACT_SOURCE_RULE;
}

double tact_report_technique_probability(const tact_report* report, size_t index) noexcept {
  if (report == nullptr) return 0.0;
  const auto* f = finding_at(report, report->report.techniques, index);
  return f ? f->probability : 0.0;
}

tact_source tact_report_signal_source(const tact_report* report, size_t index) noexcept {
  if (report == nullptr) return TACT_SOURCE_RULE;
  const auto* f = finding_at(report, report->report.escalation.signals, index);
  return f ? c_source(f->source) : TACT_SOURCE_RULE;
}

double tact_report_signal_probability(const tact_report* report, size_t index) noexcept {
  if (report == nullptr) return 0.0;
  const auto* f = finding_at(report, report->report.escalation.signals, index);
  return f ? f->probability : 0.0;
}

size_t tact_report_cue_count(const tact_report* report) noexcept {
  return count_of(report, &tact_report::cues);
}

const tact_cue* tact_report_cue_at(const tact_report* report, size_t index) noexcept {
  return element_at(report, &tact_report::cues, index);
}

tact_cue_kind tact_report_cue_kind(const tact_report* report, size_t index) noexcept {
  if (report == nullptr || index >= report->report.escalation.cues.size()) return TACT_CUE_TONE;
  return static_cast<tact_cue_kind>(report->report.escalation.cues[index].kind);
}

size_t tact_report_edit_count(const tact_report* report) noexcept {
  return count_of(report, &tact_report::edits);
}

const tact_edit* tact_report_edit_at(const tact_report* report, size_t index) noexcept {
  return element_at(report, &tact_report::edits, index);
}

size_t tact_report_declined_count(const tact_report* report) noexcept {
  return count_of(report, &tact_report::declined);
}

const tact_edit* tact_report_declined_at(const tact_report* report, size_t index) noexcept {
  return element_at(report, &tact_report::declined, index);
}

const char* tact_report_declined_reason(const tact_report* report, size_t index) noexcept {
  if (report == nullptr || index >= report->report.declined.size()) return nullptr;
  return report->report.declined[index].reason.c_str();
}

const char* tact_report_rewrite(const tact_report* report, size_t* len) noexcept {
  if (report == nullptr) {
    if (len != nullptr) *len = 0;
    return nullptr;
  }
  if (len != nullptr) *len = report->report.rewrite.size();
  return report->report.rewrite.c_str();
}

int tact_report_json(const char** out, size_t* len, const tact_report* report) noexcept {
  return guarded([&]() -> int {
    if (out == nullptr) return fail(TACT_E_INVALID_ARGUMENT, "tact_report_json: out is NULL");
    *out = nullptr;
    if (len != nullptr) *len = 0;
    if (report == nullptr) return fail(TACT_E_INVALID_ARGUMENT, "tact_report_json: report is NULL");
    // Built on first use; a failed (bad_alloc) attempt is retried next time.
    {
      const std::lock_guard<std::mutex> lock(report->json_mutex);
      if (!report->json_built) {
        report->json = tact::core::to_json(report->report);
        report->json_built = true;
      }
    }
    *out = report->json.c_str();
    if (len != nullptr) *len = report->json.size();
    return TACT_OK;
  });
}

// --- Conversations --------------------------------------------------------

int tact_conversation_new(tact_conversation** out, const tact_analyzer* analyzer) noexcept {
  return guarded([&]() -> int {
    if (out == nullptr) return fail(TACT_E_INVALID_ARGUMENT, "tact_conversation_new: out is NULL");
    *out = nullptr;
    if (analyzer == nullptr)
      return fail(TACT_E_INVALID_ARGUMENT, "tact_conversation_new: analyzer is NULL");
    auto c = std::make_unique<tact_conversation>(analyzer->analyzer);
    if (!c->conversation.status().ok()) return fail(c->conversation.status());
    *out = c.release();
    return TACT_OK;
  });
}

int tact_conversation_append(tact_conversation* conversation, const char* utf8, size_t len,
                             tact_role role) noexcept {
  const int raw_role = role_value(role);
  return guarded([&]() -> int {
    if (conversation == nullptr) {
      return fail(TACT_E_INVALID_ARGUMENT, "tact_conversation_append: conversation is NULL");
    }
    if (utf8 == nullptr && len > 0) {
      return fail(TACT_E_INVALID_ARGUMENT, "tact_conversation_append: utf8 is NULL with len > 0");
    }
    tact::Role r;
    if (!to_role(raw_role, &r) || r == tact::Role::automatic) return bad_role(raw_role);
    conversation->json_built = false;
    conversation->reasons_built = false;
    const tact::Status st =
        conversation->conversation.append(r, std::string_view(utf8 == nullptr ? "" : utf8, len));
    if (!st.ok()) return fail(st);
    return TACT_OK;
  });
}

size_t tact_conversation_turn_count(const tact_conversation* conversation) noexcept {
  return conversation == nullptr ? 0 : conversation->conversation.report().turns.size();
}

const char* tact_conversation_route(const tact_conversation* conversation) noexcept {
  return conversation == nullptr ? nullptr : conversation->conversation.report().route.c_str();
}

const char* tact_conversation_priority(const tact_conversation* conversation) noexcept {
  return conversation == nullptr ? nullptr : conversation->conversation.report().priority.c_str();
}

int tact_conversation_json(const char** out, size_t* len,
                           tact_conversation* conversation) noexcept {
  return guarded([&]() -> int {
    if (out == nullptr) return fail(TACT_E_INVALID_ARGUMENT, "tact_conversation_json: out is NULL");
    *out = nullptr;
    if (len != nullptr) *len = 0;
    if (conversation == nullptr) {
      return fail(TACT_E_INVALID_ARGUMENT, "tact_conversation_json: conversation is NULL");
    }
    if (!conversation->json_built) {
      conversation->json = tact::core::to_json(conversation->conversation.report());
      conversation->json_built = true;
    }
    *out = conversation->json.c_str();
    if (len != nullptr) *len = conversation->json.size();
    return TACT_OK;
  });
}

int tact_conversation_peak(const tact_conversation* conversation) noexcept {
  return conversation == nullptr ? 0 : conversation->conversation.report().peak;
}

int tact_conversation_current(const tact_conversation* conversation) noexcept {
  return conversation == nullptr ? 0 : conversation->conversation.report().current;
}

const char* tact_conversation_trend(const tact_conversation* conversation) noexcept {
  return conversation == nullptr ? nullptr : conversation->conversation.report().trend.c_str();
}

size_t tact_conversation_reason_count(const tact_conversation* conversation) noexcept {
  return conversation == nullptr ? 0 : conversation->conversation.report().reasons.size();
}

const tact_conversation_reason* tact_conversation_reason_at(const tact_conversation* conversation,
                                                            size_t index) noexcept {
  if (conversation == nullptr) return nullptr;
  const auto& reasons = conversation->conversation.report().reasons;
  if (index >= reasons.size()) return nullptr;
  if (!conversation->reasons_built) {
    try {
      conversation->reasons.clear();
      conversation->reasons.reserve(reasons.size());
    } catch (...) {
      return nullptr;
    }
    for (const tact::ConversationReason& r : reasons) {
      conversation->reasons.push_back({r.turn, r.type.c_str(), to_c(r.span), r.text.c_str()});
    }
    conversation->reasons_built = true;
  }
  return &conversation->reasons[index];
}

const tact_report* tact_conversation_turn_report(const tact_conversation* conversation,
                                                 size_t turn) noexcept {
  if (conversation == nullptr) return nullptr;
  const auto& turns = conversation->conversation.report().turns;
  if (turn >= turns.size()) return nullptr;
  try {
    auto& views = conversation->turn_views;
    if (views.size() < turns.size()) views.resize(turns.size());
    if (!views[turn]) views[turn].reset(wrap(tact::Report(turns[turn].report)));
    return views[turn].get();
  } catch (...) {
    return nullptr;
  }
}

namespace {

const tact::ConversationTurn* turn_at(const tact_conversation* conversation, size_t turn) {
  if (conversation == nullptr) return nullptr;
  const auto& turns = conversation->conversation.report().turns;
  return turn < turns.size() ? &turns[turn] : nullptr;
}

}  // namespace

int tact_conversation_turn_level(const tact_conversation* conversation, size_t turn) noexcept {
  const tact::ConversationTurn* t = turn_at(conversation, turn);
  return t == nullptr ? 0 : t->level;
}

const char* tact_conversation_turn_stage(const tact_conversation* conversation,
                                         size_t turn) noexcept {
  const tact::ConversationTurn* t = turn_at(conversation, turn);
  return t == nullptr ? nullptr : t->stage.c_str();
}

size_t tact_conversation_unaddressed_count(const tact_conversation* conversation,
                                           size_t turn) noexcept {
  const tact::ConversationTurn* t = turn_at(conversation, turn);
  return t == nullptr ? 0 : t->unaddressed.size();
}

const char* tact_conversation_unaddressed_at(const tact_conversation* conversation, size_t turn,
                                             size_t index) noexcept {
  const tact::ConversationTurn* t = turn_at(conversation, turn);
  return t == nullptr || index >= t->unaddressed.size() ? nullptr : t->unaddressed[index].c_str();
}

void tact_conversation_free(tact_conversation* conversation) noexcept {
  delete conversation;
}

}  // extern "C"
