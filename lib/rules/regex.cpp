// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rules/regex.hpp"

#include <algorithm>

#include "text/unicode.hpp"

namespace tact::rules {

namespace {

bool is_word_char(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  return text::is_letter(c) || text::is_digit(c) || text::is_mark(c);
}

bool is_letter_char(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return text::is_letter(c);
}

// The code point that ends just before `pos`, or 0 at the start.
char32_t before(std::string_view s, std::size_t pos, std::size_t* start = nullptr) {
  if (pos == 0) return 0;
  std::size_t b = pos - 1;
  while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80 && pos - b < 4) --b;
  if (start) *start = b;
  std::size_t i = b;
  return text::decode_utf8(s, &i);
}

// The code point that starts at `pos`, or 0 at the end.
char32_t at(std::string_view s, std::size_t pos, std::size_t* next = nullptr) {
  if (pos >= s.size()) return 0;
  std::size_t i = pos;
  const char32_t c = text::decode_utf8(s, &i);
  if (next) *next = i;
  return c;
}

}  // namespace

RE2::Options pattern_options() {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_case_sensitive(false);
  o.set_longest_match(true);
  o.set_log_errors(false);
  return o;
}

std::string normalize_pattern(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size());
  for (std::size_t i = 0; i < pattern.size();) {
    const std::size_t start = i;
    const char32_t c = text::decode_utf8(pattern, &i);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    const char32_t a = text::ascii_punctuation(c);
    if (a != c) {
      text::append_utf8(&out, a);
    } else {
      out.append(pattern.substr(start, i - start));
    }
  }
  return out;
}

std::string excerpt(std::string_view s) {
  if (s.size() <= kMaxQuotedBytes) return std::string(s);
  std::size_t end = kMaxQuotedBytes;
  // Back off continuation bytes (10xxxxxx) so no character is split.
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end)) + "\u2026";
}

std::unique_ptr<const RE2> compile_pattern(const std::string& pattern, std::string* error) {
  auto re = std::make_unique<const RE2>(pattern, pattern_options());
  if (!re->ok()) {
    *error = excerpt(re->error());
    return nullptr;
  }
  if (matches_empty(*re)) {
    *error = kMatchesEmpty;
    return nullptr;
  }
  return re;
}

Regex::Regex(std::unique_ptr<const RE2> re)
    : pattern_(re->pattern()),
      groups_(re->NumberOfCapturingGroups()),
      names_(re->CapturingGroupNames()) {
  re_.store(re.release(), std::memory_order_release);
}

Regex::Regex(std::string pattern) : pattern_(std::move(pattern)) {
  capture_groups(pattern_, &groups_, &names_);
}

Regex::~Regex() {
  delete re_.load(std::memory_order_acquire);
}

const RE2& Regex::compile() const {
  auto re = std::make_unique<const RE2>(pattern_, pattern_options());
  const RE2* expected = nullptr;
  if (re_.compare_exchange_strong(expected, re.get(), std::memory_order_acq_rel,
                                  std::memory_order_acquire)) {
    return *re.release();
  }
  return *expected;  // another thread's, compiled meanwhile
}

bool Regex::has_group(const std::string& name) const {
  return std::any_of(names_.begin(), names_.end(),
                     [&](const auto& group) { return group.second == name; });
}

void capture_groups(std::string_view p, int* count, std::map<int, std::string>* names) {
  *count = 0;
  names->clear();
  for (std::size_t i = 0; i < p.size();) {
    if (p[i] == '\\') {
      if (i + 1 < p.size() && p[i + 1] == 'Q') {  // \Q...\E: literal text
        const std::size_t e = p.find("\\E", i + 2);
        i = e == std::string_view::npos ? p.size() : e + 2;
      } else {
        i += 2;
      }
    } else if (p[i] == '[') {  // a character class: its parentheses are literal
      std::size_t j = i + 1;
      if (j < p.size() && p[j] == '^') ++j;
      if (j < p.size() && p[j] == ']') ++j;
      while (j < p.size() && p[j] != ']') {
        if (p[j] == '\\') {
          j += 2;
        } else if (p.compare(j, 2, "[:") == 0 && p.find(":]", j + 2) != std::string_view::npos) {
          j = p.find(":]", j + 2) + 2;
        } else {
          ++j;
        }
      }
      i = j + 1;
    } else if (p[i] == '(') {
      ++i;
      if (i < p.size() && p[i] == '?') {
        // (?P<name>re) (or (?<name>re)) captures; (?flags) and (?:re) do not.
        const std::size_t open = p.compare(i, 3, "?P<") == 0  ? i + 3
                                 : p.compare(i, 2, "?<") == 0 ? i + 2
                                                              : std::string_view::npos;
        const std::size_t close = open == std::string_view::npos ? open : p.find('>', open);
        if (close != std::string_view::npos) {
          (*names)[++*count] = std::string(p.substr(open, close - open));
          i = close + 1;
        }
      } else {
        ++*count;
      }
    } else {
      ++i;
    }
  }
}

bool matches_empty(const RE2& re) {
  // Every pair of (start | end | word | non-word) neighbours occurs in these
  // texts, so every zero-width assertion RE2 knows gets its chance.
  static constexpr std::string_view kProbes[] = {"", "ab cd. ef", " ab. !", "a"};
  for (std::string_view probe : kProbes) {
    for (std::size_t pos = 0; pos <= probe.size(); ++pos) {
      if (re.Match(probe, pos, pos, RE2::ANCHOR_BOTH, nullptr, 0)) return true;
    }
  }
  return false;
}

bool inside_word(std::string_view view, std::size_t pos) {
  if (pos == 0 || pos >= view.size()) return false;
  std::size_t prev_start = 0;
  std::size_t next_end = 0;
  const char32_t p = before(view, pos, &prev_start);
  const char32_t n = at(view, pos, &next_end);
  if (is_word_char(p) && is_word_char(n)) return true;
  // An apostrophe between letters belongs to the word: "don't", "o'clock".
  if (n == '\'' && is_letter_char(p)) return is_letter_char(at(view, next_end));
  if (p == '\'' && is_letter_char(n)) return is_letter_char(before(view, prev_start));
  return false;
}

}  // namespace tact::rules
