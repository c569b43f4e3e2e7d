/* analyze_reply.c: checks an agent's reply before it is sent and prints
 * each trigger phrase with its suggested rewrites, through the C ABI.
 *
 *   cc -std=c99 analyze_reply.c -ltact -o analyze_reply
 *   ./analyze_reply "I don't know, calm down."
 */
#include <stdio.h>
#include <string.h>

#include "tact.h"

static const char kReply[] =
    "I don't know where your order is. You should have checked the tracking "
    "page, it's our policy.";

int main(int argc, char** argv) {
  const char* reply = argc > 1 ? argv[1] : kReply;
  tact_analyzer* analyzer = NULL;
  tact_report* report = NULL;
  size_t i, j;

  /* Build once (the embedded English pack), then analyze many replies. */
  if (tact_analyzer_new(&analyzer, NULL) != TACT_OK ||
      tact_analyze(&report, analyzer, reply, strlen(reply), TACT_ROLE_AGENT) != TACT_OK) {
    fprintf(stderr, "tact: %s\n", tact_last_error());
    tact_analyzer_free(analyzer);
    return 1;
  }

  printf("reply: %s\n", reply);
  for (i = 0; i < tact_report_trigger_count(report); ++i) {
    const tact_trigger* t = tact_report_trigger_at(report, i);
    printf("%s at %zu..%zu: \"%s\"\n", t->category, t->span.start, t->span.end, t->text);
    printf("  why: %s\n", t->message);
    for (j = 0; j < t->suggestion_count; ++j) printf("  try: %s\n", t->suggestions[j]);
  }
  printf("rewrite: %s\n", tact_report_rewrite(report, NULL));

  tact_report_free(report);
  tact_analyzer_free(analyzer);
  return 0;
}
