// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "text/spellings.hpp"

#include <algorithm>

namespace tact::text {

namespace {

// Bytes that join a word to its neighbour: such a word is part of a name,
// a number or a code ("U-turn", "u2", "o'clock", "R&D", "a/c", "#r").
bool joins(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '\'' || c == '-' || c == '_' || c == '@' || c == '&' || c == '/' || c == '#' ||
         c == '+' || c == '=' || c == '\\';
}

auto by_word(std::string_view word) {
  return [word](const std::pair<std::string, std::string>& e) { return e.first < word; };
}

}  // namespace

const Spellings& Spellings::none() {
  static const Spellings empty;
  return empty;
}

std::string Spellings::check(std::string_view word, std::string_view written) {
  if (word.empty() || word.size() > kMaxSpellingWordBytes) {
    return "a word has 1 to " + std::to_string(kMaxSpellingWordBytes) + " bytes";
  }
  if (!std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return "a word is lower-case ASCII letters";
  }
  if (written.size() > kMaxSpellingWrittenBytes) {
    return "a written form has at most " + std::to_string(kMaxSpellingWrittenBytes) + " bytes";
  }
  if (written.empty()) return {};  // removes the word
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' || c == ' ';
  };
  if (!std::all_of(written.begin(), written.end(), allowed) || written.front() == ' ' ||
      written.back() == ' ' || written.find("  ") != std::string_view::npos) {
    return "a written form is ASCII words (letters and apostrophes) with single spaces between";
  }
  return {};
}

void Spellings::add(std::string_view word, std::string_view written) {
  auto it = std::find_if_not(entries_.begin(), entries_.end(), by_word(word));
  const bool there = it != entries_.end() && it->first == word;
  if (written.empty()) {
    if (there) entries_.erase(it);
    removed_.emplace_back(word);
  } else if (there) {
    it->second.assign(written);
  } else {
    entries_.insert(it, {std::string(word), std::string(written)});
  }
  longest_ = 0;
  for (const auto& e : entries_) longest_ = std::max(longest_, e.first.size());
}

void Spellings::add(const Spellings& other) {
  for (const std::string& word : other.removed_) add(word, "");
  for (const auto& [word, written] : other.entries_) add(word, written);
}

const std::string* Spellings::find(std::string_view word) const {
  const auto it = std::partition_point(entries_.begin(), entries_.end(), by_word(word));
  return it != entries_.end() && it->first == word ? &it->second : nullptr;
}

bool Spellings::stands_alone(std::string_view text, std::size_t begin, std::size_t end) {
  if (begin > 0) {
    const char before = text[begin - 1];
    // A '.' before joins unless it ends an ellipsis ("...u there?").
    if (joins(before) || (before == '.' && (begin < 2 || text[begin - 2] != '.'))) return false;
  }
  if (end < text.size()) {
    const char after = text[end];
    // A '.' after joins when a word goes on past it ("u.s").
    if (joins(after)) return false;
    if (after == '.' && end + 1 < text.size() && joins(text[end + 1])) return false;
  }
  return true;
}

}  // namespace tact::text
