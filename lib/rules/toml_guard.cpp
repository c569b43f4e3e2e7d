// See toml_guard.hpp. The scanner follows TOML's lexical rules only as far
// as needed to tell structure from string and comment text.
#include "rules/toml_guard.hpp"

#include <vector>

namespace tact::rules {

namespace {

struct Scanner {
  std::string_view t;
  std::size_t i = 0;
  int line = 1;

  bool at(std::string_view s) const { return t.substr(i, s.size()) == s; }

  // Skips the string starting at i (a quote character). Unterminated
  // strings end the scan; toml++ reports them.
  void skip_string() {
    const char q = t[i];
    const bool multi = at(q == '"' ? "\"\"\"" : "'''");
    i += multi ? 3 : 1;
    while (i < t.size()) {
      const char c = t[i];
      if (c == '\n') {
        ++line;
        if (!multi) return;  // toml++ reports the broken string
      }
      if (c == '\\' && q == '"') {
        i += 2;
        if (i <= t.size() && t[i - 1] == '\n') ++line;
        continue;
      }
      if (c == q) {
        if (!multi) {
          ++i;
          return;
        }
        if (at(q == '"' ? "\"\"\"" : "'''")) {
          i += 3;
          // Up to two more quotes may belong to the string.
          while (i < t.size() && t[i] == q) ++i;
          return;
        }
      }
      ++i;
    }
  }

  void skip_comment() {
    while (i < t.size() && t[i] != '\n') ++i;
  }
};

}  // namespace

bool toml_within_limits(std::string_view text, int* line, std::string* reason) {
  Scanner s{text};
  // levels: table depth of each open inline table / array. `base` is the
  // depth that a key at statement start begins from (the last header's).
  std::vector<int> levels;
  int base = 0;
  int dots = 0;       // key-part separators since the last key boundary
  int key_extra = 0;  // parts of the key whose value is being read, minus one
  bool line_start = true;
  auto too_deep = [&](const char* what, int limit) {
    *line = s.line;
    *reason = std::string(what) + " deeper than " + std::to_string(limit) + " levels";
    return false;
  };
  while (s.i < text.size()) {
    const char c = text[s.i];
    if (c == '"' || c == '\'') {
      s.skip_string();
      line_start = false;
      continue;
    }
    if (c == '#') {
      s.skip_comment();
      continue;
    }
    if (c == '\n') {
      ++s.line;
      ++s.i;
      if (levels.empty()) {
        dots = 0;
        key_extra = 0;
        line_start = true;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++s.i;
      continue;
    }
    if (c == '[' && line_start && levels.empty()) {
      // Table header: [a.b] or [[a.b]]; count its parts.
      s.i += s.at("[[") ? 2 : 1;
      int parts = 1;
      while (s.i < text.size() && text[s.i] != ']' && text[s.i] != '\n') {
        if (text[s.i] == '"' || text[s.i] == '\'') {
          s.skip_string();
          continue;
        }
        if (text[s.i] == '.' && ++parts > kMaxTomlKeyParts)
          return too_deep("table header", kMaxTomlKeyParts);
        ++s.i;
      }
      while (s.i < text.size() && text[s.i] == ']') ++s.i;
      base = parts;
      dots = 0;
      line_start = false;
      continue;
    }
    line_start = false;
    const int cur = levels.empty() ? base : levels.back();
    switch (c) {
      case '.':
        if (++dots >= kMaxTomlKeyParts) return too_deep("dotted key", kMaxTomlKeyParts);
        break;
      case '=':
        // The value sits under every part of its key.
        key_extra = dots;
        if (cur + key_extra + 1 > kMaxTomlDepth) return too_deep("key", kMaxTomlDepth);
        dots = 0;
        break;
      case '[':
      case '{':
        levels.push_back(cur + key_extra + 1);
        key_extra = 0;
        if (levels.back() > kMaxTomlDepth)
          return too_deep(c == '[' ? "array" : "inline table", kMaxTomlDepth);
        dots = 0;
        break;
      case ']':
      case '}':
        if (!levels.empty()) levels.pop_back();
        dots = 0;
        key_extra = 0;
        break;
      case ',':
        dots = 0;
        key_extra = 0;
        break;
      default: break;
    }
    ++s.i;
  }
  return true;
}

}  // namespace tact::rules
