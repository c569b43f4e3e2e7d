// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The exception firewall under allocation failure: operator new is replaced
// so that the Nth allocation on this thread throws std::bad_alloc. For every
// N, each entry point either succeeds with the same result as without
// failures, or returns TACT_E_NOMEM with "out of memory" as the message and
// its out-parameters NULL; nothing crashes, throws or leaks (ASan builds
// check the leaks).
#include <doctest/doctest.h>

#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "replaced_new.hpp"
#include "tact.h"

namespace {
// Allocations still allowed before one fails; negative: never fail.
thread_local long t_allow = -1;
thread_local bool t_failed = false;

void* allocate(std::size_t n) {
  if (t_allow == 0) {
    t_allow = -1;
    t_failed = true;
    throw std::bad_alloc();
  }
  if (t_allow > 0) --t_allow;
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}

// Arms the failure for allocation number `n` (0-based) of the next call.
void fail_allocation(long n) {
  t_allow = n;
  t_failed = false;
}

// Disarms; returns whether the failure was hit.
bool disarm() {
  t_allow = -1;
  return t_failed;
}

std::string json_of(const tact_report* r) {
  const char* json = nullptr;
  REQUIRE(tact_report_json(&json, nullptr, r) == TACT_OK);
  return json;
}

// Allocation numbers to fail for a call making about `total` of them: all
// of the first 64, then about 200 spread over the rest.
std::vector<long> points(long total) {
  std::vector<long> out;
  for (long n = 0; n < total && n < 64; ++n) out.push_back(n);
  const long step = total > 64 ? (total - 64) / 200 + 1 : 1;
  for (long n = 64; n < total; n += step) out.push_back(n);
  out.push_back(total);  // past the end: the call must then succeed
  return out;
}

// The number of allocations `call` makes on this thread.
template <class Call>
long count_allocations(Call call) {
  fail_allocation(1L << 40);
  call();
  const long used = (1L << 40) - t_allow;
  disarm();
  return used;
}

}  // namespace

// Every operator new of this program (replaced_new.hpp) allocates here.
void* tact_test_allocate(std::size_t n) {
  return allocate(n);
}

// Without rule packs: RE2 is not exception-safe (a std::bad_alloc thrown
// while it compiles a pattern unwinds through code that assumes allocation
// never fails and corrupts the heap), so failures are injected only where
// Tact's own code, toml++ and the tone model allocate.
TEST_CASE("building an analyzer fails cleanly at every allocation") {
  const char* texts[] = {"# an extra, empty pack\n"};
  tact_options opts;
  REQUIRE(tact_options_init(&opts, TACT_OPTIONS_VERSION) == TACT_OK);
  opts.default_pack = 0;
  opts.rule_texts = texts;
  opts.rule_text_count = 1;
  const long total = count_allocations([&] {
    tact_analyzer* a = nullptr;
    REQUIRE(tact_analyzer_new(&a, &opts) == TACT_OK);
    tact_analyzer_free(a);
  });
  for (long n : points(total)) {
    CAPTURE(n);
    tact_analyzer* a = reinterpret_cast<tact_analyzer*>(&opts);
    fail_allocation(n);
    const int status = tact_analyzer_new(&a, &opts);
    const bool hit = disarm();
    if (status == TACT_OK) {
      CHECK(a != nullptr);
    } else {
      CHECK(status == TACT_E_NOMEM);
      CHECK(std::string(tact_last_error()) == "out of memory");
      CHECK(a == nullptr);
    }
    CHECK((status == TACT_OK || hit));
    tact_analyzer_free(a);
  }
}

TEST_CASE("analyzing and batching fail cleanly at every allocation") {
  tact_analyzer* a = nullptr;
  REQUIRE(tact_analyzer_new(&a, nullptr) == TACT_OK);
  const std::string text =
      "I don't know, calm down. \xf0\x9f\x98\x80 It's our policy; you should have read it.";

  tact_report* base = nullptr;
  REQUIRE(tact_analyze(&base, a, text.data(), text.size(), TACT_ROLE_AGENT) == TACT_OK);
  const std::string want = json_of(base);
  tact_report_free(base);

  // tact_report_json()'s allocation failures are tested in
  // tests/core/firewall_test.cpp (NOMEM, then the same JSON on retry).
  SUBCASE("tact_analyze") {
    const long total = count_allocations([&] {
      tact_report* r = nullptr;
      tact_analyze(&r, a, text.data(), text.size(), TACT_ROLE_AGENT);
      tact_report_free(r);
    });
    for (long n : points(total)) {
      CAPTURE(n);
      tact_report* r = reinterpret_cast<tact_report*>(a);
      fail_allocation(n);
      const int status = tact_analyze(&r, a, text.data(), text.size(), TACT_ROLE_AGENT);
      const bool hit = disarm();
      CHECK((status == TACT_OK || hit));
      if (status == TACT_OK) {
        CHECK(json_of(r) == want);
      } else {
        CHECK(status == TACT_E_NOMEM);
        CHECK(std::string(tact_last_error()) == "out of memory");
        CHECK(r == nullptr);
      }
      tact_report_free(r);
    }
  }

  SUBCASE("tact_analyze_batch on one thread") {
    const char* texts[] = {text.c_str(), "Calm down.", ""};
    const long total = count_allocations([&] {
      tact_report* out[3];
      tact_analyze_batch(out, a, texts, nullptr, 3, TACT_ROLE_AGENT, 1, nullptr);
      for (tact_report* r : out) tact_report_free(r);
    });
    for (long n : points(total)) {
      CAPTURE(n);
      tact_report* out[3] = {reinterpret_cast<tact_report*>(a), nullptr, nullptr};
      int statuses[3] = {1, 1, 1};
      fail_allocation(n);
      const int status =
          tact_analyze_batch(out, a, texts, nullptr, 3, TACT_ROLE_AGENT, 1, statuses);
      const bool hit = disarm();
      CHECK((status == TACT_OK || hit));
      if (status == TACT_OK) {
        CHECK(json_of(out[0]) == want);
      } else {
        CHECK(status == TACT_E_NOMEM);
        CHECK(std::string(tact_last_error()) == "out of memory");
        for (tact_report* r : out) CHECK(r == nullptr);
      }
      for (tact_report* r : out) tact_report_free(r);
    }
  }
  tact_analyzer_free(a);
}
