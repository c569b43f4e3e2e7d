// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Vocabulary classes: named lists of phrases a pack defines once
// (`[classes] cannot = ["can't", "unable to", ...]`) and patterns use as
// `{cannot}`. A class is expanded into an RE2 alternation before the pattern
// is compiled, so the matcher never sees classes. Inflections (`{help:verb}`
// or `inflect = "verb"`) are suffix rules and irregular forms given as data
// in the pack (rules/README.md, "Vocabulary classes").
#ifndef TACT_LIB_RULES_CLASSES_HPP_
#define TACT_LIB_RULES_CLASSES_HPP_

#include <re2/re2.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tact/options.hpp"
#include "tact/status.hpp"

namespace tact::rules {

// A value of a pack with the line it was written on.
struct Located {
  std::string value;
  int line = 0;
};

// One entry of `[classes]` in one pack file: a definition (it replaces any
// earlier class of that name) or a change to an earlier class.
struct ClassOp {
  std::string name;
  std::string source;  // file, for messages
  int line = 0;
  bool define = false;  // `name = [...]` or `name = { words = [...] }`
  std::vector<Located> words;
  std::vector<Located> add;
  std::vector<Located> remove;
  bool has_regex = false;
  bool regex = false;  // entries are RE2, not literal phrases
  bool has_inflect = false;
  std::string inflect;  // an inflection name, "" for none
};

// One `[inflections.NAME]` table: how a word of a class takes its forms.
struct InflectionOp {
  std::string name;
  std::string source;
  int line = 0;
  bool has_head = false;
  bool head_last = false;  // which word of a phrase inflects: first (default) or last
  // Each form: suffix rules "PATTERN -> REWRITE", tried in order; the first
  // whose pattern matches the word rewrites it.
  std::vector<std::vector<Located>> forms;
  std::vector<std::pair<Located, std::vector<std::string>>> irregular;  // word -> its forms
};

// Bounds that keep expansion linear whatever a pack holds.
constexpr std::size_t kMaxExpandedPattern =
    std::size_t{256} * 1024;        // bytes of one expanded pattern
constexpr int kMaxClassDepth = 16;  // classes inside classes

// The classes and inflections of the packs layered so far.
class ClassTable {
 public:
  // Applies one pack file's definitions, in order. Errors are Code::rules
  // with "source:line: classes.NAME: reason". Throws std::bad_alloc only.
  Status apply(const InflectionOp& op);
  Status apply(const ClassOp& op);

  // Checks that class `name` expands (no unknown class, cycle or empty
  // result); the error names the op's place.
  Status validate(const ClassOp& op) const;

  // True if `pattern` refers to a class ({name} or {name:inflection}).
  static bool uses_classes(std::string_view pattern);

  // Replaces every class reference of `pattern` by its alternation. On
  // failure returns false with *error the reason ("unknown class {foo}").
  bool expand(std::string_view pattern, std::string* out, std::string* error) const;

  bool empty() const { return classes_.empty(); }

 private:
  struct Class {
    std::vector<std::string> entries;  // in definition order, unique
    bool regex = false;
    std::string inflect;
  };
  struct Inflection {
    bool head_last = false;
    std::vector<std::vector<std::pair<std::shared_ptr<const RE2>, std::string>>> forms;
    std::map<std::string, std::vector<std::string>, std::less<>> irregular;
  };

  bool expand_into(std::string_view pattern, bool literal, std::vector<std::string>* stack,
                   std::string* out, std::string* error) const;
  bool expand_class(std::string_view name, std::string_view inflect,
                    std::vector<std::string>* stack, std::string* out, std::string* error) const;
  bool forms_of(const Inflection& inf, std::string_view phrase,
                std::vector<std::string>* out) const;

  std::map<std::string, Class, std::less<>> classes_;
  std::map<std::string, Inflection, std::less<>> inflections_;
  // The expansions of classes that refer to no other class, by
  // "name:inflection": the same wherever they are used, until apply().
  mutable std::map<std::string, std::string, std::less<>> expanded_;
  mutable std::size_t expanding_ = 0;  // expand_class calls so far
};

}  // namespace tact::rules

#endif  // TACT_LIB_RULES_CLASSES_HPP_
