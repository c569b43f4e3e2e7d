// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// One rule-pack file (TOML) read into rules with their patterns compiled:
// every check that concerns a single file happens here, where the line of
// each value is known (rules/README.md lists the fields).
#ifndef TACT_LIB_RULES_PACK_FILE_HPP_
#define TACT_LIB_RULES_PACK_FILE_HPP_

#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/classes.hpp"
#include "rules/pack.hpp"
#include "rules/quotes.hpp"
#include "rules/regex.hpp"
#include "tact/options.hpp"
#include "tact/status.hpp"
#include "text/sentence_profile.hpp"
#include "text/spellings.hpp"

namespace tact::rules {

// RE2 instructions (RE2::ProgramSize) the patterns of all layered packs
// (unless and quote patterns included) may hold together, so compiling a
// pack stays bounded in time and memory whatever it holds: a thousand rules
// of `\pL{150}` (60 KB) took 66 s and 1.5 GB before RE2::Set refused them.
// The default English pack uses under 100,000; 10,000 house rules of a
// short phrase about 400,000. (RE2::Set's own budget may refuse a pack
// below this; it reports that separately.)
constexpr std::size_t kMaxProgramSize = 2000000;

// A rule with its patterns compiled, ready to be layered.
struct CompiledRule {
  Rule rule;
  int id_line = 0;                // the line of its id, where errors about the id point
  bool category_message = false;  // its message is its category's (a later pack may reword it)
  std::vector<std::shared_ptr<const Regex>> patterns;  // one per rule.patterns
  std::vector<std::shared_ptr<const Regex>> unless;    // one per rule.unless
  // A rule whose patterns use vocabulary classes keeps them as written:
  // they are expanded and compiled when layered (resolve_classes), and again
  // if a later pack changes a class. Empty when the rule uses no class.
  std::vector<Located> raw_patterns;
  std::vector<Located> raw_unless;
  std::vector<Located> raw_suggestions;  // checked against the expanded captures
};

struct PackFile {
  std::string source;  // file name or PackSource name, for messages
  std::string name;
  // The pack's language (BCP 47), in its top file; empty: not declared.
  Located language;
  Located extends;               // empty value: extends nothing
  std::vector<Located> disable;  // rule ids
  std::vector<Located> include;  // other files of the same pack
  // The learned layer's weights file, relative to this file; "" switches
  // an earlier pack's model off (docs/model.md).
  bool has_model = false;
  Located model;
  // The tone model's parameters (tone.toml, relative to this file), in the
  // pack's top file; its lexicons are named relative to it.
  bool has_tone = false;
  Located tone;
  std::vector<Category> categories;         // [categories], in file order
  std::vector<Located> message_categories;  // [messages] keys: checked when layered
  bool has_rewrite_style = false;
  RewriteStyle rewrite_style;  // [rewrite]
  bool has_sentences = false;
  text::SentenceProfile sentences;  // [sentences]
  bool has_spellings = false;
  text::Spellings spellings;  // [spellings]
  bool has_quote_marks = false;
  std::vector<QuoteMark> quote_marks;  // as they stand in the view
  bool has_quote_patterns = false;
  std::vector<std::string> quote_patterns;
  std::vector<std::shared_ptr<const Regex>> quote_regexes;
  std::vector<InflectionOp> inflections;  // [inflections], in file order
  std::vector<ClassOp> classes;           // [classes], in file order
  std::vector<CompiledRule> rules;
  std::size_t program_size = 0;  // RE2 instructions of all its patterns
  // Its patterns are compiled on first use (an embedded pack's): then
  // program_size counts none of them, and deferred_program_size() them all.
  bool deferred = false;
};

// The RE2 instructions of every pattern of `f` (rules, unless, quote
// patterns): what program_size holds for a file read without deferring.
// Compiles those not compiled yet.
std::size_t deferred_program_size(const PackFile& f);

// Reads `text` (named `source` in messages) into *out. Errors are
// Code::rules with "source:line: rule-id: reason" (no rule id for errors
// outside a rule). With `deferred` (only for a pack known good: an embedded
// one), patterns are compiled on first use, not checked here. Throws
// std::bad_alloc only.
Status read_pack_file(std::string_view text, const std::string& source, PackFile* out,
                      bool deferred = false);

// Expands the class references of a rule read with raw patterns and
// compiles them; adds their RE2 instructions to *program_size (minus those of
// the forms they replace) and fails past kMaxProgramSize. Patterns whose
// expansion did not change keep their compiled form. With `deferred` (an
// embedded pack's rules, with its own classes) the new forms are compiled on
// first use and counted in no *program_size. Throws std::bad_alloc only.
Status resolve_classes(const ClassTable& classes, CompiledRule* rule, std::size_t* program_size,
                       bool deferred = false);

// "source:line: id: reason", or "source:line: reason" when id is empty.
Status rule_error(const std::string& source, int line, const std::string& id,
                  const std::string& reason);

}  // namespace tact::rules

#endif  // TACT_LIB_RULES_PACK_FILE_HPP_
