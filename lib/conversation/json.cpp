// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// ConversationReport -> one line of JSON (docs/cli.md, "tact conversation").
// Each turn is its message report's JSON with "turn" and "stage" or
// "unaddressed" added, so a reader of `tact analyze` output reads it as is.
#include <nlohmann/json.hpp>

#include <string>

#include "tact/conversation.hpp"

namespace tact {

namespace {

std::string quote(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string ConversationReport::to_json() const {
  std::string out = "{\"id\":" + quote(id) + ",\"priority\":" + quote(priority) +
                    ",\"route\":" + quote(route) + ",\"reasons\":[";
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    const ConversationReason& r = reasons[i];
    if (i) out += ',';
    out += "{\"turn\":" + std::to_string(r.turn) + ",\"type\":" + quote(r.type) +
           ",\"start\":" + std::to_string(r.span.start) + ",\"end\":" + std::to_string(r.span.end) +
           ",\"text\":" + quote(r.text) + "}";
  }
  out += "],\"trend\":" + quote(trend) + ",\"peak\":" + std::to_string(peak) +
         ",\"current\":" + std::to_string(current) + ",\"turns\":[";
  for (std::size_t i = 0; i < turns.size(); ++i) {
    const ConversationTurn& t = turns[i];
    if (i) out += ',';
    std::string one = t.report.to_json();
    if (!one.empty() && one.back() == '}') one.pop_back();
    out += one;
    out += ",\"turn\":" + std::to_string(i);
    if (t.report.role == Role::customer) {
      out += ",\"level\":" + std::to_string(t.level) + ",\"stage\":" + quote(t.stage);
    } else {
      out += ",\"unaddressed\":[";
      for (std::size_t u = 0; u < t.unaddressed.size(); ++u) {
        if (u) out += ',';
        out += quote(t.unaddressed[u]);
      }
      out += ']';
    }
    out += '}';
  }
  out += "]}";
  return out;
}

}  // namespace tact
