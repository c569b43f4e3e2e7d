// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rewrite/cleanup.hpp"

#include <unicode/uchar.h>

#include <utility>

#include "rewrite/chars.hpp"
#include "text/unicode.hpp"

namespace tact::rewrite {

namespace {

// Stands for the start of an adjacent replacement that is itself a
// deletion: whatever it becomes, it is not space or punctuation to merge.
constexpr char32_t kOpaque = 0xFFFC;

bool is_punct(char32_t c) {
  return is_terminator(c) || is_soft_punct(c);
}

void trim_spaces(std::string* s) {
  std::size_t n = 0;
  std::size_t e = s->size();
  while (e > 0 && text::is_space(char_before(*s, e, &n))) e -= n;
  s->resize(e);
  std::size_t b = 0;
  while (b < s->size() && text::is_space(char_at(*s, b, &n))) b += n;
  s->erase(0, b);
}

bool is_word_char(char32_t c) {
  return is_wordish(c) || is_apostrophe(c);
}

// The word ending at `end` of `s`, past any spaces within the line; empty
// when punctuation or the start comes first.
std::string_view last_word(std::string_view s, std::size_t end) {
  std::size_t n = 0;
  while (end > 0 && is_hspace(char_before(s, end, &n))) end -= n;
  std::size_t begin = end;
  while (begin > 0 && is_word_char(char_before(s, begin, &n))) begin -= n;
  return s.substr(begin, end - begin);
}

// The word starting at `begin` of `s`; empty when there is none.
std::string_view first_word(std::string_view s, std::size_t begin) {
  std::size_t end = begin;
  std::size_t n = 0;
  while (end < s.size() && is_word_char(char_at(s, end, &n))) end += n;
  return s.substr(begin, end - begin);
}

// Equal words, ignoring the case of ASCII letters.
bool same_word(std::string_view a, std::string_view b) {
  if (a.empty() || a.size() != b.size()) return false;
  auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

// Walks the replacements left to right, building the rewritten text. For
// each one, `b_`/`e_` is the range of the original it replaces, growing
// over the seams' spaces and punctuation as needed: it may take back bytes
// copied since the previous edit (pop) and take bytes up to the next
// replacement (absorb), never more.
class Splicer {
 public:
  Splicer(std::string_view src, std::vector<Replacement>* reps, std::vector<Edit>* edits,
          std::string* out)
      : src_(src), reps_(*reps), edits_(edits), out_(out) {}

  void run() {
    out_->clear();
    out_->reserve(src_.size() + 16);
    for (k_ = 0; k_ < reps_.size(); ++k_) place(reps_[k_]);
    out_->append(src_.substr(prev_end_));
  }

 private:
  void place(Replacement& r) {
    limit_ =
        k_ + 1 < reps_.size() ? reps_[k_ + 1].original.begin : static_cast<uint32_t>(src_.size());
    gap_start_ = out_->size();
    // Right after a deletion, what precedes it precedes this edit too.
    floor_ = lender_ ? lender_floor_ : gap_start_;
    out_->append(src_.substr(prev_end_, r.original.begin - prev_end_));
    b_ = r.original.begin;
    e_ = r.original.end;
    text_ = std::move(r.text);
    trim_spaces(&text_);
    if (text_.empty()) {
      const bool recap = remove_phrase(r);
      if (text_.empty()) close_seam();
      if (recap) recapitalise();
    } else {
      fit_replacement();
    }
    const bool changed = src_.substr(b_, e_ - b_) != text_;
    if (changed) edits_->push_back({{b_, e_}, text_});
    lender_ = changed && text_.empty();
    lender_floor_ = gap_start_;
    out_->append(text_);
    prev_end_ = e_;
  }

  // --- the text around the edit -------------------------------------------

  char32_t left(std::size_t* n) const { return char_before(*out_, out_->size(), n); }

  // The next character after the edit; *n is 0 when it cannot be absorbed
  // (the end of the text, or an adjacent replacement's text).
  char32_t right(std::size_t* n) const {
    if (e_ < limit_) return char_at(src_.substr(0, limit_), e_, n);
    *n = 0;
    if (k_ + 1 < reps_.size()) {
      const std::string& next = reps_[k_ + 1].text;
      return next.empty() ? kOpaque : char_at(next, 0);
    }
    return 0;
  }

  // As left()/right(), past any spaces within the line; *spaces is their
  // length in bytes.
  char32_t left_past_spaces(std::size_t* spaces, std::size_t* n) const {
    std::size_t at = out_->size();
    char32_t c = char_before(*out_, at, n);
    while (is_hspace(c)) {
      at -= *n;
      c = char_before(*out_, at, n);
    }
    *spaces = out_->size() - at;
    return c;
  }

  char32_t right_past_spaces(std::size_t* spaces, std::size_t* n) const {
    const std::string_view upto = src_.substr(0, limit_);
    std::size_t at = e_;
    while (at < limit_) {
      const char32_t c = char_at(upto, at, n);
      if (!is_hspace(c)) {
        *spaces = at - e_;
        return c;
      }
      at += *n;
    }
    *spaces = at - e_;
    *n = 0;
    if (k_ + 1 < reps_.size()) {
      const std::string& next = reps_[k_ + 1].text;
      return next.empty() ? kOpaque : char_at(next, 0);
    }
    return 0;
  }

  bool can_pop(std::size_t n) const { return n > 0 && out_->size() >= floor_ + n; }
  // Bytes copied since the previous edit come back into this one; bytes
  // before an adjacent deletion go to that deletion.
  void pop(std::size_t n) {
    const std::size_t own = std::min(n, out_->size() - gap_start_);
    b_ -= static_cast<uint32_t>(own);
    if (n > own) {
      edits_->back().original.begin -= static_cast<uint32_t>(n - own);
      gap_start_ -= n - own;
    }
    out_->resize(out_->size() - n);
  }
  void pop_spaces() {
    std::size_t n = 0;
    while (is_hspace(left(&n)) && can_pop(n)) pop(n);
  }
  void absorb(std::size_t n) { e_ = static_cast<uint32_t>(std::min<std::size_t>(e_ + n, limit_)); }

  // --- deletions ------------------------------------------------------------

  // Removes the phrase with the punctuation that belongs to it. Returns
  // true when the word that now opens the sentence needs a capital.
  bool remove_phrase(Replacement& r) {
    // What the phrase ends with: soft punctuation ties it to the rest of the
    // sentence; a full stop ends the writer's sentence and stays unless the
    // phrase was the whole sentence; a question or exclamation mark in the
    // phrase is the phrase's own ("…, are you kidding?").
    bool ends_soft = false;
    if (!r.sentence_start) {
      uint32_t core = e_;
      std::size_t n = 0;
      for (char32_t c; core > b_ && (is_punct(c = char_before(src_, core, &n)) || is_hspace(c) ||
                                     is_closer(c));) {
        core -= static_cast<uint32_t>(n);
      }
      for (uint32_t i = core; i < e_; i += static_cast<uint32_t>(n)) {
        const char32_t c = char_at(src_, i, &n);
        ends_soft = ends_soft || is_soft_punct(c);
        if (!is_terminator(c)) continue;
        if (c == '?' || c == '!') {
          // The sentence now ends plainly, right after what precedes.
          pop_spaces();
          std::size_t ln = 0;
          if (is_soft_punct(left(&ln)) && can_pop(ln)) {
            pop(ln);
            pop_spaces();
          }
          text_ = ".";
          return false;
        }
        e_ = i;
        break;
      }
    }
    // Which commas go: the phrase's own; at a sentence start the one after
    // it too ("Obviously, the" -> "The"); inside a clause both ("the game,
    // obviously, won't" -> "the game won't"); else one stays between the
    // clauses ("whatever, trust me, it'll" -> "whatever, it'll").
    std::size_t n = 0;
    char32_t first = 0;
    for (std::size_t i = b_; i < e_; i += n) {
      first = char_at(src_, i, &n);
      if (!is_hspace(first)) break;
    }
    const bool starts_soft = is_soft_punct(first);
    std::size_t spaces = 0;
    char32_t next = right_past_spaces(&spaces, &n);
    const bool soft_after = is_soft_punct(next) && n > 0;
    if (r.sentence_start) {
      if (soft_after) absorb(spaces + n);
    } else if ((soft_after || ends_soft) && parenthetical(r, starts_soft)) {
      if (soft_after) absorb(spaces + n);
      std::size_t lspaces = 0;
      std::size_t ln = 0;
      if (is_soft_punct(left_past_spaces(&lspaces, &ln)) && can_pop(lspaces + ln)) {
        pop(lspaces + ln);
      }
    } else if (soft_after && !starts_soft && !ends_soft) {
      absorb(spaces + n);  // "but obviously, we" -> "but we"
    }
    if (!r.sentence_start) return false;
    next = right_past_spaces(&spaces, &n);
    if (is_terminator(next) && n > 0) {
      // The phrase was the whole sentence: its terminator and the space
      // after it go too, and its line when it stood on a line of its own.
      absorb(spaces);
      for (char32_t c = right(&n); n > 0 && (is_terminator(c) || is_closer(c)); c = right(&n)) {
        absorb(n);
      }
      for (char32_t c = right(&n); n > 0 && is_hspace(c); c = right(&n)) absorb(n);
      std::size_t lspaces = 0;
      std::size_t ln = 0;
      const char32_t prev = left_past_spaces(&lspaces, &ln);
      if (is_newline(right(&n)) && (prev == 0 || is_newline(prev))) {
        if (can_pop(lspaces)) pop(lspaces);
        for (char32_t c = right(&n); n > 0 && text::is_space(c); c = right(&n)) absorb(n);
      }
      return false;
    }
    if (is_newline(next) && n > 0) {
      // The phrase was the rest of its line (a sentence ending in a mark
      // the phrase took): when it also started the line, the line goes,
      // and the blank lines after it with it.
      std::size_t lspaces = 0;
      std::size_t ln = 0;
      const char32_t prev = left_past_spaces(&lspaces, &ln);
      if (prev == 0 || is_newline(prev)) {
        if (can_pop(lspaces)) pop(lspaces);
        absorb(spaces);
        for (char32_t c = right(&n); n > 0 && text::is_space(c); c = right(&n)) absorb(n);
        return false;
      }
    }
    absorb(spaces);
    return r.capital_start;
  }

  // Whether a phrase between commas sat inside a clause, so that both
  // commas go with it ("The engineer, unfortunately, is late" -> "The
  // engineer is late"), rather than between clauses or after an address,
  // where one stays ("Listen, buddy, the fee stands" -> "Listen, the fee
  // stands"). Punctuation tells the two apart only so far: a one-word
  // phrase after a two- or three-word subject is taken to be inside.
  bool parenthetical(const Replacement& r, bool starts_soft) const {
    const std::string_view phrase = src_.substr(r.original.begin, r.original.size());
    if (words_in(phrase) != 1) return false;
    std::size_t spaces = 0;
    std::size_t n = 0;
    std::size_t begin = out_->size();
    if (!starts_soft) {
      if (!is_soft_punct(left_past_spaces(&spaces, &n))) return false;
      begin -= spaces + n;
    }
    // Words back to the previous punctuation or line break.
    const std::size_t end = begin;
    for (char32_t c; begin > 0 && !is_punct(c = char_before(*out_, begin, &n)) && !is_newline(c);) {
      begin -= n;
    }
    const std::size_t words = words_in(std::string_view(*out_).substr(begin, end - begin));
    return words >= 2 && words <= 3;
  }

  static std::size_t words_in(std::string_view s) {
    std::size_t words = 0;
    bool in_word = false;
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); i += n) {
      const bool w = is_wordish(char_at(s, i, &n));
      words += w && !in_word ? 1 : 0;
      in_word = w || (in_word && is_apostrophe(char_at(s, i)));
    }
    return words;
  }

  // Joins what precedes a deletion to what follows it: one space at most,
  // no space before punctuation or a line break, no ", ." or ",,".
  void close_seam() {
    // A comma left before a dash that follows goes: the dash joins the
    // clauses ("we can't, I'm afraid — units" -> "we can't — units").
    std::size_t ls = 0;
    std::size_t lc = 0;
    std::size_t rs = 0;
    std::size_t rd = 0;
    if (is_soft_punct(left_past_spaces(&ls, &lc)) && is_dash(right_past_spaces(&rs, &rd)) &&
        rd > 0 && can_pop(ls + lc)) {
      pop(ls + lc);
    }
    for (int guard = 0; guard < 16; ++guard) {
      std::size_t ln = 0;
      std::size_t rn = 0;
      const char32_t l = left(&ln);
      const char32_t r = right(&rn);
      const bool doubled_space = is_hspace(l) && is_hspace(r);
      // A space after a line start or a doubled one goes from the right;
      // so does a comma after a terminator.
      const bool take_right =
          rn > 0 && ((is_hspace(r) && (doubled_space || l == 0 || is_newline(l))) ||
                     (is_terminator(l) && is_soft_punct(r)));
      // A space or comma before punctuation, a line break or the end goes
      // from the left; so does a doubled space when the right is not ours.
      const bool end_or_punct = r == 0 || is_punct(r);
      // A dash left before a terminator or the end joined the clause that
      // went ("11am — there's nothing more to add." -> "11am.").
      const bool take_left = doubled_space || (is_hspace(l) && (end_or_punct || is_newline(r))) ||
                             (is_soft_punct(l) && end_or_punct) ||
                             (is_dash(l) && (end_or_punct || is_newline(r)));
      if (take_right) {
        absorb(rn);
      } else if (take_left && can_pop(ln)) {
        pop(ln);
      } else {
        return;
      }
    }
  }

  // Capitalises the word that now starts the sentence: in the original
  // (the edit grows to cover it) or at the start of the next replacement.
  void recapitalise() {
    std::size_t n = 0;
    const char32_t c = right(&n);
    if (n == 0) {
      if (k_ + 1 >= reps_.size() || reps_[k_ + 1].original.begin != e_) return;
      Replacement& next = reps_[k_ + 1];
      if (next.text.empty()) {
        next.sentence_start = true;  // the next deletion opens the sentence now
        next.capital_start = true;
      } else if (!next.capture_first && text::is_lower(char_at(next.text, 0))) {
        titlecase_at(&next.text, 0);
      }
      return;
    }
    if (!text::is_lower(c)) return;
    const std::size_t first = n;
    uint32_t end = e_ + static_cast<uint32_t>(n);
    for (char32_t d;
         end < limit_ && (text::is_letter(d = char_at(src_, end, &n)) || text::is_mark(d) ||
                          (is_apostrophe(d) && text::is_letter(char_at(src_, end + n))));) {
      end += static_cast<uint32_t>(n);
    }
    // A word with a capital inside ("iPhone", "eBay") is a name: left alone.
    for (std::size_t i = e_ + first; i < end;) {
      if (text::is_upper(text::decode_utf8(src_, &i))) return;
    }
    text_.assign(src_.substr(e_, end - e_));
    titlecase_at(&text_, 0);
    e_ = end;
  }

  // --- replacements ---------------------------------------------------------

  void fit_replacement() {
    keep_outer_punctuation();
    std::size_t n = 0;
    const char32_t last = char_before(text_, text_.size());
    const char32_t after = right(&n);
    // "Could you…?" over a phrase followed by "." keeps the question mark.
    if ((last == '?' || last == '!') && after == '.' && n > 0 && char_at(src_, e_ + 1) != '.') {
      absorb(n);
    } else {
      fit_punctuation(src_.substr(0, limit_), {b_, e_}, &text_);
    }
    drop_repeated_words();
    // A replacement that opens with punctuation does not stack on the
    // writer's: "fine," + ", which" -> "fine, which".
    const char32_t first = char_at(text_, 0, &n);
    std::size_t ln = 0;
    const char32_t before = left(&ln);
    if (is_punct(first) && is_punct(before)) {
      text_.erase(0, n);
      trim_spaces(&text_);
    } else if (is_punct(first) && is_hspace(before) && can_pop(ln)) {
      pop(ln);
    }
  }

  // Spaces at the phrase's edges, and punctuation there when the
  // replacement brings none of its own, stay the writer's: "Not my job,
  // sorry" -> "Let me help with that, sorry".
  void keep_outer_punctuation() {
    std::size_t n = 0;
    const bool own_end = is_punct(char_before(text_, text_.size()));
    const bool own_start = is_punct(char_at(text_, 0));
    for (char32_t c; e_ > b_ && (is_hspace(c = char_before(src_, e_, &n)) ||
                                 (!own_end && (is_punct(c) || is_closer(c))));) {
      e_ -= static_cast<uint32_t>(n);
    }
    const uint32_t from = b_;
    for (char32_t c;
         b_ < e_ && (is_hspace(c = char_at(src_, b_, &n)) || (!own_start && is_punct(c)));) {
      b_ += static_cast<uint32_t>(n);
    }
    out_->append(src_.substr(from, b_ - from));
  }

  // A word the replacement repeats across a seam is said once: "That's a"
  // + "a fair question" -> "That's a fair question".
  void drop_repeated_words() {
    const std::string_view before = last_word(*out_, out_->size());
    const std::string_view first = first_word(text_, 0);
    if (!first.empty() && first.size() < text_.size() && same_word(before, first)) {
      std::size_t cut = first.size();
      std::size_t n = 0;
      while (cut < text_.size() && is_hspace(char_at(text_, cut, &n))) cut += n;
      if (cut < text_.size() && is_wordish(char_at(text_, cut))) text_.erase(0, cut);
    }
    const std::string_view after = first_word(src_.substr(0, limit_), e_ + space_after());
    const std::string_view last = last_word(text_, text_.size());
    if (!last.empty() && last.size() < text_.size() && same_word(last, after)) {
      std::size_t cut = text_.size() - last.size();
      std::size_t n = 0;
      while (cut > 0 && is_hspace(char_before(text_, cut, &n))) cut -= n;
      if (cut > 0 && is_wordish(char_before(text_, cut))) text_.resize(cut);
    }
  }

  // Bytes of space within the line right after the edit.
  std::size_t space_after() const {
    std::size_t at = e_;
    std::size_t n = 0;
    while (at < limit_ && is_hspace(char_at(src_, at, &n))) at += n;
    return at - e_;
  }

  std::string_view src_;
  std::vector<Replacement>& reps_;
  std::vector<Edit>* edits_;
  std::string* out_;
  std::size_t k_ = 0;          // the replacement being placed
  uint32_t prev_end_ = 0;      // end of the previous edit in src_
  std::size_t gap_start_ = 0;  // out_ offset of the bytes copied since it
  std::size_t floor_ = 0;      // how far back this edit may pop
  bool lender_ = false;        // the previous edit deleted, and was kept
  std::size_t lender_floor_ = 0;
  uint32_t b_ = 0;
  uint32_t e_ = 0;
  uint32_t limit_ = 0;  // start of the next replacement
  std::string text_;
};

}  // namespace

void fit_punctuation(std::string_view original, text::Range span, std::string* text) {
  trim_spaces(text);
  if (!is_punct(char_at(original, span.end))) return;
  std::size_t n = 0;
  std::size_t end = text->size();
  while (end > 0 && is_punct(char_before(*text, end, &n))) end -= n;
  if (end == 0) return;  // nothing but punctuation: leave it to the caller
  text->resize(end);
  trim_spaces(text);
}

void splice(std::string_view original, std::vector<Replacement>* replacements,
            std::vector<Edit>* edits, std::string* out) {
  Splicer(original, replacements, edits, out).run();
}

}  // namespace tact::rewrite
