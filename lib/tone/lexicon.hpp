// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The tone vocabulary: every word, phrase, emoji and emoticon the tone model
// knows, keyed by its normalized form (Document::view(), so lookups see the
// same NFKC case-folded text as the rules), each with its valence, its
// booster scale, its anger weight and the word classes the heuristics use.
// Built once at load time; read-only and shared by all threads afterwards.
#ifndef TACT_LIB_TONE_LEXICON_HPP_
#define TACT_LIB_TONE_LEXICON_HPP_

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tact/options.hpp"
#include "tact/status.hpp"
#include "text/word_hash.hpp"

namespace tact::tone {

// Word classes. An entry may belong to several.
enum Class : uint32_t {
  kNegator = 1u << 0,        // "not", "never", "no longer": flips what follows
  kContrast = 1u << 1,       // "but", "however": the next clause weighs more
  kEmpathyFrame = 1u << 2,   // "i understand", "sorry to hear": opens an empathy statement
  kSarcasmPraise = 1u << 3,  // "perfect", "great": praise that sarcasm turns over
  kSarcasmMarker = 1u << 4,  // "oh", "wow", 🙃, 👏: marks praise as possibly ironic
  kFailure = 1u << 5,        // "again", "another", "still": a service failing
  kGratitude = 1u << 6,      // politeness strategies (Danescu-Niculescu-Mizil et al. 2013)
  kPlease = 1u << 7,
  kGreeting = 1u << 8,
  kApology = 1u << 9,
  kHedge = 1u << 10,
  kDeference = 1u << 11,
  kSecondPerson = 1u << 12,
  kImperative = 1u << 13,  // verbs that start a command ("give", "fix", "calm")
  kProfanity = 1u << 14,
  kFeeling = 1u << 15,         // "frustrating", "worried": a feeling an agent can name
  kAgentMarker = 1u << 16,     // service language: "let me", "our team", "happy to help"
  kCustomerMarker = 1u << 17,  // complaint language: "my order", "i paid", "you people"
  kFactuality = 1u << 18,      // "actually", "in fact": politeness-negative
  kModalRequest = 1u << 19,    // "could you", "would you": indirect requests
  kCapsUsual = 1u << 20,       // "ok", "lol", "asap": written in capitals without shouting
};

struct Entry {
  float valence = 0.0f;  // -4 .. 4 when has_valence
  float booster = 0.0f;  // in booster units; < 0 for downtoners
  float anger = 0.0f;    // -1 .. 1: > 0 hostility; < 0 sadness or fear, not anger
  uint32_t classes = 0;
  uint8_t phrase_tokens = 0;  // longest phrase starting with this word, in tokens
  bool has_valence = false;
  bool is(uint32_t c) const { return (classes & c) != 0; }
};

class Lexicon {
 public:
  // Adds `entry<TAB>valence` lines (# comments, blank lines allowed); a later
  // line for the same key replaces the earlier valence. `name` is used in
  // error messages. Returns false with *status = rules "name:line: why".
  bool add_valences(std::string_view tsv, std::string_view name, Status* status);
  // Adds `entry<TAB>weight` anger weights in [-1, 1], same format.
  bool add_anger(std::string_view tsv, std::string_view name, Status* status);

  // After every file is added: a phrase with no valence of its own ("brain
  // dead", "i understand") reads as the sum of its words' valences, as it
  // would have unmatched (negators and boosters aside).
  void finish();

  // Adds classes / a booster scale to the entry for `key` (normalized here).
  void add_class(std::string_view key, uint32_t classes);
  void set_booster(std::string_view key, float scale);

  // The entry for a normalized key, or null.
  const Entry* find(std::string_view view_key) const {
    return find(view_key, text::word_hash(view_key));
  }
  // The same, given text::word_hash(view_key) (a token's Token::hash).
  const Entry* find(std::string_view view_key, uint64_t h) const {
    if (slots_.empty()) {  // not finished, or changed since
      const auto it = map_.find(view_key);
      return it == map_.end() ? nullptr : &it->second;
    }
    for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i] == 0) return nullptr;
      const Keyed& k = keyed_[slots_[i] - 1];
      if (k.hash == h && k.key == view_key) return k.entry;
    }
  }
  // Emoticons (":)", "<3") are matched on the view, not on tokens.
  const Entry* find_emoticon(std::string_view view_key) const {
    const auto it = emoticons_.find(view_key);
    return it == emoticons_.end() ? nullptr : &it->second;
  }
  std::size_t max_emoticon_bytes() const { return max_emoticon_bytes_; }
  std::size_t size() const { return map_.size() + emoticons_.size(); }

 private:
  // The entry for `key`, created if new; keys are normalized and stored once.
  Entry* entry(std::string_view key);
  void build_index();

  struct Phrase {
    std::string_view key;
    std::vector<std::string_view> words;
  };
  std::vector<Phrase> phrases_;   // multi-token keys, for finish()
  std::deque<std::string> keys_;  // stable storage the maps' views point into
  std::unordered_map<std::string_view, Entry> map_;
  std::unordered_map<std::string_view, Entry> emoticons_;
  std::size_t max_emoticon_bytes_ = 0;

  // A read-only index over map_ that finish() builds: open addressing with
  // a power-of-two table keyed by text::word_hash(), because the words of a
  // message are short and std::unordered_map's hash and prime-modulo
  // buckets made word lookups a tenth of a chat message's analysis; the
  // tokens carry that hash already.
  struct Keyed {
    uint64_t hash;
    std::string_view key;
    const Entry* entry;
  };
  std::vector<Keyed> keyed_;
  std::vector<uint32_t> slots_;  // 1 + index into keyed_, 0 when free; empty until finish()
};

}  // namespace tact::tone

#endif  // TACT_LIB_TONE_LEXICON_HPP_
