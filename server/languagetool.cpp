// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The response follows LanguageTool's published API (api.languagetool.org,
// "CheckResponse"): software, warnings, language, and matches with message,
// shortMessage, replacements, offset, length, context, sentence, type and
// rule. Tact's triggers are tone advice, so every rule is issueType "style".
// The service answers for the language of its analyzer's packs; language
// names come from ICU's locale data.
#include "languagetool.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "report/json_writer.hpp"

namespace tact::serve {

namespace {

// How many UTF-16 units of text LanguageTool shows each side of a match.
constexpr std::size_t kContextUnits = 40;
// The deepest JSON nesting accepted; real requests need 3.
constexpr int kMaxDepth = 64;

// Language tags longer than this are named by themselves, not looked up.
constexpr std::size_t kMaxTagBytes = 64;

// A BCP 47 tag's language subtag, lower case ("en" of "en-US").
std::string primary_subtag(std::string_view tag) {
  std::string out(tag.substr(0, tag.find_first_of("-_")));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The language's name in English, as LanguageTool lists languages
// ("English (United States)", "German"); the tag itself when ICU has none.
std::string lookup_language_name(const std::string& tag) {
  if (tag.size() > kMaxTagBytes) return tag;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = icu::Locale::forLanguageTag(tag, status);
  if (U_FAILURE(status) || locale.isBogus()) return tag;
  icu::UnicodeString display;
  locale.getDisplayName(icu::Locale::getEnglish(), display);
  std::string name;
  display.toUTF8String(name);
  return name.empty() ? tag : name;
}

// lookup_language_name() with the last few tags a worker saw remembered:
// ICU's lookup took an eighth of a check request's time in a profile. Per
// thread, so workers never wait on each other; bounded, so a client sending
// a new tag each time cannot grow it. The reference lasts until this
// thread's next call.
const std::string& language_name(const std::string& tag) {
  constexpr std::size_t kRemembered = 8;
  thread_local std::vector<std::pair<std::string, std::string>> names;
  thread_local std::size_t next = 0;  // the slot replaced when full
  for (const auto& [t, name] : names) {
    if (t == tag) return name;
  }
  names.reserve(kRemembered);
  // ICU's locale cache is thread-safe, but its locks are invisible to
  // ThreadSanitizer (ICU is not built with it), which then reports two
  // workers' first lookups as a race. One lock of ours around a miss costs
  // nothing measurable and keeps the checked build exact.
  static std::mutex icu;
  std::unique_lock<std::mutex> lock(icu);
  std::pair<std::string, std::string> entry(tag, lookup_language_name(tag));
  lock.unlock();
  if (names.size() < kRemembered) return names.emplace_back(std::move(entry)).second;
  std::pair<std::string, std::string>& slot = names[next];
  next = (next + 1) % kRemembered;
  slot = std::move(entry);
  return slot.second;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool url_decode(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      *out += ' ';
    } else if (in[i] == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex(in[i + 1]);
      const int lo = hex(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      *out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      *out += in[i];
    }
  }
  return true;
}

// UTF-8 (already validated) to UTF-16.
std::u16string to_utf16(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = c;
    std::size_t n = 1;
    if (c >= 0xF0) {
      cp = c & 0x07u;
      n = 4;
    } else if (c >= 0xE0) {
      cp = c & 0x0Fu;
      n = 3;
    } else if (c >= 0xC0) {
      cp = c & 0x1Fu;
      n = 2;
    }
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    }
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (cp >> 10));
      out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
  }
  return out;
}

std::string to_utf8(std::u16string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::uint32_t cp = s[i];
    if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < s.size() && s[i + 1] >= 0xDC00 &&
        s[i + 1] < 0xE000) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (s[i + 1] - 0xDC00u);
      ++i;
    } else if (cp >= 0xD800 && cp < 0xE000) {
      cp = 0xFFFD;  // a surrogate cut in half
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

bool low_surrogate(char16_t c) {
  return c >= 0xDC00 && c < 0xE000;
}

// "uncertainty" -> "Uncertainty", "blame-shifting" -> "Blame shifting".
// The name the packs give a trigger category, in their language; the id
// when none does (every category a finding reports is defined).
const std::string& category_name(const core::Analyzer& analyzer, const std::string& id) {
  for (const Category& c : analyzer.categories()) {
    if (c.family == Family::trigger && c.id == id) return c.name;
  }
  return id;
}

std::string upper_id(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == '-' || c == '.') c = '_';
  }
  return s;
}

// A piece of the checked text. `data` annotations mix text with markup that
// is not checked (its interpretAs stands in for it), so offsets in the
// analyzed text map back to the caller's through these.
struct Piece {
  std::size_t analyzed = 0;  // UTF-16 start in the analyzed text
  std::size_t original = 0;  // UTF-16 start in the caller's text
  std::size_t analyzed_len = 0;
  std::size_t original_len = 0;
  bool markup = false;
};

// A start maps into the piece it begins, an end into the piece it closes; a
// position inside markup maps to the markup's start (or end).
std::size_t map_offset(const std::vector<Piece>& pieces, std::size_t p, bool end) {
  for (const Piece& piece : pieces) {
    const std::size_t last = piece.analyzed + piece.analyzed_len;
    if (end ? (p > piece.analyzed && p <= last) : (p >= piece.analyzed && p < last)) {
      if (piece.markup) return piece.original + (end ? piece.original_len : 0);
      return piece.original + (p - piece.analyzed);
    }
  }
  if (pieces.empty() || p == 0) return 0;
  return pieces.back().original + pieces.back().original_len;
}

CheckAnswer bad(int status, std::string code, std::string message) {
  CheckAnswer a;
  a.status = status;
  a.code = std::move(code);
  a.message = std::move(message);
  return a;
}

const std::string* field(const Form& form, const char* name) {
  const auto it = form.find(name);
  return it == form.end() ? nullptr : &it->second;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp < 0xE000)) {
      return false;
    }
    i += len;
  }
  return true;
}

bool nesting_within(std::string_view json, int limit) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

bool parse_form(std::string_view body, Form* out) {
  std::string key;
  std::string value;
  while (!body.empty()) {
    const std::size_t amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    if (!url_decode(pair.substr(0, eq), &key)) return false;
    if (!url_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1),
                    &value)) {
      return false;
    }
    out->emplace(key, value);
  }
  return true;
}

CheckAnswer check(const core::Analyzer& analyzer, const Form& form) {
  const std::string* text = field(form, "text");
  const std::string* data = field(form, "data");
  const std::string* language = field(form, "language");
  if (text == nullptr && data == nullptr) {
    return bad(400, "missing_text", "missing 'text' or 'data' parameter");
  }
  if (language == nullptr || language->empty()) {
    return bad(400, "missing_language", "missing 'language' parameter (e.g. en-US or auto)");
  }
  std::string analyzed;       // UTF-8
  std::vector<Piece> pieces;  // empty: the text is the caller's
  if (text != nullptr) {
    if (!valid_utf8(*text)) return bad(400, "invalid_utf8", "'text' is not valid UTF-8");
    analyzed = *text;
  } else {
    if (!valid_utf8(*data)) return bad(400, "invalid_utf8", "'data' is not valid UTF-8");
    if (!nesting_within(*data, kMaxDepth)) {
      return bad(400, "too_deep", "'data' nests deeper than " + std::to_string(kMaxDepth));
    }
    const nlohmann::json j = nlohmann::json::parse(*data, nullptr, false);
    if (j.is_discarded()) return bad(400, "malformed_json", "'data' is not JSON");
    const auto annotation = j.is_object() ? j.find("annotation") : j.end();
    if (!j.is_object() || annotation == j.end() || !annotation->is_array()) {
      return bad(400, "wrong_type", "'data' must be an object with an \"annotation\" list");
    }
    std::size_t a16 = 0;
    std::size_t o16 = 0;
    for (const nlohmann::json& item : *annotation) {
      const auto t = item.is_object() ? item.find("text") : item.end();
      const auto m = item.is_object() ? item.find("markup") : item.end();
      Piece p;
      p.analyzed = a16;
      p.original = o16;
      if (t != item.end() && t->is_string()) {
        const std::string& s = t->get_ref<const std::string&>();
        analyzed += s;
        p.analyzed_len = p.original_len = to_utf16(s).size();
      } else if (m != item.end() && m->is_string()) {
        const auto as = item.find("interpretAs");
        if (as != item.end() && !as->is_string()) {
          return bad(400, "wrong_type", "\"interpretAs\" must be a string");
        }
        const std::string stand_in = as != item.end() ? as->get<std::string>() : "";
        analyzed += stand_in;
        p.markup = true;
        p.analyzed_len = to_utf16(stand_in).size();
        p.original_len = to_utf16(m->get_ref<const std::string&>()).size();
      } else {
        return bad(400, "wrong_type", "each annotation needs a string \"text\" or \"markup\"");
      }
      a16 += p.analyzed_len;
      o16 += p.original_len;
      pieces.push_back(p);
    }
  }

  // The packs are of one language: other languages get no matches rather
  // than noise.
  const std::string& ours = analyzer.options().language;
  const bool answered = *language == "auto" || primary_subtag(*language) == primary_subtag(ours);
  const std::string code = *language == "auto" ? ours : *language;
  Report report;
  if (answered) {
    const Status st = analyzer.analyze(analyzed, Role::agent, &report);
    if (st.code == Code::input_too_large) return bad(413, "too_large", st.message);
    if (st.code == Code::out_of_memory) return bad(503, "out_of_memory", st.message);
    if (!st.ok() && st.code != Code::deadline_exceeded)
      return bad(500, "analyze_error", st.message);
  }

  std::string body;
  body.reserve(512 + 1024 * report.triggers.size());
  core::Writer w(&body);
  w.open('{');
  w.open("software", '{');
  w.string("name", "Tact");
  w.string("version", version_string());
  w.string("buildDate", "");
  w.integer("apiVersion", 1);
  w.boolean("premium", false);
  w.string("status", "");
  w.close('}');
  w.open("warnings", '{');
  w.boolean("incompleteResults", report.truncated);
  w.close('}');
  w.open("language", '{');
  w.string("name", language_name(code));
  w.string("code", code);
  w.open("detectedLanguage", '{');
  w.string("name", language_name(ours));
  w.string("code", ours);
  w.close('}');
  w.close('}');
  w.open("matches", '[');
  const std::u16string u16 = to_utf16(analyzed);
  for (const Trigger& t : report.triggers) {
    const std::size_t s = std::min(t.span.start_utf16, u16.size());
    const std::size_t e = std::min(std::max(t.span.end_utf16, s), u16.size());
    // Context: up to kContextUnits each side, "..." where cut, never half a
    // surrogate pair.
    std::size_t cs = s > kContextUnits ? s - kContextUnits : 0;
    if (cs > 0 && low_surrogate(u16[cs])) --cs;
    std::size_t ce = std::min(u16.size(), e + kContextUnits);
    if (ce < u16.size() && low_surrogate(u16[ce])) ++ce;
    std::u16string context = u16.substr(cs, ce - cs);
    std::replace(context.begin(), context.end(), u'\n', u' ');
    std::size_t context_offset = s - cs;
    if (cs > 0) {
      context.insert(0, u"...");
      context_offset += 3;
    }
    if (ce < u16.size()) context += u"...";
    // The sentence: back to the last sentence end or line break, on to the
    // next.
    std::size_t ss = s;
    while (ss > 0 && u16[ss - 1] != u'\n' &&
           !((u16[ss - 1] == u' ') && ss >= 2 &&
             (u16[ss - 2] == u'.' || u16[ss - 2] == u'!' || u16[ss - 2] == u'?'))) {
      --ss;
    }
    std::size_t se = e;
    while (se < u16.size() && u16[se] != u'\n' && u16[se] != u'.' && u16[se] != u'!' &&
           u16[se] != u'?') {
      ++se;
    }
    if (se < u16.size() && u16[se] != u'\n') ++se;

    const std::size_t offset = pieces.empty() ? s : map_offset(pieces, s, false);
    const std::size_t end = pieces.empty() ? e : map_offset(pieces, e, true);
    const std::string& name = category_name(analyzer, t.category);
    w.element();
    w.open('{');
    w.string("message", t.message);
    w.string("shortMessage", name);
    w.open("replacements", '[');
    for (const std::string& r : t.suggestions) {
      w.element();
      w.open('{');
      w.string("value", r);
      w.close('}');
    }
    w.close(']');
    w.integer("offset", static_cast<long long>(offset));
    w.integer("length", static_cast<long long>(end > offset ? end - offset : 0));
    w.open("context", '{');
    w.string("text", to_utf8(context));
    w.integer("offset", static_cast<long long>(context_offset));
    w.integer("length", static_cast<long long>(e - s));
    w.close('}');
    w.string("sentence", to_utf8(u16.substr(ss, se - ss)));
    w.open("type", '{');
    w.string("typeName", "Other");
    w.close('}');
    w.open("rule", '{');
    w.string("id", t.rule);
    w.string("description", name);
    w.string("issueType", "style");
    w.open("category", '{');
    w.string("id", "TACT_" + upper_id(t.category));
    w.string("name", "Tone");
    w.close('}');
    w.close('}');
    w.boolean("ignoreForIncompleteSentence", false);
    w.integer("contextForSureMatch", 0);
    w.close('}');
  }
  w.close(']');
  w.close('}');
  CheckAnswer a;
  a.body = std::move(body);
  return a;
}

std::string languages_json(const std::string& tag) {
  nlohmann::ordered_json one = {
      {"name", language_name(tag)}, {"code", primary_subtag(tag)}, {"longCode", tag}};
  return nlohmann::ordered_json::array({one}).dump();
}

}  // namespace tact::serve
