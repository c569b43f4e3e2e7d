// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The only user of toml++ in the rule engine. toml++ is built with
// exceptions (lib/CMakeLists.txt says why): a parse error arrives as
// toml::parse_error and becomes a Status here; only std::bad_alloc escapes.
#include "rules/pack_file.hpp"

#include <algorithm>
#include <map>

#include <toml++/toml.h>

#include "rules/categories.hpp"
#include "rules/regex.hpp"
#include "rules/suggestion.hpp"

namespace tact::rules {

Status rule_error(const std::string& source, int line, const std::string& id,
                  const std::string& reason) {
  std::string m = source + ":" + std::to_string(line) + ": ";
  if (!id.empty()) m += id + ": ";
  return {Code::rules, m + reason};
}

namespace {

int line_of(const toml::node& n) {
  return static_cast<int>(n.source().begin.line);
}

std::string quoted(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

bool is_id_part(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

class Reader {
 public:
  Reader(const std::string& source, PackFile* out) : source_(source), out_(out) {}

  Status read(const toml::table& root);

 private:
  Status fail(int line, const std::string& id, const std::string& reason) const {
    return rule_error(source_, line, id, reason);
  }
  // An array of strings (or one string, read as a one-element array).
  Status strings(const toml::node& node, std::string_view key, const std::string& id,
                 std::vector<Located>* out) const;
  Status text(const toml::node& node, std::string_view key, const std::string& id,
              std::string* out) const;
  Status read_rule(const toml::table& table, CompiledRule* out) const;
  Status read_messages(const toml::node& node);
  Status finish_rule(const toml::table& table, CompiledRule* out) const;
  Status compile(const std::vector<Located>& patterns, const std::string& what,
                 const std::string& id, std::vector<std::string>* texts,
                 std::vector<std::shared_ptr<const RE2>>* regexes) const;

  const std::string& source_;
  PackFile* out_;
  std::map<std::string, std::string, std::less<>> messages_;  // category -> default message
};

Status Reader::strings(const toml::node& node, std::string_view key, const std::string& id,
                       std::vector<Located>* out) const {
  out->clear();
  if (const auto* s = node.as_string()) {
    out->push_back({s->get(), line_of(node)});
    return {};
  }
  const auto* array = node.as_array();
  if (array == nullptr) {
    return fail(line_of(node), id, "field '" + std::string(key) + "' must be an array of strings");
  }
  for (const toml::node& element : *array) {
    const auto* s = element.as_string();
    if (s == nullptr) {
      return fail(line_of(element), id,
                  "field '" + std::string(key) + "' must be an array of strings");
    }
    out->push_back({s->get(), line_of(element)});
  }
  return {};
}

Status Reader::text(const toml::node& node, std::string_view key, const std::string& id,
                    std::string* out) const {
  const auto* s = node.as_string();
  if (s == nullptr)
    return fail(line_of(node), id, "field '" + std::string(key) + "' must be a string");
  *out = s->get();
  return {};
}

Status Reader::compile(const std::vector<Located>& patterns, const std::string& what,
                       const std::string& id, std::vector<std::string>* texts,
                       std::vector<std::shared_ptr<const RE2>>* regexes) const {
  for (const Located& p : patterns) {
    std::string error;
    std::string normalized = normalize_pattern(p.value);
    std::unique_ptr<const RE2> re = p.value.empty() ? nullptr : compile_pattern(normalized, &error);
    if (re == nullptr) {
      std::string reason;
      if (!p.value.empty() && error != kMatchesEmpty) {
        reason.append("invalid RE2 in ").append(what).append(" ").append(quoted(p.value));
        reason.append(": ").append(error);
      } else {
        reason.append(what).append(" ").append(quoted(p.value)).append(" ").append(kMatchesEmpty);
      }
      return fail(p.line, id, reason);
    }
    out_->program_size += static_cast<std::size_t>(re->ProgramSize());
    if (out_->program_size > kMaxProgramSize) {
      return fail(p.line, id,
                  "patterns too large: " + std::to_string(out_->program_size) +
                      " RE2 instructions in this pack so far, more than the " +
                      std::to_string(kMaxProgramSize) + " all packs may hold together");
    }
    texts->push_back(std::move(normalized));
    regexes->push_back(std::move(re));
  }
  return {};
}

Status Reader::read_messages(const toml::node& node) {
  const auto* table = node.as_table();
  if (table == nullptr) return fail(line_of(node), "", "'messages' must be a table");
  for (const auto& [key, value] : *table) {
    const std::string_view category = key.str();
    const bool known = is_category(Family::trigger, category) ||
                       is_category(Family::technique, category) ||
                       is_category(Family::signal, category);
    if (!known) {
      return fail(line_of(value), "", "messages: unknown category '" + std::string(category) + "'");
    }
    std::string m;
    if (Status s = text(value, key.str(), "", &m); !s.ok()) return s;
    messages_.emplace(std::string(category), std::move(m));
  }
  return {};
}

Status Reader::read_rule(const toml::table& table, CompiledRule* out) const {
  Rule& r = out->rule;
  r.source = source_;
  r.line = line_of(table);

  // The id first, so every later error can name the rule.
  const toml::node* id_node = table.get("id");
  if (id_node == nullptr) return fail(r.line, "", "rule has no 'id'");
  if (Status s = text(*id_node, "id", "", &r.id); !s.ok()) return s;
  const std::string& id = r.id;
  const std::size_t dot1 = id.find('.');
  const std::size_t dot2 = dot1 == std::string::npos ? dot1 : id.find('.', dot1 + 1);
  if (dot2 == std::string::npos || !is_id_part(std::string_view(id).substr(0, dot1)) ||
      !is_id_part(std::string_view(id).substr(dot1 + 1, dot2 - dot1 - 1)) ||
      !is_id_part(std::string_view(id).substr(dot2 + 1))) {
    return fail(line_of(*id_node), id, "id must have the form family.category.name");
  }
  const std::string family = id.substr(0, dot1);
  r.category = id.substr(dot1 + 1, dot2 - dot1 - 1);
  if (!parse_family(family, &r.family)) {
    return fail(line_of(*id_node), id, "unknown family '" + family + "'");
  }
  if (!is_category(r.family, r.category)) {
    return fail(line_of(*id_node), id,
                "unknown category '" + r.category + "' for family " + family);
  }
  r.roles = default_roles(r.family);

  std::vector<Located> patterns;
  std::vector<Located> unless;
  std::vector<Located> suggestions;
  bool has_severity = false;
  for (const auto& [key, value] : table) {
    const std::string_view k = key.str();
    const int line = line_of(value);
    std::vector<Located> list;
    std::string s;
    Status st;
    if (k == "id") {
      continue;
    } else if (k == "family" || k == "category") {
      st = text(value, k, id, &s);
      if (st.ok() && k == "family" && s != family) {
        st = fail(line, id, "family '" + s + "' does not match the id");
      } else if (st.ok() && k == "category" && s != r.category) {
        st = fail(line, id, "category '" + s + "' does not match the id");
      }
    } else if (k == "roles") {
      st = strings(value, k, id, &list);
      if (st.ok() && list.empty()) st = fail(line, id, "'roles' is empty");
      r.roles = 0;
      for (const Located& role : list) {
        uint8_t mask = 0;
        if (!st.ok()) break;
        if (!parse_role(role.value, &mask)) {
          st = fail(role.line, id, "unknown role '" + role.value + "'");
        }
        r.roles |= mask;
      }
    } else if (k == "severity") {
      st = text(value, k, id, &s);
      if (st.ok() && !parse_severity(s, &r.severity)) {
        st = fail(line, id, "unknown severity '" + s + "'");
      }
      has_severity = true;
    } else if (k == "patterns") {
      st = strings(value, k, id, &patterns);
      if (st.ok() && patterns.empty()) st = fail(line, id, "'patterns' is empty");
    } else if (k == "unless") {
      st = strings(value, k, id, &unless);
    } else if (k == "anchor") {
      st = text(value, k, id, &s);
      if (st.ok() && s == "sentence-start") {
        r.anchor = Anchor::sentence_start;
      } else if (st.ok() && s != "anywhere") {
        st = fail(line, id, "unknown anchor '" + s + "'");
      }
    } else if (k == "in_quotes") {
      if (const auto* b = value.as_boolean()) {
        r.in_quotes = b->get();
      } else {
        st = fail(line, id, "field 'in_quotes' must be a boolean");
      }
    } else if (k == "detector") {
      st = text(value, k, id, &s);
      if (st.ok() && s == "caps") {
        r.detector = Detector::caps;
      } else if (st.ok()) {
        st = fail(line, id, "unknown detector '" + s + "'");
      }
    } else if (k == "acronyms" || k == "emphatic_words") {
      st = strings(value, k, id, &list);
      auto& target = k == "acronyms" ? r.acronyms : r.emphatic_words;
      for (Located& w : list) {
        std::transform(w.value.begin(), w.value.end(), w.value.begin(), [](char c) {
          return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        });
        target.push_back(std::move(w.value));
      }
    } else if (k == "message") {
      st = text(value, k, id, &r.message);
    } else if (k == "suggestions") {
      st = strings(value, k, id, &suggestions);
    } else if (k == "examples" || k == "counterexamples") {
      st = strings(value, k, id, &list);
      for (Located& e : list) (k == "examples" ? r.examples : r.counterexamples).push_back(e.value);
    } else {
      st = fail(line, id, "unknown field '" + std::string(k) + "'");
    }
    if (!st.ok()) return st;
  }

  if (has_severity && r.family != Family::trigger) {
    return fail(line_of(*table.get("severity")), id, "'severity' applies only to triggers");
  }
  if (r.detector == Detector::none) {
    if (patterns.empty()) return fail(r.line, id, "rule has no 'patterns'");
    if (!r.acronyms.empty() || !r.emphatic_words.empty()) {
      return fail(r.line, id, "'acronyms' and 'emphatic_words' need detector = \"caps\"");
    }
  } else if (!patterns.empty()) {
    return fail(patterns.front().line, id,
                "a rule has either 'patterns' or a 'detector', not both");
  }
  if (Status s = compile(patterns, "pattern", id, &r.patterns, &out->patterns); !s.ok()) return s;
  if (Status s = compile(unless, "unless", id, &r.unless, &out->unless); !s.ok()) return s;

  if (!suggestions.empty() && r.family != Family::trigger) {
    return fail(suggestions.front().line, id, "'suggestions' apply only to triggers");
  }
  for (const Located& sug : suggestions) {
    std::vector<std::string> names;
    std::string error;
    if (!template_captures(sug.value, &names, &error)) {
      return fail(sug.line, id, "suggestion " + quoted(sug.value) + ": " + error);
    }
    for (const std::string& name : names) {
      const bool everywhere =
          !out->patterns.empty() &&
          std::all_of(out->patterns.begin(), out->patterns.end(),
                      [&](const auto& re) { return re->NamedCapturingGroups().count(name) != 0; });
      if (!everywhere) {
        return fail(sug.line, id,
                    "suggestion " + quoted(sug.value) + " uses unknown capture {" + name + "}");
      }
    }
    r.suggestions.push_back(sug.value);
  }

  if (r.message.empty()) {
    if (auto it = messages_.find(r.category); it != messages_.end()) r.message = it->second;
  }
  if (r.message.empty() && r.family == Family::trigger) return fail(r.line, id, "missing message");
  if (r.examples.empty() || r.counterexamples.empty()) {
    return fail(r.line, id,
                "missing examples: a rule needs at least one text in 'examples' (must flag) and "
                "one in 'counterexamples' (must not flag)");
  }
  return {};
}

Status Reader::read(const toml::table& root) {
  // Messages first: rules anywhere in the file take their defaults.
  if (const toml::node* m = root.get("messages")) {
    if (Status s = read_messages(*m); !s.ok()) return s;
  }
  for (const auto& [key, value] : root) {
    const std::string_view k = key.str();
    const int line = line_of(value);
    Status st;
    std::vector<Located> list;
    if (k == "name") {
      st = text(value, k, "", &out_->name);
    } else if (k == "description" || k == "messages") {
      if (k == "description" && !value.is_string())
        st = fail(line, "", "'description' must be a string");
    } else if (k == "extends") {
      out_->extends.line = line;
      st = text(value, k, "", &out_->extends.value);
    } else if (k == "disable") {
      st = strings(value, k, "", &out_->disable);
    } else if (k == "include") {
      st = strings(value, k, "", &out_->include);
    } else if (k == "quote_patterns") {
      out_->has_quote_patterns = true;
      st = strings(value, k, "", &list);
      if (st.ok()) {
        st = compile(list, "quote pattern", "", &out_->quote_patterns, &out_->quote_regexes);
      }
    } else if (k == "rule") {
      const auto* array = value.as_array();
      if (array == nullptr || !array->is_array_of_tables()) {
        st = fail(line, "", "'rule' must be an array of tables ([[rule]])");
      }
      for (std::size_t i = 0; st.ok() && i < array->size(); ++i) {
        CompiledRule rule;
        st = read_rule(*array->get(i)->as_table(), &rule);
        if (st.ok()) out_->rules.push_back(std::move(rule));
      }
    } else {
      st = fail(line, "", "unknown field '" + std::string(k) + "'");
    }
    if (!st.ok()) return st;
  }
  return {};
}

}  // namespace

Status read_pack_file(std::string_view text, const std::string& source, PackFile* out) {
  *out = PackFile();
  out->source = source;
  toml::table root;
  try {
    // No source path: toml++ copies it into a shared string inside a
    // noexcept constructor, where std::bad_alloc would terminate. Messages
    // name the source themselves.
    root = toml::parse(text);
  } catch (const toml::parse_error& e) {
    return rule_error(source, static_cast<int>(e.source().begin.line), "",
                      "invalid TOML: " + std::string(e.description()));
  }
  return Reader(source, out).read(root);
}

}  // namespace tact::rules
