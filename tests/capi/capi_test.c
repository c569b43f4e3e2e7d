/* Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
 *
 * The C ABI as a C99 program sees it: every function of tact.h, every error
 * path, a struct from an older options version, and two threads sharing
 * one analyzer. Built by CMake against libtact.so, and again by a plain
 * `cc -std=c99 -pedantic ... -ltact` (tests/capi/CMakeLists.txt).
 *
 * Checks marked [pack] need the default English rule pack and the rule
 * engine (issue 3); while the default pack has no rules they are skipped
 * and say so.
 */
#define _POSIX_C_SOURCE 200809L /* pthreads under -std=c99 */

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tact.h"

static int g_checks;
static int g_failures;
static int g_have_rules;

#define CHECK(cond)                                                            \
  do {                                                                         \
    ++g_checks;                                                                \
    if (!(cond)) {                                                             \
      ++g_failures;                                                            \
      fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

#define CHECK_STR(a, b) CHECK((a) != NULL && strcmp((a), (b)) == 0)

/* True when the default pack is loaded; otherwise prints why `what` is
 * skipped. */
static int need_pack(const char* what) {
  if (!g_have_rules) printf("skipped [pack]: %s (the default pack has no rules yet)\n", what);
  return g_have_rules;
}

static tact_analyzer* new_default(void) {
  tact_analyzer* a = NULL;
  CHECK(tact_analyzer_new(&a, NULL) == TACT_OK);
  CHECK(a != NULL);
  return a;
}

static tact_report* analyze(const tact_analyzer* a, const char* text, tact_role role) {
  tact_report* r = NULL;
  CHECK(tact_analyze(&r, a, text, strlen(text), role) == TACT_OK);
  CHECK(r != NULL);
  return r;
}

static const tact_trigger* find_trigger(const tact_report* r, const char* category) {
  size_t i;
  for (i = 0; i < tact_report_trigger_count(r); ++i) {
    const tact_trigger* t = tact_report_trigger_at(r, i);
    if (strcmp(t->category, category) == 0) return t;
  }
  return NULL;
}

static char* copy_json(const tact_report* r) {
  const char* json = NULL;
  size_t len = 0;
  char* copy;
  if (tact_report_json(&json, &len, r) != TACT_OK) return NULL;
  copy = (char*)malloc(len + 1);
  if (copy != NULL) memcpy(copy, json, len + 1);
  return copy;
}

static void test_versions(void) {
  char expected[32];
  CHECK(tact_version_number() == TACT_VERSION_NUMBER);
  CHECK_STR(tact_version_string(), TACT_VERSION_STRING);
  sprintf(expected, "%d.%d.%d", TACT_VERSION_MAJOR, TACT_VERSION_MINOR, TACT_VERSION_PATCH);
  CHECK_STR(tact_version_string(), expected);
  CHECK(tact_abi_version() == TACT_ABI_VERSION);
}

static void test_enum_names(void) {
  CHECK_STR(tact_role_name(TACT_ROLE_AGENT), "agent");
  CHECK_STR(tact_role_name(TACT_ROLE_AUTO), "auto");
  CHECK(tact_role_name((tact_role)9) == NULL);
  CHECK_STR(tact_severity_name(TACT_SEVERITY_WARNING), "warning");
  CHECK(tact_severity_name((tact_severity)3) == NULL);
  CHECK_STR(tact_source_name(TACT_SOURCE_MODEL), "model");
  CHECK(tact_source_name((tact_source)-1) == NULL);
  CHECK_STR(tact_cue_kind_name(TACT_CUE_SIGNAL), "signal");
  CHECK_STR(tact_cue_kind_name(TACT_CUE_TONE), "tone");
  CHECK(tact_cue_kind_name((tact_cue_kind)4) == NULL);
  CHECK_STR(tact_level_name(TACT_LEVEL_CALM), "calm");
  CHECK_STR(tact_level_name(TACT_LEVEL_HOSTILE), "hostile");
  CHECK(tact_level_name(5) == NULL);
  CHECK(tact_level_name(-1) == NULL);
}

static void test_status_strings(void) {
  CHECK_STR(tact_status_string(TACT_OK), "ok");
  CHECK_STR(tact_status_string(TACT_E_INVALID_ARGUMENT), "invalid argument");
  CHECK_STR(tact_status_string(TACT_E_NOMEM), "out of memory");
  CHECK_STR(tact_status_string(TACT_E_INPUT_TOO_LARGE), "input too large");
  CHECK_STR(tact_status_string(TACT_E_RULES), "rule pack error");
  CHECK_STR(tact_status_string(TACT_E_IO), "I/O error");
  CHECK_STR(tact_status_string(TACT_E_VERSION), "unsupported options version");
  CHECK_STR(tact_status_string(TACT_E_INTERNAL), "internal error");
  CHECK_STR(tact_status_string(TACT_E_DEADLINE), "deadline exceeded");
  CHECK_STR(tact_status_string(1), "unknown status");
  CHECK_STR(tact_status_string(-9), "unknown status");
  CHECK_STR(tact_status_string(-1000), "unknown status");
  /* The values are pinned. */
  CHECK(TACT_E_INVALID_ARGUMENT == -1 && TACT_E_NOMEM == -2 && TACT_E_INPUT_TOO_LARGE == -3 &&
        TACT_E_RULES == -4 && TACT_E_IO == -5 && TACT_E_VERSION == -6 && TACT_E_INTERNAL == -7);
}

static void test_last_error(void) {
  tact_options opts;
  tact_report* r = (tact_report*)&opts; /* must be overwritten with NULL */
  CHECK(tact_last_error() != NULL);
  CHECK(tact_analyze(&r, NULL, "x", 1, TACT_ROLE_AGENT) == TACT_E_INVALID_ARGUMENT);
  CHECK(r == NULL);
  CHECK(strstr(tact_last_error(), "analyzer is NULL") != NULL);
  /* Calls without a status leave the message alone... */
  tact_report_free(NULL);
  CHECK(tact_report_trigger_count(NULL) == 0);
  CHECK(strstr(tact_last_error(), "analyzer is NULL") != NULL);
  /* ...and the next status-returning call clears it. */
  CHECK(tact_options_init(&opts, TACT_OPTIONS_VERSION) == TACT_OK);
  CHECK_STR(tact_last_error(), "");
}

static void test_options_init(void) {
  tact_options opts;
  unsigned char buffer[sizeof(tact_options) + 16];
  size_t v1_size = offsetof(tact_options, max_pack_bytes);
  size_t i;

  CHECK(tact_options_init(NULL, TACT_OPTIONS_VERSION) == TACT_E_INVALID_ARGUMENT);
  CHECK(tact_options_init(&opts, 0) == TACT_E_VERSION);
  CHECK(tact_options_init(&opts, TACT_OPTIONS_VERSION + 1) == TACT_E_VERSION);
  CHECK(strstr(tact_last_error(), "options version 5") != NULL);

  memset(&opts, 0x5a, sizeof opts);
  CHECK(tact_options_init(&opts, TACT_OPTIONS_VERSION) == TACT_OK);
  CHECK(opts.version == TACT_OPTIONS_VERSION);
  CHECK(opts.default_pack == 1);
  CHECK(opts.rule_files == NULL && opts.rule_file_count == 0);
  CHECK(opts.rule_texts == NULL && opts.rule_text_names == NULL && opts.rule_text_count == 0);
  CHECK(opts.max_input_bytes == (size_t)16 << 20);
  CHECK(opts.tone == 1 && opts.rewrite == 1);
  CHECK(opts.max_pack_bytes == (size_t)16 << 20);
  CHECK(opts.max_rules == 50000);
  CHECK(opts.max_findings == 1000);
  CHECK(opts.deadline_us == 0);
  CHECK(opts.language == NULL);

  /* Version 1 writes only version 1's fields: the bytes after them keep
   * their canary. */
  memset(buffer, 0xab, sizeof buffer);
  CHECK(tact_options_init((tact_options*)(void*)buffer, 1) == TACT_OK);
  CHECK(((tact_options*)(void*)buffer)->version == 1);
  CHECK(((tact_options*)(void*)buffer)->rewrite == 1);
  for (i = v1_size; i < sizeof buffer; ++i) CHECK(buffer[i] == 0xab);

  /* Version 2 likewise stops before deadline_us. */
  memset(buffer, 0xab, sizeof buffer);
  CHECK(tact_options_init((tact_options*)(void*)buffer, 2) == TACT_OK);
  CHECK(((tact_options*)(void*)buffer)->max_findings == 1000);
  for (i = offsetof(tact_options, deadline_us); i < sizeof buffer; ++i) CHECK(buffer[i] == 0xab);
}

/* A caller compiled against version 1 of tact_options: the library reads no
 * byte past version 1's fields. Once in a block exactly that long (ASan
 * builds catch any overread), once followed by zeros that would read as
 * max_pack_bytes = max_rules = 0 and make the default pack fail to load. */
static void test_older_options(void) {
  size_t v1_size = offsetof(tact_options, max_pack_bytes);
  tact_options* exact = (tact_options*)calloc(1, v1_size);
  tact_options* padded = (tact_options*)calloc(1, sizeof(tact_options));
  tact_options* v1[2];
  tact_analyzer* a = NULL;
  tact_report* r = NULL;
  int k;

  CHECK(exact != NULL && padded != NULL);
  if (exact == NULL || padded == NULL) return;
  v1[0] = exact;
  v1[1] = padded;
  for (k = 0; k < 2; ++k) {
    CHECK(tact_options_init(v1[k], 1) == TACT_OK);
    CHECK(padded->max_pack_bytes == 0 && padded->max_rules == 0);
    v1[k]->max_input_bytes = 20;
    v1[k]->rewrite = 0;
    CHECK(tact_analyzer_new(&a, v1[k]) == TACT_OK);
    CHECK(a != NULL);
    CHECK(tact_analyzer_rule_count(a) > 0 || !g_have_rules);
    CHECK(tact_analyze(&r, a, "01234567890123456789", 20, TACT_ROLE_AGENT) == TACT_OK);
    tact_report_free(r);
    CHECK(tact_analyze(&r, a, "01234567890123456789!", 21, TACT_ROLE_AGENT) ==
          TACT_E_INPUT_TOO_LARGE);
    CHECK(r == NULL);
    r = analyze(a, "I don't know.", TACT_ROLE_AGENT);
    if (need_pack("rewrite off through a version-1 struct")) {
      CHECK(tact_report_trigger_count(r) >= 1);
      CHECK(tact_report_trigger_count(r) >= 1 &&
            tact_report_trigger_at(r, 0)->suggestion_count == 0);
    }
    tact_report_free(r);
    tact_analyzer_free(a);
  }
  free(exact);
  free(padded);
}

static void test_analyzer_new_errors(void) {
  tact_options opts;
  tact_analyzer* a = (tact_analyzer*)&opts; /* must be overwritten with NULL */
  const char* files[1] = {NULL};
  const char* texts[1] = {NULL};

  CHECK(tact_analyzer_new(NULL, NULL) == TACT_E_INVALID_ARGUMENT);
  CHECK(strstr(tact_last_error(), "out is NULL") != NULL);

  tact_options_init(&opts, TACT_OPTIONS_VERSION);
  opts.version = 99;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_E_VERSION);
  CHECK(a == NULL);
  CHECK(strstr(tact_last_error(), "options version 99") != NULL);
  opts.version = 0;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_E_VERSION);

  tact_options_init(&opts, TACT_OPTIONS_VERSION);
  opts.rule_file_count = 1;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_E_INVALID_ARGUMENT);
  opts.rule_files = files;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_E_INVALID_ARGUMENT);
  CHECK(strstr(tact_last_error(), "rule_files[0] is NULL") != NULL);

  tact_options_init(&opts, TACT_OPTIONS_VERSION);
  opts.rule_text_count = 1;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_E_INVALID_ARGUMENT);
  opts.rule_texts = texts;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_E_INVALID_ARGUMENT);
  CHECK(strstr(tact_last_error(), "rule_texts[0] is NULL") != NULL);
  CHECK(a == NULL);
}

/* [pack] Packs that fail to load name the file, the line and the rule. */
static void test_bad_packs(void) {
  tact_options opts;
  tact_analyzer* a = NULL;
  const char* missing[1] = {"/nonexistent/tact/pack.toml"};
  const char* bad[2] = {"# not TOML\nid = = 'broken'\n",
                        "[[rule]]\n"
                        "id = \"trigger.uncertainty.bad-regex\"\n"
                        "patterns = [\"(unclosed\"]\n"
                        "message = \"Says nothing useful.\"\n"
                        "examples = [\"unclosed\"]\n"
                        "counterexamples = [\"closed\"]\n"};
  const char* names[2] = {"syntax.toml", "regex.toml"};
  if (!need_pack("rule-pack load errors")) return;

  tact_options_init(&opts, TACT_OPTIONS_VERSION);
  opts.rule_files = missing;
  opts.rule_file_count = 1;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_E_IO);
  CHECK(a == NULL);
  CHECK(strstr(tact_last_error(), "/nonexistent/tact/pack.toml") != NULL);

  tact_options_init(&opts, TACT_OPTIONS_VERSION);
  opts.rule_texts = bad;
  opts.rule_text_names = names;
  opts.rule_text_count = 1;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_E_RULES);
  CHECK(a == NULL);
  CHECK(strncmp(tact_last_error(), "syntax.toml:2: ", 15) == 0);
  opts.rule_text_names = NULL;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_E_RULES);
  CHECK(strncmp(tact_last_error(), "<text 0>:2: ", 12) == 0);

  opts.rule_texts = bad + 1;
  opts.rule_text_names = names + 1;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_E_RULES);
  CHECK(a == NULL);
  CHECK(strncmp(tact_last_error(), "regex.toml:3: trigger.uncertainty.bad-regex: ", 45) == 0);
}

/* [pack] A pack given as text layers a rule over the default pack. */
static void test_layered_pack(void) {
  tact_options opts;
  tact_analyzer *a = NULL, *plain = new_default();
  tact_report* r;
  const tact_trigger* t;
  const char* text = "Per our terms and conditions, that is final.";
  const char* packs[1] = {
      "[[rule]]\n"
      "id = \"trigger.policy_shield.terms\"\n"
      "patterns = [\"per our terms and conditions\"]\n"
      "message = \"Quoting the terms sounds like a wall.\"\n"
      "suggestions = [\"here is what I can do\"]\n"
      "examples = [\"Per our terms and conditions, no.\"]\n"
      "counterexamples = [\"Our terms are on the site.\"]\n"};
  if (!need_pack("a pack layered from text")) {
    tact_analyzer_free(plain);
    return;
  }
  tact_options_init(&opts, TACT_OPTIONS_VERSION);
  opts.rule_texts = packs;
  opts.rule_text_count = 1;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_OK);
  CHECK(tact_analyzer_rule_count(a) == tact_analyzer_rule_count(plain) + 1);
  r = analyze(a, text, TACT_ROLE_AGENT);
  t = find_trigger(r, "policy_shield");
  CHECK(t != NULL);
  if (t != NULL) {
    CHECK_STR(t->rule, "trigger.policy_shield.terms");
    CHECK(t->span.start == 0 && t->span.end == 28);
    CHECK_STR(t->text, "Per our terms and conditions");
  }
  tact_report_free(r);
  tact_analyzer_free(a);
  tact_analyzer_free(plain);
}

static void test_analyze_errors(void) {
  tact_analyzer* a = new_default();
  tact_report* r = (tact_report*)&a; /* must be overwritten with NULL */

  CHECK(tact_analyze(NULL, a, "x", 1, TACT_ROLE_AGENT) == TACT_E_INVALID_ARGUMENT);
  CHECK(tact_analyze(&r, NULL, "x", 1, TACT_ROLE_AGENT) == TACT_E_INVALID_ARGUMENT);
  CHECK(r == NULL);
  CHECK(tact_analyze(&r, a, NULL, 3, TACT_ROLE_AGENT) == TACT_E_INVALID_ARGUMENT);
  CHECK(strstr(tact_last_error(), "NULL with a nonzero length") != NULL);
  CHECK(tact_analyze(&r, a, "x", 1, (tact_role)7) == TACT_E_INVALID_ARGUMENT);
  CHECK(strstr(tact_last_error(), "role 7") != NULL);
  CHECK(tact_analyze(&r, a, "x", 1, (tact_role)-1) == TACT_E_INVALID_ARGUMENT);
  CHECK(r == NULL);

  /* NULL with length 0 is an empty message. */
  CHECK(tact_analyze(&r, a, NULL, 0, TACT_ROLE_AGENT) == TACT_OK);
  CHECK(r != NULL);
  CHECK(tact_report_trigger_count(r) == 0 && tact_report_edit_count(r) == 0);
  CHECK_STR(tact_report_rewrite(r, NULL), "");
  tact_report_free(r);
  tact_analyzer_free(a);
}

/* A reply that was all sarcasm: the rewrite is the pack's empty_reply, one
 * edit over the whole message. */
static void test_empty_reply(void) {
  tact_analyzer* a = NULL;
  tact_report* r = NULL;
  const tact_edit* e = NULL;
  if (!need_pack("the pack's empty_reply")) return;
  a = new_default();
  r = analyze(a, "Cool story.", TACT_ROLE_AGENT);
  CHECK_STR(tact_report_rewrite(r, NULL), "I understand this is frustrating.");
  CHECK(tact_report_edit_count(r) == 1);
  e = tact_report_edit_at(r, 0);
  CHECK(e != NULL && e->span.start == 0 && e->span.end == 11);
  tact_report_free(r);
  tact_analyzer_free(a);
}

/* Chat spellings: the rule for "you need to" finds "u need to", and the
 * rewrite writes the reply's informal words out and closes it. */
static void test_informal_spellings(void) {
  tact_analyzer* a = NULL;
  tact_report* r = NULL;
  if (!need_pack("the pack's [spellings]")) return;
  a = new_default();
  r = analyze(a, "u need to restart it, im sure thats the fix", TACT_ROLE_AGENT);
  CHECK(tact_report_trigger_count(r) >= 1);
  CHECK_STR(tact_report_rewrite(r, NULL), "Please restart it. I'm sure that's the fix.");
  tact_report_free(r);
  tact_analyzer_free(a);
}

/* `text` keeps the writer's words: no edit, one declined edit at byte
 * `start` with `reason`. */
static void check_one_declined(const char* text, size_t start, const char* reason) {
  tact_analyzer* a = NULL;
  tact_report* r = NULL;
  const tact_edit* d = NULL;
  if (!need_pack("the pack's should-have rule")) return;
  a = new_default();
  r = analyze(a, text, TACT_ROLE_AGENT);
  CHECK_STR(tact_report_rewrite(r, NULL), text);
  CHECK(tact_report_edit_count(r) == 0);
  CHECK(tact_report_declined_count(r) == 1);
  d = tact_report_declined_at(r, 0);
  CHECK(d != NULL && d->span.start == start);
  CHECK_STR(tact_report_declined_reason(r, 0), reason);
  tact_report_free(r);
  tact_analyzer_free(a);
}

/* A finding whose only suggestion opens a sentence, inside a clause: the
 * writer's words stay and the edit is declined with reason "no_fit". */
static void test_declined_no_fit(void) {
  check_one_declined("The fee applies because you should have returned the box within 30 days.", 24,
                     "no_fit");
}

/* A rule whose suggestions are advice (splice = false): the writer's words
 * stay, the suggestion is still offered, the edit is declined as "advice". */
static void test_declined_advice(void) {
  check_one_declined("You should have kept the receipt.", 0, "advice");
}

static void test_input_limit(void) {
  tact_options opts;
  tact_analyzer* a = NULL;
  tact_report* r = NULL;
  tact_options_init(&opts, TACT_OPTIONS_VERSION);
  opts.max_input_bytes = 5;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_OK);
  CHECK(tact_analyze(&r, a, "hello", 5, TACT_ROLE_AGENT) == TACT_OK);
  CHECK(r != NULL);
  tact_report_free(r);
  CHECK(tact_analyze(&r, a, "hello!", 6, TACT_ROLE_AGENT) == TACT_E_INPUT_TOO_LARGE);
  CHECK(r == NULL);
  CHECK(strstr(tact_last_error(), "6 bytes") != NULL);
  tact_analyzer_free(a);
}

/* Bad UTF-8 and NUL bytes are text, not errors. */
static void test_odd_input(void) {
  tact_analyzer* a = new_default();
  tact_report* r = NULL;
  static const char bad[] = "\xff\xfe I don't know. \xc3\x28 \xed\xa0\x80 \xf0\x9f";
  static const char nul[] = "I don't\0 know";
  const tact_trigger* t;

  CHECK(tact_analyze(&r, a, bad, sizeof bad - 1, TACT_ROLE_AGENT) == TACT_OK);
  CHECK(r != NULL);
  if (need_pack("a trigger after invalid UTF-8")) {
    t = find_trigger(r, "uncertainty");
    CHECK(t != NULL);
    if (t != NULL) {
      CHECK(t->span.start == 3 && t->span.end == 15);
      CHECK(t->span.start_utf16 == 3 && t->span.end_utf16 == 15);
      CHECK_STR(t->text, "I don't know");
    }
  }
  tact_report_free(r);

  CHECK(tact_analyze(&r, a, nul, sizeof nul - 1, TACT_ROLE_AGENT) == TACT_OK);
  tact_report_free(r);
  tact_analyzer_free(a);
}

static void check_span_text(const char* text, tact_span span, const char* got) {
  CHECK(span.start <= span.end && span.end <= strlen(text));
  CHECK(strlen(got) == span.end - span.start);
  CHECK(strncmp(text + span.start, got, span.end - span.start) == 0);
}

/* Reads every accessor of one report, checking what must always hold. */
static void check_report(const char* text, const tact_report* r) {
  size_t i, j, count, len;
  const tact_tone* tone = tact_report_tone(r);
  const tact_escalation* esc = tact_report_escalation(r);
  const char* rewrite;

  CHECK(tone != NULL && esc != NULL);
  CHECK(tone->sentiment >= -1 && tone->sentiment <= 1);
  CHECK(tone->anger >= 0 && tone->anger <= 1 && tone->politeness >= 0 && tone->politeness <= 1);
  CHECK(tone->empathy >= 0 && tone->empathy <= 1);
  CHECK(tone->deescalation >= 0 && tone->deescalation <= 1);
  CHECK(esc->level >= 0 && esc->level <= 4 && esc->score >= 0 && esc->score <= 1);
  CHECK(esc->label != NULL);

  count = tact_report_trigger_count(r);
  for (i = 0; i < count; ++i) {
    const tact_trigger* t = tact_report_trigger_at(r, i);
    CHECK(t != NULL && t->rule != NULL && t->category != NULL && t->message != NULL);
    CHECK(t->severity >= TACT_SEVERITY_INFO && t->severity <= TACT_SEVERITY_ERROR);
    check_span_text(text, t->span, t->text);
    for (j = 0; j < t->suggestion_count; ++j) CHECK(t->suggestions[j] != NULL);
  }
  CHECK(tact_report_trigger_at(r, count) == NULL);
  count = tact_report_technique_count(r);
  for (i = 0; i < count; ++i) {
    const tact_technique* t = tact_report_technique_at(r, i);
    CHECK(t != NULL && t->rule != NULL && t->type != NULL);
    check_span_text(text, t->span, t->text);
  }
  CHECK(tact_report_technique_at(r, count) == NULL);
  count = tact_report_signal_count(r);
  for (i = 0; i < count; ++i) {
    const tact_signal* s = tact_report_signal_at(r, i);
    CHECK(s != NULL && s->rule != NULL && s->type != NULL);
    check_span_text(text, s->span, s->text);
  }
  CHECK(tact_report_signal_at(r, count) == NULL);
  count = tact_report_cue_count(r);
  for (i = 0; i < count; ++i) {
    const tact_cue* c = tact_report_cue_at(r, i);
    CHECK(c != NULL && c->kind != NULL && c->type != NULL);
    CHECK(c != NULL && c->kind != NULL &&
          strcmp(c->kind, tact_cue_kind_name(tact_report_cue_kind(r, i))) == 0);
    CHECK(c->span.start <= c->span.end && c->span.end <= strlen(text));
  }
  CHECK(tact_report_cue_at(r, count) == NULL);
  CHECK(tact_report_cue_kind(r, count) == TACT_CUE_TONE);
  CHECK(tact_report_cue_kind(NULL, 0) == TACT_CUE_TONE);
  CHECK(tact_report_cue_at(r, (size_t)-1) == NULL);

  /* Applying the edits to the original gives the rewrite. */
  rewrite = tact_report_rewrite(r, &len);
  CHECK(rewrite != NULL && strlen(rewrite) == len);
  count = tact_report_edit_count(r);
  if (count > 0) {
    char out[1024] = "";
    size_t at = 0;
    for (i = 0; i < count; ++i) {
      const tact_edit* e = tact_report_edit_at(r, i);
      CHECK(e != NULL && e->span.start >= at && e->replacement != NULL);
      strncat(out, text + at, e->span.start - at);
      strcat(out, e->replacement);
      at = e->span.end;
    }
    strcat(out, text + at);
    CHECK_STR(rewrite, out);
  }
  CHECK(tact_report_edit_at(r, count) == NULL);
}

static void test_accessors(void) {
  tact_analyzer* a = new_default();
  const char* agent = "I don't know, calm down. It's our policy, sorry.";
  const char* customer =
      "This is the THIRD time I call!!! I want a refund or I cancel. Manager now.";
  tact_report* r = analyze(a, agent, TACT_ROLE_AGENT);
  const tact_trigger* t;
  const char *json = NULL, *again = NULL;
  size_t len = 0;

  check_report(agent, r);
  CHECK(tact_report_role(r) == TACT_ROLE_AGENT);
  CHECK(tact_report_role_guessed(r) == 0);
  CHECK(tact_report_json(&json, &len, r) == TACT_OK);
  CHECK(json != NULL && strlen(json) == len && json[0] == '{' && json[len - 1] == '}');
  CHECK(strstr(json, "\"role\":\"agent\"") != NULL);
  CHECK(tact_report_json(&again, NULL, r) == TACT_OK);
  CHECK(again == json); /* borrowed and kept */
  if (need_pack("triggers of an agent reply")) {
    t = find_trigger(r, "uncertainty");
    CHECK(t != NULL);
    if (t != NULL) {
      CHECK(t->span.start == 0 && t->span.end == 12);
      CHECK(t->span.start_utf16 == 0 && t->span.end_utf16 == 12);
      CHECK_STR(t->text, "I don't know");
      CHECK(t->suggestion_count >= 1);
      CHECK(strstr(t->rule, "uncertainty") != NULL);
    }
    t = find_trigger(r, "dismissive");
    CHECK(t != NULL && t->span.start == 14 && t->span.end == 23);
    CHECK(find_trigger(r, "policy_shield") != NULL);
    CHECK(tact_report_edit_count(r) >= 1);
    CHECK(strcmp(tact_report_rewrite(r, NULL), agent) != 0);
  }
  tact_report_free(r);

  r = analyze(a, customer, TACT_ROLE_CUSTOMER);
  check_report(customer, r);
  CHECK(tact_report_role(r) == TACT_ROLE_CUSTOMER);
  CHECK(tact_report_trigger_count(r) == 0);
  if (need_pack("signals of a customer message")) {
    CHECK(tact_report_signal_count(r) >= 2);
    CHECK(tact_report_escalation(r)->level >= 2);
  }
  tact_report_free(r);

  r = analyze(a, customer, TACT_ROLE_AUTO);
  check_report(customer, r);
  CHECK(tact_report_role_guessed(r) == 1);
  CHECK(tact_report_role(r) == TACT_ROLE_AGENT || tact_report_role(r) == TACT_ROLE_CUSTOMER);
  tact_report_free(r);

  /* Multi-byte text before a phrase: UTF-8 and UTF-16 offsets differ. */
  r = analyze(a, "\xf0\x9f\x98\x80 I don\xe2\x80\x99t know.", TACT_ROLE_AGENT);
  if (need_pack("offsets after an emoji and a curly apostrophe")) {
    t = find_trigger(r, "uncertainty");
    CHECK(t != NULL);
    if (t != NULL) {
      CHECK(t->span.start == 5 && t->span.end == 19);
      CHECK(t->span.start_utf16 == 3 && t->span.end_utf16 == 15);
    }
  }
  tact_report_free(r);

  /* NULL reports. */
  CHECK(tact_report_role(NULL) == TACT_ROLE_AGENT && tact_report_role_guessed(NULL) == 0);
  CHECK(tact_report_truncated(NULL) == 0);
  CHECK(tact_report_tone(NULL) == NULL && tact_report_escalation(NULL) == NULL);
  CHECK(tact_report_trigger_count(NULL) == 0 && tact_report_trigger_at(NULL, 0) == NULL);
  CHECK(tact_report_technique_count(NULL) == 0 && tact_report_technique_at(NULL, 0) == NULL);
  CHECK(tact_report_signal_count(NULL) == 0 && tact_report_signal_at(NULL, 0) == NULL);
  CHECK(tact_report_cue_count(NULL) == 0 && tact_report_cue_at(NULL, 0) == NULL);
  CHECK(tact_report_edit_count(NULL) == 0 && tact_report_edit_at(NULL, 0) == NULL);
  len = 7;
  CHECK(tact_report_rewrite(NULL, &len) == NULL && len == 0);
  CHECK(tact_report_json(NULL, NULL, NULL) == TACT_E_INVALID_ARGUMENT);
  CHECK(tact_report_json(&json, &len, NULL) == TACT_E_INVALID_ARGUMENT);
  CHECK(json == NULL && len == 0);
  tact_analyzer_free(NULL);
  tact_report_free(NULL);
  CHECK(tact_analyzer_rule_count(NULL) == 0);
  tact_analyzer_free(a);
}

/* Sections switched off stay empty. */
static void test_sections(void) {
  tact_options opts;
  tact_analyzer* a = NULL;
  tact_report* r;
  const tact_tone* tone;
  const char* customer = "I am FURIOUS. Worst service ever, you people are useless!!!";
  tact_options_init(&opts, TACT_OPTIONS_VERSION);
  opts.tone = 0;
  opts.rewrite = 0;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_OK);
  r = analyze(a, customer, TACT_ROLE_CUSTOMER);
  tone = tact_report_tone(r);
  CHECK(tone->sentiment == 0 && tone->anger == 0 && tone->politeness == 0);
  CHECK(tone->empathy == 0 && tone->deescalation == 0);
  CHECK(tact_report_escalation(r)->level == 0 && tact_report_escalation(r)->score == 0);
  CHECK_STR(tact_report_escalation(r)->label, "calm");
  CHECK(tact_report_cue_count(r) == 0);
  tact_report_free(r);
  r = analyze(a, "I don't know. Calm down.", TACT_ROLE_AGENT);
  CHECK(tact_report_edit_count(r) == 0);
  CHECK_STR(tact_report_rewrite(r, NULL), "");
  if (need_pack("triggers without suggestions when rewrite is off")) {
    CHECK(tact_report_trigger_count(r) >= 1);
    CHECK(tact_report_trigger_at(r, 0)->suggestion_count == 0);
  }
  tact_report_free(r);
  tact_analyzer_free(a);

  /* Findings past max_findings are dropped and the report says so. */
  tact_options_init(&opts, TACT_OPTIONS_VERSION);
  opts.max_findings = 1;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_OK);
  r = analyze(a, "Calm down. I don't know. It's our policy.", TACT_ROLE_AGENT);
  if (need_pack("max_findings")) {
    CHECK(tact_report_trigger_count(r) == 1);
    CHECK(tact_report_truncated(r) == 1);
  }
  tact_report_free(r);
  r = analyze(a, "Thanks!", TACT_ROLE_AGENT);
  CHECK(tact_report_truncated(r) == 0);
  tact_report_free(r);
  tact_analyzer_free(a);

  tact_options_init(&opts, TACT_OPTIONS_VERSION);
  opts.default_pack = 0;
  CHECK(tact_analyzer_new(&a, &opts) == TACT_OK);
  CHECK(tact_analyzer_rule_count(a) == 0);
  r = analyze(a, "I don't know. Calm down.", TACT_ROLE_AGENT);
  CHECK(tact_report_trigger_count(r) == 0);
  tact_report_free(r);
  tact_analyzer_free(a);
}

static void test_batch(void) {
  static const char* texts[] = {"I don't know.", NULL, "Calm down, it's our policy.",
                                "I want a MANAGER now!!!", "\xff bad \xfe bytes"};
  enum { n = sizeof texts / sizeof texts[0] };
  size_t lens[n];
  int statuses[n];
  tact_report* out[n];
  tact_analyzer* a = new_default();
  tact_options opts;
  tact_analyzer* small = NULL;
  size_t i;
  unsigned threads;

  for (i = 0; i < n; ++i) lens[i] = texts[i] ? strlen(texts[i]) : 0;

  CHECK(tact_analyze_batch(NULL, a, NULL, NULL, 0, TACT_ROLE_AGENT, 1, NULL) == TACT_OK);
  CHECK(tact_analyze_batch(NULL, a, texts, lens, n, TACT_ROLE_AGENT, 1, NULL) ==
        TACT_E_INVALID_ARGUMENT);
  CHECK(tact_analyze_batch(out, NULL, texts, lens, n, TACT_ROLE_AGENT, 1, NULL) ==
        TACT_E_INVALID_ARGUMENT);
  for (i = 0; i < n; ++i) CHECK(out[i] == NULL);
  CHECK(tact_analyze_batch(out, a, NULL, lens, n, TACT_ROLE_AGENT, 1, NULL) ==
        TACT_E_INVALID_ARGUMENT);
  CHECK(tact_analyze_batch(out, a, texts, lens, n, (tact_role)9, 1, NULL) ==
        TACT_E_INVALID_ARGUMENT);
  lens[1] = 4;
  CHECK(tact_analyze_batch(out, a, texts, lens, n, TACT_ROLE_AGENT, 1, NULL) ==
        TACT_E_INVALID_ARGUMENT);
  CHECK(strstr(tact_last_error(), "texts[1] is NULL") != NULL);
  lens[1] = 0;

  /* Results in input order, equal to one call each, on any thread count. */
  for (threads = 0; threads <= 3; ++threads) {
    CHECK(tact_analyze_batch(out, a, texts, threads == 2 ? NULL : lens, n, TACT_ROLE_AGENT, threads,
                             statuses) == TACT_OK);
    for (i = 0; i < n; ++i) {
      tact_report* single = NULL;
      char *want, *got;
      CHECK(statuses[i] == TACT_OK && out[i] != NULL);
      CHECK(tact_analyze(&single, a, texts[i], lens[i], TACT_ROLE_AGENT) == TACT_OK);
      want = copy_json(single);
      got = copy_json(out[i]);
      CHECK(want != NULL && got != NULL && strcmp(want, got) == 0);
      free(want);
      free(got);
      tact_report_free(single);
      tact_report_free(out[i]);
    }
  }

  /* One message over the limit: the others are still analyzed. */
  tact_options_init(&opts, TACT_OPTIONS_VERSION);
  opts.max_input_bytes = 20;
  CHECK(tact_analyzer_new(&small, &opts) == TACT_OK);
  CHECK(tact_analyze_batch(out, small, texts, lens, n, TACT_ROLE_CUSTOMER, 2, statuses) ==
        TACT_E_INPUT_TOO_LARGE);
  CHECK(strncmp(tact_last_error(), "message 2: ", 11) == 0);
  for (i = 0; i < n; ++i) {
    int over = lens[i] > 20;
    CHECK(statuses[i] == (over ? TACT_E_INPUT_TOO_LARGE : TACT_OK));
    CHECK((out[i] == NULL) == over);
    if (out[i] != NULL) CHECK(tact_report_role(out[i]) == TACT_ROLE_CUSTOMER);
    tact_report_free(out[i]);
  }
  tact_analyzer_free(small);
  tact_analyzer_free(a);
}

/* Rule texts nested past toml++'s recursion are refused with a line number
 * before toml++ parses them, even on a thread with a 256 KB stack (issue
 * 12: 1,000 dotted-key parts overflowed it). */
#define DEEP_PACKS 6
struct deep_pack_run {
  int codes[DEEP_PACKS];
  int lines_ok[DEEP_PACKS];
};

static char* repeat_text(const char* head, const char* unit, size_t n, const char* tail) {
  size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail), i;
  char* s = (char*)malloc(hl + ul * n + tl + 1);
  char* p = s;
  if (s == NULL) return NULL;
  memcpy(p, head, hl);
  p += hl;
  for (i = 0; i < n; ++i, p += ul) memcpy(p, unit, ul);
  memcpy(p, tail, tl + 1);
  return s;
}

static void* run_deep_packs(void* arg) {
  struct deep_pack_run* run = (struct deep_pack_run*)arg;
  char* texts[DEEP_PACKS];
  int i;
  texts[0] = repeat_text("a", ".a", 50000, "=1\n");
  texts[1] = repeat_text("a", ".a", 1000, "=1\n");
  texts[2] = repeat_text("# header\n[a", ".a", 50000, "]\n");
  texts[3] = repeat_text("x = 1\ny = ", "[", 50000, "\n");
  texts[4] = repeat_text("x = 1\ny = ", "{a=", 50000, "\n");
  texts[5] =
      repeat_text("x = \"\"\"\n", "\n", 2, "\"\"\"\ny = 1\na = {b.c.d = [1]}\n[t]\na.b = 1\n");
  for (i = 0; i < DEEP_PACKS; ++i) {
    tact_options opts;
    tact_analyzer* a = NULL;
    const char* one[1];
    const char* name[1] = {"deep.toml"};
    run->codes[i] = 1;
    run->lines_ok[i] = 0;
    if (texts[i] == NULL) continue;
    one[0] = texts[i];
    tact_options_init(&opts, TACT_OPTIONS_VERSION);
    opts.default_pack = 0;
    opts.rule_texts = one;
    opts.rule_text_names = name;
    opts.rule_text_count = 1;
    run->codes[i] = tact_analyzer_new(&a, &opts);
    /* The first five name the line that passes a limit; the last is valid
     * TOML within the limits (a multi-line string, dotted keys, an inline
     * table), refused only for its unknown fields. */
    if (i < 5) {
      const char* want = i < 2 ? "deep.toml:1: invalid TOML: " : "deep.toml:2: invalid TOML: ";
      run->lines_ok[i] = strncmp(tact_last_error(), want, strlen(want)) == 0;
    } else {
      run->lines_ok[i] = strstr(tact_last_error(), "invalid TOML") == NULL;
    }
    tact_analyzer_free(a);
    free(texts[i]);
  }
  return NULL;
}

static void test_deep_packs(void) {
  pthread_attr_t attr;
  pthread_t thread;
  struct deep_pack_run run;
  int i;
  CHECK(pthread_attr_init(&attr) == 0);
  CHECK(pthread_attr_setstacksize(&attr, 256 * 1024) == 0);
  CHECK(pthread_create(&thread, &attr, run_deep_packs, &run) == 0);
  CHECK(pthread_join(thread, NULL) == 0);
  pthread_attr_destroy(&attr);
  for (i = 0; i < DEEP_PACKS; ++i) {
    CHECK(run.codes[i] == TACT_E_RULES);
    CHECK(run.lines_ok[i]);
    if (!run.lines_ok[i]) fprintf(stderr, "deep pack %d\n", i);
  }
}

/* Two threads sharing one analyzer produce what one thread does. */
#define THREAD_TEXTS 6
#define ROUNDS 40
static const char* const k_thread_texts[THREAD_TEXTS] = {
    "I don't know, calm down.",
    "You should have read the policy. It's not my department.",
    "I'm so sorry about the delay, I'll fix this for you right now.",
    "This is RIDICULOUS!!! Third time I'm writing. I want my money back.",
    "\xf0\x9f\x98\xa1 Why is my order late again?",
    "Unfortunately we can't refund that, please hold."};

struct worker {
  const tact_analyzer* analyzer;
  char* const* expected;
  int mismatches;
};

static void* run_worker(void* arg) {
  struct worker* w = (struct worker*)arg;
  int round, i;
  for (round = 0; round < ROUNDS; ++round) {
    for (i = 0; i < THREAD_TEXTS; ++i) {
      const char* text = k_thread_texts[(i + round) % THREAD_TEXTS];
      tact_report* r = NULL;
      const char* json = NULL;
      if (tact_analyze(&r, w->analyzer, text, strlen(text), TACT_ROLE_AUTO) != TACT_OK ||
          tact_report_json(&json, NULL, r) != TACT_OK ||
          strcmp(json, w->expected[(i + round) % THREAD_TEXTS]) != 0) {
        ++w->mismatches;
      }
      tact_report_free(r);
    }
  }
  return NULL;
}

static void test_threads(void) {
  tact_analyzer* a = new_default();
  char* expected[THREAD_TEXTS];
  struct worker w[2];
  pthread_t threads[2];
  int i;
  for (i = 0; i < THREAD_TEXTS; ++i) {
    tact_report* r = analyze(a, k_thread_texts[i], TACT_ROLE_AUTO);
    expected[i] = copy_json(r);
    CHECK(expected[i] != NULL);
    tact_report_free(r);
  }
  for (i = 0; i < 2; ++i) {
    w[i].analyzer = a;
    w[i].expected = expected;
    w[i].mismatches = 0;
    CHECK(pthread_create(&threads[i], NULL, run_worker, &w[i]) == 0);
  }
  for (i = 0; i < 2; ++i) {
    CHECK(pthread_join(threads[i], NULL) == 0);
    CHECK(w[i].mismatches == 0);
  }
  for (i = 0; i < THREAD_TEXTS; ++i) free(expected[i]);
  tact_analyzer_free(a);
}

/* Conversations: append turns, read route/priority/JSON; bad roles and
 * NULLs are status codes, and a failed append leaves the conversation as it
 * was. */
static void test_conversation(void) {
  tact_analyzer* a = NULL;
  tact_conversation* c = NULL;
  const char* json = NULL;
  size_t len = 0;
  const char* t1 = "I want to talk to a supervisor about this double charge.";
  const char* t2 = "I'm sorry about that.";
  const char* t3 = "I'll bring in my supervisor now; she can reverse the charge.";
  CHECK(tact_analyzer_new(&a, NULL) == TACT_OK);
  CHECK(tact_conversation_new(NULL, a) == TACT_E_INVALID_ARGUMENT);
  CHECK(tact_conversation_new(&c, NULL) == TACT_E_INVALID_ARGUMENT);
  CHECK(c == NULL);
  CHECK(tact_conversation_new(&c, a) == TACT_OK);
  CHECK(tact_conversation_append(c, t1, strlen(t1), TACT_ROLE_CUSTOMER) == TACT_OK);
  CHECK(tact_conversation_append(c, t2, strlen(t2), TACT_ROLE_AGENT) == TACT_OK);
  CHECK(tact_conversation_json(&json, &len, c) == TACT_OK);
  CHECK(json != NULL && strstr(json, "\"unaddressed\":[\"manager_request\"]") != NULL);
  CHECK(tact_conversation_append(c, t3, strlen(t3), TACT_ROLE_AGENT) == TACT_OK);
  CHECK(tact_conversation_json(&json, &len, c) == TACT_OK);
  CHECK(json != NULL && len == strlen(json));
  CHECK(strstr(json, "\"turn\":2,\"unaddressed\":[]") != NULL);
  CHECK_STR(tact_conversation_route(c), "supervisor");
  CHECK_STR(tact_conversation_priority(c), "P1");
  CHECK(tact_conversation_append(c, "x", 1, TACT_ROLE_AUTO) == TACT_E_INVALID_ARGUMENT);
  CHECK(strlen(tact_last_error()) > 0);
  CHECK(tact_conversation_append(c, "x", 1, (tact_role)42) == TACT_E_INVALID_ARGUMENT);
  CHECK(tact_conversation_append(c, NULL, 3, TACT_ROLE_AGENT) == TACT_E_INVALID_ARGUMENT);
  CHECK(tact_conversation_append(NULL, "x", 1, TACT_ROLE_AGENT) == TACT_E_INVALID_ARGUMENT);
  CHECK(tact_conversation_append(c, "\xff\xfe", 2, TACT_ROLE_CUSTOMER) == TACT_OK);
  CHECK(tact_conversation_turn_count(c) == 4);
  CHECK(tact_conversation_turn_count(NULL) == 0);
  /* The accessors read what the JSON says. */
  CHECK(tact_conversation_peak(c) >= tact_conversation_turn_level(c, 0));
  CHECK(tact_conversation_current(c) == tact_conversation_turn_level(c, 3));
  CHECK(tact_conversation_trend(c) != NULL);
  CHECK(tact_conversation_trend(NULL) == NULL);
  CHECK(tact_conversation_turn_stage(c, 0) != NULL &&
        strlen(tact_conversation_turn_stage(c, 0)) > 0);
  CHECK_STR(tact_conversation_turn_stage(c, 1), "");
  CHECK(tact_conversation_turn_level(c, 1) == 0);
  CHECK(tact_conversation_unaddressed_count(c, 1) == 1);
  CHECK_STR(tact_conversation_unaddressed_at(c, 1, 0), "manager_request");
  CHECK(tact_conversation_unaddressed_at(c, 1, 1) == NULL);
  CHECK(tact_conversation_unaddressed_count(c, 2) == 0);
  CHECK(tact_conversation_unaddressed_count(c, 0) == 0);
  CHECK(tact_conversation_unaddressed_count(c, 99) == 0);
  CHECK(tact_conversation_turn_stage(c, 99) == NULL);
  CHECK(tact_conversation_reason_count(c) >= 1);
  {
    size_t i;
    const tact_conversation_reason* why = NULL;
    for (i = 0; i < tact_conversation_reason_count(c); ++i) {
      why = tact_conversation_reason_at(c, i);
      CHECK(why != NULL && why->type != NULL && why->text != NULL && why->turn < 4);
    }
    why = tact_conversation_reason_at(c, 0);
    CHECK(why != NULL && strcmp(why->type, "manager_request") == 0 && why->turn == 0);
    CHECK(why != NULL && strncmp(t1 + why->span.start, why->text, strlen(why->text)) == 0);
    CHECK(tact_conversation_reason_at(c, tact_conversation_reason_count(c)) == NULL);
  }
  {
    const tact_report* first = tact_conversation_turn_report(c, 0);
    const tact_report* again = tact_conversation_turn_report(c, 0);
    CHECK(first != NULL && first == again);
    CHECK(tact_report_role(first) == TACT_ROLE_CUSTOMER);
    CHECK(tact_report_signal_count(first) >= 1);
    CHECK(tact_report_role(tact_conversation_turn_report(c, 1)) == TACT_ROLE_AGENT);
    CHECK(tact_conversation_turn_report(c, 4) == NULL);
    CHECK(tact_conversation_turn_report(NULL, 0) == NULL);
    /* A turn's report stays valid across appends. */
    CHECK(tact_conversation_append(c, t2, strlen(t2), TACT_ROLE_AGENT) == TACT_OK);
    CHECK(tact_report_role(first) == TACT_ROLE_CUSTOMER);
    CHECK(tact_conversation_turn_report(c, 0) == first);
  }
  CHECK(tact_conversation_json(NULL, NULL, c) == TACT_E_INVALID_ARGUMENT);
  tact_conversation_free(c);
  tact_conversation_free(NULL);
  tact_analyzer_free(a);
}

int main(void) {
  tact_analyzer* a = new_default();
  g_have_rules = tact_analyzer_rule_count(a) > 0;
  tact_analyzer_free(a);

  test_versions();
  test_conversation();
  test_status_strings();
  test_enum_names();
  test_last_error();
  test_options_init();
  test_older_options();
  test_analyzer_new_errors();
  test_bad_packs();
  test_deep_packs();
  test_layered_pack();
  test_analyze_errors();
  test_input_limit();
  test_empty_reply();
  test_informal_spellings();
  test_declined_no_fit();
  test_declined_advice();
  test_odd_input();
  test_accessors();
  test_sections();
  test_batch();
  test_threads();

  printf("%d passed, %d failed\n", g_checks - g_failures, g_failures);
  return g_failures == 0 ? 0 : 1;
}
