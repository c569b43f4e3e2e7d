// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// ConversationReport -> one line of JSON (docs/cli.md, "tact conversation").
// Each turn is its message report's JSON with "turn" and "stage" or
// "unaddressed" added, so a reader of `tact analyze` output reads it as is.
#include <nlohmann/json.hpp>

#include <string>

#include "report/json.hpp"

namespace tact {

namespace {

std::string quote(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

namespace core {

std::string to_json(const ConversationReport& conversation) {
  std::string out = "{\"id\":" + quote(conversation.id) +
                    ",\"priority\":" + quote(conversation.priority) +
                    ",\"route\":" + quote(conversation.route) + ",\"reasons\":[";
  for (std::size_t i = 0; i < conversation.reasons.size(); ++i) {
    const ConversationReason& r = conversation.reasons[i];
    if (i) out += ',';
    out += "{\"turn\":" + std::to_string(r.turn) + ",\"type\":" + quote(r.type) +
           ",\"start\":" + std::to_string(r.span.start) + ",\"end\":" + std::to_string(r.span.end) +
           ",\"text\":" + quote(r.text) + "}";
  }
  out += "],\"trend\":" + quote(conversation.trend) +
         ",\"peak\":" + std::to_string(conversation.peak) +
         ",\"current\":" + std::to_string(conversation.current) + ",\"turns\":[";
  for (std::size_t i = 0; i < conversation.turns.size(); ++i) {
    const ConversationTurn& t = conversation.turns[i];
    if (i) out += ',';
    std::string one = to_json(t.report);
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

}  // namespace core

}  // namespace tact
