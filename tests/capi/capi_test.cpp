// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The C ABI against the C++ API it forwards to: the same report field by
// field and the same JSON for every options variant, role and kind of text;
// pinned codes; the thread-local last error; threads sharing one analyzer.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

#include "report/json.hpp"
#include "tact.h"
#include "tact/tact.hpp"

namespace {

struct FreeAnalyzer {
  void operator()(tact_analyzer* a) const { tact_analyzer_free(a); }
};
struct FreeReport {
  void operator()(tact_report* r) const { tact_report_free(r); }
};
using AnalyzerPtr = std::unique_ptr<tact_analyzer, FreeAnalyzer>;
using ReportPtr = std::unique_ptr<tact_report, FreeReport>;

// Texts of every kind the pipeline treats differently.
const std::vector<std::string>& corpus() {
  static const std::vector<std::string> texts = {
      "",
      "I don't know, calm down.",
      "I don\xe2\x80\x99t know. It's our policy, you should have read it.",
      "\xf0\x9f\x98\x80 Sorry for the wait! I'll sort this out for you today.",
      "THIS IS THE THIRD TIME!!! I want a manager, or I cancel and call my lawyer.",
      "\xff\xfe bad bytes \xc3\x28 then I don't know \xed\xa0\x80 end \xf0\x9f",
      std::string("nul\0inside, no idea", 19),
      "Line one.\r\nLine two: unfortunately we can't refund that.\n\nPlease hold.",
      "\xef\xbc\xa9 don't know (full-width I), Stra\xc3\x9f"
      "e, \xc4\xb0stanbul, cafe\xcc\x81.",
  };
  return texts;
}

AnalyzerPtr make_c(const tact_options* opts) {
  tact_analyzer* a = nullptr;
  REQUIRE(tact_analyzer_new(&a, opts) == TACT_OK);
  return AnalyzerPtr(a);
}

ReportPtr analyze_c(const tact_analyzer* a, std::string_view text, tact_role role) {
  tact_report* r = nullptr;
  REQUIRE(tact_analyze(&r, a, text.data(), text.size(), role) == TACT_OK);
  return ReportPtr(r);
}

std::string json_of(const tact_report* r) {
  const char* json = nullptr;
  size_t len = 0;
  REQUIRE(tact_report_json(&json, &len, r) == TACT_OK);
  return std::string(json, len);
}

void check_span(const tact_span& c, const tact::Span& s) {
  CHECK(c.start == s.start);
  CHECK(c.end == s.end);
  CHECK(c.start_utf16 == s.start_utf16);
  CHECK(c.end_utf16 == s.end_utf16);
}

// Every field the C ABI shows equals the C++ Report's.
void check_same(const tact::Report& want, const tact_report* got) {
  CHECK(tact_report_role(got) ==
        (want.role == tact::Role::customer ? TACT_ROLE_CUSTOMER : TACT_ROLE_AGENT));
  CHECK(tact_report_role_guessed(got) == (want.role_guessed ? 1 : 0));
  CHECK(tact_report_truncated(got) == (want.truncated ? 1 : 0));
  const tact_tone* tone = tact_report_tone(got);
  CHECK(tone->sentiment == want.tone.sentiment);
  CHECK(tone->anger == want.tone.anger);
  CHECK(tone->politeness == want.tone.politeness);
  CHECK(tone->empathy == want.tone.empathy);
  CHECK(tone->deescalation == want.tone.deescalation);
  const tact_escalation* esc = tact_report_escalation(got);
  CHECK(esc->level == want.escalation.level);
  CHECK(std::string(esc->label) == want.escalation.label);
  CHECK(esc->score == want.escalation.score);

  REQUIRE(tact_report_trigger_count(got) == want.triggers.size());
  for (size_t i = 0; i < want.triggers.size(); ++i) {
    const tact::Trigger& w = want.triggers[i];
    const tact_trigger* g = tact_report_trigger_at(got, i);
    CHECK(g->rule == w.rule);
    CHECK(g->category == w.category);
    CHECK(g->severity == static_cast<int>(w.severity));
    check_span(g->span, w.span);
    CHECK(std::string(g->text) == w.text.c_str());  // a NUL byte ends the C string
    CHECK(g->message == w.message);
    REQUIRE(g->suggestion_count == w.suggestions.size());
    for (size_t j = 0; j < w.suggestions.size(); ++j) CHECK(g->suggestions[j] == w.suggestions[j]);
  }
  REQUIRE(tact_report_technique_count(got) == want.techniques.size());
  for (size_t i = 0; i < want.techniques.size(); ++i) {
    const tact_technique* g = tact_report_technique_at(got, i);
    CHECK(g->rule == want.techniques[i].rule);
    CHECK(g->type == want.techniques[i].type);
    check_span(g->span, want.techniques[i].span);
    CHECK(std::string(g->text) == want.techniques[i].text.c_str());
  }
  REQUIRE(tact_report_signal_count(got) == want.escalation.signals.size());
  for (size_t i = 0; i < want.escalation.signals.size(); ++i) {
    const tact_signal* g = tact_report_signal_at(got, i);
    CHECK(g->rule == want.escalation.signals[i].rule);
    CHECK(g->type == want.escalation.signals[i].type);
    check_span(g->span, want.escalation.signals[i].span);
    CHECK(std::string(g->text) == want.escalation.signals[i].text.c_str());
  }
  REQUIRE(tact_report_cue_count(got) == want.escalation.cues.size());
  for (size_t i = 0; i < want.escalation.cues.size(); ++i) {
    const tact_cue* g = tact_report_cue_at(got, i);
    CHECK(std::string(g->kind) == tact::cue_kind_name(want.escalation.cues[i].kind));
    CHECK(static_cast<int>(tact_report_cue_kind(got, i)) ==
          static_cast<int>(want.escalation.cues[i].kind));
    CHECK(g->type == want.escalation.cues[i].type);
    check_span(g->span, want.escalation.cues[i].span);
    CHECK(g->weight == want.escalation.cues[i].weight);
  }
  REQUIRE(tact_report_edit_count(got) == want.edits.size());
  for (size_t i = 0; i < want.edits.size(); ++i) {
    const tact_edit* g = tact_report_edit_at(got, i);
    check_span(g->span, want.edits[i].span);
    CHECK(g->replacement == want.edits[i].replacement);
  }
  size_t len = 0;
  const char* rewrite = tact_report_rewrite(got, &len);
  CHECK(std::string(rewrite, len) == want.rewrite);
  CHECK(json_of(got) == tact::core::to_json(want));
}

}  // namespace

static_assert(noexcept(tact_analyze(nullptr, nullptr, nullptr, 0, TACT_ROLE_AGENT)));
static_assert(noexcept(tact_report_trigger_at(nullptr, 0)));
static_assert(std::is_standard_layout_v<tact_options> && std::is_trivial_v<tact_options>);

TEST_CASE("the C ABI reports exactly what the C++ API does, for every options variant") {
  struct Variant {
    const char* name;
    bool default_pack, tone, rewrite;
  };
  const Variant variants[] = {{"defaults", true, true, true},
                              {"tone off", true, false, true},
                              {"rewrite off", true, true, false},
                              {"both off", true, false, false},
                              {"no default pack", false, true, true}};
  for (const Variant& v : variants) {
    tact_options opts;
    REQUIRE(tact_options_init(&opts, TACT_OPTIONS_VERSION) == TACT_OK);
    opts.default_pack = v.default_pack;
    opts.tone = v.tone;
    opts.rewrite = v.rewrite;
    AnalyzerPtr c = make_c(&opts);
    tact::Options o;
    o.default_pack = v.default_pack;
    o.tone = v.tone;
    o.rewrite = v.rewrite;
    const tact::Analyzer cxx(o);
    REQUIRE(cxx.ok());
    CHECK(tact_analyzer_rule_count(c.get()) == cxx.rule_count());

    const std::pair<tact::Role, tact_role> roles[] = {{tact::Role::agent, TACT_ROLE_AGENT},
                                                      {tact::Role::customer, TACT_ROLE_CUSTOMER},
                                                      {tact::Role::automatic, TACT_ROLE_AUTO}};
    for (const auto& [role, c_role] : roles) {
      for (const std::string& text : corpus()) {
        const std::string variant = v.name, role_name = tact::role_name(role);
        CAPTURE(variant);
        CAPTURE(role_name);
        CAPTURE(text);
        check_same(cxx.analyze(text, role), analyze_c(c.get(), text, c_role).get());
      }
    }
  }
}

TEST_CASE("declined edits and their reasons cross the C ABI as the C++ API reports them") {
  const tact::Analyzer cpp;
  AnalyzerPtr c = make_c(nullptr);
  const std::string text =
      "It's a bit of rain in the photos and it's really not worth getting upset over.";
  tact::Report want;
  REQUIRE(cpp.analyze(text, tact::Role::agent, &want).ok());
  REQUIRE_FALSE(want.declined.empty());
  tact_report* got = nullptr;
  REQUIRE(tact_analyze(&got, c.get(), text.data(), text.size(), TACT_ROLE_AGENT) == TACT_OK);
  REQUIRE(tact_report_declined_count(got) == want.declined.size());
  for (std::size_t i = 0; i < want.declined.size(); ++i) {
    const tact_edit* e = tact_report_declined_at(got, i);
    REQUIRE(e != nullptr);
    CHECK(e->span.start == want.declined[i].span.start);
    CHECK(e->span.end == want.declined[i].span.end);
    CHECK(std::string(e->replacement) == want.declined[i].replacement);
    CHECK(std::string(tact_report_declined_reason(got, i)) == want.declined[i].reason);
  }
  CHECK(std::string(tact_report_declined_reason(got, 0)) == "clause_seam");
  CHECK(tact_report_declined_at(got, want.declined.size()) == nullptr);
  CHECK(tact_report_declined_reason(got, want.declined.size()) == nullptr);
  CHECK(tact_report_declined_count(nullptr) == 0);
  CHECK(tact_report_declined_reason(nullptr, 0) == nullptr);
  tact_report_free(got);
}

TEST_CASE("options convert field by field, packs given as text included") {
  tact_options opts;
  REQUIRE(tact_options_init(&opts, TACT_OPTIONS_VERSION) == TACT_OK);
  const tact::Options defaults;
  CHECK(opts.default_pack == defaults.default_pack);
  CHECK(opts.max_input_bytes == defaults.max_input_bytes);
  CHECK(opts.max_pack_bytes == defaults.max_pack_bytes);
  CHECK(opts.max_rules == defaults.max_rules);
  CHECK(opts.max_findings == defaults.max_findings);
  CHECK(opts.tone == defaults.tone);
  CHECK(opts.rewrite == defaults.rewrite);

  // An empty pack given as text layers over the default without changing it.
  const char* texts[] = {"# nothing here\n"};
  const char* names[] = {"empty.toml"};
  opts.rule_texts = texts;
  opts.rule_text_names = names;
  opts.rule_text_count = 1;
  opts.max_input_bytes = 64;
  AnalyzerPtr c = make_c(&opts);
  const tact::Analyzer plain;
  CHECK(tact_analyzer_rule_count(c.get()) == plain.rule_count());
  tact_report* r = nullptr;
  const std::string long_text(65, 'a');
  CHECK(tact_analyze(&r, c.get(), long_text.data(), long_text.size(), TACT_ROLE_AGENT) ==
        TACT_E_INPUT_TOO_LARGE);
  CHECK(r == nullptr);
  tact::Options o;
  o.max_input_bytes = 64;
  tact::Report report;
  const tact::Status status = tact::Analyzer(o).analyze(long_text, tact::Role::agent, &report);
  CHECK(status.code == tact::Code::input_too_large);
  CHECK(tact_last_error() == status.message);
}

TEST_CASE("a pack given as text may use and extend vocabulary classes") {
  tact_options opts;
  REQUIRE(tact_options_init(&opts, TACT_OPTIONS_VERSION) == TACT_OK);
  const char* texts[] = {
      "[classes]\n"
      "rival = [\"Acme Broadband\"]\n"
      "cant.add = [\"are powerless to\"]\n"
      "[[rule]]\n"
      "id = \"trigger.deflection.try-rival\"\n"
      "patterns = ['''switch to {rival}''']\n"
      "message = \"m\"\n"
      "suggestions = [\"\"]\n"
      "examples = [\"Switch to Acme Broadband.\"]\n"
      "counterexamples = [\"Acme Broadband\"]\n"};
  const char* names[] = {"house.toml"};
  opts.rule_texts = texts;
  opts.rule_text_names = names;
  opts.rule_text_count = 1;
  AnalyzerPtr c = make_c(&opts);
  ReportPtr r = analyze_c(c.get(), "We are powerless to refund it, switch to acme  broadband.",
                          TACT_ROLE_AGENT);
  std::vector<std::string> rules;
  for (size_t i = 0; i < tact_report_trigger_count(r.get()); ++i)
    rules.emplace_back(tact_report_trigger_at(r.get(), i)->rule);
  CHECK(rules ==
        std::vector<std::string>{"trigger.refusal.we-cant", "trigger.deflection.try-rival"});

  // An unknown class is a rules error naming the rule and the class.
  texts[0] =
      "[[rule]]\nid = \"trigger.deflection.x\"\npatterns = ['''{nope}''']\nmessage = \"m\"\n"
      "examples = [\"a\"]\ncounterexamples = [\"b\"]\n";
  tact_analyzer* a = nullptr;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_E_RULES);
  CHECK(a == nullptr);
  CHECK(std::string(tact_last_error()) ==
        "house.toml:3: trigger.deflection.x: unknown class {nope} in pattern \"{nope}\"");
}

TEST_CASE("status codes and their names are tact::Code's") {
  for (int code = 0; code >= -8; --code) {
    CHECK(std::string(tact_status_string(code)) == tact::code_name(static_cast<tact::Code>(code)));
  }
  CHECK(std::string(tact_status_string(-9)) == "unknown status");
  CHECK(std::string(tact_version_string()) == tact::version_string());
  CHECK(tact_abi_version() == TACT_CXX_ABI_VERSION);
}

TEST_CASE("the last error belongs to the thread that failed") {
  CHECK(tact_analyze(nullptr, nullptr, nullptr, 0, TACT_ROLE_AGENT) == TACT_E_INVALID_ARGUMENT);
  const std::string mine = tact_last_error();
  CHECK(mine == "tact_analyze: out is NULL");
  std::string theirs = "unset";
  std::thread([&] { theirs = tact_last_error(); }).join();
  CHECK(theirs.empty());
  CHECK(tact_last_error() == mine);
}

TEST_CASE("two threads sharing one analyzer report what one thread does") {
  AnalyzerPtr a = make_c(nullptr);
  std::vector<std::string> expected;
  for (const std::string& text : corpus()) {
    expected.push_back(json_of(analyze_c(a.get(), text, TACT_ROLE_AUTO).get()));
  }
  int mismatches[2] = {0, 0};
  auto work = [&](int id) {
    for (int round = 0; round < 25; ++round) {
      for (size_t i = 0; i < corpus().size(); ++i) {
        const size_t k = (i + static_cast<size_t>(round * (id + 1))) % corpus().size();
        const std::string& text = corpus()[k];
        tact_report* r = nullptr;
        const char* json = nullptr;
        if (tact_analyze(&r, a.get(), text.data(), text.size(), TACT_ROLE_AUTO) != TACT_OK ||
            tact_report_json(&json, nullptr, r) != TACT_OK || expected[k] != json) {
          ++mismatches[id];
        }
        tact_report_free(r);
      }
    }
  };
  std::thread other(work, 1);
  work(0);
  other.join();
  CHECK(mismatches[0] == 0);
  CHECK(mismatches[1] == 0);
}

TEST_CASE("a freed report's memory serves the next one, never its content") {
  // tact_report_free keeps one report a thread for reuse; whatever order
  // reports are made and freed in, on whichever thread, each shows its own
  // message (JSON included, which a reused report must rebuild).
  AnalyzerPtr a = make_c(nullptr);
  std::vector<std::string> expected;
  for (const std::string& text : corpus()) {
    expected.push_back(json_of(analyze_c(a.get(), text, TACT_ROLE_AUTO).get()));
  }
  const size_t n = corpus().size();
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) {
      ReportPtr first = analyze_c(a.get(), corpus()[i], TACT_ROLE_AUTO);
      CHECK(json_of(first.get()) == expected[i]);
      first.reset();
      ReportPtr second = analyze_c(a.get(), corpus()[j], TACT_ROLE_AUTO);
      CHECK(json_of(second.get()) == expected[j]);
      CHECK(tact_report_trigger_count(second.get()) ==
            tact_report_trigger_count(analyze_c(a.get(), corpus()[j], TACT_ROLE_AUTO).get()));
    }
  }
  // Made on one thread, freed on another, and outliving the thread that
  // made it (whose spare is freed when it exits).
  std::vector<tact_report*> made(n, nullptr);
  std::thread maker([&] {
    for (size_t i = 0; i < n; ++i) {
      tact_analyze(&made[i], a.get(), corpus()[i].data(), corpus()[i].size(), TACT_ROLE_AUTO);
      if (i % 2 == 1) {
        tact_report_free(made[i - 1]);  // its memory serves made[i + 1]
        tact_analyze(&made[i - 1], a.get(), corpus()[i - 1].data(), corpus()[i - 1].size(),
                     TACT_ROLE_AUTO);
      }
    }
  });
  maker.join();
  for (size_t i = 0; i < n; ++i) {
    REQUIRE(made[i] != nullptr);
    CHECK(json_of(made[i]) == expected[i]);
    tact_report_free(made[i]);
  }
  // The C++ layer copies into one reused Report as counts go up and down.
  const tact::Analyzer cxx;
  tact::Report into;
  for (size_t round = 0; round < 3; ++round) {
    for (size_t k = 0; k < n; ++k) {
      const size_t i = (k * 5 + round) % n;
      REQUIRE(cxx.analyze(corpus()[i], tact::Role::automatic, &into).ok());
      CHECK(tact::core::to_json(into) == expected[i]);
    }
  }
}

TEST_CASE("a report's JSON is built once, also when two threads ask first") {
  AnalyzerPtr a = make_c(nullptr);
  for (int round = 0; round < 20; ++round) {
    ReportPtr r = analyze_c(a.get(), corpus()[1], TACT_ROLE_AGENT);
    const char* seen[2] = {nullptr, nullptr};
    std::thread other([&] { tact_report_json(&seen[1], nullptr, r.get()); });
    tact_report_json(&seen[0], nullptr, r.get());
    other.join();
    REQUIRE(seen[0] != nullptr);
    CHECK(seen[0] == seen[1]);
  }
}

TEST_CASE("a batch equals one call per message, in input order, on any thread count") {
  AnalyzerPtr a = make_c(nullptr);
  std::vector<const char*> texts;
  std::vector<size_t> lens;
  for (int copy = 0; copy < 3; ++copy) {
    for (const std::string& t : corpus()) {
      texts.push_back(t.data());
      lens.push_back(t.size());
    }
  }
  for (unsigned threads : {0u, 1u, 2u, 7u, 64u}) {
    CAPTURE(threads);
    std::vector<tact_report*> out(texts.size());
    std::vector<int> statuses(texts.size(), 1);
    REQUIRE(tact_analyze_batch(out.data(), a.get(), texts.data(), lens.data(), texts.size(),
                               TACT_ROLE_CUSTOMER, threads, statuses.data()) == TACT_OK);
    for (size_t i = 0; i < texts.size(); ++i) {
      CHECK(statuses[i] == TACT_OK);
      ReportPtr got(out[i]);
      CHECK(json_of(got.get()) ==
            json_of(analyze_c(a.get(), {texts[i], lens[i]}, TACT_ROLE_CUSTOMER).get()));
    }
  }
}
