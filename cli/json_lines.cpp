// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "json_lines.hpp"

#include <nlohmann/json.hpp>

namespace tact::cli {

std::string with_id(std::string json, const std::string& id_json) {
  static const std::string kNull = "{\"id\":null";
  if (id_json.empty() || json.compare(0, kNull.size(), kNull) != 0) return json;
  return json.replace(6, 4, id_json);
}

const char* error_code(Code code) {
  return code == Code::input_too_large ? "too_large"
         : code == Code::out_of_memory ? "out_of_memory"
                                       : "analyze_error";
}

std::string analyze_message(const core::Analyzer& analyzer, Message& m, Role default_role,
                            Report* report) {
  if (!m.code.empty()) return "";
  const Status status = analyzer.analyze(m.text, m.has_role ? m.role : default_role, report);
  if (status.code == Code::deadline_exceeded) return status.message;
  if (!status.ok()) {
    m.code = error_code(status.code);
    m.error = status.message;
  }
  return "";
}

std::string error_json(const Message& m) {
  nlohmann::ordered_json e;
  e["code"] = m.code;
  e["file"] = m.file;
  e["line"] = m.line;
  e["message"] = m.error;
  nlohmann::ordered_json j;
  j["id"] = nullptr;
  j["error"] = std::move(e);
  return with_id(j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace),
                 m.id_json);
}

std::string report_json(const Message& m, const Report& report, const std::string& partial) {
  std::string line = with_id(core::to_json(report), m.id_json);
  if (!partial.empty()) {
    nlohmann::ordered_json e;
    e["code"] = "deadline_exceeded";
    e["message"] = partial;
    line.pop_back();  // the report object's closing brace
    line += ",\"error\":" + e.dump() + "}";
  }
  return line;
}

}  // namespace tact::cli
