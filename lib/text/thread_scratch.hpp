// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Per-thread scratch for the analysis stages, without C++ thread_local
// destructors: glibc registers each one with an allocation on a thread's
// first use and aborts the process when that allocation fails ("failed to
// register TLS destructor: out of memory"), which a process under
// `ulimit -v` hit. A pthread key's destructor needs no allocation per
// thread; a failure here is std::bad_alloc, which the analyzer reports as
// out_of_memory.
#ifndef TACT_LIB_TEXT_THREAD_SCRATCH_HPP_
#define TACT_LIB_TEXT_THREAD_SCRATCH_HPP_

#include <pthread.h>

#include <memory>
#include <new>

namespace tact::text {

// This thread's T, made on first use and deleted when the thread exits.
// Each T must be a type of its own: the storage is per type. Throws
// std::bad_alloc.
template <class T>
T& thread_scratch() {
  thread_local T* mine = nullptr;  // a plain pointer: nothing to register
  if (mine != nullptr) return *mine;
  static const pthread_key_t key = [] {
    pthread_key_t k;
    if (pthread_key_create(&k, [](void* p) { delete static_cast<T*>(p); }) != 0) {
      throw std::bad_alloc();
    }
    return k;
  }();
  auto made = std::make_unique<T>();
  if (pthread_setspecific(key, made.get()) != 0) throw std::bad_alloc();
  mine = made.release();
  return *mine;
}

}  // namespace tact::text

#endif  // TACT_LIB_TEXT_THREAD_SCRATCH_HPP_
