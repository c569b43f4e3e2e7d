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

bool lower_word(std::string_view w) {
  return !w.empty() && w.size() <= kMaxSpellingWordBytes &&
         std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::string check_written(std::string_view written) {
  if (written.size() > kMaxSpellingWrittenBytes) {
    return "a written form has at most " + std::to_string(kMaxSpellingWrittenBytes) + " bytes";
  }
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' || c == ' ';
  };
  if (!written.empty() &&
      (!std::all_of(written.begin(), written.end(), allowed) || written.front() == ' ' ||
       written.back() == ' ' || written.find("  ") != std::string_view::npos)) {
    return "a written form is ASCII words (letters and apostrophes) with single spaces between";
  }
  return {};
}

auto by_word(std::string_view word) {
  return [word](const Spelling& e) { return e.word < word; };
}

}  // namespace

const Spellings& Spellings::none() {
  static const Spellings empty;
  return empty;
}

std::string Spellings::check(const Spelling& s) {
  if (s.word.empty() || s.word.size() > kMaxSpellingWordBytes) {
    return "a word has 1 to " + std::to_string(kMaxSpellingWordBytes) + " bytes";
  }
  if (!lower_word(s.word)) return "a word is lower-case ASCII letters";
  if (std::string why = check_written(s.written); !why.empty()) return why;
  if (std::string why = check_written(s.written_before); !why.empty()) return why;
  const bool context = !s.before.empty() || !s.suffixes.empty();
  if (context != !s.written_before.empty() || (context && s.written.empty())) {
    return "'before' (words or \"-suffixes\") and 'written_before' go together, with 'written'";
  }
  if (s.before.size() + s.suffixes.size() > kMaxSpellingContext) {
    return "at most " + std::to_string(kMaxSpellingContext) + " words in 'before'";
  }
  for (const std::string& w : s.before) {
    if (!lower_word(w)) return "a 'before' word is lower-case ASCII letters: \"" + w + "\"";
  }
  for (const std::string& w : s.suffixes) {
    if (!lower_word(w))
      return "a 'before' suffix is '-' and lower-case ASCII letters: \"" + w + "\"";
  }
  return {};
}

void Spellings::add(Spelling s) {
  auto it = std::find_if_not(entries_.begin(), entries_.end(), by_word(s.word));
  const bool there = it != entries_.end() && it->word == s.word;
  if (s.written.empty()) {
    if (there) entries_.erase(it);
    removed_.push_back(std::move(s.word));
  } else {
    std::sort(s.before.begin(), s.before.end());
    if (there) {
      *it = std::move(s);
    } else {
      entries_.insert(it, std::move(s));
    }
  }
  longest_ = 0;
  lengths_ = 0;
  firsts_ = 0;
  for (const Spelling& e : entries_) {
    longest_ = std::max(longest_, e.word.size());
    lengths_ |= uint32_t{1} << e.word.size();
    firsts_ |= uint32_t{1} << (e.word[0] - 'a');
  }
}

void Spellings::add(std::string_view word, std::string_view written) {
  Spelling s;
  s.word = word;
  s.written = written;
  add(std::move(s));
}

void Spellings::add(const Spellings& other) {
  for (const std::string& word : other.removed_) add(word, "");
  for (const Spelling& s : other.entries_) add(s);
}

const Spelling* Spellings::find(std::string_view word) const {
  const auto it = std::partition_point(entries_.begin(), entries_.end(), by_word(word));
  return it != entries_.end() && it->word == word ? &*it : nullptr;
}

const std::string& Spellings::form(const Spelling& s, std::string_view text, std::size_t end) {
  if (s.written_before.empty()) return s.written;
  std::size_t i = end;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i == end) return s.written;  // no word follows
  std::size_t j = i;
  char next[kMaxSpellingWordBytes];
  while (j < text.size() && ((text[j] | 0x20) >= 'a' && (text[j] | 0x20) <= 'z')) {
    if (j - i == kMaxSpellingWordBytes) return s.written;  // longer than any listed word
    next[j - i] = static_cast<char>(text[j] | 0x20);
    ++j;
  }
  const std::string_view word(next, j - i);
  if (word.empty()) return s.written;
  if (std::binary_search(s.before.begin(), s.before.end(), word)) return s.written_before;
  for (const std::string& suffix : s.suffixes) {
    if (word.size() > suffix.size() && word.substr(word.size() - suffix.size()) == suffix) {
      return s.written_before;
    }
  }
  return s.written;
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
