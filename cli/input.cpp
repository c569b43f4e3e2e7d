// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "input.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
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
      if (o.jsonl) parse_json_message(&m);
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

}  // namespace

void parse_json_message(Message* m) {
  const nlohmann::json j = nlohmann::json::parse(m->text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return malformed(m, "malformed JSON");
  read_json_message(j, m);
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
    if (r == "agent") {
      m->role = Role::agent;
    } else if (r == "customer") {
      m->role = Role::customer;
    } else if (r == "auto") {
      m->role = Role::automatic;
    } else {
      return malformed(m, "field \"role\" must be \"agent\", \"customer\" or \"auto\"");
    }
    m->has_role = true;
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
