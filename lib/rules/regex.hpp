// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Patterns over the normalized view: how they are compiled, the checks a
// pattern must pass at load time, and the word-boundary rule every match
// obeys.
#ifndef TACT_LIB_RULES_REGEX_HPP_
#define TACT_LIB_RULES_REGEX_HPP_

#include <re2/re2.h>

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace tact::rules {

// The options of every pattern: UTF-8, case-insensitive (the view is
// already folded, but pack authors may write capitals), leftmost-longest
// (POSIX) matching so "ok|okay" takes the whole word, errors returned rather
// than logged.
RE2::Options pattern_options();

// `pattern` with curly quotes, apostrophes and dashes made ASCII, as the
// view has them, so "don’t" in a pack matches "don’t" in a message.
std::string normalize_pattern(std::string_view pattern);

// The reason compile_pattern() gives for a pattern that would match between
// characters.
inline constexpr const char* kMatchesEmpty = "can match the empty string";

// Compiles a normalized pattern. On failure returns null with *error set to
// RE2's reason, or to kMatchesEmpty.
std::unique_ptr<const RE2> compile_pattern(const std::string& pattern, std::string* error);

// A pattern's RE2, compiled when it is loaded or on its first use. A pack
// read from a caller compiles every pattern at load, so its errors are load
// errors (compile_pattern's checks, the program-size budget). The embedded
// packs are known good (tests/rules/lazy_patterns_test.cpp compiles each of
// their patterns as a caller's pack would be): theirs are compiled the first
// time they are run, so building an analyzer compiles only what the Sets
// need. Immutable to its users and safe to share between threads: two
// threads that first use a pattern at once may both compile it; one keeps
// its RE2, the other discards its own.
class Regex {
 public:
  // Compiled now: `re` passed compile_pattern().
  explicit Regex(std::unique_ptr<const RE2> re);
  // Compiled on first use: `pattern` (normalized) must compile with
  // pattern_options() and pass compile_pattern()'s checks.
  explicit Regex(std::string pattern);
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  // The RE2, compiled on the first call. Throws std::bad_alloc only (then
  // the next call tries again).
  const RE2& re() const {
    const RE2* re = re_.load(std::memory_order_acquire);
    return re != nullptr ? *re : compile();
  }
  // As RE2::Match on re().
  bool Match(const re2::StringPiece& text, std::size_t startpos, std::size_t endpos,
             RE2::Anchor re_anchor, re2::StringPiece* submatch, int nsubmatch) const {
    return re().Match(text, startpos, endpos, re_anchor, submatch, nsubmatch);
  }
  bool compiled() const { return re_.load(std::memory_order_acquire) != nullptr; }
  const std::string& pattern() const { return pattern_; }
  // RE2::ProgramSize(): compiles the pattern if it was not.
  int program_size() const { return re().ProgramSize(); }
  // As RE2::NumberOfCapturingGroups() and RE2::CapturingGroupNames(), read
  // from the pattern's text when it is not compiled (capture_groups()).
  int capturing_groups() const { return groups_; }
  const std::map<int, std::string>& group_names() const { return names_; }
  bool has_group(const std::string& name) const;

 private:
  const RE2& compile() const;

  std::string pattern_;
  mutable std::atomic<const RE2*> re_{nullptr};
  int groups_ = 0;
  std::map<int, std::string> names_;
};

// The capturing groups of a pattern RE2 accepts, read from its text as RE2's
// parser reads them: their number and the names of the named ones (by
// group number), as RE2::NumberOfCapturingGroups() and
// RE2::CapturingGroupNames() give them. Only for patterns known to compile.
void capture_groups(std::string_view pattern, int* count, std::map<int, std::string>* names);

// Bytes of a pattern (or of RE2's reason, which can repeat it) that a load
// error quotes: a 4 MB invalid pattern must not make a 4 MB message.
inline constexpr std::size_t kMaxQuotedBytes = 200;

// `s` whole when it has at most kMaxQuotedBytes bytes; otherwise its first
// kMaxQuotedBytes bytes, cut back to a UTF-8 character boundary, then "…".
std::string excerpt(std::string_view s);

// True if `re` matches the empty string at some position of some text.
// RE2 has no lookaround, so an empty match depends only on the classes of
// the characters either side; probing each combination is exhaustive.
bool matches_empty(const RE2& re);

// True if view position `pos` falls inside a word: between two word
// characters (letters, digits, marks, '_'), or between a letter and an
// apostrophe followed by a letter ("don|'t", "don'|t"). Matches may neither
// start nor end inside a word, so "no" never matches in "know" and "can"
// never matches in "can't".
bool inside_word(std::string_view view, std::size_t pos);

}  // namespace tact::rules

#endif  // TACT_LIB_RULES_REGEX_HPP_
