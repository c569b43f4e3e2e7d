// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Replaces the global operator new and delete with ones that take their
// memory from malloc through tact_test_allocate(), which the one test file
// that includes this defines (to fail or throw on chosen allocations). The
// nothrow forms too, so every allocation goes through it: with std::nothrow
// a throw becomes nullptr, as the standard's own would do.
#ifndef TACT_TESTS_REPLACED_NEW_HPP_
#define TACT_TESTS_REPLACED_NEW_HPP_

#include <cstdlib>
#include <new>

void* tact_test_allocate(std::size_t n);

void* operator new(std::size_t n) {
  return tact_test_allocate(n);
}
void* operator new[](std::size_t n) {
  return tact_test_allocate(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return tact_test_allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return tact_test_allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}

#endif  // TACT_TESTS_REPLACED_NEW_HPP_
