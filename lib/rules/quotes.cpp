// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rules/quotes.hpp"

#include <algorithm>

#include "rules/regex.hpp"

namespace tact::rules {

namespace {

// Quote patterns are reported speech; more matches than this in one message
// are not worth looking for.
constexpr int kMaxQuotePatternMatches = 64;

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (static_cast<unsigned char>(c) >= 0x80);
}

bool opens_single(const std::string& v, std::size_t i) {
  const bool after_gap = i == 0 || v[i - 1] == ' ' || v[i - 1] == '(' || v[i - 1] == '[' ||
                         v[i - 1] == '-' || v[i - 1] == ':';
  return after_gap && i + 1 < v.size() && is_alnum(v[i + 1]);
}

bool closes_single(const std::string& v, std::size_t i) {
  return i > 0 && v[i - 1] != ' ' && (i + 1 == v.size() || !is_alnum(v[i + 1]));
}

void add_pattern_matches(const std::string& v, const RE2& re, std::vector<text::Range>* out) {
  std::size_t pos = 0;
  re2::StringPiece m;
  for (int n = 0; n < kMaxQuotePatternMatches && pos < v.size(); ++n) {
    if (!re.Match(v, pos, v.size(), RE2::UNANCHORED, &m, 1)) break;
    const auto b = static_cast<uint32_t>(m.data() - v.data());
    const auto e = static_cast<uint32_t>(b + m.size());
    if (inside_word(v, b) || inside_word(v, e)) {
      pos = b + 1;
      continue;
    }
    out->push_back({b, e});
    pos = e;
  }
}

// One scan left to right: an opening mark starts a quote that its own
// closing mark ends, so marks that close each other ("»…«", "«…»") pair up
// right. A quote left open at the end is not one.
void add_mark_quotes(const std::string& v, const std::vector<QuoteMark>& marks,
                     std::vector<text::Range>* out) {
  const auto present = [&](const QuoteMark& m) { return v.find(m.open) != std::string::npos; };
  if (std::none_of(marks.begin(), marks.end(), present)) return;
  const QuoteMark* open = nullptr;
  std::size_t start = 0;
  for (std::size_t i = 0; i < v.size();) {
    if (open != nullptr) {
      if (v.compare(i, open->close.size(), open->close) == 0) {
        i += open->close.size();
        out->push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i)});
        open = nullptr;
        continue;
      }
    } else {
      for (const QuoteMark& m : marks) {
        if (v.compare(i, m.open.size(), m.open) == 0) {
          open = &m;
          start = i;
          break;
        }
      }
      if (open != nullptr) {
        i += open->open.size();
        continue;
      }
    }
    ++i;
  }
}

}  // namespace

void find_quoted(const text::Document& doc,
                 const std::vector<std::shared_ptr<const Regex>>& patterns,
                 const std::vector<QuoteMark>& marks, std::vector<text::Range>* out) {
  out->clear();
  const std::string& v = doc.view();
  if (v.find_first_of("\"'") != std::string::npos) {
    std::size_t open_double = std::string::npos;
    std::size_t open_single = std::string::npos;
    std::size_t sentence = 0;
    const auto& sentences = doc.sentences();
    for (std::size_t i = 0; i < v.size(); ++i) {
      // A single quote never spans sentences: drop an opener left unclosed.
      while (sentence < sentences.size() && sentences[sentence].view.end <= i) {
        ++sentence;
        open_single = std::string::npos;
      }
      if (v[i] == '"') {
        if (open_double == std::string::npos) {
          open_double = i;
        } else {
          out->push_back({static_cast<uint32_t>(open_double), static_cast<uint32_t>(i + 1)});
          open_double = std::string::npos;
          open_single = std::string::npos;
        }
      } else if (v[i] == '\'') {
        if (open_single != std::string::npos && closes_single(v, i)) {
          out->push_back({static_cast<uint32_t>(open_single), static_cast<uint32_t>(i + 1)});
          open_single = std::string::npos;
        } else if (open_single == std::string::npos && opens_single(v, i)) {
          open_single = i;
        }
      }
    }
  }
  add_mark_quotes(v, marks, out);
  for (const auto& re : patterns) add_pattern_matches(v, re->re(), out);
  if (out->size() < 2) return;
  std::sort(out->begin(), out->end(),
            [](const text::Range& a, const text::Range& b) { return a.begin < b.begin; });
  std::size_t w = 0;
  for (std::size_t r = 1; r < out->size(); ++r) {
    if ((*out)[r].begin <= (*out)[w].end) {
      (*out)[w].end = std::max((*out)[w].end, (*out)[r].end);
    } else {
      (*out)[++w] = (*out)[r];
    }
  }
  out->resize(w + 1);
}

bool inside(const std::vector<text::Range>& ranges, uint32_t pos) {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), pos,
                             [](uint32_t p, const text::Range& r) { return p < r.begin; });
  return it != ranges.begin() && pos < (it - 1)->end;
}

}  // namespace tact::rules
