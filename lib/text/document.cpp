// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "text/document.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <new>

#include "text/segmenter.hpp"
#include "text/unicode.hpp"

namespace tact::text {

namespace {

bool is_ascii(std::string_view s) {
  // Eight bytes at a time; the tail byte by byte.
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word;
    std::copy_n(s.data() + i, 8, reinterpret_cast<char*>(&word));
    if (word & 0x8080808080808080ULL) return false;
  }
  for (; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) & 0x80) return false;
  }
  return true;
}

const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || n == nullptr) throw std::bad_alloc();  // ICU data missing
    return n;
  }();
  return *instance;
}

// ICU's answers for the ASCII code points, asked once: even a message that
// is not pure ASCII is mostly ASCII, and asking ICU for every code point
// was a fifth of the general path's time.
struct AsciiProperties {
  bool pictographic[0x80];
  bool regional_indicator[0x80];
  bool boundary_before[0x80];
};

const AsciiProperties& ascii_properties() {
  static const AsciiProperties table = [] {
    AsciiProperties t{};
    for (UChar32 c = 0; c < 0x80; ++c) {
      t.pictographic[c] = u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC);
      t.regional_indicator[c] = u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR);
      t.boundary_before[c] = nfkc_casefold().hasBoundaryBefore(c);
    }
    return t;
  }();
  return table;
}

}  // namespace

// Appends view bytes and their map entries, collapsing whitespace runs.
class DocumentBuilder {
 public:
  DocumentBuilder(std::string_view original, const SentenceProfile& sentences,
                  const Spellings& spellings) {
    doc_.original_ = original;
    doc_.profile_ = &sentences;
    doc_.spellings_ = &spellings;
    doc_.view_.reserve(original.size());
    doc_.unit_begin_.reserve(original.size());
    doc_.unit_end_.reserve(original.size());
  }

  // One unit of the original, [begin, end), whose normalized form is
  // `normalized`. Whitespace units merge into the preceding space.
  void emit(uint32_t begin, uint32_t end, std::string_view normalized, bool space,
            bool line_break) {
    if (space) {
      if (in_space_) {
        doc_.unit_end_.back() = end;
      } else {
        push(" ", begin, end);
        in_space_ = true;
      }
      const auto at = static_cast<uint32_t>(doc_.view_.size() - 1);
      if (line_break && (doc_.line_breaks_.empty() || doc_.line_breaks_.back() != at)) {
        doc_.line_breaks_.push_back(at);
      }
      return;
    }
    if (normalized.empty()) return;  // default-ignorable: nothing to match
    push(normalized, begin, end);
    in_space_ = false;
  }

  Document finish() {
    respell();
    segment(&doc_);
    return std::move(doc_);
  }

  Document& doc() { return doc_; }

 private:
  void push(std::string_view bytes, uint32_t begin, uint32_t end) {
    if (bytes.size() == 1) {
      // Most units are one byte; push_back stays inline where insert(n) is a call.
      doc_.view_.push_back(bytes[0]);
      doc_.unit_begin_.push_back(begin);
      doc_.unit_end_.push_back(end);
      return;
    }
    doc_.view_.append(bytes);
    doc_.unit_begin_.insert(doc_.unit_begin_.end(), bytes.size(), begin);
    doc_.unit_end_.insert(doc_.unit_end_.end(), bytes.size(), end);
  }

  // Writes out the view's informal spellings. Each byte of a written-out
  // word maps to the whole word the writer typed, so spans over it map
  // back to "u", not into it. Both build paths end here, so they agree.
  void respell() {
    const Spellings& spellings = *doc_.spellings_;
    if (spellings.empty()) return;
    struct Hit {
      std::size_t begin, end;
      const std::string* written;
    };
    std::vector<Hit> hits;
    spellings.each(doc_.view_, [&](std::size_t begin, std::size_t end, const std::string& w) {
      // "i" -> "I" fixes only the rewrite's spelling: the view reads the same.
      const bool same =
          std::equal(w.begin(), w.end(), doc_.view_.begin() + begin, doc_.view_.begin() + end,
                     [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a | 0x20 : a) == b; });
      if (!same) hits.push_back({begin, end, &w});
    });
    if (hits.empty()) return;
    std::string view;
    std::vector<uint32_t> unit_begin, unit_end;
    view.reserve(doc_.view_.size() + 8 * hits.size());
    unit_begin.reserve(view.capacity());
    unit_end.reserve(view.capacity());
    std::size_t from = 0;
    std::size_t k = 0;  // line breaks before `from`
    std::vector<uint32_t>& breaks = doc_.line_breaks_;
    const auto copy_to = [&](std::size_t to) {
      const auto shift = static_cast<int64_t>(view.size()) - static_cast<int64_t>(from);
      for (; k < breaks.size() && breaks[k] < to; ++k) {
        breaks[k] = static_cast<uint32_t>(static_cast<int64_t>(breaks[k]) + shift);
      }
      view.append(doc_.view_, from, to - from);
      unit_begin.insert(unit_begin.end(),
                        doc_.unit_begin_.begin() + static_cast<std::ptrdiff_t>(from),
                        doc_.unit_begin_.begin() + static_cast<std::ptrdiff_t>(to));
      unit_end.insert(unit_end.end(), doc_.unit_end_.begin() + static_cast<std::ptrdiff_t>(from),
                      doc_.unit_end_.begin() + static_cast<std::ptrdiff_t>(to));
    };
    for (const Hit& h : hits) {
      copy_to(h.begin);
      const uint32_t begin = doc_.unit_begin_[h.begin];
      const uint32_t end = doc_.unit_end_[h.end - 1];
      for (char c : *h.written)
        view.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c);
      unit_begin.insert(unit_begin.end(), h.written->size(), begin);
      unit_end.insert(unit_end.end(), h.written->size(), end);
      from = h.end;
    }
    copy_to(doc_.view_.size());
    doc_.view_.swap(view);
    doc_.unit_begin_.swap(unit_begin);
    doc_.unit_end_.swap(unit_end);
  }

  Document doc_;
  bool in_space_ = false;
};

Document Document::build(std::string_view original, const SentenceProfile& sentences,
                         const Spellings& spellings) {
  if (!is_ascii(original)) return build_unicode(original, sentences, spellings);
  DocumentBuilder b(original, sentences, spellings);
  const auto n = static_cast<uint32_t>(original.size());
  for (uint32_t i = 0; i < n; ++i) {
    char c = original[i];
    const auto u = static_cast<char32_t>(c);
    if (is_space(u)) {
      b.emit(i, i + 1, {}, true, is_line_break(u));
      continue;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    b.emit(i, i + 1, std::string_view(&c, 1), false, false);
  }
  return b.finish();
}

Document Document::build_unicode(std::string_view original, const SentenceProfile& sentences,
                                 const Spellings& spellings) {
  const icu::Normalizer2& nfkc = nfkc_casefold();
  const AsciiProperties& ascii = ascii_properties();
  DocumentBuilder b(original, sentences, spellings);
  Document& doc = b.doc();
  doc.ascii_ = is_ascii(original);
  if (!doc.ascii_) doc.utf16_before_.assign(original.size() + 1, 0);

  const std::size_t n = original.size();
  std::u32string unit;  // code points of the current unit, punctuation mapped
  std::string normalized;
  icu::UnicodeString in;
  icu::UnicodeString out;
  uint32_t utf16 = 0;

  std::size_t i = 0;
  char32_t next = 0;
  std::size_t next_end = 0;
  auto decode_next = [&](std::size_t at) {
    next_end = at;
    next = decode_utf8(original, &next_end);
    if (!doc.ascii_) {
      std::fill(doc.utf16_before_.begin() + static_cast<std::ptrdiff_t>(at),
                doc.utf16_before_.begin() + static_cast<std::ptrdiff_t>(next_end), utf16);
      utf16 += next > 0xFFFF ? 2 : 1;
    }
  };
  if (n > 0) decode_next(0);

  while (i < n) {
    const auto begin = static_cast<uint32_t>(i);
    // An ASCII character followed by another (or by the end) is a unit of
    // its own, as the loop below would find (grapheme_break() breaks
    // between any two but CR LF), and needs no ICU: most of a text that is
    // not pure ASCII still is.
    if (next < 0x80 &&
        (i + 1 == n || (static_cast<unsigned char>(original[i + 1]) < 0x80 &&
                        !(next == '\r' && original[i + 1] == '\n') &&
                        ascii.boundary_before[static_cast<unsigned char>(original[i + 1])]))) {
      char c = static_cast<char>(next);
      const auto u = static_cast<char32_t>(c);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
      b.emit(begin, begin + 1, std::string_view(&c, 1), is_space(u), is_line_break(u));
      i = next_end;
      if (i < n) decode_next(i);
      continue;
    }
    unit.clear();
    bool line_break = false;
    bool pictographic_zwj = false;  // GB11 state: ExtPict Extend* ZWJ so far
    bool after_pictographic = false;
    int ri_run = 0;
    // Grow the unit until both a grapheme boundary and a normalization
    // boundary lie before the next code point, so normalizing units one by
    // one equals normalizing the whole text and no unit splits a cluster.
    for (;;) {
      const char32_t c = next;
      unit.push_back(ascii_punctuation(c));
      line_break = line_break || is_line_break(c);
      if (c < 0x80 ? ascii.pictographic[c]
                   : u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_EXTENDED_PICTOGRAPHIC)) {
        after_pictographic = true;
        pictographic_zwj = false;
      } else if (c == 0x200D) {
        pictographic_zwj = after_pictographic;
        after_pictographic = false;
      } else if (!is_mark(c) && c != 0xFE0F) {
        after_pictographic = false;
        pictographic_zwj = false;
      }
      ri_run = (c < 0x80 ? ascii.regional_indicator[c]
                         : u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_REGIONAL_INDICATOR))
                   ? ri_run + 1
                   : 0;
      i = next_end;
      if (i >= n) break;
      decode_next(i);
      if (grapheme_break(c, next, pictographic_zwj, ri_run) &&
          ((next < 0x80 ? ascii.boundary_before[next]
                        : nfkc.hasBoundaryBefore(static_cast<UChar32>(next))) ||
           next == 0x200B)) {
        break;
      }
    }
    const auto end = static_cast<uint32_t>(i);

    normalized.clear();
    bool space = true;
    if (unit.size() == 1 && unit[0] < 0x80) {
      char32_t c = unit[0];
      space = is_space(c);
      if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
      normalized.push_back(static_cast<char>(c));
    } else {
      in.remove();
      for (char32_t c : unit) in.append(static_cast<UChar32>(c));
      UErrorCode status = U_ZERO_ERROR;
      nfkc.normalize(in, out, status);
      if (U_FAILURE(status)) {
        if (status == U_MEMORY_ALLOCATION_ERROR) throw std::bad_alloc();
        out = in;  // unreachable for valid code points; keep the text as is
      }
      // A zero-width space separates words; it reads as a space.
      if (unit.size() == 1 && unit[0] == 0x200B) out.setTo(u' ');
      for (int32_t k = 0; k < out.length();) {
        const auto c = static_cast<char32_t>(out.char32At(k));
        k += c > 0xFFFF ? 2 : 1;
        space = space && is_space(c);
        append_utf8(&normalized, ascii_punctuation(c));
      }
      space = space && !normalized.empty();
    }
    b.emit(begin, end, normalized, space, line_break);
  }
  if (!doc.ascii_) doc.utf16_before_[n] = utf16;
  return b.finish();
}

Range Document::to_original(uint32_t view_begin, uint32_t view_end) const {
  if (view_.empty()) return {0, 0};
  view_begin = std::min<uint32_t>(view_begin, static_cast<uint32_t>(view_.size()));
  view_end =
      std::min<uint32_t>(std::max(view_end, view_begin), static_cast<uint32_t>(view_.size()));
  if (view_begin == view_end) {
    const uint32_t at = view_begin < view_.size() ? unit_begin_[view_begin]
                                                  : static_cast<uint32_t>(original_.size());
    return {at, at};
  }
  return {unit_begin_[view_begin], unit_end_[view_end - 1]};
}

std::size_t Document::utf16_offset(std::size_t original_offset) const {
  if (utf16_before_.empty()) return original_offset;
  return utf16_before_[std::min(original_offset, original_.size())];
}

std::size_t Document::sentence_at(uint32_t view_pos) const {
  if (sentences_.size() <= 1) return 0;  // a chat line: no search
  auto it = std::upper_bound(sentences_.begin(), sentences_.end(), view_pos,
                             [](uint32_t pos, const Sentence& s) { return pos < s.view.begin; });
  if (it == sentences_.begin()) return 0;
  return static_cast<std::size_t>(it - sentences_.begin()) - 1;
}

bool Document::operator==(const Document& o) const {
  return original_ == o.original_ && view_ == o.view_ && unit_begin_ == o.unit_begin_ &&
         unit_end_ == o.unit_end_ && line_breaks_ == o.line_breaks_ && tokens_ == o.tokens_ &&
         sentences_ == o.sentences_ && utf16_before_ == o.utf16_before_ && ascii_ == o.ascii_;
}

}  // namespace tact::text
