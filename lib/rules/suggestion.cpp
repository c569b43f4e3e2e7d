// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rules/suggestion.hpp"

namespace tact::rules {

namespace {

bool is_name_char(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         (!first && c >= '0' && c <= '9');
}

// Walks `tmpl`, calling literal(text) and field(name); false on a syntax
// error, with *error set.
template <typename Literal, typename Field>
bool walk(std::string_view tmpl, Literal literal, Field field, std::string* error) {
  std::size_t i = 0;
  while (i < tmpl.size()) {
    const char c = tmpl[i];
    if ((c == '{' || c == '}') && i + 1 < tmpl.size() && tmpl[i + 1] == c) {
      literal(tmpl.substr(i, 1));
      i += 2;
      continue;
    }
    if (c == '}') {
      if (error) *error = "stray '}' at offset " + std::to_string(i);
      return false;
    }
    if (c != '{') {
      const std::size_t next = tmpl.find_first_of("{}", i);
      const std::size_t end = next == std::string_view::npos ? tmpl.size() : next;
      literal(tmpl.substr(i, end - i));
      i = end;
      continue;
    }
    const std::size_t close = tmpl.find('}', i + 1);
    if (close == std::string_view::npos) {
      if (error) *error = "unclosed '{' at offset " + std::to_string(i);
      return false;
    }
    std::string_view name = tmpl.substr(i + 1, close - i - 1);
    strip_lower_suffix(&name);  // {act|lower} names the capture act
    bool valid = !name.empty();
    if (is_marker_field(name)) {
      field(name);
      i = close + 1;
      continue;
    }
    for (std::size_t k = 0; k < name.size() && valid; ++k) valid = is_name_char(name[k], k == 0);
    if (!valid) {
      if (error) *error = "malformed capture name {" + std::string(name) + "}";
      return false;
    }
    field(name);
    i = close + 1;
  }
  return true;
}

}  // namespace

bool template_captures(std::string_view tmpl, std::vector<std::string>* names, std::string* error) {
  names->clear();
  return walk(
      tmpl, [](std::string_view) {}, [&](std::string_view n) { names->emplace_back(n); }, error);
}

std::string render_template(std::string_view tmpl, const Finding& finding, std::string_view view) {
  std::string out;
  walk(
      tmpl, [&](std::string_view text) { out.append(text); },
      [&](std::string_view name) {
        for (const Capture& c : finding.captures) {
          if (c.name == name) {
            out.append(view.substr(c.view.begin, c.view.size()));
            break;
          }
        }
      },
      nullptr);
  return out;
}

}  // namespace tact::rules
