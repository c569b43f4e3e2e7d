// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Fuzz target: a C ABI call sequence driven by the input, as a careless C
// caller might make it. Options of any version with random fields (small
// limits, a rule pack taken from the input, NULL arrays and entries),
// create, analyze with every role and invalid ones, read every accessor
// (past the end too), the JSON, a batch, free; NULL handles and
// out-pointers throughout. Each call must return the status tact.h
// promises, set the last error to match, and hand out a report whose every
// field is consistent with the input; anything else aborts.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tact.h"
#include "text/unicode.hpp"

extern "C" {
// capi_calls.c: the role as a plain int.
int tact_fuzz_analyze(tact_report** out, const tact_analyzer* analyzer, const char* utf8,
                      size_t len, int role);
int tact_fuzz_analyze_batch(tact_report** out, const tact_analyzer* analyzer,
                            const char* const* texts, const size_t* lens, size_t count, int role,
                            unsigned int threads, int* statuses);
}

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

// Out-parameters start as this, so a call that fails must visibly write NULL.
int sentinel;
tact_report* const kNotSet = reinterpret_cast<tact_report*>(&sentinel);

// What a status-returning call must leave behind: a known code (never
// TACT_E_INTERNAL, which is a bug) and a last error that is empty exactly
// when the call succeeded.
void check_status(int rc) {
  require(rc <= TACT_OK && rc > TACT_E_INTERNAL);
  const char* message = tact_last_error();
  require(message != nullptr);
  require((rc == TACT_OK) == (message[0] == '\0'));
}

// The limits an analyzer was built with, as far as the caller knows them.
struct Limits {
  std::size_t max_input = std::size_t{16} << 20;
  std::size_t max_findings = 1000;
  std::size_t max_rules = 50000;
  bool tone = true;
  bool rewrite = true;
};

// A role the fuzzer picked: a valid one most of the time.
int pick_role(FuzzedDataProvider* in) {
  switch (in->ConsumeIntegralInRange(0, 7)) {
    case 0: return TACT_ROLE_AGENT;
    case 1: return TACT_ROLE_CUSTOMER;
    case 2: return TACT_ROLE_AUTO;
    case 3: return in->ConsumeIntegral<int>();
    case 4: return -1;
    default: return in->ConsumeIntegralInRange(0, 2);
  }
}

bool valid_role(int role) {
  return role == TACT_ROLE_AGENT || role == TACT_ROLE_CUSTOMER || role == TACT_ROLE_AUTO;
}

class SpanChecker {
 public:
  explicit SpanChecker(std::string_view text) : text_(text), starts_(text.size() + 1, false) {
    for (std::size_t i = 0; i < text.size();) {
      starts_[i] = true;
      tact::text::decode_utf8(text, &i);
    }
    starts_[text.size()] = true;
  }

  void check(const tact_span& s) const {
    require(s.start <= s.end && s.end <= text_.size());
    require(starts_[s.start] && starts_[s.end]);
    require(s.start_utf16 <= s.end_utf16 && s.start_utf16 <= s.start && s.end_utf16 <= s.end);
  }

  // A borrowed `text` field: the span's original bytes, up to the first NUL
  // (a C string cannot carry more).
  void check_text(const tact_span& s, const char* text) const {
    require(text != nullptr);
    const std::string_view original = text_.substr(s.start, s.end - s.start);
    require(std::string_view(text) == original.substr(0, original.find('\0')));
  }

 private:
  std::string_view text_;
  std::vector<bool> starts_;
};

void check_string(const char* s) {
  require(s != nullptr);
  (void)std::strlen(s);
}

// Every accessor of a report analyzed from `text`, past the end included.
void check_report(const tact_report* r, std::string_view text, int role, const Limits& limits) {
  require(r != nullptr);
  const SpanChecker spans(text);
  const tact_role got_role = tact_report_role(r);
  require(got_role == TACT_ROLE_AGENT || got_role == TACT_ROLE_CUSTOMER);
  if (role != TACT_ROLE_AUTO) require(got_role == role);
  require(tact_report_role_guessed(r) == (role == TACT_ROLE_AUTO ? 1 : 0));

  const tact_tone* tone = tact_report_tone(r);
  require(tone != nullptr);
  require(tone->sentiment >= -1.0 && tone->sentiment <= 1.0);
  for (double x : {tone->anger, tone->politeness, tone->empathy, tone->deescalation}) {
    require(x >= 0.0 && x <= 1.0);
  }
  const tact_escalation* esc = tact_report_escalation(r);
  require(esc != nullptr);
  static const char* const kLabels[] = {"calm", "concerned", "frustrated", "angry", "hostile"};
  require(esc->level >= 0 && esc->level <= 4);
  require(esc->label != nullptr && std::strcmp(esc->label, kLabels[esc->level]) == 0);
  require(esc->score >= 0.0 && esc->score <= 1.0);
  if (!limits.tone) {
    require(esc->level == 0 && esc->score == 0.0 && tone->sentiment == 0.0 && tone->anger == 0.0);
  }

  const std::size_t triggers = tact_report_trigger_count(r);
  for (std::size_t i = 0; i < triggers; ++i) {
    const tact_trigger* t = tact_report_trigger_at(r, i);
    require(t != nullptr);
    check_string(t->rule);
    check_string(t->category);
    check_string(t->message);
    require(t->severity >= TACT_SEVERITY_INFO && t->severity <= TACT_SEVERITY_ERROR);
    spans.check(t->span);
    spans.check_text(t->span, t->text);
    require(t->suggestion_count == 0 || t->suggestions != nullptr);
    if (!limits.rewrite) require(t->suggestion_count == 0);
    for (std::size_t j = 0; j < t->suggestion_count; ++j) check_string(t->suggestions[j]);
  }
  const std::size_t techniques = tact_report_technique_count(r);
  for (std::size_t i = 0; i < techniques; ++i) {
    const tact_technique* t = tact_report_technique_at(r, i);
    require(t != nullptr);
    check_string(t->rule);
    check_string(t->type);
    spans.check(t->span);
    spans.check_text(t->span, t->text);
  }
  const std::size_t signals = tact_report_signal_count(r);
  for (std::size_t i = 0; i < signals; ++i) {
    const tact_signal* s = tact_report_signal_at(r, i);
    require(s != nullptr);
    check_string(s->rule);
    check_string(s->type);
    spans.check(s->span);
    spans.check_text(s->span, s->text);
  }
  const std::size_t cues = tact_report_cue_count(r);
  if (!limits.tone) require(cues == 0);
  for (std::size_t i = 0; i < cues; ++i) {
    const tact_cue* c = tact_report_cue_at(r, i);
    require(c != nullptr);
    check_string(c->kind);
    check_string(c->type);
    spans.check(c->span);
  }

  // Findings are capped (the cap is reported: truncated, checked against
  // the JSON below).
  const std::size_t findings = triggers + techniques + signals;
  require(findings <= limits.max_findings);
  // Cues: the findings' own, and at most 33 of each of the 15 tone cue types.
  require(cues <= findings + 15 * 33);

  // Edits in order, non-overlapping; applied right to left they give the
  // rewrite.
  const std::size_t edits = tact_report_edit_count(r);
  if (!limits.rewrite) require(edits == 0);
  std::string rebuilt(text);
  std::size_t previous_start = text.size();
  for (std::size_t i = edits; i-- > 0;) {
    const tact_edit* e = tact_report_edit_at(r, i);
    require(e != nullptr);
    spans.check(e->span);
    check_string(e->replacement);
    require(e->span.end <= previous_start);
    previous_start = e->span.start;
    rebuilt.replace(e->span.start, e->span.end - e->span.start, e->replacement);
  }
  std::size_t rewrite_len = 1;
  const char* rewrite = tact_report_rewrite(r, &rewrite_len);
  require(rewrite != nullptr && rewrite == tact_report_rewrite(r, nullptr));
  if (limits.rewrite) {
    require(std::string_view(rewrite, rewrite_len) == rebuilt);
  } else {
    require(rewrite_len == 0);
  }

  // Past the end: NULL, never a read out of bounds.
  constexpr std::size_t kLast = std::numeric_limits<std::size_t>::max();
  for (std::size_t past : {std::size_t{0}, std::size_t{1}}) {
    require(tact_report_trigger_at(r, triggers + past) == nullptr);
    require(tact_report_technique_at(r, techniques + past) == nullptr);
    require(tact_report_signal_at(r, signals + past) == nullptr);
    require(tact_report_cue_at(r, cues + past) == nullptr);
    require(tact_report_edit_at(r, edits + past) == nullptr);
  }
  require(tact_report_trigger_at(r, kLast) == nullptr &&
          tact_report_technique_at(r, kLast) == nullptr &&
          tact_report_signal_at(r, kLast) == nullptr && tact_report_cue_at(r, kLast) == nullptr &&
          tact_report_edit_at(r, kLast) == nullptr);

  // The JSON: built once, valid (invalid UTF-8 in the input replaced), and
  // the same report.
  const char* json = nullptr;
  std::size_t json_len = 0;
  int rc = tact_report_json(&json, &json_len, r);
  check_status(rc);
  require(rc == TACT_OK && json != nullptr && std::strlen(json) == json_len);
  const char* again = nullptr;
  rc = tact_report_json(&again, nullptr, r);
  check_status(rc);
  require(rc == TACT_OK && again == json);
  const nlohmann::json j = nlohmann::json::parse(json, json + json_len, nullptr, false);
  require(!j.is_discarded());
  require(j.at("role") == (got_role == TACT_ROLE_CUSTOMER ? "customer" : "agent"));
  require(j.at("triggers").size() == triggers);
  require(j.at("techniques").size() == techniques);
  require(j.at("escalation").at("signals").size() == signals);
  require(j.at("escalation").at("cues").size() == cues);
  require(j.at("edits").size() == edits);
  require(j.at("escalation").at("level") == esc->level);
  require(j.contains("truncated") == (tact_report_truncated(r) != 0));
}

// The NULL handle and out-pointer cases every function documents.
void misuse(const tact_analyzer* a) {
  tact_report* r = kNotSet;
  check_status(tact_analyze(nullptr, a, "x", 1, TACT_ROLE_AGENT));
  require(std::strlen(tact_last_error()) > 0);
  int rc = tact_analyze(&r, nullptr, "x", 1, TACT_ROLE_AGENT);
  check_status(rc);
  require(rc == TACT_E_INVALID_ARGUMENT && r == nullptr);
  require(tact_report_trigger_count(nullptr) == 0 && tact_report_trigger_at(nullptr, 0) == nullptr);
  require(tact_report_technique_count(nullptr) == 0 &&
          tact_report_technique_at(nullptr, 0) == nullptr);
  require(tact_report_signal_count(nullptr) == 0 && tact_report_signal_at(nullptr, 0) == nullptr);
  require(tact_report_cue_count(nullptr) == 0 && tact_report_cue_at(nullptr, 0) == nullptr);
  require(tact_report_edit_count(nullptr) == 0 && tact_report_edit_at(nullptr, 0) == nullptr);
  require(tact_report_tone(nullptr) == nullptr && tact_report_escalation(nullptr) == nullptr);
  require(tact_report_role(nullptr) == TACT_ROLE_AGENT && tact_report_role_guessed(nullptr) == 0 &&
          tact_report_truncated(nullptr) == 0);
  std::size_t len = 7;
  require(tact_report_rewrite(nullptr, &len) == nullptr && len == 0);
  const char* json = "unset";
  rc = tact_report_json(&json, &len, nullptr);
  check_status(rc);
  require(rc == TACT_E_INVALID_ARGUMENT && json == nullptr && len == 0);
  rc = tact_report_json(nullptr, nullptr, nullptr);
  check_status(rc);
  require(rc == TACT_E_INVALID_ARGUMENT);
  require(tact_analyzer_rule_count(nullptr) == 0);
  check_status(tact_options_init(nullptr, TACT_OPTIONS_VERSION));
  rc = tact_analyze_batch(nullptr, a, nullptr, nullptr, 1, TACT_ROLE_AGENT, 1, nullptr);
  check_status(rc);
  require(rc == TACT_E_INVALID_ARGUMENT);
  tact_report_free(nullptr);
  tact_analyzer_free(nullptr);
}

// Analyzes one message and checks the status against what tact.h promises.
void analyze_one(FuzzedDataProvider* in, const tact_analyzer* a, const Limits& limits) {
  const std::string text = in->ConsumeRandomLengthString(4096);
  const int role = pick_role(in);
  const bool null_text = in->ConsumeIntegralInRange(0, 15) == 0;
  const char* data = null_text ? nullptr : text.data();
  const std::size_t len = null_text && in->ConsumeBool() ? 0 : text.size();
  tact_report* r = nullptr;
  const int rc = tact_fuzz_analyze(&r, a, data, len, role);
  check_status(rc);
  int want = TACT_OK;
  if ((data == nullptr && len > 0) || !valid_role(role)) {
    want = TACT_E_INVALID_ARGUMENT;
  } else if (len > limits.max_input) {
    want = TACT_E_INPUT_TOO_LARGE;
  }
  require(rc == want);
  require((r != nullptr) == (rc == TACT_OK));
  if (r != nullptr) check_report(r, std::string_view(text.data(), len), role, limits);
  tact_report_free(r);
}

void analyze_batch(FuzzedDataProvider* in, const tact_analyzer* a, const Limits& limits) {
  const std::size_t count = in->ConsumeIntegralInRange<std::size_t>(0, 5);
  std::vector<std::string> texts(count);
  std::vector<const char*> pointers(count);
  std::vector<std::size_t> lens(count);
  const bool with_lens = in->ConsumeBool();
  bool bad_text = false;
  for (std::size_t i = 0; i < count; ++i) {
    texts[i] = in->ConsumeRandomLengthString(1024);
    pointers[i] = texts[i].c_str();
    // Without lengths a text ends at its first NUL.
    lens[i] = with_lens ? texts[i].size() : std::strlen(texts[i].c_str());
    if (in->ConsumeIntegralInRange(0, 15) == 0) {
      pointers[i] = nullptr;  // an empty message, or misuse with a length
      if (!with_lens || lens[i] == 0) {
        lens[i] = 0;
      } else {
        bad_text = true;
      }
    }
  }
  const int role = pick_role(in);
  const unsigned threads = in->ConsumeIntegralInRange(0u, 3u);
  const bool with_statuses = in->ConsumeBool();
  std::vector<tact_report*> out(count, kNotSet);
  std::vector<int> statuses(count, 1);
  const int rc =
      tact_fuzz_analyze_batch(out.data(), a, pointers.data(), with_lens ? lens.data() : nullptr,
                              count, role, threads, with_statuses ? statuses.data() : nullptr);
  check_status(rc);
  const std::string message = tact_last_error();  // before other calls clear it
  if (bad_text || !valid_role(role)) {
    require(rc == TACT_E_INVALID_ARGUMENT);
    for (tact_report* r : out) require(r == nullptr);
    return;
  }
  int first = TACT_OK;
  for (std::size_t i = 0; i < count; ++i) {
    const int want = lens[i] > limits.max_input ? TACT_E_INPUT_TOO_LARGE : TACT_OK;
    if (first == TACT_OK) first = want;
    if (with_statuses) require(statuses[i] == want);
    require((out[i] != nullptr) == (want == TACT_OK));
    if (out[i] != nullptr) {
      check_report(out[i], std::string_view(texts[i].data(), lens[i]), role, limits);
    }
    tact_report_free(out[i]);
  }
  require(rc == first);
  // A failed message is named by its index.
  if (rc != TACT_OK) require(message.compare(0, 8, "message ") == 0);
}

// Rule packs written by the fuzzer, for one tact_analyzer_new() call.
struct Packs {
  std::vector<std::string> texts;
  std::vector<std::string> names;
  std::vector<const char*> text_ptrs;
  std::vector<const char*> name_ptrs;
  std::vector<const char*> files;
};

// Whether `message` names where a pack went wrong: one of the sources the
// options gave, or a file of the embedded pack.
bool names_a_source(const std::string& message, const Packs& packs, bool default_pack) {
  auto starts_with = [&](const std::string& prefix) {
    return message.compare(0, prefix.size(), prefix) == 0;
  };
  if (default_pack && starts_with("en/")) return true;
  // The one error of the pack as a whole (RE2's memory budget for the set).
  if (starts_with("the pack's ")) return true;
  for (std::size_t i = 0; i < packs.text_ptrs.size(); ++i) {
    const char* name = packs.name_ptrs.empty() ? nullptr : packs.name_ptrs[i];
    if (starts_with(name != nullptr ? std::string(name) : "<text " + std::to_string(i) + ">")) {
      return true;
    }
  }
  for (const char* f : packs.files) {
    if (f != nullptr && starts_with(f)) return true;
  }
  return false;
}

// An analyzer with the default options, for when the fuzzed options built
// none: analysis is exercised on every input.
const tact_analyzer* fallback() {
  static tact_analyzer* a = [] {
    tact_analyzer* made = nullptr;
    require(tact_analyzer_new(&made, nullptr) == TACT_OK);
    return made;
  }();
  return a;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  misuse(fallback());

  // Options, from init of some version (valid or not) and random fields.
  tact_options opts;
  std::memset(&opts, 0xA5, sizeof opts);  // a caller's garbage, which init must not need
  const unsigned version = in.ConsumeIntegralInRange(0u, TACT_OPTIONS_VERSION + 1u);
  int rc = tact_options_init(&opts, version);
  check_status(rc);
  const bool known_version = version >= 1 && version <= TACT_OPTIONS_VERSION;
  require(rc == (known_version ? TACT_OK : TACT_E_VERSION));
  if (!known_version) opts.version = version;  // a struct of a version the library lacks

  Limits limits;
  Packs packs;
  bool null_array = false;
  bool null_entry = false;
  // The default pack costs a compile per input; keep the fuzzer mostly on
  // small packs of its own, where the bugs are.
  const bool default_pack = in.ConsumeIntegralInRange(0, 7) == 0;
  const bool use_null_options = in.ConsumeIntegralInRange(0, 31) == 0;
  if (known_version) {
    opts.default_pack = default_pack;
    opts.tone = in.ConsumeBool();
    opts.rewrite = in.ConsumeBool();
    if (in.ConsumeBool()) opts.max_input_bytes = in.ConsumeIntegralInRange<std::size_t>(0, 2048);
    if (version >= 2) {
      if (in.ConsumeBool()) opts.max_pack_bytes = in.ConsumeIntegralInRange<std::size_t>(0, 8192);
      if (in.ConsumeBool()) opts.max_rules = in.ConsumeIntegralInRange<std::size_t>(0, 400);
      if (in.ConsumeBool()) opts.max_findings = in.ConsumeIntegralInRange<std::size_t>(0, 16);
      limits.max_rules = opts.max_rules;
      limits.max_findings = opts.max_findings;
    }
    limits.max_input = opts.max_input_bytes;
    limits.tone = opts.tone != 0;
    limits.rewrite = opts.rewrite != 0;

    const std::size_t pack_count = in.ConsumeIntegralInRange<std::size_t>(0, 2);
    for (std::size_t i = 0; i < pack_count; ++i) {
      packs.texts.push_back(in.ConsumeRandomLengthString(8192));
      packs.names.push_back("fuzz" + std::to_string(i) + ".toml");
    }
    const bool unnamed = in.ConsumeBool();
    for (std::size_t i = 0; i < pack_count; ++i) {
      packs.text_ptrs.push_back(packs.texts[i].c_str());
      if (!unnamed) packs.name_ptrs.push_back(i == 1 ? nullptr : packs.names[i].c_str());
    }
    switch (in.ConsumeIntegralInRange(0, 15)) {
      case 0:  // rule_texts NULL with a count
        null_array = pack_count > 0;
        opts.rule_texts = nullptr;
        break;
      case 1:  // a NULL entry
        if (pack_count > 0) {
          packs.text_ptrs.back() = nullptr;
          null_entry = true;
        }
        [[fallthrough]];
      default: opts.rule_texts = packs.text_ptrs.empty() ? nullptr : packs.text_ptrs.data();
    }
    opts.rule_text_names = packs.name_ptrs.empty() ? nullptr : packs.name_ptrs.data();
    opts.rule_text_count = pack_count;

    // Files that cannot be packs: missing, a directory; rarely a NULL entry.
    switch (in.ConsumeIntegralInRange(0, 15)) {
      case 0: packs.files.push_back("/nonexistent/tact-fuzz.toml"); break;
      case 1: packs.files.push_back("/"); break;
      case 2:
        packs.files.push_back(nullptr);
        null_entry = true;
        break;
      default: break;
    }
    opts.rule_files = packs.files.empty() ? nullptr : packs.files.data();
    opts.rule_file_count = packs.files.size();
  }

  tact_analyzer* a = reinterpret_cast<tact_analyzer*>(&sentinel);
  rc = tact_analyzer_new(&a, use_null_options ? nullptr : &opts);
  check_status(rc);
  require((a != nullptr) == (rc == TACT_OK));
  if (use_null_options) {
    require(rc == TACT_OK);
    limits = Limits();
  } else if (!known_version) {
    require(rc == TACT_E_VERSION);
  } else if (null_array || null_entry) {
    require(rc == TACT_E_INVALID_ARGUMENT);
  } else if (!packs.files.empty()) {
    // Files load after the default pack, which small limits can fail first.
    require(rc == TACT_E_IO || (opts.default_pack != 0 && rc == TACT_E_RULES));
  } else if (rc != TACT_OK) {
    require(rc == TACT_E_RULES);
    require(names_a_source(tact_last_error(), packs, opts.default_pack != 0));
  } else {
    require(tact_analyzer_rule_count(a) <= limits.max_rules);
  }
  if (a == nullptr) limits = Limits();
  const tact_analyzer* use = a != nullptr ? a : fallback();

  // Messages one by one, then a batch, while the input lasts.
  for (int round = 0; round < 4 && in.remaining_bytes() > 0; ++round) {
    if (in.ConsumeIntegralInRange(0, 3) == 0) {
      analyze_batch(&in, use, limits);
    } else {
      analyze_one(&in, use, limits);
    }
  }
  tact_analyzer_free(a);
  return 0;
}
