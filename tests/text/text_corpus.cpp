// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "text_corpus.hpp"

#include <unicode/ustring.h>

#include <fstream>
#include <random>

namespace tact::testing {

namespace {

// Pieces of support chat, chosen to exercise the text layer: apostrophes
// both ways, caps, numbers, codes, emoji, accents, other scripts, bad bytes.
const char* const kPieces[] = {
    "I don't know",
    "I don\xE2\x80\x99t know",
    "WHY IS THIS STILL BROKEN",
    "order HB-55231",
    "$49.99",
    "1,250.00",
    "e.g.",
    "approx. 3 days",
    "Sorry!!!",
    "Can you help?",
    "caf\xC3\xA9",
    "na\xC3\xAF"
    "ve",
    "e\xCC\x81",
    "Stra\xC3\x9F"
    "e",
    "\xC4\xB0stanbul",
    "\xF0\x9F\x98\xA1",
    "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD",
    "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",
    "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7",
    "\xE2\x80\x9Cquoted\xE2\x80\x9D",
    "it\xE2\x80\x99s",
    "\xE2\x80\x94",
    "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82",
    "\xEF\xBC\xA8\xEF\xBD\x85\xEF\xBD\x8C\xEF\xBD\x8C\xEF\xBD\x8F",
    "\xFF",
    "\xE2\x82",
    "\xC0\xAF",
    "calm down",
    "no problem",
    "it's our policy",
    "user_name",
    "3:30pm",
    "\t",
    "\r\n",
    "\n\n",
    "\xC2\xA0",
    "...",
    "(really?)",
    "Mr.",
    "OK.",
    "thanks",
};

std::vector<std::string> build() {
  std::vector<std::string> out;
  std::mt19937 rng(20261123);
  constexpr std::size_t kPieceCount = sizeof kPieces / sizeof kPieces[0];
  std::uniform_int_distribution<std::size_t> piece(0, kPieceCount - 1);
  std::uniform_int_distribution<int> length(1, 12);
  std::uniform_int_distribution<int> sep(0, 9);
  for (int i = 0; i < 400; ++i) {
    std::string s;
    const int n = length(rng);
    for (int k = 0; k < n; ++k) {
      s += kPieces[piece(rng)];
      const int x = sep(rng);
      s += x < 6 ? " " : x == 6 ? ". " : x == 7 ? ", " : x == 8 ? "  " : "";
    }
    out.push_back(std::move(s));
  }
  // ASCII-only messages, so the fast path gets a large share.
  const char* const kAscii[] = {
      "I don't know", "WHY",       "order HB-55231",  "$49.99", "e.g.", "Sorry!!!", "Can you help?",
      "no problem",   "calm down", "3:30pm",          "\r\n",   "\t",   "Mr.",      "thanks",
      "user_name",    "(really?)", "it's our policy", "..."};
  std::uniform_int_distribution<std::size_t> ascii(0, sizeof kAscii / sizeof kAscii[0] - 1);
  for (int i = 0; i < 300; ++i) {
    std::string s;
    const int n = length(rng);
    for (int k = 0; k < n; ++k) {
      s += kAscii[ascii(rng)];
      s += sep(rng) < 7 ? " " : ". ";
    }
    out.push_back(std::move(s));
  }
#ifdef TACT_SHARED_DIR
  // Only the "text" field is needed; a tiny scan avoids a JSON dependency.
  std::ifstream in(TACT_SHARED_DIR "/eval/cs_dev.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    const auto key = line.find("\"text\":\"");
    if (key == std::string::npos) continue;
    std::string text;
    for (std::size_t i = key + 8; i < line.size() && line[i] != '"'; ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) {
        const char c = line[++i];
        text += c == 'n' ? '\n' : c == 't' ? '\t' : c;
      } else {
        text += line[i];
      }
    }
    out.push_back(std::move(text));
  }
#endif
  return out;
}

}  // namespace

const std::vector<std::string>& text_corpus() {
  static const std::vector<std::string> corpus = build();
  return corpus;
}

std::u16string to_utf16(const std::string& utf8) {
  std::u16string out(utf8.size() + 1, u'\0');
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(reinterpret_cast<UChar*>(out.data()), static_cast<int32_t>(out.size()),
                       &length, utf8.data(), static_cast<int32_t>(utf8.size()), 0xFFFD, nullptr,
                       &status);
  out.resize(U_SUCCESS(status) ? static_cast<std::size_t>(length) : 0);
  return out;
}

}  // namespace tact::testing
