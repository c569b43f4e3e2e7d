// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rules/hyperscan_prefilter.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <new>
#include <unordered_map>

#include <unicode/uchar.h>

#include "core/embedded.hpp"
#include "text/thread_scratch.hpp"
#include "text/unicode.hpp"

#ifdef TACT_HAVE_HYPERSCAN
#include <hs/hs.h>
#endif

namespace tact::rules {

namespace {

// The UTF-8 bytes of `c` as a group of escaped bytes, so that a quantifier
// after it applies to the whole character.
void append_bytes(std::string* out, char32_t c) {
  std::string utf8;
  text::append_utf8(&utf8, c);
  static const char* const kHex = "0123456789abcdef";
  out->append("(?:");
  for (const char b : utf8) {
    const auto u = static_cast<unsigned char>(b);
    out->append("\\x");
    out->push_back(kHex[u >> 4]);
    out->push_back(kHex[u & 15]);
  }
  out->push_back(')');
}

// RE2 matches a case-insensitive character against its case orbit; the
// view holds case-folded text, so a character that is its own folding
// meets only itself there, in both engines.
bool folds_to_itself(char32_t c) {
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT)) == c;
}

// Reads "\x{HHHH}" or "\xHH" at p[i] (the backslash); returns the code
// point and moves i past it, or returns -1.
long read_hex_escape(const std::string& p, std::size_t* i) {
  std::size_t j = *i + 2;
  std::size_t end = 0;
  const bool braced = j < p.size() && p[j] == '{';
  if (braced) {
    end = p.find('}', j);
    if (end == std::string::npos || end == j + 1 || end - j > 9) return -1;
    ++j;
  } else {
    end = j + 2;
    if (end > p.size()) return -1;
  }
  long value = 0;
  for (; j < end; ++j) {
    const char h = p[j];
    const int d = h >= '0' && h <= '9'   ? h - '0'
                  : h >= 'a' && h <= 'f' ? h - 'a' + 10
                  : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                         : -1;
    if (d < 0) return -1;
    value = value * 16 + d;
  }
  *i = braced ? end + 1 : end;
  return value > 0x10FFFF ? -1 : value;
}

// A character class of RE2's syntax at p[i] ('['), rewritten for bytes.
// ASCII members stay a class; a positive class's other characters become
// alternatives; a negated class drops them (it then admits more, which
// *exact records). False for what cannot be rewritten (a range beyond
// ASCII, a Unicode property).
bool translate_class(const std::string& p, std::size_t* i, std::string* out, bool* widened,
                     bool* exact) {
  std::size_t j = *i + 1;
  const bool negated = j < p.size() && p[j] == '^';
  if (negated) ++j;
  std::string members;
  std::vector<char32_t> wide;
  bool first = true;
  while (j < p.size() && (p[j] != ']' || first)) {
    first = false;
    if (p[j] == '[' && j + 1 < p.size() && p[j + 1] == ':') {  // [:alpha:]
      const std::size_t close = p.find(":]", j + 2);
      if (close == std::string::npos) return false;
      members.append(p, j, close + 2 - j);
      j = close + 2;
      continue;
    }
    char32_t c = 0;
    std::size_t next = j;
    if (p[j] == '\\') {
      if (j + 1 >= p.size()) return false;
      const char e = p[j + 1];
      if (e == 'x') {
        const long v = read_hex_escape(p, &next);
        if (v < 0) return false;
        c = static_cast<char32_t>(v);
        if (c < 0x80) {
          members.append(p, j, next - j);
          j = next;
          continue;
        }
      } else if (e == 'p' || e == 'P' || e == 'Q' || e == 'E' || e == 'C') {
        return false;
      } else {
        members.append(p, j, 2);
        j += 2;
        continue;
      }
    } else if (static_cast<unsigned char>(p[j]) >= 0x80) {
      c = text::decode_utf8(p, &next);
    } else {
      members.push_back(p[j]);
      ++j;
      continue;
    }
    // A character beyond ASCII: no range may start or end at it.
    if ((next < p.size() && p[next] == '-' && next + 1 < p.size() && p[next + 1] != ']') ||
        (!members.empty() && members.back() == '-' && members.size() > 1)) {
      return false;
    }
    if (!folds_to_itself(c)) return false;
    wide.push_back(c);
    j = next;
  }
  if (j >= p.size()) return false;
  *i = j + 1;
  if (negated) {
    // A negated class takes one code point in RE2 and one byte here: the
    // caller widens its count; every byte of a character outside ASCII
    // passes it.
    if (members.empty()) {
      out->append("[\\x00-\\xff]");
    } else {
      out->append("[^").append(members).append("]");
    }
    *widened = true;
    *exact = false;
    return true;
  }
  // A negated escape or named class in a positive one ([\\S'-]) also takes
  // a code point.
  if (members.find("\\W") != std::string::npos || members.find("\\S") != std::string::npos ||
      members.find("\\D") != std::string::npos || members.find("[:^") != std::string::npos) {
    *widened = true;
    *exact = false;
  }
  if (wide.empty()) {
    out->append("[").append(members).append("]");
    return true;
  }
  out->append("(?:");
  if (!members.empty()) out->append("[").append(members).append("]|");
  for (std::size_t k = 0; k < wide.size(); ++k) {
    if (k > 0) out->push_back('|');
    append_bytes(out, wide[k]);
  }
  out->push_back(')');
  return true;
}

// After an atom that takes one code point in RE2 and one byte here, its
// count in bytes: at most four per code point, or any number.
void translate_count(const std::string& p, std::size_t* i, std::string* out) {
  std::size_t j = *i;
  if (j >= p.size() || p[j] == '?') {
    out->append(j < p.size() ? "{0,4}" : "{1,4}");
    if (j < p.size()) ++j;
  } else if (p[j] == '*' || p[j] == '+') {
    out->push_back(p[j++]);
  } else if (p[j] == '{') {
    std::size_t k = j + 1;
    unsigned long low = 0;
    unsigned long high = 0;
    bool bounded = false;
    bool digits = false;
    while (k < p.size() && p[k] >= '0' && p[k] <= '9') {
      low = low * 10 + static_cast<unsigned long>(p[k++] - '0');
      digits = true;
    }
    if (k < p.size() && p[k] == '}' && digits) {
      high = low;
      bounded = true;
    } else if (k < p.size() && p[k] == ',') {
      ++k;
      bool high_digits = false;
      while (k < p.size() && p[k] >= '0' && p[k] <= '9') {
        high = high * 10 + static_cast<unsigned long>(p[k++] - '0');
        high_digits = true;
      }
      bounded = high_digits;
    }
    if (!digits || k >= p.size() || p[k] != '}' || low > 1000 || high > 1000) {
      out->append("{1,4}");  // not a count: a literal '{' follows
      *i = j;
      return;
    }
    // An upper bound is dropped: Hyperscan compiles a long bounded gap
    // ([^.!?]{0,120}) into states for every count, which cost seconds
    // for the default pack; unbounded, it is one cheap loop, and RE2
    // confirms the pattern anyway.
    (void)bounded;
    (void)high;
    out->append(low == 0 ? "*" : "{" + std::to_string(low) + ",}");
    j = k + 1;
  } else {
    out->append("{1,4}");
  }
  if (j < p.size() && p[j] == '?' && p[j - 1] != '?') ++j;  // lazy makes no difference here
  *i = j;
}

}  // namespace

bool translate_for_hyperscan(const std::string& p, std::string* out, bool* exact) {
  // Hyperscan runs in byte mode (its UTF-8 mode made bounded gaps such as
  // [^.!?]{0,120} cost seconds to compile). On the view (NFKC,
  // case-folded, whitespace collapsed to ' ', valid UTF-8), with CASELESS:
  // - ASCII letters, \w \d \s \b \B and [[:alpha:]]-style classes read the
  //   same in both engines (PCRE's \s adds \v, which a view never holds);
  //   ^ and $ are the text's ends (PCRE's $ also before a final \n, which
  //   a view never has);
  // - a character beyond ASCII is its UTF-8 bytes, when it folds to itself
  //   (the view is case-folded; RE2 would match É's orbit);
  // - `.`, a negated class, \W \S \D take one code point in RE2 and one byte
  //   here, so their counts are widened to four bytes a code point: the
  //   database then names a superset, and *exact is false (the caller
  //   confirms each such pattern with RE2);
  // - \p and \P, \C, \Q…\E and ranges beyond ASCII are left to RE2;
  // - named groups are plain groups to a prefilter.
  out->clear();
  *exact = true;
  for (std::size_t i = 0; i < p.size();) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c == 0) return false;
    if (c >= 0x80) {
      const char32_t wide = text::decode_utf8(p, &i);
      if (!folds_to_itself(wide)) return false;
      append_bytes(out, wide);
      continue;
    }
    if (c == '\\') {
      if (i + 1 >= p.size()) return false;
      const char e = p[i + 1];
      if (e == 'p' || e == 'P' || e == 'C' || e == 'Q' || e == 'E' || e == 'X' || e == 'R') {
        return false;
      }
      if (e == 'x') {
        std::size_t next = i;
        const long v = read_hex_escape(p, &next);
        if (v < 0) return false;
        if (v >= 0x80) {
          if (!folds_to_itself(static_cast<char32_t>(v))) return false;
          append_bytes(out, static_cast<char32_t>(v));
        } else {
          out->append(p, i, next - i);
        }
        i = next;
        continue;
      }
      out->append(p, i, 2);
      i += 2;
      if (e == 'W' || e == 'S' || e == 'D') {
        *exact = false;
        translate_count(p, &i, out);
      }
      continue;
    }
    if (c == '[') {
      bool widened = false;
      if (!translate_class(p, &i, out, &widened, exact)) return false;
      if (widened) translate_count(p, &i, out);
      continue;
    }
    if (c == '.') {
      out->push_back('.');
      ++i;
      *exact = false;
      translate_count(p, &i, out);
      continue;
    }
    if (c == '(' && p.compare(i, 4, "(?P<") == 0) {
      const std::size_t close = p.find('>', i + 4);
      if (close == std::string::npos) return false;
      out->append("(?:");
      i = close + 1;
      continue;
    }
    if (c == '(' && p.compare(i, 3, "(?<") == 0 && i + 3 < p.size() && p[i + 3] != '=' &&
        p[i + 3] != '!') {
      const std::size_t close = p.find('>', i + 3);
      if (close == std::string::npos) return false;
      out->append("(?:");
      i = close + 1;
      continue;
    }
    out->push_back(static_cast<char>(c));
    ++i;
  }
  return true;
}

namespace {

// A prefilter file: sections, each a little-endian u64 size and its bytes.
// A section: the magic, a u32 count, per pattern a u8 (1: exact) and a u32
// length and its text, then a u64 size and the serialized database.
constexpr std::string_view kMagic = "TACTHS01";

// Reads a prefilter file's fields; every read checks its bounds.
struct Reader {
  std::string_view data;
  std::size_t at = 0;
  bool ok = true;
  uint64_t number(int bytes) {
    if (!ok || data.size() - at < static_cast<std::size_t>(bytes)) {
      ok = false;
      return 0;
    }
    uint64_t v = 0;
    for (int k = 0; k < bytes; ++k) {
      v |= static_cast<uint64_t>(static_cast<unsigned char>(data[at + static_cast<std::size_t>(k)]))
           << (8 * k);
    }
    at += static_cast<std::size_t>(bytes);
    return v;
  }
  std::string_view bytes(uint64_t n) {
    if (!ok || data.size() - at < n) {
      ok = false;
      return {};
    }
    const std::string_view out = data.substr(at, static_cast<std::size_t>(n));
    at += static_cast<std::size_t>(n);
    return out;
  }
};

// What load() reports with no prefilter: every pattern left out (none, if
// even that list finds no memory; the caller then uses the Sets anyway).
void leave_all_out(const std::vector<uint32_t>& numbers, std::vector<uint32_t>* left_out) noexcept {
  try {
    *left_out = numbers;
    std::sort(left_out->begin(), left_out->end());
  } catch (...) {
    left_out->clear();
  }
}

}  // namespace

std::string_view HyperscanPrefilter::section(std::string_view file, std::size_t index) {
  Reader r{file};
  for (std::size_t k = 0; r.ok && r.at < file.size(); ++k) {
    const std::string_view s = r.bytes(r.number(8));
    if (r.ok && k == index) return s;
  }
  return {};
}

#ifdef TACT_HAVE_HYPERSCAN

struct HyperscanPrefilter::Database {
  hs_database_t* db = nullptr;
  explicit Database(hs_database_t* d) : db(d) {}
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database() { hs_free_database(db); }
};

namespace {

// This thread's scratch, grown to fit every database it has scanned.
struct HsScratch {
  hs_scratch_t* scratch = nullptr;
  HsScratch() = default;
  HsScratch(const HsScratch&) = delete;
  HsScratch& operator=(const HsScratch&) = delete;
  ~HsScratch() { hs_free_scratch(scratch); }
};

int on_match(unsigned int id, unsigned long long /*from*/, unsigned long long /*to*/,
             unsigned int /*flags*/, void* context) {
  static_cast<std::vector<uint32_t>*>(context)->push_back(id);
  return 0;  // go on: SINGLEMATCH already reports each pattern once
}

// Appends `v` to a prefilter file in `bytes` little-endian bytes.
void put(std::string* out, uint64_t v, int bytes) {
  for (int k = 0; k < bytes; ++k) out->push_back(static_cast<char>((v >> (8 * k)) & 0xFF));
}

// Byte mode (no HS_FLAG_UTF8): see translate_for_hyperscan().
constexpr unsigned kFlags = HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH;

}  // namespace

std::shared_ptr<const HyperscanPrefilter::Database> HyperscanPrefilter::deserialize(
    std::string_view bytes) {
  auto fresh = [bytes]() -> std::shared_ptr<const Database> {
    hs_database_t* db = nullptr;
    if (hs_deserialize_database(bytes.data(), bytes.size(), &db) != HS_SUCCESS) return nullptr;
    return std::make_shared<const Database>(db);
  };
  // The embedded file's bytes never change, so its databases are
  // deserialized once per process (megabytes each), for as long as a pack
  // holds them; any other bytes (tests) each time.
  const std::string_view file = embedded::prefilter_file();
  if (file.empty() || bytes.data() < file.data() ||
      bytes.data() + bytes.size() > file.data() + file.size()) {
    return fresh();
  }
  static std::mutex mutex;
  static std::vector<std::pair<const char*, std::weak_ptr<const Database>>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  for (auto& [at, weak] : cache) {
    if (at != bytes.data()) continue;
    std::shared_ptr<const Database> db = weak.lock();
    if (db == nullptr) {
      db = fresh();
      weak = db;
    }
    return db;
  }
  std::shared_ptr<const Database> db = fresh();
  cache.emplace_back(bytes.data(), db);
  return db;
}

bool HyperscanPrefilter::available() {
  return hs_valid_platform() == HS_SUCCESS;
}

bool HyperscanPrefilter::compile(const std::vector<const std::string*>& sources,
                                 std::string* out) noexcept {
  try {
    if (!available()) return false;
    std::vector<std::string> texts;
    std::vector<std::string> translated;
    std::vector<bool> exacts;
    std::string t;
    for (const std::string* source : sources) {
      hs_expr_info_t* info = nullptr;
      hs_compile_error_t* error = nullptr;
      bool exact = true;
      bool ok = translate_for_hyperscan(*source, &t, &exact) &&
                hs_expression_info(t.c_str(), kFlags, &info, &error) == HS_SUCCESS;
      hs_free_compile_error(error);
      // A pattern that can match the empty string would need ALLOWEMPTY;
      // the pack refuses such patterns anyway.
      ok = ok && info != nullptr && info->min_width > 0;
      free(info);  // NOLINT(cppcoreguidelines-no-malloc): hs_expression_info's allocation
      if (!ok) continue;
      texts.push_back(*source);
      translated.push_back(t);
      exacts.push_back(exact);
    }
    // Any x86-64 CPU Hyperscan runs on may load it (it picks its best code
    // at run time).
    hs_platform_info_t platform{};
    platform.tune = HS_TUNE_FAMILY_GENERIC;
    platform.cpu_features = 0;
    // A compile that fails names the expression at fault (its index): that
    // one is left out and the rest compiled again.
    while (!translated.empty()) {
      std::vector<const char*> expressions;
      std::vector<unsigned> flags(translated.size(), kFlags);
      std::vector<unsigned> ids;
      for (std::size_t k = 0; k < translated.size(); ++k) {
        expressions.push_back(translated[k].c_str());
        ids.push_back(static_cast<unsigned>(k));
      }
      hs_database_t* db = nullptr;
      hs_compile_error_t* error = nullptr;
      const hs_error_t rc = hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                                             static_cast<unsigned>(expressions.size()),
                                             HS_MODE_BLOCK, &platform, &db, &error);
      const int at = error != nullptr ? error->expression : -1;
      hs_free_compile_error(error);
      if (rc == HS_SUCCESS) {
        const Database owner(db);
        char* bytes = nullptr;
        std::size_t length = 0;
        if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) return false;
        std::string section(kMagic);
        put(&section, texts.size(), 4);
        for (std::size_t k = 0; k < texts.size(); ++k) {
          put(&section, exacts[k] ? 1 : 0, 1);
          put(&section, texts[k].size(), 4);
          section += texts[k];
        }
        put(&section, length, 8);
        section.append(bytes, length);
        free(bytes);  // NOLINT(cppcoreguidelines-no-malloc): hs_serialize_database's allocation
        put(out, section.size(), 8);
        *out += section;
        return true;
      }
      if (at < 0 || static_cast<std::size_t>(at) >= translated.size()) return false;
      texts.erase(texts.begin() + at);
      translated.erase(translated.begin() + at);
      exacts.erase(exacts.begin() + at);
    }
  } catch (...) {  // bad_alloc
  }
  return false;
}

std::unique_ptr<HyperscanPrefilter> HyperscanPrefilter::load(
    std::string_view section, const std::vector<const std::string*>& sources,
    const std::vector<uint32_t>& numbers, std::vector<uint32_t>* left_out) noexcept {
  try {
    left_out->clear();
    std::unique_ptr<HyperscanPrefilter> out;
    if (available() && sources.size() == numbers.size()) {
      Reader r{section};
      if (r.bytes(kMagic.size()) == kMagic) {
        const uint64_t count = r.number(4);
        std::unordered_map<std::string_view, uint32_t> ids;
        std::vector<bool> exact;
        for (uint64_t k = 0; r.ok && k < count; ++k) {
          exact.push_back(r.number(1) == 1);
          ids.emplace(r.bytes(r.number(4)), static_cast<uint32_t>(k));
        }
        const std::string_view db = r.bytes(r.number(8));
        std::shared_ptr<const Database> loaded;
        if (r.ok && r.at == section.size()) loaded = deserialize(db);
        if (loaded != nullptr) {
          out.reset(new HyperscanPrefilter());
          out->db_ = std::move(loaded);
          // The pack's patterns grouped by id.
          std::vector<std::vector<uint32_t>> by_id(exact.size());
          for (std::size_t k = 0; k < sources.size(); ++k) {
            const auto found = ids.find(*sources[k]);
            if (found == ids.end()) {
              left_out->push_back(numbers[k]);
            } else {
              by_id[found->second].push_back(numbers[k]);
            }
          }
          for (const std::vector<uint32_t>& group : by_id) {
            out->first_.push_back(static_cast<uint32_t>(out->numbers_.size()));
            out->numbers_.insert(out->numbers_.end(), group.begin(), group.end());
          }
          out->first_.push_back(static_cast<uint32_t>(out->numbers_.size()));
          out->exact_ = std::move(exact);
          std::sort(left_out->begin(), left_out->end());
          return out;
        }
      }
    }
  } catch (...) {  // bad_alloc: RE2 takes every pattern
  }
  leave_all_out(numbers, left_out);
  return nullptr;
}

bool HyperscanPrefilter::scan(std::string_view text, std::vector<uint32_t>* hits,
                              std::vector<uint32_t>* unconfirmed) const {
  if (text.size() > std::numeric_limits<unsigned>::max()) return false;
  HsScratch& s = text::thread_scratch<HsScratch>();
  const std::size_t before = hits->size();
  for (int attempt = 0; attempt < 2; ++attempt) {
    // A scratch grown for another database is refused (HS_INVALID): grow
    // it for this one too, and scan again.
    if (s.scratch == nullptr || attempt == 1) {
      if (hs_alloc_scratch(db_->db, &s.scratch) != HS_SUCCESS) return false;
    }
    hits->resize(before);
    const hs_error_t rc = hs_scan(db_->db, text.data(), static_cast<unsigned>(text.size()), 0,
                                  s.scratch, on_match, hits);
    if (rc == HS_SUCCESS) {
      const std::size_t end = hits->size();
      for (std::size_t k = before; k < end; ++k) {
        const uint32_t id = (*hits)[k];
        std::vector<uint32_t>* to = exact_[id] ? hits : unconfirmed;
        for (uint32_t j = first_[id]; j < first_[id + 1]; ++j) to->push_back(numbers_[j]);
      }
      hits->erase(hits->begin() + static_cast<std::ptrdiff_t>(before),
                  hits->begin() + static_cast<std::ptrdiff_t>(end));
      return true;
    }
    if (rc != HS_INVALID) break;
  }
  hits->resize(before);
  return false;
}

#else  // !TACT_HAVE_HYPERSCAN

struct HyperscanPrefilter::Database {};

std::shared_ptr<const HyperscanPrefilter::Database> HyperscanPrefilter::deserialize(
    std::string_view) {
  return nullptr;
}

bool HyperscanPrefilter::available() {
  return false;
}

bool HyperscanPrefilter::compile(const std::vector<const std::string*>&, std::string*) noexcept {
  return false;
}

std::unique_ptr<HyperscanPrefilter> HyperscanPrefilter::load(
    std::string_view, const std::vector<const std::string*>&, const std::vector<uint32_t>& numbers,
    std::vector<uint32_t>* left_out) noexcept {
  leave_all_out(numbers, left_out);
  return nullptr;
}

bool HyperscanPrefilter::scan(std::string_view, std::vector<uint32_t>*,
                              std::vector<uint32_t>*) const {
  return false;
}

#endif

}  // namespace tact::rules
