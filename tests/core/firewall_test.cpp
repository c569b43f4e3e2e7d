// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// docs/bad-input.md's last rows: an exception thrown inside the library.
// operator new is replaced so that the Nth allocation on this thread throws
// (std::bad_alloc, or any other exception, as a dependency might). The C ABI
// turns the first into TACT_E_NOMEM (tests/capi/capi_oom_test.cpp) and any
// other into TACT_E_INTERNAL with the exception's text, and nothing crosses
// into C; the C++ API lets the exception through and returns no result.
// Analysis only: RE2 compiling patterns is not exception-safe (see
// capi_oom_test.cpp), so analyzers are built before failures are armed.
#include <doctest/doctest.h>

#include <cstdlib>
#include <new>
#include <stdexcept>
#include <string>

#include "core/core.hpp"
#include "replaced_new.hpp"
#include "tact.h"

namespace {

enum class Throw { nothing, bad_alloc, runtime_error };
thread_local long t_allow = -1;  // allocations left before one throws
thread_local Throw t_throw = Throw::nothing;
thread_local bool t_thrown = false;

void* allocate(std::size_t n) {
  if (t_allow == 0) {
    t_allow = -1;
    t_thrown = true;
    if (t_throw == Throw::bad_alloc) throw std::bad_alloc();
    throw std::runtime_error("injected failure");
  }
  if (t_allow > 0) --t_allow;
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}

void arm(long n, Throw what) {
  t_allow = n;
  t_throw = what;
  t_thrown = false;
}

bool disarm() {
  t_allow = -1;
  return t_thrown;
}

template <class Call>
long count_allocations(Call call) {
  arm(1L << 40, Throw::runtime_error);
  call();
  const long used = (1L << 40) - t_allow;
  disarm();
  return used;
}

const std::string kText =
    "I don't know, calm down. \xf0\x9f\x98\x80 It's our policy; you should have read it.";

}  // namespace

// Every operator new of this program (replaced_new.hpp) allocates here.
void* tact_test_allocate(std::size_t n) {
  return allocate(n);
}

TEST_CASE("C: any other exception inside tact_analyze is TACT_E_INTERNAL with its text") {
  tact_analyzer* a = nullptr;
  REQUIRE(tact_analyzer_new(&a, nullptr) == TACT_OK);
  tact_report* clean = nullptr;
  REQUIRE(tact_analyze(&clean, a, kText.data(), kText.size(), TACT_ROLE_CUSTOMER) == TACT_OK);
  const char* json = nullptr;
  REQUIRE(tact_report_json(&json, nullptr, clean) == TACT_OK);
  const std::string want = json;
  tact_report_free(clean);

  const long total = count_allocations([&] {
    tact_report* r = nullptr;
    tact_analyze(&r, a, kText.data(), kText.size(), TACT_ROLE_CUSTOMER);
    tact_report_free(r);
  });
  REQUIRE(total > 10);
  for (long n = 0; n <= total; n += 1 + total / 150) {
    CAPTURE(n);
    tact_report* r = reinterpret_cast<tact_report*>(a);
    arm(n, Throw::runtime_error);
    const int status = tact_analyze(&r, a, kText.data(), kText.size(), TACT_ROLE_CUSTOMER);
    // A throw may be absorbed where the standard library asked for memory
    // with std::nothrow and has a fallback (std::stable_sort's buffer).
    const bool thrown = disarm();
    CHECK((status == TACT_OK || thrown));
    if (status == TACT_OK) {
      REQUIRE(tact_report_json(&json, nullptr, r) == TACT_OK);
      CHECK(json == want);
    } else {
      CHECK(status == TACT_E_INTERNAL);
      CHECK(std::string(tact_last_error()) == "injected failure");
      CHECK(r == nullptr);
    }
    tact_report_free(r);
  }
  tact_analyzer_free(a);
}

TEST_CASE("C++: out of memory in analyze is std::bad_alloc, never a partial report") {
  const tact::core::Analyzer analyzer;
  const std::string want = tact::core::to_json(analyzer.analyze(kText, tact::Role::agent));
  const long total = count_allocations([&] { (void)analyzer.analyze(kText, tact::Role::agent); });
  REQUIRE(total > 10);
  for (long n = 0; n <= total; n += 1 + total / 150) {
    CAPTURE(n);
    tact::Report report;
    bool threw = false;
    arm(n, Throw::bad_alloc);
    try {
      const tact::Status s = analyzer.analyze(kText, tact::Role::agent, &report);
      CHECK(s.ok());
    } catch (const std::bad_alloc&) {
      threw = true;
    }
    CHECK((disarm() || !threw));
    if (!threw) CHECK(tact::core::to_json(report) == want);
  }
}

TEST_CASE("C: out of memory while building the JSON is TACT_E_NOMEM, and a retry succeeds") {
  tact_analyzer* a = nullptr;
  REQUIRE(tact_analyzer_new(&a, nullptr) == TACT_OK);
  auto fresh = [&] {
    tact_report* r = nullptr;
    REQUIRE(tact_analyze(&r, a, kText.data(), kText.size(), TACT_ROLE_AGENT) == TACT_OK);
    return r;
  };
  tact_report* clean = fresh();
  const char* json = nullptr;
  REQUIRE(tact_report_json(&json, nullptr, clean) == TACT_OK);
  const std::string want = json;
  tact_report_free(clean);

  // The allocations of building the JSON alone, on a report not yet asked.
  tact_report* probe = fresh();
  arm(1L << 40, Throw::bad_alloc);
  REQUIRE(tact_report_json(&json, nullptr, probe) == TACT_OK);
  const long json_allocations = (1L << 40) - t_allow;
  disarm();
  tact_report_free(probe);
  REQUIRE(json_allocations > 0);
  for (long n = 0; n <= json_allocations; ++n) {
    CAPTURE(n);
    tact_report* r = fresh();
    json = "unset";
    arm(n, Throw::bad_alloc);
    const int status = tact_report_json(&json, nullptr, r);
    const bool thrown = disarm();
    CHECK((status == TACT_OK || thrown));
    if (status != TACT_OK) {
      CHECK(status == TACT_E_NOMEM);
      CHECK(std::string(tact_last_error()) == "out of memory");
      CHECK(json == nullptr);
      REQUIRE(tact_report_json(&json, nullptr, r) == TACT_OK);  // built on the retry
    }
    CHECK(json == want);
    tact_report_free(r);
  }
  tact_analyzer_free(a);
}
