/* Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
 *
 * C ABI calls with any int as the role, as a C caller may make them. In C an
 * enum object holds any value of its underlying type; in C++ loading one
 * outside the enumerators' range is undefined (and UBSan says so), so
 * fuzz_capi.cpp passes roles through here.
 */
#include "tact.h"

int tact_fuzz_analyze(tact_report** out, const tact_analyzer* analyzer, const char* utf8,
                      size_t len, int role) {
  return tact_analyze(out, analyzer, utf8, len, (tact_role)role);
}

int tact_fuzz_analyze_batch(tact_report** out, const tact_analyzer* analyzer,
                            const char* const* texts, const size_t* lens, size_t count, int role,
                            unsigned int threads, int* statuses) {
  return tact_analyze_batch(out, analyzer, texts, lens, count, (tact_role)role, threads, statuses);
}
