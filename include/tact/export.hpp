// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// TACT_API marks what the shared library exports; everything else is hidden.
#ifndef TACT_EXPORT_HPP_
#define TACT_EXPORT_HPP_

#if defined(TACT_STATIC_DEFINE)
#define TACT_API
#elif defined(_WIN32)
#if defined(TACT_BUILDING)
#define TACT_API __declspec(dllexport)
#else
#define TACT_API __declspec(dllimport)
#endif
#else
#define TACT_API __attribute__((visibility("default")))
#endif

#endif  // TACT_EXPORT_HPP_
