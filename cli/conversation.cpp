// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Reads each line through input.cpp's bounded reader (as plain text, then
// parses it here), so a huge line is refused before it is stored.
#include "conversation.hpp"

#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/core.hpp"
#include "input.hpp"

namespace tact::cli {

namespace {

constexpr int kExitError = 2;

struct Pending : ConversationRequest {
  Pending(std::string id, std::string w, std::string e) : where(std::move(w)) {
    id_json = std::move(id);
    error = std::move(e);
  }
  std::string where;  // file:line of its first line
};

std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Reads one turn object; returns an error message or "".
std::string read_turn(const nlohmann::json& t, ConversationInput* out) {
  if (!t.is_object()) return "a turn must be an object";
  const auto role = t.find("role");
  if (role == t.end() || !role->is_string()) return "a turn needs a \"role\" (customer or agent)";
  const std::string r = role->get<std::string>();
  if (r == "customer") {
    out->role = Role::customer;
  } else if (r == "agent") {
    out->role = Role::agent;
  } else {
    return "unknown role \"" + r + "\" (customer or agent)";
  }
  const auto text = t.find("text");
  if (text == t.end() || !text->is_string()) return "a turn needs a string \"text\"";
  out->text = text->get<std::string>();
  return "";
}

class Runner {
 public:
  Runner(const core::Analyzer& analyzer, const ConversationSettings& s)
      : analyzer_(analyzer), s_(s) {}

  // Analyzes and prints one conversation.
  void finish(Pending& p) {
    if (s_.format == "json") {
      std::string error;
      const std::string line = conversation_json(analyzer_, p, &error);
      if (!error.empty()) {
        failed_ = true;
        std::cerr << "tact: " << p.where << ": " << error << "\n";
      }
      std::cout << line << "\n";
      return;
    }
    ConversationReport report;
    std::string error = p.error;
    if (error.empty()) {
      const Status st = core::analyze_conversation(analyzer_, p.turns, &report);
      if (!st.ok()) error = st.message;
    }
    if (!error.empty()) {
      failed_ = true;
      std::cerr << "tact: " << p.where << ": " << error << "\n";
      return;
    }
    std::cout << "conversation " << p.id_json << "\n";
    for (std::size_t i = 0; i < report.turns.size(); ++i) {
      const ConversationTurn& t = report.turns[i];
      std::cout << "  " << i << " " << role_name(t.report.role) << ": ";
      if (t.report.role == Role::customer) {
        std::cout << t.stage << " (level " << t.level << ")";
      } else if (t.unaddressed.empty()) {
        std::cout << "answers every open request";
      } else {
        std::cout << "unaddressed:";
        for (const std::string& u : t.unaddressed) std::cout << " " << u;
      }
      std::cout << "\n";
    }
    std::cout << "  priority " << report.priority << ", route " << report.route << ", trend "
              << report.trend << ", peak " << report.peak << ", current " << report.current << "\n";
    for (const ConversationReason& r : report.reasons) {
      std::cout << "  because turn " << r.turn << ": " << r.type;
      if (!r.text.empty()) std::cout << " \"" << r.text << "\"";
      std::cout << "\n";
    }
  }

  void line(Message& m) {
    const std::string where = m.file + ":" + std::to_string(m.line);
    if (!m.code.empty()) {
      Pending p("null", where, m.error);
      finish(p);
      return;
    }
    const nlohmann::json j = nlohmann::json::parse(m.text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      if (m.text.find_first_not_of(" \t\r") == std::string::npos) return;  // blank line
      Pending p("null", where, "not a JSON object");
      finish(p);
      return;
    }
    const auto id = j.find(s_.group_by.empty() ? "id" : s_.group_by);
    const std::string id_json = id == j.end() ? "null" : dump(*id);
    if (!s_.group_by.empty()) {
      ConversationInput turn;
      std::string error = read_turn(j, &turn);
      std::size_t k = 0;
      while (k < groups_.size() && groups_[k].id_json != id_json) ++k;
      if (k == groups_.size()) groups_.emplace_back(id_json, where, "");
      if (!error.empty() && groups_[k].error.empty()) groups_[k].error = where + ": " + error;
      groups_[k].turns.push_back(std::move(turn));
      return;
    }
    Pending p(id_json, where, "");
    static_cast<ConversationRequest&>(p) = read_conversation(j);
    finish(p);
  }

  void flush() {
    for (Pending& p : groups_) finish(p);
    groups_.clear();
  }

  bool failed() const { return failed_; }

 private:
  const core::Analyzer& analyzer_;
  const ConversationSettings& s_;
  std::vector<Pending> groups_;
  bool failed_ = false;
};

}  // namespace

ConversationRequest read_conversation(const nlohmann::json& j) {
  ConversationRequest p;
  if (const auto id = j.find("id"); id != j.end()) p.id_json = dump(*id);
  const auto turns = j.find("turns");
  if (turns == j.end() || !turns->is_array()) {
    p.error = "a conversation needs a \"turns\" list";
    return p;
  }
  for (std::size_t i = 0; i < turns->size() && p.error.empty(); ++i) {
    ConversationInput turn;
    const std::string error = read_turn((*turns)[i], &turn);
    if (!error.empty()) p.error = "turn " + std::to_string(i) + ": " + error;
    p.turns.push_back(std::move(turn));
  }
  return p;
}

std::string conversation_json(const core::Analyzer& analyzer, const ConversationRequest& c,
                              std::string* error) {
  ConversationReport report;
  *error = c.error;
  if (error->empty()) {
    const Status st = core::analyze_conversation(analyzer, c.turns, &report);
    if (!st.ok()) *error = st.message;
  }
  if (!error->empty()) {
    return "{\"id\":" + c.id_json +
           ",\"error\":{\"code\":\"conversation_error\",\"message\":" + dump(*error) + "}}";
  }
  std::string line = core::to_json(report);
  line.replace(0, 8, "{\"id\":" + c.id_json);  // {"id":"" -> the id as written
  return line;
}

bool ready_for_conversations(const core::Analyzer& analyzer) {
  if (!analyzer.ok()) {
    std::cerr << "tact: " << analyzer.status().message << "\n";
    return false;
  }
  const core::Conversation probe(analyzer);
  if (!probe.status().ok()) {
    std::cerr << "tact: " << probe.status().message << "\n";
    return false;
  }
  return true;
}

int run_conversation(const ConversationSettings& s) {
  Options options;
  options.default_pack = !s.no_default_pack;
  options.language = s.language;
  options.rule_files = s.rules;
  const core::Analyzer analyzer(options);
  if (!ready_for_conversations(analyzer)) return kExitError;
  Runner runner(analyzer, s);
  ReadOptions read;
  read.jsonl = false;  // raw lines: this file parses the conversation objects
  read.max_bytes = options.max_input_bytes * 4;
  const bool complete = read_messages(s.files, read, [&](Message& m) {
    runner.line(m);
    return static_cast<bool>(std::cout);
  });
  runner.flush();
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "tact: <stdout>: cannot write\n";
    return kExitError;
  }
  return complete && !runner.failed() ? 0 : kExitError;
}

}  // namespace tact::cli
