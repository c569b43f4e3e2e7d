// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The core's C++ interface for the programs built with the library (the
// CLI, the service, the benchmarks, the tests): tact::core::Analyzer,
// tact::core::Conversation and the reports' JSON, over the public value
// types. Not installed; applications use tact.h or include/tact/.
#ifndef TACT_CORE_CORE_HPP_
#define TACT_CORE_CORE_HPP_

#include "conversation/conversation.hpp"
#include "core/analyzer.hpp"
#include "report/json.hpp"
#include "tact/conversation_report.hpp"
#include "tact/options.hpp"
#include "tact/report.hpp"
#include "tact/status.hpp"
#include "tact/version.hpp"

#endif  // TACT_CORE_CORE_HPP_
