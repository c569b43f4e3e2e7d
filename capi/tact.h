/* Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
 *
 * tact.h: the stable C interface of Tact. Only what this header declares is
 * the C API; everything else is private and may change.
 *
 *   tact_analyzer *a = NULL;
 *   tact_report *r = NULL;
 *   if (tact_analyzer_new(&a, NULL) != TACT_OK) fail(tact_last_error());
 *   if (tact_analyze(&r, a, text, len, TACT_ROLE_AGENT) != TACT_OK) fail(tact_last_error());
 *   for (size_t i = 0; i < tact_report_trigger_count(r); ++i) {
 *     const tact_trigger *t = tact_report_trigger_at(r, i);
 *     use(t->category, t->span.start, t->span.end, t->suggestions, t->suggestion_count);
 *   }
 *   tact_report_free(r);
 *   tact_analyzer_free(a);
 *
 * Conventions, which every function below follows:
 *
 * - Functions that can fail return an int status: TACT_OK (0) or one of the
 *   negative TACT_E_* codes, whose values never change (new ones are only
 *   added). Their results come out through the first parameter, `out`.
 * - Every function that returns a status clears this thread's last-error
 *   message on entry and sets it on failure (tact_last_error()). Functions
 *   that return no status (getters, accessors, the free functions) never
 *   touch it, so the message of a failed call survives cleaning up after it.
 * - Text is UTF-8 given as a pointer and a byte length; it need not be
 *   NUL-terminated and may contain NUL bytes. Invalid UTF-8 is not an error:
 *   each bad sequence reads as U+FFFD and offsets still refer to the
 *   caller's bytes. Strings the library returns are NUL-terminated UTF-8,
 *   except that text copied from the caller's (a finding's text, the
 *   rewrite) keeps the caller's bytes as they were, invalid UTF-8 included.
 * - Ownership: an object from a tact_*_new() or tact_analyze*() call is the
 *   caller's and is released with its one tact_*_free() function; passing
 *   NULL to a free function does nothing. Every other pointer the library
 *   returns is borrowed from the object it came from and stays valid until
 *   that object is freed.
 * - Threads: a tact_analyzer is immutable; any number of threads may use one
 *   at once. A tact_report may be read from several threads at once; it must
 *   be freed exactly once, when no thread reads it any more.
 * - No C++ exception ever leaves the library: every entry point catches
 *   everything and reports it as a status (std::bad_alloc as TACT_E_NOMEM).
 *
 * - Structs that cross the ABI never change layout. Input structs carry
 *   their version (tact_options.version) and only ever grow at the end;
 *   output structs (filled by the library, returned by pointer) never grow:
 *   new data comes through new accessor functions. docs/c.md lists what a
 *   minor release may add and what needs a new SONAME.
 *
 * The header is C99 and C++ compatible and needs only <stddef.h> and
 * <stdint.h>.
 */
#ifndef TACT_H_
#define TACT_H_

#include <stddef.h>
#include <stdint.h>

#include "tact_version.h"

#if defined(_WIN32)
#if defined(TACT_BUILDING)
#define TACT_C_API __declspec(dllexport)
#elif defined(TACT_STATIC_DEFINE)
#define TACT_C_API
#else
#define TACT_C_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define TACT_C_API __attribute__((visibility("default")))
#else
#define TACT_C_API
#endif

/* Every entry point is noexcept: C++ callers may rely on it. */
#if defined(__cplusplus)
#define TACT_NOEXCEPT noexcept
#else
#define TACT_NOEXCEPT
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Versions
 * ------------------------------------------------------------------------ */

/* The version of the library actually loaded, as TACT_VERSION_NUMBER
 * (MAJOR * 10000 + MINOR * 100 + PATCH) and as TACT_VERSION_STRING
 * ("0.2.0"), so a caller can compare them with the header it was compiled
 * against. The string is static. Thread-safe; never fails. */
TACT_C_API int tact_version_number(void) TACT_NOEXCEPT;
TACT_C_API const char* tact_version_string(void) TACT_NOEXCEPT;

/* The binary interface counter of the loaded library (TACT_ABI_VERSION, also
 * the number in its SONAME, libtact.so.N). It changes only when the C ABI
 * breaks. Thread-safe; never fails. */
TACT_C_API int tact_abi_version(void) TACT_NOEXCEPT;

/* ------------------------------------------------------------------------
 * Status codes and errors
 * ------------------------------------------------------------------------ */

/* Status codes. The values are pinned and only ever added to. */
typedef enum tact_status {
  TACT_OK = 0,
  TACT_E_INVALID_ARGUMENT = -1, /* NULL or out-of-range argument, bad option */
  TACT_E_NOMEM = -2,            /* out of memory */
  TACT_E_INPUT_TOO_LARGE = -3,  /* text longer than max_input_bytes */
  TACT_E_RULES = -4,            /* a rule pack failed to load */
  TACT_E_IO = -5,               /* a rule-pack file could not be read */
  TACT_E_VERSION = -6,          /* an options struct of an unknown version */
  TACT_E_INTERNAL = -7,         /* a bug in Tact; please report it */
  TACT_E_DEADLINE = -8          /* deadline_us passed; the report holds what was found so far */
} tact_status;

/* A short static description of a status code: "ok", "invalid argument",
 * ...; "unknown status" for a value that is not a code. Thread-safe; never
 * fails; does not touch the last-error message. */
TACT_C_API const char* tact_status_string(int status) TACT_NOEXCEPT;

/* The message of the last failed call on this thread, e.g.
 * "my.toml:12: trigger.refusal.flat-no: unknown field 'sugestions'".
 * Never NULL: "" when the last status-returning call on this thread
 * succeeded (or none was made). Reporting running out of memory allocates
 * nothing. The string is owned by the library and stays valid until the
 * next status-returning call on the same thread. */
TACT_C_API const char* tact_last_error(void) TACT_NOEXCEPT;

/* ------------------------------------------------------------------------
 * Analyzer options
 * ------------------------------------------------------------------------ */

/* The version of tact_options this header describes. Fields are only ever
 * appended; a struct filled for an older version keeps working with newer
 * libraries, and a newer version than the library knows is refused with
 * TACT_E_VERSION.
 *
 * Version 1 ends with the field `rewrite`; version 2 appended
 * `max_pack_bytes`, `max_rules` and `max_findings`; version 3 appended
 * `deadline_us`. */
#define TACT_OPTIONS_VERSION 4

/* Everything that shapes an analyzer. Always start from tact_options_init(),
 * which writes every default; never pass this struct by value. */
typedef struct tact_options {
  /* TACT_OPTIONS_VERSION of the header the caller compiled against. */
  unsigned int version;

  /* Nonzero (default): start from the embedded English rule pack. Zero: use
   * only the packs below. */
  int default_pack;

  /* Rule packs (TOML files) layered in order over the default pack: a later
   * rule with the same id replaces an earlier one, and a pack's `disable`
   * list removes earlier rules. Paths are NUL-terminated; the library copies
   * what it needs, so these arrays need only live during
   * tact_analyzer_new(). Default: none. */
  const char* const* rule_files;
  size_t rule_file_count;

  /* Rule packs given as TOML text, layered after rule_files.
   * rule_text_names[i] names rule_texts[i] in error messages in place of a
   * file name; rule_text_names may be NULL, as may any of its entries
   * (the name is then "<text N>"). Default: none. */
  const char* const* rule_texts;
  const char* const* rule_text_names;
  size_t rule_text_count;

  /* Longer input is refused with TACT_E_INPUT_TOO_LARGE, never truncated.
   * Default: 16 MiB. Input beyond 1 GiB is always refused. */
  size_t max_input_bytes;

  /* Sections to compute; a section switched off is skipped entirely (not
   * computed and discarded). Nonzero by default.
   *   tone:    tone scores and the escalation level, score and cues;
   *   rewrite: the triggers' suggestions, the edits and the rewrite. */
  int tone;
  int rewrite;

  /* ---- version 2 ---- */

  /* A rule-pack source larger than max_pack_bytes, or layered packs with
   * more than max_rules rules, fail to load with TACT_E_RULES.
   * Defaults: 16 MiB and 50000. */
  size_t max_pack_bytes;
  size_t max_rules;

  /* Findings (triggers, techniques and signals together) kept per message;
   * past this the first ones in text order are kept and
   * tact_report_truncated() is nonzero. Default: 1000. (One rule also
   * reports at most 32 findings per message, past which truncated is
   * nonzero too.) */
  size_t max_findings;

  /* ---- version 3 ---- */

  /* Microseconds one tact_analyze call (or one message of a batch) may
   * take; 0 (default): no limit. When it passes, the call stops at its next
   * check and returns TACT_E_DEADLINE with *out set to a report of what was
   * found so far: tact_report_truncated() is nonzero, the findings of the
   * rules matched by then are there, and stages not reached are empty (tone
   * and escalation scores 0, no edits, rewrite ""). Checks run between
   * stages, between the prefilter's pattern groups, between candidate rules
   * and between rewrite passes: a call overruns by at most one such step
   * (building the text's view, about 0.1-0.25 s per MB, is the longest). Results never
   * depend on the deadline when it does not pass. */
  uint64_t deadline_us;

  /* ---- version 4 ---- */

  /* The BCP 47 tag of the text's language, NUL-terminated; NULL (default):
   * "en". It selects the embedded pack, with its categories and tone model;
   * a pack declaring another language fails with TACT_E_RULES. A language
   * with no embedded pack fails with TACT_E_INVALID_ARGUMENT unless
   * default_pack is zero and rule_files hold a pack of that language that
   * names its categories and tone model (rules/README.md). */
  const char* language;
} tact_options;

/* Writes the defaults of options version `version` into *opts, touching only
 * the fields that version has (so a struct compiled against an older header
 * is never overrun), and sets opts->version. Pass TACT_OPTIONS_VERSION.
 * Errors: TACT_E_INVALID_ARGUMENT if opts is NULL; TACT_E_VERSION if
 * version is 0 or newer than this library knows. Thread-safe. */
TACT_C_API int tact_options_init(tact_options* opts, unsigned int version) TACT_NOEXCEPT;

/* ------------------------------------------------------------------------
 * Analyzer
 * ------------------------------------------------------------------------ */

/* A compiled rule pack with the tone model: built once, immutable, shared by
 * any number of threads. */
typedef struct tact_analyzer tact_analyzer;

/* Builds an analyzer into *out. opts may be NULL for the defaults (the
 * embedded English pack). All loading and compiling happens here, once.
 * On failure *out is set to NULL (when out is not NULL) and nothing is
 * allocated.
 * Errors: TACT_E_INVALID_ARGUMENT (out is NULL, a NULL entry in rule_files
 * or rule_texts, a NULL array with a nonzero count); TACT_E_VERSION (an
 * unknown opts->version); TACT_E_IO (a rule file could not be read);
 * TACT_E_RULES (a pack is malformed: the message names file:line: rule-id:
 * reason); TACT_E_NOMEM. Thread-safe. */
TACT_C_API int tact_analyzer_new(tact_analyzer** out, const tact_options* opts) TACT_NOEXCEPT;

/* Adds an owner to an analyzer and returns it (NULL for NULL). Every owner
 * releases its reference with tact_analyzer_free(); the analyzer is
 * destroyed when the last one does. This is how a help desk swaps in a
 * freshly built analyzer while requests still use the old one: each request
 * retains the current analyzer (under the caller's own lock, together with
 * reading the pointer) and frees it when done. Thread-safe. */
TACT_C_API tact_analyzer* tact_analyzer_retain(tact_analyzer* analyzer) TACT_NOEXCEPT;

/* Releases one reference to an analyzer (the one tact_analyzer_new() gave,
 * or one from tact_analyzer_retain()); the last release destroys it. NULL
 * does nothing. Reports and conversations it produced stay valid. A thread
 * must not release a reference that another thread is still using;
 * releasing distinct references from several threads is safe. */
TACT_C_API void tact_analyzer_free(tact_analyzer* analyzer) TACT_NOEXCEPT;

/* The number of rules after layering; 0 for NULL. Thread-safe. */
TACT_C_API size_t tact_analyzer_rule_count(const tact_analyzer* analyzer) TACT_NOEXCEPT;

/* Which findings a category labels. */
typedef enum tact_family {
  TACT_FAMILY_TRIGGER = 0,
  TACT_FAMILY_TECHNIQUE = 1,
  TACT_FAMILY_SIGNAL = 2
} tact_family;

/* "trigger", "technique" or "signal"; NULL outside the enum. Static
 * strings. */
TACT_C_API const char* tact_family_name(tact_family family) TACT_NOEXCEPT;

/* The number of categories the analyzer's packs define (a house pack may
 * add some); 0 for NULL. Thread-safe. */
TACT_C_API size_t tact_analyzer_category_count(const tact_analyzer* analyzer) TACT_NOEXCEPT;

/* Category `index` (0 .. count - 1, in definition order): *family, *id
 * (what tact_trigger.category, tact_technique.type and tact_signal.type
 * report), and the *name and *message a user interface shows, in the
 * pack's language. Any output may be NULL. The strings belong to the
 * analyzer and live as long as it does. Thread-safe. Errors:
 * TACT_E_INVALID_ARGUMENT (analyzer NULL, index out of range; the outputs
 * are then NULL, and *family TACT_FAMILY_TRIGGER). */
TACT_C_API int tact_analyzer_category(const tact_analyzer* analyzer, size_t index,
                                      tact_family* family, const char** id, const char** name,
                                      const char** message) TACT_NOEXCEPT;

/* ------------------------------------------------------------------------
 * Analysis
 * ------------------------------------------------------------------------ */

/* Who wrote a message. TACT_ROLE_AUTO asks the analyzer to guess; the
 * guess is the report's role, and tact_report_role_guessed() is nonzero. */
typedef enum tact_role {
  TACT_ROLE_AGENT = 0,
  TACT_ROLE_CUSTOMER = 1,
  TACT_ROLE_AUTO = 2
} tact_role;

/* "agent", "customer" or "auto"; NULL for a value outside the enum.
 * Static strings. */
TACT_C_API const char* tact_role_name(tact_role role) TACT_NOEXCEPT;

/* One call's result: owned by the caller, freed with tact_report_free(). */
typedef struct tact_report tact_report;

/* Analyzes one message of `len` bytes at `utf8` into a new report *out.
 * utf8 may be NULL when len is 0 (an empty message). On failure *out is set
 * to NULL (when out is not NULL), except for TACT_E_DEADLINE.
 * Errors: TACT_E_INVALID_ARGUMENT (out or analyzer is NULL, utf8 is NULL
 * with len > 0, role is not a tact_role); TACT_E_INPUT_TOO_LARGE (len over
 * the analyzer's max_input_bytes); TACT_E_NOMEM; TACT_E_DEADLINE (the
 * analyzer's deadline_us passed: *out is the partial report, the caller's
 * to free). Thread-safe: any number of threads may analyze with one
 * analyzer at once. */
TACT_C_API int tact_analyze(tact_report** out, const tact_analyzer* analyzer, const char* utf8,
                            size_t len, tact_role role) TACT_NOEXCEPT;

/* Analyzes `count` messages on up to `threads` threads (0: one per core;
 * never more than the cores, nor 64, nor count; the calling thread is one
 * of them) into out[0..count), in input order. When the system refuses to
 * create a thread, the threads already running (the calling thread at
 * least) analyze every message: the results are the same, only slower,
 * and the call does not fail for it (tact_analyze_batch_v2 reports how
 * many ran). texts[i] has lens[i] bytes; lens may
 * be NULL when every text is NUL-terminated. A NULL texts[i] is an empty
 * message when its length is 0.
 *
 * statuses, when not NULL, receives each message's status. A message that
 * fails gets out[i] = NULL (a partial report for TACT_E_DEADLINE) while the
 * others are still analyzed; the call
 * then returns the status of the first failed message in input order, and
 * the last-error message names its index ("message 3: ..."). Every non-NULL
 * out[i] is the caller's to free, whatever the call returns.
 * Errors of the call as a whole, which analyze nothing and set every out[i]
 * to NULL: TACT_E_INVALID_ARGUMENT (analyzer is NULL; out or texts is NULL
 * with count > 0; a NULL texts[i] with a nonzero length; a bad role);
 * TACT_E_NOMEM. Thread-safe. */
TACT_C_API int tact_analyze_batch(tact_report** out, const tact_analyzer* analyzer,
                                  const char* const* texts, const size_t* lens, size_t count,
                                  tact_role role, unsigned int threads,
                                  int* statuses) TACT_NOEXCEPT;

/* tact_analyze_batch, and *threads_used (when not NULL) receives how many
 * threads analyzed, the calling thread included: fewer than asked, after
 * the caps above, means the system refused to create the rest (for
 * example under `ulimit -u`). Set whatever the call returns (0 when it
 * analyzed nothing). */
TACT_C_API int tact_analyze_batch_v2(tact_report** out, const tact_analyzer* analyzer,
                                     const char* const* texts, const size_t* lens, size_t count,
                                     tact_role role, unsigned int threads, int* statuses,
                                     unsigned int* threads_used) TACT_NOEXCEPT;

/* Frees a report and everything borrowed from it; NULL does nothing. Any
 * thread may free any report. Each thread keeps the bare shell of the last
 * small report it freed (no text of it; under 256 KB) for its
 * next tact_analyze, and frees it when the thread exits. */
TACT_C_API void tact_report_free(tact_report* report) TACT_NOEXCEPT;

/* ------------------------------------------------------------------------
 * Reading a report
 *
 * None of these fail or touch the last-error message. Given a NULL report
 * they return 0, NULL or TACT_ROLE_AGENT; an index past the end gives NULL.
 * Structs returned by pointer belong to the report and never change layout
 * (new data comes through new accessors).
 * ------------------------------------------------------------------------ */

/* A half-open span [start, end) of the caller's original text: UTF-8 byte
 * offsets, and UTF-16 code-unit offsets into the same text converted to
 * UTF-16 (each invalid UTF-8 sequence counting as one U+FFFD). A span never
 * splits a code point. This struct is fixed and never grows. */
typedef struct tact_span {
  size_t start;
  size_t end;
  size_t start_utf16;
  size_t end_utf16;
} tact_span;

typedef enum tact_severity {
  TACT_SEVERITY_INFO = 0,
  TACT_SEVERITY_WARNING = 1,
  TACT_SEVERITY_ERROR = 2
} tact_severity;

/* "info", "warning" or "error"; NULL outside the enum. Static strings. */
TACT_C_API const char* tact_severity_name(tact_severity severity) TACT_NOEXCEPT;

/* A trigger phrase in an agent draft: something that tends to inflame. */
typedef struct tact_trigger {
  const char* rule;     /* rule id, e.g. "trigger.uncertainty.dont-know" */
  const char* category; /* e.g. "uncertainty" (docs/categories.md) */
  tact_severity severity;
  tact_span span;
  const char* text;    /* the original bytes of the span */
  const char* message; /* what the phrase does and what to do instead */
  /* Replacements, best first; none when the rewrite section is off.
   * suggestions may be NULL when suggestion_count is 0. */
  const char* const* suggestions;
  size_t suggestion_count;
} tact_trigger;

/* A de-escalation technique an agent reply already uses. */
typedef struct tact_technique {
  const char* rule;
  const char* type; /* e.g. "apologize" */
  tact_span span;
  const char* text;
} tact_technique;

/* An escalation signal in a customer message. */
typedef struct tact_signal {
  const char* rule;
  const char* type; /* e.g. "manager_request" */
  tact_span span;
  const char* text;
} tact_signal;

/* One reason behind a score: a finding or a tone cue, with its weight. */
typedef struct tact_cue {
  const char* kind; /* "signal", "technique", "trigger" or "tone" */
  const char* type;
  tact_span span;
  double weight;
} tact_cue;

/* One replacement of a span of the original text. Applying a report's edits
 * right to left turns the original into tact_report_rewrite(). */
typedef struct tact_edit {
  tact_span span;
  const char* replacement;
} tact_edit;

typedef struct tact_tone {
  double sentiment;    /* [-1, 1] */
  double anger;        /* [0, 1] */
  double politeness;   /* [0, 1] */
  double empathy;      /* [0, 1] */
  double deescalation; /* [0, 1] */
} tact_tone;

typedef struct tact_escalation {
  int level;         /* 0 calm, 1 concerned, 2 frustrated, 3 angry, 4 hostile */
  const char* label; /* tact_level_name(level) */
  double score;      /* [0, 1] */
} tact_escalation;

/* Escalation levels, lowest first: tact_escalation.level and a
 * conversation's levels take these values. */
typedef enum tact_level {
  TACT_LEVEL_CALM = 0,
  TACT_LEVEL_CONCERNED = 1,
  TACT_LEVEL_FRUSTRATED = 2,
  TACT_LEVEL_ANGRY = 3,
  TACT_LEVEL_HOSTILE = 4
} tact_level;

/* "calm", "concerned", "frustrated", "angry" or "hostile"; NULL outside
 * 0..4. Static strings. */
TACT_C_API const char* tact_level_name(int level) TACT_NOEXCEPT;

/* Who wrote the message (the guess, for TACT_ROLE_AUTO), and whether it
 * was guessed (nonzero) or given. */
TACT_C_API tact_role tact_report_role(const tact_report* report) TACT_NOEXCEPT;
TACT_C_API int tact_report_role_guessed(const tact_report* report) TACT_NOEXCEPT;

/* Nonzero when findings may be missing: the message had more than the
 * analyzer's max_findings and only the first ones were kept, or the search
 * for one rule stopped early (after 32 findings, or after 256 matches it
 * rejected) while the text went on. */
TACT_C_API int tact_report_truncated(const tact_report* report) TACT_NOEXCEPT;

/* Tone scores and the escalation level; all zero ("calm") when the tone
 * section is off. */
TACT_C_API const tact_tone* tact_report_tone(const tact_report* report) TACT_NOEXCEPT;
TACT_C_API const tact_escalation* tact_report_escalation(const tact_report* report) TACT_NOEXCEPT;

/* Triggers, in text order. */
TACT_C_API size_t tact_report_trigger_count(const tact_report* report) TACT_NOEXCEPT;
TACT_C_API const tact_trigger* tact_report_trigger_at(const tact_report* report,
                                                      size_t index) TACT_NOEXCEPT;

/* De-escalation techniques, in text order. */
TACT_C_API size_t tact_report_technique_count(const tact_report* report) TACT_NOEXCEPT;
TACT_C_API const tact_technique* tact_report_technique_at(const tact_report* report,
                                                          size_t index) TACT_NOEXCEPT;

/* Escalation signals, in text order. */
TACT_C_API size_t tact_report_signal_count(const tact_report* report) TACT_NOEXCEPT;
TACT_C_API const tact_signal* tact_report_signal_at(const tact_report* report,
                                                    size_t index) TACT_NOEXCEPT;

/* Where a finding comes from: a rule of the pack matched its phrase, or
 * the pack's learned model alone flagged its sentence (docs/model.md; the
 * span is then the whole sentence, and the rewrite does not edit it). */
typedef enum tact_source { TACT_SOURCE_RULE = 0, TACT_SOURCE_MODEL = 1 } tact_source;

/* "rule" or "model"; NULL outside the enum. Static strings. */
TACT_C_API const char* tact_source_name(tact_source source) TACT_NOEXCEPT;

/* The source of the trigger, technique or signal at `index`, and its
 * probability: the model's, in [0, 1], for a model finding; 1 for a rule's.
 * A NULL report or an index out of range gives TACT_SOURCE_RULE and 0. */
TACT_C_API tact_source tact_report_trigger_source(const tact_report* report,
                                                  size_t index) TACT_NOEXCEPT;
TACT_C_API double tact_report_trigger_probability(const tact_report* report,
                                                  size_t index) TACT_NOEXCEPT;
TACT_C_API tact_source tact_report_technique_source(const tact_report* report,
                                                    size_t index) TACT_NOEXCEPT;
TACT_C_API double tact_report_technique_probability(const tact_report* report,
                                                    size_t index) TACT_NOEXCEPT;
TACT_C_API tact_source tact_report_signal_source(const tact_report* report,
                                                 size_t index) TACT_NOEXCEPT;
TACT_C_API double tact_report_signal_probability(const tact_report* report,
                                                 size_t index) TACT_NOEXCEPT;

/* Every contribution to the escalation score (and, for agent replies, to
 * the de-escalation score); empty when the tone section is off. */
TACT_C_API size_t tact_report_cue_count(const tact_report* report) TACT_NOEXCEPT;
TACT_C_API const tact_cue* tact_report_cue_at(const tact_report* report,
                                              size_t index) TACT_NOEXCEPT;

/* What a cue is: tact_cue.kind as a closed set. */
typedef enum tact_cue_kind {
  TACT_CUE_SIGNAL = 0,
  TACT_CUE_TECHNIQUE = 1,
  TACT_CUE_TRIGGER = 2,
  TACT_CUE_TONE = 3
} tact_cue_kind;

/* The kind of cue `index`; TACT_CUE_TONE for a NULL report or an index out
 * of range. */
TACT_C_API tact_cue_kind tact_report_cue_kind(const tact_report* report,
                                              size_t index) TACT_NOEXCEPT;

/* "signal", "technique", "trigger" or "tone" (tact_cue.kind's strings);
 * NULL outside the enum. Static strings. */
TACT_C_API const char* tact_cue_kind_name(tact_cue_kind kind) TACT_NOEXCEPT;

/* Non-overlapping edits in text order; empty when the rewrite section is
 * off. */
TACT_C_API size_t tact_report_edit_count(const tact_report* report) TACT_NOEXCEPT;
TACT_C_API const tact_edit* tact_report_edit_at(const tact_report* report,
                                                size_t index) TACT_NOEXCEPT;

/* Edits the fluency guard did not apply (docs/rewrite.md), in text order:
 * splicing them would have broken the sentence, so the rewrite keeps the
 * writer's words there while the trigger and its suggestions stay. The
 * rewrite does not contain them. */
TACT_C_API size_t tact_report_declined_count(const tact_report* report) TACT_NOEXCEPT;
TACT_C_API const tact_edit* tact_report_declined_at(const tact_report* report,
                                                    size_t index) TACT_NOEXCEPT;
/* Why declined edit `index` was not applied: "doubled_word",
 * "repeated_phrase", "orphan_opener", "spacing", "clause_seam" (a
 * whole-clause suggestion inside a clause), "no_fit" (every suggestion
 * of the rule is for another position in the sentence), "already_said"
 * (the writer already says the suggestion's wording beside the phrase) or
 * "advice" (offered, not spliced: the rule's suggestions are advice, or
 * the message has nothing but information to mend);
 * NULL when index is out of range or report is NULL. Borrowed from the
 * report. */
TACT_C_API const char* tact_report_declined_reason(const tact_report* report,
                                                   size_t index) TACT_NOEXCEPT;

/* The whole reply with every edit applied ("" when the rewrite section is
 * off). *len, when len is not NULL, receives its length in bytes (it may
 * contain NUL bytes if the input did). */
TACT_C_API const char* tact_report_rewrite(const tact_report* report, size_t* len) TACT_NOEXCEPT;

/* ------------------------------------------------------------------------
 * JSON
 * ------------------------------------------------------------------------ */

/* The whole report as one line of JSON in the CLI's shape (no trailing
 * newline) into *out, borrowed from the report; *len, when len is not NULL,
 * receives its length. Built on the first call and kept.
 * Errors: TACT_E_INVALID_ARGUMENT (out or report is NULL); TACT_E_NOMEM.
 * Thread-safe, including the first call from several threads at once. */
TACT_C_API int tact_report_json(const char** out, size_t* len,
                                const tact_report* report) TACT_NOEXCEPT;

/* ------------------------------------------------------------------------
 * Conversations
 * ------------------------------------------------------------------------ */

/* A conversation analyzed turn by turn: per customer turn its level in
 * context and stage, per agent turn the open requests it ignores, and the
 * conversation's priority, route and reasons (docs/cli.md shows the JSON).
 * Not thread-safe: one thread at a time may use a tact_conversation;
 * distinct conversations are independent. It shares the analyzer's compiled
 * pack and may outlive the tact_analyzer it came from. */
typedef struct tact_conversation tact_conversation;

/* A new, empty conversation into *out (NULL on failure), reading the
 * routing policy from the analyzer's packs ([conversation]).
 * Errors: TACT_E_INVALID_ARGUMENT (out or analyzer is NULL); TACT_E_RULES
 * (a pack's [conversation] table is invalid); TACT_E_NOMEM. */
TACT_C_API int tact_conversation_new(tact_conversation** out,
                                     const tact_analyzer* analyzer) TACT_NOEXCEPT;

/* Appends one turn of `len` bytes at `utf8` (NULL when len is 0). Costs
 * O(that turn). On failure the conversation is unchanged.
 * Errors: TACT_E_INVALID_ARGUMENT (conversation is NULL, utf8 is NULL with
 * len > 0, role is not TACT_ROLE_AGENT or TACT_ROLE_CUSTOMER);
 * TACT_E_INPUT_TOO_LARGE (the text, or a 100,001st turn); TACT_E_DEADLINE
 * (the turn is not appended); TACT_E_NOMEM. */
TACT_C_API int tact_conversation_append(tact_conversation* conversation, const char* utf8,
                                        size_t len, tact_role role) TACT_NOEXCEPT;

/* The number of turns appended (0 for NULL). */
TACT_C_API size_t tact_conversation_turn_count(const tact_conversation* conversation) TACT_NOEXCEPT;

/* The conversation's route ("stay", "senior", "supervisor", "retention",
 * "legal" or a house pack's name) and priority ("P1".."P4"), as of the last
 * turn; NULL for NULL. Borrowed until the next append or the free. */
TACT_C_API const char* tact_conversation_route(const tact_conversation* conversation) TACT_NOEXCEPT;
TACT_C_API const char* tact_conversation_priority(const tact_conversation* conversation)
    TACT_NOEXCEPT;

/* The conversation's peak and current customer level in context (a
 * tact_level; 0 for NULL) and its trend ("escalating", "calming" or
 * "steady"; NULL for NULL, borrowed like the route). */
TACT_C_API int tact_conversation_peak(const tact_conversation* conversation) TACT_NOEXCEPT;
TACT_C_API int tact_conversation_current(const tact_conversation* conversation) TACT_NOEXCEPT;
TACT_C_API const char* tact_conversation_trend(const tact_conversation* conversation) TACT_NOEXCEPT;

/* Why the conversation got its route or priority: a signal in one customer
 * turn (`turn` is 0-based) with its span in that turn's text, or a level
 * condition ("peak", "sustained"; the span is then empty and text ""). This
 * struct is returned by pointer only and never changes layout. */
typedef struct tact_conversation_reason {
  size_t turn;
  const char* type;
  tact_span span;
  const char* text;
} tact_conversation_reason;

/* The reasons as of the last turn, borrowed until the next append or the
 * free; NULL for an index out of range. */
TACT_C_API size_t tact_conversation_reason_count(const tact_conversation* conversation)
    TACT_NOEXCEPT;
TACT_C_API const tact_conversation_reason* tact_conversation_reason_at(
    const tact_conversation* conversation, size_t index) TACT_NOEXCEPT;

/* Turn `turn` (0-based) of the conversation. Its message report (the same
 * tact_analyze() gives) is borrowed until the conversation is freed: turns
 * never change once appended. NULL for NULL, an index out of range, or when
 * memory for the report's view runs out. */
TACT_C_API const tact_report* tact_conversation_turn_report(const tact_conversation* conversation,
                                                            size_t turn) TACT_NOEXCEPT;

/* A customer turn's level in context (a tact_level) and its stage
 * ("venting", "disarming" or "calm"); for an agent turn 0 and "". 0 and NULL
 * for NULL or an index out of range. The stage is borrowed until the free. */
TACT_C_API int tact_conversation_turn_level(const tact_conversation* conversation,
                                            size_t turn) TACT_NOEXCEPT;
TACT_C_API const char* tact_conversation_turn_stage(const tact_conversation* conversation,
                                                    size_t turn) TACT_NOEXCEPT;

/* An agent turn's unaddressed requests: the open customer request types
 * ("manager_request", "refund_demand", …) the reply ignores, in the order
 * of the policy's open_requests. 0 / NULL for customer turns, NULL or an
 * index out of range; borrowed until the free. */
TACT_C_API size_t tact_conversation_unaddressed_count(const tact_conversation* conversation,
                                                      size_t turn) TACT_NOEXCEPT;
TACT_C_API const char* tact_conversation_unaddressed_at(const tact_conversation* conversation,
                                                        size_t turn, size_t index) TACT_NOEXCEPT;

/* The whole conversation report as one line of JSON (docs/cli.md's
 * `tact conversation` shape, id "") into *out; *len, when not NULL,
 * receives its length. Borrowed until the next append or the free.
 * Errors: TACT_E_INVALID_ARGUMENT (out or conversation is NULL);
 * TACT_E_NOMEM. */
TACT_C_API int tact_conversation_json(const char** out, size_t* len,
                                      tact_conversation* conversation) TACT_NOEXCEPT;

TACT_C_API void tact_conversation_free(tact_conversation* conversation) TACT_NOEXCEPT;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TACT_H_ */
