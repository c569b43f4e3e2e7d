// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rules/classes.hpp"

#include <algorithm>

#include "rules/regex.hpp"

namespace tact::rules {

namespace {

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || c == '_';
}
bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

// A class reference at pattern[i] ('{'): sets *name, *inflect and *end
// (one past '}'). "{2,3}" and other braces are not references.
bool reference_at(std::string_view p, std::size_t i, std::string_view* name,
                  std::string_view* inflect, std::size_t* end) {
  if (i >= p.size() || p[i] != '{' || i + 1 >= p.size() || !is_name_start(p[i + 1])) return false;
  std::size_t j = i + 1;
  while (j < p.size() && is_name_char(p[j])) ++j;
  *name = p.substr(i + 1, j - i - 1);
  *inflect = {};
  if (j < p.size() && p[j] == ':') {
    const std::size_t k = ++j;
    if (j >= p.size() || !is_name_start(p[j])) return false;
    while (j < p.size() && is_name_char(p[j])) ++j;
    *inflect = p.substr(k, j - k);
  }
  if (j >= p.size() || p[j] != '}') return false;
  *end = j + 1;
  return true;
}

// Index one past a character class starting at p[i] ('['), or p.size().
std::size_t class_end(std::string_view p, std::size_t i) {
  std::size_t j = i + 1;
  if (j < p.size() && p[j] == '^') ++j;
  if (j < p.size() && p[j] == ']') ++j;  // "[]...]": a literal ']'
  while (j < p.size() && p[j] != ']') {
    if (p[j] == '\\') ++j;
    ++j;
  }
  return std::min(j + 1, p.size());
}

// One character of a literal phrase as RE2: the view has one space per run
// of whitespace, writers drop apostrophes ("cant") and write compounds
// open, closed or hyphenated ("work-around", "work around", "workaround").
void append_literal(char c, std::string* out) {
  if (c == '\'') {
    out->append("'?");
  } else if (c == '-') {
    out->append("[- ]?");
  } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
    if (out->empty() || out->back() != ' ') out->push_back(' ');
  } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             (static_cast<unsigned char>(c) >= 0x80)) {
    out->push_back(c);
  } else {
    out->push_back('\\');
    out->push_back(c);
  }
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string trimmed(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const std::size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

Status op_error(const std::string& source, int line, const std::string& what,
                const std::string& reason) {
  return {Code::rules, source + ":" + std::to_string(line) + ": " + what + ": " + reason};
}

}  // namespace

bool ClassTable::uses_classes(std::string_view p) {
  for (std::size_t i = 0; i < p.size();) {
    std::string_view name;
    std::string_view inflect;
    std::size_t end = 0;
    if (p[i] == '\\') {
      i += 2;
    } else if (p[i] == '[') {
      i = class_end(p, i);
    } else if (reference_at(p, i, &name, &inflect, &end)) {
      return true;
    } else {
      ++i;
    }
  }
  return false;
}

Status ClassTable::apply(const InflectionOp& op) {
  expanded_.clear();
  const std::string what = "inflections." + op.name;
  Inflection& inf = inflections_[op.name];
  if (op.has_head) inf.head_last = op.head_last;
  if (!op.forms.empty()) {
    inf.forms.clear();
    for (const std::vector<Located>& form : op.forms) {
      inf.forms.emplace_back();
      for (const Located& rule : form) {
        const std::size_t arrow = rule.value.find(" -> ");
        if (arrow == std::string::npos) {
          return op_error(op.source, rule.line, what,
                          "suffix rule \"" + rule.value + "\" is not \"PATTERN -> REWRITE\"");
        }
        auto re = std::make_shared<const RE2>(rule.value.substr(0, arrow), pattern_options());
        std::string rewrite = rule.value.substr(arrow + 4);
        std::string error;
        if (!re->ok()) {
          return op_error(op.source, rule.line, what,
                          "invalid RE2 in suffix rule \"" + excerpt(rule.value) +
                              "\": " + excerpt(re->error()));
        }
        if (!re->CheckRewriteString(rewrite, &error)) {
          return op_error(op.source, rule.line, what,
                          "suffix rule \"" + rule.value + "\": " + error);
        }
        inf.forms.back().emplace_back(std::move(re), std::move(rewrite));
      }
    }
  }
  for (const auto& [word, forms] : op.irregular) {
    std::vector<std::string>& slot = inf.irregular[lower_ascii(word.value)];
    slot.clear();
    for (const std::string& f : forms) slot.push_back(lower_ascii(trimmed(f)));
  }
  return {};
}

Status ClassTable::apply(const ClassOp& op) {
  expanded_.clear();
  const std::string what = "classes." + op.name;
  auto it = classes_.find(op.name);
  if (!op.define && it == classes_.end()) {
    return op_error(op.source, op.line, what,
                    "no earlier pack defines class {" + op.name + "} to add to or remove from");
  }
  Class& c = op.define ? classes_[op.name] : it->second;
  if (op.define) c = Class();
  if (op.has_regex) c.regex = op.regex;
  if (op.has_inflect) c.inflect = op.inflect;
  if (c.regex && !c.inflect.empty()) {
    return op_error(op.source, op.line, what, "a regex class cannot be inflected");
  }
  auto add = [&](const Located& e) -> Status {
    const std::string entry = normalize_pattern(trimmed(e.value));
    if (entry.empty()) return op_error(op.source, e.line, what, "empty entry");
    if (c.regex) {
      // Checked alone, so the error points at the entry, not at a rule.
      RE2 re(entry, pattern_options());
      if (!re.ok() && !uses_classes(entry)) {
        return op_error(op.source, e.line, what,
                        "invalid RE2 in entry \"" + excerpt(entry) + "\": " + excerpt(re.error()));
      }
    }
    if (std::find(c.entries.begin(), c.entries.end(), entry) == c.entries.end())
      c.entries.push_back(entry);
    return {};
  };
  for (const Located& e : op.words) {
    if (Status s = add(e); !s.ok()) return s;
  }
  for (const Located& e : op.add) {
    if (Status s = add(e); !s.ok()) return s;
  }
  for (const Located& e : op.remove) {
    const std::string entry = normalize_pattern(trimmed(e.value));
    auto found = std::find(c.entries.begin(), c.entries.end(), entry);
    if (found == c.entries.end()) {
      return op_error(op.source, e.line, what,
                      "remove: class {" + op.name + "} has no entry \"" + entry + "\"");
    }
    c.entries.erase(found);
  }
  if (c.entries.empty()) return op_error(op.source, op.line, what, "class is empty");
  return {};
}

Status ClassTable::validate(const ClassOp& op) const {
  std::string out;
  std::string error;
  std::vector<std::string> stack;
  if (!expand_class(op.name, "", &stack, &out, &error)) {
    return op_error(op.source, op.line, "classes." + op.name, error);
  }
  return {};
}

bool ClassTable::expand(std::string_view pattern, std::string* out, std::string* error) const {
  out->clear();
  std::vector<std::string> stack;
  return expand_into(pattern, false, &stack, out, error);
}

bool ClassTable::expand_into(std::string_view p, bool literal, std::vector<std::string>* stack,
                             std::string* out, std::string* error) const {
  for (std::size_t i = 0; i < p.size();) {
    std::string_view name;
    std::string_view inflect;
    std::size_t end = 0;
    if (reference_at(p, i, &name, &inflect, &end)) {
      if (!expand_class(name, inflect, stack, out, error)) return false;
      i = end;
    } else if (literal) {
      append_literal(p[i], out);
      ++i;
    } else {
      // RE2 text is copied as written; escapes and character classes are
      // never references.
      const std::size_t next = p[i] == '\\'  ? std::min(i + 2, p.size())
                               : p[i] == '[' ? class_end(p, i)
                                             : i + 1;
      out->append(p.substr(i, next - i));
      i = next;
    }
    if (out->size() > kMaxExpandedPattern) {
      *error = "expands to more than " + std::to_string(kMaxExpandedPattern) + " bytes";
      return false;
    }
  }
  return true;
}

bool ClassTable::forms_of(const Inflection& inf, std::string_view phrase,
                          std::vector<std::string>* out) const {
  // The inflected word is the phrase's first (or last) word of letters.
  const std::size_t sp = inf.head_last ? phrase.rfind(' ') : phrase.find(' ');
  std::size_t b = 0;
  std::size_t e = phrase.size();
  if (sp != std::string_view::npos) {
    if (inf.head_last) {
      b = sp + 1;
    } else {
      e = sp;
    }
  }
  const std::string word = lower_ascii(phrase.substr(b, e - b));
  const bool letters = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
  });
  out->push_back(std::string(phrase));
  if (!letters) return true;
  std::vector<std::string> words;
  if (auto it = inf.irregular.find(word); it != inf.irregular.end()) {
    words = it->second;
  } else {
    for (const auto& form : inf.forms) {
      for (const auto& [re, rewrite] : form) {
        std::string w = word;
        if (RE2::Replace(&w, *re, rewrite)) {
          words.push_back(std::move(w));
          break;
        }
      }
    }
  }
  for (const std::string& w : words) {
    std::string f(phrase.substr(0, b));
    f += w;
    f += phrase.substr(e);
    if (std::find(out->begin(), out->end(), f) == out->end()) out->push_back(std::move(f));
  }
  return true;
}

bool ClassTable::expand_class(std::string_view name, std::string_view inflect,
                              std::vector<std::string>* stack, std::string* out,
                              std::string* error) const {
  // Counts every call, so a class whose expansion made none refers to no
  // other class (not even one kept already).
  const std::size_t before = ++expanding_;
  auto it = classes_.find(name);
  if (it == classes_.end()) {
    *error = "unknown class {" + std::string(name) + "}";
    return false;
  }
  if (std::find(stack->begin(), stack->end(), name) != stack->end()) {
    *error = "class {" + std::string(name) + "} refers to itself";
    for (const std::string& s : *stack)
      *error += (s == stack->front() ? " through {" : ", {") + s + "}";
    return false;
  }
  if (static_cast<int>(stack->size()) >= kMaxClassDepth) {
    *error = "classes nest more than " + std::to_string(kMaxClassDepth) + " deep at {" +
             std::string(name) + "}";
    return false;
  }
  const Class& c = it->second;
  std::string_view use = inflect.empty() ? std::string_view(c.inflect) : inflect;
  const Inflection* inf = nullptr;
  if (!use.empty()) {
    auto found = inflections_.find(use);
    if (found == inflections_.end()) {
      *error = "class {" + std::string(name) + "}: unknown inflection '" + std::string(use) + "'";
      return false;
    }
    if (c.regex) {
      *error = "class {" + std::string(name) + "} holds regexes and cannot be inflected";
      return false;
    }
    inf = &found->second;
  }
  // Checked as above wherever it is used, a class that refers to no other
  // expands to the same text: kept from its first use.
  std::string key(name);
  key.append(":").append(use);
  if (auto cached = expanded_.find(key); cached != expanded_.end()) {
    out->append(cached->second);
    if (out->size() > kMaxExpandedPattern) {
      *error = "expands to more than " + std::to_string(kMaxExpandedPattern) + " bytes";
      return false;
    }
    return true;
  }
  const std::size_t start = out->size();
  stack->emplace_back(name);
  out->append("(?:");
  bool first = true;
  std::vector<std::string> variants;
  for (const std::string& entry : c.entries) {
    variants.clear();
    if (inf != nullptr) {
      forms_of(*inf, entry, &variants);
    } else {
      variants.push_back(entry);
    }
    for (const std::string& v : variants) {
      if (!first) out->push_back('|');
      first = false;
      if (!expand_into(v, !c.regex, stack, out, error)) return false;
    }
  }
  out->push_back(')');
  stack->pop_back();
  if (expanding_ == before) expanded_.emplace(std::move(key), out->substr(start));
  return true;
}

}  // namespace tact::rules
