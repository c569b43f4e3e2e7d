/* Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
 *
 * A C caller compiled against a frozen copy of tact.h (v1/, the header of
 * libtact.so.1 as first released with options version 3) and run against
 * the library of this build: every struct it reads and writes has the
 * layout it was compiled with, and every function it calls behaves as that
 * header documents. A change to the library that breaks such a program
 * breaks this test; it then needs a new SONAME (docs/c.md). */
#include <stdio.h>
#include <string.h>

#include "tact.h"

static int failures = 0;

#define EXPECT(cond)                                                     \
  do {                                                                   \
    if (!(cond)) {                                                       \
      fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                        \
    }                                                                    \
  } while (0)

static int span_ok(const tact_span* s, size_t len) {
  return s->start <= s->end && s->end <= len && s->start_utf16 <= s->end_utf16;
}

/* Reads every part of a report as a program built on the v1 header does. */
static void read_report(const tact_report* r, const char* text) {
  const size_t len = strlen(text);
  size_t i, k;
  const tact_escalation* e = tact_report_escalation(r);
  const tact_tone* tone = tact_report_tone(r);
  EXPECT(e != NULL && e->level >= 0 && e->level <= 4 && e->label != NULL);
  EXPECT(tone != NULL && tone->sentiment >= -1.0 && tone->sentiment <= 1.0);
  for (i = 0; i < tact_report_trigger_count(r); ++i) {
    const tact_trigger* t = tact_report_trigger_at(r, i);
    EXPECT(t->rule != NULL && strncmp(t->rule, "trigger.", 8) == 0);
    EXPECT(t->category != NULL && t->message != NULL && t->text != NULL);
    EXPECT(t->severity >= TACT_SEVERITY_INFO && t->severity <= TACT_SEVERITY_ERROR);
    EXPECT(span_ok(&t->span, len));
    EXPECT(strlen(t->text) == t->span.end - t->span.start);
    EXPECT(memcmp(t->text, text + t->span.start, strlen(t->text)) == 0);
    for (k = 0; k < t->suggestion_count; ++k) EXPECT(t->suggestions[k] != NULL);
    EXPECT(tact_report_trigger_probability(r, i) > 0.0);
  }
  for (i = 0; i < tact_report_technique_count(r); ++i) {
    const tact_technique* t = tact_report_technique_at(r, i);
    EXPECT(t->rule != NULL && t->type != NULL && span_ok(&t->span, len));
  }
  for (i = 0; i < tact_report_signal_count(r); ++i) {
    const tact_signal* s = tact_report_signal_at(r, i);
    EXPECT(s->rule != NULL && s->type != NULL && span_ok(&s->span, len));
  }
  for (i = 0; i < tact_report_cue_count(r); ++i) {
    const tact_cue* c = tact_report_cue_at(r, i);
    EXPECT(c->kind != NULL && c->type != NULL && span_ok(&c->span, len));
    EXPECT(strcmp(c->kind, "signal") == 0 || strcmp(c->kind, "technique") == 0 ||
           strcmp(c->kind, "trigger") == 0 || strcmp(c->kind, "tone") == 0);
  }
  for (i = 0; i < tact_report_edit_count(r); ++i) {
    const tact_edit* ed = tact_report_edit_at(r, i);
    EXPECT(ed->replacement != NULL && span_ok(&ed->span, len));
  }
  {
    size_t n = 0;
    const char* rewrite = tact_report_rewrite(r, &n);
    EXPECT(rewrite != NULL && strlen(rewrite) == n);
  }
}

int main(void) {
  static const char* const pack_names[] = {"house"};
  static const char* const packs[] = {
      "[[rule]]\n"
      "id = \"trigger.dismissive.house-whatever\"\n"
      "patterns = ['whatever']\n"
      "severity = \"error\"\n"
      "message = \"Dismisses the customer.\"\n"
      "suggestions = [\"I understand\"]\n"
      "examples = [\"Well, whatever.\"]\n"
      "counterexamples = [\"Whichever you prefer is fine.\"]\n"};
  const char* agent = "I don't know, whatever. Calm down, it's our policy.";
  const char* customer = "This is the THIRD time I'm writing. I want a refund or I'm leaving!";
  const char* texts[2];
  tact_options opts;
  tact_analyzer* a = NULL;
  tact_report* r = NULL;
  tact_report* batch[2] = {NULL, NULL};
  int statuses[2] = {1, 1};
  unsigned int used = 0;
  tact_conversation* c = NULL;
  const char* json = NULL;
  size_t len = 0;
  size_t i;
  int found_house = 0;

  EXPECT(tact_abi_version() == TACT_ABI_VERSION);
  EXPECT(tact_version_number() >= TACT_VERSION_NUMBER);

  /* The options struct of the frozen header: version 3, every field set. */
  EXPECT(tact_options_init(&opts, TACT_OPTIONS_VERSION) == TACT_OK);
  EXPECT(opts.version == 3 && opts.default_pack == 1 && opts.max_rules == 50000);
  opts.rule_texts = packs;
  opts.rule_text_names = pack_names;
  opts.rule_text_count = 1;
  opts.max_findings = 500;
  opts.deadline_us = 0;
  if (tact_analyzer_new(&a, &opts) != TACT_OK) {
    fprintf(stderr, "tact_analyzer_new: %s\n", tact_last_error());
    return 1;
  }
  EXPECT(tact_analyzer_rule_count(a) > 100);

  EXPECT(tact_analyze(&r, a, agent, strlen(agent), TACT_ROLE_AGENT) == TACT_OK);
  read_report(r, agent);
  EXPECT(tact_report_trigger_count(r) >= 3);
  for (i = 0; i < tact_report_trigger_count(r); ++i) {
    const tact_trigger* t = tact_report_trigger_at(r, i);
    if (strcmp(t->rule, "trigger.dismissive.house-whatever") == 0) {
      found_house = 1;
      EXPECT(t->severity == TACT_SEVERITY_ERROR);
      EXPECT(t->suggestion_count >= 1);
    }
  }
  EXPECT(found_house);
  EXPECT(tact_report_json(&json, &len, r) == TACT_OK && json != NULL && strlen(json) == len);
  tact_report_free(r);

  /* A bad role is an error, not undefined behaviour. */
  r = NULL;
  EXPECT(tact_analyze(&r, a, agent, strlen(agent), (tact_role)7) == TACT_E_INVALID_ARGUMENT);
  EXPECT(r == NULL && strlen(tact_last_error()) > 0);

  texts[0] = agent;
  texts[1] = customer;
  EXPECT(tact_analyze_batch_v2(batch, a, texts, NULL, 2, TACT_ROLE_AUTO, 2, statuses, &used) ==
         TACT_OK);
  EXPECT(statuses[0] == TACT_OK && statuses[1] == TACT_OK && used >= 1);
  read_report(batch[0], agent);
  read_report(batch[1], customer);
  EXPECT(tact_report_role(batch[1]) == TACT_ROLE_CUSTOMER && tact_report_role_guessed(batch[1]));
  EXPECT(tact_report_signal_count(batch[1]) >= 2);
  tact_report_free(batch[0]);
  tact_report_free(batch[1]);

  EXPECT(tact_conversation_new(&c, a) == TACT_OK);
  EXPECT(tact_conversation_append(c, customer, strlen(customer), TACT_ROLE_CUSTOMER) == TACT_OK);
  EXPECT(tact_conversation_append(c, agent, strlen(agent), TACT_ROLE_AGENT) == TACT_OK);
  EXPECT(tact_conversation_turn_count(c) == 2);
  EXPECT(tact_conversation_route(c) != NULL && tact_conversation_priority(c) != NULL);
  EXPECT(tact_conversation_json(&json, &len, c) == TACT_OK && strlen(json) == len);
  EXPECT(strstr(json, "\"unaddressed\":[") != NULL);

  /* The conversation may outlive the analyzer. */
  tact_analyzer_free(a);
  EXPECT(tact_conversation_append(c, customer, strlen(customer), TACT_ROLE_CUSTOMER) == TACT_OK);
  tact_conversation_free(c);

  EXPECT(strcmp(tact_status_string(TACT_E_DEADLINE), "deadline exceeded") == 0);
  if (failures == 0) printf("frozen v1 caller: ok\n");
  return failures == 0 ? 0 : 1;
}
