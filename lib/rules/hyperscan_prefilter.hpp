// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The prefilter by Hyperscan: one database over a role's patterns, scanned
// once per text, names the patterns that match somewhere in it, as the RE2
// Sets do (compiled_pack.hpp). RE2 stays the reference semantics: a pattern
// Hyperscan reads exactly as RE2 counts when named; one it reads more
// widely (translate_for_hyperscan()) counts only when its own RE2 agrees;
// one it might read differently stays in RE2 Sets; spans are always RE2's.
// On novel text RE2's Sets build DFA states as they go and were 90% of the
// analysis; Hyperscan's automata are compiled once, when the library is
// built.
#ifndef TACT_LIB_RULES_HYPERSCAN_PREFILTER_HPP_
#define TACT_LIB_RULES_HYPERSCAN_PREFILTER_HPP_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tact::rules {

class HyperscanPrefilter {
 public:
  // True when this build has Hyperscan and the CPU runs it.
  static bool available();

  // Compiles a database over `sources` (normalized patterns in RE2's
  // syntax, matched case-insensitively as pattern_options() says) and
  // appends it to *out as one section of a prefilter file (the embedded
  // default pack's, made at build time: compiling takes seconds, loading
  // milliseconds). Patterns the two engines might read differently, or
  // that Hyperscan cannot compile, are not in it. The database is built
  // for any x86-64 CPU Hyperscan runs on. False when Hyperscan is
  // unavailable or compiling failed. Never throws.
  static bool compile(const std::vector<const std::string*>& sources, std::string* out) noexcept;

  // Section `index` of a prefilter file made of compile()'s sections, or an
  // empty view when there is none.
  static std::string_view section(std::string_view file, std::size_t index);

  // The prefilter of `section` for a pack's patterns `sources`, known by
  // `numbers` (one each): a pattern is in the database when its text is.
  // The numbers of the patterns that are not (a caller's rules, patterns
  // left to RE2) go to *left_out, sorted. A section of the embedded
  // prefilter file is deserialized once per process and shared by every
  // pack that loads it. Null when Hyperscan is unavailable, the section is
  // malformed or was built for another platform, or memory ran out; then
  // every pattern is left out. Never throws.
  static std::unique_ptr<HyperscanPrefilter> load(std::string_view section,
                                                  const std::vector<const std::string*>& sources,
                                                  const std::vector<uint32_t>& numbers,
                                                  std::vector<uint32_t>* left_out) noexcept;

  ~HyperscanPrefilter() = default;
  HyperscanPrefilter(const HyperscanPrefilter&) = delete;
  HyperscanPrefilter& operator=(const HyperscanPrefilter&) = delete;

  // Appends to *hits the number (as given to load()) of every pattern in
  // the database that matches somewhere in `text`, a normalized view (or a
  // piece of one cut at a character boundary); each at most once, unsorted.
  // Patterns the database reads more widely than RE2 (see
  // translate_for_hyperscan()) go to *unconfirmed instead: they may match,
  // and only RE2 can say. Thread-safe: the scratch is per thread. False,
  // with both as they were, when there was no memory for the scratch.
  // Throws std::bad_alloc only.
  bool scan(std::string_view text, std::vector<uint32_t>* hits,
            std::vector<uint32_t>* unconfirmed) const;

  // How many of the pack's patterns the database holds.
  std::size_t size() const { return numbers_.size(); }

 private:
  struct Database;
  HyperscanPrefilter() = default;
  // A serialized database loaded, or null (malformed, another platform, no
  // memory). Throws std::bad_alloc only.
  static std::shared_ptr<const Database> deserialize(std::string_view bytes);

  std::shared_ptr<const Database> db_;
  // The pack's patterns by Hyperscan id: those of id k are
  // numbers_[first_[k] .. first_[k + 1]) (a text may be in several rules).
  std::vector<uint32_t> first_;
  std::vector<uint32_t> numbers_;
  std::vector<bool> exact_;  // by Hyperscan id: read exactly as RE2 does
};

// `pattern` (RE2 syntax, normalized, matched as pattern_options() says)
// rewritten for Hyperscan's byte mode, as far as matching somewhere in a
// normalized view goes. True with *exact when the two engines match the
// same texts; true without it when Hyperscan's reading matches at least
// those texts (a count of code points became a count of bytes); false when
// the pattern is left to RE2 (Unicode properties, ranges beyond ASCII,
// characters whose case folding the view has done).
bool translate_for_hyperscan(const std::string& pattern, std::string* translated, bool* exact);

}  // namespace tact::rules

#endif  // TACT_LIB_RULES_HYPERSCAN_PREFILTER_HPP_
