// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "tone/items.hpp"

#include <string_view>

namespace tact::tone {

namespace {

using text::Token;
using text::TokenKind;

bool ends_clause(char c) {
  switch (c) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case '(':
    case ')':
    case '[':
    case ']':
    case '-':
    case '/': return true;
    default: return false;
  }
}

// Emoticons whose first mark is an eye may follow a word directly ("now:)").
bool eye(char c) {
  return c == ':' || c == ';' || c == '=';
}

// After an emoticon: the end, a space, or closing punctuation.
bool emoticon_end(std::string_view view, std::size_t at) {
  if (at >= view.size()) return true;
  const char c = view[at];
  return c == ' ' || c == '.' || c == ',' || c == '!' || c == '?' || c == ';';
}

// Emphatic capitals: acronyms and codes ("ISP", "UK") are short and unknown
// to the lexicon, shouted words are neither; "OK" and "LOL" are usually
// written in capitals.
bool shouted(const Token& t, std::string_view text, const Lexicon& lexicon) {
  if (t.kind != TokenKind::word || !t.all_caps) return false;
  const Entry* e = lexicon.find(text, t.hash);
  if (e != nullptr && e->is(kCapsUsual)) return false;
  return text.size() >= 4 || e != nullptr;
}

std::size_t utf8_length(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// The longest emoticon starting at token i; returns the number of tokens
// it spans (0 for none) and sets *entry.
std::size_t match_emoticon(const text::Document& doc, const Lexicon& lexicon, std::size_t i,
                           const Entry** entry) {
  const std::string_view view = doc.view();
  const std::vector<Token>& tokens = doc.tokens();
  const uint32_t begin = tokens[i].view.begin;
  if (begin > 0 && view[begin - 1] != ' ' && !eye(view[begin])) return 0;
  // Candidate ends: token ends of the space-free run that starts here.
  std::size_t best = 0;
  for (std::size_t j = i; j < tokens.size(); ++j) {
    if (j > i && tokens[j].view.begin != tokens[j - 1].view.end) break;
    const uint32_t end = tokens[j].view.end;
    if (end - begin > lexicon.max_emoticon_bytes()) break;
    if (!emoticon_end(view, end)) continue;
    if (const Entry* e = lexicon.find_emoticon(view.substr(begin, end - begin))) {
      *entry = e;
      best = j - i + 1;
    }
  }
  return best;
}

}  // namespace

void scan(const text::Document& doc, const Lexicon& lexicon, bool stem_plurals,
          std::vector<Item>* out) {
  out->clear();
  const std::string_view view = doc.view();
  const std::vector<Token>& tokens = doc.tokens();
  const std::vector<text::Sentence>& sentences = doc.sentences();
  // Items come in text order, so their sentence index only moves forward:
  // a walk instead of a binary search per item (Document::sentence_at),
  // which was a sixth of the time on 4 MB of "A. A. A. …".
  std::size_t sentence = 0;
  for (std::size_t i = 0; i < tokens.size();) {
    const Token& t = tokens[i];
    Item item;
    item.view = t.view;
    std::size_t used = 1;
    const std::string_view text = view.substr(t.view.begin, t.view.size());
    switch (t.kind) {
      case TokenKind::word: {
        item.kind = ItemKind::word;
        item.all_caps = t.all_caps;
        item.shouted = shouted(t, text, lexicon) ? 1 : 0;
        const Entry* e = lexicon.find(text, t.hash);
        if (e == nullptr && stem_plurals && text.size() > 3 && text.back() == 's' &&
            text[text.size() - 2] != 's') {
          e = lexicon.find(text.substr(0, text.size() - 1));
        }
        item.entry = e;
        // The longest known phrase starting here ("no problem", "on hold").
        if (e != nullptr && e->phrase_tokens > 1) {
          const std::size_t longest = std::min<std::size_t>(e->phrase_tokens, tokens.size() - i);
          for (std::size_t n = longest; n > 1; --n) {
            const Token& last = tokens[i + n - 1];
            const Entry* p = lexicon.find(view.substr(t.view.begin, last.view.end - t.view.begin));
            if (p == nullptr) continue;
            item.kind = ItemKind::phrase;
            item.entry = p;
            item.view.end = last.view.end;
            for (std::size_t k = i; k < i + n; ++k) {
              if (tokens[k].kind == TokenKind::word)
                item.all_caps = item.all_caps && tokens[k].all_caps;
            }
            used = n;
            break;
          }
        }
        break;
      }
      case TokenKind::emoji: {
        item.kind = ItemKind::emoji;
        item.entry = lexicon.find(text, t.hash);
        // Skin tones and other modifiers: fall back to the base emoji.
        if (item.entry == nullptr) {
          const std::size_t n = utf8_length(static_cast<unsigned char>(text[0]));
          if (n < text.size()) item.entry = lexicon.find(text.substr(0, n));
        }
        break;
      }
      case TokenKind::number:
      case TokenKind::symbol: {
        const Entry* e = nullptr;
        if (const std::size_t n = match_emoticon(doc, lexicon, i, &e)) {
          item.kind = ItemKind::emoticon;
          item.entry = e;
          item.view.end = tokens[i + n - 1].view.end;
          used = n;
        } else if (t.kind == TokenKind::number) {
          item.kind = ItemKind::number;
        } else {
          item.kind = ItemKind::punct;
          item.punct = t.view.size() == 1 ? text[0] : 0;
          item.clause_end = ends_clause(item.punct);
        }
        break;
      }
    }
    while (sentence + 1 < sentences.size() &&
           sentences[sentence + 1].view.begin <= item.view.begin) {
      ++sentence;
    }
    item.sentence = static_cast<uint32_t>(sentence);
    out->push_back(item);
    i += used;
  }
}

}  // namespace tact::tone
