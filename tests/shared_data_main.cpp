// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// main() for tests that read labelled data from ../shared: when it is not
// there (a user's clone), the test reports itself skipped (exit 77, which
// ctest shows as "Skipped") instead of passing vacuously.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

#include "dataset.hpp"

int main(int argc, char** argv) {
  if (tact::eval::shared_dir().empty()) {
    std::puts("skipped: ../shared (labelled data) is not beside the source tree");
    return 77;
  }
  doctest::Context context(argc, argv);
  return context.run();
}
