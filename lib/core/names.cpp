// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The fixed names of enums, shared by the C++ API, JSON and the C ABI.
#include "tact/analyzer.hpp"
#include "tact/report.hpp"
#include "tact/version.hpp"

namespace tact {

const char* role_name(Role role) noexcept {
  switch (role) {
    case Role::agent: return "agent";
    case Role::customer: return "customer";
    case Role::automatic: return "auto";
  }
  return "agent";
}

const char* severity_name(Severity severity) noexcept {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "warning";
}

const char* source_name(Source source) noexcept {
  return source == Source::model ? "model" : "rule";
}

const char* escalation_label(int level) noexcept {
  static const char* const kLabels[] = {"calm", "concerned", "frustrated", "angry", "hostile"};
  return level >= 0 && level <= 4 ? kLabels[level] : kLabels[0];
}

const char* code_name(Code code) noexcept {
  switch (code) {
    case Code::ok: return "ok";
    case Code::invalid_argument: return "invalid argument";
    case Code::out_of_memory: return "out of memory";
    case Code::input_too_large: return "input too large";
    case Code::rules: return "rule pack error";
    case Code::io: return "I/O error";
    case Code::version: return "unsupported options version";
    case Code::internal: return "internal error";
    case Code::deadline_exceeded: return "deadline exceeded";
  }
  return "unknown status";
}

const char* version_string() noexcept {
  return TACT_CXX_VERSION_STRING;
}

}  // namespace tact
