// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "input.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <nlohmann/json.hpp>
#include <string_view>

namespace tact::cli {

namespace {

constexpr std::size_t kChunk = std::size_t{64} * 1024;

// Reads lines from a file descriptor through a fixed buffer. A line keeps at
// most `cap` bytes; the rest of a longer line is read and dropped, so no
// line, however long, costs more than `cap` bytes of memory.
class LineReader {
 public:
  LineReader(int fd, std::size_t cap) : fd_(fd), cap_(cap) {}

  enum Result { kLine, kEnd, kError };

  // *line gets the next line without its '\n'; *overflow says bytes were
  // dropped; *oom says storing it failed. kError leaves errno in error_.
  Result next(std::string* line, bool* overflow, bool* oom) {
    line->clear();
    *overflow = false;
    *oom = false;
    bool any = false;
    for (;;) {
      if (pos_ == len_) {
        const ssize_t n = fill();
        if (n < 0) return kError;
        if (n == 0) return any ? kLine : kEnd;
      }
      any = true;
      const char* start = buf_ + pos_;
      const void* nl = std::memchr(start, '\n', len_ - pos_);
      const std::size_t take = nl != nullptr
                                   ? static_cast<std::size_t>(static_cast<const char*>(nl) - start)
                                   : len_ - pos_;
      keep(line, start, take, overflow, oom);
      pos_ += take;
      if (nl != nullptr) {
        ++pos_;
        return kLine;
      }
    }
  }

  int error() const { return error_; }

 private:
  ssize_t fill() {
    for (;;) {
      const ssize_t n = ::read(fd_, buf_, kChunk);
      if (n >= 0) {
        pos_ = 0;
        len_ = static_cast<std::size_t>(n);
        return n;
      }
      if (errno == EINTR) continue;
      error_ = errno;
      return -1;
    }
  }

  void keep(std::string* line, const char* p, std::size_t n, bool* overflow, bool* oom) {
    if (*overflow || *oom) return;
    if (n > cap_ - line->size()) {
      *overflow = true;
      return;
    }
    try {
      line->append(p, n);
    } catch (const std::bad_alloc&) {
      // Never taken for end of input: the line is reported and skipped.
      *oom = true;
      std::string().swap(*line);
    }
  }

  int fd_;
  std::size_t cap_;
  char buf_[kChunk];
  std::size_t pos_ = 0;
  std::size_t len_ = 0;
  int error_ = 0;
};

std::size_t skip_ws(std::string_view s, std::size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  return i;
}

std::size_t skip_string(std::string_view s, std::size_t i) {
  for (++i; i < s.size() && s[i] != '"'; ++i) {
    if (s[i] == '\\') ++i;
  }
  return i + 1;
}

std::size_t skip_value(std::string_view s, std::size_t i) {
  if (s[i] == '"') return skip_string(s, i);
  if (s[i] == '{' || s[i] == '[') {
    int depth = 0;
    while (i < s.size()) {
      const char c = s[i];
      if (c == '"') {
        i = skip_string(s, i);
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') --depth;
      ++i;
      if (depth == 0) break;
    }
    return i;
  }
  while (i < s.size() && std::strchr(",}] \t\r\n", s[i]) == nullptr) ++i;
  return i;
}

// The raw token of the last top-level member `key` of `obj`, a line that
// already parsed as a JSON object (so the scan need not validate). The last
// one, as nlohmann keeps the last of duplicate keys.
std::string_view member_token(std::string_view obj, std::string_view key) {
  std::string_view found;
  std::size_t i = skip_ws(obj, 0) + 1;  // past '{'
  for (;;) {
    i = skip_ws(obj, i);
    if (i >= obj.size() || obj[i] != '"') return found;
    const std::size_t k = i;
    i = skip_string(obj, i);
    std::string_view name = obj.substr(k, i - k);
    bool match = false;
    if (name.find('\\') == std::string_view::npos) {
      match = name.substr(1, name.size() - 2) == key;
    } else {
      match = nlohmann::json::parse(name).get<std::string>() == key;
    }
    i = skip_ws(obj, i) + 1;  // past ':'
    i = skip_ws(obj, i);
    const std::size_t v = i;
    i = skip_value(obj, i);
    if (match) found = obj.substr(v, i - v);
    i = skip_ws(obj, i);
    if (i >= obj.size() || obj[i] != ',') return found;
    ++i;
  }
}

// Replaces *s with the contents of the JSON string token s[begin, end)
// (quotes included, already validated), decoded in place: no escape
// decodes to more bytes than it is written with.
void decode_string(std::string* s, std::size_t begin, std::size_t end) {
  char* d = s->data();
  std::size_t w = 0;
  std::size_t r = begin + 1;
  const std::size_t stop = end - 1;
  auto hex = [&](std::size_t at) {
    unsigned v = 0;
    for (std::size_t k = at; k < at + 4; ++k) {
      const unsigned c = static_cast<unsigned char>(d[k]);
      v = v * 16 + (c <= '9' ? c - '0' : (c | 0x20U) - 'a' + 10);
    }
    return v;
  };
  while (r < stop) {
    const void* slash = std::memchr(d + r, '\\', stop - r);
    const std::size_t run =
        (slash != nullptr ? static_cast<std::size_t>(static_cast<const char*>(slash) - d) : stop) -
        r;
    if (w != r) std::memmove(d + w, d + r, run);
    w += run;
    r += run;
    if (slash == nullptr) break;
    const char e = d[r + 1];
    r += 2;
    switch (e) {
      case 'b': d[w++] = '\b'; continue;
      case 'f': d[w++] = '\f'; continue;
      case 'n': d[w++] = '\n'; continue;
      case 'r': d[w++] = '\r'; continue;
      case 't': d[w++] = '\t'; continue;
      case 'u': break;
      default: d[w++] = e; continue;  // '"', '\\' or '/'
    }
    unsigned cp = hex(r);
    r += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (hex(r + 2) - 0xDC00);
      r += 6;
    }
    if (cp < 0x80) {
      d[w++] = static_cast<char>(cp);
    } else if (cp < 0x800) {
      d[w++] = static_cast<char>(0xC0 | (cp >> 6));
      d[w++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      d[w++] = static_cast<char>(0xE0 | (cp >> 12));
      d[w++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      d[w++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      d[w++] = static_cast<char>(0xF0 | (cp >> 18));
      d[w++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      d[w++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      d[w++] = static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  s->resize(w);
}

// Validates one --jsonl line exactly as nlohmann::json::parse does (the
// parser this replaced, and the one `tact report` and `tact conversation`
// still use), without building anything: RFC 8259 strictly, UTF-8 checked
// inside strings, a number that overflows a double refused, a byte order
// mark at the very start skipped, and a NUL byte outside a string taken for
// the end of the input. Notes where the values of the last top-level
// "text", "id" and "role" members are (the last: nlohmann keeps the last of
// duplicate keys). Nesting is tracked in a string, not by recursion.
class MessageScan {
 public:
  struct Field {
    std::size_t begin = 0;  // the value's token, as written
    std::size_t end = 0;
    // 0: absent; '"' string, '0' number, 'n' null, 'o' anything else.
    char kind = 0;
  };

  explicit MessageScan(std::string_view line)
      : p_(reinterpret_cast<const unsigned char*>(line.data())), n_(line.size()) {}

  // True when the line is one JSON value and nothing else.
  bool run();

  bool object = false;  // the value is an object
  Field text;
  Field id;
  Field role;

 private:
  // The current byte; 0 past the end, which nlohmann's lexer treats alike.
  unsigned at() const { return i_ < n_ ? p_[i_] : 0U; }
  static bool digit(unsigned c) { return c >= '0' && c <= '9'; }
  void ws() {
    while (i_ < n_ && (p_[i_] == ' ' || p_[i_] == '\t' || p_[i_] == '\n' || p_[i_] == '\r')) ++i_;
  }
  bool string(bool* escaped);
  bool utf8();
  int hex4();
  bool number();
  bool literal(std::string_view word);
  bool key(std::size_t depth, Field** member);

  const unsigned char* p_;
  std::size_t n_;
  std::size_t i_ = 0;
};

bool MessageScan::run() {
  if (n_ > 0 && p_[0] == 0xEF) {
    if (n_ < 3 || p_[1] != 0xBB || p_[2] != 0xBF) return false;
    i_ = 3;
  }
  std::string open;         // '{' or '[' for each container entered
  Field* member = nullptr;  // the top-level member whose value comes next
  bool first = true;
  for (;;) {
    // One value, or the start of a non-empty container.
    ws();
    const std::size_t start = i_;
    const std::size_t depth = open.size();
    const unsigned c = at();
    if (first) object = c == '{';
    first = false;
    bool entered = false;
    switch (c) {
      case '{':
      case '[':
        ++i_;
        ws();
        if (at() == (c == '{' ? '}' : ']')) {
          ++i_;
        } else {
          open.push_back(static_cast<char>(c));
          entered = true;
        }
        break;
      case '"':
        if (!string(nullptr)) return false;
        break;
      case 't':
        if (!literal("true")) return false;
        break;
      case 'f':
        if (!literal("false")) return false;
        break;
      case 'n':
        if (!literal("null")) return false;
        break;
      default:
        if (c != '-' && !digit(c)) return false;
        if (!number()) return false;
    }
    if (member != nullptr && depth == 1) {
      member->begin = start;
      member->end = i_;
      member->kind = c == '"' ? '"' : c == 'n' ? 'n' : (c == '-' || digit(c)) ? '0' : 'o';
      member = nullptr;
    }
    if (entered) {
      if (open.back() == '{' && !key(open.size(), &member)) return false;
      continue;
    }
    // After a value: separators and the ends of containers.
    for (;;) {
      ws();
      if (open.empty()) return at() == 0;
      const unsigned d = at();
      if (d == ',') {
        ++i_;
        if (open.back() == '{' && !key(open.size(), &member)) return false;
        break;
      }
      if (d != (open.back() == '{' ? '}' : ']')) return false;
      ++i_;
      open.pop_back();
    }
  }
}

// A member's key and its ':'; at depth 1, *member is the field it names.
bool MessageScan::key(std::size_t depth, Field** member) {
  ws();
  if (at() != '"') return false;
  const std::size_t begin = i_;
  bool escaped = false;
  if (!string(&escaped)) return false;
  const std::size_t end = i_;
  ws();
  if (at() != ':') return false;
  ++i_;
  *member = nullptr;
  if (depth != 1) return true;
  const auto* raw = reinterpret_cast<const char*>(p_);
  std::string decoded;
  std::string_view name(raw + begin + 1, end - begin - 2);
  if (escaped) {
    decoded.assign(raw + begin, end - begin);
    decode_string(&decoded, 0, decoded.size());
    name = decoded;
  }
  if (name == "text") *member = &text;
  if (name == "id") *member = &id;
  if (name == "role") *member = &role;
  return true;
}

bool MessageScan::string(bool* escaped) {
  ++i_;  // the opening quote
  for (;;) {
    while (i_ < n_) {
      const unsigned c = p_[i_];
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++i_;
    }
    const unsigned c = at();
    if (c == '"') {
      ++i_;
      return true;
    }
    if (c < 0x20) return false;  // a control character, or the end
    if (c >= 0x80) {
      if (!utf8()) return false;
      continue;
    }
    if (escaped != nullptr) *escaped = true;
    ++i_;  // the backslash
    const unsigned e = at();
    ++i_;
    if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' ||
        e == 't') {
      continue;
    }
    if (e != 'u') return false;
    const int cp = hex4();
    if (cp < 0) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (at() != '\\') return false;
      ++i_;
      if (at() != 'u') return false;
      ++i_;
      const int low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) return false;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return false;
    }
  }
}

// One multi-byte UTF-8 sequence (RFC 3629: no overlong forms, surrogates
// or code points past U+10FFFF).
bool MessageScan::utf8() {
  const unsigned c = p_[i_++];
  unsigned lo = 0x80;
  unsigned hi = 0xBF;
  int more = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    more = 1;
  } else if (c == 0xE0) {
    more = 2;
    lo = 0xA0;
  } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
    more = 2;
  } else if (c == 0xED) {
    more = 2;
    hi = 0x9F;
  } else if (c == 0xF0) {
    more = 3;
    lo = 0x90;
  } else if (c >= 0xF1 && c <= 0xF3) {
    more = 3;
  } else if (c == 0xF4) {
    more = 3;
    hi = 0x8F;
  } else {
    return false;
  }
  for (int k = 0; k < more; ++k) {
    const unsigned d = at();
    if (d < lo || d > hi) return false;
    ++i_;
    lo = 0x80;
    hi = 0xBF;
  }
  return true;
}

int MessageScan::hex4() {
  int v = 0;
  for (int k = 0; k < 4; ++k) {
    const unsigned c = at();
    int d = 0;
    if (c >= '0' && c <= '9') {
      d = static_cast<int>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      d = static_cast<int>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      d = static_cast<int>(c - 'A' + 10);
    } else {
      return -1;
    }
    v = v * 16 + d;
    ++i_;
  }
  return v;
}

bool MessageScan::number() {
  const std::size_t begin = i_;
  if (at() == '-') ++i_;
  if (at() == '0') {
    ++i_;
  } else if (digit(at())) {
    while (digit(at())) ++i_;
  } else {
    return false;
  }
  bool integer = true;
  if (at() == '.') {
    integer = false;
    ++i_;
    if (!digit(at())) return false;
    while (digit(at())) ++i_;
  }
  if (at() == 'e' || at() == 'E') {
    integer = false;
    ++i_;
    if (at() == '+' || at() == '-') ++i_;
    if (!digit(at())) return false;
    while (digit(at())) ++i_;
  }
  // nlohmann refuses a number that overflows a double ("number overflow");
  // an integer of up to 18 digits never does.
  if (integer && i_ - begin <= 18) return true;
  const std::string token(reinterpret_cast<const char*>(p_) + begin, i_ - begin);
  return std::isfinite(std::strtod(token.c_str(), nullptr));
}

bool MessageScan::literal(std::string_view word) {
  for (const char w : word) {
    if (at() != static_cast<unsigned char>(w)) return false;
    ++i_;
  }
  return true;
}

std::string errno_text(int err) {
  return std::strerror(err);
}

// Reads one open file; false when reading stopped early.
bool read_fd(int fd, const std::string& name, const ReadOptions& o,
             const std::function<bool(Message&)>& each, bool* stop) {
  // Room for a '\r' and a byte order mark, dropped after reading.
  const std::size_t huge = std::numeric_limits<std::size_t>::max() / 4;
  const std::size_t max = o.max_bytes < huge ? o.max_bytes : huge;
  const std::size_t limit = o.jsonl ? 2 * max + 4096 : max;
  LineReader reader(fd, limit + 4);
  Message m;
  std::string line;
  bool overflow = false;
  bool oom = false;
  for (long number = 1;; ++number) {
    m.file = name;  // every field is set anew: `each` may move the message away
    m.line = number;
    m.id.clear();
    m.id_json.clear();
    m.code.clear();
    m.error.clear();
    m.has_role = false;
    m.text.clear();
    const LineReader::Result r = reader.next(&line, &overflow, &oom);
    if (r == LineReader::kEnd) return true;
    if (r == LineReader::kError) {
      m.code = "read_error";
      m.error = "cannot read: " + errno_text(reader.error());
      if (!each(m)) *stop = true;
      return false;
    }
    if (number == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (oom) {
      m.code = "out_of_memory";
      m.error = "out of memory reading the line";
    } else if (overflow || line.size() > limit) {
      m.code = "too_large";
      m.error = "line longer than " + std::to_string(limit) + " bytes";
    } else {
      if (o.jsonl && line.find_first_not_of(" \t") == std::string::npos) continue;
      m.text.swap(line);
      if (o.jsonl && o.parse_jsonl) parse_json_message(&m);
    }
    if (!each(m)) {
      *stop = true;
      return false;
    }
  }
}

void malformed(Message* m, const char* why) {
  m->code = "malformed";
  m->error = why;
}

// Sets the message's role from a "role" value; false (the message marked
// malformed) when it names none.
bool set_role(const std::string& r, Message* m) {
  if (r == "agent") {
    m->role = Role::agent;
  } else if (r == "customer") {
    m->role = Role::customer;
  } else if (r == "auto") {
    m->role = Role::automatic;
  } else {
    malformed(m, "field \"role\" must be \"agent\", \"customer\" or \"auto\"");
    return false;
  }
  m->has_role = true;
  return true;
}

}  // namespace

void parse_json_message(Message* m) {
  MessageScan scan(m->text);
  if (!scan.run()) return malformed(m, "malformed JSON");
  if (!scan.object) return malformed(m, "expected a JSON object");
  const MessageScan::Field& text = scan.text;
  if (text.kind != '"') return malformed(m, "missing string field \"text\"");
  const std::string_view line = m->text;
  if (const MessageScan::Field& id = scan.id; id.kind != 0 && id.kind != 'n') {
    if (id.kind != '"' && id.kind != '0') {
      return malformed(m, "field \"id\" must be a string or a number");
    }
    // Echo the token as written: 1e2 stays 1e2 and long integers keep
    // their digits, which a round trip through a double would not.
    m->id_json.assign(line.substr(id.begin, id.end - id.begin));
    m->id = m->id_json;
    if (id.kind == '"') decode_string(&m->id, 0, m->id.size());
    // As before this scanner: the token was looked up by a scan that
    // expected the line to start with '{' after blanks, so a line starting
    // with a byte order mark (one not at the start of a file, or a second
    // one there) never had its id echoed. Kept so the output is unchanged.
    if (line.compare(0, 3, "\xEF\xBB\xBF") == 0) {
      m->id_json.clear();
      if (id.kind != '"') m->id.clear();
    }
  }
  if (const MessageScan::Field& role = scan.role; role.kind != 0 && role.kind != 'n') {
    std::string r;
    if (role.kind == '"') {
      r.assign(line.substr(role.begin, role.end - role.begin));
      decode_string(&r, 0, r.size());
    }
    if (!set_role(r, m)) return;
  }
  decode_string(&m->text, text.begin, text.end);
}

void read_json_message(const nlohmann::json& j, Message* m) {
  if (!j.is_object()) return malformed(m, "expected a JSON object");
  auto text = j.find("text");
  if (text == j.end() || !text->is_string()) {
    return malformed(m, "missing string field \"text\"");
  }
  if (auto id = j.find("id"); id != j.end() && !id->is_null()) {
    if (!id->is_string() && !id->is_number()) {
      return malformed(m, "field \"id\" must be a string or a number");
    }
    // Echo the token as written: 1e2 stays 1e2 and long integers keep
    // their digits, which a round trip through a double would not.
    m->id_json = std::string(member_token(m->text, "id"));
    m->id = id->is_string() ? id->get<std::string>() : m->id_json;
  }
  if (auto role = j.find("role"); role != j.end() && !role->is_null()) {
    const std::string r = role->is_string() ? role->get<std::string>() : "";
    if (!set_role(r, m)) return;
  }
  m->text = text->get<std::string>();
}

bool read_messages(const std::vector<std::string>& files, const ReadOptions& options,
                   const std::function<bool(Message&)>& each) {
  const std::vector<std::string> inputs = files.empty() ? std::vector<std::string>{"-"} : files;
  bool complete = true;
  bool stop = false;
  for (const std::string& f : inputs) {
    if (f == "-") {
      complete &= read_fd(STDIN_FILENO, "<stdin>", options, each, &stop);
    } else {
      const int fd = ::open(f.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        Message m;
        m.file = f;
        m.line = 0;
        m.code = "open_error";
        m.error = "cannot open: " + errno_text(errno);
        complete = false;
        if (!each(m)) return false;
        continue;
      }
      // A directory opens but fails on read (EISDIR), reported as such.
      complete &= read_fd(fd, f, options, each, &stop);
      ::close(fd);
    }
    if (stop) return false;
  }
  return complete;
}

}  // namespace tact::cli
