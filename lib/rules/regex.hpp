// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Patterns over the normalized view: how they are compiled, the checks a
// pattern must pass at load time, and the word-boundary rule every match
// obeys.
#ifndef TACT_LIB_RULES_REGEX_HPP_
#define TACT_LIB_RULES_REGEX_HPP_

#include <re2/re2.h>

#include <cstddef>
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
