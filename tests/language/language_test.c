/* Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
 *
 * A second language through the C ABI: tact_options.language with the
 * German test pack (tests/packs/de), and the errors of a language with no
 * pack. Prints "language c: ok" when every check passed. */
#include <stdio.h>
#include <string.h>

#include "tact.h"

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

static const char* const kPacks[] = {TACT_SOURCE_DIR "/tests/packs/de/pack.toml"};

int main(void) {
  tact_options opts;
  tact_analyzer* analyzer = NULL;
  tact_report* report = NULL;
  const char* agent = "Keine Ahnung. Hast du die Rechnung noch?";
  const char* english = "This is terrible, awful and horrible. I hate it.";

  CHECK(tact_options_init(&opts, TACT_OPTIONS_VERSION) == TACT_OK);
  opts.language = "de";
  opts.default_pack = 0;
  opts.rule_files = kPacks;
  opts.rule_file_count = 1;
  CHECK(tact_analyzer_new(&analyzer, &opts) == TACT_OK);
  if (analyzer == NULL) {
    fprintf(stderr, "%s\n", tact_last_error());
    return 1;
  }

  CHECK(tact_analyze(&report, analyzer, agent, strlen(agent), TACT_ROLE_AGENT) == TACT_OK);
  CHECK(tact_report_trigger_count(report) == 2);
  if (tact_report_trigger_count(report) == 2) {
    CHECK(strcmp(tact_report_trigger_at(report, 0)->category, "uncertainty") == 0);
    CHECK(strcmp(tact_report_trigger_at(report, 1)->category, "informal_address") == 0);
    CHECK(strncmp(tact_report_trigger_at(report, 1)->message, "Duzt", 4) == 0);
  }
  tact_report_free(report);

  /* The pack's categories, with their German names; the index is checked. */
  {
    size_t i = 0;
    int found = 0;
    const size_t n = tact_analyzer_category_count(analyzer);
    CHECK(n > 0);
    for (i = 0; i < n; ++i) {
      tact_family family = TACT_FAMILY_SIGNAL;
      const char* id = NULL;
      const char* name = NULL;
      const char* message = NULL;
      CHECK(tact_analyzer_category(analyzer, i, &family, &id, &name, &message) == TACT_OK);
      CHECK(id != NULL && name != NULL && message != NULL && tact_family_name(family) != NULL);
      if (id != NULL && strcmp(id, "informal_address") == 0) {
        found = 1;
        CHECK(family == TACT_FAMILY_TRIGGER);
        CHECK(strcmp(name, "Duzen") == 0);
      }
    }
    CHECK(found);
    {
      const char* id = "unset";
      tact_family family = TACT_FAMILY_SIGNAL;
      CHECK(tact_analyzer_category(analyzer, n, &family, &id, NULL, NULL) ==
            TACT_E_INVALID_ARGUMENT);
      CHECK(id == NULL && family == TACT_FAMILY_TRIGGER);
      CHECK(strstr(tact_last_error(), "index") != NULL);
      CHECK(tact_analyzer_category(NULL, 0, NULL, NULL, NULL, NULL) == TACT_E_INVALID_ARGUMENT);
      CHECK(tact_analyzer_category_count(NULL) == 0);
      CHECK(strcmp(tact_family_name(TACT_FAMILY_TECHNIQUE), "technique") == 0);
      CHECK(tact_family_name((tact_family)7) == NULL);
    }
  }

  /* English words are not in the German pack's lexicon. */
  CHECK(tact_analyze(&report, analyzer, english, strlen(english), TACT_ROLE_CUSTOMER) == TACT_OK);
  CHECK(tact_report_tone(report)->sentiment == 0.0);
  tact_report_free(report);
  tact_analyzer_free(analyzer);

  /* The embedded pack's language only, unless a pack brings another. */
  CHECK(tact_options_init(&opts, TACT_OPTIONS_VERSION) == TACT_OK);
  opts.language = "de";
  CHECK(tact_analyzer_new(&analyzer, &opts) == TACT_E_INVALID_ARGUMENT);
  CHECK(analyzer == NULL);
  CHECK(strstr(tact_last_error(), "language 'de' has no embedded pack") != NULL);
  opts.language = NULL; /* the default, en */
  opts.rule_files = kPacks;
  opts.rule_file_count = 1;
  CHECK(tact_analyzer_new(&analyzer, &opts) == TACT_E_RULES);
  CHECK(strstr(tact_last_error(), "the pack is for 'de'") != NULL);

  if (failures != 0) return 1;
  printf("language c: ok\n");
  return 0;
}
