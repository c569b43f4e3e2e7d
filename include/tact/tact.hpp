// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Tact: tone analysis, trigger phrases and positive-language rewrites for
// customer-service conversations. Include this header for the C++ API.
#ifndef TACT_TACT_HPP_
#define TACT_TACT_HPP_

#include "tact/analyzer.hpp"
#include "tact/category.hpp"
#include "tact/conversation.hpp"
#include "tact/report.hpp"
#include "tact/version.hpp"

#endif  // TACT_TACT_HPP_
