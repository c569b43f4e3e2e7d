/* Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
 *
 * tact.h on its own, compiled as C99 with -pedantic -Werror and as C++17
 * (tests/capi/CMakeLists.txt): it must need nothing but itself. */
#include "tact.h"

/* tact_span is fixed forever: four size_t, nothing else. */
typedef char tact_span_is_fixed[sizeof(tact_span) == 4 * sizeof(size_t) ? 1 : -1];

/* The version macros are usable in #if. */
#if TACT_VERSION_NUMBER != \
    TACT_VERSION_MAJOR * 10000 + TACT_VERSION_MINOR * 100 + TACT_VERSION_PATCH
#error "TACT_VERSION_NUMBER does not match its parts"
#endif
#if TACT_ABI_VERSION < 1 || TACT_OPTIONS_VERSION < 1
#error "bad version macros"
#endif

int tact_header_test_uses_everything(void);
int tact_header_test_uses_everything(void) {
  tact_options opts;
  tact_analyzer* analyzer = NULL;
  tact_report* report = NULL;
  const char* json = NULL;
  int status = tact_options_init(&opts, TACT_OPTIONS_VERSION);
  if (status == TACT_OK) status = tact_analyzer_new(&analyzer, &opts);
  if (status == TACT_OK) status = tact_analyze(&report, analyzer, "", 0, TACT_ROLE_AGENT);
  if (status == TACT_OK) status = tact_report_json(&json, NULL, report);
  tact_report_free(report);
  tact_analyzer_free(analyzer);
  return status;
}
