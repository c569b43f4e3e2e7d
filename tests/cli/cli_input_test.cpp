// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// parse_json_message (cli/input.cpp) scans a --jsonl line without a DOM; it
// must accept, refuse and decode every line exactly as nlohmann::json::parse
// followed by read_json_message does, so `tact analyze --jsonl` answers as
// it did when it parsed with nlohmann. Hand-picked edge cases, then a few
// hundred thousand generated and mutated lines, each through both.
#include <doctest/doctest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "input.hpp"

namespace {

using tact::cli::Message;

// The parse this scanner replaced.
Message reference(const std::string& line) {
  Message m;
  m.text = line;
  const nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    m.code = "malformed";
    m.error = "malformed JSON";
    return m;
  }
  tact::cli::read_json_message(j, &m);
  return m;
}

Message scanned(const std::string& line) {
  Message m;
  m.text = line;
  tact::cli::parse_json_message(&m);
  return m;
}

// Empty when both agree, else what differs.
std::string differ(const std::string& line) {
  const Message a = reference(line);
  const Message b = scanned(line);
  std::string out;
  if (a.code != b.code) out += " code: " + a.code + " vs " + b.code;
  if (a.error != b.error) out += " error: " + a.error + " vs " + b.error;
  if (a.id != b.id) out += " id";
  if (a.id_json != b.id_json) out += " id_json: " + a.id_json + " vs " + b.id_json;
  if (a.has_role != b.has_role || (a.has_role && a.role != b.role)) out += " role";
  // A malformed line keeps its text as read, as it always did.
  if (a.text != b.text) out += " text";
  return out;
}

std::string hex_escaped(const std::string& s) {
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) {
      out += c;
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

// Random JSON-ish lines: mostly valid message objects, with every kind of
// value, escape, number and byte the lexer distinguishes.
class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}

  std::string line() {
    std::string s;
    if (pick(20) == 0) s += "\xEF\xBB\xBF";
    if (pick(10) == 0) s += ws();
    if (pick(15) == 0) {
      value(&s, 0);
    } else {
      object(&s, 0, true);
    }
    if (pick(10) == 0) s += ws();
    if (pick(4) == 0) mutate(&s);
    return s;
  }

 private:
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }

  std::string ws() {
    static const char* kWs[] = {" ", "\t", "\r", "\n", "  ", " \t"};
    return kWs[pick(6)];
  }

  void object(std::string* s, int depth, bool message) {
    *s += '{';
    const std::size_t members = message ? 1 + pick(5) : pick(4);
    for (std::size_t k = 0; k < members; ++k) {
      if (k > 0) *s += pick(8) == 0 ? ws() + "," + ws() : ",";
      static const char* kKeys[] = {
          "\"text\"", "\"id\"",          "\"role\"", "\"t\\u0065xt\"", "\"i\\u0064\"",
          "\"x\"",    "\"role\\u0000\"", "\"TEXT\"", "\"\"",           "\"rol\\u0065\""};
      if (message && k + 1 == members && pick(2) == 0) {
        *s += "\"text\"";
      } else {
        *s += message || pick(3) == 0 ? kKeys[pick(10)] : "\"k\"";
      }
      *s += pick(8) == 0 ? ws() + ":" + ws() : ":";
      value(s, depth + 1);
    }
    *s += '}';
  }

  void value(std::string* s, int depth) {
    switch (pick(depth > 3 ? 7 : 9)) {
      case 0:
      case 1:
      case 2: string(s); break;
      case 3: number(s); break;
      case 4: *s += "null"; break;
      case 5: *s += pick(2) == 0 ? "true" : "false"; break;
      case 6: {
        static const char* kRoles[] = {"\"agent\"", "\"customer\"",    "\"auto\"",
                                       "\"Agent\"", "\"ag\\u0065nt\"", "\"\""};
        *s += kRoles[pick(6)];
        break;
      }
      case 7: object(s, depth, false); break;
      default: {
        *s += '[';
        const std::size_t n = pick(4);
        for (std::size_t k = 0; k < n; ++k) {
          if (k > 0) *s += ',';
          value(s, depth + 1);
        }
        *s += ']';
      }
    }
  }

  void string(std::string* s) {
    *s += '"';
    const std::size_t n = pick(12);
    for (std::size_t k = 0; k < n; ++k) {
      switch (pick(80)) {
        case 0: *s += "\\n"; break;
        case 1:
        case 5:
        case 6: {
          static const char* kEsc[] = {"\\\"",
                                       "\\\\",
                                       "\\/",
                                       "\\b",
                                       "\\f",
                                       "\\r",
                                       "\\t",
                                       "\\u0000",
                                       "\\u00e9",
                                       "\\u20AC",
                                       "\\uD83D\\uDE00",
                                       "\\uD83D",
                                       "\\uDE00",
                                       "\\uD83Dx",
                                       "\\u12",
                                       "\\x",
                                       "\\uFFFF"};
          *s += kEsc[pick(17)];
          break;
        }
        case 2:
        case 7:
        case 8:
        case 9: {
          static const char* kUtf8[] = {"é",
                                        "€",
                                        "😀",
                                        "\xC0\xAF",
                                        "\xE0\x80\x80",
                                        "\xED\xA0\x80",
                                        "\xF4\x90\x80\x80",
                                        "\xF0\x8F\xBF\xBF",
                                        "\xC3",
                                        "\xE2\x82",
                                        "\xFF",
                                        "\x80",
                                        "\xF4\x8F\xBF\xBF",
                                        "\xEF\xBB\xBF"};
          *s += kUtf8[pick(14)];
          break;
        }
        case 3: *s += static_cast<char>(pick(0x20)); break;  // a raw control character
        case 4: *s += static_cast<char>(0x80 + pick(0x80)); break;
        default: *s += static_cast<char>('a' + pick(26)); break;
      }
    }
    *s += '"';
  }

  void number(std::string* s) {
    static const char* kNumbers[] = {"0",
                                     "-0",
                                     "7",
                                     "-12",
                                     "3.25",
                                     "1e2",
                                     "1E+2",
                                     "-1e-2",
                                     "1e999",
                                     "-1e999",
                                     "1e-999",
                                     "18446744073709551615",
                                     "18446744073709551616",
                                     "-9223372036854775809",
                                     "123456789012345678901234567890",
                                     "01",
                                     "1.",
                                     ".5",
                                     "-",
                                     "1e",
                                     "1e+",
                                     "+1",
                                     "0x10",
                                     "1.5e308",
                                     "1.8e308",
                                     "2e308",
                                     "NaN",
                                     "Infinity",
                                     "-0.0e-0"};
    *s += kNumbers[pick(29)];
    if (pick(20) == 0) *s += std::string(320, '9');  // past a double
  }

  void mutate(std::string* s) {
    if (s->empty()) return;
    const std::size_t at = pick(s->size());
    switch (pick(6)) {
      case 0: s->erase(at, 1); break;
      case 1: s->insert(at, 1, static_cast<char>(pick(256))); break;
      case 2: (*s)[at] = static_cast<char>(pick(256)); break;
      case 3: s->resize(at); break;
      case 4: s->insert(at, 1, '\0'); break;
      default: {
        static const char* kBits[] = {"{", "}", "[", "]", ",", ":", "\"", "\\", " ", "\r"};
        s->insert(at, kBits[pick(10)]);
      }
    }
  }

  std::mt19937 rng_;
};

}  // namespace

TEST_CASE("parse_json_message: hand-picked lines read as nlohmann reads them") {
  using namespace std::string_literals;
  const std::vector<std::string> lines = {
      R"({"text":"hello"})",
      R"({"id":"a1","role":"agent","text":"I don't know."})",
      R"({"id":12,"role":"customer","text":"x"})",
      R"({"id":1e2,"text":"x"})",
      R"({"id":-0.5E+3,"text":"x"})",
      R"({"id":123456789012345678901234567890,"text":"x"})",
      R"({"id":1e999,"text":"x"})",
      R"({"id":1e-999,"text":"x"})",
      R"({"id":null,"role":null,"text":"x"})",
      R"({"id":true,"text":"x"})",
      R"({"id":[1],"text":"x"})",
      R"({"id":{"a":1},"text":"x"})",
      R"({"id":"a","role":"boss","text":"x"})",
      R"({"id":"a","role":7,"text":"x"})",
      R"({"role":"agent"})",
      R"({"text":5})",
      R"({"text":null})",
      R"({"text":["a"]})",
      R"({"text":"a","text":"b"})",
      R"({"text":"a","text":1})",
      R"({"text":1,"text":"b"})",
      R"({"id":"a","id":7,"text":"x"})",
      R"({"role":"agent","role":"customer","text":"x"})",
      R"({"t\u0065xt":"escaped key"})",
      R"({"text":"a\"b\\c\/d\b\f\n\r\t"})",
      R"({"text":"\u00e9\u20ac\ud83d\ude00\u0000"})",
      R"({"text":"\ud83d"})",
      R"({"text":"\ude00"})",
      R"({"text":"\ud83d\u0041"})",
      R"({"text":"\u12"})",
      R"({"text":"\x"})",
      R"({"text":"caf)"
      "\xC3\xA9"
      R"("})",
      "{\"text\":\"bad \xC3\x28\"}",
      "{\"text\":\"overlong \xC0\xAF\"}",
      "{\"text\":\"surrogate \xED\xA0\x80\"}",
      "{\"text\":\"past max \xF4\x90\x80\x80\"}",
      "{\"text\":\"cut \xE2\x82\"}",
      "{\"text\":\"tab\tinside\"}",
      "{\"text\":\"nul "s + '\0' + "inside\"}",
      "{\"text\":\"x\"}"s + '\0' + "trailing garbage after a NUL",
      "{\"text\":\"x\""s + '\0' + "}",
      "\0"s,
      "\xEF\xBB\xBF{\"text\":\"bom\"}",
      "\xEF\xBB\xBF\xEF\xBB\xBF{\"text\":\"two boms\"}",
      "\xEF\xBB{\"text\":\"half a bom\"}",
      " \xEF\xBB\xBF{\"text\":\"bom after space\"}",
      " \t{\"text\":\"spaces\"} \r\n ",
      "{ \"text\" : \"inner spaces\" , \"id\" : 5 }",
      R"({"text":"x",})",
      R"({"text":"x"}})",
      R"({"text":"x"} {"text":"y"})",
      R"({"text":"x","nested":{"a":[1,2,{"b":null}],"c":"\u00e9"}})",
      R"({"text":"x","nested":{"a":[1,2,{"b":nul}]}})",
      R"({"text":"x","n":[1,]})",
      R"({"text":"x","n":01})",
      R"({"text":"x","n":1.})",
      R"({"text":"x","n":-})",
      R"({"text":"x","n":+1})",
      R"({"text":"x","n":.5})",
      R"({"text":"x","n":2e308})",
      R"({"text":"x","n":-1.5e308})",
      R"({"text":"x","n":NaN})",
      R"({"text":"x","n":tru})",
      R"({"text":"x","n":True})",
      R"({"text":"x",'n':1})",
      R"({"text":"x"/*c*/})",
      R"({text:"x"})",
      R"(["text","x"])",
      R"("text")",
      "42",
      "null",
      "{}",
      "[]",
      "{",
      "}",
      "",
      "   ",
      R"({"text":"unterminated)",
      R"({"text":"x","id":"a)",
      R"({"text":"x"   )",
      std::string(5000, '[') + std::string(5000, ']'),
      R"({"text":"x","deep":)" + std::string(20000, '[') + std::string(20000, ']') + "}",
      R"({"text":"x","deep":)" + std::string(20000, '[') + std::string(19999, ']') + "}",
      R"({"text":")" + std::string(100000, 'a') + R"("})",
      R"({"id":"\u0041\"b","text":"x"})",
      R"({"id":"","text":""})",
      R"({"role":"\u0061gent","text":"x"})",
      R"({"role":"agent\u0000","text":"x"})",
  };
  for (const std::string& line : lines) {
    CAPTURE(hex_escaped(line.substr(0, 200)));
    CHECK(differ(line).empty());
  }
}

TEST_CASE("parse_json_message: 300,000 generated and mutated lines read as nlohmann reads them") {
  Generator gen(17);
  int failures = 0;
  long messages = 0;
  long bad_json = 0;
  for (int k = 0; k < 300000; ++k) {
    const std::string line = gen.line();
    const std::string d = differ(line);
    if (!d.empty() && failures++ < 10) FAIL_CHECK(hex_escaped(line) << ":" << d);
    const Message m = scanned(line);
    messages += m.code.empty() ? 1 : 0;
    bad_json += m.error == "malformed JSON" ? 1 : 0;
  }
  CHECK(failures == 0);
  // Every outcome is well represented: messages, bad JSON, and JSON that is
  // not a message.
  MESSAGE(messages << " messages, " << bad_json << " bad JSON");
  CHECK(messages > 20000);
  CHECK(bad_json > 30000);
  CHECK(300000 - messages - bad_json > 30000);
}
