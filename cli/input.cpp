// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "input.hpp"

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

namespace tact::cli {

namespace {

void parse_jsonl(Message* m) {
  nlohmann::json j = nlohmann::json::parse(m->text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    m->error = "malformed JSON";
    return;
  }
  if (!j.is_object()) {
    m->error = "expected a JSON object";
    return;
  }
  auto text = j.find("text");
  if (text == j.end() || !text->is_string()) {
    m->error = "missing string field \"text\"";
    return;
  }
  if (auto id = j.find("id"); id != j.end()) {
    if (id->is_string()) {
      m->id = id->get<std::string>();
    } else if (id->is_number()) {
      m->id = id->dump();
    } else if (!id->is_null()) {
      m->error = "field \"id\" must be a string or a number";
      return;
    }
  }
  if (auto role = j.find("role"); role != j.end() && !role->is_null()) {
    const std::string r = role->is_string() ? role->get<std::string>() : "";
    if (r == "agent") {
      m->role = Role::agent;
    } else if (r == "customer") {
      m->role = Role::customer;
    } else if (r == "auto") {
      m->role = Role::automatic;
    } else {
      m->error = "field \"role\" must be \"agent\", \"customer\" or \"auto\"";
      return;
    }
    m->has_role = true;
  }
  m->text = text->get<std::string>();
}

void read_stream(std::istream& in, const std::string& name, bool jsonl,
                 const std::function<void(Message&)>& each) {
  Message m;
  m.file = name;
  std::string line;
  long number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (jsonl && line.find_first_not_of(" \t") == std::string::npos) continue;
    m.line = number;
    m.id.clear();
    m.error.clear();
    m.has_role = false;
    m.text.swap(line);
    if (jsonl) parse_jsonl(&m);
    each(m);
  }
}

}  // namespace

bool read_messages(const std::vector<std::string>& files, bool jsonl,
                   const std::function<void(Message&)>& each, std::string* error) {
  const std::vector<std::string> inputs = files.empty() ? std::vector<std::string>{"-"} : files;
  for (const std::string& f : inputs) {
    if (f == "-") {
      read_stream(std::cin, "-", jsonl, each);
      continue;
    }
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      *error = f + ": cannot open";
      return false;
    }
    read_stream(in, f, jsonl, each);
  }
  return true;
}

}  // namespace tact::cli
