// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A compiled rule pack: every rule of the layered packs, compiled once into
// an RE2::Set prefilter plus one RE2 per pattern, immutable and shared by all
// threads. This header is the interface the Analyzer relies on; the pack
// format is documented in rules/README.md.
#ifndef TACT_LIB_RULES_PACK_HPP_
#define TACT_LIB_RULES_PACK_HPP_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/example_failure.hpp"
#include "tact/options.hpp"
#include "tact/report.hpp"
#include "tact/status.hpp"
#include "text/document.hpp"
#include "text/spellings.hpp"

namespace tact {
class Deadline;
}  // namespace tact

namespace tact::rules {

enum class Family : uint8_t { trigger, technique, signal };

// Bit for each role a rule applies to.
enum RoleMask : uint8_t { kAgent = 1, kCustomer = 2 };

// A built-in matcher used in place of patterns.
enum class Detector : uint8_t {
  none,
  caps,  // words in capitals that are not acronyms or codes (shouting.hpp)
};

// Where a match may start.
enum class Anchor : uint8_t {
  anywhere,
  sentence_start,  // at the start of a sentence, after any punctuation
};

struct Rule {
  std::string id;  // family.category.name
  Family family = Family::trigger;
  std::string category;  // an id the packs define ([categories])
  uint8_t roles = kAgent;
  Severity severity = Severity::warning;  // triggers only
  std::string message;
  std::vector<std::string> suggestions;  // templates with {capture} fields
  std::string source;                    // file or PackSource name
  int line = 0;                          // line of the rule in `source`

  // Matching, as written in the pack (compiled forms live in the Pack).
  std::vector<std::string> patterns;  // RE2 over the normalized view
  std::vector<std::string> unless;    // a match overlapping the finding cancels it
  Anchor anchor = Anchor::anywhere;
  bool in_quotes = false;  // also match inside quoted text
  // Its suggestions are whole clauses ("I'll find out who can sort this"):
  // spliced only where the phrase stands alone between clause boundaries.
  bool clause = false;
  // false: the suggestions are advice for the writer, shown but never
  // spliced (the rewrite declines them with reason "advice"), for phrases
  // no splice rewrites well ("you should have checked …").
  bool splice = true;
  // true: the span is at most the sentence it starts in (a line break ends
  // one), for patterns that read on to a sentence's end.
  bool sentence = false;
  Detector detector = Detector::none;
  std::vector<std::string> acronyms;        // caps detector: never shouting
  std::vector<std::string> emphatic_words;  // caps detector: short words that shout

  // Texts the rule must flag, and texts it must not.
  std::vector<std::string> examples;
  std::vector<std::string> counterexamples;

  bool applies_to(Role role) const {
    return role == Role::automatic || (roles & (role == Role::agent ? kAgent : kCustomer)) != 0;
  }
};

// A category a pack defines (`[categories.<family>.<id>]`): its name, and
// the message of its rules that give none.
struct Category {
  Family family = Family::trigger;
  std::string id;
  std::string name;
  std::string message;
  std::string source;  // the file that defined it last
  int line = 0;
};

struct Capture {
  std::string_view name;  // points into the compiled pack
  text::Range view;
};

// One match of a rule, in view coordinates (Document::to_original maps it).
struct Finding {
  const Rule* rule = nullptr;
  text::Range view;
  std::vector<Capture> captures;  // named groups that took part in the match
};

// At most this many findings of one rule in one message; the rest of a
// pathological input ("no no no ..." for a megabyte) is not reported, and
// match() says so.
constexpr std::size_t kMaxFindingsPerRule = 32;

// How the rewrite treats a suggestion's first letter mid-sentence: a
// language's typography (the manifest's [rewrite] table).
struct RewriteStyle {
  // Lower-case a suggestion's first letter mid-sentence ("Let me" after a
  // comma becomes "let me"). Off for a language whose suggestions are
  // written as they stand mid-sentence (German nouns keep their capital).
  bool lowercase_mid_sentence = true;
  // A suggestion that opens a sentence starts with a capital even where
  // the writer began the sentence in lower case ("i dont know when…" ->
  // "I can't confirm yet when…"), a deletion at a sentence start
  // capitalises the word that then opens it ("lol the fridge…" -> "The
  // fridge…"), and in a message the rewrite changes every sentence starts
  // with a capital: the rewrite is sent as one reply, and a sentence in
  // lower case reads as a mistake. Words with a capital inside ("iPhone")
  // keep their case. Off: the writer's case decides.
  bool capitalise_sentence_start = true;
  // Words that keep their capital even so ("I", "I'm"); words with a
  // capital inside ("iPhone", "OK") always do.
  std::vector<std::string> keep_capital;
  // Words that open a clause of their own after a , ; or : ("or",
  // "otherwise", "it"). A question template ({?}) is not offered where one
  // follows the phrase in its sentence: "Could you send it, or the order
  // lapses?" would swallow the warning into the question. Compared without
  // case; none listed: a question is always offered.
  std::vector<std::string> clause_openers;
  // What the rewrite sends where it would remove every word of a message
  // (the whole reply was sarcasm or an insult): an empty reply says less
  // than a calm one. Empty: the rewrite is then empty too.
  std::string empty_reply;
  // The mark a message the rewrite changes gets after its last sentence
  // when the writer left it without one ("sure thing" -> "Sure thing."):
  // reviewers judge the whole reply. Empty: left as written.
  std::string final_mark;
  // Words that open a question ("what", "why"): such a last sentence gets
  // "?" instead of final_mark. Compared without case.
  std::vector<std::string> question_openers;
  // Words that open a question only before one of question_subjects ("can
  // you send it" asks; "could be anything" does not). Compared without
  // case, the next word as the view writes it out ("u" -> "you").
  std::vector<std::string> question_auxiliaries;
  std::vector<std::string> question_subjects;
  // Words that open a clause of their own even without a comma when one of
  // question_subjects follows them ("… within 7 days or your shop is
  // suspended"): like clause_openers, they keep a {?} template from
  // swallowing that clause.
  std::vector<std::string> clause_joiners;
  // Comma splices in a rewritten message (rewrite/comma_splice.hpp): the
  // words that open an independent clause after a comma ("it's", "we'll"),
  // and the sentence leads after which a comma ends a subordinate clause
  // instead ("if", "when", "thanks"). No subjects listed: splices stay.
  std::vector<std::string> splice_subjects;
  std::vector<std::string> splice_leads;
};

// A data file the layered packs name beside their rules, parsed by the
// Analyzer: the learned layer's weights (docs/model.md), the tone model.
struct DataSource {
  std::string name;  // file path or embedded name; empty: none
  std::string text;
  bool embedded = false;  // `name` is an embedded file (core/embedded.hpp)
};

// What the layered packs name besides rules.
struct PackData {
  DataSource model;  // the last `model` named; empty name: no learned layer
  DataSource tone;   // the last `tone` named, or the language's embedded one
};

// Reads the file `file` names relative to `beside` (the file that named it,
// from disk or embedded like `beside`), refusing more than `limit` bytes.
// Errors: Code::io (unreadable), Code::rules (too large or not embedded).
Status read_beside(const DataSource& beside, const std::string& file, std::size_t limit,
                   std::string* out);

class Pack {
 public:
  // Loads the layered packs `options` names (the embedded pack of
  // options.language first unless options.default_pack is false) and
  // compiles them. On failure returns Code::rules or Code::io with
  // "file:line: rule-id: reason", Code::invalid_argument for a language
  // with no pack. Throws std::bad_alloc only.
  // When `data` is not null it receives the model and tone files the packs
  // chose (parsed by the Analyzer, not here).
  static Status load(const Options& options, std::shared_ptr<const Pack>* out,
                     PackData* data = nullptr);

  // Appends every finding for `role` (Role::automatic: all roles) in view
  // order. Returns false when a bound on the work for one rule (see
  // kMaxFindingsPerRule) left findings out. Thread-safe. Throws
  // std::bad_alloc only.
  bool match(const text::Document& doc, Role role, std::vector<Finding>* out) const {
    return match(doc, role, out, nullptr);
  }

  // As above, stopping early once `deadline` (when not null) has passed:
  // the findings of the rules matched by then are appended, in view order,
  // and deadline->passed() tells the caller.
  virtual bool match(const text::Document& doc, Role role, std::vector<Finding>* out,
                     const Deadline* deadline) const = 0;

  // As match(), where only the findings in the sentences that overlap
  // `within` (view ranges of `doc`, sorted, not overlapping) are wanted: a
  // re-check of a rewritten text needs only the sentences an edit touched.
  // Matches still read the text around those sentences; findings elsewhere
  // may be appended too (a short text is matched whole).
  virtual bool match_within(const text::Document& doc, Role role,
                            const std::vector<text::Range>& within, std::vector<Finding>* out,
                            const Deadline* deadline) const = 0;

  // Runs every rule's examples (through match() with the rule's roles).
  virtual std::vector<ExampleFailure> check_examples() const = 0;

  virtual std::size_t size() const = 0;

  // The layered rules, in pack order.
  virtual const Rule& rule(std::size_t i) const = 0;

  // The categories the layered packs define, in definition order.
  virtual const std::vector<Category>& categories() const = 0;

  // The BCP 47 tag of the packs' language (Options::language).
  virtual const std::string& language() const = 0;

  // The rewrite's typography for that language.
  virtual const RewriteStyle& rewrite_style() const = 0;

  // Where that language's sentences end (the packs' [sentences]): build
  // the Documents this pack matches with it.
  virtual const text::SentenceProfile& sentence_profile() const = 0;

  // How that language's informal words are written out (the packs'
  // [spellings]): build the Documents this pack matches with it too.
  virtual const text::Spellings& spellings() const = 0;

  virtual ~Pack() = default;
};

}  // namespace tact::rules

#endif  // TACT_LIB_RULES_PACK_HPP_
