// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// docs/bad-input.md, row by row: each kind of bad input gives what the table
// says, through the C++ API and through the C ABI alike. Rows tested
// elsewhere: an older or unknown options version and a role outside the
// enum (tests/capi/capi_test.c), out of memory (tests/capi/capi_oom_test.cpp),
// another exception (firewall_test.cpp), pathological text
// (hostile_input_test.cpp), every pack error's exact wording
// (tests/rules/load_errors_test.cpp), Python's rows
// (bindings/python/tests).
#include <doctest/doctest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.hpp"
#include "tact.h"

namespace {

struct FreeAnalyzer {
  void operator()(tact_analyzer* a) const { tact_analyzer_free(a); }
};
struct FreeReport {
  void operator()(tact_report* r) const { tact_report_free(r); }
};
using CAnalyzer = std::unique_ptr<tact_analyzer, FreeAnalyzer>;
using CReport = std::unique_ptr<tact_report, FreeReport>;

// A pack of our own, so exact findings do not move with the default pack.
const char kPack[] = R"(
[[rule]]
id = "trigger.uncertainty.dont-know"
patterns = ['''i don'?t know''']
message = "Say what you will find out."
suggestions = ["let me find out"]
examples = ["I don't know."]
counterexamples = ["I know."]

[[rule]]
id = "trigger.dismissive.calm-any"
patterns = ['''calm.down''']
message = "Name the problem instead."
suggestions = ["I understand"]
examples = ["Calm down."]
counterexamples = ["It is calm now."]

[[rule]]
id = "trigger.refusal.opening-no"
anchor = "sentence-start"
patterns = ['''no''']
message = "Start with what you can do."
suggestions = [""]
examples = ["No, that is not possible."]
counterexamples = ["There is no charge."]
)";

tact::Options own_pack() {
  tact::Options o;
  o.default_pack = false;
  o.rule_texts.push_back({"own.toml", kPack});
  return o;
}

// The same options for the C ABI; `texts` keeps the pointers alive.
tact_options own_pack_c(const char* const* texts, const char* const* names) {
  tact_options o;
  REQUIRE(tact_options_init(&o, TACT_OPTIONS_VERSION) == TACT_OK);
  o.default_pack = 0;
  o.rule_texts = texts;
  o.rule_text_names = names;
  o.rule_text_count = 1;
  return o;
}

CAnalyzer make_c(const tact_options* opts) {
  tact_analyzer* a = nullptr;
  const int rc = tact_analyzer_new(&a, opts);
  INFO(tact_last_error());
  REQUIRE(rc == TACT_OK);
  return CAnalyzer(a);
}

CReport analyze_c(const tact_analyzer* a, std::string_view text, tact_role role) {
  tact_report* r = nullptr;
  REQUIRE(tact_analyze(&r, a, text.data(), text.size(), role) == TACT_OK);
  return CReport(r);
}

std::string json_c(const tact_report* r) {
  const char* json = nullptr;
  std::size_t len = 0;
  REQUIRE(tact_report_json(&json, &len, r) == TACT_OK);
  return std::string(json, len);
}

std::string rewrite_c(const tact_report* r) {
  std::size_t len = 0;
  const char* s = tact_report_rewrite(r, &len);
  return std::string(s, len);
}

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

const char* const kPackTexts[] = {kPack};
const char* const kPackNames[] = {"own.toml"};

}  // namespace

// ---- Text ------------------------------------------------------------------

TEST_CASE("empty text: a valid report with no findings, calm, rewrite \"\"") {
  const tact::core::Analyzer cxx;
  const CAnalyzer c = make_c(nullptr);
  const std::pair<tact::Role, tact_role> roles[] = {{tact::Role::agent, TACT_ROLE_AGENT},
                                                    {tact::Role::customer, TACT_ROLE_CUSTOMER}};
  for (const auto& [role, c_role] : roles) {
    const tact::Report r = cxx.analyze("", role);
    CHECK(r.triggers.empty());
    CHECK(r.techniques.empty());
    CHECK(r.escalation.signals.empty());
    CHECK(r.escalation.cues.empty());
    CHECK(r.edits.empty());
    CHECK(r.rewrite.empty());
    CHECK(r.tone.sentiment == 0.0);
    CHECK(r.escalation.level == 0);
    CHECK(r.escalation.label == "calm");
    CHECK(r.escalation.score == 0.0);
    CHECK_FALSE(r.truncated);
    // C: a NULL pointer with length 0 is the same empty message.
    tact_report* from_null = nullptr;
    REQUIRE(tact_analyze(&from_null, c.get(), nullptr, 0, c_role) == TACT_OK);
    const CReport owned(from_null);
    CHECK(json_c(owned.get()) == tact::core::to_json(r));
    CHECK(json_c(analyze_c(c.get(), "", c_role).get()) == tact::core::to_json(r));
  }
}

TEST_CASE("invalid UTF-8: each maximal bad sequence is one U+FFFD, spans index the bytes") {
  const tact::core::Analyzer cxx(own_pack());
  REQUIRE(cxx.ok());
  const tact_options opts = own_pack_c(kPackTexts, kPackNames);
  const CAnalyzer c = make_c(&opts);
  struct Case {
    const char* bytes;
    std::size_t replacements;  // U+FFFD (one UTF-16 unit each) they read as
  };
  const Case cases[] = {
      {"\xFF", 1},              // never valid
      {"\x80\x80", 2},          // stray continuation bytes, one each
      {"\xF0\x9F\x98", 1},      // a truncated 4-byte sequence: one
      {"\xE2\x82", 1},          // a truncated 3-byte sequence: one
      {"\xC0\xAF", 2},          // overlong: C0 is never a lead byte
      {"\xED\xA0\x80", 3},      // a surrogate: ED A0 is not a valid pair
      {"\xF4\x90\x80\x80", 4},  // above U+10FFFF
  };
  for (const Case& k : cases) {
    const std::string bytes = k.bytes;
    const std::string text = bytes + " I don't know";
    CAPTURE(text);
    const tact::Report r = cxx.analyze(text, tact::Role::agent);
    REQUIRE(r.triggers.size() == 1);
    const tact::Span& s = r.triggers[0].span;
    CHECK(s.start == bytes.size() + 1);
    CHECK(s.end == text.size());
    CHECK(s.start_utf16 == k.replacements + 1);
    CHECK(s.end_utf16 == k.replacements + 13);
    const CReport cr = analyze_c(c.get(), text, TACT_ROLE_AGENT);
    REQUIRE(tact_report_trigger_count(cr.get()) == 1);
    const tact_trigger* t = tact_report_trigger_at(cr.get(), 0);
    CHECK(t->span.start == s.start);
    CHECK(t->span.start_utf16 == s.start_utf16);
    CHECK(t->span.end_utf16 == s.end_utf16);
  }
}

TEST_CASE("invalid UTF-8: text fields and the rewrite keep the bytes, JSON has U+FFFD") {
  const tact::core::Analyzer cxx(own_pack());
  const tact_options opts = own_pack_c(kPackTexts, kPackNames);
  const CAnalyzer c = make_c(&opts);
  const std::string text =
      "Ok \xFF then calm\xFF"
      "down";
  const tact::Report r = cxx.analyze(text, tact::Role::agent);
  REQUIRE(r.triggers.size() == 1);
  CHECK(r.triggers[0].text ==
        "calm\xFF"
        "down");
  const std::string before = "Ok \xFF then ";
  CHECK(r.rewrite.compare(0, before.size(), before) == 0);
  const std::string json = tact::core::to_json(r);
  CHECK(json.find("calm\xEF\xBF\xBD"
                  "down") != std::string::npos);
  CHECK(json.find('\xFF') == std::string::npos);

  const CReport cr = analyze_c(c.get(), text, TACT_ROLE_AGENT);
  REQUIRE(tact_report_trigger_count(cr.get()) == 1);
  CHECK(std::string(tact_report_trigger_at(cr.get(), 0)->text) == r.triggers[0].text);
  CHECK(rewrite_c(cr.get()) == r.rewrite);
  CHECK(json_c(cr.get()) == json);
}

TEST_CASE("NUL bytes are ordinary characters; the length is the caller's") {
  const tact::core::Analyzer cxx(own_pack());
  const tact_options opts = own_pack_c(kPackTexts, kPackNames);
  const CAnalyzer c = make_c(&opts);
  const std::string text("\0\0 I don't know\0", 16);
  const tact::Report r = cxx.analyze(text, tact::Role::agent);
  REQUIRE(r.triggers.size() == 1);
  CHECK(r.triggers[0].span.start == 3);
  CHECK(r.triggers[0].span.end == 15);
  REQUIRE(r.rewrite.size() > 2);
  CHECK(r.rewrite.compare(0, 3, std::string("\0\0 ", 3)) == 0);
  CHECK(r.rewrite.back() == '\0');

  const CReport cr = analyze_c(c.get(), text, TACT_ROLE_AGENT);
  REQUIRE(tact_report_trigger_count(cr.get()) == 1);
  CHECK(tact_report_trigger_at(cr.get(), 0)->span.start == 3);
  CHECK(rewrite_c(cr.get()) == r.rewrite);
  CHECK(json_c(cr.get()) == tact::core::to_json(r));
}

TEST_CASE("text over max_input_bytes is refused whole, with both sizes in the message") {
  tact::Options o = own_pack();
  o.max_input_bytes = 16;
  const tact::core::Analyzer cxx(o);
  const std::string fits(16, 'a');
  const std::string over = "I don't know 123";  // 16 bytes
  const std::string too_long = over + "4";
  const std::string want = "input of 17 bytes exceeds max_input_bytes (16)";

  tact::Report report = cxx.analyze("I don't know", tact::Role::agent);
  REQUIRE_FALSE(report.triggers.empty());
  tact::Status s = cxx.analyze(too_long, tact::Role::agent, &report);
  CHECK(s.code == tact::Code::input_too_large);
  CHECK(s.message == want);
  CHECK(tact::core::to_json(report) ==
        tact::core::to_json(tact::Report()));  // left empty, nothing partial
  CHECK(cxx.analyze(over, tact::Role::agent, &report).ok());
  CHECK(report.triggers.size() == 1);
  CHECK_THROWS_AS(cxx.analyze(too_long, tact::Role::agent), tact::Error);

  tact_options opts = own_pack_c(kPackTexts, kPackNames);
  opts.max_input_bytes = 16;
  const CAnalyzer c = make_c(&opts);
  tact_report* r = reinterpret_cast<tact_report*>(&opts);
  CHECK(tact_analyze(&r, c.get(), too_long.data(), too_long.size(), TACT_ROLE_AGENT) ==
        TACT_E_INPUT_TOO_LARGE);
  CHECK(r == nullptr);
  CHECK(std::string(tact_last_error()) == want);
  CHECK(tact_report_trigger_count(analyze_c(c.get(), over, TACT_ROLE_AGENT).get()) == 1);

  // In a batch the long message fails alone, and the call says which.
  const char* texts[] = {over.c_str(), too_long.c_str(), fits.c_str()};
  tact_report* out[3];
  int statuses[3];
  CHECK(tact_analyze_batch(out, c.get(), texts, nullptr, 3, TACT_ROLE_AGENT, 2, statuses) ==
        TACT_E_INPUT_TOO_LARGE);
  CHECK(std::string(tact_last_error()) == "message 1: " + want);
  CHECK((statuses[0] == TACT_OK && statuses[1] == TACT_E_INPUT_TOO_LARGE && statuses[2] == 0));
  CHECK((out[0] != nullptr && out[1] == nullptr && out[2] != nullptr));
  for (tact_report* each : out) tact_report_free(each);
}

// Beyond 1 GiB input is refused whatever max_input_bytes says, before a byte
// is read: the text here is 1 GiB + 1 of address space no one may touch.
TEST_CASE("text over the 1 GiB ceiling is refused without being read") {
  const std::size_t size = (std::size_t{1} << 30) + 1;
  void* region = mmap(nullptr, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  REQUIRE(region != MAP_FAILED);
  const auto* untouchable = static_cast<const char*>(region);
  const std::string want =
      "input of " + std::to_string(size) + " bytes exceeds max_input_bytes (1073741824)";

  tact::Options o = own_pack();
  o.max_input_bytes = SIZE_MAX;
  const tact::core::Analyzer cxx(o);
  tact::Report report;
  const tact::Status s =
      cxx.analyze(std::string_view(untouchable, size), tact::Role::agent, &report);
  CHECK(s.code == tact::Code::input_too_large);
  CHECK(s.message == want);

  tact_options opts = own_pack_c(kPackTexts, kPackNames);
  opts.max_input_bytes = SIZE_MAX;
  const CAnalyzer c = make_c(&opts);
  tact_report* r = nullptr;
  CHECK(tact_analyze(&r, c.get(), untouchable, size, TACT_ROLE_AGENT) == TACT_E_INPUT_TOO_LARGE);
  CHECK(r == nullptr);
  CHECK(std::string(tact_last_error()) == want);
  munmap(region, size);
}

TEST_CASE("more findings than max_findings: the first ones in text order, truncated") {
  const std::string text = repeat("I don't know. ", 5);
  const tact::Report all = tact::core::Analyzer(own_pack()).analyze(text, tact::Role::agent);
  REQUIRE(all.triggers.size() == 5);
  CHECK_FALSE(all.truncated);
  for (std::size_t limit : {0, 3, 5}) {
    CAPTURE(limit);
    tact::Options o = own_pack();
    o.max_findings = limit;
    const tact::Report r = tact::core::Analyzer(o).analyze(text, tact::Role::agent);
    REQUIRE(r.triggers.size() == limit);
    for (std::size_t i = 0; i < limit; ++i) {
      CHECK(r.triggers[i].span.start == all.triggers[i].span.start);
    }
    CHECK(r.truncated == (limit < 5));
    CHECK((tact::core::to_json(r).find("\"truncated\":true") != std::string::npos) == (limit < 5));

    tact_options opts = own_pack_c(kPackTexts, kPackNames);
    opts.max_findings = limit;
    const CAnalyzer c = make_c(&opts);
    const CReport cr = analyze_c(c.get(), text, TACT_ROLE_AGENT);
    CHECK(tact_report_trigger_count(cr.get()) == limit);
    CHECK(tact_report_truncated(cr.get()) == (limit < 5 ? 1 : 0));
    CHECK(json_c(cr.get()) == tact::core::to_json(r));
  }
  // Nothing found is nothing dropped, even with max_findings 0.
  tact::Options o = own_pack();
  o.max_findings = 0;
  CHECK_FALSE(tact::core::Analyzer(o).analyze("All sorted.", tact::Role::agent).truncated);
}

// One rule reports at most 32 findings per message (rules::kMaxFindingsPerRule),
// and one pattern's search gives up after 256 matches it rejects; either way
// the report says findings may be missing. (Found while checking this table:
// both cut-offs used to be silent, so a real phrase after 256 rejected ones
// went unreported with truncated false.)
TEST_CASE("a rule's own bounds: past 32 findings, or 256 rejected matches, truncated") {
  const tact::core::Analyzer cxx(own_pack());
  const tact_options opts = own_pack_c(kPackTexts, kPackNames);
  const CAnalyzer c = make_c(&opts);
  struct Case {
    std::string text;
    std::size_t triggers;
    bool truncated;
  };
  const std::string tail = ". No.";  // a second sentence that opens with "No"
  const Case cases[] = {
      {repeat("I don't know. ", 32), 32, false},
      {repeat("I don't know. ", 33), 32, true},
      // One "no" opens the sentence; the rest are rejected by the anchor.
      // Up to 256 searches reach the tail's "No", after that none do.
      {repeat("no ", 100) + tail, 2, false},
      {repeat("no ", 300) + tail, 1, true},
  };
  for (const Case& k : cases) {
    CAPTURE(k.text.size());
    const tact::Report r = cxx.analyze(k.text, tact::Role::agent);
    CHECK(r.triggers.size() == k.triggers);
    CHECK(r.truncated == k.truncated);
    for (std::size_t i = 0; i + 1 < r.triggers.size(); ++i) {
      CHECK(r.triggers[i].span.end <= r.triggers[i + 1].span.start);
    }
    const CReport cr = analyze_c(c.get(), k.text, TACT_ROLE_AGENT);
    CHECK(tact_report_trigger_count(cr.get()) == k.triggers);
    CHECK(tact_report_truncated(cr.get()) == (k.truncated ? 1 : 0));
  }
}

TEST_CASE("C: a NULL text with a nonzero length is an invalid argument") {
  const CAnalyzer c = make_c(nullptr);
  tact_report* r = reinterpret_cast<tact_report*>(&r);
  CHECK(tact_analyze(&r, c.get(), nullptr, 3, TACT_ROLE_AGENT) == TACT_E_INVALID_ARGUMENT);
  CHECK(r == nullptr);
  CHECK(std::string(tact_last_error()) == "tact_analyze: text is NULL with a nonzero length");
  const char* texts[] = {"fine", nullptr};
  const std::size_t lens[] = {4, 2};
  tact_report* out[2];
  CHECK(tact_analyze_batch(out, c.get(), texts, lens, 2, TACT_ROLE_AGENT, 1, nullptr) ==
        TACT_E_INVALID_ARGUMENT);
  CHECK((out[0] == nullptr && out[1] == nullptr));  // the call as a whole fails
}

// ---- Rule packs ------------------------------------------------------------

namespace {

// One analyzer configuration, built through both APIs.
struct Config {
  bool default_pack = false;
  std::vector<std::string> files;
  std::vector<tact::PackSource> texts;
  std::size_t max_pack_bytes = std::size_t{16} << 20;
  std::size_t max_rules = 50000;
};

tact::Options options_of(const Config& k) {
  tact::Options o;
  o.default_pack = k.default_pack;
  o.rule_files = k.files;
  o.rule_texts = k.texts;
  o.max_pack_bytes = k.max_pack_bytes;
  o.max_rules = k.max_rules;
  return o;
}

// Builds `k` with the C++ API and the C ABI; both must give the same code
// and message (and the C call no handle on failure). Returns the status.
tact::Status build_both(const Config& k) {
  const tact::core::Analyzer cxx(options_of(k));
  std::vector<const char*> files, texts, names;
  for (const std::string& f : k.files) files.push_back(f.c_str());
  for (const tact::PackSource& t : k.texts) {
    texts.push_back(t.text.c_str());
    names.push_back(t.name.c_str());
  }
  tact_options opts;
  REQUIRE(tact_options_init(&opts, TACT_OPTIONS_VERSION) == TACT_OK);
  opts.default_pack = k.default_pack;
  opts.rule_files = files.data();
  opts.rule_file_count = files.size();
  opts.rule_texts = texts.data();
  opts.rule_text_names = names.data();
  opts.rule_text_count = texts.size();
  opts.max_pack_bytes = k.max_pack_bytes;
  opts.max_rules = k.max_rules;
  tact_analyzer* a = reinterpret_cast<tact_analyzer*>(&opts);
  const int rc = tact_analyzer_new(&a, &opts);
  CHECK(rc == static_cast<int>(cxx.status().code));
  if (rc != TACT_OK) {
    CHECK(a == nullptr);
    CHECK(std::string(tact_last_error()) == cxx.status().message);
  } else {
    CHECK(tact_analyzer_rule_count(a) == cxx.rule_count());
  }
  tact_analyzer_free(a);
  return cxx.status();
}

Config text_pack(const std::string& text) {
  Config k;
  k.texts.push_back({"t.toml", text});
  return k;
}

const std::string kRule =
    "[[rule]]\n"                                  // 1
    "id = \"trigger.refusal.we-cant\"\n"          // 2
    "patterns = ['''we can'?t''']\n"              // 3
    "message = \"Say what you can do.\"\n"        // 4
    "examples = [\"We can't do that.\"]\n"        // 5
    "counterexamples = [\"We can do that.\"]\n";  // 6

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// A temporary pack file, removed at the end of the test.
struct TempFile {
  explicit TempFile(const std::string& text)
      : path((std::filesystem::temp_directory_path() /
              ("tact_bad_input_test_" + std::to_string(::getpid()) + ".toml"))
                 .string()) {
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() { std::filesystem::remove(path); }
  std::string path;
};

}  // namespace

TEST_CASE("malformed packs: rules (-4), FILE:LINE: RULE-ID: reason, in C++ and C alike") {
  struct Case {
    std::string text;
    std::string prefix;  // where the message must point
    std::string reason;  // and a part of what it must say
  };
  const Case cases[] = {
      {"[[rule]\nid = 1\n", "t.toml:1: ", "invalid TOML"},
      {kRule + "sugestions = [\"x\"]\n",
       "t.toml:7: trigger.refusal.we-cant: ", "unknown field 'sugestions'"},
      {"[[rule]]\nid = \"warning.refusal.x\"\npatterns = ['''x''']\n",
       "t.toml:2: warning.refusal.x: ", "unknown family 'warning'"},
      {"[[rule]]\nid = \"trigger.sadness.x\"\n" + kRule.substr(kRule.find("patterns")),
       "t.toml:2: trigger.sadness.x: ", "unknown category 'sadness'"},
      {kRule + "severity = \"critical\"\n",
       "t.toml:7: trigger.refusal.we-cant: ", "unknown severity 'critical'"},
      {kRule + "unless = ['''(?<=x)y''']\n", "t.toml:7: trigger.refusal.we-cant: ", "(?<"},
      {kRule + "unless = ['''x?''']\n",
       "t.toml:7: trigger.refusal.we-cant: ", "can match the empty string"},
      {kRule + kRule, "t.toml:7: trigger.refusal.we-cant: ", "duplicate id"},
      {kRule + "suggestions = [\"we will {verb}\"]\n",
       "t.toml:7: trigger.refusal.we-cant: ", "verb"},
      {"[[rule]]\nid = \"trigger.refusal.we-cant\"\npatterns = ['''we can'?t''']\n"
       "message = \"m\"\n",
       "t.toml:1: trigger.refusal.we-cant: ", "missing examples"},
      {"extends = \"fr\"\n" + kRule, "t.toml:1: ", "extends: unknown pack 'fr'"},
      {"disable = [\"trigger.refusal.nothing\"]\n" + kRule,
       "t.toml:1: ", "disable: no earlier rule has id 'trigger.refusal.nothing'"},
  };
  for (const Case& k : cases) {
    CAPTURE(k.text);
    const tact::Status s = build_both(text_pack(k.text));
    CAPTURE(s.message);
    CHECK(s.code == tact::Code::rules);
    CHECK(starts_with(s.message, k.prefix));
    CHECK(s.message.find(k.reason) != std::string::npos);
  }
}

TEST_CASE("a pack file that cannot be read: io (-5), naming the file") {
  const std::string dir = std::filesystem::temp_directory_path().string();
  for (const std::string& path : {std::string("/nonexistent/tact/acme.toml"), dir}) {
    CAPTURE(path);
    Config k;
    k.files = {path};
    const tact::Status s = build_both(k);
    CHECK(s.code == tact::Code::io);
    CHECK(starts_with(s.message, path + ": cannot read: "));
  }
}

TEST_CASE("a pack over max_pack_bytes: as text, as a file, or the embedded pack") {
  const std::string size = std::to_string(kRule.size());
  Config k = text_pack(kRule);
  k.max_pack_bytes = kRule.size() - 1;
  const std::string limit = "max_pack_bytes (" + std::to_string(kRule.size() - 1) + ")";
  tact::Status s = build_both(k);
  CHECK(s.code == tact::Code::rules);
  CHECK(s.message == "t.toml: " + size + " bytes is more than " + limit);
  k.max_pack_bytes = kRule.size();
  CHECK(build_both(k).ok());

  const TempFile file(kRule);
  Config f;
  f.files = {file.path};
  f.max_pack_bytes = kRule.size() - 1;
  s = build_both(f);
  CHECK(s.code == tact::Code::rules);
  CHECK(s.message == file.path + ": " + size + " bytes is more than " + limit);

  // The embedded pack's files count too: a limit below them refuses it.
  Config e;
  e.default_pack = true;
  e.max_pack_bytes = 1000;
  s = build_both(e);
  CHECK(s.code == tact::Code::rules);
  CHECK(starts_with(s.message, "en/"));
  CHECK(s.message.find("bytes is more than max_pack_bytes (1000)") != std::string::npos);
}

TEST_CASE("more rules than max_rules after layering: rules, naming the rule past the limit") {
  std::string second = kRule;
  second.replace(second.find("we-cant"), 7, "we-cannot");
  Config k = text_pack(kRule + second);
  k.max_rules = 1;
  tact::Status s = build_both(k);
  CHECK(s.code == tact::Code::rules);
  CHECK(s.message == "t.toml:7: trigger.refusal.we-cannot: more than max_rules (1) rules");
  k.max_rules = 2;
  CHECK(build_both(k).ok());

  // Layered over the default pack, its rules count first.
  Config e;
  e.default_pack = true;
  e.max_rules = 10;
  s = build_both(e);
  CHECK(s.code == tact::Code::rules);
  CHECK(starts_with(s.message, "en/"));
  CHECK(s.message.find("more than max_rules (10) rules") != std::string::npos);
  // A rule that replaces one of the same id adds none.
  e.max_rules = tact::core::Analyzer().rule_count();
  e.texts.push_back({"t.toml",
                     "[[rule]]\nid = \"trigger.uncertainty.dont-know\"\n"
                     "patterns = ['''i don'?t know''']\nmessage = \"m\"\n"
                     "examples = [\"I don't know.\"]\ncounterexamples = [\"I know.\"]\n"});
  CHECK(build_both(e).ok());
}

// ---- API misuse ------------------------------------------------------------

TEST_CASE("null out-pointers: invalid_argument (-1), naming the function") {
  const tact::core::Analyzer cxx;
  const tact::Status s = cxx.analyze("x", tact::Role::agent, nullptr);
  CHECK(s.code == tact::Code::invalid_argument);
  CHECK(s.message == "analyze: out is null");

  const CAnalyzer c = make_c(nullptr);
  const CReport r = analyze_c(c.get(), "x", TACT_ROLE_AGENT);
  const char* texts[] = {"x"};
  CHECK(tact_options_init(nullptr, TACT_OPTIONS_VERSION) == TACT_E_INVALID_ARGUMENT);
  CHECK(std::string(tact_last_error()) == "tact_options_init: opts is NULL");
  CHECK(tact_analyzer_new(nullptr, nullptr) == TACT_E_INVALID_ARGUMENT);
  CHECK(std::string(tact_last_error()) == "tact_analyzer_new: out is NULL");
  CHECK(tact_analyze(nullptr, c.get(), "x", 1, TACT_ROLE_AGENT) == TACT_E_INVALID_ARGUMENT);
  CHECK(std::string(tact_last_error()) == "tact_analyze: out is NULL");
  CHECK(tact_analyze_batch(nullptr, c.get(), texts, nullptr, 1, TACT_ROLE_AGENT, 1, nullptr) ==
        TACT_E_INVALID_ARGUMENT);
  CHECK(std::string(tact_last_error()) == "tact_analyze_batch: out is NULL");
  CHECK(tact_report_json(nullptr, nullptr, r.get()) == TACT_E_INVALID_ARGUMENT);
  CHECK(std::string(tact_last_error()) == "tact_report_json: out is NULL");
}

TEST_CASE("C: NULL handles: a status where there is one, 0 or NULL otherwise") {
  tact_report* r = reinterpret_cast<tact_report*>(&r);
  CHECK(tact_analyze(&r, nullptr, "x", 1, TACT_ROLE_AGENT) == TACT_E_INVALID_ARGUMENT);
  CHECK(r == nullptr);
  CHECK(std::string(tact_last_error()) == "tact_analyze: analyzer is NULL");
  const char* texts[] = {"x"};
  tact_report* out[1] = {reinterpret_cast<tact_report*>(&r)};
  CHECK(tact_analyze_batch(out, nullptr, texts, nullptr, 1, TACT_ROLE_AGENT, 1, nullptr) ==
        TACT_E_INVALID_ARGUMENT);
  CHECK(out[0] == nullptr);
  const char* json = "unset";
  std::size_t len = 9;
  CHECK(tact_report_json(&json, &len, nullptr) == TACT_E_INVALID_ARGUMENT);
  CHECK((json == nullptr && len == 0));

  CHECK(tact_analyzer_rule_count(nullptr) == 0);
  CHECK(tact_report_role(nullptr) == TACT_ROLE_AGENT);
  CHECK(tact_report_role_guessed(nullptr) == 0);
  CHECK(tact_report_truncated(nullptr) == 0);
  CHECK(tact_report_tone(nullptr) == nullptr);
  CHECK(tact_report_escalation(nullptr) == nullptr);
  CHECK(tact_report_trigger_count(nullptr) == 0);
  CHECK(tact_report_trigger_at(nullptr, 0) == nullptr);
  CHECK(tact_report_technique_count(nullptr) == 0);
  CHECK(tact_report_technique_at(nullptr, 0) == nullptr);
  CHECK(tact_report_signal_count(nullptr) == 0);
  CHECK(tact_report_signal_at(nullptr, 0) == nullptr);
  CHECK(tact_report_cue_count(nullptr) == 0);
  CHECK(tact_report_cue_at(nullptr, 0) == nullptr);
  CHECK(tact_report_edit_count(nullptr) == 0);
  CHECK(tact_report_edit_at(nullptr, 0) == nullptr);
  len = 9;
  CHECK(tact_report_rewrite(nullptr, &len) == nullptr);
  CHECK(len == 0);
  // Accessors and free functions leave the last error alone.
  CHECK(std::string(tact_last_error()) == "tact_report_json: report is NULL");
  tact_report_free(nullptr);
  tact_analyzer_free(nullptr);
  CHECK(std::string(tact_last_error()) == "tact_report_json: report is NULL");
}

TEST_CASE("C++: analyzing with an analyzer that failed to build") {
  const tact::core::Analyzer broken(options_of(text_pack("[[rule]\n")));
  REQUIRE_FALSE(broken.ok());
  const std::string want = "analyze: the analyzer failed to build: " + broken.status().message;
  tact::Report report;
  const tact::Status s = broken.analyze("I don't know", tact::Role::agent, &report);
  CHECK(s.code == tact::Code::invalid_argument);
  CHECK(s.message == want);
  CHECK(broken.rule_count() == 0);
  CHECK_THROWS_WITH_AS(broken.analyze("x", tact::Role::agent), want.c_str(), tact::Error);
  std::vector<tact::Status> statuses;
  (void)broken.analyze_batch({"a", "b"}, tact::Role::agent, 2, &statuses);
  REQUIRE(statuses.size() == 2);
  CHECK(statuses[0].message == want);
  CHECK(statuses[1].code == tact::Code::invalid_argument);
}

TEST_CASE("C: an index past the end gives NULL") {
  const tact_options opts = own_pack_c(kPackTexts, kPackNames);
  const CAnalyzer c = make_c(&opts);
  const CReport r = analyze_c(c.get(), "I don't know. Calm down.", TACT_ROLE_AGENT);
  const std::size_t triggers = tact_report_trigger_count(r.get());
  const std::size_t edits = tact_report_edit_count(r.get());
  CHECK(triggers == 2);
  CHECK(edits == 2);
  for (std::size_t past : {std::size_t{0}, std::size_t{1}, SIZE_MAX - triggers}) {
    CHECK(tact_report_trigger_at(r.get(), triggers + past) == nullptr);
  }
  for (std::size_t past : {std::size_t{0}, std::size_t{1}, SIZE_MAX - edits}) {
    CHECK(tact_report_edit_at(r.get(), edits + past) == nullptr);
  }
  CHECK(tact_report_technique_at(r.get(), tact_report_technique_count(r.get())) == nullptr);
  CHECK(tact_report_signal_at(r.get(), tact_report_signal_count(r.get())) == nullptr);
  CHECK(tact_report_cue_at(r.get(), tact_report_cue_count(r.get())) == nullptr);
  CHECK(tact_report_cue_at(r.get(), SIZE_MAX) == nullptr);
}

namespace {

// `count` rules whose patterns are large RE2 programs (`\pL{200}`: about
// 239,000 instructions each), named r<first>...
std::string heavy_rules(int first, int count) {
  std::string pack;
  for (int i = first; i < first + count; ++i) {
    const std::string id = "trigger.refusal.r" + std::to_string(i);
    pack += "[[rule]]\nid = \"" + id + "\"\npatterns = ['''w" + std::to_string(i) +
            "\\pL{200}''']\nmessage = \"m\"\nexamples = [\"w" + std::to_string(i) +
            std::string(200, 'a') + "\"]\ncounterexamples = [\"no\"]\n";
  }
  return pack;
}

}  // namespace

// Found while checking this table: patterns compiled one by one before any
// budget applied, so a 60 KB pack of a thousand such rules took 66 s and
// 1.5 GB before RE2::Set refused it. Now 2,000,000 RE2 instructions is the
// most all packs may hold, checked as each pattern compiles.
TEST_CASE("patterns too large together: rules, naming the rule or pack that went over") {
  // Nine patterns cross 2,000,000 at the ninth, on line 6 * 8 + 3.
  tact::Status s = build_both(text_pack(heavy_rules(0, 1000)));
  CHECK(s.code == tact::Code::rules);
  CHECK(starts_with(s.message, "t.toml:51: trigger.refusal.r8: patterns too large: "));
  CHECK(s.message.find("more than the 2000000 all packs may hold together") != std::string::npos);

  // Two packs under the budget alone, over it together.
  Config two;
  two.texts = {{"a.toml", heavy_rules(0, 5)}, {"b.toml", heavy_rules(5, 5)}};
  s = build_both(two);
  CHECK(s.code == tact::Code::rules);
  CHECK(starts_with(s.message, "b.toml: patterns too large: "));
  CHECK(s.message.find("in the layered packs") != std::string::npos);

  // Under it, RE2::Set's own budget for the patterns together still
  // applies: the one pack error that names no file, as no rule is at fault.
  s = build_both(text_pack(heavy_rules(0, 6)));
  CHECK(s.code == tact::Code::rules);
  CHECK(s.message ==
        "the pack's patterns 1 to 6 exceed RE2's memory budget (8 MB for each 64 patterns); "
        "split or simplify them");
}

// ---- Deadline ----------------------------------------------------------------

// Options::deadline stops a long call. Whatever point it stops at, the
// report holds only findings the full analysis also has, is marked
// truncated, and has nothing of the stages it did not reach; a deadline
// that does not pass changes nothing. The budgets sweep from "passes before
// the first rule" to "never passes here", so some land mid-way.
TEST_CASE("deadline: the findings so far, truncated, or the full result when it holds") {
  // Many triggers, techniques and signals in about 200 KB, with the default pack.
  const std::string text = repeat(
      "I don't know why it failed, calm down. It's our policy, sorry. This is the third "
      "time I've called and I want a refund! I understand how frustrating that is. ",
      1200);
  const tact::core::Analyzer plain;
  const auto began = std::chrono::steady_clock::now();
  const tact::Report full = plain.analyze(text, tact::Role::automatic);
  // Budgets at tenths of the time the whole call took land in every stage
  // (the time only places the budgets; nothing asserts on it).
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - began);
  REQUIRE(full.triggers.size() > 10);
  std::vector<long> budgets = {1L, 3600000000L};
  for (long k = 1; k <= 9; ++k) budgets.push_back(std::max(2L, long(took.count()) * k / 10));
  auto same = [](const auto& a, const auto& b) {
    return a.rule == b.rule && a.span.start == b.span.start && a.span.end == b.span.end;
  };
  auto subset = [&](const auto& part, const auto& whole) {
    for (const auto& f : part) {
      if (std::none_of(whole.begin(), whole.end(), [&](const auto& g) { return same(f, g); }))
        return false;
    }
    return true;
  };
  int stopped = 0;
  for (long us : budgets) {
    CAPTURE(us);
    tact::Options o;
    o.deadline = std::chrono::microseconds(us);
    const tact::core::Analyzer timed(o);
    tact::Report r;
    const tact::Status s = timed.analyze(text, tact::Role::automatic, &r);
    if (s.ok()) {
      CHECK(tact::core::to_json(r) == tact::core::to_json(full));
      continue;
    }
    ++stopped;
    REQUIRE(s.code == tact::Code::deadline_exceeded);
    CHECK(s.message.find("deadline of " + std::to_string(us) + " us") != std::string::npos);
    CHECK(r.truncated);
    CHECK(subset(r.triggers, full.triggers));
    CHECK(subset(r.techniques, full.techniques));
    CHECK(subset(r.escalation.signals, full.escalation.signals));
    // A partial rewrite could still hold a trigger: there is none.
    CHECK(r.edits.empty());
    CHECK(r.rewrite.empty());
  }
  CHECK(stopped >= 1);  // 1 us always passes before the first check
  // The throwing overload throws (1 us: it always passes).
  tact::Options tiny;
  tiny.deadline = std::chrono::microseconds(1);
  CHECK_THROWS_AS(tact::core::Analyzer(tiny).analyze(text, tact::Role::automatic), tact::Error);
  // One hour never passes here: the same result as no deadline.
  tact::Options o;
  o.deadline = std::chrono::hours(1);
  CHECK(tact::core::to_json(tact::core::Analyzer(o).analyze(text, tact::Role::automatic)) ==
        tact::core::to_json(full));
}

TEST_CASE("C: deadline_us gives TACT_E_DEADLINE with a partial report to free, in batches too") {
  const std::string text = repeat("I don't know. Calm down. No, we can't. ", 5000);
  tact_options opts;
  REQUIRE(tact_options_init(&opts, TACT_OPTIONS_VERSION) == TACT_OK);
  CHECK(opts.deadline_us == 0);
  opts.deadline_us = 1;
  const CAnalyzer a = make_c(&opts);
  tact_report* r = nullptr;
  CHECK(tact_analyze(&r, a.get(), text.data(), text.size(), TACT_ROLE_AGENT) == TACT_E_DEADLINE);
  REQUIRE(r != nullptr);
  const CReport owned(r);
  CHECK(tact_report_truncated(r) == 1);
  CHECK(rewrite_c(r).empty());
  CHECK(std::string(tact_last_error()).find("deadline of 1 us passed") != std::string::npos);
  CHECK(std::string(tact_status_string(TACT_E_DEADLINE)) == "deadline exceeded");
  CHECK(json_c(r).find("\"truncated\":true") != std::string::npos);

  const char* texts[] = {text.c_str(), text.c_str()};
  tact_report* out[2] = {nullptr, nullptr};
  int statuses[2] = {0, 0};
  CHECK(tact_analyze_batch(out, a.get(), texts, nullptr, 2, TACT_ROLE_AGENT, 2, statuses) ==
        TACT_E_DEADLINE);
  for (int i = 0; i < 2; ++i) {
    CHECK(statuses[i] == TACT_E_DEADLINE);
    REQUIRE(out[i] != nullptr);
    CHECK(tact_report_truncated(out[i]) == 1);
    tact_report_free(out[i]);
  }
  CHECK(std::string(tact_last_error()).rfind("message 0: ", 0) == 0);

  // A version-2 struct (no deadline_us) gets no deadline: analyze_c
  // requires TACT_OK.
  tact_options old;
  REQUIRE(tact_options_init(&old, 2) == TACT_OK);
  const CAnalyzer b = make_c(&old);
  CHECK(rewrite_c(analyze_c(b.get(), text, TACT_ROLE_AGENT).get()).size() > 0);
}

// A truncated report leaves findings unreported, so its rewrite covers the
// reported ones only: no re-check round rewrites what the report does not
// show (on 1 MB of pathological text those rounds tripled the cost).
TEST_CASE("a truncated report's rewrite edits only the findings it reports") {
  tact::Options o = own_pack();
  o.max_findings = 1;
  const tact::Report r =
      tact::core::Analyzer(o).analyze("I don't know. I don't know.", tact::Role::agent);
  REQUIRE(r.truncated);
  REQUIRE(r.triggers.size() == 1);
  REQUIRE(r.edits.size() == 1);
  CHECK(r.edits[0].span.start == r.triggers[0].span.start);
  CHECK(r.rewrite == "Let me find out. I don't know.");
  // Not truncated: both are rewritten.
  CHECK(tact::core::Analyzer(own_pack()).analyze("I don't know. I don't know.").rewrite ==
        "Let me find out. Let me find out.");
}
