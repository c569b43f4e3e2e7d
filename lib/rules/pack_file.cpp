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
#include "rules/toml_guard.hpp"
#include "text/unicode.hpp"

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
  return "\"" + excerpt(s) + "\"";
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
                 std::vector<std::shared_ptr<const Regex>>* regexes) const;
  Status read_classes(const toml::node& node);
  Status read_categories(const toml::node& node);
  Status read_quote_marks(const toml::node& node);
  Status read_rewrite_style(const toml::node& node);
  Status read_sentences(const toml::node& node);
  Status read_spellings(const toml::node& node);
  Status read_inflections(const toml::node& node);

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

// Compiles one pattern, or says why it cannot be ("what" is "pattern",
// "unless" or "quote pattern"; `written` is the pattern as the pack has it).
// `deferred`: the pattern is known good; it is compiled on first use.
Status compile_one(const std::string& source, const Located& p, const std::string& written,
                   const std::string& what, const std::string& id, std::string* text,
                   std::shared_ptr<const Regex>* regex, std::size_t* program_size, bool deferred) {
  std::string error;
  std::string normalized = normalize_pattern(p.value);
  if (deferred && !p.value.empty()) {
    *regex = std::make_shared<const Regex>(normalized);
    *text = std::move(normalized);
    return {};
  }
  std::unique_ptr<const RE2> re = p.value.empty() ? nullptr : compile_pattern(normalized, &error);
  if (re == nullptr) {
    std::string reason;
    if (!p.value.empty() && error != kMatchesEmpty) {
      reason.append("invalid RE2 in ").append(what).append(" ").append(quoted(written));
      reason.append(": ").append(error);
    } else {
      reason.append(what).append(" ").append(quoted(written)).append(" ").append(kMatchesEmpty);
    }
    return rule_error(source, p.line, id, reason);
  }
  *program_size += static_cast<std::size_t>(re->ProgramSize());
  if (*program_size > kMaxProgramSize) {
    return rule_error(source, p.line, id,
                      "patterns too large: " + std::to_string(*program_size) +
                          " RE2 instructions in this pack so far, more than the " +
                          std::to_string(kMaxProgramSize) + " all packs may hold together");
  }
  *text = std::move(normalized);
  *regex = std::make_shared<const Regex>(std::move(re));
  return {};
}

// Every capture a suggestion names must be in every pattern of its rule.
Status check_suggestions(const std::vector<Located>& suggestions, CompiledRule* out) {
  Rule& r = out->rule;
  r.suggestions.clear();
  for (const Located& sug : suggestions) {
    std::vector<std::string> names;
    std::string error;
    if (!template_captures(sug.value, &names, &error)) {
      return rule_error(r.source, sug.line, r.id, "suggestion " + quoted(sug.value) + ": " + error);
    }
    for (const std::string& name : names) {
      if (is_marker_field(name)) continue;  // see suggestion.hpp
      const bool everywhere = !out->patterns.empty() &&
                              std::all_of(out->patterns.begin(), out->patterns.end(),
                                          [&](const auto& re) { return re->has_group(name); });
      if (!everywhere) {
        return rule_error(
            r.source, sug.line, r.id,
            "suggestion " + quoted(sug.value) + " uses unknown capture {" + name + "}");
      }
    }
    r.suggestions.push_back(sug.value);
  }
  return {};
}

Status Reader::compile(const std::vector<Located>& patterns, const std::string& what,
                       const std::string& id, std::vector<std::string>* texts,
                       std::vector<std::shared_ptr<const Regex>>* regexes) const {
  for (const Located& p : patterns) {
    std::string text;
    std::shared_ptr<const Regex> re;
    if (Status s = compile_one(source_, p, p.value, what, id, &text, &re, &out_->program_size,
                               out_->deferred);
        !s.ok())
      return s;
    texts->push_back(std::move(text));
    regexes->push_back(std::move(re));
  }
  return {};
}

Status Reader::read_inflections(const toml::node& node) {
  const auto* table = node.as_table();
  if (table == nullptr) return fail(line_of(node), "", "'inflections' must be a table");
  for (const auto& [key, value] : *table) {
    const std::string what = "inflections." + std::string(key.str());
    InflectionOp op;
    op.name = std::string(key.str());
    op.source = source_;
    op.line = line_of(value);
    if (!is_id_part(op.name) || op.name.find('-') != std::string::npos) {
      return fail(op.line, what, "a name is lower-case letters, digits and '_'");
    }
    const auto* t = value.as_table();
    if (t == nullptr) return fail(op.line, what, "must be a table");
    for (const auto& [k, v] : *t) {
      const std::string_view f = k.str();
      std::vector<Located> list;
      Status st;
      if (f == "head") {
        std::string head;
        st = text(v, f, what, &head);
        if (st.ok() && head != "first" && head != "last")
          st = fail(line_of(v), what, "head must be \"first\" or \"last\"");
        op.has_head = true;
        op.head_last = head == "last";
      } else if (f == "forms") {
        const auto* forms = v.as_array();
        if (forms == nullptr) st = fail(line_of(v), what, "'forms' must be an array of arrays");
        for (std::size_t i = 0; st.ok() && i < forms->size(); ++i) {
          op.forms.emplace_back();
          st = strings(*forms->get(i), "forms", what, &op.forms.back());
        }
      } else if (f == "irregular" && v.is_table()) {
        for (const auto& [word, forms] : *v.as_table()) {
          if (st = strings(forms, "irregular", what, &list); !st.ok()) break;
          std::vector<std::string> words;
          words.reserve(list.size());
          for (Located& l : list) words.push_back(std::move(l.value));
          op.irregular.emplace_back(Located{std::string(word.str()), line_of(forms)},
                                    std::move(words));
        }
      } else if (f == "irregular") {
        st = fail(line_of(v), what, "'irregular' must be a table");
      } else {
        st = fail(line_of(v), what, "unknown field '" + std::string(f) + "'");
      }
      if (!st.ok()) return st;
    }
    out_->inflections.push_back(std::move(op));
  }
  return {};
}

Status Reader::read_classes(const toml::node& node) {
  const auto* table = node.as_table();
  if (table == nullptr) return fail(line_of(node), "", "'classes' must be a table");
  for (const auto& [key, value] : *table) {
    const std::string what = "classes." + std::string(key.str());
    ClassOp op;
    op.name = std::string(key.str());
    op.source = source_;
    op.line = line_of(value);
    if (!is_id_part(op.name) || op.name.find('-') != std::string::npos ||
        (op.name[0] >= '0' && op.name[0] <= '9')) {
      return fail(op.line, what, "a class name is lower-case letters, digits and '_'");
    }
    for (char c : op.name) {
      if (c >= 'A' && c <= 'Z') return fail(op.line, what, "a class name is lower-case");
    }
    if (value.is_array()) {  // name = [...]: a definition of literal phrases
      op.define = true;
      if (Status s = strings(value, "words", what, &op.words); !s.ok()) return s;
      out_->classes.push_back(std::move(op));
      continue;
    }
    const auto* t = value.as_table();
    if (t == nullptr) {
      return fail(op.line, what, "a class is an array of phrases or a table");
    }
    bool has_words = false;
    for (const auto& [k, v] : *t) {
      const std::string_view f = k.str();
      Status st;
      if (f == "words") {
        has_words = true;
        st = strings(v, f, what, &op.words);
      } else if (f == "add") {
        st = strings(v, f, what, &op.add);
      } else if (f == "remove") {
        st = strings(v, f, what, &op.remove);
      } else if (f == "regex") {
        const auto* b = v.as_boolean();
        if (b == nullptr) st = fail(line_of(v), what, "field 'regex' must be a boolean");
        op.has_regex = true;
        op.regex = b != nullptr && b->get();
      } else if (f == "inflect") {
        op.has_inflect = true;
        st = text(v, f, what, &op.inflect);
      } else {
        st = fail(line_of(v), what, "unknown field '" + std::string(f) + "'");
      }
      if (!st.ok()) return st;
    }
    op.define = has_words;
    if (!has_words && op.add.empty() && op.remove.empty() && !op.has_regex && !op.has_inflect) {
      return fail(op.line, what, "a class table needs 'words', 'add' or 'remove'");
    }
    out_->classes.push_back(std::move(op));
  }
  return {};
}

Status Reader::read_messages(const toml::node& node) {
  const auto* table = node.as_table();
  if (table == nullptr) return fail(line_of(node), "", "'messages' must be a table");
  for (const auto& [key, value] : *table) {
    const std::string_view category = key.str();
    out_->message_categories.push_back({std::string(category), line_of(value)});
    std::string m;
    if (Status s = text(value, key.str(), "", &m); !s.ok()) return s;
    messages_.emplace(std::string(category), std::move(m));
  }
  return {};
}

// [categories.<family>.<id>] with `name` and `message`.
Status Reader::read_categories(const toml::node& node) {
  const auto* families = node.as_table();
  if (families == nullptr) return fail(line_of(node), "", "'categories' must be a table");
  for (const auto& [family_key, ids] : *families) {
    Category c;
    if (!parse_family(family_key.str(), &c.family)) {
      return fail(line_of(ids), "",
                  "categories: unknown family '" + std::string(family_key.str()) +
                      "' (trigger, technique or signal)");
    }
    const auto* table = ids.as_table();
    if (table == nullptr) {
      return fail(line_of(ids), "",
                  "categories." + std::string(family_key.str()) + " must be a table of categories");
    }
    for (const auto& [id, fields] : *table) {
      const std::string what =
          "categories." + std::string(family_key.str()) + "." + std::string(id.str());
      if (!is_id_part(id.str())) {
        return fail(line_of(fields), "", what + ": an id is letters, digits, '_' and '-'");
      }
      const auto* f = fields.as_table();
      if (f == nullptr) return fail(line_of(fields), "", what + " must be a table");
      c.id = std::string(id.str());
      c.name.clear();
      c.message.clear();
      c.source = source_;
      c.line = line_of(fields);
      for (const auto& [field, value] : *f) {
        Status st;
        if (field.str() == "name") {
          st = text(value, field.str(), "", &c.name);
        } else if (field.str() == "message") {
          st = text(value, field.str(), "", &c.message);
        } else {
          st =
              fail(line_of(value), "", what + ": unknown field '" + std::string(field.str()) + "'");
        }
        if (!st.ok()) return st;
      }
      if (c.name.empty()) return fail(c.line, "", what + " needs a 'name'");
      out_->categories.push_back(c);
    }
  }
  // toml++ keeps a table's keys sorted: the file's order is its lines'.
  std::stable_sort(out_->categories.begin(), out_->categories.end(),
                   [](const Category& a, const Category& b) { return a.line < b.line; });
  return {};
}

// The [rewrite] field that holds a list of words, or null.
std::vector<std::string>* word_list(RewriteStyle* style, std::string_view key) {
  if (key == "keep_capital") return &style->keep_capital;
  if (key == "clause_openers") return &style->clause_openers;
  if (key == "clause_joiners") return &style->clause_joiners;
  if (key == "question_openers") return &style->question_openers;
  if (key == "question_auxiliaries") return &style->question_auxiliaries;
  if (key == "question_subjects") return &style->question_subjects;
  if (key == "splice_subjects") return &style->splice_subjects;
  if (key == "splice_leads") return &style->splice_leads;
  return nullptr;
}

// [rewrite]: lowercase_mid_sentence, capitalise_sentence_start, empty_reply,
// final_mark and the word lists above.
Status Reader::read_rewrite_style(const toml::node& node) {
  const auto* table = node.as_table();
  if (table == nullptr) return fail(line_of(node), "", "'rewrite' must be a table");
  RewriteStyle& style = out_->rewrite_style;
  for (const auto& [key, value] : *table) {
    Status st;
    if (key.str() == "lowercase_mid_sentence" || key.str() == "capitalise_sentence_start") {
      const auto* b = value.as_boolean();
      if (b == nullptr) {
        st = fail(line_of(value), "",
                  "rewrite." + std::string(key.str()) + " must be true or false");
      } else if (key.str() == "lowercase_mid_sentence") {
        style.lowercase_mid_sentence = b->get();
      } else {
        style.capitalise_sentence_start = b->get();
      }
    } else if (std::vector<std::string>* list = word_list(&style, key.str()); list != nullptr) {
      std::vector<Located> words;
      st = strings(value, "rewrite." + std::string(key.str()), "", &words);
      for (Located& w : words) list->push_back(std::move(w.value));
    } else if (key.str() == "empty_reply" || key.str() == "final_mark") {
      const auto* text = value.as_string();
      if (text == nullptr) {
        st = fail(line_of(value), "", "rewrite." + std::string(key.str()) + " must be a string");
      } else if (key.str() == "empty_reply") {
        style.empty_reply = text->get();
      } else if (text->get().size() > 8) {
        st = fail(line_of(value), "", "rewrite.final_mark has at most 8 bytes");
      } else {
        style.final_mark = text->get();
      }
    } else {
      st = fail(line_of(value), "", "rewrite: unknown field '" + std::string(key.str()) + "'");
    }
    if (!st.ok()) return st;
  }
  return {};
}

// [sentences]: abbreviations and terminators, each entry checked where it
// stands (text::SentenceProfile says what may be listed).
Status Reader::read_sentences(const toml::node& node) {
  const auto* table = node.as_table();
  if (table == nullptr) return fail(line_of(node), "", "'sentences' must be a table");
  for (const auto& [key, value] : *table) {
    const std::string field = "sentences." + std::string(key.str());
    const bool abbreviations = key.str() == "abbreviations";
    if (!abbreviations && key.str() != "terminators") {
      return fail(line_of(value), "", "sentences: unknown field '" + std::string(key.str()) + "'");
    }
    std::vector<Located> list;
    if (Status s = strings(value, field, "", &list); !s.ok()) return s;
    if (list.size() > text::kMaxSentenceEntries) {
      return fail(line_of(value), "",
                  field + ": " + std::to_string(list.size()) + " entries, more than " +
                      std::to_string(text::kMaxSentenceEntries));
    }
    for (const Located& entry : list) {
      const std::string why = abbreviations ? text::SentenceProfile::check_abbreviation(entry.value)
                                            : text::SentenceProfile::check_terminator(entry.value);
      if (!why.empty()) {
        std::string reason = field;
        reason.append(": ").append(quoted(entry.value)).append(": ").append(why);
        return fail(entry.line, "", reason);
      }
      if (abbreviations) {
        out_->sentences.add_abbreviation(entry.value);
      } else {
        std::size_t at = 0;
        out_->sentences.add_terminator(text::decode_utf8(entry.value, &at));
      }
    }
  }
  return {};
}

// [spellings]: word = "written form", or word = { written = "...",
// before = ["word", "-suffix", ...], written_before = "..." }, each entry
// checked where it stands (text::Spellings says what may be listed).
Status Reader::read_spellings(const toml::node& node) {
  const auto* table = node.as_table();
  if (table == nullptr) return fail(line_of(node), "", "'spellings' must be a table");
  if (table->size() > text::kMaxSpellings) {
    return fail(line_of(node), "",
                "spellings: " + std::to_string(table->size()) + " entries, more than " +
                    std::to_string(text::kMaxSpellings));
  }
  for (const auto& [key, value] : *table) {
    const std::string field = "spellings." + std::string(key.str());
    text::Spelling spelling;
    spelling.word = key.str();
    if (const auto* written = value.as_string()) {
      spelling.written = written->get();
    } else if (const auto* entry = value.as_table()) {
      for (const auto& [k, v] : *entry) {
        Status st;
        if (k.str() == "written" || k.str() == "written_before") {
          const auto* text = v.as_string();
          if (text == nullptr) {
            st = fail(line_of(v), "", field + "." + std::string(k.str()) + " must be a string");
          } else {
            (k.str() == "written" ? spelling.written : spelling.written_before) = text->get();
          }
        } else if (k.str() == "before") {
          std::vector<Located> words;
          st = strings(v, field + ".before", "", &words);
          for (Located& w : words) {
            if (!w.value.empty() && w.value[0] == '-') {
              spelling.suffixes.push_back(w.value.substr(1));
            } else {
              spelling.before.push_back(std::move(w.value));
            }
          }
        } else {
          st = fail(line_of(v), "", field + ": unknown field '" + std::string(k.str()) + "'");
        }
        if (!st.ok()) return st;
      }
    } else {
      return fail(line_of(value), "",
                  field +
                      " must be a string (its written form) or a table (written, before, "
                      "written_before)");
    }
    const std::string why = text::Spellings::check(spelling);
    if (!why.empty()) {
      return fail(line_of(value), "", "spellings: " + quoted(spelling.word) + ": " + why);
    }
    out_->spellings.add(std::move(spelling));
  }
  return {};
}

// quote_marks = [["»", "«"], ...]: each mark as the view has it (curly
// quotes fold to ASCII there, and ASCII quotes are always quotation).
Status Reader::read_quote_marks(const toml::node& node) {
  const std::string why = "quote_marks must be an array of [opening, closing] pairs of marks";
  const auto* pairs = node.as_array();
  if (pairs == nullptr) return fail(line_of(node), "", why);
  for (const toml::node& p : *pairs) {
    const auto* pair = p.as_array();
    if (pair == nullptr || pair->size() != 2) return fail(line_of(p), "", why);
    QuoteMark mark;
    for (std::size_t i = 0; i < 2; ++i) {
      const auto* s = pair->get(i)->as_string();
      if (s == nullptr) return fail(line_of(p), "", why);
      std::string folded;
      const std::string& raw = s->get();
      for (std::size_t at = 0; at < raw.size();) {
        const char32_t c = text::decode_utf8(raw, &at);
        if (text::is_space(c) || text::is_letter(c) || text::is_digit(c)) {
          return fail(line_of(p), "", "quote_marks: a mark is punctuation, not \"" + raw + "\"");
        }
        text::append_utf8(&folded, text::ascii_punctuation(c));
      }
      if (folded.empty() || folded.size() > 8) {
        return fail(line_of(p), "", "quote_marks: a mark has 1 to 8 bytes");
      }
      (i == 0 ? mark.open : mark.close) = std::move(folded);
    }
    out_->quote_marks.push_back(std::move(mark));
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
  out->id_line = line_of(*id_node);
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
    } else if (k == "in_quotes" || k == "clause" || k == "splice" || k == "sentence") {
      if (const auto* b = value.as_boolean()) {
        (k == "clause"     ? r.clause
         : k == "splice"   ? r.splice
         : k == "sentence" ? r.sentence
                           : r.in_quotes) = b->get();
      } else {
        st = fail(line, id, "field '" + std::string(k) + "' must be a boolean");
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
  if (!suggestions.empty() && r.family != Family::trigger) {
    return fail(suggestions.front().line, id, "'suggestions' apply only to triggers");
  }
  const auto with_classes = [](const Located& p) { return ClassTable::uses_classes(p.value); };
  if (std::any_of(patterns.begin(), patterns.end(), with_classes) ||
      std::any_of(unless.begin(), unless.end(), with_classes)) {
    // Expanded and compiled when layered, once the classes are known.
    out->raw_patterns = std::move(patterns);
    out->raw_unless = std::move(unless);
    out->raw_suggestions = suggestions;
    for (const Located& sug : suggestions) r.suggestions.push_back(sug.value);
  } else {
    if (Status s = compile(patterns, "pattern", id, &r.patterns, &out->patterns); !s.ok()) return s;
    if (Status s = compile(unless, "unless", id, &r.unless, &out->unless); !s.ok()) return s;
    if (Status s = check_suggestions(suggestions, out); !s.ok()) return s;
  }

  if (r.message.empty()) {
    if (auto it = messages_.find(r.category); it != messages_.end()) r.message = it->second;
  }
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
    } else if (k == "language") {
      out_->language.line = line;
      st = text(value, k, "", &out_->language.value);
    } else if (k == "tone") {
      out_->has_tone = true;
      out_->tone.line = line;
      st = text(value, k, "", &out_->tone.value);
      if (st.ok() && out_->tone.value.empty()) st = fail(line, "", "'tone' names no file");
    } else if (k == "categories") {
      st = read_categories(value);
    } else if (k == "extends") {
      out_->extends.line = line;
      st = text(value, k, "", &out_->extends.value);
    } else if (k == "disable") {
      st = strings(value, k, "", &out_->disable);
    } else if (k == "include") {
      st = strings(value, k, "", &out_->include);
    } else if (k == "model") {
      out_->has_model = true;
      out_->model.line = line;
      st = text(value, k, "", &out_->model.value);
    } else if (k == "conversation") {
      // The conversation policy: lib/conversation/policy.cpp reads and
      // checks it when a tact::Conversation is made.
      if (!value.is_table()) st = fail(line, "", "'conversation' must be a table");
    } else if (k == "classes") {
      st = read_classes(value);
    } else if (k == "inflections") {
      st = read_inflections(value);
    } else if (k == "rewrite") {
      out_->has_rewrite_style = true;
      st = read_rewrite_style(value);
    } else if (k == "sentences") {
      out_->has_sentences = true;
      st = read_sentences(value);
    } else if (k == "spellings") {
      out_->has_spellings = true;
      st = read_spellings(value);
    } else if (k == "quote_marks") {
      out_->has_quote_marks = true;
      st = read_quote_marks(value);
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

Status resolve_classes(const ClassTable& classes, CompiledRule* rule, std::size_t* program_size,
                       bool deferred) {
  if (rule->raw_patterns.empty()) return {};
  Rule& r = rule->rule;
  const auto resolve = [&](const std::vector<Located>& raw, const std::string& what,
                           std::vector<std::string>* texts,
                           std::vector<std::shared_ptr<const Regex>>* regexes) -> Status {
    texts->resize(raw.size());
    regexes->resize(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      Located expanded{std::string(), raw[i].line};
      std::string error;
      if (!classes.expand(raw[i].value, &expanded.value, &error)) {
        error.append(" in ").append(what).append(" ").append(quoted(raw[i].value));
        return rule_error(r.source, raw[i].line, r.id, error);
      }
      std::string& text = (*texts)[i];
      std::shared_ptr<const Regex>& re = (*regexes)[i];
      if (re != nullptr && text == normalize_pattern(expanded.value)) continue;
      if (re != nullptr) *program_size -= std::min(*program_size, std::size_t(re->program_size()));
      if (Status s = compile_one(r.source, expanded, raw[i].value, what, r.id, &text, &re,
                                 program_size, deferred);
          !s.ok())
        return s;
    }
    return {};
  };
  if (Status s = resolve(rule->raw_patterns, "pattern", &r.patterns, &rule->patterns); !s.ok())
    return s;
  if (Status s = resolve(rule->raw_unless, "unless", &r.unless, &rule->unless); !s.ok()) return s;
  return check_suggestions(rule->raw_suggestions, rule);
}

std::size_t deferred_program_size(const PackFile& f) {
  std::size_t size = 0;
  for (const auto& re : f.quote_regexes) size += static_cast<std::size_t>(re->program_size());
  for (const CompiledRule& r : f.rules) {
    for (const auto& re : r.patterns) size += static_cast<std::size_t>(re->program_size());
    for (const auto& re : r.unless) size += static_cast<std::size_t>(re->program_size());
  }
  return size;
}

Status read_pack_file(std::string_view text, const std::string& source, PackFile* out,
                      bool deferred) {
  *out = PackFile();
  out->source = source;
  out->deferred = deferred;
  // toml++ recurses on nesting: bound it before it parses (toml_guard.hpp).
  // An embedded pack (deferred) is the library's own text, not a caller's.
  int guard_line = 0;
  std::string guard_reason;
  if (!deferred && !toml_within_limits(text, &guard_line, &guard_reason)) {
    return rule_error(source, guard_line, "", "invalid TOML: " + guard_reason);
  }
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
